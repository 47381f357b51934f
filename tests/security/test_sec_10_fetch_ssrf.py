"""Item 10 — `backstory check URL` cannot be pointed into the user's own network.

Fake resolvers and mock transports stand in for DNS and the internet; the only real sockets are
local servers on 127.0.0.1. No test sends anything to any other address (conftest blocks it too)."""

import http.server
import threading

import httpx
import pytest

from backstory import cli
from backstory import fetch as fetch_module
from backstory.errors import FetchError
from backstory.fetch import fetch, refusal

PUBLIC = "93.184.215.14"
PUBLIC6 = "2606:2800:21f:cb07:6820:80da:af6b:8b2c"

BLOCKED = ["127.0.0.1", "127.255.255.254", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
           "169.254.1.1", "100.64.0.1", "100.127.255.254", "0.0.0.0", "0.1.2.3", "224.0.0.1", "239.255.255.250",
           "255.255.255.255", "240.0.0.1", "192.0.0.8", "198.18.0.1", "192.0.2.1", "198.51.100.1", "203.0.113.1",
           "::", "::1", "fe80::1", "fe80::1%eth0", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:127.0.0.1",
           "::ffff:10.0.0.1", "::ffff:8.8.8.8", "::127.0.0.1", "2002:7f00:1::1", "2002:c0a8:101::1", "64:ff9b::7f00:1",
           "2001:0:4136:e378:8000:63bf:3fff:fdd2", "2001:db8::1", "fec0::1", "100::1"]


@pytest.mark.parametrize("address", BLOCKED)
def test_non_global_addresses_are_refused(address):
    assert refusal(address) is not None


@pytest.mark.parametrize("address", [PUBLIC, "8.8.8.8", "1.1.1.1", PUBLIC6, "2a00:1450:4001:81b::200e"])
def test_global_addresses_pass(address):
    assert refusal(address) is None


class Recorder:
    """A mock transport that records what would have been sent and answers a small page."""

    def __init__(self, routes=None):
        self.requests = []
        self.routes = routes or {}

    def __call__(self, request):
        self.requests.append(request)
        key = f"{request.headers['Host']}{request.url.raw_path.decode()}"
        if key in self.routes:
            return self.routes[key](request)
        return httpx.Response(200, content=b"<p>hello</p>", headers={"Content-Type": "text/html"})

    def transport(self):
        return httpx.MockTransport(self)


def resolver_for(table):
    calls = []

    def resolve(host, port):
        calls.append(host)
        return table[host]

    resolve.calls = calls
    return resolve


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/", "http://127.1/", "http://0177.0.0.1/", "http://2130706433/", "http://0x7f000001/",
    "http://0x7f.1/", "http://017700000001/", "http://127.0.0.1./", "http://[::1]/", "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/", "http://169.254.169.254/latest/meta-data/", "http://[fe80::1%25eth0]/",
    "http://0/", "http://10.0.0.1:8080/admin", "https://100.64.0.1/", "http://[2002:7f00:1::1]/", "http://192.168.0.1/",
])
def test_literal_and_oddly_encoded_private_hosts(url):
    """Numeric hosts are decoded the way the C resolver would (inet_aton) and checked as what they are."""
    rec = Recorder()
    resolver = resolver_for({})
    with pytest.raises(FetchError, match="refusing|not a valid"):
        fetch(url, timeout_s=5, max_bytes=10_000, transport=rec.transport(), resolver=resolver)
    assert rec.requests == [] and resolver.calls == []  # nothing sent, and no DNS asked about a number


@pytest.mark.parametrize("answers", [["127.0.0.1"], ["10.0.0.7"], [PUBLIC, "192.168.1.1"], ["::1"], [PUBLIC6, "fd00::1"],
                                     ["::ffff:169.254.169.254"], ["100.100.100.200"]])
def test_names_resolving_to_private_addresses(answers):
    """Every address must be global: one private answer among public ones is enough to refuse."""
    rec = Recorder()
    with pytest.raises(FetchError, match="refusing"):
        fetch("https://rebind.example/", timeout_s=5, max_bytes=10_000, transport=rec.transport(),
              resolver=resolver_for({"rebind.example": answers}))
    assert rec.requests == []


def test_connection_is_pinned_to_the_checked_address():
    """The request goes to the IP that was checked; the name stays in Host and in TLS (SNI, certificate)."""
    rec = Recorder()
    resolver = resolver_for({"news.example": [PUBLIC]})
    url, html = fetch("https://news.example/a?b=1", timeout_s=5, max_bytes=10_000, transport=rec.transport(), resolver=resolver)
    assert html == "<p>hello</p>" and url == "https://news.example/a?b=1"
    (req,) = rec.requests
    assert req.url.host == PUBLIC and req.url.scheme == "https" and req.url.raw_path == b"/a?b=1"
    assert req.headers["Host"] == "news.example"
    assert req.extensions["sni_hostname"] == "news.example"
    assert resolver.calls == ["news.example"]  # resolved once, no second lookup to rebind


def test_pinning_keeps_ports_and_ipv6():
    rec = Recorder()
    fetch("http://news.example:8080/x", timeout_s=5, max_bytes=10_000, transport=rec.transport(),
          resolver=resolver_for({"news.example": [PUBLIC6]}))
    (req,) = rec.requests
    assert req.url.host == PUBLIC6 and req.url.port == 8080 and req.headers["Host"] == "news.example:8080"


