"""backstory report: the tables on a small corpus whose answers are known, and the page in a real browser."""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from backstory.batch import store
from backstory.batch.report import write_report
from backstory.errors import InputError

LIN = {"rater": "Lin et al. 2023 (aggregate of expert ratings)", "verdict": "low", "score": 0.2, "date": "2023-09-14",
       "url": "https://doi.org/10.1093/pnasnexus/pgad286", "license": "CC BY 4.0"}
RSP = {"rater": "Wikipedia perennial sources", "verdict": "generally reliable", "date": "2021-03-17",
       "url": "https://en.wikipedia.org/wiki/WP:RSP", "license": "CC BY-SA 4.0"}


def _doc(n: int, domain: str, cited=(), unnamed: int = 0, syn=None, ratings=(), is_article=True) -> dict:
    return {
        "id": f"{n:032x}", "input": {"kind": "jsonl", "source": "in.jsonl", "key": f"line {n}"}, "content_sha256": "0" * 64,
        "version": "1", "pipeline_version": "p1",
        "article": {"url": f"https://www.{domain}/story/{n}", "is_article": is_article},
        "outlet": {"name": domain.split(".")[0].title(), "domain": domain, "ratings": list(ratings)},
        "syndicated_from": syn, "authors": [],
        "cited": [{"name": name, "role": role, "quotes": [{"text": "…"}] * quotes} for name, role, quotes in cited],
        "mentioned": [], "unnamed_sources": [{"text": "Some experts believe …"}] * unnamed,
        "timings_ms": {"total": 1.0},
    }


@pytest.fixture()
def results(tmp_path) -> Path:
    syn = {"name": "InfoBrics", "domain": "infobrics.org", "evidence": [{"kind": "originally_published"}],
           "outlet": {"name": "InfoBrics", "ratings": [dict(LIN, score=0.46)]}}
    docs = [
        _doc(1, "globalresearch.ca", [("Andrew Korybko", "political analyst", 2)], unnamed=1, syn=syn, ratings=[LIN]),
        _doc(2, "globalresearch.ca", [("Andrew  Korybko", "analyst", 1), ("Jo Smith", None, 1)], unnamed=3, syn=syn, ratings=[LIN]),
        _doc(3, "apnews.com", [("Jo Smith", "spokeswoman", 3), ("andrew korybko", "political analyst", 1)], ratings=[RSP]),
        _doc(4, "apnews.com", is_article=False, ratings=[RSP]),
    ]
    path = tmp_path / "results.jsonl"
    path.write_bytes(b"".join(store.dumps(d) for d in docs) + store.dumps(docs[0]))  # a page twice counts once
    (tmp_path / "results.errors.jsonl").write_bytes(
        store.dumps({"id": None, "input": {"source": "in.jsonl", "key": "line 9"}, "error": {"code": "bad_request"}})
        + store.dumps({"id": "f" * 32, "input": {}, "error": {"code": "timeout"}})
        + store.dumps({"id": "f" * 32, "input": {}, "error": {"code": "timeout"}}))  # retried and failed again: once
    return path


