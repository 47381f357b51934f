"""What the pairing handshake costs per request, against a real ``backstory serve`` (issue 24 item 6).

The extension makes the sidecar prove itself before every request: one more round trip
(``POST /v1/handshake``) and HMAC-SHA256 over the body on both ends, then the signed request and a
signed answer. This measures that against the bearer token the CLI still uses, on the same server:

1. ``backstory serve`` as a subprocess on a free 127.0.0.1 port, its config, cache and data dirs in a
   temporary directory, with a pairing token this script writes (as bench/load.py does);
2. for each route (``GET /v1/health``; ``POST /v1/outlet``; ``POST /v1/analyze`` of the seed page,
   served from the cache after a first run; ``POST /v1/outlet`` with a 1.5 MB body), ``--rounds`` requests each way, the two
   ways alternating so drift hits both alike; each request on a new connection, as a cold client;
   the handshake side uses ``backstory.handshake.Client``, the Python twin of
   extension/lib/sidecar-client.js (both pinned to tests/fixtures/handshake-vectors.json);
3. reports p50 and p90 per route and way, and the p50 difference; writes docs/benchmarks.md,
   section "## Pairing handshake", unless ``--no-write``. Only 127.0.0.1 is ever contacted.

    .venv/bin/python bench/handshake.py [--rounds 200] [--no-write] [--json]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "sidecar"))

from _common import DOCS, REPO, command_line, machine, percentile, publish, utc_now  # noqa: E402

from backstory import handshake  # noqa: E402

SECTION = "## Pairing handshake"
SEED = REPO / "tests" / "fixtures" / "globalresearch-cpc-attack.html"
SEED_URL = "https://www.globalresearch.ca/ukraine-attacks-us-linked-facilities-russia/5882377"
ORIGIN = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
STARTUP_TIMEOUT_S = 120.0


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(port: int, method: str, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes, dict[str, str]]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        h = {"Host": f"127.0.0.1:{port}"} | headers
        if method == "POST":
            h["Content-Type"] = "application/json"
        conn.request(method, path, body=body if method == "POST" else None, headers=h)
        r = conn.getresponse()
        return r.status, r.read(), {k.lower(): v for k, v in r.getheaders()}
    finally:
        conn.close()


def bearer(port: int, token: str, method: str, path: str, body: bytes) -> float:
    start = time.perf_counter()
    status, _, _ = call(port, method, path, body, {"Authorization": f"Bearer {token}"})
    elapsed = time.perf_counter() - start
    assert status == 200, status
    return elapsed


def signed(port: int, token: str, method: str, path: str, body: bytes) -> float:
    """What the extension does: handshake, check the proof, sign, send, check the answer's signature."""
    start = time.perf_counter()
    c = handshake.Client(token, origin=ORIGIN, port=port)
    status, raw, _ = call(port, "POST", handshake.PATH, json.dumps(c.hello()).encode(), {"Origin": ORIGIN})
    assert status == 200 and c.accept(json.loads(raw)), raw
    headers = {"Authorization": c.authorization(method, path, body)}
    if method == "POST":
        headers["Origin"] = ORIGIN
    status, raw, got = call(port, method, path, body, headers)
    assert status == 200 and c.answer_is_signed(status, raw, got.get(handshake.SIGNATURE_HEADER.lower())), status
    return time.perf_counter() - start


def start_server(tmp: Path, port: int, token: str) -> subprocess.Popen:
    config = tmp / "config"
    config.mkdir(mode=0o700)
    (config / "token").write_text(token + "\n")
    os.chmod(config / "token", 0o600)
    env = os.environ | {"BACKSTORY_CONFIG_DIR": str(config), "BACKSTORY_CACHE_DIR": str(tmp / "cache"),
                        "BACKSTORY_DATA_DIR": str(tmp / "data"), "BACKSTORY_PORT": str(port)}
    exe = Path(sys.executable).with_name("backstory")
    proc = subprocess.Popen([str(exe), "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        try:
            if call(port, "GET", "/v1/health", b"", {"Authorization": f"Bearer {token}"})[0] == 200:
                return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("backstory serve did not start")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=200, help="requests per route and way (default 200)")
    ap.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
    ap.add_argument("--json", action="store_true", help="print the numbers as JSON too")
    args = ap.parse_args()

    token = secrets.token_urlsafe(32)
    port = free_port()
    tmp = Path(tempfile.mkdtemp(prefix="backstory-bench-handshake-"))
    seed = json.dumps({"url": SEED_URL, "html": SEED.read_text(encoding="utf-8"), "include_text": True}).encode()
    routes = [("GET /v1/health", "GET", "/v1/health", b""),
              ("POST /v1/outlet", "POST", "/v1/outlet", json.dumps({"url": SEED_URL}).encode()),
              (f"POST /v1/analyze (seed page, {len(seed) // 1024} KB, cached)", "POST", "/v1/analyze", seed),
              # the body a large news page makes (about 1.5 MB); outlet ignores the padding, so this is
              # transfer plus SHA-256 and HMAC over the body on both ends
              ("POST /v1/outlet with a 1.5 MB body", "POST", "/v1/outlet",
               json.dumps({"url": SEED_URL, "padding": "x" * 1_500_000}).encode())]
    proc = start_server(tmp, port, token)
    results = {}
    try:
        bearer(port, token, "POST", "/v1/analyze", seed)  # the first analysis fills the cache
        for name, method, path, body in routes:
            for _ in range(5):  # warm both paths
                bearer(port, token, method, path, body)
                signed(port, token, method, path, body)
            times: dict[str, list[float]] = {"bearer": [], "handshake": []}
            for i in range(args.rounds):
                order = ("bearer", "handshake") if i % 2 == 0 else ("handshake", "bearer")
                for way in order:
                    fn = bearer if way == "bearer" else signed
                    times[way].append(fn(port, token, method, path, body) * 1000)
            results[name] = {way: {"p50": percentile(t, 50), "p90": percentile(t, 90)} for way, t in times.items()}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)

    lines = [
        f"Measured {utc_now()} on {machine()} (load average {os.getloadavg()[0]:.1f}: a shared machine) with "
        f"`{command_line()}`: a real `backstory serve` on 127.0.0.1,",
        f"{args.rounds} requests per route and way, alternating, each on a new connection; milliseconds at the client.",
        "*bearer*: the token in the header (the CLI, curl); *handshake*: `POST /v1/handshake`, the proof checked,",
        "the request signed and sent, the answer's signature checked (what the extension does before every request).",
        "",
        "| route | bearer p50 | bearer p90 | handshake p50 | handshake p90 | p50 added |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, r in results.items():
        b, h = r["bearer"], r["handshake"]
        lines.append(f"| {name} | {b['p50']:.1f} | {b['p90']:.1f} | {h['p50']:.1f} | {h['p90']:.1f} | {h['p50'] - b['p50']:+.1f} |")
    if args.json:
        print(json.dumps(results, indent=2))
    publish(DOCS / "benchmarks.md", SECTION, "\n".join(lines), title="Benchmarks",
            skip="--no-write" if args.no_write else None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
