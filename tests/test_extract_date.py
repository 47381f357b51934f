"""The date (issue 28): a date comes only from the page's metadata, its address, its date markup or a date line the
reader sees under the headline; never a guess from elsewhere in the page's HTML (trafilatura's date finder in its
extensive mode read a copyright year, a script's build date, an attribute and a reader's comment as the date)."""

from __future__ import annotations

import pytest

from backstory.extract import extract

_BODY = "".join(f"<p>Paragraph {i} of the article body carries enough words to be read as the main text of a news story.</p>"
                for i in range(12))
URL = "https://news.example/story"


def _page(head: str = "", before: str = "", after: str = "", article_attrs: str = "") -> str:
    return (f"<html><head><title>Big story</title>{head}</head><body><article{article_attrs}><h1>Big story</h1>{before}"
            f"{_BODY}</article>{after}</body></html>")


@pytest.mark.parametrize("html", [
    _page(after="<footer><p>© 2019 Evil Inc. All rights reserved.</p></footer>"),
    _page(head="<script>var built = '2021-03-04';</script>"),
    _page(article_attrs=" data-cached='Mar 4, 2021'"),
    _page(after="<div class='comments'><p>Reply posted 4 March 2021</p></div>"),
    _page(before="<p style='display:none'>Published March 4, 2021</p>"),
], ids=["copyright year", "a script's date", "an attribute", "a reader's comment", "a hidden date line"])
def test_no_date_is_guessed_where_the_page_shows_none(html):
    assert extract(URL, html, max_chars=10**7).published is None


@pytest.mark.parametrize("html, day", [
    (_page(head="<meta property='article:published_time' content='2020-05-06T10:00:00Z'>"), "2020-05-06"),
    (_page(before="<time datetime='2021-03-04'>4 March</time>"), "2021-03-04"),
    (_page(before="<p>Published March 4, 2021</p>"), "2021-03-04"),
    (_page(before="<p>By Ann Lee | 4. März 2021</p>"), "2021-03-04"),
], ids=["metadata", "time element", "a date line", "a byline with its date"])
def test_a_date_the_page_gives_is_read(html, day):
    assert extract(URL, html, max_chars=10**7).published == day


def test_a_date_in_the_address_is_read():
    assert extract("https://news.example/2021/03/04/big-story", _page(), max_chars=10**7).published == "2021-03-04"


def test_a_date_far_below_the_headline_is_not_the_articles():
    # (a date in the text's last paragraph is an event's, not the article's)
    html = _page(after="<p>The hearing is set for March 4, 2031.</p>")
    assert extract(URL, html, max_chars=10**7).published is None


def test_a_signatures_date_closing_the_text_is_read():
    html = _page(after="").replace("</article>", "<p>Benni<br>\n10. September 2017</p></article>")
    assert extract(URL, html, max_chars=10**7).published == "2017-09-10"


@pytest.mark.parametrize("line", ["5", "2020", "Feb. 2020", "Zona 1", "Issue 1/2019", "Stand: 03.2021"])
def test_a_lone_number_or_year_is_no_date(line):
    # (htmldate's own patterns read '5' as the 5th of this month and '2020' as a day of 2020)
    signed = _page().replace("</article>", f"<p>Benni<br>\n{line}</p></article>")
    under = _page(before=f"<p>{line}</p>")
    assert extract(URL, signed, max_chars=10**7).published is None and extract(URL, under, max_chars=10**7).published is None


_MENU = "".join(f"<li><a href='/section-{i}'>Section number {i}</a></li>" for i in range(40))


def _site_page(header: str, title: str = "Big story – The Daily Example") -> str:
    # (the browser tab's <title> adds the site's name and comes first in the page's text; a long menu stands between
    # it and the headline the reader sees)
    return (f"<html><head><title>{title}</title></head><body><nav><ul>{_MENU}</ul></nav><article>{header}{_BODY}"
            "</article></body></html>")


def test_the_date_line_under_the_visible_headline_is_read_not_under_the_tabs_title():
    html = _site_page("<h1>Big story</h1><p><em>10.11.2021</em></p>")
    assert extract(URL, html, max_chars=10**7).published == "2021-11-10"


@pytest.mark.parametrize("above, day", [
    ("<h3>21.01.2022</h3>", "2022-01-21"),
    ("<p>24. April 2020 &#124; Politik</p>", "2020-04-24"),  # (its section beside it: a separator is no word)
    ("<p>6 May 2022 - 2:00 a. m.</p>", "2022-05-06"),  # (its time of day beside it: no words either)
], ids=["the date alone", "the date and its section", "the date and its time"])
def test_a_date_alone_on_its_line_just_above_the_headline_is_read(above, day):
    html = _site_page(f"{above}<h1>Big story</h1>")
    assert extract(URL, html, max_chars=10**7).published == day


