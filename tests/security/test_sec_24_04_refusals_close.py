"""Issue 24 item 4 — a refused connection is closed by the server, so refused clients (a DNS-rebinding page
re-sending a request every 20 s on 30 connections) cannot hold waitress's connection slots and lock the
paired browser out."""

import concurrent.futures
import socket

import pytest

from conftest import TOKEN
from security_helpers import ThreadedServer, read_all, status_of

HELD = 30  # waitress's connection_limit is 32: 30 held refusals leave two slots for everyone else


@pytest.fixture()
def srv(settings, engine):
    """Our server with the production waitress options (connection limit, channel timeout)."""
    from backstory.server import create_app

    s = ThreadedServer(lambda st: create_app(st, engine=engine, token=TOKEN), settings)
    yield s
    s.close()


def request(port: int, host: str, token: str | None = TOKEN) -> bytes:
    auth = f"Authorization: Bearer {token}\r\n" if token else ""
    return f"GET /v1/health HTTP/1.1\r\nHost: {host}\r\n{auth}\r\n".encode()


def read_one(s: socket.socket) -> bytes:
    """One whole response (headers, then Content-Length bytes of body) from a kept-alive connection."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = s.recv(65536)
        assert chunk, "the server hung up"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = int(next(line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")))
    while len(body) < length:
        body += s.recv(65536)
    return head + b"\r\n\r\n" + body


@pytest.mark.parametrize("kind", ["wrong host", "no token", "web origin"])
def test_a_refusal_closes_the_connection(srv, kind):
    data = {"wrong host": request(srv.port, f"evil.example:{srv.port}"),
            "no token": request(srv.port, f"127.0.0.1:{srv.port}", token=None),
            "web origin": request(srv.port, f"127.0.0.1:{srv.port}").replace(b"\r\n\r\n", b"\r\nOrigin: https://evil.example\r\n\r\n")}[kind]
    with socket.create_connection(("127.0.0.1", srv.port), timeout=10) as s:
        s.sendall(data)
        # read_all returns when the server hangs up; a connection kept open would time out here instead
        response = read_all(s)
    assert status_of(response) in (401, 403)
    assert b"\r\nConnection: close\r\n" in response


def test_an_accepted_request_keeps_its_connection(srv):
    with socket.create_connection(("127.0.0.1", srv.port), timeout=10) as s:
        for _ in range(2):  # two requests on one connection: keep-alive still works for the paired client
            s.sendall(request(srv.port, f"127.0.0.1:{srv.port}"))
            response = read_one(s)
            assert status_of(response) == 200 and b"Connection: close" not in response


def test_thirty_held_refusals_do_not_delay_the_paired_client(srv):
    held = []
    try:
        for _ in range(HELD):
            s = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
            s.sendall(request(srv.port, f"evil.example:{srv.port}"))
            assert status_of(read_one(s)) == 403
            held.append(s)  # the attacker never hangs up
        # the browser opens a few connections at once (panel, background worker, options page)

        def paired(_):
            with socket.create_connection(("127.0.0.1", srv.port), timeout=10) as c:
                c.sendall(request(srv.port, f"127.0.0.1:{srv.port}"))
                return status_of(read_one(c))

        with concurrent.futures.ThreadPoolExecutor(6) as pool:
            # 10 s each: the server answers in milliseconds; before the fix, the connections beyond the
            # two free slots waited for channel_timeout (30 s) to free a held one
            assert list(pool.map(paired, range(6))) == [200] * 6
        for s in held:  # and the server has hung up on every refused connection
            assert s.recv(65536) == b""
    finally:
        for s in held:
            s.close()
