"""Curated layer: validation on load, claims as Facts with sources, outlet/organisation lookups."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from backstory.kb import KnowledgeBase
from backstory.kb.curated import RecordError, load_curated, parse_record

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "kb"
BUNDLED_OPEN = Path(__file__).resolve().parents[1] / "sidecar" / "backstory" / "data" / "open"
BAD_RECORD = '''id = "broken-record"
kind = "person"
name = "Broken Record"

[[claims]]
property = "role"
value = "nobody"
claim = "This claim has no source URL at all."
source_name = "Nowhere"
retrieved = "2026-11-24"
where = "nowhere"
'''


@pytest.fixture()
def data_dir(tmp_path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    (data / "open").symlink_to(BUNDLED_OPEN)
    shutil.copytree(FIXTURES / "curated", data / "curated")
    return data


@pytest.fixture()
def kb(data_dir, tmp_path) -> KnowledgeBase:
    return KnowledgeBase.load(data_dir=data_dir, user_dir=tmp_path / "user")


def test_bad_file_is_skipped_with_a_warning(data_dir, tmp_path):
    (data_dir / "curated" / "people" / "broken-record.toml").write_text(BAD_RECORD)
    records, warnings = load_curated(data_dir / "curated")
    assert "broken-record" not in {r.id for r in records}
    assert any("broken-record.toml" in w and "source_url" in w for w in warnings)
    kb = KnowledgeBase.load(data_dir=data_dir, user_dir=tmp_path / "user")
    assert kb.person("Broken Record")["match"] == "none"


@pytest.mark.parametrize("change, message", [
    (('property = "role"', 'property = "favourite colour"'), "unknown property"),
    (('kind = "person"', 'kind = "planet"'), "kind"),
    (('id = "broken-record"', 'id = "Broken Record"'), "kebab-case"),
    (('retrieved = "2026-11-24"', 'retrieved = "yesterday"'), "YYYY-MM-DD"),
])
def test_schema_errors_are_named(tmp_path, change, message):
    good = BAD_RECORD.replace('source_name = "Nowhere"', 'source_name = "Nowhere"\nsource_url = "https://x.test/"')
    path = tmp_path / "r.toml"
    path.write_text(good)
    assert parse_record(path).id == "broken-record"
    path.write_text(good.replace(*change))
    with pytest.raises(RecordError, match=message):
        parse_record(path)


def test_claims_become_facts_with_curated_sources(kb):
    outlet = kb.outlet("example-times.test")
    assert outlet["name"] == "Example Times" and outlet["kb_match"] == "exact"
    fact = outlet["facts"][0]
    assert fact["layer"] == "curated" and fact["where"] == "About page, first paragraph"
    assert fact["sources"] == [{"name": "Example Times, About page", "url": "https://example-times.test/about",
                                "date": "2024-01-02", "retrieved": "2026-11-24", "license": "CC BY 4.0", "layer": "curated"}]
    assert outlet["operator"]["value"] == "Example Media Group"
    assert outlet["operator"]["sources"][0]["url"] == "https://example-times.test/about"


def test_curated_layer_joins_open_ratings(kb):
    gr = kb.outlet("globalresearch.ca")
    assert gr["operator"]["value"] == "Centre for Research on Globalization"
    assert len({r["rater"] for r in gr["ratings"]}) >= 2
    assert {f["layer"] for f in gr["facts"]} >= {"curated"}


def test_outlet_by_name_and_alias(kb):
    assert kb.outlet_by_name("example times")["kb_match"] == "exact"
    by_alias = kb.outlet_by_name("The Éxample Times")  # case and diacritics folded
    assert by_alias["domain"] == "example-times.test" and by_alias["kb_match"] == "alias"


def test_organisation_lookup_tolerates_spelling(kb):
    org = kb.organisation("Centre for Geostrategic Studies")  # British spelling of the record's name
    assert org["id"] == "center-for-geostrategic-studies"
    assert org["facts"][0]["sources"][0]["url"] == "https://fixture.test/cgs"
    assert kb.organisation("CGS")["id"] == "center-for-geostrategic-studies"
    assert kb.organisation("Center for Strategic and International Studies") is None


def test_mirror_domain_borrows_ratings_and_says_so(kb):
    direct = kb.outlet("sputniknews.com")
    assert direct["kb_match"] == "exact" and direct["ratings"]
    mirror = kb.outlet("sputnikglobe.com")
    assert mirror["kb_match"] == "alias" and mirror["name"] == "Sputnik"
    assert [r["rater"] for r in mirror["ratings"]] == [r["rater"] for r in direct["ratings"]]
    assert all("rating of sputniknews.com" in r["verdict"] for r in mirror["ratings"])
    assert kb.outlet("www.SputnikNews.com")["domain"] == "sputniknews.com"
