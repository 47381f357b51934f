"""Curated facts cite canonical pages only (issue 25).

The curated layer cited Wikipedia through mirrors (wiki.gravy.cc, owiki.org, piglix.com, nina.az, Kiwix
hosts, a DBpedia browser), news stories through scraper sites and aggregators (fr24news.com, newsnow.co.uk,
swisshubnews.com), an IP address with a port, a link shortener and share links with tracking parameters.
Every claim must now cite a site on the allow-list in data/curated-sources.toml, or the Wikipedia article
itself; these tests fail on the previous records (100 of their 191 claims).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from backstory.domains import site_of
from backstory.kb.curated import load_curated
from backstory.kb.sources import (
    CURATED_DIR, DOC_FILE, SOURCES_FILE, Allowed, SourceSite, SourcesFileError, check, check_source, load_allowed, main,
    render_doc,
)

# Hosts the curated layer used to cite: copies of Wikipedia, scrapers reposting news, aggregators,
# proxies, a shortener, a forum archive on a bare IP address. None may ever be allowed.
KNOWN_COPIES = (
    "wiki.gravy.cc", "owiki.org", "chaos.owiki.org", "piglix.com", "wiki3.en-us.nina.az", "dev.library.kiwix.org",
    "kiwix.lema.org", "liquisearch.com", "triplydb.com", "wikiwand.com", "worddisk.com", "enwikipedia.net",
    "wikipediahub.online", "encyclopedia.datana.cloud", "alem.dynip.sapo.pt", "mediawiki.feverous.co.uk",
    "moai.co", "proxy.yimiao.online", "atomo.relevanpress.com", "snaplector.com", "dailynewstv.fullstacks.net",
    "24x7livenewz.com", "canonica.ai", "persagen.com", "wiki.studentb.eu", "fr24news.com", "balthazarkorab.com",
    "520sf.org", "lfwp.net", "caoquefuma.com", "sarahabed.com", "vital-project.org", "alayham.com",
    "4thmedia.org", "sports-isao.org", "global-influence-ops.com", "sussexbusinessdigest.com", "richniches.com",
    "newsportalnp.com", "newsnow.co.uk", "feedman.me", "swisshubnews.com", "newsfinale.com", "analib.org",
    "lingua-sinica.org", "ow.ly", "mediaboyworld.blogspot.com", "guyboulianne.info", "integrate.substack.com",
    "shootingthemessenger.blog", "euskalherria-donbass.org", "wave3.com", "yahoo.com",
)

WP = "https://en.wikipedia.org/wiki/Associated_Press"
WP_NAME = "Wikipedia article 'Associated Press'"
GUARDIAN = "https://www.theguardian.com/gnm-archive/2014/dec/18/histories-of-the-newspapers"


@pytest.fixture(scope="module")
def allowed() -> Allowed:
    return load_allowed()


@pytest.fixture(scope="module")
def records():
    recs, warnings = load_curated(CURATED_DIR)
    assert not warnings
    return recs


def src(url: str, name: str = "The Guardian, 'Histories of the newspapers'", license: str | None = None) -> dict:
    return {"url": url, "name": name, "license": license}


def test_every_claim_cites_an_allowed_canonical_page(records, allowed) -> None:
    problems = check(records, allowed)
    assert problems == [], "\n".join(problems)


def test_no_known_copy_is_allowed(allowed) -> None:
    for host in KNOWN_COPIES:
        assert site_of(host) not in allowed.sites, host
        url = f"https://{host}/wiki/Associated_Press"
        assert check_source("associated-press", src(url, WP_NAME, "CC BY-SA 4.0"), allowed), host
        assert check_source("associated-press", src(url, "Associated Press, 'About us'"), allowed), host


@pytest.mark.parametrize("url, name, license", [
    (WP, WP_NAME, "CC BY-SA 4.0"),
    ("https://en.wikipedia.org/wiki/People%27s_Daily", "Wikipedia article 'People's Daily'", "CC BY-SA 4.0"),
    (GUARDIAN, "Guardian News & Media Archive, 'Histories of the newspapers'", None),
    ("https://t.me/s/lucasleiroz?before=7508", "Lucas Leiroz, public Telegram channel", None),
])
def test_canonical_pages_pass(allowed, url, name, license) -> None:
    assert check_source("lucas-leiroz", src(url, name, license), allowed) == []


@pytest.mark.parametrize("url, name, license, says", [
    ("https://en.m.wikipedia.org/wiki/Associated_Press", WP_NAME, "CC BY-SA 4.0", "not a copy"),
    ("https://sco.wikipedia.org/wiki/The_Guardian", "Wikipedia article 'The Guardian'", "CC BY-SA 4.0", "language"),
    (WP, "Wikipedia article 'Reuters'", "CC BY-SA 4.0", "names 'Reuters'"),
    (WP, WP_NAME, "CC BY-SA 3.0", "licence"),
    (WP, "Wikipedia article 'Associated Press' (copy on owiki.org)", "CC BY-SA 4.0", "copy"),
    ("https://en.wikipedia.org/w/index.php?title=Associated_Press&oldid=1", WP_NAME, "CC BY-SA 4.0", "article address"),
    ("https://triplydb.com/DBpedia/dbpedia/browser?resource=x", "DBpedia abstract of the Wikipedia article 'X'",
     "CC BY-SA 3.0", "not a copy"),
    (GUARDIAN + "?utm_source=substack&utm_medium=email", "The Guardian, 'Histories'", None, "tracking"),
    ("https://amp.cbc.ca/news/business/verizon-to-sell-huffington-post-to-buzzfeed-1.5808438", "CBC News", None, "AMP"),
    ("http://www.newtimes.co.rw/article/158654/News/time/amp", "The New Times", None, "AMP"),
    (GUARDIAN, "The Guardian, 'Histories' (republished copy on fr24news.com)", None, "copy"),
    (GUARDIAN, "Associated Press via The Guardian", None, "copy"),
    ("http://49.12.195.9:8081/r/CounterConspiracy/comments/s8vnla", "GEC report summary", None, "port"),
    ("http://ow.ly/Kpo9M", "The New American", None, "not an allowed source site"),
    ("https://t.me/s/someoneelse", "A Telegram channel", None, "own pages"),
    ("https://www.globalresearch.ca/about", "Global Research, 'About'", None, "allowed only for"),
])
def test_non_canonical_sources_are_refused(allowed, url, name, license, says) -> None:
    problems = check_source("associated-press", src(url, name, license), allowed)
    assert any(says in p for p in problems), problems


def test_a_subjects_own_site_supports_only_its_records(allowed) -> None:
    about = src("https://www.globalresearch.ca/about", "Global Research, 'About'")
    assert check_source("global-research", about, allowed) == []
    assert check_source("the-guardian", about, allowed)


def test_check_finds_a_mirror_in_a_record_and_an_unused_allowed_site(records, allowed) -> None:
    first = records[0]
    fact = dict(first.facts[0], sources=[src("https://wiki.gravy.cc/wiki/X", "Wikipedia article 'X' (copy on wiki.gravy.cc)")])
    mirrored = replace(first, facts=(fact,) + first.facts[1:])
    problems = check([mirrored] + records[1:], allowed)
    assert any(p.startswith(f"{first.id} claim 0") and "wiki.gravy.cc" in p for p in problems), problems
    extra = replace(allowed, sites=dict(allowed.sites, **{"example.org": SourceSite("example.org", "news", "Example")}))
    assert check(records, extra) == ["curated-sources.toml: example.org is listed but no claim cites it"]


@pytest.mark.parametrize("entry, says", [
    ('site = "www.bbc.com"\nkind = "news"\npublisher = "BBC"', "not a site"),
    ('site = "bbc.com"\nkind = "blog"\npublisher = "BBC"', "kind must be"),
    ('site = "globalresearch.ca"\nkind = "self"\npublisher = "Global Research"', "records"),
    ('site = "bbc.com"\nkind = "news"\npublisher = "BBC"\nrecords = ["bbc"]', "records"),
    ('site = "t.me"\nkind = "self"\npublisher = "Telegram"\nrecords = ["lucas-leiroz"]', "pages"),
    ('site = "wikipedia.org"\nkind = "research"\npublisher = "Wikipedia"', "by language"),
])
def test_malformed_allow_list_entries_are_refused(tmp_path: Path, entry: str, says: str) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(f'[wikipedia]\nlanguages = ["en"]\nlicense = "CC BY-SA 4.0"\n\n[[site]]\n{entry}\n', encoding="utf-8")
    with pytest.raises(SourcesFileError, match=says):
        load_allowed(path)


def test_the_allow_list_file_is_the_bundled_one() -> None:
    assert SOURCES_FILE.is_file() and SOURCES_FILE.parent.name == "data"
    assert SOURCES_FILE.parent / "curated" == CURATED_DIR  # not under curated/, which load_curated reads whole


def test_curated_sources_doc_is_generated_from_the_records(records, allowed) -> None:
    """docs/curated-sources.md is `python -m backstory.kb.sources --doc`'s output for the current records."""
    assert DOC_FILE.read_text(encoding="utf-8") == render_doc(records, allowed), (
        "docs/curated-sources.md is out of date: run `cd sidecar && python -m backstory.kb.sources --doc`")


def test_check_command_exits_zero(capsys) -> None:
    assert main(["--check"]) == 0
    assert capsys.readouterr().err == ""
