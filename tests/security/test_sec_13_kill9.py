"""Item 13 — SIGKILL during writes (cache, notes, pairing): the next start is clean and nothing the
user wrote is lost. SQLite (the cache) commits atomically; notes, the token and the paired origin
are written to a temporary file, fsynced and renamed over the old one."""

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from backstory import pairing
from backstory.cache import ResultCache
from conftest import SEED_URL, TOKEN
from security_helpers import backstory_exe, call, child_pids, free_port, pid_alive, start_serve

SIDECAR = str(Path(__file__).resolve().parents[2] / "sidecar")
CACHE_WRITER = """
import json, sys
from pathlib import Path
from backstory.cache import ResultCache
cache = ResultCache(Path(sys.argv[1]), 200_000_000)
start = int(sys.argv[2])
for i in range(start, start + 100000):
    cache.set(f"k{i}", {"i": i, "blob": "x" * 200_000})
    print(i, flush=True)
"""


def test_cache_writer_killed_mid_write(tmp_path):
    """A process storing 200 KB documents back to back is killed at random moments, three times;
    every write it reported as done is there and the cache opens without being moved aside."""
    rng = random.Random(5)
    env = os.environ | {"PYTHONPATH": SIDECAR}
    done: list[int] = []
    start = 0
    for _ in range(3):
        proc = subprocess.Popen([sys.executable, "-c", CACHE_WRITER, str(tmp_path / "cache"), str(start)],
                                stdout=subprocess.PIPE, text=True, env=env)
        try:
            for _ in range(rng.randint(5, 40)):
                line = proc.stdout.readline()
                assert line, "the writer died on its own"
                done.append(int(line))
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            proc.stdout.close()
        start = done[-1] + 1000
        cache = ResultCache(tmp_path / "cache", 200_000_000)
        for i in done:
            assert cache.get(f"k{i}") == {"i": i, "blob": "x" * 200_000}
        cache.close()
    assert not [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]


def test_note_writer_killed(tmp_path):
    """`backstory note outlet …` killed at random moments: every note whose command finished is kept."""
    rng = random.Random(13)
    env = os.environ | {"BACKSTORY_DATA_DIR": str(tmp_path / "data"), "BACKSTORY_CONFIG_DIR": str(tmp_path / "config")}
    kept = []
    for i in range(12):
        proc = subprocess.Popen([backstory_exe(), "note", "outlet", "example.com", f"note number {i}"], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if i % 2:
            time.sleep(rng.uniform(0.0, 0.3))
            os.kill(proc.pid, signal.SIGKILL)
        out, err = proc.communicate(timeout=60)
        if proc.returncode == 0:
            kept.append(f"note number {i}")
        notes = json.loads((tmp_path / "data" / "notes.json").read_text())["notes"] if kept else []
        texts = [n["text"] for n in notes]
        assert set(kept) <= set(texts)  # nothing written is lost
        assert len(texts) == len(set(texts))  # nothing doubled
    assert len(kept) >= 6
    listed = subprocess.run([backstory_exe(), "note", "list"], env=env, capture_output=True, text=True, timeout=60)
    assert listed.returncode == 0 and all(k in listed.stdout for k in kept)


def test_token_rotation_killed(tmp_path):
    """`backstory token --rotate` killed at random moments: a valid token file is always there."""
    rng = random.Random(3)
    env = os.environ | {"BACKSTORY_CONFIG_DIR": str(tmp_path)}
    pairing.load_or_create(tmp_path)
    for _ in range(6):
        proc = subprocess.Popen([backstory_exe(), "token", "--rotate"], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.0, 0.3))
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=60)
        token = pairing.token_path(tmp_path).read_text().strip()
        assert len(token) == 43
    assert pairing.load_or_create(tmp_path) == token  # the survivor is used as it is, not replaced


