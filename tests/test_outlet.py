import pytest

from backstory.extract import Extracted, extract
from backstory.outlet import detect_syndication, host_of, identify, registered_domain

from conftest import SEED_URL


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://www.globalresearch.ca/x/1", "globalresearch.ca"),
        ("https://amp.theguardian.com/world/2024", "theguardian.com"),
        ("https://m.bbc.co.uk/news", "bbc.co.uk"),
        ("https://mobile.nytimes.com/2020/a.html", "nytimes.com"),
        ("https://www-bbc-co-uk.cdn.ampproject.org/c/s/www.bbc.co.uk/news", "bbc.co.uk"),
        ("https://news--site-com.cdn.ampproject.org/c/s/news-site.com/a", "news-site.com"),
        ("https://edition.cnn.com/2024/", "cnn.com"),
        ("http://127.0.0.1/x", None),
        ("https://localhost/x", None),
    ],
)
def test_registered_domain_folds_hosts(url, domain):
    assert registered_domain(url) == domain


def test_host_of_survives_garbage():
    assert host_of("http://[::1") == ""


def test_seed_outlet_and_syndication(seed_html):
    ex = extract(SEED_URL, seed_html, max_chars=10**7)
    outlet = identify(ex)
    assert (outlet.domain, outlet.name) == ("globalresearch.ca", "Global Research")
    syn = detect_syndication(ex, outlet)
    assert syn is not None
    assert (syn.name, syn.domain) == ("InfoBrics", "infobrics.org")
    kinds = {e.kind for e in syn.evidence}
    assert {"originally_published", "original_source_footer", "copyright_footer"} <= kinds
    first = next(e for e in syn.evidence if e.kind == "originally_published")
    assert ex.text[first.start:first.end] == "This article was originally published on InfoBrics."


def _page(url: str, body: str, canonical: str | None = None, chrome: str = "") -> Extracted:
    head = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    filler = "<p>" + " ".join(["The council met on Tuesday to discuss the budget."] * 12) + "</p>"
    return extract(url, f"<html><head>{head}</head><body><article>{filler}<p>{body}</p></article>{chrome}</body></html>", max_chars=10**7)


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("This article first appeared in The Conversation.", "The Conversation"),
        ("This story was originally published by ProPublica.", "ProPublica"),
        ("Originally published at Strategic Culture Foundation on 3 May 2024.", "Strategic Culture Foundation"),
        ("Republished with permission from Kaiser Health News.", "Kaiser Health News"),
    ],
)
def test_syndication_phrases(body, name):
    ex = _page("https://reposter.example/a/1", body)
    syn = detect_syndication(ex, identify(ex))
    assert syn is not None and syn.name == name


def test_canonical_on_other_domain_is_syndication():
    ex = _page("https://reposter.example/a/1", "Nothing said here.", canonical="https://www.original-outlet.org/story/9")
    syn = detect_syndication(ex, identify(ex))
    assert syn is not None
    assert syn.domain == "original-outlet.org"
    assert [e.kind for e in syn.evidence] == ["canonical_elsewhere"]


def test_own_copyright_and_own_name_are_not_syndication():
    chrome = "<footer><p>Copyright © Jane Doe, Reposter, 2024</p><p>Copyright © Reposter 2024</p></footer>"
    html_url = "https://reposter.example/a/1"
    ex = _page(html_url, "This article first appeared in Reposter.", chrome=chrome)
    ex.site_name = "Reposter"
    assert detect_syndication(ex, identify(ex)) is None


def test_link_text_gives_the_domain():
    chrome = '<div><p>The original source of this article is <a href="https://www.example-original.net/">Example Original</a></p></div>'
    ex = _page("https://reposter.example/a/1", "Plain text.", chrome=chrome)
    syn = detect_syndication(ex, identify(ex))
    assert (syn.name, syn.domain) == ("Example Original", "example-original.net")


@pytest.mark.parametrize("body", [
    "Cases of the virus first appeared in West Michigan at the end of August.",  # (not the piece: no article, no 'was')
    "The camp is located in the desert. It first appeared in 2014, when Syrians fled there.",  # (a year is no outlet)
])
def test_first_appeared_about_something_else_is_no_syndication(body):
    ex = _page("https://reposter.example/a/1", body)
    assert detect_syndication(ex, identify(ex)) is None


def test_a_posts_own_note_is_read():
    ex = _page("https://reposter.example/a/1", "This post originally appeared on Grist.")
    syn = detect_syndication(ex, identify(ex))
    assert syn is not None and syn.name == "Grist"


