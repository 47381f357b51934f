"""Cited people on pages outside the gold set: Backstory vs textacy vs a naive baseline, against a blind
annotation of 44 ScrapingHub pages (issue 6).

The gold set (tests/gold, bench/eval_people.py) has 47 pages, 12 of them held out, so one person moves its
held-out F1 by about 0.03. ``bench/people_gold/scrapinghub_aeb.json`` annotates 44 more pages, drawn at
random (``random.Random(20261206).sample(sorted(files), 44)``) from ScrapingHub's article-extraction
benchmark (``../shared/eval/scrapinghub_aeb``), by the rules of docs/annotation.md but lighter: for each
cited person the name, aliases, role and *one* sentence where they are cited (not every span), the people
only mentioned, and the unnamed-source sentences. See bench/people_gold/README.md.

Scored with bench/eval_people.py's own matching (``score_page``): cited named people (precision, recall,
F1; one card per person), role accuracy, mentioned-vs-cited confusion and unnamed sourcing (sentence
level). Span scores are left out: the annotation gives one evidence sentence per person, not the spans.
Only the pages the annotation marks English count (Backstory's people stage reads English only; 3 pages
are Italian or Indonesian). Authors are not scored here (bench/eval_authors.py does).

    .venv/bin/python bench/eval_people_beyond.py [--no-write] [--verbose] [--no-peers]

Needs ../shared (or $BACKSTORY_SHARED_DIR); without it, says so and exits 0. Writes docs/quality.md,
section "## Cited people beyond the gold set".
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _common import DOCS, command_line, machine, publish, require_shared, utc_now  # noqa: E402
from eval_people import (PageResult, make_engine, metrics, naive_people, score_page, sum_counts,  # noqa: E402
                         textacy_people, textacy_status)

SECTION = "## Cited people beyond the gold set"
GOLD = HERE / "people_gold" / "scrapinghub_aeb.json"


def load_annotations(root: Path) -> list[dict[str, Any]]:
    """The English pages of the annotation in the shape score_page reads (evidence sentences as spans)."""
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for file, entry in sorted(json.loads(GOLD.read_text(encoding="utf-8"))["pages"].items()):
        if entry.get("language") != "en" or not entry.get("article"):
            continue
        pages.append({
            "name": file.split(".")[0][:12], "file": file, "page_path": str(root / "html" / file),
            "url": truth[file.split(".")[0]]["url"], "split": "all", "authors": [],
            "cited": [{"name": c["name"], "aliases": c.get("aliases") or [], "role": c.get("role"),
                       "quotes": [{"text": c["evidence"], "cue": c.get("cue") or "", "kind": "indirect"}]}
                      for c in entry.get("cited") or []],
            "mentioned": entry.get("mentioned") or [], "org_sources": [],
            "unnamed_sources": [{"text": s, "cue": ""} for s in entry.get("unnamed_sources") or []],
        })
    return pages


def read_html(page: dict[str, Any]) -> str:
    from trafilatura.utils import decode_file

    return decode_file(gzip.decompress(Path(page["page_path"]).read_bytes()))


def run(pages: list[dict[str, Any]], *, peers: list[str], engine: Any = None) -> tuple[dict[str, list[PageResult]], float]:
    """Score Backstory (and the peers, on Backstory's article text) page by page; ``engine``: one to reuse
    (left open), else a new one."""
    own = engine is None
    engine = make_engine() if own else engine
    results: dict[str, list[PageResult]] = {s: [] for s in ["backstory", *peers]}
    started = time.perf_counter()
    try:
        for page in pages:
            doc = engine.analyze(page["url"], read_html(page), include_text=True, use_cache=False)
            results["backstory"].append(score_page(page, doc, with_authors=False))
            text = doc["article"].get("text") or ""
            for peer in peers:
                fn = {"textacy": textacy_people, "naive": naive_people}[peer]
                results[peer].append(score_page(page, fn(engine.nlp, text), with_authors=False))
    finally:
        if own:
            engine.close()
    return results, time.perf_counter() - started


def _frac(a: int, b: int) -> str:
    return f"{a}/{b} ({a / b:.3f})" if b else "–"


def markdown(results: dict[str, list[PageResult]], n_pages: int, seconds: float, textacy_problem: str | None) -> str:
    lines = [
        f"Measured {utc_now()} on {machine()}; run time {seconds:.0f} s.",
        "",
        f"{n_pages} English pages of ScrapingHub's article-extraction benchmark (`../shared/eval/scrapinghub_aeb`), "
        "a random sample annotated blind for this purpose (`bench/people_gold/`: each cited person's name, role and "
        "one sentence citing them; the people only mentioned; unnamed-source sentences; rules of "
        "[annotation.md](annotation.md)). Scored as the gold set is (name matching of `bench/eval_people.py`); "
        "spans are not scored, the annotation has one sentence per person. These pages had been read before by "
        "sessions checking rules, so this is a development set, not a held-out one.",
        "",
        "| system | gold cited | predicted | TP | precision | recall | F1 | role acc. | mentioned→cited | cited→mentioned | "
        "unnamed precision | unnamed recall |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for system, rs in results.items():
        c = sum_counts(rs)
        m = metrics(c)
        unnamed = (f"{m['unnamed_precision']:.3f} | {m['unnamed_recall']:.3f}" if system == "backstory"
                   and m.get("unnamed_precision") is not None and m.get("unnamed_recall") is not None else "– | –")
        lines.append(f"| {system} | {c['gold_cited']} | {c['pred_cited']} | {c['tp']} | {m['cited_precision']:.3f} | "
                     f"{m['cited_recall']:.3f} | {m['cited_f1']:.3f} | "
                     + (_frac(c['role_ok'], c['role_n']) if system == "backstory" else "n/a")
                     + f" | {c['fp_mentioned']} | {c['fn_as_mentioned']} | {unnamed} |")
    if textacy_problem:
        lines += ["", f"textacy: {textacy_problem}"]
    lines += ["", "Reproduce (needs `../shared`; textacy from `make bench`):", "", "```",
              command_line().replace(" --no-write", "").replace(" --verbose", "").replace(" -v", ""), "```"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-write", action="store_true", help="print the table, do not touch docs/quality.md")
    parser.add_argument("--verbose", "-v", action="store_true", help="print Backstory's errors page by page")
    parser.add_argument("--no-peers", action="store_true", help="Backstory only")
    args = parser.parse_args(argv)
    root = require_shared("eval", "scrapinghub_aeb")
    pages = load_annotations(root)
    problem = None if args.no_peers else textacy_status()
    peers = [] if args.no_peers else [p for p in ("textacy", "naive") if p != "textacy" or problem is None]
    results, seconds = run(pages, peers=peers)
    if args.verbose:
        for page, r in zip(pages, results["backstory"]):
            if r.errors:
                print(f"== {page['file'][:16]} {page['url']}")
                for e in r.errors:
                    if not e.startswith("spans of"):  # (the evidence sentence is not a span)
                        print(f"   {e}")
    publish(DOCS / "quality.md", SECTION, markdown(results, len(pages), seconds, problem), title="Quality",
            skip="--no-write" if args.no_write else None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
