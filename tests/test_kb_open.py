"""Bundled open data: one rating per rater with its own date, imputed values flagged, disagreement rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backstory.kb import KnowledgeBase
from backstory.kb.build_open import ATTRIBUTION_FILE, OUTLETS_FILE, attribution_text, build_outlets
from backstory.kb.ratings import STANCE_KEY, OpenData, lin_rating, raters_disagree

BUNDLED_OPEN = Path(__file__).resolve().parents[1] / "sidecar" / "backstory" / "data" / "open"
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
RATING_KEYS = {"rater", "verdict", "score", "percentile", "raters_observed", "imputed", "date", "url", "license", "layer", "source"}
SOURCE_KEYS = {"name", "url", "date", "retrieved", "license", "layer"}


@pytest.fixture(scope="module")
def open_data() -> OpenData:
    return OpenData.load(BUNDLED_OPEN)


@pytest.fixture(scope="module")
def kb(tmp_path_factory) -> KnowledgeBase:
    data = tmp_path_factory.mktemp("data")
    (data / "open").symlink_to(BUNDLED_OPEN)
    (data / "curated").mkdir()
    return KnowledgeBase.load(data_dir=data, user_dir=tmp_path_factory.mktemp("user"))


def test_global_research_has_separate_dated_ratings(kb):
    outlet = kb.outlet("globalresearch.ca")
    raters = [r["rater"] for r in outlet["ratings"]]
    assert len(raters) == len(set(raters)) >= 3  # one Rating per rater, never merged
    for rating in outlet["ratings"]:
        assert set(rating) == RATING_KEYS
        assert set(rating["source"]) == SOURCE_KEYS
        assert rating["date"] and rating["source"]["date"] == rating["date"]
        assert rating["layer"] == "open-data"
    assert outlet["kb_match"] == "exact"


def test_lin_counts_observed_raters_and_never_calls_imputation_a_rating(kb):
    gr = next(r for r in kb.outlet("globalresearch.ca")["ratings"] if r["rater"].startswith("Lin"))
    assert gr["raters_observed"] == 3 and gr["imputed"] is False
    assert 0 < gr["percentile"] < 10 and gr["score"] == pytest.approx(0.1762, abs=1e-3)
    infobrics = next(r for r in kb.outlet("infobrics.org")["ratings"] if r["rater"].startswith("Lin"))
    assert infobrics["imputed"] is True and infobrics["raters_observed"] == 0
    assert "imputed" in infobrics["verdict"]


def test_only_the_binary_list_observed_counts_as_imputed():
    # whale.to: only Iffy/MisinfoMe lists it (as unreliable), yet the imputed pc1 is 0.77.
    rating = lin_rating([0.77, 85.9, ["iffy"]])
    assert rating["imputed"] is True and rating["raters_observed"] == 1
    assert rating[STANCE_KEY] is None and "imputed" in rating["verdict"] and "high" not in rating["verdict"]
    graded = lin_rating([0.77, 85.9, ["mbfc", "iffy"]])
    assert graded["imputed"] is False and graded[STANCE_KEY] == "high" and "3 other rating sets were imputed" in graded["verdict"]


def test_imputed_rating_never_makes_raters_disagree(open_data):
    imputed_high = {"imputed": True, STANCE_KEY: "high"}
    low = {"imputed": None, STANCE_KEY: "low"}
    high = {"imputed": False, STANCE_KEY: "high"}
    assert raters_disagree([imputed_high, low]) is False
    assert raters_disagree([high, low]) is True
    assert raters_disagree([high, {"imputed": None, STANCE_KEY: None}]) is False


def test_raters_disagree_on_real_data():
    kb_data = OpenData.load(BUNDLED_OPEN)
    nyt = kb_data.ratings("nytimes.com")
    assert not raters_disagree(nyt) and {r[STANCE_KEY] for r in nyt} >= {"high"}
    gr = kb_data.ratings("globalresearch.ca")
    assert not raters_disagree(gr) and {r[STANCE_KEY] for r in gr} == {"low"}


def test_cred1_leaves_out_mbfc_columns():
    raw = json.loads((BUNDLED_OPEN / OUTLETS_FILE).read_text())
    assert raw["cred1"]["globalresearch.ca"] == ["conspiracy", 0.095, 2]
    assert "iffy" not in json.dumps(raw["cred1"]).lower()


def test_kynoptic_manual_boost_is_not_used(open_data):
    # kynoptic's hand-edited overlay boosts sputniknews.com; WP:RSP deprecated Sputnik.
    wp = next(r for r in open_data.ratings("sputniknews.com") if r["rater"].startswith("Wikipedia"))
    assert "reliable" not in wp["verdict"].replace("unreliable", "")
    assert wp["date"] == "2021-03-17"


def test_opensources_shows_its_date(kb):
    rating = next(r for r in kb.outlet("globalresearch.ca")["ratings"] if r["rater"] == "OpenSources")
    assert rating["date"].startswith("2017") and "2017" in rating["verdict"]


def test_wikipedia_name_mapped_without_domain_in_urls(kb):
    # Kudusch has Global Research by name only: the name itself carries the domain.
    found = kb.outlet_by_name("Global Research")
    assert found["domain"] == "globalresearch.ca"
    assert kb.outlet_by_name("Centre for Research on Globalization")["domain"] == "globalresearch.ca"


def test_newsmap_gives_qid_without_twitter_bio(kb):
    rt = kb.outlet_by_name("RT")
    qids = [f["value"] for f in rt["facts"] if f["property"] == "other"]
    assert "Q22868" in qids
    newsmap = json.loads((BUNDLED_OPEN / OUTLETS_FILE).read_text())["newsmap"]
    assert newsmap["rt"] == ["Q22868", "RT", ["Russia"]]  # QID, label, countries: no handle, bio or followers
    assert all(len(row) == 3 for row in newsmap.values())


def test_unknown_domain_is_none(kb):
    assert kb.outlet("no-such-outlet-anywhere.example") is None
    assert kb.outlet_by_name("No Such Outlet Anywhere") is None


@pytest.mark.shared
@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="../shared/data not present")
def test_bundled_file_is_what_the_builder_makes():
    rebuilt = build_outlets(SHARED_DATA)
    committed = json.loads((BUNDLED_OPEN / OUTLETS_FILE).read_text())
    assert json.loads(json.dumps(rebuilt, sort_keys=True, default=sorted)) == committed


def test_attribution_and_licenses_are_bundled():
    assert (BUNDLED_OPEN / ATTRIBUTION_FILE).read_text() == attribution_text()
    for required in ("cred1/LICENSE.CC-BY-4.0.txt", "cred1/ATTRIBUTION.md", "opensources/LICENSE.LGPL-3.0.txt",
                     "wp-rsp-kynoptic/LICENSE", "lin2023-domain-quality/SOURCE.txt", "newsmap-hakimov/SOURCE.txt",
                     "faker/LICENSE.txt"):
        assert (BUNDLED_OPEN / "licenses" / required).is_file(), required


def test_bundled_given_names():
    data = json.loads((BUNDLED_OPEN / "given_names.json").read_text())
    assert data["source"] == "faker-given-names" and len(data["names"]) > 20_000
    names = data["names"]
    assert names["zoe"] == "f" and names["james"] == "m" and names["chris"] == "mf"
    assert set(names.values()) <= {"m", "f", "mf", ""} and all(n == n.casefold() for n in names)


def test_given_names_file_is_what_the_builder_makes():
    pytest.importorskip("faker", reason="rebuilding given_names.json needs Faker (pip install faker)")
    from backstory.kb.build_open import build_given_names

    committed = json.loads((BUNDLED_OPEN / "given_names.json").read_text())
    rebuilt, _ = build_given_names()
    if rebuilt["faker_version"] != committed["faker_version"]:
        pytest.skip(f"installed Faker {rebuilt['faker_version']}, file built from {committed['faker_version']}")
    assert json.loads(json.dumps(rebuilt)) == committed


def test_builder_helpers():
    from backstory.kb.build_open import _kudusch_domains, site_key
    from backstory.kb.names import split_aliases

    assert site_key("www.rt.com") == "rt.com" and site_key("cato.org/blog") is None and site_key("anews24.org/") == "anews24.org"
    assert split_aliases("TASS (ITAR-TASS, Telegraph Agency of the Soviet Union)") == ["TASS", "ITAR-TASS", "Telegraph Agency of the Soviet Union"]
    assert split_aliases("Fox News (news excluding politics and science)") == ["Fox News"]
    name = "Centre for Research on Globalization (CRG, Global Research, globalresearch.ca)"
    assert _kudusch_domains(name, []) == ["globalresearch.ca"]
    assert _kudusch_domains("RT", ["https://www.rt.com/", "https://twitter.com/RT_com"]) == ["rt.com"]
    assert _kudusch_domains("YouTube", ["https://www.youtube.com/"]) == ["youtube.com"]  # the platform itself
