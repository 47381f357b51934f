"""An organisation's credit where the page names no person (issue 28's authors target): kept apart from the author
cards, typed as an organisation, never a placeholder nor a person, never the outlet's name only its metadata gives.
Each test fails on the code before the rule (which kept no credit at all)."""

from __future__ import annotations

import pytest

from backstory.cli import render
from backstory.extract import extract

_BODY = "".join(f"<p>Paragraph {i} of the article body carries enough words to be read as the main text of a news story.</p>"
                for i in range(12))


def _page(byline: str = "", head: str = "", title: str = "Masks stolen from a hospital") -> str:
    return (f"<html><head><title>{title}</title>{head}</head><body><article><h1>{title}</h1>{byline}{_BODY}"
            "</article></body></html>")


def _read(html: str, url: str = "https://www.example-news.com/news/2024/story"):
    ex = extract(url, html, max_chars=10**7)
    return [n for n, _ in ex.authors], ex.credited_to


@pytest.mark.parametrize("byline, head, url, name, rule", [
    # an agency alone on the line under the headline
    ("<p class='credit'>JIJI</p><p>Feb 18, 2020</p>", "", "https://www.japantimes.co.jp/news/x", "JIJI",
     "authors.credit.under-headline"),
    # a rel=author link that names an organisation ('Foundation'), or the site's own name
    ('<span>By <a rel="author" href="/author/wikimedia-foundation/">Wikimedia Foundation</a></span>', "",
     "https://wikimediafoundation.org/news/x", "Wikimedia Foundation", "authors.credit.markup"),
    ('<div>Written by <a rel="author" href="/author/admin/">Miami Today</a> on November 7, 2023</div>', "",
     "https://www.miamitodaynews.com/x", "Miami Today", "authors.credit.markup"),
    # the site's initials in schema.org author markup
    ('<span itemprop="author" itemscope itemtype="https://schema.org/Person">by <span itemprop="name">IWB</span></span>', "",
     "https://www.investmentwatchblog.com/x", "IWB", "authors.credit.markup"),
    # the meta tag: a named newsroom's desk the page shows, an agency with the outlet
    ("<p>by HLNF Staff Report</p>", '<meta name="author" content="HLNF Staff Report">',
     "https://www.heartlandnewsfeed.com/x", "HLNF Staff Report", "authors.credit.meta"),
    ("<p>AFP/The Local</p>", '<meta property="og:article:author" content="AFP/The Local">'
     '<meta property="og:site_name" content="The Local Sweden">', "https://www.thelocal.se/x", "AFP/The Local",
     "authors.credit.meta"),
])
def test_an_organisations_credit_where_no_person_is_named(byline, head, url, name, rule):
    authors, credit = _read(_page(byline, head), url)
    assert authors == []
    assert credit is not None and credit["name"] == name and credit["kind"] == "organisation"
    assert credit["rule"] == rule and credit["decided_by"] == "authors.step.organisation-credit" and credit["evidence"]["text"]


@pytest.mark.parametrize("byline, head, url", [
    # placeholders
    ("<p>By Staff Writer</p>", '<meta name="author" content="Staff Writer">', "https://pawszilla.com/x"),
    ('<p>By <a rel="author" href="/author/x">Unknown</a></p>', "", "https://example.blogspot.com/x"),
    ("<p>STAFF AND NEWS SERVICE REPORTS</p>", '<meta name="author" content="Staff and News Service Reports">',
     "https://www.twincities.com/x"),
    # a one-word handle that is also the blog's address: a person's, not an organisation's
    ('<p>by <a rel="author" href="/author/creeny/">Creeny</a></p>', "", "https://creeny.wordpress.com/x"),
    # a person the JSON-LD types as an organisation
    ("<p>A note.</p>", '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Masks stolen from a '
     'hospital", "author": {"@type": "Organization", "name": "Wolfgang Schmale"}}</script>', "https://wolfgangschmale.eu/x"),
    # the outlet's own name that only the metadata gives: the publishing system's default, no credit
    ("<p>A note.</p>", '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Masks stolen from a '
     'hospital", "author": {"@type": "Organization", "name": "Example News"}}</script>'
     '<meta property="og:site_name" content="Example News">', "https://www.example-news.com/x"),
])
def test_no_credit_from_a_placeholder_a_person_or_the_outlets_metadata(byline, head, url):
    assert _read(_page(byline, head), url) == ([], None)


def test_a_person_named_leaves_no_organisation_credit():
    authors, credit = _read(_page("<p>By Ann Lee</p>", '<meta name="author" content="Reuters">'))
    assert authors == ["Ann Lee"] and credit is None


def test_the_card_and_the_cli_say_it_is_an_organisation():
    from backstory.cards import article_card

    ex = extract("https://www.japantimes.co.jp/news/x", _page("<p>JIJI</p>"), max_chars=10**7)
    card = article_card(ex, include_text=False)
    assert card["credited_to"]["name"] == "JIJI" and card["credited_to"]["kind"] == "organisation"
    doc = {"article": {**card, "url": ex.url}, "outlet": {"name": "The Japan Times", "domain": "japantimes.co.jp", "ratings": []},
           "authors": [], "cited": [], "mentioned": [], "unnamed_sources": [], "organisations": []}
    assert "CREDITED TO  JIJI  (an organisation; no person named)" in render(doc)
    from backstory.explain import explain

    trail = explain(doc)
    assert "credited to JIJI (an organisation; no person named)" in trail
    assert "authors.credit.under-headline" in trail and "authors.step.organisation-credit" in trail


def test_an_organisations_credit_over_the_bylines_date_under_the_headline():
    page = _page("<div>ET Online|</div><div>09 Jun 2020, 02:32 PM IST</div>")
    authors, credit = _read(page, "https://economictimes.indiatimes.com/tech/x")
    assert authors == [] and credit["name"] == "ET Online" and credit["rule"] == "authors.credit.under-headline"
    # a link or a category line over a date is no credit
    for line in ("Skip to content", "Magazin, News"):
        assert _read(_page(f"<div>{line}</div><div>09 Jun 2020, 02:32 PM IST</div>")) == ([], None)
