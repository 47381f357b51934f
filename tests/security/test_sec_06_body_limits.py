"""Item 6 — bodies over the limit (with or without Content-Length) get 413 before they are read;
slow senders get 408 and are cut off; memory stays bounded (waitress spools, we never buffer more
than the limit)."""

import json
import socket
import time

import pytest

from conftest import TOKEN
from security_helpers import ThreadedServer, raw_request, read_all, status_of


@pytest.fixture(scope="module")
def srv(settings, engine):
    """Our server on a free port, with a small body limit and a short request deadline for the test."""
    import dataclasses

    from backstory.server import create_app

    small = dataclasses.replace(settings, max_body_bytes=64 * 1024)
    s = ThreadedServer(lambda st: create_app(st, engine=engine, token=TOKEN), small,
                       deadline_s=1.0, cleanup_interval=1, channel_timeout=2)
    yield s
    s.close()


def head(port, extra: str) -> bytes:
    return (f"POST /v1/analyze HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {TOKEN}\r\n"
            f"Content-Type: application/json\r\n{extra}\r\n").encode()


def test_declared_length_over_the_limit_is_413_without_reading_it(srv):
    response = raw_request(srv.port, head(srv.port, "Content-Length: 10000000000\r\n"))
    assert status_of(response) == 413


def test_chunked_body_over_the_limit_is_413(srv):
    chunk = b"x" * 16384
    body = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(8)) + b"0\r\n\r\n"
    with socket.create_connection(("127.0.0.1", srv.port), timeout=20) as s:
        s.sendall(head(srv.port, "Transfer-Encoding: chunked\r\n"))
        try:
            s.sendall(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server may hang up as soon as the limit is crossed
        assert status_of(read_all(s)) == 413


def test_body_at_the_limit_is_accepted(srv):
    payload = json.dumps({"url": "https://a.example/x", "html": "<p>" + "a" * (60 * 1024) + "</p>", "no_cache": True}).encode()
    assert len(payload) <= 64 * 1024
    response = raw_request(srv.port, head(srv.port, f"Content-Length: {len(payload)}\r\nConnection: close\r\n") + payload)
    assert status_of(response) == 200


def test_slow_sender_gets_408(srv):
    """A byte every 0.2 s never looks idle to channel_timeout; the request deadline cuts it."""
    with socket.create_connection(("127.0.0.1", srv.port), timeout=20) as s:
        s.sendall(head(srv.port, "Content-Length: 1000\r\n"))
        got = b""
        for _ in range(100):  # would take 20 s to finish; the deadline is 1 s
            try:
                s.sendall(b" ")
            except (BrokenPipeError, ConnectionResetError):
                break
            s.settimeout(0.2)
            try:
                got += s.recv(4096)
            except socket.timeout:
                continue
            if got:
                break
        s.settimeout(5)
        got += read_all(s)
    assert status_of(got) == 408 and b'"timeout"' in got


def test_slow_headers_get_408(srv):
    with socket.create_connection(("127.0.0.1", srv.port), timeout=20) as s:
        s.sendall(b"GET /v1/health HTTP/1.1\r\n")
        got = b""
        for i in range(100):
            try:
                s.sendall(f"X-Slow-{i}: x\r\n".encode())
            except (BrokenPipeError, ConnectionResetError):
                break
            time.sleep(0.2)
            s.setblocking(False)
            try:
                got += s.recv(4096)
            except BlockingIOError:
                pass
            finally:
                s.setblocking(True)
            if got:
                break
        s.settimeout(5)
        got += read_all(s)
    assert status_of(got) == 408


def test_silent_connection_is_closed(srv):
    with socket.create_connection(("127.0.0.1", srv.port), timeout=30) as s:
        assert read_all(s) == b""  # closed by channel_timeout, nothing sent


def test_flask_limit_behind_waitress(client, auth, settings):
    """Even without waitress in front (the test client), the app refuses a body over the limit."""
    big = json.dumps({"url": "https://a.example/x", "html": "x" * (settings.max_body_bytes + 1)})
    r = client.post("/v1/analyze", data=big, content_type="application/json", headers=auth)
    assert r.status_code == 413 and r.get_json()["error"]["code"] == "too_large"
