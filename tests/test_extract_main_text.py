"""Quality gate, main text (issue 28: page furniture is never the main text, and the F1 on ScrapingHub's gold must not
drop): the extract stage's main text on the 181 pages of ScrapingHub's article-extraction benchmark, scored as
bench/eval_body_text.py scores it (word tokens, per page, averaged), must not fall below the floors in
tests/quality_floors.json ("main_text"). Reads ../shared/eval/scrapinghub_aeb and is skipped with a message without
it, as on a user's clone. No timings are asserted."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from conftest import load_bench

REPO = Path(__file__).resolve().parents[1]
FLOORS = json.loads((REPO / "tests" / "quality_floors.json").read_text(encoding="utf-8"))["main_text"]
CORPUS = Path(os.environ.get("BACKSTORY_SHARED_DIR") or REPO.parent / "shared") / "eval" / "scrapinghub_aeb"

B = load_bench("eval_body_text.py")


def mean_scores(pairs) -> dict[str, float]:
    """Precision, recall and F1 averaged over (predicted text, gold text) pairs, as the bench averages them."""
    scores = [B.prf(B.tokens(pred), B.tokens(gold)) for pred, gold in pairs]
    return {name: sum(s[i] for s in scores) / max(1, len(scores)) for i, name in enumerate(("precision", "recall", "f1"))}


def below_floors(scores: dict[str, float], floors: dict) -> list[str]:
    return [f"{k}: {scores[k]:.4f} < floor {v}" for k, v in floors.items() if not k.startswith("_") and scores[k] < v]


def test_main_text_not_below_floors():
    if not (CORPUS / "ground-truth.json").exists():
        pytest.skip(f"needs the shared corpora: {CORPUS} not found (set BACKSTORY_SHARED_DIR)")
    from trafilatura.utils import decode_file

    from backstory.extract import extract

    gold = json.loads((CORPUS / "ground-truth.json").read_text(encoding="utf-8"))
    pairs = []
    for key, item in sorted(gold.items()):
        html = decode_file(gzip.open(CORPUS / "html" / f"{key}.html.gz").read())
        pairs.append((extract(item["url"], html, max_chars=len(html) + 1).text, item["articleBody"]))
    assert len(pairs) >= 180
    assert below_floors(mean_scores(pairs), FLOORS) == []


def test_floor_check_fails_on_a_drop():
    scores = mean_scores([("the council met on monday", "the council met on monday"), ("home news sport", "the mayor spoke")])
    assert scores["precision"] == 0.5 and scores["recall"] == 0.5
    assert below_floors(scores, {"precision": 0.9, "f1": 0.4}) == ["precision: 0.5000 < floor 0.9"]
