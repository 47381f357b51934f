"""The date finder, bounded or extensive: how right the publication dates are, and what the extract stage costs.

trafilatura reads the date with htmldate. In its extensive mode, when the page's metadata gives no date, htmldate
reads the page's whole HTML for anything date-like and falls back to ``dateparser`` (whose first call costs seconds).
Backstory runs it bounded (``extract/limits.py``: ``EXTENSIVE_DATE_SEARCH = False``): the date comes from the page's
metadata, its address or its date markup; where they give none, from a short line under the headline
(``DATE_LINE_CHARS``), or a date alone (``DATE_SIGNATURE_WORDS`` words at most) on a line just above the headline, under
its publication label or in the text's last paragraph (a signature's date), all read by htmldate's own patterns, no
dateparser (extract/date.py; a variant's 0 turns its lines off). Four variants: the extensive search as before, bounded alone,
bounded with the date lines (shipped), and the extensive search without its dateparser step, with the date lines. This bench runs the extract stage alone over both corpora
once per variant, each in a fresh process (so a first call's cost shows):

* dates, on the pages of ``../shared/eval/trafilatura_eval`` with a gold date (``tests/evaldata.json``): right (the
  first 10 characters equal), wrong, missing -- all languages, and the English pages (the corpus index's
  ``lang_guess``) as bench/eval_metadata.py counts them;
* time, on every page of both corpora (trafilatura_eval and scrapinghub_aeb): the stage's wall time per page after a
  warm-up (``extract.warm_up()``), its total, median, 95th percentile and maximum, the pages over 1 s, and the first
  page's time in the fresh process; whether ``dateparser`` was imported at all.

Writes the table to docs/benchmarks.md, section "## Date finder"; the held-back quarter of the gold set is counted,
never named. Needs ../shared (or $BACKSTORY_SHARED_DIR); without it, says so and exits 0.

    .venv/bin/python bench/eval_dates.py [--no-write] [--limit N]
    .venv/bin/python bench/eval_dates.py --list   # the dated pages where the shipped finder and before disagree
    .venv/bin/python bench/eval_dates.py --shipped-only   # the shipped finder alone on the dated pages (a quick check)

``--list`` runs the two variants that matter for the comparison (before and shipped) on the dated pages only, and
prints each page where the shipped finder is not right: lost (before was right), or wrong/missing in both, with the
gold date and what each variant read (held-out pages of the gold set are counted, never named). Never written.
``--shipped-only`` runs the shipped finder alone on the dated pages and prints its tallies, its slowest page's time and
whether dateparser was loaded: the check made for each change of the finder. Never written.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _common import DOCS, REPO, command_line, machine, publish, require_shared, utc_now

SECTION = "## Date finder"
# name: (htmldate's extensive search, the longest date line read under the headline, the most words of a signature's
# date line; 0: none)
# the fourth: the other way the issue offers, htmldate's extensive search with its dateparser step switched off
VARIANTS = {"extensive (before)": (True, 0, 0), "bounded": (False, 0, 0), "bounded + date lines (shipped)": (False, 80, 4),
            "extensive without dateparser + date lines": (True, 80, 4, False)}


def _gold_dates(root: Path) -> dict[str, tuple[str, bool]]:
    """The gold date and whether the page is English, by the page's path under the corpus."""
    gold = json.loads((root / "tests" / "evaldata.json").read_text(encoding="utf-8"))
    out = {}
    with (root / "index_metadata.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            date = ((gold.get(row["key"]) or {}).get("date") or "").strip()
            if date:
                out[row["html"]] = (date[:10], row.get("lang_guess") == "en")
    return out


def run_variant(extensive: bool, date_line_chars: int, signature_words: int, dateparser: bool = True, *,
                limit: int = 0, dated_only: bool = False) -> dict:
    """In this process: the extract stage over both corpora with the date finder as asked (``dateparser`` False:
    htmldate's last extensive step, the gate to dateparser, never opens, so dateparser is never called)."""
    import logging

    if not dateparser:
        import htmldate.extractors

        htmldate.extractors.has_date_cue = lambda *args: False

    logging.disable(logging.CRITICAL)
    sys.path.insert(0, str(REPO / "bench"))
    from snapshot import pages

    from backstory.extract import extract, limits, page, warm_up

    limits.EXTENSIVE_DATE_SEARCH = extensive
    limits.DATE_LINE_CHARS = date_line_chars
    limits.DATE_SIGNATURE_WORDS = signature_words
    page.trafilatura_config.cache_clear()
    warm_up()
    gold = _gold_dates(require_shared("eval", "trafilatura_eval"))
    rows = []
    for i, (key, url, html) in enumerate(pages({"traf", "aeb"})):
        if limit and i >= limit:
            break
        if dated_only and key.removeprefix("traf/") not in gold:
            continue
        started = time.perf_counter()
        try:
            got = extract(url, html, max_chars=8 * 1024 * 1024).published
        except Exception as exc:  # noqa: BLE001 -- a crash is a result to report
            got = f"error: {type(exc).__name__}"
        seconds = time.perf_counter() - started
        rel = key.removeprefix("traf/")
        rows.append({"key": key, "seconds": seconds, "got": got, "gold": gold.get(rel, (None, False))[0],
                     "en": gold.get(rel, (None, False))[1],
                     "digest": hashlib.sha256(html.encode("utf-8", "surrogatepass")).hexdigest()})
    return {"rows": rows, "dateparser": "dateparser" in sys.modules}


def _heldout() -> frozenset[str]:
    sys.path.insert(0, str(REPO / "tests" / "gold"))
    from check_gold import load_gold

    return frozenset(hashlib.sha256(Path(a["page_path"]).read_text(encoding="utf-8", errors="replace")
                                    .encode("utf-8", "surrogatepass")).hexdigest()
                     for a in load_gold() if a["split"] == "heldout")


def summary(result: dict, hidden: frozenset[str]) -> dict:
    rows = result["rows"]
    scored = [r for r in rows if r["gold"]]
    english = [r for r in scored if r["en"]]

    def tally(rs):
        right = sum(1 for r in rs if (r["got"] or "")[:10] == r["gold"])
        missing = sum(1 for r in rs if not r["got"])
        return right, len(rs) - right - missing, missing, len(rs)

    warm = [r["seconds"] for r in rows[1:]]
    slowest = max(rows[1:], key=lambda r: r["seconds"]) if len(rows) > 1 else None
    return {
        "all": tally(scored), "en": tally(english), "pages": len(rows), "first": rows[0]["seconds"] if rows else 0.0,
        "total": sum(warm), "median": statistics.median(warm) if warm else 0.0,
        "p95": sorted(warm)[int(0.95 * (len(warm) - 1))] if warm else 0.0, "max": max(warm, default=0.0),
        "over_1s": sum(1 for s in warm if s > 1.0),
        "slowest": (slowest["key"] if slowest["digest"] not in hidden else "(a held-out page)") if slowest else None,
        "dateparser": result["dateparser"],
    }


SHIPPED = "bounded + date lines (shipped)"
BEFORE = "extensive (before)"


def listing(results: dict[str, dict], hidden: frozenset[str]) -> str:
    """The dated pages the shipped finder does not get right, grouped: lost (before was right), then wrong or
    missing in both; each with its language, the gold date and each variant's reading."""
    before = {r["key"]: r for r in results[BEFORE]["rows"]}
    groups: dict[str, list[str]] = {"lost (before right)": [], "gained (before not right)": [],
                                    "not right in both": []}
    kept_out = 0
    for r in results[SHIPPED]["rows"]:
        if not r["gold"]:
            continue
        b = before.get(r["key"], {})
        now_ok, was_ok = (r["got"] or "")[:10] == r["gold"], (b.get("got") or "")[:10] == r["gold"]
        if now_ok and was_ok:
            continue
        if r["digest"] in hidden:
            kept_out += 1
            continue
        group = "gained (before not right)" if now_ok else "lost (before right)" if was_ok else "not right in both"
        groups[group].append(f"{r['key']}\t{'en' if r['en'] else '--'}\tgold {r['gold']}\tshipped {r['got'] or '-'}"
                             f"\tbefore {b.get('got') or '-'}")
    out = []
    for name, lines in groups.items():
        out += [f"## {name}: {len(lines)}", *lines, ""]
    if kept_out:
        out.append(f"({kept_out} held-out pages counted, not named)")
    return "\n".join(out) + "\n"


def markdown(summaries: dict[str, dict]) -> str:
    first = next(iter(summaries.values()))
    lines = [
        f"Measured {utc_now()} on {machine()} with `{command_line()}` (the machine shared with other work: times are "
        "upper bounds). The extract stage alone (`backstory.extract.extract`), each variant in a fresh process after "
        f"`warm_up()`, over {first['pages']} pages (trafilatura_eval and scrapinghub_aeb). Dates: pages of "
        "trafilatura_eval with a gold date; right = the first 10 characters equal.",
        "",
        "| date finder | dates right (all) | wrong | missing | dates right (English) | wrong | missing | first page s "
        "| total s | median s | p95 s | max s | pages > 1 s | dateparser loaded |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, s in summaries.items():
        (ra, wa, ma, na), (re_, we, me, ne) = s["all"], s["en"]
        lines.append(f"| {name} | {ra}/{na} ({ra / max(na, 1):.3f}) | {wa} | {ma} | {re_}/{ne} ({re_ / max(ne, 1):.3f}) | "
                     f"{we} | {me} | {s['first']:.2f} | {s['total']:.1f} | {s['median']:.3f} | {s['p95']:.3f} | "
                     f"{s['max']:.2f} | {s['over_1s']} | {'yes' if s['dateparser'] else 'no'} |")
    lines += ["", "Slowest page per variant: " + "; ".join(f"{n}: {s['slowest']} ({s['max']:.2f} s)" for n, s in summaries.items()) + "."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-write", action="store_true", help="print the table, do not touch docs/benchmarks.md")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (a quick look; never written)")
    parser.add_argument("--list", action="store_true", help="print the dated pages the shipped finder does not get "
                        "right (lost, gained, wrong in both), beside before's reading; never written")
    parser.add_argument("--shipped-only", action="store_true", help="only the shipped finder, on the dated pages: its "
                        "right/wrong/missing dates, slowest page and whether dateparser was loaded; never written")
    parser.add_argument("--variant", choices=list(VARIANTS), help=argparse.SUPPRESS)  # (the child process)
    parser.add_argument("--dated-only", action="store_true", help=argparse.SUPPRESS)  # (the child process)
    args = parser.parse_args(argv)
    if args.variant:
        json.dump(run_variant(*VARIANTS[args.variant], limit=args.limit, dated_only=args.dated_only), sys.stdout)
        return 0
    require_shared("eval", "trafilatura_eval")
    hidden = _heldout()
    if args.list or args.shipped_only:
        results = {name: json.loads(subprocess.run(
            [sys.executable, __file__, "--variant", name, "--limit", str(args.limit), "--dated-only"],
            capture_output=True, text=True, check=True, cwd=REPO).stdout)
            for name in ((SHIPPED,) if args.shipped_only else (BEFORE, SHIPPED))}
        for name, result in results.items():
            s = summary(result, hidden)
            (ra, wa, ma, na), (re_, we, me, ne) = s["all"], s["en"]
            print(f"{name}: all {ra}/{na} right, {wa} wrong, {ma} missing; English {re_}/{ne}, {we} wrong, {me} missing; "
                  f"dateparser {'loaded' if result['dateparser'] else 'not loaded'}; slowest warm page {s['max']:.2f} s "
                  f"({s['slowest']})")
        if args.list:
            print(listing(results, hidden))
        return 0
    summaries = {}
    for name in VARIANTS:
        out = subprocess.run([sys.executable, __file__, "--variant", name, "--limit", str(args.limit)],
                             capture_output=True, text=True, check=True, cwd=REPO).stdout
        summaries[name] = summary(json.loads(out), hidden)
    body = markdown(summaries)
    publish(DOCS / "benchmarks.md", SECTION, body, title="Benchmarks",
            skip="--no-write" if args.no_write else "--limit" if args.limit else None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
