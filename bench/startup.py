"""Start-up of the sidecar and of `backstory check`: what a reader waits for after launching them.

What runs, ``--runs`` times (median reported, every run printed):

1. ``backstory serve`` as a subprocess with private config, cache and data dirs (a fresh, empty cache)
   on a free 127.0.0.1 port; the clock starts just before the process is launched;
2. from the start, this script polls ``GET /v1/health`` and ``POST /v1/outlet`` (every 20 ms, each
   request with a 5 s timeout) and records when each first answers 200, and when health first says
   ``ready`` (a server without the field is ready when it answers); the server's stdout lines are
   timestamped as they arrive;
3. once ready: the **first analysis** (the seed page, ``no_cache``), then a second page of another
   outlet, then the seed page again three more times (``no_cache``): the **warm** analysis is their
   median. The issue-27 target: first <= 2 x warm.

Then ``backstory check tests/fixtures/globalresearch-cpc-attack.html --no-cache`` as a process,
``--runs`` times: wall time, and the same command under ``python -X importtime`` to say what it
imports. The second page is a saved fixture page (tests/fixtures/pages).

Writes docs/benchmarks.md, section "## Start-up", unless ``--no-write``.

    .venv/bin/python bench/startup.py [--runs 3] [--no-write]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DOCS, REPO, command_line, machine, publish, utc_now  # noqa: E402

SECTION = "## Start-up"
SEED = REPO / "tests" / "fixtures" / "globalresearch-cpc-attack.html"
SEED_URL = "https://www.globalresearch.ca/ukraine-attacks-us-linked-facilities-russia/5882377"
STARTUP_TIMEOUT_S = 180.0
POLL_S = 0.02


def second_page() -> tuple[str, str]:
    """A saved page of another outlet from the fixtures' manifest (its own URL)."""
    manifest = json.loads((REPO / "tests" / "fixtures" / "manifest.json").read_text(encoding="utf-8"))
    entries = manifest if isinstance(manifest, list) else manifest.get("pages") or list(manifest.values())
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        path = REPO / "tests" / "fixtures" / entry.get("file", "")
        url = entry.get("url") or ""
        if path.is_file() and url.startswith("http") and "globalresearch" not in url and entry.get("is_article", True):
            return url, path.read_text(encoding="utf-8", errors="replace")
    raise SystemExit("startup: no second fixture page found in tests/fixtures/manifest.json")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def backstory_exe() -> str:
    return str(Path(sys.executable).with_name("backstory"))


class Launch:
    """One ``backstory serve`` from its launch: stdout lines with their times, and a client."""

    def __init__(self, home: Path) -> None:
        self.port = free_port()
        self.token = secrets.token_urlsafe(32)
        config = home / "config"
        config.mkdir(parents=True)
        (config / "token").write_text(self.token + "\n", encoding="utf-8")
        (config / "token").chmod(0o600)
        env = dict(os.environ, BACKSTORY_CONFIG_DIR=str(config), BACKSTORY_CACHE_DIR=str(home / "cache"),
                   BACKSTORY_DATA_DIR=str(home / "data"), BACKSTORY_PORT=str(self.port), PYTHONUNBUFFERED="1")
        self.lines: list[tuple[float, str]] = []
        self.t0 = time.perf_counter()
        self.proc = subprocess.Popen([backstory_exe(), "serve"], env=env, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._read, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.port}"

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.append((time.perf_counter() - self.t0, line.rstrip("\n")))

    def since(self) -> float:
        return time.perf_counter() - self.t0

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def one_server_run(seed: str, other: tuple[str, str]) -> dict[str, Any]:
    import httpx

    with tempfile.TemporaryDirectory(prefix="backstory-startup-") as tmp:
        run = Launch(Path(tmp))
        out: dict[str, Any] = {"health_s": None, "outlet_s": None, "ready_s": None, "first_state": None}
        try:
            with httpx.Client(timeout=5.0) as client:
                while run.since() < STARTUP_TIMEOUT_S and out["ready_s"] is None:
                    if run.proc.poll() is not None:
                        raise SystemExit("startup: the server exited:\n" + "\n".join(line for _, line in run.lines))
                    try:
                        if out["health_s"] is None or out["ready_s"] is None:
                            r = client.get(f"{run.base}/v1/health", headers=run.headers())
                            if r.status_code == 200:
                                now, data = run.since(), r.json()
                                if out["health_s"] is None:
                                    out["health_s"], out["first_state"] = now, data.get("state", "(no state field)")
                                if data.get("ready", True):
                                    out["ready_s"] = now
                        if out["outlet_s"] is None:
                            r = client.post(f"{run.base}/v1/outlet", json={"url": SEED_URL}, headers=run.headers())
                            if r.status_code == 200:
                                out["outlet_s"] = run.since()
                    except httpx.HTTPError:
                        pass
                    time.sleep(POLL_S)
                if out["ready_s"] is None:
                    raise SystemExit(f"startup: not ready after {STARTUP_TIMEOUT_S:.0f} s")
                while out["outlet_s"] is None and run.since() < STARTUP_TIMEOUT_S:
                    r = client.post(f"{run.base}/v1/outlet", json={"url": SEED_URL}, headers=run.headers())
                    out["outlet_s"] = run.since() if r.status_code == 200 else None

                def analyze(url: str, html: str) -> float:
                    start = time.perf_counter()
                    r = client.post(f"{run.base}/v1/analyze", json={"url": url, "html": html, "no_cache": True},
                                    headers=run.headers(), timeout=120)
                    if r.status_code != 200:
                        raise SystemExit(f"startup: analyze answered {r.status_code}: {r.text[:300]}")
                    return (time.perf_counter() - start) * 1000

                out["first_ms"] = analyze(SEED_URL, seed)
                out["second_ms"] = analyze(*other)
                out["warm_ms"] = statistics.median(analyze(SEED_URL, seed) for _ in range(3))
        finally:
            run.stop()
        out["stdout"] = run.lines
        return out


