"""Quality gate, PolNeAR part (issue 26): who said what on the 84 political news articles of PolNeAR's dev
split must not fall below the floors in tests/quality_floors.json ("polnear_dev"), nor may the count of
descriptive-source quotes given a name rise above its ceiling.

The scoring is bench/eval_polnear.py's own (the corpus README's scorer, mirrored there; docs/quality.md,
"PolNeAR attribution (political news)", says what each number means). The corpus is in ../shared, not in
the repository, so the gate is skipped with a message without it, as on a user's clone. It takes about as
long as analysing 84 articles plus one spaCy parse of each (about 45 s of CPU on an idle machine); no
timings are asserted. Raising or lowering a floor is a deliberate commit, like the other floors
(``.venv/bin/python bench/eval_polnear.py --no-write --suggest-floors`` prints candidates).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import load_bench

REPO = Path(__file__).resolve().parents[1]
FLOORS = json.loads((REPO / "tests" / "quality_floors.json").read_text(encoding="utf-8"))["polnear_dev"]
ROOT = Path(os.environ.get("BACKSTORY_SHARED_DIR") or REPO.parent / "shared") / "eval" / "polnear"

P = load_bench("eval_polnear.py")


@pytest.fixture(scope="module")
def dev_articles():
    if not (ROOT / "dev" / "attributions").is_dir():
        pytest.skip(f"needs the shared corpora: {ROOT} not found (set BACKSTORY_SHARED_DIR)")
    return P.load_split(ROOT, "dev")


@pytest.fixture(scope="module")
def evaluation(dev_articles, tmp_path_factory):
    # the bench's own engine: same model, no cache, a budget no slow machine reaches (an analysis cut
    # short would move the scores)
    engine = P.make_engine(tmp_path_factory.mktemp("polnear"))
    try:
        return P.evaluate(dev_articles, engine)
    finally:
        engine.close()


@pytest.fixture(scope="module")
def current(evaluation):
    return P.metrics(P.sum_counts(evaluation["results"]))


@pytest.mark.parametrize("metric", sorted(FLOORS["floors"]))
def test_polnear_dev_not_below_floor(current, metric):
    value, floor = current[metric], FLOORS["floors"][metric]
    assert value is not None and value >= floor, (
        f"PolNeAR dev {metric} = {value} fell below its floor {floor} (tests/quality_floors.json, polnear_dev); "
        "see `.venv/bin/python bench/eval_polnear.py --no-write --errors`")


@pytest.mark.parametrize("metric", sorted(FLOORS["ceilings"]))
def test_polnear_dev_not_above_ceiling(current, metric):
    value, ceiling = current[metric], FLOORS["ceilings"][metric]
    assert value is not None and value <= ceiling, (
        f"PolNeAR dev {metric} = {value} rose above its ceiling {ceiling} (tests/quality_floors.json, polnear_dev)")


def test_gate_covers_every_dev_article_and_every_metric(evaluation, dev_articles):
    results = evaluation["results"]
    assert len(results) == len(dev_articles) == 84
    counts = P.sum_counts(results)
    assert counts["gold_cited"] >= 300 and counts["quotes_scored"] >= 300 and counts["unnamed_gold"] >= 100
    assert set(FLOORS["floors"]) == set(P.FLOOR_METRICS)
    assert set(FLOORS["ceilings"]) == set(P.CEILING_METRICS)


def test_gate_fails_when_a_score_drops(current):
    """The gate's comparison can fail: each floor just missed, the ceiling just passed, a lost score."""
    assert P.check_floors(current, FLOORS) == []
    for metric, floor in FLOORS["floors"].items():
        worse = dict(current, **{metric: floor - 0.001})
        assert [p for p in P.check_floors(worse, FLOORS) if metric in p], metric
    for metric, ceiling in FLOORS["ceilings"].items():
        worse = dict(current, **{metric: ceiling + 1})
        assert [p for p in P.check_floors(worse, FLOORS) if metric in p], metric
    assert P.check_floors(dict(current, cited_f1=None), FLOORS)


def test_a_worse_answer_scores_lower(evaluation, dev_articles, engine):
    """End to end on one real article: dropping Backstory's cited people lowers the score the gate reads,
    so a regression in the people stage cannot pass unseen."""
    gold = P.read_gold(engine.nlp, dev_articles[:3])
    for g in gold:
        doc = engine.analyze(f"https://example.org/polnear/{g.article.name}", P.article_html(g.article.text),
                             include_text=True, use_cache=False)
        if not doc["cited"] or not g.surnames:
            continue
        full = P.score_article(g, doc).counts
        emptied = P.score_article(g, dict(doc, cited=[])).counts
        assert emptied["tp"] == 0 < full["tp"]
        assert emptied["pred_cited"] == 0 and emptied["gold_cited"] == full["gold_cited"]
        return
    pytest.fail("none of the first three dev articles has a cited person in both gold and Backstory")
