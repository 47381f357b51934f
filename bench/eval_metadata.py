"""Score author, title and date extraction: Backstory against trafilatura alone, in one run.

Corpus: the English pages of trafilatura's own evaluation set, ``../shared/eval/trafilatura_eval``
(gold in ``tests/evaldata.json``; the language comes from ``index_metadata.jsonl``'s
``lang_guess``, a stop-word heuristic of whoever copied the corpus, not an official field). A page
counts for a metric when its gold value for that metric is non-empty.

Both systems get the same input: the page's bytes decoded once with trafilatura's own
``decode_file`` (Backstory only ever receives decoded text). Backstory is the full pipeline
(``Engine.analyze``); "trafilatura" is ``trafilatura.extract_metadata`` with its defaults.

Scoring, following the corpus notes (``SOURCE.txt``) and trafilatura's ``tests/eval_authors.py``:

* author, exact: the predicted string equals the gold string (a gold list is joined with "; ",
  Backstory's author cards are joined the same way);
* author, normalised: both sides case-folded, a leading "By" removed, split on ";", ",", "&",
  "and", "|", and compared as sets of names;
* title, exact and normalised (case-folded, whitespace collapsed, quotes unified);
* date: the first 10 characters (YYYY-MM-DD) equal the gold date.

Writes the table to docs/quality.md, section "## Metadata extraction", and prints every author
case Backstory gets wrong (with what trafilatura said) so they can be looked at one by one.

Needs ../shared (or $BACKSTORY_SHARED_DIR); without it, says so and exits 0.

    .venv/bin/python bench/eval_metadata.py [--no-write] [--limit N] [--show all|wrong|worse|exact]

``--show exact`` lists every page whose author is not an exact match, each with the kind of miss (see
:func:`miss_kind`: the gold keeps the page's capitals, joins several names its own way, names someone
Backstory leaves out, or names other people), and counts them per kind.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DOCS, REPO, command_line, machine, publish, require_shared, utc_now  # noqa: E402

CORPUS = ("eval", "trafilatura_eval")
SECTION = "## Metadata extraction"
METRICS = ("author", "title", "date")
SYSTEMS = ("backstory", "trafilatura")

_BY = re.compile(r"^\s*by[:\s]+", re.I)
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|,|&|\||\band\b)\s*", re.I)
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "«": '"', "»": '"'})


def gold_author(value: Any) -> str:
    """Gold authors as one string (lists joined with '; ', as eval_authors.py does)."""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value if v)
    return (value or "").strip()


def author_set(value: str | None) -> frozenset[str]:
    """Normalised author names: case-folded, 'By' removed, split on separators."""
    if not value:
        return frozenset()
    value = _BY.sub("", " ".join(value.split()).casefold())
    return frozenset(p.strip(" .") for p in _AUTHOR_SPLIT.split(value) if p.strip(" ."))


def norm_title(value: str | None) -> str:
    return " ".join((value or "").translate(_QUOTES).split()).casefold()


def day(value: str | None) -> str:
    return (value or "")[:10]


@dataclass
class Score:
    n: int = 0
    exact: int = 0
    normalised: int = 0

    def pct(self, k: int) -> str:
        return f"{k}/{self.n} ({100 * k / self.n:.1f}%)" if self.n else "–"


@dataclass
class Case:
    key: str
    path: str
    gold: dict[str, str]
    got: dict[str, dict[str, str | None]] = field(default_factory=dict)
    error: str | None = None
    heldout: bool = False


def load_pages(root: Path) -> list[tuple[str, Path, dict[str, Any]]]:
    gold = json.loads((root / "tests" / "evaldata.json").read_text(encoding="utf-8"))
    pages = []
    with (root / "index_metadata.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row.get("lang_guess") != "en" or row["key"] not in gold:
                continue
            pages.append((row["key"], root / row["html"], gold[row["key"]]))
    return pages


def page_url(key: str) -> str:
    """The gold key is the page URL, except for a few 'hard::' ids; give those a stand-in URL."""
    return key if key.startswith(("http://", "https://")) else f"https://example.org/{re.sub(r'[^A-Za-z0-9._-]+', '-', key)}"


def run_trafilatura(html: str, url: str) -> dict[str, str | None]:
    from trafilatura import extract_metadata

    meta = extract_metadata(html, default_url=url)
    return {"author": meta.author, "title": meta.title, "date": meta.date}


def run_backstory(engine: Any, html: str, url: str) -> dict[str, str | None]:
    doc = engine.analyze(url, html)
    authors = [a["name"] for a in doc.get("authors") or []]
    # (no person named: the organisation the page's byline credits, typed as one; the gold counts such credits too)
    credit = (doc["article"].get("credited_to") or {}).get("name")
    return {"author": "; ".join(authors) or credit or None, "title": doc["article"].get("title"),
            "date": doc["article"].get("published")}


def correct(metric: str, got: str | None, gold: str) -> bool:
    """The normalised comparison for one metric."""
    if metric == "author":
        return author_set(got) == author_set(gold)
    if metric == "title":
        return norm_title(got) == norm_title(gold)
    return day(got) == day(gold)


def disagreements(cases: list[Case]) -> dict[str, tuple[list[str], list[str]]]:
    """Per metric: (pages only trafilatura gets right, pages only Backstory gets right), normalised."""
    out: dict[str, tuple[list[str], list[str]]] = {}
    for metric in METRICS:
        worse, better = [], []
        for case in cases:
            gold = case.gold[metric]
            if not gold:
                continue
            b = correct(metric, case.got.get("backstory", {}).get(metric), gold)
            t = correct(metric, case.got.get("trafilatura", {}).get(metric), gold)
            name = "(a held-out gold page)" if case.heldout else Path(case.path).name
            if t and not b:
                worse.append(name)
            elif b and not t:
                better.append(name)
        out[metric] = (worse, better)
    return out


def score(cases: list[Case]) -> dict[tuple[str, str], Score]:
    table = {(m, s): Score() for m in METRICS for s in SYSTEMS}
    for case in cases:
        for metric in METRICS:
            gold = case.gold[metric]
            if not gold:
                continue
            for system in SYSTEMS:
                got = case.got.get(system, {}).get(metric)
                sc = table[(metric, system)]
                sc.n += 1
                if metric == "author":
                    sc.exact += (got or "").strip() == gold
                    sc.normalised += author_set(got) == author_set(gold)
                elif metric == "title":
                    sc.exact += (got or "").strip() == gold.strip()
                    sc.normalised += norm_title(got) == norm_title(gold)
                else:
                    sc.exact += day(got) == day(gold)
                    sc.normalised += day(got) == day(gold)
    return table


MISS_KINDS = {
    "capitals": "same name, the gold keeps the page's capitals (author cards write names in capitals as names are written)",
    "joined": "same names, the gold joins them its own way ('A and B', 'A, B') or keeps what the normalised match drops",
    "missed": "Backstory names nobody",
    "other": "other names, or names with more or fewer words",
}


def miss_kind(got: str | None, gold: str) -> str | None:
    """The kind of an author miss on the exact measure (None when the strings are equal)."""
    got = (got or "").strip()
    if got == gold:
        return None
    if not got:
        return "missed"
    if got.casefold() == gold.casefold():
        return "capitals"
    if author_set(got) == author_set(gold):
        return "joined"
    return "other"


def markdown(table: dict[tuple[str, str], Score], n_pages: int, errors: int, seconds: float,
             diff: dict[str, tuple[list[str], list[str]]], cases: list[Case] = ()) -> str:
    lines = [
        f"Measured {utc_now()} on {n_pages} English pages of trafilatura's evaluation corpus "
        "(`../shared/eval/trafilatura_eval`, gold `tests/evaldata.json`, English by the corpus index's "
        "`lang_guess`); a page counts for a metric when its gold value is non-empty. Same decoded HTML "
        "for both: Backstory's full pipeline (`Engine.analyze`) and `trafilatura.extract_metadata`. "
        "Backstory's author: its author cards' names, or where it names no person the organisation the page's "
        "byline credits (`article.credited_to`, typed as an organisation: 'JIJI', 'Wikimedia Foundation'). "
        "Author *exact* = same string (lists joined with `; `); *normalised* = case-folded, `By` removed, "
        "split on `;` `,` `&` `|` `and`, compared as sets. Title *normalised* = case and whitespace "
        "folded. Date = same `YYYY-MM-DD`.",
        "",
        "| metric | pages | Backstory exact | Backstory normalised | trafilatura exact | trafilatura normalised |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for metric in METRICS:
        b, t = table[(metric, "backstory")], table[(metric, "trafilatura")]
        if metric == "date":
            lines.append(f"| date | {b.n} | {b.pct(b.exact)} | (same) | {t.pct(t.exact)} | (same) |")
        else:
            lines.append(f"| {metric} | {b.n} | {b.pct(b.exact)} | {b.pct(b.normalised)} | "
                         f"{t.pct(t.exact)} | {t.pct(t.normalised)} |")
    silent = [c for c in cases if not c.gold["author"]]
    if silent:
        quiet = {system: sum(not c.got.get(system, {}).get("author") for c in silent) for system in SYSTEMS}
        lines += ["", f"Informative, not scored: on the {len(silent)} pages whose gold records no author (the corpus may "
                      f"simply not give one), Backstory names nobody on {quiet['backstory']}, trafilatura on "
                      f"{quiet['trafilatura']}."]
    misses = [kind for c in cases if c.gold["author"]
              and (kind := miss_kind(c.got.get("backstory", {}).get("author"), c.gold["author"])) is not None]
    if misses:
        lines += ["", f"Backstory's {len(misses)} author misses on the exact measure, by kind (`--show exact` lists them): "
                  + "; ".join(f"{misses.count(kind)} *{kind}* ({what})" for kind, what in MISS_KINDS.items()) + "."]
    lines += ["", "Where the two disagree (normalised match; corpus file names under `tests/eval` or `tests/cache`). "
              "Note that the gold also counts placeholder bylines ('Staff Writer', 'Unknown') as authors "
              "(Backstory keeps an organisation's credit apart from its author cards, never a placeholder), keeps names in capitals as the page "
              "writes them ('ALLY MUTNICK') and joins co-authors its own way ('David Brand and Ramsey Khalifeh'), while "
              "Backstory's author cards are meant for people and write a name in capitals as names are written:", ""]
    for metric in METRICS:
        worse, better = diff[metric]
        lines.append(f"- {metric}: only trafilatura right on {len(worse)}"
                     + (f" ({', '.join(f'`{w}`' for w in worse)})" if worse else "")
                     + f"; only Backstory right on {len(better)}"
                     + (f" ({', '.join(f'`{b}`' for b in better)})" if better else "") + ".")
    lines += [
        "",
        f"Backstory errors (pipeline raised; counted as wrong): {errors}. Run time {seconds:.0f} s "
        f"({machine()}).",
        "",
        "Reproduce (needs `../shared`; skipped with a message without it):",
        "",
        "```",
        command_line().replace(" --no-write", ""),
        "```",
        "",
        "Backstory's shares here must stay at or above the `metadata` floors in `tests/quality_floors.json`: "
        "`tests/test_metadata_gate.py` checks them in `make test` (skipped, with a message, without `../shared`).",
    ]
    return "\n".join(lines)


def heldout_digests() -> frozenset[str]:
    """SHA-256 of the gold set's held-out pages (tests/gold, copied unchanged from this corpus).

    Those pages are scored here like every other page, but their cases are never printed: the
    held-out quarter of the gold set must not be used for tuning, and this listing is a tuning aid.
    """
    sys.path.insert(0, str(REPO / "tests" / "gold"))
    from check_gold import load_gold

    return frozenset(hashlib.sha256(Path(a["page_path"]).read_bytes()).hexdigest()
                     for a in load_gold() if a["split"] == "heldout")


def show_cases(cases: list[Case], mode: str) -> None:
    """Print author cases: all, those Backstory gets wrong, or those it gets wrong and trafilatura right.

    Pages of the gold set's held-out split are left out (counted, not shown)."""
    hidden = 0
    kinds: dict[str, int] = {}
    for case in cases:
        gold = case.gold["author"]
        if not gold:
            continue
        if case.heldout:
            hidden += 1
            continue
        b = case.got.get("backstory", {}).get("author")
        t = case.got.get("trafilatura", {}).get("author")
        b_ok, t_ok = author_set(b) == author_set(gold), author_set(t) == author_set(gold)
        if mode == "exact":
            if (miss := miss_kind(b, gold)) is not None:
                kinds[miss] = kinds.get(miss, 0) + 1
                print(f"[{miss}] {case.path}\n    gold={gold!r}\n    backstory={b!r}  trafilatura={t!r}")
            continue
        if mode == "wrong" and b_ok or mode == "worse" and (b_ok or not t_ok):
            continue
        mark = "ok " if b_ok else ("WORSE" if t_ok else "both")
        print(f"[{mark}] {case.path}\n    gold={gold!r}\n    backstory={b!r}  trafilatura={t!r}"
              + (f"\n    error={case.error}" if case.error else ""))
    if hidden:
        print(f"({hidden} page(s) of the gold set's held-out split not shown: never used for tuning)")
    if mode == "exact":
        for kind, what in MISS_KINDS.items():
            print(f"{kinds.get(kind, 0):4d} {kind}: {what}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-write", action="store_true", help="print the table, do not touch docs/quality.md")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (a quick look; never written)")
    parser.add_argument("--show", choices=("all", "wrong", "worse", "exact", "none"), default="wrong",
                        help="which author cases to print (default: those Backstory gets wrong, normalised; "
                             "'exact': every page that is not an exact match, with the kind of miss)")
    args = parser.parse_args(argv)

    root = require_shared(*CORPUS)
    from trafilatura.utils import decode_file

    from backstory.pipeline import Engine
    from backstory.settings import Settings

    pages = load_pages(root)
    hidden = heldout_digests()
    if args.limit:
        pages = pages[: args.limit]
    started = time.perf_counter()
    cases: list[Case] = []
    errors = 0
    with tempfile.TemporaryDirectory(prefix="backstory-eval-") as tmp:
        home = Path(tmp)
        settings = Settings.load({"cache_dir": home / "cache", "config_dir": home / "config",
                                  "data_dir": home / "data"}, environ={})
        engine = Engine(settings)
        try:
            for key, path, gold in pages:
                g = {"author": gold_author(gold.get("author")), "title": (gold.get("title") or "").strip(),
                     "date": (gold.get("date") or "").strip()}
                if not any(g.values()):
                    continue
                raw = path.read_bytes()
                case = Case(key=key, path=str(path.relative_to(root)), gold=g,
                            heldout=hashlib.sha256(raw).hexdigest() in hidden)
                html = decode_file(raw)
                url = page_url(key)
                case.got["trafilatura"] = run_trafilatura(html, url)
                try:
                    case.got["backstory"] = run_backstory(engine, html, url)
                except Exception as exc:  # noqa: BLE001 -- a crash is a result to report, not to hide
                    errors += 1
                    case.error = f"{type(exc).__name__}: {exc}"
                    case.got["backstory"] = {"author": None, "title": None, "date": None}
                cases.append(case)
        finally:
            engine.close()
    seconds = time.perf_counter() - started
    table = score(cases)
    body = markdown(table, len(cases), errors, seconds, disagreements(cases), cases)
    if args.show != "none":
        show_cases(cases, args.show)
    b, t = table[("author", "backstory")], table[("author", "trafilatura")]
    verdict = "OK" if b.normalised >= t.normalised and b.exact >= t.exact else "BELOW TRAFILATURA"
    publish(DOCS / "quality.md", SECTION, body, title="Quality",
            skip="--no-write" if args.no_write else "--limit" if args.limit else None)
    print(f"\nauthor accuracy: Backstory {b.exact}/{b.normalised} (exact/normalised) vs "
          f"trafilatura {t.exact}/{t.normalised} of {b.n}: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
