"""Engine.analyze_many (the batch path): the same cards as analyze, texts parsed together with nlp.pipe."""

from __future__ import annotations

import pytest

from backstory import people
from backstory.errors import BudgetExceeded, InputError

from batch_support import story
from conftest import FIXTURES, SEED_URL


def _without_timings(doc):
    return {k: v for k, v in doc.items() if k != "timings_ms"}


def test_analyze_many_equals_analyze(engine, seed_html):
    pages = [(SEED_URL, seed_html)]
    pages += [(f"https://example.com/{p.name}", p.read_text(encoding="utf-8")) for p in sorted((FIXTURES / "pages").glob("*.html"))[:4]]
    pages.append(story(1))
    steps = []
    many = dict(engine.analyze_many(pages, on_step=lambda step, i, left: steps.append((step, i, left))))
    assert sorted(many) == list(range(len(pages)))
    for i, (url, html) in enumerate(pages):
        one = engine.analyze(url, html, use_cache=False)
        assert _without_timings(many[i]) == _without_timings(one), url
        assert set(many[i]["timings_ms"]) == {"extract", "outlet", "people", "cards", "total"}
    # every page's own steps are announced with what is left of its budget, and the shared parse once
    n = len(pages)
    budget = engine.settings.time_budget_s
    assert [s[:2] for s in steps] == [("prepare", i) for i in range(n)] + [("parse", -1)] + [("finish", i) for i in range(n)]
    assert all(left == budget for step, _, left in steps if step == "prepare") and steps[n][2] is None
    # before its people stage a page has used its extract and outlet stages and its share of the parse, no more
    for (_, i, left) in steps[n + 1:]:
        used = many[i]["timings_ms"]["extract"] + many[i]["timings_ms"]["outlet"]
        assert 0 < left <= budget - used / 1000 + 0.05


def test_one_bad_page_fails_alone(engine):
    pages = [story(1), ("ftp://example.com/x", "<p>x</p>"), ("https://example.com/y", None), story(2)]
    got = dict(engine.analyze_many(pages))
    assert isinstance(got[1], InputError) and "absolute http(s) URL" in got[1].message
    assert isinstance(got[2], InputError) and "html must be a string" in got[2].message
    assert got[0]["article"]["title"] == "Council 1 approves budget" and got[3]["article"]["title"] == "Council 2 approves budget"
    assert [(c["name"], c["role"]) for c in got[3]["cited"]] == [("Anna Berg", "council's finance chair")]


def test_each_page_keeps_its_own_budget(settings):
    """A page's budget counts its own steps and its share of the shared parse, not the other pages' time."""
    from dataclasses import replace

    from backstory.pipeline import Engine

    tight = Engine(replace(settings, time_budget_s=0.0), use_cache=False)
    try:
        got = dict(tight.analyze_many([story(1), story(2)]))
    finally:
        tight.close()
    assert all(isinstance(v, BudgetExceeded) for v in got.values())


def test_find_people_takes_a_parsed_doc(nlp):
    url, html = story(7)
    text = "Some experts believe the bridge is unsafe.\n\n\"It will fall,\" said Jo Smith, an engineer."
    parsed = list(people.with_paragraph_breaks(nlp).pipe([text, text + " More."]))
    spans = [(0, 42), (44, len(text))]
    alone = people.find_people(nlp, text, spans, [])
    given = people.find_people(nlp, text, spans, [], doc=parsed[0])
    assert [(p.name, [q.text for q in p.quotes]) for p in given.cited] == [(p.name, [q.text for q in p.quotes]) for p in alone.cited]
    assert [u.text for u in given.unnamed] == [u.text for u in alone.unnamed] != []
    with pytest.raises(ValueError, match="not the parse of text"):
        people.find_people(nlp, text, spans, [], doc=parsed[1])
