"""Matching people: folding, middle names, namesakes, common names, agreeing and contradicting signals."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from backstory.kb import KnowledgeBase

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "kb"
BUNDLED_OPEN = Path(__file__).resolve().parents[1] / "sidecar" / "backstory" / "data" / "open"
KB_PERSON_KEYS = {"match", "id", "facts", "why", "who", "name", "url", "candidates"}
NO_MATCH = {"match": "none", "id": None, "facts": [], "why": None, "who": None, "name": None, "url": None, "candidates": []}


@pytest.fixture(scope="module")
def kb(tmp_path_factory) -> KnowledgeBase:
    data = tmp_path_factory.mktemp("data")
    (data / "open").symlink_to(BUNDLED_OPEN)
    shutil.copytree(FIXTURES / "curated", data / "curated")
    return KnowledgeBase.load(data_dir=data, user_dir=tmp_path_factory.mktemp("user"))


@pytest.mark.parametrize("name", ["Lucas Leiroz", "Lucas Leiroz de Almeida", "LUCAS LEIROZ", "Lúcas Leiróz", "Dr. Lucas Leiroz"])
def test_name_variants_match_the_same_person(kb, name):
    found = kb.person(name)
    assert set(found) == KB_PERSON_KEYS
    assert found["match"] == "exact" and found["id"] == "lucas-leiroz"
    assert found["facts"] and all(f["sources"] for f in found["facts"])


def test_same_surname_different_person_is_not_matched(kb):
    assert kb.person("Andrew Korybko")["id"] == "andrew-korybko"
    assert kb.person("Maria Korybko")["id"] == "maria-korybko"
    other = kb.person("Oleg Korybko")
    assert other == NO_MATCH


def test_surname_alone_is_only_possible_and_attaches_nothing(kb):
    found = kb.person("Korybko")
    assert found["match"] == "possible" and found["facts"] == [] and found["id"] is None
    assert "share this name" in found["why"]
    single = kb.person("Leiroz")
    assert single["match"] == "possible" and single["facts"] == [] and "surname" in single["why"]


def test_surname_alone_with_agreeing_role_picks_the_right_one(kb):
    found = kb.person("Korybko", role="political analyst")
    assert found["match"] == "exact" and found["id"] == "andrew-korybko" and "role" in found["why"]


def test_common_name_needs_an_agreeing_signal(kb):
    alone = kb.person("John Smith")
    assert alone["match"] == "possible" and "common name" in alone["why"]
    at_outlet = kb.person("John Smith", outlet_domain="example-times.test")
    assert at_outlet["match"] == "exact" and at_outlet["why"] == "name and outlet agree"
    at_mirror = kb.person("John Smith", outlet_domain="example-times-mirror.test")
    assert at_mirror["match"] == "exact"
    with_org = kb.person("John Smith", orgs=["The Example Times"])
    assert with_org["match"] == "exact" and "organisation" in with_org["why"]


def test_namesake_with_contradicting_role_gets_no_facts(kb):
    plumber = kb.person("John Smith", role="plumber")
    assert plumber["match"] == "possible" and plumber["facts"] == []
    assert "plumber" in plumber["why"]
    footballer = kb.person("Andrew Korybko", role="footballer")
    assert footballer["match"] == "possible" and footballer["facts"] == []


def test_distinctive_name_alone_is_exact_and_says_why(kb):
    found = kb.person("Andrew Korybko")
    assert found["match"] == "exact" and "distinctive" in found["why"]


def test_organisation_from_bio_agrees(kb):
    found = kb.person("Lucas Leiroz", orgs=["Centre for Geostrategic Studies"])
    assert found["match"] == "exact" and "organisation" in found["why"]


def test_unknown_and_empty_names(kb):
    assert kb.person("Zebulon Quixotic")["match"] == "none"
    assert kb.person("")["match"] == "none"


def test_a_shared_middle_initial_is_no_shared_name(tmp_path):
    """The bundled curated 'Philip M. Giraldi' is not 'Philip M. Smith': they share only an initial."""
    bundled = KnowledgeBase.load(user_dir=tmp_path)
    assert bundled.person("Philip M. Smith")["match"] == "none"
    assert bundled.person("Philip M. Giraldi")["match"] == "exact"
