"""Authors on pages the gold set does not hold: Backstory vs trafilatura alone vs newspaper4k, scored
against a blind annotation of the visible byline (issue 6).

The gold set's author target (exact match >= 0.95 on its held-out quarter) rests on 12 pages. This
benchmark measures the same thing on many more pages, all of them outside the gold set:

* the 181 pages of ScrapingHub's article-extraction benchmark (``../shared/eval/scrapinghub_aeb``);
* the 127 pages of trafilatura's evaluation corpus that its index guesses are English and that are not
  gold pages (``../shared/eval/trafilatura_eval``).

Gold: ``bench/authors_gold/*.json``, one entry per page: the person names of the visible byline as
the rules of docs/annotation.md ("Outlet, syndication, genre, authors") define them, with the byline
text that was seen. The annotation was made without looking at any extractor's output (see
``bench/authors_gold/README.md``); pages that are not articles are kept and must get no author.

Scores, per system, over all annotated pages: *exact* = the set of names equals the gold list string
for string; *normalised* = the same after bench/eval_people.py's ``author_norm`` (case, diacritics,
periods, honorifics). Errors are sorted into kinds: a page with a byline where the system names no one
(*missed*), names someone who is not in it (*wrong*: a false author card) or names the right people in
another spelling (*form*); a page without a person's byline where the system names someone (*false*).
*Precision* = pages whose named authors are all right, of the pages where the system names anyone.

Systems, given the same decoded HTML and no network: Backstory's full pipeline (``Engine.analyze``,
the author cards), ``trafilatura.bare_extraction(..., with_metadata=True)`` and newspaper4k's
``Article.parse()`` (skipped when newspaper4k is not installed; ``make bench`` installs it).

    .venv/bin/python bench/eval_authors.py [--no-write] [--show wrong|all|none] [--corpus NAME]

Needs ../shared (or $BACKSTORY_SHARED_DIR); without it, says so and exits 0. Writes docs/quality.md,
section "## Authors beyond the gold set", and prints each page Backstory gets wrong.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _common import DOCS, NoNetwork, command_line, machine, publish, require_shared, shared_dir, utc_now  # noqa: E402
from eval_extraction_peers import run_newspaper, run_trafilatura  # noqa: E402
from eval_people import author_norm  # noqa: E402

SECTION = "## Authors beyond the gold set"
GOLD_DIR = HERE / "authors_gold"
SYSTEMS = ("backstory", "trafilatura", "newspaper4k")
KINDS = ("missed", "wrong", "form", "false")
CORPORA = ("scrapinghub_aeb", "trafilatura_en")


@dataclass
class Page:
    corpus: str
    file: str
    path: Path
    url: str
    gold: list[str]
    evidence: str = ""
    got: dict[str, list[str] | None] = field(default_factory=dict)  # None: the system raised


def _canonical(html: str) -> str | None:
    m = re.search(r"""<link[^>]+rel=["']canonical["'][^>]*href=["']([^"']+)""", html, re.I) or \
        re.search(r"""<meta[^>]+property=["']og:url["'][^>]*content=["']([^"']+)""", html, re.I)
    return m.group(1).strip() if m and m.group(1).startswith(("http://", "https://")) else None


def load_corpus(name: str) -> list[Page]:
    """The annotated pages of one corpus, with their URL (the corpus's own, else the page's canonical)."""
    gold = json.loads((GOLD_DIR / f"{name}.json").read_text(encoding="utf-8"))
    pages = []
    if name == "scrapinghub_aeb":
        root = shared_dir() / "eval" / "scrapinghub_aeb"
        truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
        for file, entry in sorted(gold["pages"].items()):
            key = file.split(".")[0]
            pages.append(Page(name, file, root / "html" / file, truth[key]["url"], entry["authors"], entry.get("evidence", "")))
    elif name == "trafilatura_en":
        root = shared_dir() / "eval" / "trafilatura_eval"
        keys = {}
        with (root / "index_metadata.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                keys[row["html"]] = row["key"]
        for file, entry in sorted(gold["pages"].items()):
            key = keys[file]
            pages.append(Page(name, file, root / file, key if key.startswith(("http://", "https://")) else "",
                              entry["authors"], entry.get("evidence", "")))
    else:
        raise SystemExit(f"unknown corpus {name!r}")
    return pages


def read_html(page: Page) -> str:
    from trafilatura.utils import decode_file

    raw = page.path.read_bytes()
    if page.path.suffix == ".gz":
        raw = gzip.decompress(raw)
    html = decode_file(raw)
    if not page.url:
        page.url = _canonical(html) or f"https://example.org/{re.sub(r'[^A-Za-z0-9._-]+', '-', page.file)}"
    return html




def kind(got: list[str] | None, gold: list[str]) -> str | None:
    """None when right (string for string); else the kind of error."""
    if got is None:
        return "missed" if gold else "false"  # (a crash)
    if sorted(got) == sorted(gold):
        return None
    if not gold:
        return "false"
    if not got:
        return "missed"
    if sorted(map(author_norm, got)) == sorted(map(author_norm, gold)):
        return "form"
    return "wrong"


def score(pages: list[Page], system: str) -> dict[str, Any]:
    row: dict[str, Any] = {"pages": 0, "exact": 0, "normalised": 0, "named": 0, "named_right": 0,
                           "with_byline": 0, "without_byline": 0, **{k: 0 for k in KINDS}}
    for p in pages:
        if system not in p.got:
            continue
        got = p.got[system]
        row["pages"] += 1
        row["with_byline" if p.gold else "without_byline"] += 1
        k = kind(got, p.gold)
        if k is None:
            row["exact"] += 1
        else:
            row[k] += 1
        if k in (None, "form"):
            row["normalised"] += 1
        if got:
            row["named"] += 1
            row["named_right"] += k in (None, "form")
    return row


def _frac(k: int, n: int) -> str:
    return f"{k}/{n} ({k / n:.3f})" if n else "–"


def markdown(by_corpus: dict[str, list[Page]], systems: list[str], seconds: float, crashes: dict[str, int]) -> str:
    everything = [p for pages in by_corpus.values() for p in pages]
    lines = [
        f"Measured {utc_now()} on {machine()}; run time {seconds:.0f} s.",
        "",
        "The gold set's held-out quarter has 12 pages, so its author score moves in steps of 0.083. These pages "
        "are not in the gold set and were annotated for authors only (`bench/authors_gold/`, blind to every "
        "extractor's output, by the rules of [annotation.md](annotation.md): the person names of the visible "
        "byline; an agency's, desk's or outlet's byline and a page without one give no author): the 181 pages of "
        "ScrapingHub's article-extraction benchmark (`../shared/eval/scrapinghub_aeb`) and the 127 pages of "
        "trafilatura's corpus guessed English that are not gold pages (`../shared/eval/trafilatura_eval`). Earlier "
        "sessions had read these pages' output while checking rules and this one fixed what they showed, so this is "
        "a development set, not a held-out one; the annotation's debatable calls (handles, a personal site's owner "
        "named only in its footer) are listed in `bench/authors_gold/README.md`.",
        "",
        "*Exact* = the same names string for string (a page without a person's byline must get none); "
        "*normalised* = after case, diacritics, periods and honorifics are folded. Errors: *missed* = a byline, "
        "no author named; *wrong* = a name that is not the byline's (a false card); *form* = the right people, "
        "spelt otherwise; *false* = an author named on a page without a person's byline. *Precision* = pages "
        "where every named author is right, of the pages where the system names anyone.",
        "",
        "| corpus | system | pages (with byline) | exact | normalised | precision | missed | wrong | form | false |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    groups = [*by_corpus.items()] + ([("all", everything)] if len(by_corpus) > 1 else [])
    for corpus, pages in groups:
        for system in systems:
            r = score(pages, system)
            if not r["pages"]:
                continue
            lines.append(f"| {corpus} | {system} | {r['pages']} ({r['with_byline']}) | {_frac(r['exact'], r['pages'])} | "
                         f"{_frac(r['normalised'], r['pages'])} | {_frac(r['named_right'], r['named'])} | "
                         f"{r['missed']} | {r['wrong']} | {r['form']} | {r['false']} |")
    lines += ["", "Crashes (counted as no author): " + ", ".join(f"{s} {crashes.get(s, 0)}" for s in systems) + ".",
              "", "Reproduce (needs `../shared`; newspaper4k from `make bench`, skipped without it):", "", "```",
              command_line().replace(" --no-write", ""), "```", "",
              "Backstory's shares here must stay at or above the `authors_beyond_gold` floors in "
              "`tests/quality_floors.json` (`tests/test_metadata_gate.py`, skipped without `../shared`)."]
    return "\n".join(lines)


def backstory_authors(engine: Any, html: str, url: str) -> list[str]:
    doc = engine.analyze(url, html, use_cache=False)
    return [" ".join(a["name"].split()) for a in doc.get("authors") or []]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-write", action="store_true", help="print the table, do not touch docs/quality.md")
    parser.add_argument("--show", choices=("wrong", "all", "none"), default="wrong",
                        help="which pages to print with Backstory's authors (default: those it gets wrong)")
    parser.add_argument("--corpus", action="append", choices=CORPORA,
                        help="only this corpus (repeatable; the table is not written)")
    parser.add_argument("--no-peers", action="store_true", help="Backstory only")
    args = parser.parse_args(argv)
    require_shared("eval", "scrapinghub_aeb")
    require_shared("eval", "trafilatura_eval")

    from backstory.pipeline import Engine
    from backstory.settings import Settings

    systems = ["backstory"]
    if not args.no_peers:
        systems.append("trafilatura")
        try:
            import newspaper  # noqa: F401

            systems.append("newspaper4k")
        except ImportError:
            print("newspaper4k is not installed (pip install newspaper4k, or make bench): its column is skipped")
    # (the peers' runners of eval_extraction_peers.py: same calls, their timing unused here)
    runners = {"trafilatura": lambda html, url: run_trafilatura(url, html)[0]["authors"],
               "newspaper4k": lambda html, url: run_newspaper(url, html)[0]["authors"]}
    corpora = args.corpus or list(CORPORA)
    by_corpus = {c: load_corpus(c) for c in corpora}
    crashes: dict[str, int] = {}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="backstory-eval-") as tmp, NoNetwork():
        home = Path(tmp)
        settings = Settings.load({"cache_dir": home / "cache", "config_dir": home / "config",
                                  "data_dir": home / "data"}, environ={})
        engine = Engine(settings, use_cache=False)
        try:
            for pages in by_corpus.values():
                for p in pages:
                    html = read_html(p)
                    for system in systems:
                        try:
                            p.got[system] = (backstory_authors(engine, html, p.url) if system == "backstory"
                                             else runners[system](html, p.url))
                        except Exception as exc:  # noqa: BLE001 -- a crash is a result to report
                            crashes[system] = crashes.get(system, 0) + 1
                            p.got[system] = None
                            if system == "backstory":
                                print(f"CRASH {p.corpus}/{p.file}: {type(exc).__name__}: {exc}")
        finally:
            engine.close()
    seconds = time.perf_counter() - started
    for pages in by_corpus.values():
        for p in pages:
            k = kind(p.got.get("backstory"), p.gold)
            if args.show == "all" or args.show == "wrong" and k is not None:
                print(f"[{k or 'ok'}] {p.corpus}/{p.file}\n    gold={p.gold}  ({p.evidence[:100]})\n"
                      f"    backstory={p.got.get('backstory')}  trafilatura={p.got.get('trafilatura')}")
    publish(DOCS / "quality.md", SECTION, markdown(by_corpus, systems, seconds, crashes), title="Quality",
            skip="--no-write" if args.no_write else "--corpus" if args.corpus else None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
