"""Item 1 — DNS rebinding: only an exact loopback Host with our port is answered.

A page on evil.example whose DNS name is rebound to 127.0.0.1 sends ``Host: evil.example:PORT``;
it is refused before the token is even looked at."""

import pytest

from conftest import TOKEN
from security_helpers import ThreadedServer, raw_request, status_of

REFUSED = ["evil.example:{port}", "", ":{port}", "LOCALHOST.:{port}", "localhost.:{port}", "127.1:{port}",
           "0x7f000001:{port}", "2130706433:{port}", "0177.0.0.1:{port}", "LOCALHOST:{port}", "127.0.0.2:{port}",
           "[::ffff:127.0.0.1]:{port}", "127.0.0.1:{port}.evil.example", "127.0.0.1:{port}@evil.example",
           "evil.example@127.0.0.1:{port}", "127.0.0.1", "localhost", "127.0.0.1:1", "127.0.0.1:{port} ",
           "127.0.0.1:0{port}"]


@pytest.mark.parametrize("host", REFUSED)
def test_host_not_in_allowlist_is_refused(client, settings, host):
    r = client.get("/v1/health", headers={"Authorization": f"Bearer {TOKEN}", "Host": host.format(port=settings.port)})
    assert r.status_code == 403
    assert r.get_json()["error"]["code"] == "forbidden_host"


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "[::1]:{port}"])
def test_exact_loopback_hosts_are_answered(client, settings, host):
    r = client.get("/v1/health", headers={"Authorization": f"Bearer {TOKEN}", "Host": host.format(port=settings.port)})
    assert r.status_code == 200


def test_forwarded_host_headers_are_ignored(client, auth):
    """Proxy headers cannot smuggle another host in (or make a refused one pass)."""
    r = client.get("/v1/health", headers=auth | {"X-Forwarded-Host": "evil.example", "Forwarded": "host=evil.example"})
    assert r.status_code == 200
    r = client.get("/v1/health", headers={"Authorization": f"Bearer {TOKEN}", "Host": "evil.example:1",
                                          "X-Forwarded-Host": auth["Host"]})
    assert r.status_code == 403


@pytest.fixture(scope="module")
def real_server(settings, engine):
    from backstory.server import create_app

    srv = ThreadedServer(lambda s: create_app(s, engine=engine, token=TOKEN), settings)
    yield srv
    srv.close()


@pytest.mark.parametrize("host_line", [b"", b"Host: evil.example:{port}\r\n", b"Host:\r\n",
                                       b"Host: 127.0.0.1:{port}\r\nHost: evil.example\r\n"])
def test_over_a_real_socket(real_server, host_line):
    """Through waitress: no Host at all (HTTP/1.0), a rebound name, an empty one, two Host headers."""
    port = real_server.port
    req = (b"GET /v1/health HTTP/1.0\r\n" + host_line.replace(b"{port}", str(port).encode())
           + b"Authorization: Bearer " + TOKEN.encode() + b"\r\n\r\n")
    response = raw_request(port, req)
    assert status_of(response) == 403 and b"forbidden_host" in response


def test_real_socket_with_right_host_is_answered(real_server):
    port = real_server.port
    req = f"GET /v1/health HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {TOKEN}\r\n\r\n".encode()
    assert status_of(raw_request(port, req)) == 200