@pytest.mark.parametrize("location", ["http://internal.example/", "http://127.0.0.1:8765/v1/health", "http://169.254.169.254/",
                                      "http://2130706433/", "file:///etc/passwd", "gopher://news.example/", "//10.0.0.1/x"])
def test_each_redirect_hop_is_checked_again(location):
    rec = Recorder({"news.example/start": lambda r: httpx.Response(302, headers={"Location": location})})
    with pytest.raises(FetchError):
        fetch("https://news.example/start", timeout_s=5, max_bytes=10_000, transport=rec.transport(),
              resolver=resolver_for({"news.example": [PUBLIC], "internal.example": ["10.0.0.5"]}))
    assert len(rec.requests) == 1  # the redirect was never followed


def test_public_redirect_is_followed_and_pinned_again():
    rec = Recorder({"news.example/start": lambda r: httpx.Response(301, headers={"Location": "https://mirror.example/final"})})
    resolver = resolver_for({"news.example": [PUBLIC], "mirror.example": ["8.8.4.4"]})
    url, _ = fetch("https://news.example/start", timeout_s=5, max_bytes=10_000, transport=rec.transport(), resolver=resolver)
    assert url == "https://mirror.example/final"
    assert [r.url.host for r in rec.requests] == [PUBLIC, "8.8.4.4"] and resolver.calls == ["news.example", "mirror.example"]


@pytest.mark.parametrize("url", ["http://user:pw@news.example/", "http://news.example@127.0.0.1/", "ftp://news.example/",
                                 "javascript:alert(1)", "data:text/html,<p>x</p>", "http:///x", "http://news.example:99999/"])
def test_url_shapes_refused(url):
    rec = Recorder()
    with pytest.raises(FetchError):
        fetch(url, timeout_s=5, max_bytes=10_000, transport=rec.transport(), resolver=resolver_for({"news.example": [PUBLIC]}))
    assert rec.requests == []


def test_tls_verification_always_on_and_no_proxy_from_env(monkeypatch):
    seen = {}
    real = httpx.Client

    def spy(*a, **kw):
        seen.update(kw)
        return real(*a, **kw)

    monkeypatch.setattr(fetch_module.httpx, "Client", spy)
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    fetch("https://news.example/", timeout_s=5, max_bytes=10_000, transport=Recorder().transport(),
          resolver=resolver_for({"news.example": [PUBLIC]}))
    assert seen["verify"] is True and seen["trust_env"] is False and seen["follow_redirects"] is False


def test_total_time_is_capped():
    """A server that drips its page slower than the limit is cut, whatever each read's timeout."""
    import time

    def drip(request):
        def body():
            for _ in range(50):
                time.sleep(0.05)
                yield b"<p>x</p>"
        return httpx.Response(200, headers={"Content-Type": "text/html"}, content=body())

    rec = Recorder({"news.example/": drip})
    with pytest.raises(FetchError, match="timed out"):
        fetch("https://news.example/", timeout_s=0.5, max_bytes=10_000_000, transport=rec.transport(),
              resolver=resolver_for({"news.example": [PUBLIC]}))


@pytest.fixture()
def local_page():
    """A real page server on 127.0.0.1 (the only real network the tests use)."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            body = b"<html><body><p>private page</p></body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd.server_address[1], hits
    httpd.shutdown()
    httpd.server_close()


def test_local_server_refused_by_default_allowed_with_the_flag(local_page):
    port, hits = local_page
    with pytest.raises(FetchError, match="allow-private"):
        fetch(f"http://127.0.0.1:{port}/page", timeout_s=5, max_bytes=10_000)
    assert hits == []  # refused before connecting
    url, html = fetch(f"http://127.0.0.1:{port}/page", timeout_s=5, max_bytes=10_000, allow_private=True)
    assert "private page" in html and hits == ["/page"]


def test_cli_check_refuses_private_urls(local_page, capsys):
    port, hits = local_page
    assert cli.main(["check", f"http://127.0.0.1:{port}/page"]) == cli.EXIT_ERROR
    assert "--allow-private" in capsys.readouterr().err and hits == []
    assert cli.main(["check", f"HTTP://0x7f000001:{port}/page"]) == cli.EXIT_ERROR
    assert hits == []


@pytest.fixture()
def self_signed_https(tmp_path):
    """An HTTPS server on 127.0.0.1 whose certificate (for news.example) no CA vouches for."""
    import shutil
    import ssl
    import subprocess

    if not shutil.which("openssl"):
        pytest.skip("openssl not installed")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "1", "-subj", "/CN=news.example", "-addext", "subjectAltName=DNS:news.example"],
                   check=True, capture_output=True, timeout=60)
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<p>should never be read</p>")

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    httpd.socket = ctx.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd.server_address[1], hits
    httpd.shutdown()
    httpd.server_close()


def test_untrusted_certificate_is_refused_through_the_pinned_connection(self_signed_https):
    """The pinned connection still verifies TLS: a certificate no CA signed ends the fetch, no retry without checks."""
    port, hits = self_signed_https
    with pytest.raises(FetchError, match="(?i)certificate|ssl"):
        fetch(f"https://news.example:{port}/", timeout_s=10, max_bytes=10_000, allow_private=True,
              resolver=lambda host, p: ["127.0.0.1"])
    assert hits == []
