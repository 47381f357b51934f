"""The bundled US officials (data/people/us-officials.json): built from the CC0 dataset, cited on every fact."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest

from backstory.kb import KnowledgeBase
from backstory.kb.build_people import OUT, build

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "data" / "people" / "us-congress-legislators"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load(user_dir=Path(tempfile.mkdtemp(prefix="officials-")))


@pytest.mark.shared
@pytest.mark.skipif(not SOURCE.is_dir(), reason="needs ../shared/data/people/us-congress-legislators")
def test_bundled_file_is_what_the_build_script_makes():
    assert json.loads(OUT.read_text(encoding="utf-8")) == json.loads(json.dumps(build(SOURCE)))


def test_attribution_and_license_are_bundled():
    folder = OUT.parent
    assert "CC0" in (folder / "ATTRIBUTION.md").read_text() and (folder / "LICENSE-congress-legislators.txt").is_file()
    data = json.loads(OUT.read_text())
    assert data["license"] == "CC0 1.0" and data["date"] == "2026-06-15" and len(data["people"]) > 600


def test_senator_at_the_article_date(kb):
    found = kb.person("Maria Cantwell", role="Democratic senator", date="2025-03-01")
    assert found["match"] == "exact" and found["id"] == "wikidata:Q22250" and found["url"] == "https://www.wikidata.org/wiki/Q22250"
    assert found["who"] == "United States senator (Washington), since 2001-01-03 (term ends 2031-01-03)"
    position = next(f for f in found["facts"] if f["property"] == "position" and f["at_article_date"])
    (source,) = position["sources"]
    assert source["url"] == "https://github.com/unitedstates/congress-legislators" and source["license"] == "CC0 1.0"
    assert source["date"] == "2026-06-15" and source["layer"] == "open-data"
    # the facts around the article's date come first
    positions = [f for f in found["facts"] if f["property"] == "position"]
    assert positions[0]["at_article_date"] and "House" in positions[1]["value"]


def test_office_held_at_another_date(kb):
    found = kb.person("Maria Cantwell", role="congresswoman", date="1994-05-01")
    assert found["match"] == "exact" and found["who"].startswith("member of the United States House of Representatives (Washington's 1st district)")


def test_presidents_nicknames_and_surnames(kb):
    assert kb.person("Donald Trump", role="President", date="2025-03-18")["who"].startswith("President of the United States")
    assert kb.person("Bill Clinton", role="former president", date="2016-01-01")["match"] == "exact"
    assert kb.person("Bernie Sanders", role="Vermont senator")["name"] == "Bernard Sanders"
    alone = kb.person("Trump", date="2025-03-18")
    assert alone["match"] == "possible" and alone["facts"] == []


def test_no_fact_the_dataset_does_not_state(kb):
    found = kb.person("Maria Cantwell", role="senator", date="2025-03-01")
    assert {f["property"] for f in found["facts"]} <= {"description", "position", "party"}
    # the description is built from the dataset's own latest office and party, and cited to it
    assert all(s["name"].startswith("congress-legislators") for f in found["facts"] for s in f["sources"])


def test_a_namesake_of_an_official_is_not_them(kb):
    found = kb.person("Adam Smith", role="economist", date="2020-01-01")
    assert found["match"] != "exact" and found["facts"] == []


def test_an_office_that_began_after_the_article_is_not_theirs(kb):
    """Robert Menendez Jr. sits in the House since 2023; a 2016 'D-N.J.' Robert Menendez is his father."""
    found = kb.person("Robert Menendez", role="D-N.J.", date="2016-09-20")
    assert found["match"] == "possible" and found["facts"] == [] and "began later" in found["why"]
    assert kb.person("Robert Menendez", role="D-N.J.", date="2024-09-20")["match"] == "exact"


def test_who_line_at_another_date_says_former_or_later(kb):
    assert kb.person("Jon Husted", date="2016-09-25")["who"] == "later United States senator (Ohio), from 2025-01-21"
    assert kb.person("Joe Biden", role="Vice President", date="2016-09-30")["who"].startswith("Vice President of the United States, from 2009")
    assert kb.person("Barack Obama", role="former president", date="2019-05-01")["who"].startswith("former President of the United States")


def test_a_middle_name_is_no_surname(kb):
    """Christopher Andrew Coons is not 'Prince Andrew'; John Edwards James is not 'John Bel Edwards'."""
    assert kb.person("Prince Andrew", date="2019-11-16")["match"] == "none"
    assert kb.person("John Bel Edwards", role="Louisiana governor", date="2019-11-16")["match"] == "none"
    assert kb.person("Christopher Coons", role="Democratic senator", date="2019-11-16")["match"] == "exact"
