"""Item 7 — only decoded text reaches trafilatura: compressed request bodies and compressed pages
are refused, never inflated (trafilatura's bytes path decompresses gzip/zstd/brotli without a cap)."""

import gzip
import json
import zlib

import httpx
import pytest
import trafilatura

from backstory import extract
from backstory.errors import FetchError
from backstory.fetch import fetch

BOMB = gzip.compress(b"\x00" * (20 * 1024 * 1024))  # 20 MiB of zeros in ~20 KiB


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br", "zstd", "compress", "x-gzip", "gzip, identity", "GZIP"])
def test_content_encoding_refused(client, auth, encoding):
    r = client.post("/v1/analyze", data=BOMB, content_type="application/json", headers=auth | {"Content-Encoding": encoding})
    assert r.status_code == 415 and r.get_json()["error"]["code"] == "unsupported_media_type"


def test_compressed_bytes_without_the_header_are_not_json(client, auth):
    r = client.post("/v1/analyze", data=BOMB, content_type="application/json", headers=auth)
    assert r.status_code == 400 and r.get_json()["error"]["code"] == "bad_request"


@pytest.mark.parametrize("payload", [BOMB, zlib.compress(b"<p>x</p>" * 100000)])
def test_compressed_bytes_inside_the_html_field_stay_text(client, auth, monkeypatch, payload):
    """A page whose 'html' is compressed bytes (as latin-1 text): trafilatura gets a str, nothing is inflated."""
    seen = []
    real = trafilatura.bare_extraction

    def spy(filecontent, *a, **k):
        seen.append(type(filecontent))
        return real(filecontent, *a, **k)

    monkeypatch.setattr(extract.trafilatura, "bare_extraction", spy)
    body = json.dumps({"url": "https://a.example/x", "html": payload.decode("latin-1"), "no_cache": True})
    r = client.post("/v1/analyze", data=body, content_type="application/json", headers=auth)
    assert r.status_code in (200, 413)
    assert seen in ([str], [])
    if r.status_code == 200:
        assert r.get_json()["article"]["is_article"] is False


@pytest.fixture(scope="module")
def compressing_server():
    """A local server (127.0.0.1 only) that answers every GET with the bomb and the encoding asked for in the path."""
    import http.server
    import threading

    seen = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            seen.append(self.headers.get("Accept-Encoding"))
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Encoding", self.path.strip("/"))
            self.send_header("Content-Length", str(len(BOMB)))
            self.end_headers()
            self.wfile.write(BOMB)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd.server_address[1], seen
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("encoding", ["gzip", "br", "zstd", "deflate", "x-gzip"])
def test_fetch_refuses_compressed_pages(compressing_server, encoding):
    port, seen = compressing_server
    with pytest.raises(FetchError, match="compressed"):
        fetch(f"http://127.0.0.1:{port}/{encoding}", timeout_s=10, max_bytes=50_000_000, allow_private=True)
    assert seen[-1] == "identity"