@pytest.mark.parametrize("above", [
    "<p>Our review of the year, written on 21 January 2022 by the whole team</p>",  # (a sentence, not a dateline)
    "<p>21 January 2022</p>" + "<p>A teaser of another story that runs on and on for quite a while here</p>" * 3,  # (too far up)
], ids=["a sentence", "far above"])
def test_a_date_above_the_headline_must_be_alone_and_close(above):
    html = _site_page(f"{above}<h1>Big story</h1>")
    assert extract(URL, html, max_chars=10**7).published is None


def test_a_headline_standing_on_two_lines_anchors_its_date_line():
    # (a kicker and its headline in two blocks of the <h1>: the title reads them as one line, the page shows two)
    html = _site_page("<h1><div>Kicker words:</div><div>Big story</div></h1><p><em>10.11.2021</em></p>",
                      title="Kicker words: Big story")
    assert extract(URL, html, max_chars=10**7).published == "2021-11-10"


@pytest.mark.parametrize("label", ["Mise en ligne", "Published:", "Veröffentlicht am"])
def test_a_date_under_its_publication_label_is_read(label):
    # (below the text, far from the headline: the label says what the date is)
    html = _page(after=f"<aside><div>{label}</div><div>23 mai 2019</div></aside>")
    assert extract(URL, html, max_chars=10**7).published == "2019-05-23"


@pytest.mark.parametrize("label", ["Updated", "Aktualisiert am", "Datum", "Published by the desk of the newspaper"])
def test_a_date_under_another_label_is_not_the_publication_date(label):
    # (a change's date, an event's date, or a line that is more than a label)
    html = _page(after=f"<aside><div>{label}</div><div>23 mai 2019</div></aside>")
    assert extract(URL, html, max_chars=10**7).published is None


def test_the_tabs_title_does_not_anchor_the_mastheads_date():
    # (under the <title> stand the site's masthead, with today's date, and its menus; the headline stands further down)
    html = (f"<html><head><title>Big story</title></head><body><header><div>Thursday, November 9th 2023</div>"
            f"<nav><ul>{_MENU}</ul></nav></header><article><h1>Big story</h1>{_BODY}</article></body></html>")
    assert extract(URL, html, max_chars=10**7).published is None


@pytest.mark.parametrize("stamp, shown, day", [
    ("2022-05-04T00:53:29Z", "03.05.2022", "2022-05-03"),  # (a UTC stamp of an evening story: the printed day)
    ("2022-05-06T21:00:00Z", "03.05.2022", "2022-05-06"),  # (days apart: not the same moment, the metadata stays)
], ids=["a day apart", "days apart"])
def test_the_printed_day_wins_over_a_metadata_stamp_a_day_off(stamp, shown, day):
    html = _site_page(f"<h1>Big story</h1><p><em>{shown}</em></p>").replace(
        "</head>", f"<meta property='article:published_time' content='{stamp}'></head>")
    assert extract(URL, html, max_chars=10**7).published == day


def test_the_metadatas_day_stays_when_the_headline_prints_it_elsewhere():
    # (the headline first stands in a list of the latest stories, beside another story's day; under the article's own
    # headline the page prints the metadata's day)
    latest = "<aside><ul><li><div>Big story</div><div>20.04.2022</div></li></ul></aside>"
    html = _site_page("<h1>Big story</h1><p><em>21.04.2022</em></p>").replace(
        "<nav>", f"{latest}<nav>").replace("</head>", "<meta property='article:published_time' "
                                              "content='2022-04-21T18:46:12+00:00'></head>")
    assert extract(URL, html, max_chars=10**7).published == "2022-04-21"


def test_the_mastheads_day_never_overrides_the_metadata():
    # (the headline stands only in the tab's <title>; under it the masthead prints today's date, a day after the stamp)
    html = ("<html><head><title>Big story - The Daily Example</title><meta property='article:published_time' "
            "content='2022-04-21T12:39:00+00:00'></head><body><header><div>Friday, April 22 2022</div></header>"
            f"<article><h2>Another wording of the story</h2>{_BODY}</article></body></html>")
    assert extract(URL, html, max_chars=10**7).published == "2022-04-21"


@pytest.mark.parametrize("head", [
    "<meta property='og:updated_time' content='2020-06-02T10:00:00+00:00'>",  # (a change's date)
    "<meta name='date' content='2020-06-02'>",  # (a date of any kind)
    "<meta name='DC.Date' content='2020-06-02'>",  # (Dublin Core's date: any event of the page's life)
], ids=["updated", "date", "DC.date"])
def test_the_printed_day_wins_over_a_metadata_date_that_is_not_a_publication(head):
    html = _site_page("<h1>Big story</h1><p><em>31.03.2020</em></p>").replace("</head>", f"{head}</head>")
    assert extract(URL, html, max_chars=10**7).published == "2020-03-31"


