"""Matching gate (issue 25): on the labelled ambiguous set, a card never shows a namesake's facts.

bench/eval_kb_matching.py scores it (same code): precision of exact matches must stay >= 0.97 and
recall at its floor (tests/quality_floors.json, "kb_matching"). No network: the mock API's answers go
through httpx's MockTransport.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import load_bench

FLOORS = json.loads((Path(__file__).resolve().parent / "quality_floors.json").read_text(encoding="utf-8"))["kb_matching"]
E = load_bench("eval_kb_matching.py")


@pytest.fixture(scope="module")
def rows(tmp_path_factory):
    cases = E.load_cases()
    kb, _ = E.build_kb(tmp_path_factory.mktemp("kb-matching"), cases)
    return E.evaluate(cases, kb)


def test_the_set_is_big_and_ambiguous_enough():
    cases = E.load_cases()
    names = {c["name"] for c in cases}
    assert len(cases) >= 30 and sum(1 for c in cases if c["gold"] is None) >= 8 and len(names) >= 12


@pytest.mark.parametrize("metric", ["precision", "recall"])
def test_matching_not_below_floor(rows, metric):
    value = E.scores(rows)[metric]
    assert value is not None and value >= FLOORS[metric], (
        f"matching {metric} = {value:.3f} fell below {FLOORS[metric]}; see `.venv/bin/python bench/eval_kb_matching.py --verbose`")


def test_no_namesake_facts_when_the_article_means_no_one(rows):
    wrong = [r["id"] for r in rows if r["gold"] is None and r["got"]]
    assert wrong == []


def test_the_gate_can_fail(rows):
    """A matcher that takes the first candidate would be caught."""
    naive = [{**r, "got": r["gold"] or "Q99000101", "right": bool(r["gold"]), "wrong": not r["gold"]} for r in rows]
    assert E.scores(naive)["precision"] < FLOORS["precision"]
