"""Helpers for the batch tests: small synthetic articles, WARC files, and an engine child with planted faults."""

from __future__ import annotations

import contextlib
import io
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

FAULT_CHILD = [sys.executable, str(Path(__file__).with_name("batch_fault_child.py"))]


def article(title: str, paras: list[str], url: str = "https://news.example.com/a", *, site: str = "Example News") -> str:
    """A small news page the extract stage reads as an article (its canonical link gives its URL)."""
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f'<link rel="canonical" href="{url}"><meta property="og:site_name" content="{site}"></head>'
            f'<body><header><a href="/">{site}</a></header><article><h1>{title}</h1>{body}</article>'
            f"<footer>Copyright {site}</footer></body></html>")


SPEAKERS = ("Maria Lopez", "John Carter", "Anna Berg", "Peter Novak", "Laura Chen", "David Okafor")


def story(n: int, marker: str = "", host: str = "news.example.com") -> tuple[str, str]:
    """(url, html) of the n-th synthetic story; ``marker`` is planted in its text (see batch_fault_child.py)."""
    url = f"https://{host}/story/{n}"
    paras = [f"The city council of town number {n} approved the new budget on Tuesday after a long debate about parks.",
             f'"This budget is a turning point for our neighbourhoods," said {SPEAKERS[n % len(SPEAKERS)]}, the council\'s finance chair.',
             "Some experts believe that the plan underestimates the cost of repairing the bridges over the river.",
             f"The budget takes effect next month and will be reviewed in the spring, officials said on Tuesday. {marker}"]
    return url, article(f"Council {n} approves budget", paras, url)


def write_warc(path: Path, records: list[tuple], *, gzip: bool = True) -> None:
    """A WARC file: records are ('response', url, status, content_type, body bytes), ('request', url) or
    ('resource', url, content_type, body bytes)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for rec in records:
            if rec[0] == "response":
                _, url, status, ctype, body = rec
                http = StatusAndHeaders(f"{status} X", [("Content-Type", ctype)], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))
            elif rec[0] == "request":
                http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.com")], is_http_request=True)
                writer.write_record(writer.create_warc_record(rec[1], "request", payload=io.BytesIO(b""), http_headers=http))
            else:
                _, url, ctype, body = rec
                writer.write_record(writer.create_warc_record(url, "resource", payload=io.BytesIO(body),
                                                              warc_content_type=ctype))


class _StoryHandler(BaseHTTPRequestHandler):
    """/story/N: the N-th synthetic story; /robots.txt: the server's ``robots`` (text, or (status, body)) if set;
    anything else 404. Each request is logged (host, path, start, end)."""

    def do_GET(self):  # noqa: N802 - http.server's name
        host, port = self.server.server_address[:2]
        start = time.monotonic()
        time.sleep(0.05)  # a little work, so that overlapping requests would show
        robots = getattr(self.server, "robots", None)
        if self.path == "/robots.txt" and robots is not None:
            status, body = robots if isinstance(robots, tuple) else (200, robots.encode())
            self.send_response(status)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path.startswith("/story/"):
            body = story(int(self.path.rsplit("/", 1)[1]), host=f"{host}:{port}")[1].encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
        with self.server.lock:
            self.server.log.append((host, self.path, start, time.monotonic()))

    def log_message(self, *args):  # quiet
        pass


@contextlib.contextmanager
def story_servers(*hosts: str):
    """HTTP servers of synthetic stories on loopback addresses (skips the test when one cannot listen)."""
    made = []
    try:
        for host in hosts:
            try:
                srv = ThreadingHTTPServer((host, 0), _StoryHandler)
            except OSError:
                pytest.skip(f"cannot listen on {host}")
            srv.log, srv.lock = [], threading.Lock()
            threading.Thread(target=srv.serve_forever, daemon=True).start()
            made.append(srv)
        yield made
    finally:
        for srv in made:
            srv.shutdown()
            srv.server_close()
