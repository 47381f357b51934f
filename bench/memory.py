"""Peak memory of the analysis process, page by page: what the ``analysis_memory_mb`` default rests on.

Each page is analysed in a fresh process (``python bench/memory.py --one LABEL``) that builds the Engine
as the sidecar's analysis process does (model, knowledge base, warm-up), reads its peak memory from
/proc (VmPeak: the address space, which ``RLIMIT_AS`` limits; VmHWM: the resident peak), analyses the
page(s) without a time budget, and reads them again. Pages:

* real: the ten largest pages of the ScrapingHub corpus (``../shared/eval/scrapinghub_aeb``), one process;
* worst case: every page of bench/worst_case.py at 100,000 characters;
* hostile, 8 MB each (the body limit): small paragraphs, nested ``<div>``s, one long paragraph of
  words, 600,000 attributes on one tag.

Linux only (reads /proc). Writes docs/benchmarks.md, section "## Memory of the analysis process",
unless ``--no-write``.

    .venv/bin/python bench/memory.py [--no-write]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DOCS, command_line, machine, publish, shared_dir, utc_now  # noqa: E402

SECTION = "## Memory of the analysis process"
URL = "https://news.example/2024/05/story"
EIGHT_MB = 8 * 1024 * 1024 - 200
HOSTILE = {
    "8 MB of small paragraphs": lambda: "<html><body>" + "<p>Plain words here, said Ann Lee.</p>" * 250_000,
    "8 MB of nested <div>s": lambda: "<html><body>" + "<div><span>x</span></div>" * 400_000,
    "8 MB of words in one paragraph": lambda: "<html><body><article><p>" + "word " * 1_700_000,
    "600,000 attributes on one tag": lambda: "<p " + " ".join(f"a{i}='v'" for i in range(600_000)) + ">x</p>",
}
REAL = "the ten largest ScrapingHub pages"


def status() -> dict[str, int]:
    text = Path("/proc/self/status").read_text()
    return {k: int(re.search(rf"^{k}:\s+(\d+) kB", text, re.M).group(1)) // 1024 for k in ("VmPeak", "VmHWM")}


def pages(label: str) -> list[tuple[str, str]]:
    if label == REAL:
        root = shared_dir() / "eval" / "scrapinghub_aeb"
        truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
        files = sorted((root / "html").glob("*.html.gz"), key=lambda p: -p.stat().st_size)[:10]
        return [(truth[f.name.split(".")[0]]["url"], gzip.decompress(f.read_bytes()).decode("utf-8", "replace")) for f in files]
    if label in HOSTILE:
        return [(URL, HOSTILE[label]()[:EIGHT_MB])]
    import worst_case

    return [(URL, worst_case.build(label, 100_000))]


def one(label: str) -> None:
    """In this process: build and warm the Engine, analyse, print the peaks as JSON."""
    from backstory.pipeline import Engine
    from backstory.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.load({"cache_dir": f"{tmp}/c", "config_dir": f"{tmp}/cf", "data_dir": f"{tmp}/d",
                                  "time_budget_s": 3600.0}, environ={})
        engine = Engine(settings, use_cache=False)
        engine.warm_up()
        warm = status()
        todo = pages(label)
        start = time.perf_counter()
        errors = []
        for url, html in todo:
            try:
                engine.analyze(url, html, use_cache=False)
            except Exception as exc:  # noqa: BLE001 - reported in the table
                errors.append(type(exc).__name__)
        peak = status()
    print(json.dumps({"label": label, "pages": len(todo), "chars": max(len(h) for _, h in todo), "warm": warm,
                      "peak": peak, "seconds": time.perf_counter() - start, "errors": errors}))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--one", help=argparse.SUPPRESS)
    ap.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
    args = ap.parse_args(argv)
    if args.one:
        one(args.one)
        return 0
    if not Path("/proc/self/status").exists():
        print("memory: skipped: reads /proc (Linux only); nothing was written")
        return 0
    import worst_case

    labels = ([REAL] if (shared_dir() / "eval" / "scrapinghub_aeb").exists() else []) + list(worst_case.PAGES) \
        + list(worst_case.FIXED) + list(HOSTILE)
    rows = []
    for label in labels:
        out = subprocess.run([sys.executable, __file__, "--one", label], capture_output=True, text=True)
        if out.returncode != 0:
            rows.append({"label": label, "failed": out.stderr.strip().splitlines()[-1:]})
            print(f"{label}: failed: {out.stderr[-500:]}", flush=True)
            continue
        row = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(f"{label}: VmPeak {row['warm']['VmPeak']} -> {row['peak']['VmPeak']} MiB, VmHWM {row['warm']['VmHWM']} -> "
              f"{row['peak']['VmHWM']} MiB ({row['seconds']:.0f} s)", flush=True)
    from backstory.settings import DEFAULT_ANALYSIS_MEMORY_MB

    lines = [
        f"Measured {utc_now()} on {machine()} (1-minute load average {os.getloadavg()[0]:.1f} at the end), with",
        "",
        f"    {command_line()}",
        "",
        "Each row is a fresh process that builds and warms the Engine as the sidecar's analysis process does, then "
        "analyses the page(s) with no time budget (the sidecar would stop the slow ones at 20 s, with less memory). "
        "*VmPeak* is the peak address space, which `analysis_memory_mb` limits (default "
        f"{DEFAULT_ANALYSIS_MEMORY_MB:,} MiB); *VmHWM* the peak resident memory. Warm: after the warm-up, before the page.",
        "",
        "| page(s) | largest page, chars | warm VmPeak MiB | peak VmPeak MiB | peak VmHWM MiB | s | stopped by |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        if "failed" in r:
            lines.append(f"| {r['label']} | | | | | | failed: {' '.join(r['failed'])} |")
        else:
            lines.append(f"| {r['label']} | {r['chars']:,} | {r['warm']['VmPeak']:,} | {r['peak']['VmPeak']:,} | "
                         f"{r['peak']['VmHWM']:,} | {r['seconds']:.0f} | {', '.join(r['errors']) or '—'} |")
    publish(DOCS / "benchmarks.md", SECTION, "\n".join(lines), title="Benchmarks", skip="--no-write" if args.no_write else None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
