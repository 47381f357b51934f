"""The hand-annotated gold set for cited people (tests/gold, docs/annotation.md) stays well-formed.

Fast: lxml + jsonschema only, no spaCy, no trafilatura.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

GOLD_DIR = Path(__file__).parent / "gold"


def _load_checker():
    spec = importlib.util.spec_from_file_location("gold_check_gold", GOLD_DIR / "check_gold.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


check_gold = _load_checker()
GOLD = check_gold.load_gold()
NAMES = [a["name"] for a in GOLD]


def test_gold_set_size_and_variety():
    assert len(GOLD) >= 40
    assert len({a["outlet"]["domain"] for a in GOLD}) >= 15
    genres = {a["genre"] for a in GOLD}
    assert {"wire", "reporting", "opinion", "interview"} <= genres
    assert sum(1 for a in GOLD if not a["cited"]) >= 3, "need some pages without cited people"


@pytest.mark.parametrize("name", NAMES)
def test_annotation_is_valid(name):
    ann = next(a for a in GOLD if a["name"] == name)
    assert check_gold.check_annotation(ann) == []


def test_split_is_fixed_and_complete():
    assert check_gold.check_split(GOLD) == []
    split = json.loads((GOLD_DIR / "split.json").read_text(encoding="utf-8"))
    assert split["seed"] == 20261124
    assert len(split["heldout"]) >= 10
    assert len(split["heldout"]) * 4 >= len(GOLD)


def test_heldout_list_in_docs_matches_split():
    doc = (Path(__file__).parents[1] / "docs" / "annotation.md").read_text(encoding="utf-8")
    split = json.loads((GOLD_DIR / "split.json").read_text(encoding="utf-8"))
    for name in split["heldout"]:
        assert f"`{name}`" in doc, f"held-out file {name} not listed in docs/annotation.md"


def test_checker_detects_problems(tmp_path):
    ann = json.loads(json.dumps(next(a for a in GOLD if a["cited"])))
    page = Path(ann["page_path"])
    bad = dict(ann)
    bad["cited"] = [dict(ann["cited"][0], quotes=[{"text": "words that are not in the page at all xyzzy",
                                                    "cue": "said", "kind": "direct"}])]
    bad["mentioned"] = [ann["cited"][0]["name"]]
    errors = check_gold.check_annotation(bad)
    assert any("not in page text" in e for e in errors)
    assert any("both cited and mentioned" in e for e in errors)
    assert page.exists()


def test_page_text_normalises_whitespace(tmp_path):
    p = tmp_path / "x.html"
    p.write_text("<html><head><title>T</title><script>var a='said';</script></head><body>"
                 "<p>He   said\n<b>hello</b>&nbsp;there.</p><p>Next</p></body></html>", encoding="utf-8")
    text = check_gold.page_text(p)
    assert "He said hello there." in text
    assert "var a" not in text
    assert "there. Next" in text
