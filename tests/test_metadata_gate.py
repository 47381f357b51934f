"""Quality gate, metadata part (issue 6): author, title and date on trafilatura's evaluation corpus must
not fall below the floors in tests/quality_floors.json ("metadata").

This reads ../shared/eval/trafilatura_eval (the 141 English pages with gold metadata; not in the
repository) and is skipped with a message when it is absent, as on a user's clone. The scoring is
bench/eval_metadata.py's own (same pages, same comparisons); the pages go through ``Engine.analyze``.
No timings are asserted. Raising or lowering a floor is a deliberate commit, like the people floors.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import load_bench

REPO = Path(__file__).resolve().parents[1]
FLOORS = json.loads((REPO / "tests" / "quality_floors.json").read_text(encoding="utf-8"))["metadata"]
SHARED = Path(os.environ.get("BACKSTORY_SHARED_DIR") or REPO.parent / "shared")
CORPUS = SHARED / "eval" / "trafilatura_eval"


M = load_bench("eval_metadata.py")


def score_pages(engine, pages) -> dict[str, dict[str, int]]:
    """Exact and normalised hits per metric over pages with a gold value, as eval_metadata counts them."""
    from trafilatura.utils import decode_file

    table = {m: {"pages": 0, "exact": 0, "normalised": 0} for m in M.METRICS}
    for key, path, gold in pages:
        g = {"author": M.gold_author(gold.get("author")), "title": (gold.get("title") or "").strip(),
             "date": (gold.get("date") or "").strip()}
        if not any(g.values()):
            continue
        got = M.run_backstory(engine, decode_file(path.read_bytes()), M.page_url(key))
        for metric in M.METRICS:
            if not g[metric]:
                continue
            row = table[metric]
            row["pages"] += 1
            value = (got[metric] or "").strip()
            if metric == "date":
                row["exact"] += M.day(value) == M.day(g[metric])
            else:
                row["exact"] += value == g[metric].strip()
            row["normalised"] += M.correct(metric, got[metric], g[metric])
    return table


def below_floors(table: dict[str, dict[str, int]], floors: dict) -> list[str]:
    problems = []
    for metric, limits in floors.items():
        if metric.startswith("_"):
            continue
        row = table.get(metric) or {}
        for kind, floor in limits.items():
            if not row.get("pages"):
                problems.append(f"{metric} {kind}: no pages scored")
                continue
            share = row[kind] / row["pages"]
            if share < floor:
                problems.append(f"{metric} {kind}: {share:.3f} < floor {floor}")
    return problems


@pytest.fixture(scope="module")
def table(engine):
    if not (CORPUS / "index_metadata.jsonl").exists():
        pytest.skip(f"needs the shared corpora: {CORPUS} not found (set BACKSTORY_SHARED_DIR)")
    return score_pages(engine, M.load_pages(CORPUS))


def test_metadata_not_below_floors(table):
    assert below_floors(table, FLOORS) == []
    assert table["author"]["pages"] >= 100 and table["title"]["pages"] >= 130


def test_floor_check_fails_on_a_drop():
    table = {"author": {"pages": 100, "exact": 10, "normalised": 90}, "title": {"pages": 0, "exact": 0, "normalised": 0}}
    problems = below_floors(table, {"author": {"exact": 0.5, "normalised": 0.5}, "title": {"exact": 0.5}})
    assert problems == ["author exact: 0.100 < floor 0.5", "title exact: no pages scored"]
