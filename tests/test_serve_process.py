"""`backstory serve` as a real process: waitress on loopback, token from the config dir."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import SEED_URL, TOKEN

STARTUP_LIMIT_S = 90  # a generous ceiling for loading spaCy on a busy CI machine, not a performance check


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    base = tmp_path_factory.mktemp("serve")
    port = free_port()
    (base / "config").mkdir()
    token_file = base / "config" / "token"
    token_file.write_text(TOKEN + "\n")
    os.chmod(token_file, 0o600)
    env = os.environ | {"BACKSTORY_CONFIG_DIR": str(base / "config"), "BACKSTORY_CACHE_DIR": str(base / "cache"),
                        "BACKSTORY_DATA_DIR": str(base / "data"), "BACKSTORY_PORT": str(port)}
    exe = Path(sys.executable).with_name("backstory")
    proc = subprocess.Popen([str(exe), "serve"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + STARTUP_LIMIT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"backstory serve exited: {proc.stdout.read()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("backstory serve did not start listening")
    yield port
    proc.terminate()
    proc.wait(timeout=20)


def call(port, path, body=None, token=TOKEN, host=None):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method="POST" if body is not None else "GET",
                                 data=json.dumps(body).encode() if body is not None else None)
    req.add_header("Authorization", f"Bearer {token}")
    if body is not None:
        req.add_header("Content-Type", "application/json")
    if host:
        req.add_header("Host", host)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, json.loads(r.read()), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read()), dict(e.headers)


def test_health_and_analyze_over_http(server, seed_html):
    status, data, headers = call(server, "/v1/health")
    assert status == 200 and data["ok"] is True
    assert headers["Server"] == "backstory"
    status, doc, _ = call(server, "/v1/analyze", {"url": SEED_URL, "html": seed_html})
    assert status == 200 and doc["syndicated_from"]["name"] == "InfoBrics"


def test_wrong_token_and_host_over_http(server):
    assert call(server, "/v1/health", token="nope")[0] == 401
    assert call(server, "/v1/health", host=f"attacker.example:{server}")[0] == 403


def test_listens_on_loopback_only(server):
    """Read the kernel's table of listening sockets rather than probing other addresses."""
    table = Path("/proc/net/tcp")
    if not table.exists():
        pytest.skip("no /proc/net/tcp on this system")
    listening = []
    for line in table.read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        addr, port = local.split(":")
        if state == "0A" and int(port, 16) == server:  # 0A = LISTEN
            listening.append(addr)
    assert listening == ["0100007F"]  # 127.0.0.1, little-endian hex
