"""Main-text extraction on ScrapingHub's article-extraction benchmark: trafilatura as Backstory calls
it (``fast=True``: no readability/jusText fallbacks) against trafilatura with its fallbacks, and
Backstory's whole extract stage (which adds the later parts of a body split into several containers).

Needs ``../shared/eval/scrapinghub_aeb`` (181 pages with the article body as gold); skipped with a
message without it. Score per page: precision/recall/F1 of word tokens (a bag of lower-cased ``\\w+``
tokens, counts clipped), averaged over pages. Writes the "Main text" section of docs/quality.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import DOCS, command_line, machine, require_shared, utc_now, write_section  # noqa: E402

SECTION = "## Main text"
CORPUS = ("eval", "scrapinghub_aeb")


def tokens(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.lower()))


def prf(pred: Counter[str], gold: Counter[str]) -> tuple[float, float, float]:
    tp = sum((pred & gold).values())
    p = tp / max(1, sum(pred.values()))
    r = tp / max(1, sum(gold.values()))
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-write", action="store_true", help="print the table, do not touch docs/quality.md")
    args = parser.parse_args(argv)
    root = require_shared(*CORPUS)

    import trafilatura
    from trafilatura.utils import decode_file

    from backstory.extract import _trafilatura_config, extract

    gold = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = [(key, decode_file(gzip.open(root / "html" / f"{key}.html.gz").read()), item)
             for key, item in sorted(gold.items())]
    def with_trafilatura(fast: bool):
        def run(html: str, url: str) -> str:
            doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                              include_tables=False, fast=fast, config=_trafilatura_config())
            return doc.text if doc is not None and doc.text else ""
        return run

    def backstory_stage(html: str, url: str) -> str:
        return extract(url, html, max_chars=len(html) + 1).text

    rows = []
    for label, run in (("trafilatura, fast=True (Backstory's setting)", with_trafilatura(True)),
                       ("trafilatura with fallbacks", with_trafilatura(False)),
                       ("Backstory's extract stage (fast=True + bodies split into parts)", backstory_stage)):
        scores, started = [], time.perf_counter()
        for _key, html, item in pages:
            scores.append(prf(tokens(run(html, item["url"])), tokens(item["articleBody"])))
        ms = (time.perf_counter() - started) / len(pages) * 1000
        n = len(scores)
        rows.append((label, *(sum(s[i] for s in scores) / n for i in range(3)), ms))
    table = ["| extraction | precision | recall | F1 | ms/page |", "|---|---:|---:|---:|---:|"]
    table += [f"| {label} | {p:.3f} | {r:.3f} | {f:.3f} | {ms:.1f} |" for label, p, r, f, ms in rows]
    body = (
        f"Measured {utc_now()} on {machine()}, {len(pages)} pages of ScrapingHub's article-extraction benchmark "
        "(`../shared/eval/scrapinghub_aeb`, gold = `articleBody`). Word-token precision/recall/F1 per page "
        "(lower-cased `\\w+` tokens, counts clipped), averaged over pages; time = whole `bare_extraction` call "
        "including metadata (for Backstory's stage: the whole extract stage, which also reads bylines, structured "
        "data and the page's links).\n\n" + "\n".join(table) + "\n\nReproduce (needs `../shared`):\n\n```\n"
        + command_line() + "\n```"
    )
    print(body)
    if not args.no_write:
        write_section(DOCS / "quality.md", SECTION, body, title="Quality")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
