"""Latency of ``POST /v1/analyze`` on a real server, against the floor, in one run.

What runs:

1. ``backstory serve`` as a subprocess (waitress on a free 127.0.0.1 port), with its config,
   cache and data dirs in a temporary directory (``BACKSTORY_CONFIG_DIR`` / ``_CACHE_DIR`` /
   ``_DATA_DIR`` / ``_PORT``) and a pairing token this script writes to ``$CONFIG_DIR/token``;
2. pages: the seed page (tests/fixtures) and the first 50 English pages, by benchmark id, of the
   Article Extraction Benchmark (``../shared/eval/scrapinghub_aeb``; English = a stop-word test on
   the benchmark's gold article text);
3. per page, interleaved so drift hits both alike: the **floor** in this process --
   ``trafilatura.bare_extraction`` (with metadata) of the decoded page plus ``nlp(text)`` with
   the same spaCy model the server loads -- and **analyze**, a warm ``POST /v1/analyze`` with
   ``"no_cache": true`` timed at the client (HTTP and JSON included). Each is run once untimed,
   then ``--repeat`` times; the page's value is the median of its repeats;
4. **cache hit**: the same request without ``no_cache``: sent once to fill the cache, then
   ``--repeat`` more times, timed (median per page).

Reports p50/p90/max per condition and the ratio analyze p50 / floor p50, and writes them to
docs/benchmarks.md, section "## Latency" (other sections of that file are kept). Targets from
issue 2: p50 <= 1.25 x floor, cache hit < 5 ms. The numbers are reported whatever they are.

Needs ../shared (or $BACKSTORY_SHARED_DIR); without it, says so and exits 0.

    .venv/bin/python bench/latency.py [--pages 50] [--repeat 3] [--no-write]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DOCS, REPO, command_line, machine, percentile, publish, require_shared, utc_now  # noqa: E402

SECTION = "## Latency"
SEED = REPO / "tests" / "fixtures" / "globalresearch-cpc-attack.html"
SEED_URL = "https://www.globalresearch.ca/ukraine-attacks-us-linked-facilities-russia/5882377"
TARGET_RATIO = 1.25  # issue 2: p50 <= 1.25 x the floor
TARGET_CACHE_MS = 5.0  # issue 2: a cache hit under 5 ms
STARTUP_TIMEOUT_S = 120.0  # model load + first request on a slow machine
REQUEST_TIMEOUT_S = 60.0
HEALTH_PROBES = 20
_EN_WORDS = re.compile(r"\b(?:the|and|of|to|that|is|was|for|with)\b", re.I)


def is_english(text: str) -> bool:
    """A crude but adequate test: common English function words are >= 8% of the words."""
    words = len(text.split())
    return words > 0 and len(_EN_WORDS.findall(text)) / words >= 0.08


def pick_pages(root: Path, n: int) -> list[tuple[str, str, str]]:
    """(name, url, html) for the first ``n`` English pages of the benchmark, by id."""
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth):
        if not is_english(truth[key]["articleBody"]):
            continue
        html = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", "replace")
        pages.append((key[:10], truth[key]["url"], html))
        if len(pages) == n:
            break
    return pages


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_command() -> list[str]:
    """``backstory serve`` from the same environment as this interpreter."""
    script = Path(sys.executable).with_name("backstory")
    if script.exists():
        return [str(script), "serve"]
    found = shutil.which("backstory")
    if found:
        return [found, "serve"]
    return [sys.executable, "-c", "import sys; from backstory.cli import main; sys.exit(main())", "serve"]


class Server:
    """A ``backstory serve`` subprocess with private dirs and a known token."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.port = free_port()
        self.token = secrets.token_urlsafe(32)
        config = home / "config"
        config.mkdir(parents=True)
        token_file = config / "token"
        token_file.write_text(self.token + "\n", encoding="utf-8")
        token_file.chmod(0o600)
        self.env = dict(os.environ, BACKSTORY_CONFIG_DIR=str(config), BACKSTORY_CACHE_DIR=str(home / "cache"),
                        BACKSTORY_DATA_DIR=str(home / "data"), BACKSTORY_PORT=str(self.port))
        self.log = (home / "server.log").open("wb")
        self.proc = subprocess.Popen(serve_command(), env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        self.base = f"http://127.0.0.1:{self.port}"

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def wait_ready(self, client: Any) -> dict[str, Any]:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"latency: the server exited with {self.proc.returncode}; log:\n{self.tail()}")
            try:
                resp = client.get(f"{self.base}/v1/health", headers=self.headers())
            except Exception:  # noqa: BLE001 -- not listening yet
                time.sleep(0.2)
                continue
            if resp.status_code == 401:  # the server may keep its own token file format: reread it
                self.token = (self.home / "config" / "token").read_text(encoding="utf-8").strip()
                continue
            if resp.status_code == 200:
                if resp.json().get("ready", True):  # (the sidecar answers while its model loads: wait for it)
                    return resp.json()
                time.sleep(0.2)
                continue
            raise SystemExit(f"latency: /v1/health answered {resp.status_code}: {resp.text[:300]}")
        raise SystemExit(f"latency: server not ready after {STARTUP_TIMEOUT_S:.0f} s; log:\n{self.tail()}")

    def tail(self) -> str:
        self.log.flush()
        return (self.home / "server.log").read_text(encoding="utf-8", errors="replace")[-3000:]

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