def test_pair_commands_killed(tmp_path):
    """`backstory pair`, `pair --rotate` and `unpair` killed at random moments: pairs.json is always whole
    (never moved aside as damaged), every pairing whose command finished is there with its token, every
    removal that finished is gone, and the default token is untouched."""
    rng = random.Random(11)
    env = os.environ | {"BACKSTORY_CONFIG_DIR": str(tmp_path)}
    default = pairing.load_or_create(tmp_path)
    made: dict[str, str] = {}  # token -> pairing ID, for commands that finished
    for i in range(14):
        if i % 3 == 2 and made:
            token, pid = next(iter(made.items()))
            argv = ["unpair", pid] if i % 2 else ["pair", "--rotate", pid]
        else:
            token, pid, argv = None, None, ["pair"]
        proc = subprocess.Popen([backstory_exe(), *argv], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if i % 2:
            time.sleep(rng.uniform(0.1, 0.8))  # a command takes about 0.5 s, most of it starting Python
            os.kill(proc.pid, signal.SIGKILL)
        out, err = proc.communicate(timeout=60)
        if proc.returncode == 0:
            if argv[0] == "unpair":
                del made[token]
            elif "--rotate" in argv:
                del made[token]
                made[out.strip()] = pid
            else:
                made[out.strip()] = None
        pairs = pairing.Store(tmp_path).load()
        by_secret = {p.secret: p.id for p in pairs.values()}
        if proc.returncode != 0 and token is not None and token not in by_secret:
            del made[token]  # an unpair or rotation killed after its write: done, which is allowed
        assert set(made) <= set(by_secret), "a pairing whose command finished is missing"
        for tok in made:
            made[tok] = by_secret[tok]
        assert not [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
        json.loads(pairing.pairs_path(tmp_path).read_text())  # whole, valid JSON
        assert pairs["default"].secret == default
    assert len(made) >= 3


@pytest.fixture()
def seed_pages(seed_html):
    def page(i):
        return {"url": SEED_URL, "html": seed_html.replace("</body>", f"<!-- variant {i} --></body>", 1)}
    return page


def test_sidecar_killed_during_analysis_restarts_clean(tmp_path, seed_pages):
    """kill -9 of `backstory serve` and its analysis process while requests (and so cache writes) are
    in flight; the next start answers, keeps the pairing and still has every answer cached before."""
    import threading

    port = free_port()
    proc = start_serve(tmp_path, port)
    try:
        origin = "moz-extension://0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
        assert call(port, "/v1/health", headers={"Origin": origin})[0] == 200  # pairs the origin
        for i in range(3):
            assert call(port, "/v1/analyze", seed_pages(i))[0] == 200
        kids = child_pids(proc.pid)
        assert kids, "the analysis runs in a child process"
        answered = []

        def burst():
            for i in range(3, 40):
                try:
                    answered.append(call(port, "/v1/analyze", seed_pages(i), timeout=30)[0])
                except OSError:
                    return

        t = threading.Thread(target=burst, daemon=True)
        t.start()
        time.sleep(0.8)  # mid-burst: an analysis and its cache write are under way
        for pid in kids + [proc.pid]:
            os.kill(pid, signal.SIGKILL)
        proc.wait(timeout=30)
        t.join(60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
    deadline = time.monotonic() + 30  # SIGKILLed, but the kernel may take a moment to tear it down
    while time.monotonic() < deadline and any(pid_alive(pid) for pid in kids):
        time.sleep(0.1)
    assert not any(pid_alive(pid) for pid in kids)

    port2 = free_port()
    proc2 = start_serve(tmp_path, port2)
    try:
        status, health = call(port2, "/v1/health", headers={"Origin": origin})
        assert status == 200 and health["ok"]
        assert call(port2, "/v1/health", headers={"Origin": "chrome-extension://abcdefghijklmnopabcdefghijklmnop"})[0] == 403
        for i in range(3):  # answered before the kill: still in the cache
            status, doc = call(port2, "/v1/analyze", seed_pages(i))
            assert status == 200 and doc["cached"] is True
        status, doc = call(port2, "/v1/analyze", seed_pages(1000))
        assert status == 200 and doc["cached"] is False
    finally:
        proc2.terminate()
        proc2.wait(timeout=30)
        out = proc2.stdout.read()
        proc2.stdout.close()
    assert TOKEN not in out  # (item 3: the token is never printed by serve)
    assert not [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert pairing.token_path(tmp_path / "config").read_text().strip() == TOKEN


def test_analysis_process_leaves_with_a_killed_server(tmp_path):
    """Only the server is killed: its analysis child sees the pipe close and exits (no orphan holding the model)."""
    port = free_port()
    proc = start_serve(tmp_path, port)
    kids = child_pids(proc.pid)
    try:
        assert kids
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        proc.stdout.close()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and any(pid_alive(pid) for pid in kids):
        time.sleep(0.2)
    leftover = [pid for pid in kids if pid_alive(pid)]
    for pid in leftover:
        os.kill(pid, signal.SIGKILL)
    assert not leftover
