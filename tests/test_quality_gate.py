"""Quality gate (issue 6): the people cards and the authors on the hand-annotated gold set must not
fall below the floors recorded in tests/quality_floors.json.

The evaluation is bench/eval_people.py (same code, no peers): every page of tests/gold goes through
``Engine.analyze`` and is scored against its annotation (docs/quality.md, "Cited people", says how).
The pages are in the repository, so the gate needs neither ../shared nor the network; it takes about
as long as analysing 47 pages (well under a minute). No timings are asserted.

The same floors hold for the 44 annotated ScrapingHub pages outside the gold set ("people_beyond_gold",
bench/eval_people_beyond.py); those pages are in ../shared, so that part is skipped without it.

A failure names the split and the metric. If a change makes a score drop on purpose, lowering its
floor is a deliberate, reviewed commit; so is raising floors after an improvement
(``.venv/bin/python bench/eval_people.py --no-write --suggest-floors`` prints candidates).
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import pytest

from conftest import load_bench

REPO = Path(__file__).resolve().parents[1]
FLOORS = json.loads((REPO / "tests" / "quality_floors.json").read_text(encoding="utf-8"))


E = load_bench("eval_people.py")


@pytest.fixture(scope="module")
def evaluation(engine):
    return E.evaluate(E.load_gold(), engine)


@pytest.fixture(scope="module")
def current(evaluation):
    return E.scores(evaluation)


def _floor_cases():
    for split, table in FLOORS["floors"].items():
        for metric in table:
            yield split, metric


@pytest.mark.parametrize(("split", "metric"), list(_floor_cases()))
def test_score_not_below_floor(current, split, metric):
    value = current[split][metric]
    floor = FLOORS["floors"][split][metric]
    assert value is not None and value >= floor, (
        f"{split} {metric} = {value} fell below its floor {floor} (tests/quality_floors.json); "
        f"see `.venv/bin/python bench/eval_people.py --split tune --verbose`")


@pytest.mark.parametrize(("split", "metric"), [(s, m) for s, t in FLOORS.get("ceilings", {}).items() for m in t])
def test_confusion_not_above_ceiling(current, split, metric):
    assert current[split][metric] <= FLOORS["ceilings"][split][metric], (
        f"{split} {metric} = {current[split][metric]} rose above {FLOORS['ceilings'][split][metric]}")


def test_gate_covers_every_page_and_the_issue_targets(evaluation):
    gold = E.load_gold()
    assert evaluation["splits"]["backstory"]["all"]["pages"] == len(gold) >= 40
    assert evaluation["splits"]["backstory"]["heldout"]["pages"] >= 10
    for metric in ("cited_precision", "cited_recall", "cited_f1", "author_exact"):
        for split in ("tune", "heldout", "all"):
            assert metric in FLOORS["floors"][split], f"no floor for {split} {metric}"


def test_floor_check_fails_on_a_drop(current):
    """The comparison itself can fail: a score just under its floor, and a missing score, are reported."""
    worse = copy.deepcopy(current)
    worse["heldout"]["cited_f1"] = FLOORS["floors"]["heldout"]["cited_f1"] - 0.001
    worse["all"]["author_exact"] = None
    problems = E.check_floors(worse, FLOORS)
    assert any("heldout cited_f1" in p for p in problems)
    assert any("all author_exact" in p for p in problems)
    assert E.check_floors(current, FLOORS) == []


def test_scoring_counts_errors():
    """A fabricated answer for one gold page: a wrong person, a missing person, a lost author."""
    ann = next(a for a in E.load_gold() if len(a["cited"]) >= 2 and a["authors"])
    text = " ".join(q["text"] for g in ann["cited"] for q in g["quotes"])
    first = ann["cited"][0]
    span = E.TextIndex(text).find(first["quotes"][0]["text"])[0]
    pred = {
        "article": {"text": text},
        "cited": [
            {"name": first["name"], "role": first["role"], "quotes": [{"start": span[0], "end": span[1]}]},
            {"name": "Zebedee Nobody", "role": None, "quotes": []},
        ],
        "mentioned": [], "unnamed_sources": [], "authors": [],
    }
    c = E.score_page(ann, pred).counts
    assert c["tp"] == 1 and c["pred_cited"] == 2 and c["fp_other"] == 1
    assert c["gold_cited"] - c["tp"] == len(ann["cited"]) - 1
    assert c["spans_right"] >= 1
    assert c["authors_exact"] == 0


@pytest.mark.parametrize(("pred", "gold", "aliases", "level"), [
    ("Usman Hasib", "Usman Hasib", [], 2),
    ("Hasib", "Usman Hasib", ["Hasib"], 2),
    ("Dr. Carissa Etienne", "Carissa F. Etienne", ["Dr Etienne"], 1),
    ("Sylvia Torres-Guillen", "Sylvia Torres-Guillén", [], 2),
    ("Renaldo Gilkes", "Renaldo “Peewee” Gilkes", [], 2),
    ("J. Smith", "John Smith", [], 1),
    ("Jane Smith", "John Smith", [], 0),
    ("Jane Smith", "John Smith", ["Smith"], 0),  # a one-word alias matches only exactly
    ("Supervisor Alfredo Pedroza", "Alfredo Pedroza", ["Pedroza"], 1),  # words glued in front: loose
    ("Alfredo Pedroza Jr.", "Alfredo Pedroza", [], 2),
    ("Smith", "Adam Jones", [], 0),
])
def test_name_match_rule(pred, gold, aliases, level):
    assert E.match_level(pred, gold, aliases) == level


def test_whitespace_tolerant_span_search():
    text = "He said:\n\n“It is  over,”\u00a0she added. "
    idx = E.TextIndex(text)
    (s, e), = idx.find("“It is over,” she")
    assert text[s:e].startswith("“It is") and text[s:e].endswith("she")
    assert idx.find('"It is over,"')  # quote style and whitespace tolerated
    assert idx.find("not there") == []


@pytest.mark.parametrize("hits, n, low, high", [
    (5, 10, 0.2366, 0.7634),  # (the textbook values of the Wilson score interval)
    (0, 10, 0.0, 0.2775),
    (10, 10, 0.7225, 1.0),
])
def test_wilson_interval(hits, n, low, high):
    assert E.wilson(hits, n) == pytest.approx((low, high), abs=1e-4)


# Cited people on the 44 ScrapingHub pages outside the gold set that bench/people_gold annotates
# (bench/eval_people_beyond.py; needs ../shared, skipped without it): floors "people_beyond_gold".
B = load_bench("eval_people_beyond.py")


@pytest.fixture(scope="module")
def beyond(engine):
    root = Path(os.environ.get("BACKSTORY_SHARED_DIR") or REPO.parent / "shared") / "eval" / "scrapinghub_aeb"
    if not root.exists():
        pytest.skip(f"needs the shared corpora: {root} not found (set BACKSTORY_SHARED_DIR)")
    results, _ = B.run(B.load_annotations(root), peers=[], engine=engine)
    return E.metrics(E.sum_counts(results["backstory"]))


@pytest.mark.parametrize("metric", [m for m in FLOORS["people_beyond_gold"] if not m.startswith("_")])
def test_people_beyond_the_gold_set_not_below_floor(beyond, metric):
    limit = FLOORS["people_beyond_gold"][metric]
    if metric in E.CEILING_METRICS:
        assert beyond[metric] <= limit, f"{metric} = {beyond[metric]} rose above {limit}"
    else:
        assert beyond[metric] is not None and beyond[metric] >= limit, f"{metric} = {beyond[metric]} fell below {limit}"