@pytest.mark.parametrize("head, before", [
    ("<meta property='article:published_time' content='2020-06-02T10:00:00+00:00'>", ""),
    ("<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"datePublished\": \"2020-06-02\"}</script>", ""),
    ("", "<time class='entry-date published' datetime='2020-06-02T10:00:00+00:00'></time>"),
    ("", "<abbr itemprop='datePublished' title='2020-06-02T10:52:00+02:00'>10:52</abbr>"),
], ids=["article:published_time", "JSON-LD datePublished", "a time of class published", "itemprop datePublished"])
def test_a_declared_publication_day_stays_against_another_printed_day(head, before):
    # (the printed day is often an update's: 'Updated March 31, 2020'; the page declares when it published)
    html = _site_page(f"{before}<h1>Big story</h1><p><em>31.03.2020</em></p>").replace("</head>", f"{head}</head>")
    assert extract(URL, html, max_chars=10**7).published == "2020-06-02"


def test_a_publication_day_in_the_pages_address_stays_against_another_printed_day():
    html = _site_page("<h1>Big story</h1><p><em>31.03.2020</em></p>")
    assert extract("https://news.example/2020/06/02/big-story", html, max_chars=10**7).published == "2020-06-02"


@pytest.mark.parametrize("name", ["article:published_time", "datePublished", "DC.date.issued", "dcterms.created",
                                  "pubdate", "parsely-pub-date"])
def test_publication_names_are_declarations(name):
    from backstory.extract.date import PUBLISHED_NAME
    assert PUBLISHED_NAME.fullmatch(name)


@pytest.mark.parametrize("name", ["date", "DC.date", "dcterms.date", "og:updated_time", "article:modified_time",
                                  "dateModified", "last-modified", "timestamp"])
def test_other_date_names_are_not_publication_declarations(name):
    from backstory.extract.date import PUBLISHED_NAME
    assert not PUBLISHED_NAME.fullmatch(name)


def _sharing_title_page(h1: str, above: str) -> str:
    # (the sharing title is another wording of the headline: the title keeps it, the page shows its <h1>)
    return (f"<html><head><title>Windpark opens – Example Energy</title><meta property='og:title' content='Windpark "
            f"opens'></head><body><nav><ul>{_MENU}</ul></nav><article><p>Back to the newsroom</p>{above}{h1}{_BODY}"
            "</article></body></html>")


def test_a_date_alone_above_the_pages_only_h1_is_read_when_the_title_is_another_wording():
    html = _sharing_title_page("<h1>Green investment: the windpark in town opens to its citizens</h1>",
                               "<p>06.12.2022</p>")
    assert extract(URL, html, max_chars=10**7).published == "2022-12-06"


@pytest.mark.parametrize("h1s", [
    "<h1><a href='/'>Example Energy</a></h1>",  # (the site's name linking home: the masthead)
    "<h1>Green investment: the windpark opens</h1><h1>Quick links</h1>",  # (two <h1>s: which is the headline?)
], ids=["home link", "two h1s"])
def test_no_h1_but_the_pages_only_headline_anchors_a_date(h1s):
    html = _sharing_title_page(h1s, "<p>06.12.2022</p>")
    assert extract(URL, html, max_chars=10**7).published is None


@pytest.mark.parametrize("url, day", [
    ("https://news.example/media-news/meldungen/29-10-2021", "2021-10-29"),
    ("https://news.example/artikel/bericht_vom_22.04.2020_worauf_wartet", "2020-04-22"),
    ("https://news.example/blog/blogposting-01-23-2020/", "2020-01-23"),  # (month first: 23 is no month)
], ids=["day-month-year", "with dots", "month first"])
def test_a_day_written_day_first_in_the_address_is_read(url, day):
    assert extract(url, _page(), max_chars=10**7).published == day


@pytest.mark.parametrize("url", [
    "https://news.example/docs/release-10.1.2021.4/notes",  # (a version number)
    "https://news.example/story/31-02-2021",  # (no such day)
    "https://news.example/?from=29-10-2021",  # (the query, not the address's path)
], ids=["version", "no such day", "query"])
def test_no_day_is_read_from_an_address_that_writes_none(url):
    assert extract(url, _page(), max_chars=10**7).published is None


_LEAD = "the ministry's partnership with the food programme stood at the centre of a meeting held here today in town"


@pytest.mark.parametrize("lead, day", [
    (f"Press release of 25 January 2022 | Berlin – {_LEAD}", "2022-01-25"),
    (f"WASHINGTON, March 4, 2021 — {_LEAD}", "2021-03-04"),
], ids=["a press release's", "a wire's"])
def test_the_dateline_opening_the_lead_paragraph_is_read(lead, day):
    html = _site_page(f"<h1>Big story</h1><p>{lead}</p>")
    assert extract(URL, html, max_chars=10**7).published == day


@pytest.mark.parametrize("lead", [
    f"Berlin – the minister met on 25 January 2022 with the programme's chief: {_LEAD}",  # (the day after the dash)
    f"In a long meeting held on 25 January 2022 with the programme's chief and others – {_LEAD}",  # (a sentence)
], ids=["a day after the dash", "a sentence before the dash"])
def test_a_day_in_the_lead_that_is_no_dateline_is_not_read(lead):
    html = _site_page(f"<h1>Big story</h1><p>{lead}</p>")
    assert extract(URL, html, max_chars=10**7).published is None
