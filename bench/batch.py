"""``backstory batch``: throughput, memory, and a large run killed and resumed (issue 29).

What runs:

1. **Throughput** on the Article Extraction Benchmark pages (``../shared/eval/scrapinghub_aeb``, 181 pages)
   and trafilatura's evaluation pages (``../shared/eval/trafilatura_eval``), each corpus written to a
   JSONL file and analysed from scratch (no cache) by ``backstory.batch.run`` -- the code behind the
   command -- three ways: ``--workers 1``, ``--workers 2``, and ``--dask local --workers 2`` (a
   LocalCluster of 2 workers). Each run is timed in two parts, the same way for all three: **start-up** (the
   pool made -- for Dask, the LocalCluster started -- and every engine's model loaded and its first calls made
   on the corpus's first page, not counted: ``pool.warm()``), then **analysis**, from the first batch sent to
   the last page's outcome back, every page counted, the end of the run (where one worker may wait for the
   other) included. Reported per run: both times, pages per second of analysis (model loading counts for
   neither side), pages per second per worker, the speed-up of 2 workers over 1, Dask against local, the CPU
   time per page of the engines and of everything else (the command's process: reading inputs, writing
   results, Dask's client, scheduler and thread workers; psutil), which holds on a shared machine where rates
   do not, and the peak RSS of each engine process (``ru_maxrss`` of the process that holds the model).
2. **Kill and resume**: a synthetic corpus of ``--synthetic`` pages (default 10,000), each a corpus page
   with a unique comment planted in it (so each has its own id), as JSONL; ``backstory batch --workers 2``
   runs as a subprocess and is killed with SIGKILL (its whole process group: the run and its engine
   processes) ``--kills`` times at evenly spaced points, each time restarted, then run to the end. The
   result: pages lost (inputs in neither the results nor the errors file) and duplicated (ids written
   twice), both of which must be 0.

Targets (issue 29): 2 workers >= 1.8 x 1 worker on this 2-core machine; Dask LocalCluster of 2 within
10 % of --workers 2; >= 5 pages/s per core on AEB pages; peak RSS <= 600 MB per worker. The numbers are
reported whatever they are, with the machine's load average before and after, since other work on the
machine slows every row.

Writes docs/benchmarks.md, section "## Batch" (other sections are kept). Needs ../shared (or
$BACKSTORY_SHARED_DIR); without it, says so and exits 0.

    .venv/bin/python bench/batch.py [--limit N] [--synthetic 10000] [--kills 2] [--skip-dask] [--skip-throughput] [--no-write]
    .venv/bin/python bench/batch.py --quick --no-write      # checks the benchmark itself in a few minutes
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from collections.abc import Iterable, Iterator
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import DOCS, command_line, machine, publish, require_shared, utc_now  # noqa: E402
from snapshot import pages as corpus_pages  # noqa: E402

from backstory.batch import DEFAULT_BATCH_SIZE, store  # noqa: E402
from backstory.batch.inputs import page_id  # noqa: E402
from backstory.batch.run import LocalPool, Options, run  # noqa: E402
from backstory.settings import Settings  # noqa: E402

BACKSTORY = Path(sys.executable).with_name("backstory")
HEADING = "## Batch"


def write_jsonl(path: Path, pages: list[tuple[str, str]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for url, html in pages:
            fh.write(json.dumps({"url": url, "html": html}, ensure_ascii=False) + "\n")


class Timed:
    """A pool that notes when each batch comes back, and the CPU used when the last one is back (before closing)."""

    def __init__(self, pool: Any, meter: "CpuMeter") -> None:
        self.pool = pool
        self.slots = pool.slots
        self.meter = meter
        self.marks: list[tuple[float, int]] = []
        self.cpu_end: dict[str, float] = {}

    def map(self, batches):  # noqa: ANN001, ANN201
        for batch, outcomes in self.pool.map(batches):
            self.marks.append((time.monotonic(), len(batch)))
            yield batch, outcomes
        self.cpu_end = self.meter.snap()

    def stats(self):  # noqa: ANN201
        return self.pool.stats()

    def close(self) -> None:
        self.pool.close()


class CpuMeter:
    """CPU seconds so far of the engine processes and of everything else (this process and its other children)."""

    def __init__(self) -> None:
        try:
            import psutil  # (installed with Dask)
        except ImportError:
            self.me = None
            return
        self.psutil = psutil
        self.me = psutil.Process()

    def snap(self) -> dict[str, float]:
        if self.me is None:
            return {}
        out = {"engines": 0.0, "other": sum(self.me.cpu_times()[:2])}
        for proc in self.me.children(recursive=True):
            try:
                role = "engines" if "backstory.batch.child" in " ".join(proc.cmdline()) else "other"
                out[role] += sum(proc.cpu_times()[:2])
            except self.psutil.Error:
                pass  # (a process that has left: an engine replaced mid-run; its CPU is not counted)
        return out


def throughput(name: str, jsonl: Path, workdir: Path, settings: Settings, workers: int, dask: str | None,
               batch_size: int, warm_pages: list[tuple[str, str]]) -> dict[str, Any]:
    """One run, timed in two parts: start-up (pool made, every engine loaded and warmed with ``warm_pages``), then
    the analysis of every page."""
    out = workdir / f"{name}-{'dask' if dask else 'local'}-{workers}.jsonl"
    for path in (out, out.with_name(out.stem + ".errors.jsonl")):
        path.unlink(missing_ok=True)
    meter = CpuMeter()
    start = time.monotonic()
    if dask:
        from backstory.batch.dask_pool import DaskPool

        pool: Any = DaskPool(dask, settings, workers=workers)
    else:
        pool = LocalPool(settings, workers, include_text=False)
    try:
        pool.warm(warm_pages)
    except BaseException:
        pool.close()
        raise
    startup = time.monotonic() - start
    timed = Timed(pool, meter)
    cpu_start = meter.snap()
    began = time.monotonic()
    summary = run(Options(inputs=[jsonl], output=out, workers=workers, batch_size=batch_size, dask=dask, progress=False),
                  settings, pool_factory=lambda: timed)
    analysis = (timed.marks[-1][0] - began) if timed.marks else 0.0
    rate = summary.analysed / analysis if analysis > 0 and summary.analysed else None
    cpu = ({role: (timed.cpu_end[role] - cpu_start[role]) * 1000 / summary.analysed for role in cpu_start}
           if summary.analysed and timed.cpu_end and cpu_start else {})
    row = {"corpus": name, "how": f"--dask local --workers {workers}" if dask else f"--workers {workers}", "workers": workers,
           "pages": summary.analysed, "errors": summary.errors, "startup_s": startup, "analysis_s": analysis, "rate": rate,
           "per_worker": rate / workers if rate else None, "cpu_ms": cpu, "rss_mb": [kb / 1024 for kb in summary.peak_rss_kb],
           "errors_by_code": dict(summary.errors_by_code)}
    print(f"  {name:5} {row['how']:26} {row['pages']:4} pages, {row['errors']} errors, start-up {startup:5.1f} s, analysis "
          f"{analysis:6.1f} s, {f'{rate:5.2f}' if rate else '   —'} pages/s, CPU per page "
          + (", ".join(f"{k} {v:.0f} ms" for k, v in cpu.items()) or "—")
          + f", peak RSS {', '.join(f'{m:.0f}' for m in row['rss_mb'])} MB", flush=True)
    return row


def synthetic_pages(base: list[tuple[str, str]], n: int) -> Iterator[tuple[str, str]]:
    """n distinct pages, one at a time: corpus pages in turn, each with a comment of its own planted before </body>."""
    for i in range(n):
        url, html = base[i % len(base)]
        mark = f"<!-- backstory bench: synthetic page {i} -->"
        at = html.lower().rfind("</body>")
        yield url, (html[:at] + mark + html[at:] if at >= 0 else html + mark)


def kill_and_resume(pages: Iterable[tuple[str, str]], workdir: Path, kills: int, workers: int, env: dict[str, str]) -> dict[str, Any]:
    jsonl = workdir / "synthetic.jsonl"
    expected: set[str] = set()
    with jsonl.open("w", encoding="utf-8") as fh:  # streamed: 10,000 pages are 1.5 GB of JSONL
        for url, html in pages:
            expected.add(page_id(url, html))
            fh.write(json.dumps({"url": url, "html": html}, ensure_ascii=False) + "\n")
    out = workdir / "synthetic-results.jsonl"
    errors = workdir / "synthetic-results.errors.jsonl"
    for path in (out, errors):
        path.unlink(missing_ok=True)
    cmd = [str(BACKSTORY), "batch", str(jsonl), "-o", str(out), "--workers", str(workers), "-q"]
    rng = random.Random(29)
    n = len(expected)
    killed_at = []
    start = time.monotonic()
    for k in range(1, kills + 1):
        target = int(n * k / (kills + 1) + rng.randint(-n // 20, n // 20))
        proc = subprocess.Popen(cmd, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        while True:
            done = _lines(out) + _lines(errors)
            if done >= target or proc.poll() is not None:
                break
            time.sleep(0.2)
        if proc.poll() is not None:
            raise SystemExit(f"the run ended before it could be killed at {target}: {proc.stderr.read().decode()[-2000:]}")
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stderr.close()
        killed_at.append(_lines(out) + _lines(errors))
        print(f"  killed (SIGKILL, whole process group) with {killed_at[-1]:,} of {n:,} pages written", flush=True)
    final = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if final.returncode != 0:
        raise SystemExit(f"the resumed run failed: {final.stderr[-2000:]}")
    wall = time.monotonic() - start
    written = Counter(rec_id for path in (out, errors) for rec_id in _ids(path))
    lost = len(expected - set(written))
    duplicated = sum(c - 1 for c in written.values() if c > 1)
    codes = Counter(rec["error"]["code"] for rec in store.records(errors)) if errors.exists() else Counter()
    result = {"pages": n, "kills": killed_at, "results": _lines(out), "errors": _lines(errors), "error_codes": dict(codes), "lost": lost,
              "duplicated": duplicated, "wall_s": wall, "summary": final.stderr.strip().splitlines()[-4:]}
    print(f"  resumed to the end: {result['results']:,} results, {result['errors']:,} errors, lost {lost}, duplicated "
          f"{duplicated}, {wall:,.0f} s in all", flush=True)
    return result


def _lines(path: Path) -> int:
    if not path.exists():
        return 0
    with path.open("rb") as fh:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))


def _ids(path: Path):  # noqa: ANN202
    if not path.exists():
        return
    with path.open("rb") as fh:
        for line in fh:
            if line.endswith(b"\n") and line.strip():
                yield store.head(line)[0]


def _load() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


THROUGHPUT = "### Throughput"
RESUME = "### Kill and resume"


def subsections(doc: Path) -> dict[str, str]:
    """The ``### `` subsections of the Batch section now in ``doc`` (title line -> text), in order: a run that does not
    measure throughput (or the kill and resume) keeps the last record of it, and any other subsection is kept."""
    if not doc.exists():
        return {}
    m = re.search(rf"^{re.escape(HEADING)}[ \t]*\n(.*?)(?=^## |\Z)", doc.read_text(encoding="utf-8"), re.S | re.M)
    if not m:
        return {}
    parts = re.split(r"^(?=### )", m.group(1), flags=re.M)
    return {part.split("\n", 1)[0].strip(): part.strip() for part in parts if part.startswith("### ")}


def render(rows: list[dict[str, Any]], resume: dict[str, Any] | None, *, started: str, load_before: str, load_after: str,
           settings: Settings, batch_size: int, kept: dict[str, str] | None = None) -> str:
    when = (f"Measured {started} ({machine()}; load average 1/5/15 min {load_before} before, {load_after} after: other work "
            f"on the machine slows every rate, not the CPU per page), model `{settings.model}`, batch size {batch_size}, no "
            f"cache, with `{command_line()}`.")
    lines = ["`bench/batch.py` measures `backstory batch` (issue 29). Targets: 2 workers >= 1.8x one worker on 2 cores; a "
             "Dask LocalCluster of 2 within 10 % of `--workers 2`; >= 5 pages/s per core on AEB pages; <= 600 MB per worker; "
             "a run of 10,000 pages killed and resumed with 0 lost and 0 duplicated.", "",
             "Each throughput run is timed in two parts, the same way for all three: **start-up** (the pool made -- for Dask, "
             "the LocalCluster started -- and every engine's model loaded and its first calls made on the corpus's first page, "
             "not counted: `pool.warm()`), then **analysis**, from the first "
             "batch sent to the last page's outcome back: every page counted, the end of the run (where one worker may wait "
             "for the other) included. Rates are pages over the analysis time, so model loading counts for neither side. "
             "CPU per page is measured with psutil over the analysis: the engine processes' own, and everything else "
             "(the command's process: reading inputs, writing results, and for Dask its client, scheduler and thread "
             "workers); unlike rates, it holds on a shared machine. (Before 2026-12-07 21:40 UTC the table gave a \"steady\" "
             "rate that left out each engine's first batch, and a wall time with model loading; the runs below the "
             "throughput table that use those words were measured that way.)", ""]
    sections: dict[str, str] = {}
    if rows:
        t = [THROUGHPUT, "", when, "",
             "| corpus | run | pages | errors | start-up s | analysis s | pages/s | pages/s per worker | engine CPU ms/page "
             "| other CPU ms/page | peak RSS per engine process, MB |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for r in rows:
            rate = f"{r['rate']:.2f}" if r["rate"] else "—"
            per = f"{r['per_worker']:.2f}" if r["per_worker"] else "—"
            cpu = [f"{r['cpu_ms'][k]:.0f}" if k in r["cpu_ms"] else "—" for k in ("engines", "other")]
            t.append(f"| {r['corpus']} | `{r['how']}` | {r['pages']} | {r['errors']} | {r['startup_s']:.1f} | {r['analysis_s']:.1f} "
                     f"| {rate} | {per} | {cpu[0]} | {cpu[1]} | {', '.join(f'{m:.0f}' for m in r['rss_mb'])} |")
        t.append("")
        for corpus in dict.fromkeys(r["corpus"] for r in rows):
            by = {r["how"]: r for r in rows if r["corpus"] == corpus}
            one, two, dask = by.get("--workers 1"), by.get("--workers 2"), by.get("--dask local --workers 2")
            if one and two and one["rate"] and two["rate"]:
                t.append(f"- {corpus}: 2 workers / 1 worker = {two['rate'] / one['rate']:.2f}x (target >= 1.8x)")
            if two and dask and two["rate"] and dask["rate"]:
                t.append(f"- {corpus}: Dask LocalCluster of 2 / --workers 2 = {dask['rate'] / two['rate']:.2f} "
                         f"(target within 10 %: 0.90 to 1.10)")
            if one and one["rate"]:
                per_cpu = one["cpu_ms"].get("engines")
                t.append(f"- {corpus}: pages per second per core (1 worker) = {one['rate']:.2f}"
                         + (f"; per CPU second of the engine = {1000 / per_cpu:.2f}" if per_cpu else "")
                         + (" (target >= 5 on AEB pages)" if corpus == "aeb" else ""))
            peak = max((m for r in by.values() for m in r["rss_mb"]), default=None)
            if peak is not None:
                t.append(f"- {corpus}: highest peak RSS of an engine process = {peak:.0f} MB (target <= 600 MB)")
        sections[THROUGHPUT] = "\n".join(t)
    if resume:
        r = [f"{RESUME} at {resume['pages']:,} pages", "", when, "",
             f"{resume['pages']:,} synthetic pages (corpus pages, each with a comment of its own), "
             f"`backstory batch --workers 2`, killed with SIGKILL (run and engine processes) at "
             f"{', '.join(f'{k:,}' for k in resume['kills'])} pages written, restarted each time, then run to the end "
             f"({resume['wall_s']:,.0f} s in all): **{resume['lost']} lost, {resume['duplicated']} duplicated** "
             f"({resume['results']:,} results, {resume['errors']:,} errors"
             + (": " + ", ".join(f"{c} {k}" for c, k in sorted(resume["error_codes"].items())) if resume["errors"] else "")
             + "). The last run said:", ""]
        r += [f"    {line}" for line in resume["summary"]]
        sections[RESUME] = "\n".join(r)
    out: list[str] = []
    for title, text in (kept or {}).items():  # the earlier record of what this run did not measure, and the rest
        key = THROUGHPUT if title.startswith(THROUGHPUT) else RESUME if title.startswith(RESUME) else title
        out.append(sections.pop(key, text))
    out += list(sections.values())
    order = {THROUGHPUT: 0, RESUME: 1}
    out.sort(key=lambda text: order.get(next((k for k in order if text.startswith(k)), ""), 2))
    if not any(x.startswith(THROUGHPUT) for x in out):
        out.insert(0, f"{THROUGHPUT}\n\nNot measured yet (`--skip-throughput`).")
    return "\n".join(lines) + "\n" + "\n\n".join(out)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--limit", type=int, default=0, help="pages per corpus (0: all)")
    p.add_argument("--corpora", default="aeb,traf", help="which corpora (aeb, traf)")
    p.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    p.add_argument("--synthetic", type=int, default=10_000, help="pages of the kill-and-resume run (0: skip it)")
    p.add_argument("--kills", type=int, default=2)
    p.add_argument("--skip-dask", action="store_true")
    p.add_argument("--skip-throughput", action="store_true", help="only the kill-and-resume run")
    p.add_argument("--quick", action="store_true", help="a check of the benchmark: 24 pages per corpus, 120 synthetic")
    p.add_argument("--no-write", action="store_true")
    args = p.parse_args(argv)
    if args.quick:
        args.limit, args.synthetic = args.limit or 24, min(args.synthetic, 120)
    require_shared("eval", "scrapinghub_aeb")
    started, load_before = utc_now(), _load()
    with tempfile.TemporaryDirectory(prefix="backstory-bench-batch-") as tmp:
        work = Path(tmp)
        env = {k: v for k, v in os.environ.items() if not k.startswith("BACKSTORY_")}
        env.update({f"BACKSTORY_{d.upper()}": str(work / d) for d in ("config_dir", "data_dir", "cache_dir")})
        os.environ.update({k: v for k, v in env.items() if k.startswith("BACKSTORY_")})  # the Dask workers inherit these
        settings = Settings.load()
        rows = []
        base: list[tuple[str, str]] = []
        for corpus in [c.strip() for c in args.corpora.split(",") if c.strip()]:
            pages = [(url, html) for _, url, html in corpus_pages({corpus})]
            if args.limit:
                pages = pages[: args.limit]
            base += pages
            jsonl = work / f"{corpus}.jsonl"
            write_jsonl(jsonl, pages)
            print(f"{corpus}: {len(pages)} pages", flush=True)
            for workers, dask in () if args.skip_throughput else ((1, None), (2, None), (2, "local")):
                if dask and args.skip_dask:
                    continue
                rows.append(throughput(corpus, jsonl, work, settings, workers, dask, args.batch_size, pages[:1]))
        resume = None
        if args.synthetic:
            print(f"kill and resume: {args.synthetic:,} synthetic pages", flush=True)
            resume = kill_and_resume(synthetic_pages(base, args.synthetic), work, args.kills, 2, env)
    body = render(rows, resume, started=started, load_before=load_before, load_after=_load(), settings=settings,
                  batch_size=args.batch_size, kept=subsections(DOCS / "benchmarks.md"))
    skip = "--no-write" if args.no_write else ("--quick" if args.quick else None)
    publish(DOCS / "benchmarks.md", HEADING, body, title="Benchmarks", skip=skip)
    return 0 if not resume or (resume["lost"] == 0 and resume["duplicated"] == 0) else 1


if __name__ == "__main__":
    sys.exit(main())
