"""Issue 24 item 3 — what can stall the sidecar's one analysis slot: a request whose client has hung up
is not analysed (it leaves the queue; a running analysis is stopped), and /v1/health and /v1/outlet
answer however many analyses are queued. Through waitress on a real socket, with stand-in analysis
processes (security_helpers) that count what reached them."""

import dataclasses
import json
import socket
import time

import pytest

from conftest import SEED_URL, TOKEN
from security_helpers import ThreadedServer, analyses_run, call, slow_child, stubborn_child


@pytest.fixture()
def own(settings, tmp_path):
    (tmp_path / "data").mkdir()
    return dataclasses.replace(settings, cache_dir=tmp_path / "cache", data_dir=tmp_path / "data",
                               config_dir=tmp_path / "config", time_budget_s=60.0)


@pytest.fixture()
def serve_with(own):
    from backstory.server import create_app
    from backstory.worker import WorkerEngine

    made = []

    def make(target):
        engine = WorkerEngine(own, target=target)
        srv = ThreadedServer(lambda st: create_app(st, engine=engine, token=TOKEN), own)
        made.append((srv, engine))
        return srv, engine

    yield make
    for srv, engine in made:
        srv.close()
        engine.close()


def send_analyze(port: int, url: str) -> socket.socket:
    body = json.dumps({"url": url, "html": "<p>Some words.</p>", "no_cache": True}).encode()
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    s.sendall(f"POST /v1/analyze HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {TOKEN}\r\n"
              f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body)
    return s


def abandon(port: int, n: int) -> None:
    """n slow requests, sent in turn, then their clients hang up (the reader closed the tabs)."""
    socks = []
    for i in range(n):
        socks.append(send_analyze(port, f"https://slow.example/{i}"))
        time.sleep(0.2)
    time.sleep(0.5)
    for s in socks:
        s.close()


def test_abandoned_requests_are_not_analysed(own, serve_with):
    """Before: three abandoned slow requests were all analysed, one after the other, before the next page."""
    srv, engine = serve_with(slow_child)
    abandon(srv.port, 3)
    status, doc = call(srv.port, "/v1/analyze", {"url": "https://news.example/normal", "html": "<p>x</p>"}, timeout=60)
    assert status == 200 and doc["url"] == "https://news.example/normal"
    ran = analyses_run(own)
    # the one that was running is stopped at its next budget check; the two queued never reach the child
    assert len(ran) == 2 and ran[-1] == "analyze https://news.example/normal", ran
    assert engine.restarts == 0


def test_a_withdrawn_analysis_that_does_not_stop_goes_with_its_process(own, serve_with):
    """An analysis stuck where no budget check runs (one long call into C) is stopped with its process."""
    srv, engine = serve_with(stubborn_child)
    abandon(srv.port, 1)
    status, doc = call(srv.port, "/v1/analyze", {"url": "https://news.example/normal", "html": "<p>x</p>"}, timeout=60)
    assert status == 200 and doc["url"] == "https://news.example/normal"
    assert engine.restarts == 1
    assert analyses_run(own) == ["analyze https://slow.example/0", "analyze https://news.example/normal"]


def test_health_and_outlet_answer_whatever_the_queue(own, serve_with):
    """Seven analyses waiting (each 5 s) hold every one of waitress's four threads. Before, health and the
    outlet card queued behind them (about 20 s here; ~50 s in the issue's probe)."""
    srv, engine = serve_with(slow_child)
    held = [send_analyze(srv.port, f"https://slow.example/{i}") for i in range(7)]
    try:
        time.sleep(1.0)  # every thread is now waiting for, or running, an analysis
        for _ in range(3):
            status, health = call(srv.port, "/v1/health", timeout=10)  # (a hang guard: it answers in milliseconds)
            assert status == 200 and health["ready"] is True
            status, body = call(srv.port, "/v1/outlet", {"url": SEED_URL}, timeout=10)
            assert status == 200 and body["outlet"]["domain"] == "globalresearch.ca"
            # the extension's handshake, which comes before each of its requests (an unknown key id here)
            status, body = call(srv.port, "/v1/handshake", {"v": 1, "kid": "k" * 16, "nonce": "n" * 32}, timeout=10,
                                headers={"Origin": "chrome-extension://abcdefghijklmnopabcdefghijklmnop"})
            assert status in (400, 401), body
        assert len(analyses_run(own)) == 1  # (still on the first analysis: the queue was really full)
    finally:
        for s in held:
            s.close()