def _csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_tables(results, tmp_path):
    out = tmp_path / "report"
    written = write_report([results], out)
    assert {p.name for p in written} == {"people.csv", "people_by_outlet.csv", "unnamed_by_outlet.csv", "republication.csv",
                                         "outlet_ratings.csv", "errors.csv", "index.html"}
    people = _csv(out / "people.csv")
    assert [(r["name"], r["pages"], r["outlets"], r["quotes"]) for r in people] == [
        ("Andrew Korybko", "3", "2", "4"), ("Jo Smith", "2", "2", "4")]
    assert people[0]["described_as"] == "political analyst (2); analyst (1)"
    assert people[0]["example_url"] == "https://www.globalresearch.ca/story/1"
    by_outlet = [(r["outlet"], r["name"], r["pages"], r["quotes"], r["described_as"]) for r in _csv(out / "people_by_outlet.csv")]
    assert by_outlet == [("apnews.com", "Jo Smith", "1", "3", "spokeswoman (1)"),
                         ("apnews.com", "andrew korybko", "1", "1", "political analyst (1)"),
                         ("globalresearch.ca", "Andrew Korybko", "2", "3", "political analyst (1); analyst (1)"),
                         ("globalresearch.ca", "Jo Smith", "1", "1", "")]
    unnamed = {r["outlet"]: r for r in _csv(out / "unnamed_by_outlet.csv")}
    assert set(unnamed) == {"globalresearch.ca", "apnews.com"}  # the original outlet published nothing here
    g = unnamed["globalresearch.ca"]
    assert (g["pages"], g["articles"], g["named_claims"], g["unnamed_claims"], g["unnamed_share"]) == ("2", "2", "4", "4", "0.500")
    a = unnamed["apnews.com"]
    assert (a["pages"], a["articles"], a["named_claims"], a["unnamed_claims"], a["unnamed_share"]) == ("2", "1", "4", "0", "0.000")
    [rep] = _csv(out / "republication.csv")
    assert (rep["republisher"], rep["original"], rep["pages"], rep["evidence"]) == (
        "globalresearch.ca", "infobrics.org", "2", "originally_published (2)")
    ratings = [(r["outlet"], r["in_corpus_as"], r["pages_published"], r["pages_crediting_it_as_original"], r["rater"], r["score"],
                r["url"]) for r in _csv(out / "outlet_ratings.csv")]
    assert ratings == [
        ("apnews.com", "publisher", "2", "0", RSP["rater"], "", RSP["url"]),
        ("globalresearch.ca", "publisher", "2", "0", LIN["rater"], "0.2", LIN["url"]),
        ("infobrics.org", "original", "0", "2", LIN["rater"], "0.46", LIN["url"]),
    ]
    assert [(r["code"], r["pages"]) for r in _csv(out / "errors.csv")] == [("bad_request", "1"), ("timeout", "1")]


def test_html_is_self_contained(results, tmp_path):
    out = tmp_path / "report"
    write_report([results], out)
    page = (out / "index.html").read_text(encoding="utf-8")
    assert page.count("<svg") == 4 and "<script" not in page
    # nothing to fetch: no source, stylesheet or import; SVG references only its own parts (url(#…), href="#…")
    assert "src=" not in page and "<link" not in page and "@import" not in page
    assert not re.findall(r"url\((?!#)", page) and not re.findall(r'xlink:href="(?!#)', page)
    assert "Andrew Korybko" in page
    assert "4 pages (3 articles)" in page and "2 pages failed" in page
    assert "<h3>globalresearch.ca</h3>" in page and "<h3>apnews.com</h3>" in page  # most-cited people per outlet


def test_not_a_results_file(tmp_path):
    bad = tmp_path / "x.jsonl"
    bad.write_text('{"a": 1}\n', encoding="utf-8")
    with pytest.raises(InputError, match="line 1: not a cards document"):
        write_report([bad], tmp_path / "r")
    bad.write_text("hello\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a JSONL file"):
        write_report([bad], tmp_path / "r")
    with pytest.raises(InputError, match="no such results file"):
        write_report([tmp_path / "missing.jsonl"], tmp_path / "r")


def _chromium() -> str | None:
    if os.environ.get("CHROMIUM"):
        return os.environ["CHROMIUM"] if os.access(os.environ["CHROMIUM"], os.X_OK) else None
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser"), shutil.which("google-chrome")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def test_report_page_in_headless_chromium(results, tmp_path):
    chromium = _chromium()
    if chromium is None:
        pytest.skip("no Chromium found (/usr/bin/chromium, chromium on PATH, or CHROMIUM=/path): the report's browser check is skipped")
    from PIL import Image

    out = tmp_path / "report"
    write_report([results], out)
    shot = tmp_path / "report.png"
    profile = tmp_path / "profile"
    proc = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--user-data-dir={profile}",
                           "--window-size=1200,2400", f"--screenshot={shot}", (out / "index.html").as_uri()],
                          capture_output=True, text=True, timeout=120)
    assert shot.exists(), proc.stderr[-2000:]
    image = Image.open(shot).convert("RGB")
    assert image.size == (1200, 2400)
    # the bars of the plots are drawn: many pixels of their blue (#3b6ea8), and text (dark pixels)
    colours = image.getcolors(maxcolors=1 << 20)
    blue = sum(n for n, (r, g, b) in colours if abs(r - 0x3B) < 12 and abs(g - 0x6E) < 12 and abs(b - 0xA8) < 12)
    dark = sum(n for n, (r, g, b) in colours if r + g + b < 150)
    assert blue > 5_000 and dark > 5_000, (blue, dark)
