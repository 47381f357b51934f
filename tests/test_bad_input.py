"""Bad input gets a clear answer: 'not an article' or a JSON error, never a 500 or a hang."""

import json

import pytest


def analyze(client, auth, html, url="https://news.example/2024/05/story"):
    payload = json.dumps({"url": url, "html": html, "no_cache": True})
    return client.post("/v1/analyze", data=payload, content_type="application/json", headers=auth)


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("", "empty"),
        ("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj", "no main text"),
        ("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "no main text"),
        ("{\"json\": \"not html\"}", "no main text"),
        ("<html><body><nav><a href='/'>Home</a></nav></body></html>", "no main text"),  # (a menu is never the main text)
    ],
)
def test_not_html_or_empty_is_not_an_article(client, auth, html, reason):
    r = analyze(client, auth, html)
    assert r.status_code == 200
    art = r.get_json()["article"]
    assert art["is_article"] is False and reason in art["not_article_reason"]


def test_lone_surrogates_in_json(client, auth):
    body = '{"url": "https://news.example/a", "html": "<html><body><p>broken \\ud800 text \\udfff here</p></body></html>"}'
    r = client.post("/v1/analyze", data=body, content_type="application/json", headers=auth)
    assert r.status_code == 200
    assert r.get_json()["article"]["is_article"] is False


def test_invalid_utf8_bytes_in_body(client, auth):
    body = b'{"url": "https://news.example/a", "html": "<p>\xff\xfe bad bytes</p>"}'
    r = client.post("/v1/analyze", data=body, content_type="application/json", headers=auth)
    assert r.status_code == 400 and r.get_json()["error"]["code"] == "bad_request"


def test_ten_megabyte_page_is_413(client, auth):
    para = "<p>" + "All work and no play makes a very long page. " * 200 + "</p>"
    html = "<html><body><article>" + para * (10 * 1024 * 1024 // len(para) + 1) + "</article></body></html>"
    assert len(html) > 10 * 1024 * 1024
    r = analyze(client, auth, html)
    assert r.status_code == 413 and "limit" in r.get_json()["error"]["message"]


def test_large_page_under_limit_is_analysed_with_text_cut(client, auth):
    paras = "".join(f"<p>Section {i}: " + f"The committee reviewed item {i} of the annual report and approved it. " * 40 + "</p>"
                    for i in range(1000))
    html = "<html><body><article><h1>Long report</h1>" + paras + "</article></body></html>"
    assert 2_000_000 < len(html) < 8 * 1024 * 1024
    r = analyze(client, auth, html)
    assert r.status_code == 200
    doc = r.get_json()
    assert doc["article"]["is_article"] is True
    assert any("characters of the text were read" in w for w in doc["warnings"])


def test_deeply_nested_and_nul_bytes(client, auth):
    html = "<div>" * 5000 + "<p>deep\x00text</p>" + "</div>" * 5000
    r = analyze(client, auth, html)
    assert r.status_code == 200 and r.get_json()["article"]["is_article"] is False


def test_hostile_markup(client, auth):
    html = ('<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            "<html><body><script>while(1){}</script><p onload='x'>&b;&b;&b;</p>"
            "<img src=x onerror=alert(1)>" + "<p " + " ".join(f"a{i}='v'" for i in range(20000)) + ">x</p></body></html>")
    r = analyze(client, auth, html)
    assert r.status_code == 200
    assert r.get_json()["article"]["is_article"] is False