def timed_ms(fn: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    out = fn()
    return (time.perf_counter() - start) * 1000, out


def summary(values: list[float]) -> dict[str, float]:
    return {"n": len(values), "p50": percentile(values, 50), "p90": percentile(values, 90), "max": max(values)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=50, help="benchmark pages besides the seed (default 50)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per page and condition (default 3)")
    parser.add_argument("--no-write", action="store_true", help="print only; do not touch docs/benchmarks.md")
    args = parser.parse_args(argv)

    root = require_shared("eval", "scrapinghub_aeb")
    import httpx
    import spacy
    from trafilatura import bare_extraction

    from backstory.settings import Settings

    load_before = os.getloadavg()[0]
    pages = [("seed", SEED_URL, SEED.read_text(encoding="utf-8"))] + pick_pages(root, args.pages)
    with tempfile.TemporaryDirectory(prefix="backstory-latency-") as tmp:
        server = Server(Path(tmp))
        try:
            with httpx.Client(timeout=REQUEST_TIMEOUT_S) as client:
                health = server.wait_ready(client)
                model = Settings.load(environ=server.env).model
                nlp = spacy.load(model)
                print(f"server {server.base} ready: {health}; floor model {model}")
                # the HTTP round trip alone (auth, host check, waitress, Flask), for reading the cache-hit row
                health_ms = statistics.median(
                    timed_ms(lambda: client.get(f"{server.base}/v1/health", headers=server.headers()))[0]
                    for _ in range(HEALTH_PROBES))

                def floor(url: str, html: str) -> int:
                    doc = bare_extraction(html, url=url, with_metadata=True)
                    text = (getattr(doc, "text", None) or "") if doc is not None else ""
                    return len(nlp(text))

                def analyze(url: str, html: str, no_cache: bool) -> dict[str, Any]:
                    body = {"url": url, "html": html}
                    if no_cache:
                        body["no_cache"] = True
                    resp = client.post(f"{server.base}/v1/analyze", json=body, headers=server.headers())
                    if resp.status_code != 200:
                        raise RuntimeError(f"{resp.status_code}: {resp.text[:300]}")
                    return resp.json()

                rows: dict[str, dict[str, float]] = {}
                served_cached = 0
                errors: list[str] = []
                for i, (name, url, html) in enumerate(pages, 1):
                    try:
                        floor(url, html)  # warm: first parse of this text
                        analyze(url, html, no_cache=True)
                        f_ms, a_ms, s_ms = [], [], []
                        stages: dict[str, list[float]] = {}
                        for _ in range(args.repeat):
                            f_ms.append(timed_ms(lambda: floor(url, html))[0])
                            ms, doc = timed_ms(lambda: analyze(url, html, no_cache=True))
                            a_ms.append(ms)
                            s_ms.append(float((doc.get("timings_ms") or {}).get("total") or 0.0))
                            for stage, ms_ in (doc.get("timings_ms") or {}).items():
                                stages.setdefault(stage, []).append(float(ms_))
                            served_cached += bool(doc.get("cached"))
                        analyze(url, html, no_cache=False)  # fills the cache (or hits it)
                        hits = [timed_ms(lambda: analyze(url, html, no_cache=False)) for _ in range(args.repeat)]
                        c_ms = statistics.median(ms for ms, _ in hits)
                        if not all(cdoc.get("cached") for _, cdoc in hits):
                            errors.append(f"{name}: a repeated identical request was not answered from the cache")
                    except Exception as exc:  # noqa: BLE001 -- report and go on with the other pages
                        errors.append(f"{name} ({url}): {type(exc).__name__}: {exc}")
                        continue
                    rows[name] = {"floor": statistics.median(f_ms), "analyze": statistics.median(a_ms),
                                  "server_total": statistics.median(s_ms), "cache": c_ms,
                                  "bytes": len(html.encode("utf-8")),
                                  **{f"stage:{k}": statistics.median(v) for k, v in stages.items() if k != "total"}}
                    print(f"[{i}/{len(pages)}] {name}: floor {rows[name]['floor']:.0f} ms, analyze "
                          f"{rows[name]['analyze']:.0f} ms (server {rows[name]['server_total']:.0f}), "
                          f"cache hit {c_ms:.1f} ms")
        finally:
            server.stop()

    if "seed" not in rows or len(rows) < 2:
        print("latency: too few pages measured; errors:\n" + "\n".join(errors))
        return 1
    load_after = os.getloadavg()[0]
    seed = rows["seed"]
    others = [r for n, r in rows.items() if n != "seed"]
    cond = {
        "floor": summary([r["floor"] for r in others]),
        "analyze": summary([r["analyze"] for r in others]),
        "server": summary([r["server_total"] for r in others]),
        "cache": summary([r["cache"] for r in [*others, seed]]),
    }
    ratio = cond["analyze"]["p50"] / cond["floor"]["p50"]
    seed_ratio = seed["analyze"] / seed["floor"]
    per_page = sorted(r["analyze"] / r["floor"] for r in others if r["floor"] > 0)
    stage_names = sorted({k for r in others for k in r if k.startswith("stage:")},
                         key=lambda k: -statistics.median([r.get(k, 0.0) for r in others]))
    stage_line = ", ".join(f"{k[6:]} {statistics.median([r.get(k, 0.0) for r in others]):.1f}" for k in stage_names)
    worst = sorted(((r["analyze"] / r["floor"], n) for n, r in rows.items() if n != "seed" and r["floor"] > 0), reverse=True)[:3]
    slow_hits = sorted(((r["cache"], n, r["bytes"]) for n, r in rows.items()), reverse=True)[:3]
    ok_ratio = "meets" if ratio <= TARGET_RATIO else "misses"
    ok_cache = "meets" if cond["cache"]["p50"] < TARGET_CACHE_MS else "misses"

    def row(label: str, s: dict[str, float]) -> str:
        return f"| {label} | {s['n']} | {s['p50']:.1f} | {s['p90']:.1f} | {s['max']:.1f} |"

    body = "\n".join([
        f"Measured {utc_now()} ({machine()}; 1-minute load average {load_before:.1f} before, "
        f"{load_after:.1f} after: other work on the machine inflates every row alike); model `{health.get('model')}`, pipeline "
        f"`{health.get('pipeline_version')}`. Server: `backstory serve` (waitress) as a subprocess on a free "
        "127.0.0.1 port with temporary config/cache/data dirs; client: httpx with keep-alive, times taken "
        "at the client (HTTP + JSON included). Pages: the seed page and the first "
        f"{len(others)} English pages (by id) of the Article Extraction Benchmark (`../shared/eval/scrapinghub_aeb`). "
        f"Each page: one untimed warm-up, then {args.repeat} timed runs, median per page; the table gives "
        "percentiles over pages, in milliseconds.",
        "",
        "- **floor**: in the benchmark process, `trafilatura.bare_extraction(html, url, with_metadata=True)` "
        "+ `nlp(text)` with the same spaCy model;",
        "- **analyze**: warm `POST /v1/analyze` with `\"no_cache\": true`; *server total* is the "
        "document's own `timings_ms.total` for the same requests;",
        "- **cache hit**: the same request without `no_cache`: once to fill the cache, then "
        f"{args.repeat} timed repeats (median per page).",
        "",
        "| condition | pages | p50 ms | p90 ms | max ms |",
        "|---|---:|---:|---:|---:|",
        row("floor (trafilatura + spaCy)", cond["floor"]),
        row("analyze, no cache (client)", cond["analyze"]),
        row("analyze, server total", cond["server"]),
        row("cache hit (incl. seed)", cond["cache"]),
        "",
        "| seed page | floor ms | analyze ms | server total ms | ratio | cache hit ms |",
        "|---|---:|---:|---:|---:|---:|",
        f"| globalresearch-cpc-attack | {seed['floor']:.1f} | {seed['analyze']:.1f} | {seed['server_total']:.1f} | "
        f"{seed_ratio:.2f} | {seed['cache']:.1f} |",
        "",
        f"**Ratio p50 analyze / p50 floor = {ratio:.2f}** (target <= {TARGET_RATIO}: {ok_ratio}); per-page "
        f"ratio median {statistics.median(per_page):.2f}, max {max(per_page):.2f}. "
        f"**Cache hit p50 = {cond['cache']['p50']:.1f} ms** (target < {TARGET_CACHE_MS:g} ms: {ok_cache}).",
        "",
        f"Server-side stage medians over the {len(others)} pages (ms, from `timings_ms`): {stage_line}. "
        f"A bare `GET /v1/health` round trip takes {health_ms:.1f} ms (median of {HEALTH_PROBES}); a cache hit "
        "adds parsing the request body, hashing the page, the lookup and the answer's JSON. "
        "Highest per-page ratios: " + ", ".join(f"`{n}` {x:.2f}" for x, n in worst) + ". Slowest cache hits "
        "(the request still uploads, parses and hashes the whole page): "
        + ", ".join(f"`{n}` {ms:.1f} ms ({b // 1024} KB)" for ms, n, b in slow_hits) + ".",
        *([f"\nRuns answered from the cache despite `no_cache` (they make *analyze* look faster): {served_cached}."]
          if served_cached else []),
        *(["", "Problems during the run:", "", *[f"- {e}" for e in errors]] if errors else []),
        "",
        "Reproduce (needs `../shared`; skipped with a message without it):",
        "",
        "```",
        command_line().replace(" --no-write", ""),
        "```",
    ])
    publish(DOCS / "benchmarks.md", SECTION, body, title="Benchmarks", skip="--no-write" if args.no_write else None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
