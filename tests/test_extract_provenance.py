"""Provenance of the extract stage's answers: each author records the declared rule that read it, the step that
kept it and its evidence; `backstory check --explain` prints that trail."""

from __future__ import annotations

import json

import pytest

from backstory.extract import extract
from backstory.extract.authors.decide import STEPS
from backstory.extract.rules import PATTERNS
from backstory.extract.rules import STEPS as DECLARED_STEPS

from conftest import FIXTURES

_BODY = "".join(f"<p>Paragraph {i} of the article body carries enough words to be read as the main text of a news story.</p>"
                for i in range(12))


def _page(head: str = "", before: str = "", body: str = _BODY) -> str:
    return (f"<html><head><title>A headline here</title>{head}</head><body>{before}"
            f"<article><h1>A headline here</h1>{body}</article></body></html>")


@pytest.mark.parametrize("head, before, body, rule, decided_by, evidence", [
    ('<script type="application/ld+json">{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Maria Ortega"}}'
     "</script>", "<div class='meta'>Maria Ortega</div>", _BODY, "authors.json-ld", "authors.step.metadata", "Maria Ortega"),
    ("", "<div><p>By Ann Lee | March 3, 2020</p></div>", _BODY, "byline.by-line", "authors.step.byline-lines",
     "By Ann Lee | March 3, 2020"),
    ("", '<p>By <a rel="author" href="/a">Ann Lee</a></p>', _BODY, "authors.markup.rel-author", "authors.step.metadata", "Ann Lee"),
    ("", "", _BODY + "<p>– David Dunkley</p>", "byline.sign-off", "authors.step.text-byline", "– David Dunkley"),
])
def test_each_author_records_its_rule_step_and_evidence(head, before, body, rule, decided_by, evidence):
    ex = extract("https://example.com/news/2024/story", _page(head, before, body), max_chars=10**7)
    assert len(ex.authors) == 1
    author = ex.authors[0]
    assert (author.rule, author.decided_by, author.evidence["text"]) == (rule, decided_by, evidence)
    if author.evidence["start"] is not None:  # (a byline in the main text points into it)
        assert ex.text[author.evidence["start"]:author.evidence["end"]] == evidence


def test_an_author_is_still_the_pair_it_was():
    ex = extract("https://example.com/news/2024/story", _page(before="<div><p>By Ann Lee</p></div>"), max_chars=10**7)
    name, source = ex.authors[0]
    assert (name, source) == ("Ann Lee", "byline") and ex.authors == [("Ann Lee", "byline")]


def test_every_recorded_rule_is_declared():
    """On every fixture page, each author's rule and step is a declared one (an id --explain can describe)."""
    steps = {sid for sid, _ in STEPS}
    assert steps <= set(DECLARED_STEPS)
    seen = 0
    for path in sorted(FIXTURES.rglob("*.html")):
        ex = extract("https://example.com/news/2024/story", path.read_text(encoding="utf-8", errors="replace"), max_chars=10**8)
        for author in ex.authors:
            seen += 1
            assert author.rule in PATTERNS or author.rule in DECLARED_STEPS, (path.name, author)
            assert author.decided_by in steps, (path.name, author)
            assert author.evidence and author.evidence["text"], (path.name, author)
    assert seen >= 10


def test_check_explain_prints_the_trail(monkeypatch, session_dirs, tmp_path, capsys):
    from backstory.cli import main

    monkeypatch.setenv("BACKSTORY_CACHE_DIR", str(session_dirs["cache_dir"]))
    monkeypatch.setenv("BACKSTORY_DATA_DIR", str(session_dirs["data_dir"]))
    monkeypatch.setenv("BACKSTORY_CONFIG_DIR", str(tmp_path / "config"))
    assert main(["check", str(FIXTURES / "globalresearch-cpc-attack.html"), "--explain"]) == 0
    out = capsys.readouterr().out
    why = out[out.index("WHY"):]
    assert "author Lucas Leiroz (from byline)" in why
    assert "rule authors.markup.byline-class — An element whose class is a byline's" in why
    assert "kept by rule authors.step.metadata" in why and "“By Lucas Leiroz”" in why
    assert "republication claim: InfoBrics" in why and "This article was originally published on InfoBrics." in why


def test_every_republication_evidence_records_a_declared_rule():
    """On every fixture page, each evidence item of a republication claim names the declared rule that read it (so
    --explain can say what it does); a page of wire copy and a canonical link elsewhere are among them."""
    from backstory.extract.rules import describe
    from backstory.outlet import detect_syndication, identify

    rules = set()
    manifest = {p.get("file"): p.get("url") for p in json.loads((FIXTURES / "manifest.json").read_text())["pages"]
                if isinstance(p, dict)}
    for path in sorted(FIXTURES.rglob("*.html")):
        url = manifest.get(path.relative_to(FIXTURES).as_posix()) or manifest.get(path.name) or "https://example.com/news/2024/story"
        ex = extract(url, path.read_text(encoding="utf-8", errors="replace"), max_chars=10**8)
        syn = detect_syndication(ex, identify(ex))
        for e in syn.evidence if syn else []:
            assert e.rule and describe(e.rule), (path.name, e)
            rules.add(e.rule)
    assert len(rules) >= 3 and "syndication.canonical-elsewhere" in rules, rules
