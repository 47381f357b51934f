"""The knowledge base as shipped: the seed page's entities are there, each fact with its source."""

from __future__ import annotations

import pytest

import backstory.kb
from backstory.kb import KnowledgeBase

PUBLIC_METHODS = {"load", "version", "outlet", "outlet_by_name", "person", "organisation", "notes_for"}


@pytest.fixture(scope="module")
def kb(tmp_path_factory) -> KnowledgeBase:
    return KnowledgeBase.load(user_dir=tmp_path_factory.mktemp("user"))


def _all_facts(entry: dict) -> list[dict]:
    return list(entry["facts"]) + [{"sources": [r["source"]]} for r in entry.get("ratings", ())]


def test_public_surface():
    assert backstory.kb.__all__ == ["KnowledgeBase"]
    assert PUBLIC_METHODS <= set(dir(KnowledgeBase))


def test_bundled_curated_files_all_load(kb):
    assert kb.warnings == []
    assert {r.kind for r in kb.records} == {"outlet", "organisation", "person"}


def test_global_research_has_two_independent_raters_and_an_operator(kb):
    gr = kb.outlet("globalresearch.ca")
    independent = {r["rater"] for r in gr["ratings"] if not r["imputed"]}
    assert len(independent) >= 2
    assert gr["operator"] and gr["operator"]["sources"] and gr["operator"]["sources"][0]["url"].startswith("http")
    assert gr["kb_match"] == "exact" and gr["name"]


def test_infobrics_card_by_domain_and_by_name(kb):
    by_domain = kb.outlet("infobrics.org")
    assert by_domain["facts"]
    by_name = kb.outlet_by_name("InfoBrics")
    assert by_name["domain"] == "infobrics.org"


def test_seed_people_and_organisation(kb):
    korybko = kb.person("Andrew Korybko", role="political analyst")
    assert korybko["match"] == "exact" and korybko["facts"]
    leiroz = kb.person("Lucas Leiroz", orgs=["BRICS Journalists Association", "Center for Geostrategic Studies"])
    assert leiroz["match"] == "exact"
    cgs = kb.organisation("Center for Geostrategic Studies")
    assert cgs is not None and cgs["facts"]


@pytest.mark.parametrize("domain", ["globalresearch.ca", "infobrics.org", "rt.com", "nytimes.com", "bbc.co.uk"])
def test_every_fact_and_rating_carries_a_source(kb, domain):
    entry = kb.outlet(domain)
    assert entry is not None
    for fact in _all_facts(entry):
        assert fact["sources"]
        for source in fact["sources"]:
            assert source["name"] and source["layer"] in {"open-data", "curated", "wikidata", "user"}
            assert source["url"] is None or source["url"].startswith("http")