def test_canonical_link_to_the_same_brand_elsewhere_is_no_syndication():
    ex = _page("https://www.businessinsider.de/a/1", "Nothing said here.", canonical="https://www.businessinsider.com/a/1")
    assert detect_syndication(ex, identify(ex)) is None


def _wire_page(url: str, under_headline: str = "", first: str = "", last: str = "", footer: str = "") -> Extracted:
    """A news page: the headline, the lines under it, the text (its first and last paragraph given), a footer."""
    body = " ".join(["The council met on Tuesday to discuss the budget for the coming year."] * 8)
    html = (f"<html><head><title>Council votes on the budget</title></head><body><article><h1>Council votes on the budget</h1>"
            f"{under_headline}<p>{first}{body}</p><p>{body}</p><p>{body}{last}</p></article>"
            f"<footer>{footer}</footer></body></html>")
    return extract(url, html, max_chars=10**7)


@pytest.mark.parametrize(("parts", "name", "kind"), [
    # a credit on the byline line: another outlet after a slash, an agency after a comma, an agency alone
    ({"under_headline": "<p>By Joe Davidson / The Washington Post</p>"}, "The Washington Post", "byline_credit"),
    ({"under_headline": "<p>Fatima Hussein, The Associated Press</p><p>Published 11:34 PM EST Nov 19, 2019</p>"},
     "The Associated Press", "agency_byline"),
    ({"under_headline": "<p>Tom Krisher, AP Auto Writer</p>"}, "The Associated Press", "agency_byline"),
    ({"under_headline": "<p>By Reuters</p>"}, "Reuters", "agency_byline"),
    ({"under_headline": "<p>Reuters</p><p>Updated: January 16, 2020</p>"}, "Reuters", "agency_byline"),
    ({"under_headline": "<p>Von: det/dpa</p>"}, "dpa", "agency_byline"),
    # a dateline naming the agency opens the text; its initials close it
    ({"first": "WASHINGTON (Reuters) — "}, "Reuters", "agency_dateline"),
    ({"first": "HAYWARD, Calif. (AP) — "}, "The Associated Press", "agency_dateline"),
    ({"last": " (dpa/gem)"}, "dpa", "agency_sign_off"),
    # an agency's copyright line, a portal's provider line
    ({"footer": "<p>© 2019 Associated Press. All Rights Reserved. This material may not be published.</p>"},
     "The Associated Press", "agency_copyright"),
    ({"under_headline": "<p>© Provided by The Guardian</p>"}, "The Guardian", "provider_line"),
])
def test_republication_credits(parts, name, kind):
    ex = _wire_page("https://localnews.example/2020/story", **parts)
    syn = detect_syndication(ex, identify(ex))
    assert syn is not None and syn.name == name, syn
    assert kind in {e.kind for e in syn.evidence} and all(e.rule for e in syn.evidence)


@pytest.mark.parametrize("parts", [
    # photographs' credits: an agency beside a photographer, a pool; the text's own words about agencies
    {"under_headline": "<figure><figcaption>(AP Photo/Jane Doe)</figcaption></figure><p>By Ann Lee</p>"},
    {"under_headline": "<p>Photo: Jane Doe / Associated Press</p><p>By Ann Lee</p>"},
    {"under_headline": "<p>REUTERS / POOL</p>"},
    {"under_headline": "<p>dpa/Jan Woitas</p>"},
    {"under_headline": "<p>Al Goldis, Associated Press</p>"},
    {"under_headline": "<p>Reuters</p>"},  # (a lone agency line, no date after it: as often a photograph's credit)
    {"first": "According to Reuters, the council met. "},
    {"footer": "<p>© Reuters / David Mercado</p>"},
    {"last": " (FR mit dpa)"},
    {"first": "The border check point near Nogales, Ariz. (AP) "},
])
def test_no_republication_credit(parts):
    ex = _wire_page("https://localnews.example/2020/story", **parts)
    assert detect_syndication(ex, identify(ex)) is None


def test_an_agencys_own_site_is_no_republication():
    ex = _wire_page("https://www.reuters.com/article/us-budget", first="WASHINGTON (Reuters) — ")
    assert detect_syndication(ex, identify(ex)) is None
    ex = _wire_page("https://hosted.ap.org/berkshireeagle/article/x", first="WASHINGTON (AP) — ")
    assert detect_syndication(ex, identify(ex)) is None
