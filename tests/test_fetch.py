"""The CLI's fetcher, against a mock transport and a fake resolver: never the network (not even DNS)."""

import functools

import httpx
import pytest

from backstory import fetch as fetch_module
from backstory.errors import FetchError, TooLarge
from backstory.fetch import decode

PUBLIC_IP = "93.184.215.14"  # a global address for the fake resolver; the mock transport never connects anywhere


def fake_resolver(host, port):
    return [PUBLIC_IP]


fetch = functools.partial(fetch_module.fetch, resolver=fake_resolver)


def transport(routes):
    """Route on the name the request was meant for (the URL itself carries the pinned IP)."""
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.host == PUBLIC_IP
        return routes[f"{request.url.scheme}://{request.headers['Host']}{request.url.raw_path.decode()}"](request)
    return httpx.MockTransport(handler)


def html_response(body: bytes, ctype="text/html; charset=utf-8", **headers):
    return lambda request: httpx.Response(200, content=body, headers={"Content-Type": ctype, **headers})


def test_fetch_follows_redirects_and_decodes():
    routes = {
        "https://a.example/start": lambda r: httpx.Response(301, headers={"Location": "/final"}),
        "https://a.example/final": html_response("<p>café</p>".encode("latin-1"), "text/html; charset=iso-8859-1"),
    }
    url, html = fetch("https://a.example/start", timeout_s=5, max_bytes=10_000, transport=transport(routes))
    assert url == "https://a.example/final" and html == "<p>café</p>"


def test_redirect_to_other_scheme_refused():
    routes = {"https://a.example/x": lambda r: httpx.Response(302, headers={"Location": "file:///etc/passwd"})}
    with pytest.raises(FetchError, match="http"):
        fetch("https://a.example/x", timeout_s=5, max_bytes=10_000, transport=transport(routes))


def test_redirect_loop_stops():
    routes = {"https://a.example/x": lambda r: httpx.Response(302, headers={"Location": "/x"})}
    with pytest.raises(FetchError, match="redirects"):
        fetch("https://a.example/x", timeout_s=5, max_bytes=10_000, transport=transport(routes))


def test_size_cap_with_and_without_content_length():
    big = b"<p>" + b"x" * 5000 + b"</p>"
    with pytest.raises(TooLarge):
        fetch("https://a.example/x", timeout_s=5, max_bytes=1000,
              transport=transport({"https://a.example/x": html_response(big)}))

    def chunked(request):
        return httpx.Response(200, headers={"Content-Type": "text/html"}, content=iter([b"x" * 600, b"y" * 600]))
    with pytest.raises(TooLarge):
        fetch("https://a.example/x", timeout_s=5, max_bytes=1000, transport=transport({"https://a.example/x": chunked}))


@pytest.mark.parametrize("url", ["ftp://a.example/x", "file:///etc/passwd", "javascript:alert(1)", "a.example/x"])
def test_only_http(url):
    with pytest.raises(FetchError):
        fetch(url, timeout_s=5, max_bytes=1000, transport=transport({}))


def test_errors_are_readable():
    def timeout(request):
        raise httpx.ReadTimeout("slow", request=request)
    routes = {"https://a.example/slow": timeout,
              "https://a.example/404": lambda r: httpx.Response(404),
              "https://a.example/pdf": html_response(b"%PDF", "application/pdf")}
    t = transport(routes)
    with pytest.raises(FetchError, match="timed out"):
        fetch("https://a.example/slow", timeout_s=1, max_bytes=1000, transport=t)
    with pytest.raises(FetchError, match="404"):
        fetch("https://a.example/404", timeout_s=1, max_bytes=1000, transport=t)
    with pytest.raises(FetchError, match="not a web page"):
        fetch("https://a.example/pdf", timeout_s=1, max_bytes=1000, transport=t)


def test_decode_prefers_header_then_meta():
    assert decode("é".encode("cp1252"), "cp1252") == "é"
    assert decode(b'<meta charset="iso-8859-1"><p>\xe9</p>', None).endswith("<p>é</p>")
    assert decode(b"\xff\xfe broken", None) == "\ufffd\ufffd broken"