def cli_runs(runs: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="backstory-startup-cli-") as tmp:
        env = dict(os.environ, BACKSTORY_CONFIG_DIR=f"{tmp}/config", BACKSTORY_CACHE_DIR=f"{tmp}/cache",
                   BACKSTORY_DATA_DIR=f"{tmp}/data")
        cmd = [backstory_exe(), "check", str(SEED), "--no-cache"]
        walls = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(cmd, env=env, check=True, capture_output=True)
            walls.append(time.perf_counter() - start)
        prof = subprocess.run([sys.executable, "-X", "importtime", "-c",
                               "import sys; from backstory.cli import main; sys.exit(main())", *cmd[1:]],
                              env=env, capture_output=True, text=True)
    tops: dict[str, int] = {}
    for line in prof.stderr.splitlines():
        m = re.match(r"import time:\s+\d+ \|\s+(\d+) \|( *)(\S+)", line)
        if m and len(m.group(2)) <= 1:  # top-level imports: their cumulative time
            tops[m.group(3)] = int(m.group(1))
    return {"walls": walls, "imports": sorted(tops.items(), key=lambda kv: -kv[1])[:8]}


def med(values: list[float]) -> float:
    return statistics.median(values)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="launches of each kind (default 3)")
    ap.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
    args = ap.parse_args(argv)

    seed, other = SEED.read_text(encoding="utf-8"), second_page()
    load_before = os.getloadavg()[0]
    server = []
    for i in range(args.runs):
        r = one_server_run(seed, other)
        server.append(r)
        print(f"serve run {i + 1}: health {r['health_s']:.2f} s ({r['first_state']}), outlet {r['outlet_s']:.2f} s, "
              f"ready {r['ready_s']:.2f} s; analyses: first {r['first_ms']:.0f} ms, second {r['second_ms']:.0f} ms, "
              f"warm {r['warm_ms']:.0f} ms", flush=True)
    cli = cli_runs(args.runs)
    print("check:", ", ".join(f"{w:.2f} s" for w in cli["walls"]), flush=True)
    load_after = os.getloadavg()[0]

    first, warm = med([r["first_ms"] for r in server]), med([r["warm_ms"] for r in server])
    rows = [
        ("`/v1/health` first answers", f"{med([r['health_s'] for r in server]):.2f} s",
         ", ".join(f"{r['health_s']:.2f}" for r in server)),
        ("`/v1/outlet` first answers", f"{med([r['outlet_s'] for r in server]):.2f} s",
         ", ".join(f"{r['outlet_s']:.2f}" for r in server)),
        ("health says ready (model loaded, warmed up)", f"{med([r['ready_s'] for r in server]):.2f} s",
         ", ".join(f"{r['ready_s']:.2f}" for r in server)),
        ("first analysis after ready (seed page)", f"{first:.0f} ms", ", ".join(f"{r['first_ms']:.0f}" for r in server)),
        ("second analysis (another outlet's page)", f"{med([r['second_ms'] for r in server]):.0f} ms",
         ", ".join(f"{r['second_ms']:.0f}" for r in server)),
        ("warm analysis (seed page, median of 3)", f"{warm:.0f} ms", ", ".join(f"{r['warm_ms']:.0f}" for r in server)),
        ("`backstory check seed.html --no-cache`, whole process", f"{med(cli['walls']):.2f} s",
         ", ".join(f"{w:.2f}" for w in cli["walls"])),
    ]
    lines = [
        f"Measured {utc_now()} on {machine()} (1-minute load average {load_before:.1f} before, {load_after:.1f} after: "
        "other work on the machine slows every row), with",
        "",
        f"    {command_line()}",
        "",
        f"Times from the launch of `backstory serve` (a fresh cache, {args.runs} launches; median, then each run). "
        "Health and outlet are polled every 20 ms from the launch; the analyses are `POST /v1/analyze` with "
        "`no_cache`, timed at the client.",
        "",
        "| what | median | runs |",
        "|---|---:|---|",
        *[f"| {a} | {b} | {c} |" for a, b, c in rows],
        "",
        f"**First analysis / warm analysis = {first / warm:.2f}** (issue 27: at most 2).",
        "",
        "What `backstory serve` printed in the last run (seconds from launch):",
        "",
        "```",
        *[f"{t:6.2f}  {line}" for t, line in server[-1]["stdout"]],
        "```",
        "",
        "`backstory check`'s largest top-level imports (`python -X importtime`, cumulative ms): "
        + ", ".join(f"{name} {us / 1000:.0f}" for name, us in cli["imports"]) + ".",
    ]
    publish(DOCS / "benchmarks.md", SECTION, "\n".join(lines), title="Benchmarks", skip="--no-write" if args.no_write else None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
