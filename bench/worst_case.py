"""Time of the analysis on pathological pages: where the pipeline's own code, not spaCy, could grow
faster than the text.

Real pages rarely carry thousands of quotes or people, but a hostile or unusual one may (a long
transcript, a results list, a page built to stall the sidecar), and the people stage is cut only at
``max_text_chars`` (100,000 characters by default). Work that grows with the square of the quotes or
the names would then take minutes. This script builds such pages from templates (no corpus needed),
runs the whole pipeline (``Engine.analyze``, no cache, with a time budget large enough never to stop
it) and, on the same text, the floor of the people stage: ``nlp(text)`` with the same model, without
the two small components Backstory adds to its pipeline. What the people stage takes beyond that
floor is Backstory's own code.

Pages (each filled up to about ``--chars`` characters of article text):

* quotes: one paragraph of short quotes by the same speaker ('“…,” said Ann Lee.');
* quote paragraphs: a quote by a different named person in each paragraph, then a pronoun quote;
* short quote paragraphs: thousands of one-line paragraphs, each a quote by the same person;
* reported speech: 'X, a council member, said that …' in each paragraph, a different X each time;
* names only: sentences naming three people each, nobody speaking;
* unnamed sources: 'Officials said that …, according to people familiar with the matter.';
* interview: 'Q:' and 'Ann Lee:' labels, alternating;
* a 'By' line of capitalised words ('By Word Word …') in an element before a short article: work for
  the extract stage's byline reading.

Writes the table to docs/benchmarks.md, section "## Worst-case pages" (other sections are kept),
unless ``--no-write``. The numbers are reported whatever they are.

    .venv/bin/python bench/worst_case.py [--chars 100000] [--no-write]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DOCS, command_line, machine, utc_now, write_section  # noqa: E402

SECTION = "## Worst-case pages"
URL = "https://news.example/2024/05/story"
_FIRST = ["Ann", "Tom", "Maria", "John", "Li", "Sara", "Omar", "Eva", "Paul", "Nina", "Raj", "Kim"]
_LAST = ["Lee", "Rowe", "Garcia", "Smith", "Chen", "Khan", "Novak", "Berg", "Silva", "Okafor", "Ivanova", "Tanaka",
         "Moreau", "Fischer", "Rossi"]


def name(i: int) -> str:
    """A distinct two-word name for every ``i`` (a made-up surname once the real combinations run out)."""
    first, last = _FIRST[i % len(_FIRST)], _LAST[(i // len(_FIRST)) % len(_LAST)]
    n = len(_FIRST) * len(_LAST)
    return f"{first} {last}" if i < n else f"{first} {last}{chr(97 + (i // n) % 26)}son"


# (the 'By' line is one element before the article; the article is a fixed short text)
_BYLINE_PAGE = "a 'By' line of capitalised words, then the article"
PAGES: dict[str, Callable[[int], str]] = {
    "quotes (one paragraph, one speaker)": lambda i: f"“We will fix road {i} this year,” said Ann Lee. ",
    "quote paragraphs (a new speaker each)": lambda i: (f"<p>“We will fix road {i} this year,” said {name(i)}, the deputy "
                                                         f"mayor of Town {i}. “It is overdue,” she added.</p>"),
    "short quote paragraphs (one line each)": lambda i: (f"<p>“Go on with item {i},” he said.</p>" if i % 2 else
                                                          f"<p>“Stop item {i},” said Tom Rowe.</p>"),
    "reported speech (a new speaker each)": lambda i: (f"<p>{name(i)}, a council member, said that the budget for road {i} "
                                                       "would be approved on Monday.</p>"),
    "names only (three per sentence)": lambda i: f"{name(i)} and {name(i + 1)} met {name(i + 2)} at the club. ",
    "unnamed sources": lambda i: (f"<p>Officials said that road {i} would close, according to people familiar with the "
                                  "matter.</p>"),
    "interview (Q: / Name: labels)": lambda i: f"<p><b>Q:</b> What about road {i}?</p><p><b>Ann Lee:</b> We will fix road {i} soon.</p>",
    _BYLINE_PAGE: lambda i: "Word " if i else "By ",
}
_ARTICLE = "".join(f"<p>The council met on Tuesday to discuss item {i} of the budget, and residents were asked to comment on "
                   "it before the vote next week.</p>" for i in range(12))
_INLINE = {"quotes (one paragraph, one speaker)", "names only (three per sentence)"}


def build(label: str, chars: int) -> str:
    make, parts, size, i = PAGES[label], [], 0, 0
    while size < chars:
        part = make(i)
        parts.append(part)
        size += len(part)
        i += 1
    if label == _BYLINE_PAGE:
        return (f"<html><head><title>A long page</title></head><body><div>{''.join(parts)}</div><article><h1>A long page"
                f"</h1>{_ARTICLE}</article></body></html>")
    body = f"<p>{''.join(parts)}</p>" if label in _INLINE else "".join(parts)
    return f"<html><head><title>A long page</title></head><body><article><h1>A long page</h1>{body}</article></body></html>"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--chars", type=int, default=100_000, help="article text per page, about (default 100000)")
    ap.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
    args = ap.parse_args(argv)

    from backstory.pipeline import Engine
    from backstory.settings import Settings

    engine = Engine(Settings.load({"time_budget_s": 3600.0}), use_cache=False)
    engine.analyze(URL, build("unnamed sources", 2_000))  # (loads the model and warms the caches)
    rows = []
    for label in PAGES:
        html = build(label, args.chars)
        start = time.perf_counter()
        doc = engine.analyze(URL, html, use_cache=False, include_text=True)
        total = (time.perf_counter() - start) * 1000
        text = doc["article"].get("text") or ""
        read = text[: engine.settings.max_text_chars]
        ours = [n for n in engine.nlp.pipe_names if n.startswith("backstory_")]  # (the components people.py adds)
        with engine.nlp.select_pipes(disable=ours):
            start = time.perf_counter()
            engine.nlp(read)
            floor = (time.perf_counter() - start) * 1000
        people_ms = doc["timings_ms"].get("people", 0.0)
        found = f"{len(doc.get('cited') or [])} / {len(doc.get('mentioned') or [])} / {len(doc.get('unnamed_sources') or [])}"
        rows.append((label, len(html), len(read), found, doc["timings_ms"].get("extract", 0.0), floor, people_ms, total))
        print(f"{label}: {total / 1000:.1f} s (people {people_ms / 1000:.1f} s, spaCy alone {floor / 1000:.1f} s)", flush=True)

    lines = [
        f"Measured {utc_now()} on {machine()}, with",
        "",
        f"    {command_line()}",
        "",
        "Pages built from templates, each with about "
        f"{args.chars:,} characters of article text; the people stage reads the first "
        f"{engine.settings.max_text_chars:,} (`max_text_chars`). One run each, no cache. *spaCy alone* is `nlp(text)` on the "
        "same text with the same model, without the components Backstory adds: the floor of the people stage; the rest of that stage is Backstory's own code. "
        "The server stops an analysis at `time_budget_s` (20 s by default) and answers 408.",
        "",
        "| page | HTML chars | text read | cited / mentioned / unnamed | extract ms | spaCy alone ms | people ms | total ms |",
        "|---|---:|---:|---|---:|---:|---:|---:|",
    ]
    lines += [f"| {r[0]} | {r[1]:,} | {r[2]:,} | {r[3]} | {r[4]:.0f} | {r[5]:.0f} | {r[6]:.0f} | {r[7]:.0f} |" for r in rows]
    body = "\n".join(lines)
    print(body)
    if not args.no_write:
        write_section(DOCS / "benchmarks.md", SECTION, body, title="Benchmarks")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
