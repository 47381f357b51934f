"""Sites, platforms and ratings' domain keys (issue 24 item 2): a rating belongs to the site a rater rated.

Any *.github.io page was shown as "JAMA — generally reliable": the 2021 Wikipedia list took every external
link of JAMA's article as JAMA's domain, and registered domains ignored the Public Suffix List's private
section, so every GitHub Pages site folded into github.io. These tests fail on that code.
"""

from __future__ import annotations

import csv
import json
import tomllib
from pathlib import Path

import pytest
import tldextract

from backstory import cards, domains
from backstory.cli import render
from backstory.extract import Extracted
from backstory.kb import KnowledgeBase
from backstory.kb import names as kb_names
from backstory.kb.build_open import (
    DECISIONS_FILE, DomainDecisionError, DomainReview, build_kudusch, load_decisions,
)
from backstory.kb.sitenames import fits
from backstory.kb.wikidata import outlet_record
from backstory.outlet import identify, registered_domain

BUNDLED_OPEN = Path(__file__).resolve().parents[1] / "sidecar" / "backstory" / "data" / "open"
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
HOSTING = tomllib.loads((BUNDLED_OPEN / "hosting.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def kb(tmp_path_factory) -> KnowledgeBase:
    return KnowledgeBase.load(user_dir=tmp_path_factory.mktemp("user"))


def outlet_card_for(url: str, kb: KnowledgeBase) -> dict:
    """The outlet card a page at ``url`` gets (the /v1/outlet path: no page text, no NLP)."""
    return cards.outlet_card(identify(Extracted(url=url)), kb)


# --- which site a host belongs to ---------------------------------------------------------------

@pytest.mark.parametrize(("host", "site"), [
    ("attacker.github.io", "attacker.github.io"),            # PSL private section
    ("www.someone.blogspot.com", "someone.blogspot.com"),
    ("news.someone.blogspot.com", "someone.blogspot.com"),
    ("5ideeinmovimento.blogspot.it", "5ideeinmovimento.blogspot.it"),  # Blogger's country domains: our list
    ("someone.wordpress.com", "someone.wordpress.com"),      # not on the PSL: our list
    ("someone.substack.com", "someone.substack.com"),
    ("sites.psu.edu", "sites.psu.edu"),                      # a university's hosting host: a rule
    ("jdoe.sites.psu.edu", "jdoe.sites.psu.edu"),
    ("students.washington.edu", "students.washington.edu"),
    ("personal.psu.edu", "personal.psu.edu"),
    ("sites.google.com", "sites.google.com"),
    ("github.io", "github.io"),                              # the platform's own site
    ("www.psu.edu", "psu.edu"),                              # the university's own pages are its own
    ("news.harvard.edu", "harvard.edu"),
    ("amp.theguardian.com", "theguardian.com"),
    ("www.bbc.co.uk", "bbc.co.uk"),
    ("127.0.0.1", None), ("localhost", None), ("[::1]", None), ("co.uk", None),
])
def test_site_of_counts_private_suffixes_and_hosting_hosts(host, site):
    assert domains.site_of(host) == site
    # every place that computes a registered domain agrees: the outlet stage and the knowledge base
    assert registered_domain(host) == site
    assert kb_names.registered_domain(host) == (site or "")


def test_outlet_stage_uses_the_site_of_the_page():
    assert identify(Extracted(url="https://attacker.github.io/jama/article.html")).domain == "attacker.github.io"
    assert identify(Extracted(url="https://sites.psu.edu/jdoe/2024/05/post/")).domain == "sites.psu.edu"


# --- the cards: platform-hosted sites are unrated, and say so ----------------------------------

@pytest.mark.parametrize(("url", "note"), [
    ("https://attacker.github.io/jama/", "a site hosted on GitHub Pages; no rater has rated it"),
    ("https://marcinwrochna.github.io/abbreviso/", "a site hosted on GitHub Pages; no rater has rated it"),
    ("https://someone.wordpress.com/2020/01/01/x/", "a site hosted on WordPress.com; no rater has rated it"),
    ("https://jdoe.sites.psu.edu/x", "a site hosted on sites.psu.edu, where psu.edu hosts its members' own sites; "
                                     "no rater has rated it"),
    ("https://sites.psu.edu/jdoe/x", "a page on sites.psu.edu, where psu.edu hosts its members' own sites; "
                                     "no rater has rated it"),
    ("https://students.washington.edu/jdoe/", "a page on students.washington.edu, where washington.edu hosts its "
                                              "members' own sites; no rater has rated it"),
    ("https://personal.psu.edu/dhk3/research/", "a page on personal.psu.edu, where psu.edu hosts its members' own "
                                                "sites; no rater has rated it"),
])
def test_platform_hosted_site_is_unrated_and_says_so(kb, url, note):
    card = outlet_card_for(url, kb)
    assert card["ratings"] == [] and card["raters_disagree"] is False
    assert card["hosted_on"]["note"] == note
    assert "JAMA" not in json.dumps(card)


def test_rated_site_on_a_platform_keeps_its_own_rating(kb):
    # CRED-1 rates one Blogger blog by name: the rating is that blog's, and the card says whose it is
    card = outlet_card_for("https://sjlendman.blogspot.com/2020/01/x.html", kb)
    assert [r["rater"] for r in card["ratings"]] and all("Blogger" not in r["verdict"] for r in card["ratings"])
    assert card["hosted_on"]["note"] == "a site hosted on Blogger; the ratings are of this site, not of Blogger"
    # ... and a blog nobody rated gets nothing of blogspot.com's rows (Lin et al. rate blogspot.com itself)
    assert outlet_card_for("https://unrated-blog.blogspot.com/x", kb)["ratings"] == []
    assert kb.open.ratings("blogspot.com")  # the platform's own rows exist, for the platform's own pages


def test_path_platform_withholds_the_platforms_ratings(kb):
    assert kb.open.ratings("medium.com")  # Lin et al. and Wikipedia rate Medium the platform
    card = outlet_card_for("https://medium.com/@someone/a-post-1234", kb)
    assert card["ratings"] == [] and card["domain"] == "medium.com"
    assert card["hosted_on"]["kind"] == "path"
    assert card["hosted_on"]["note"] == ("a page on Medium, where anyone can publish; no rater has rated it "
                                         "(the ratings of Medium as a whole are not about this page's author)")
    google_sites = outlet_card_for("https://sites.google.com/view/someone/home", kb)
    assert google_sites["ratings"] == [] and google_sites["domain"] == "sites.google.com"


def test_ordinary_outlets_are_nobodys_guest(kb):
    card = outlet_card_for("https://www.globalresearch.ca/x/5882377", kb)
    assert card["hosted_on"] is None and len(card["ratings"]) >= 3


def test_nih_and_loc_are_not_jama(kb):
    for domain in ("nih.gov", "loc.gov", "psu.edu", "washington.edu", "github.io", "jstor.org"):
        assert "JAMA" not in json.dumps(kb.outlet(domain) or {}), domain
    jama = kb.outlet("jamanetwork.com")
    assert any("JAMA" in r["verdict"] for r in jama["ratings"])


def test_cli_prints_the_hosting_note(kb):
    doc = {"article": {"title": "t", "url": "https://attacker.github.io/x", "is_article": True},
           "outlet": outlet_card_for("https://attacker.github.io/x", kb), "syndicated_from": None,
           "authors": [], "cited": [], "mentioned": [], "unnamed_sources": []}
    text = render(doc)
    assert "a site hosted on GitHub Pages; no rater has rated it" in text
    assert "JAMA" not in text


# --- a rating of a host under a site: most specific first, never above the site -----------------

def test_a_hosts_own_rating_wins_over_its_domains(kb):
    et = kb.outlet("indiatimes.com", host="economictimes.indiatimes.com")
    lin = next(r for r in et["ratings"] if r["rater"].startswith("Lin"))
    assert lin["score"] == pytest.approx(0.2156)  # economictimes.indiatimes.com's row, not indiatimes.com's 0.3881
    # an imputed row of the host (Lin et al. fill every domain) never beats a rated row of its domain
    cnn = next(r for r in kb.outlet("cnn.com", host="edition.cnn.com")["ratings"] if r["rater"].startswith("Lin"))
    assert cnn["imputed"] is False and cnn == next(r for r in kb.outlet("cnn.com")["ratings"] if r["rater"].startswith("Lin"))
    abc = outlet_card_for("https://abcnews.go.com/Politics/story?id=1", kb)
    assert any(r["rater"] == "Wikipedia perennial sources" and "ABC News" in r["verdict"] for r in abc["ratings"])
    # Disney's other sites on go.com are not ABC News
    espn = outlet_card_for("https://espn.go.com/nba/story", kb)
    assert not any("ABC News" in r["verdict"] for r in espn["ratings"])


def test_lookup_keys_never_climb_above_the_site():
    assert domains.lookup_keys("a.b.example.co.uk", "example.co.uk") == ["a.b.example.co.uk", "b.example.co.uk",
                                                                          "example.co.uk"]
    assert domains.lookup_keys("x.someone.github.io", "someone.github.io") == ["x.someone.github.io",
                                                                               "someone.github.io"]
    assert domains.lookup_keys("", "bbc.co.uk") == ["bbc.co.uk"]
    assert domains.lookup_keys("elsewhere.org", "bbc.co.uk") == ["bbc.co.uk"]


# --- the Wikipedia lists: every row's domain is its entry's own --------------------------------

def _decided_keys() -> dict[tuple[str, str], set[str]]:
    """(list, entry) -> the keys a person's keep or move decision put in the table."""
    out: dict[tuple[str, str], set[str]] = {}
    for (list_key, entry, domain), d in load_decisions().items():
        if d.decision != "drop":
            out.setdefault((list_key, entry), set()).add(d.to or domain)
    return out


def test_every_wikipedia_row_is_the_entrys_own_domain():
    table = json.loads((BUNDLED_OPEN / "outlets.json").read_text(encoding="utf-8"))["wikipedia"]
    decided = _decided_keys()
    dropped = {(k[0], k[1], k[2]) for k, d in load_decisions().items() if d.decision == "drop"}
    rows = flagged = 0
    for list_key, rows_by_domain in table.items():
        for domain, row in rows_by_domain.items():
            entry = row[4]
            rows += 1
            assert (list_key, entry, domain) not in dropped, (list_key, entry, domain)
            if not fits(entry, domain):
                flagged += 1
                assert domain in decided.get((list_key, entry), ()), \
                    f"{list_key}: {domain} is bundled for {entry!r} but does not fit the name and no one decided it"
    assert rows > 650 and 0 < flagged < 40  # (the test reads every row; most fit their names)


def test_decisions_have_reasons_and_known_verbs():
    raw = tomllib.loads(DECISIONS_FILE.read_text(encoding="utf-8"))["decision"]
    assert raw and all(d["decision"] in {"keep", "drop", "move"} and len(d["reason"]) > 20 for d in raw)


def _kudusch_csv(folder: Path, rows: list[tuple[str, list[str]]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "perennial-sources.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "status", "status_n", "wiki_url", "urls", "urls_n", "info"])
        for i, (name, urls) in enumerate(rows):
            w.writerow([i, name, json.dumps(["Generally reliable"]), 1, "", json.dumps(urls), len(urls), ""])


def test_build_refuses_an_undecided_row_and_a_stale_decision(tmp_path):
    folder = tmp_path / "wp-rsp-kudusch"
    _kudusch_csv(folder, [("Example Journal", ["www.examplejournal.org", "catalog.loc.gov/vwebv/search?x=1"])])
    review = DomainReview({})
    by_domain, _ = build_kudusch(folder, review)
    assert set(by_domain) == {"examplejournal.org"}  # the catalogue is never the journal's
    with pytest.raises(DomainDecisionError, match="undecided: wp-rsp-2021 entry 'Example Journal' -> loc.gov"):
        review.check()
    decisions = load_decisions()
    review = DomainReview(dict(decisions))
    build_kudusch(folder, review)
    with pytest.raises(DomainDecisionError, match="stale: .*JAMA"):
        review.check()


def test_decision_file_errors_are_clear(tmp_path):
    bad = tmp_path / "d.toml"
    bad.write_text('[[decision]]\nlist = "wp-rsp-2021"\nentry = "X"\ndomains = ["x.org"]\ndecision = "move"\n'
                   'reason = "because it is so"\n', encoding="utf-8")
    with pytest.raises(DomainDecisionError, match="'to' goes with decision = move"):
        load_decisions(bad)


@pytest.mark.shared
@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="../shared/data not present")
def test_every_flagged_row_of_both_lists_is_decided():
    from backstory.kb.build_open import build_outlets

    build_outlets(SHARED_DATA)  # raises DomainDecisionError naming any undecided row or stale decision


# --- the hosting list against the bundled Public Suffix List -----------------------------------

def test_hosting_list_agrees_with_the_bundled_psl():
    plain = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True)
    private = domains.psl_private_suffixes()
    assert "github.io" in private and "blogspot.com" in private
    for entry in HOSTING["platform"]:
        for suffix in entry["suffixes"]:
            listed = plain(suffix).domain == ""  # the PSL (either section) has it as a suffix
            if entry["psl"]:
                assert suffix in private, f"{suffix} is marked psl = true but the bundled PSL lacks it"
            else:
                assert not listed, f"{suffix} is now on the PSL: mark it psl = true"
    for entry in HOSTING["path_platform"]:
        for host in entry["hosts"]:
            assert domains.site_of(host) == host, f"{host} must be a site of its own (add it as a platform suffix)"


def test_unnamed_psl_platform_gets_the_psls_organisation():
    hosted = domains.hosted_on("someone.uk.com", rated=False)
    assert hosted["listed_by"] == "public-suffix-list" and "CentralNic" in hosted["note"]


# --- Wikidata outlet websites -----------------------------------------------------------------

def _newspaper(qid: str, label: str, websites: list[str]) -> dict:
    def snak(prop: str, value: dict | str, kind: str) -> dict:
        if kind == "item":
            datavalue = {"value": {"entity-type": "item", "numeric-id": int(value[1:]), "id": value},
                         "type": "wikibase-entityid"}
            datatype = "wikibase-item"
        else:
            datavalue, datatype = {"value": value, "type": "string"}, "url"
        return {"mainsnak": {"snaktype": "value", "property": prop, "datavalue": datavalue, "datatype": datatype},
                "type": "statement", "rank": "normal"}

    return {"type": "item", "id": qid, "labels": {"en": {"language": "en", "value": label}},
            "descriptions": {}, "aliases": {},
            "claims": {"P31": [snak("P31", "Q11032", "item")], "P856": [snak("P856", w, "url") for w in websites]}}


def test_wikidata_website_on_a_platform_page_is_not_the_outlets_site():
    rec = outlet_record(_newspaper("Q990099", "Example Gazette", [
        "https://www.facebook.com/ExampleGazette", "https://examplegazette.github.io/", "https://sites.google.com/view/eg"]))
    assert rec["domains"] == ["examplegazette.github.io"]  # not facebook.com, not github.io, not google.com


# --- the curated layer's domains ---------------------------------------------------------------

def test_every_curated_domain_is_the_records_own():
    from backstory.kb.curated import load_curated

    records, _ = load_curated(BUNDLED_OPEN.parent / "curated")
    decided = {(entry, domain) for (list_key, entry, domain), d in load_decisions().items()
               if list_key == "curated" and d.decision == "keep"}
    used, checked = set(), 0
    for rec in records:
        names = " ; ".join((rec.name, *rec.aliases))
        for domain in rec.domains:
            checked += 1
            site = domains.site_of(domain)
            assert site and (domain == site or domain.endswith("." + site)), (rec.id, domain)
            assert domains.platform_of(site) is None, f"{rec.id}: {domain} is a platform-hosted site"
            if (rec.id, domain) in decided:
                used.add((rec.id, domain))
            else:
                assert fits(names, domain), f"{rec.id}: {domain} does not spell {names!r} and no one decided it"
    assert checked > 100 and used == decided  # (a decision for a domain no record has is stale)


def test_a_curated_record_of_a_host_is_found_on_that_host_only(kb):
    abc = outlet_card_for("https://abcnews.go.com/Politics/story?id=1", kb)
    assert abc["operator"] is not None or any(f["layer"] == "curated" for f in abc["facts"])
    espn = outlet_card_for("https://espn.go.com/nba/story", kb)
    assert not any(f["layer"] == "curated" for f in espn["facts"])
    et = outlet_card_for("https://economictimes.indiatimes.com/news/x.cms", kb)
    assert "Times of India" not in json.dumps(et)
