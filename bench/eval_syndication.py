"""Syndication: does Backstory tell a republished page (wire copy, a partner's piece, an aggregator's copy) from an
original one? Scored on a labelled set of pages from ../shared/eval (issue 28).

Gold: ``bench/syndication_gold/labels.json``, one entry per page (keyed as bench/snapshot.py keys pages): the label
(``syndicated`` or ``original``), the original outlet as the page credits it, and the credit that was read. How the
pages were found and labelled, blind to the extractor's output, is in ``bench/syndication_gold/README.md``.

Backstory is run as far as the outlet stage (``extract`` -> ``outlet.identify`` -> ``outlet.detect_syndication``; the
people stage plays no part), on the page's decoded HTML, with the corpus's URL (or, where the corpus gives none, the
page's own canonical link, as the extension would send the tab's address). A page counts as *found syndicated* when
``syndicated_from`` is given. *Precision* = labelled syndicated among those found; *recall* = found among the
labelled syndicated; *outlet right* = of the syndicated pages found, those whose named original is the labelled one.

    .venv/bin/python bench/eval_syndication.py [--no-write] [--show wrong|all|none]

Needs ../shared (or $BACKSTORY_SHARED_DIR); without it, says so and exits 0. Writes docs/quality.md, section
"## Syndication"; tests/test_extract_syndication.py holds the scores to the floors in tests/quality_floors.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _common import DOCS, NoNetwork, command_line, machine, publish, require_shared, shared_dir, utc_now  # noqa: E402

SECTION = "## Syndication"
LABELS = HERE / "syndication_gold" / "labels.json"
# names the labels and the cards may give one agency by ('AP', 'Associated Press', 'The Associated Press')
ALIASES = {"ap": "associatedpress", "theassociatedpress": "associatedpress", "agencefrancepresse": "afp",
           "deutschepresseagentur": "dpa", "dpaafx": "dpa", "agenciaefe": "efe", "thomsonreuters": "reuters",
           "katholischenachrichtenagentur": "kna", "theguardian": "guardian", "esa": "europeanspaceagency"}


@dataclass
class Page:
    key: str
    label: str
    original: str | None
    evidence: str
    url: str = ""
    found: dict | None = None  # the syndicated_from answer (None: not found)
    error: str | None = None
    notes: list[str] = field(default_factory=list)


def outlet_key(name: str | None) -> str:
    squashed = re.sub(r"[^a-z0-9]", "", (name or "").casefold())
    return ALIASES.get(squashed, squashed)


def load_labels() -> list[Page]:
    data = json.loads(LABELS.read_text(encoding="utf-8"))
    return [Page(key, entry["label"], entry.get("original"), entry.get("evidence", "")) for key, entry in sorted(data["pages"].items())]


def _canonical(html: str) -> str | None:
    m = re.search(r"""<link[^>]+rel=["']canonical["'][^>]*href=["']([^"']+)""", html, re.I) or \
        re.search(r"""<meta[^>]+property=["']og:url["'][^>]*content=["']([^"']+)""", html, re.I)
    return m.group(1).strip() if m and m.group(1).startswith(("http://", "https://")) else None


def read_page(page: Page) -> str:
    """The page's decoded HTML; sets its URL (the corpus's, else its canonical link, else a stand-in)."""
    from trafilatura.utils import decode_file

    shared = shared_dir() / "eval"
    corpus, _, rest = page.key.partition("/")
    if corpus == "aeb":
        root = shared / "scrapinghub_aeb"
        path = next(p for p in (root / "html" / f"{rest}.html.gz", root / "html" / f"{rest}.html") if p.exists())
        url = json.loads((root / "ground-truth.json").read_text(encoding="utf-8")).get(rest, {}).get("url")
    elif corpus == "traf":
        root = shared / "trafilatura_eval"
        path = root / rest
        url = None
        with (root / "index_metadata.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                if row["html"] == rest and str(row["key"]).startswith(("http://", "https://")):
                    url = row["key"]
                    break
    else:
        raise SystemExit(f"unknown corpus in {page.key!r}")
    raw = path.read_bytes()
    html = decode_file(gzip.decompress(raw) if path.suffix == ".gz" else raw)
    page.url = url or _canonical(html) or f"https://example.org/{re.sub(r'[^A-Za-z0-9._-]+', '-', rest)}"
    return html


def run(pages: list[Page]) -> None:
    """Backstory's syndicated_from for every page (as far as the outlet stage)."""
    from dataclasses import asdict

    from backstory.extract import extract
    from backstory.outlet import detect_syndication, identify

    with NoNetwork():
        for p in pages:
            html = read_page(p)
            try:
                ex = extract(p.url, html, max_chars=8 * 1024 * 1024)
                syn = detect_syndication(ex, identify(ex))
                p.found = asdict(syn) if syn is not None else None
            except Exception as exc:  # noqa: BLE001 - a crash is a result to report (counted as not found)
                p.error = f"{type(exc).__name__}: {exc}"


def score(pages: list[Page]) -> dict:
    tp = sum(p.label == "syndicated" and p.found is not None for p in pages)
    fp = sum(p.label == "original" and p.found is not None for p in pages)
    fn = sum(p.label == "syndicated" and p.found is None for p in pages)
    tn = sum(p.label == "original" and p.found is None for p in pages)
    named = [p for p in pages if p.label == "syndicated" and p.found is not None and p.original]
    right = sum(outlet_key(p.found.get("name")) == outlet_key(p.original) for p in named)
    return {"pages": len(pages), "syndicated": tp + fn, "original": fp + tn, "tp": tp, "fp": fp, "fn": fn, "tn": tn,
            "precision": tp / (tp + fp) if tp + fp else 0.0, "recall": tp / (tp + fn) if tp + fn else 0.0,
            "named": len(named), "outlet_right": right}


def markdown(s: dict, seconds: float, errors: int) -> str:
    return "\n".join([
        f"Measured {utc_now()} on {machine()}; run time {seconds:.0f} s.",
        "",
        f"{s['pages']} pages of `../shared/eval` labelled by hand (`bench/syndication_gold/`, blind to Backstory's output; "
        "how, in its README): "
        f"{s['syndicated']} republish another outlet's or an agency's piece (wire copy with an agency byline, dateline or "
        f"credit; a partner's piece with its note; an aggregator's copy with its provider line), {s['original']} are the "
        "outlet's own (many of them name an agency in a photo credit, in 'according to Reuters', or use 'originally' and "
        "'republished' for other things). Backstory as far as the outlet stage; a page is *found* when "
        "`syndicated_from` is given.",
        "",
        "| pages | found syndicated | precision | recall | outlet named right |",
        "|---:|---:|---:|---:|---:|",
        f"| {s['pages']} ({s['syndicated']} syndicated) | {s['tp'] + s['fp']} | {s['tp']}/{s['tp'] + s['fp']} "
        f"({s['precision']:.3f}) | {s['tp']}/{s['syndicated']} ({s['recall']:.3f}) | {s['outlet_right']}/{s['named']} |",
        "",
        f"Errors (the stage raised; counted as not found): {errors}.",
        "",
        "Reproduce (needs `../shared`):",
        "",
        "```",
        command_line().replace(" --no-write", ""),
        "```",
        "",
        "Precision and recall must stay at or above the `syndication` floors in `tests/quality_floors.json` "
        "(`tests/test_extract_syndication.py`, skipped without `../shared`).",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-write", action="store_true", help="print the table, do not touch docs/quality.md")
    parser.add_argument("--show", choices=("wrong", "all", "none"), default="wrong",
                        help="which pages to print (default: those Backstory gets wrong)")
    args = parser.parse_args(argv)
    require_shared("eval", "scrapinghub_aeb")
    require_shared("eval", "trafilatura_eval")
    pages = load_labels()
    started = time.perf_counter()
    run(pages)
    seconds = time.perf_counter() - started
    for p in pages:
        wrong = (p.label == "syndicated") != (p.found is not None)
        if args.show == "all" or args.show == "wrong" and wrong:
            got = None if p.found is None else (p.found.get("name"), p.found.get("domain"), [e["kind"] for e in p.found["evidence"]])
            print(f"[{'WRONG' if wrong else 'ok'}] {p.key} ({p.label}: {p.original}; {p.evidence[:80]})\n    got={got}"
                  + (f"\n    error={p.error}" if p.error else ""))
    s = score(pages)
    publish(DOCS / "quality.md", SECTION, markdown(s, seconds, sum(p.error is not None for p in pages)), title="Quality",
            skip="--no-write" if args.no_write else None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
