"""Load: N concurrent ``POST /v1/analyze`` requests against a real ``backstory serve`` (issue 5, item 12).

What runs:

1. ``backstory serve`` as a subprocess on a free 127.0.0.1 port, with its config, cache and data
   dirs in a temporary directory and a pairing token this script writes (as bench/latency.py does);
2. this process is the client (a second process): ``--concurrency`` threads, released together by a
   barrier, send ``--requests`` analyze requests over loopback with http.client. Scenario "miss":
   each page is the seed page (tests/fixtures) with a unique comment, so every request misses the
   cache and runs the whole pipeline (the worst case); scenario "hit": the same page every time
   (cache hits). ``--scenario both`` (the default) runs each against a fresh server;
3. every request has a timeout (``--timeout``) and the whole run a deadline (``--deadline``), so the
   run is bounded in count and in time; a request that fails, times out or answers anything but
   200 counts as an error;
4. the RSS of the server process and of its analysis child is sampled every 0.2 s (/proc, Linux).

Reports errors, p50/p90/p99/max latency at the client, wall time, throughput, and peak RSS; writes
them to docs/benchmarks.md, section "## Load" (other sections are kept), unless ``--no-write``.
Only 127.0.0.1 is ever contacted.

    .venv/bin/python bench/load.py [--requests 200] [--concurrency 200] [--scenario miss|hit|both] [--no-write] [--json]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DOCS, REPO, command_line, machine, percentile, utc_now, write_section  # noqa: E402

SECTION = "## Load"
SEED = REPO / "tests" / "fixtures" / "globalresearch-cpc-attack.html"
SEED_URL = "https://www.globalresearch.ca/ukraine-attacks-us-linked-facilities-russia/5882377"
STARTUP_TIMEOUT_S = 120.0
SAMPLE_EVERY_S = 0.2


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port: int, token: str, body: bytes | None, timeout: float) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        headers = {"Authorization": f"Bearer {token}", "Host": f"127.0.0.1:{port}"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        conn.request("POST" if body is not None else "GET", "/v1/analyze" if body is not None else "/v1/health",
                     body=body, headers=headers)
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        conn.close()


def rss_kib(pid: int) -> int:
    """Resident set size of a process in KiB (0 when gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(x) for x in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


def start_server(base: Path, port: int, token: str) -> subprocess.Popen:
    config = base / "config"
    config.mkdir(parents=True)
    (config / "token").write_text(token + "\n")
    os.chmod(config / "token", 0o600)
    env = os.environ | {"BACKSTORY_CONFIG_DIR": str(config), "BACKSTORY_CACHE_DIR": str(base / "cache"),
                        "BACKSTORY_DATA_DIR": str(base / "data"), "BACKSTORY_PORT": str(port)}
    exe = Path(sys.executable).with_name("backstory")
    proc = subprocess.Popen([str(exe), "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"backstory serve exited: {proc.stderr.read()}")
        try:
            if request(port, token, None, 5)[0] == 200:
                return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("backstory serve did not start")


def run(args: argparse.Namespace, cached: bool) -> dict[str, Any]:
    seed = SEED.read_text(encoding="utf-8")
    token = secrets.token_urlsafe(32)
    base = Path(tempfile.mkdtemp(prefix="backstory-load-"))
    port = free_port()
    proc = start_server(base, port, token)
    peak = {"server": 0, "analysis": 0, "total": 0}
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            server = rss_kib(proc.pid)
            kids = sum(rss_kib(c) for c in children(proc.pid))
            peak["server"] = max(peak["server"], server)
            peak["analysis"] = max(peak["analysis"], kids)
            peak["total"] = max(peak["total"], server + kids)
            stop.wait(SAMPLE_EVERY_S)

    try:
        # one warm request first (model warm, cache created), then the burst
        warm = json.dumps({"url": SEED_URL, "html": seed}).encode()
        status, _ = request(port, token, warm, args.timeout)
        if status != 200:
            raise SystemExit(f"warm-up request answered {status}")
        idle_rss = rss_kib(proc.pid) + sum(rss_kib(c) for c in children(proc.pid))
        bodies = []
        for i in range(args.requests):
            html = seed if cached else seed.replace("</body>", f"<!-- load {i} {secrets.token_hex(4)} --></body>", 1)
            bodies.append(json.dumps({"url": SEED_URL, "html": html}).encode())
        results: list[tuple[str, float]] = []
        lock = threading.Lock()
        barrier = threading.Barrier(args.concurrency)
        next_index = iter(range(args.requests))
        run_deadline = time.monotonic() + args.deadline

        def client() -> None:
            try:
                barrier.wait(timeout=60)
            except threading.BrokenBarrierError:
                pass
            while True:
                with lock:
                    i = next(next_index, None)
                if i is None:
                    return
                if time.monotonic() > run_deadline:
                    outcome, took = "deadline", 0.0
                else:
                    t0 = time.perf_counter()
                    try:
                        status, raw = request(port, token, bodies[i], args.timeout)
                        ok = status == 200 and json.loads(raw)["article"]["is_article"] is True
                        outcome = "ok" if ok else f"status {status}"
                    except (OSError, ValueError, KeyError) as exc:
                        outcome = type(exc).__name__
                    took = time.perf_counter() - t0
                with lock:
                    results.append((outcome, took))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        threads = [threading.Thread(target=client) for _ in range(args.concurrency)]
        t_start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join(args.deadline + args.timeout + 60)
        wall = time.perf_counter() - t_start
        stop.set()
        sampler.join(2)
        status, _ = request(port, token, None, 10)  # still healthy after the burst?
    finally:
        stop.set()
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(base, ignore_errors=True)

    latencies = [t * 1000 for outcome, t in results if outcome == "ok"]
    errors: dict[str, int] = {}
    for outcome, _ in results:
        if outcome != "ok":
            errors[outcome] = errors.get(outcome, 0) + 1
    errors_total = sum(errors.values()) + (args.requests - len(results))
    return {
        "requests": args.requests, "concurrency": args.concurrency, "cached": cached,
        "completed": len(results), "errors": errors_total, "error_kinds": errors,
        "healthy_after": status == 200,
        "p50_ms": round(percentile(latencies, 50), 1) if latencies else None,
        "p90_ms": round(percentile(latencies, 90), 1) if latencies else None,
        "p99_ms": round(percentile(latencies, 99), 1) if latencies else None,
        "max_ms": round(max(latencies), 1) if latencies else None,
        "wall_s": round(wall, 2), "throughput_rps": round(len(latencies) / wall, 2) if wall else None,
        "rss_idle_mib": round(idle_rss / 1024, 1),
        "rss_peak_server_mib": round(peak["server"] / 1024, 1), "rss_peak_analysis_mib": round(peak["analysis"] / 1024, 1),
        "rss_peak_total_mib": round(peak["total"] / 1024, 1),
    }


def markdown(results: list[dict[str, Any]]) -> str:
    r0 = results[0]
    rows = "\n".join(
        f"| {'hit (same page)' if r['cached'] else 'miss (distinct pages)'} | {r['completed']}/{r['requests']} | {r['errors']} "
        f"| {r['p50_ms']} | {r['p90_ms']} | {r['p99_ms']} | {r['max_ms']} | {r['wall_s']} | {r['throughput_rps']} "
        f"| {r['rss_idle_mib']} | {r['rss_peak_total_mib']} ({r['rss_peak_server_mib']} + {r['rss_peak_analysis_mib']}) "
        f"| {'yes' if r['healthy_after'] else 'NO'} |" for r in results)
    kinds = "; ".join(f"{'hit' if r['cached'] else 'miss'}: {r['error_kinds'] or 'none'}" for r in results)
    return f"""Measured {utc_now()} on {machine()}, with

    {command_line()}

`backstory serve` (waitress, 4 threads, connection limit 32; the analysis in its one worker
process) on a free 127.0.0.1 port, a fresh one per scenario; this script is the client process:
{r0['concurrency']} threads released together send {r0['requests']} `POST /v1/analyze` requests with
the seed page (~{SEED.stat().st_size // 1024} KB of HTML) — in "miss" each with a unique comment, so
every request runs the whole pipeline; in "hit" the same page, answered from the cache. Latency is
measured at the client and includes the wait in the queue: analyses run one at a time, so in
"miss" the last request waits for all the others (p99 ≈ requests × one analysis, by design).

| scenario | done | errors | p50 ms | p90 ms | p99 ms | max ms | wall s | req/s | RSS idle MiB | RSS peak MiB (server + analysis) | healthy after |
|---|---|---|---|---|---|---|---|---|---|---|---|
{rows}

Error kinds: {kinds}. Connections beyond waitress's limit of 32 wait in the kernel's listen
backlog rather than being refused; each request's memory is bounded by the body limit (waitress
spools large bodies to a temporary file), so RSS stays flat however long the queue grows.
"""


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    p.add_argument("--requests", type=int, default=200)
    p.add_argument("--concurrency", type=int, default=200)
    p.add_argument("--scenario", choices=("miss", "hit", "both"), default="both",
                   help="distinct pages (cache misses), the same page (cache hits), or both")
    p.add_argument("--timeout", type=float, default=300.0, help="per-request timeout, seconds")
    p.add_argument("--deadline", type=float, default=600.0, help="no request is started after this many seconds")
    p.add_argument("--no-write", action="store_true", help="do not write docs/benchmarks.md")
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")
    args = p.parse_args()
    args.concurrency = max(1, min(args.concurrency, args.requests))
    results = [run(args, cached) for cached in {"miss": [False], "hit": [True], "both": [False, True]}[args.scenario]]
    if args.json:
        print(json.dumps(results))
    else:
        print(markdown(results))
    if not args.no_write:
        write_section(DOCS / "benchmarks.md", SECTION, markdown(results), title="Benchmarks")
    return 0 if all(r["errors"] == 0 and r["healthy_after"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
