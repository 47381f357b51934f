"""Byline conventions of issue 28: microformats and schema.org markup, <address>, byline class variants, writers'
pages, job titles and desks, co-authors, names in capitals. Each test fails on the code before its rule."""

from __future__ import annotations

import pytest

from backstory.extract import extract, split_authors

_BODY = "".join(f"<p>Paragraph {i} of the article body carries enough words to be read as the main text of a news story.</p>"
                for i in range(12))


def _authors(before: str, head: str = "", after: str = "", url: str = "https://example.com/news/2024/story") -> list[str]:
    html = (f"<html><head><title>A headline here</title>{head}</head><body><article><h1>A headline here</h1>{before}{_BODY}"
            f"</article>{after}</body></html>")
    return [n for n, _ in extract(url, html, max_chars=10**7).authors]


@pytest.mark.parametrize("byline, expected", [
    # an hCard (microformats 1 and 2): the name it marks, not the rest of its text
    ('<p>by <span class="author vcard"><span class="fn">Ann Lee</span></span> on March 3, 2020</p>', ["Ann Lee"]),
    ('<div class="h-card"><a class="p-name u-url" href="/ann">Ann Lee</a> <span class="p-job-title">Senior Reporter</span></div>',
     ["Ann Lee"]),
    # a schema.org Person marked as the author: its itemprop=name, not its job title run into it ('Ann LeeSenior')
    ('<div itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ann Lee</span>'
     '<span itemprop="jobTitle">Senior Reporter</span></div>', ["Ann Lee"]),
])
def test_microformats_and_microdata_mark_the_name(byline, expected):
    assert _authors(byline) == expected


@pytest.mark.parametrize("card", [
    # a reader's comment, a teaser's link for another story, an account's one-word name
    '<div class="comment-author vcard"><span class="fn">Tom Roe</span></div>',
    '<p><a href="/other-story">Another story by <span class="vcard"><span class="fn">Tom Roe</span></span></a></p>',
    '<span class="author vcard"><a class="url fn n" href="/author/bbnteam">BBNTEAM</a></span>',
])
def test_hcards_that_name_no_writer_of_the_page(card):
    assert _authors("", after=card) == []


@pytest.mark.parametrize("raw, expected", [
    # a job title run into the name: a title opener and a desk, or a desk before a role
    ("Sam Stein Senior Politics", ["Sam Stein"]),
    ("By Sam Stein Senior Politics Editor", ["Sam Stein"]),
    ("By Ann Lee Politics Reporter", ["Ann Lee"]),
    ("Ann Lee White House Correspondent", ["Ann Lee"]),
    ("Ann Lee Senior Editor and Tom Roe", ["Ann Lee", "Tom Roe"]),
    # names that end in such a word keep it: two words at least, and a lone opener is a surname
    ("Jack Senior", ["Jack Senior"]),
    ("Mary Anne Senior", ["Mary Anne Senior"]),
    ("Lisa Washington", ["Lisa Washington"]),
])
def test_job_titles_and_desks_are_stripped(raw, expected):
    assert split_authors(raw) == expected


def test_a_byline_with_a_job_title_under_the_headline():
    assert _authors('<div class="byline">By <span>Sam Stein</span> <span>Senior Politics Editor</span></div>') == ["Sam Stein"]


@pytest.mark.parametrize("raw, expected", [
    ("By JOHN McDONALD", ["John McDonald"]),
    ("By JOHN MCDONALD", ["John McDonald"]),
    ("LUCAS LEIROZ DE ALMEIDA", ["Lucas Leiroz de Almeida"]),
    ("JEAN DE LA FONTAINE", ["Jean de la Fontaine"]),
    ("JOHN ROE III", ["John Roe III"]),
    # (a last word that could be a particle is a surname: 'Le')
    ("ANN LE", ["Ann Le"]),
])
def test_names_in_capitals_are_written_as_names(raw, expected):
    assert split_authors(raw) == expected


@pytest.mark.parametrize("byline, expected", [
    # co-authors each in a link of their own, with nothing between them, in <address> or a byline class
    ('<address><a rel="author" href="/author/ann-lee">Ann Lee</a><a rel="author" href="/author/tom-roe">Tom Roe</a></address>',
     ["Ann Lee", "Tom Roe"]),
    ('<div class="byline"><a href="/author/ann-lee">Ann Lee</a><a href="/author/tom-roe">Tom Roe</a></div>', ["Ann Lee", "Tom Roe"]),
    # <address> as a byline with its label; its list split on its own separators
    ("<address>By Ann Lee and Tom Roe</address>", ["Ann Lee", "Tom Roe"]),
    ('<address>By <a href="/people/ann-lee">Ann Lee</a> &amp; <a href="/people/tom-roe">Tom Roe</a></address>', ["Ann Lee", "Tom Roe"]),
])
def test_co_authors_in_one_byline_block(byline, expected):
    assert _authors(byline) == expected


def test_a_later_byline_block_naming_the_writer_with_others_is_another_storys():
    byline = '<p>By <a rel="author" href="/author/ann-lee">Ann Lee</a>. Published March 3, 2020</p>'
    widget = ('<div class="widget"><h2>By <a rel="author" href="/author/tom-roe">Tom Roe</a>, '
              '<a rel="author" href="/author/ann-lee">Ann Lee</a></h2></div>')
    assert _authors(byline, after=widget) == ["Ann Lee"]


def test_a_postal_address_is_no_byline():
    assert _authors("", after="<div><address>Bundeshaus Ost<br>3003 Bern</address></div>") == []


@pytest.mark.parametrize("byline", [
    # class names a CSS-in-JS library or CSS modules hash, BEM modifiers, numbered copies
    '<div class="BylineWrapper-ijrfvU"><span class="BylineName-cKjYhk">Ann Lee</span></div>',
    '<div class="byline___2NGv_">Ann Lee</div>',
    '<p class="byline--author">Ann Lee</p>',
    '<div class="byline-2">Ann Lee</div>',
])
def test_byline_class_variants(byline):
    html = (f"<html><head><title>A headline here</title></head><body><article><h1>A headline here</h1>{byline}{_BODY}"
            "</article></body></html>")
    author = extract("https://example.com/news/2024/story", html, max_chars=10**7).authors[0]
    # (read as the page's byline markup, not only as trafilatura's guess)
    assert (author, author.rule) == (("Ann Lee", "byline"), "authors.markup.byline-class")


@pytest.mark.parametrize("links", [
    '<div class="meta"><a href="/author/ann-lee">Ann Lee</a><a href="/author/tom-roe">Tom Roe</a></div>',
    '<div class="meta">By <a href="/people/ann-lee/">Ann Lee</a> and <a href="/people/tom-roe/">Tom Roe</a></div>',
])
def test_links_to_writers_pages_complete_the_metadata(links):
    """The meta tag names one writer; the page links both writers' pages, side by side: both are the authors."""
    html = (f"<html><head><title>A headline here</title><meta name='author' content='Ann Lee'></head><body><article>"
            f"<h1>A headline here</h1>{links}{_BODY}</article></body></html>")
    assert extract("https://example.com/news/2024/story", html, max_chars=10**7).authors == [("Ann Lee", "meta"), ("Tom Roe", "byline")]


def test_a_byline_separator_before_the_date_on_the_next_line_is_no_photo_credit():
    """'Julia Steinhoff /' then the date on the next line is the byline, not a credit such as 'Ann Lee/Reuters'
    (the metadata's name was dropped as shown only as a photographer)."""
    head = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
            '"headline": "A headline here", "author": {"@type": "Person", "name": "Julia Steinhoff"}}</script>')
    byline = '<div class="info"><a href="/author/julia">Julia Steinhoff</a> /<div>Oktober 25 2023</div></div>'
    assert _authors(byline, head) == ["Julia Steinhoff"]
    # (a credit on the name's own line still is one: the photographer is no author)
    credit = '<p class="caption">Photo: Julia Steinhoff / Reuters</p>'
    assert _authors(credit, head) == []


def test_the_german_label_vom_is_no_part_of_the_name():
    """'vom Krimiblogger' ('from the crime blogger'): the label goes, and the pen name it leaves is one word."""
    assert split_authors("Vom Krimiblogger", min_words=1) == ["Krimiblogger"]
    assert split_authors("Von Miller", min_words=1) == ["Von Miller"]  # ('Von' opens names)
    assert _authors('<h4 class="vcard author">vom <span class="fn">Krimiblogger</span></h4>',
                    url="https://krimiblog.example.de/?p=2895") == ["Krimiblogger"]


def test_an_outlets_credit_line_split_into_words_names_no_one():
    """'Kirche und Leben, Münster, Germany' in the author meta tag is the outlet, its town and its country: trafilatura
    splits it into one-word 'names', none of which is a person (the town was the author card)."""
    url = "https://www.kirche-und-leben.de/artikel/muensters-caritas-chef"
    assert _authors("<p>Münster (KuL). Der Caritas-Chef ist gegen eine Impfpflicht in der Pflege.</p>",
                    '<meta name="author" content="Kirche und Leben, Münster, Germany">', url=url) == []
    assert _authors("<p>By Ann Lee</p>", '<meta name="author" content="Ann Lee">', url=url) == ["Ann Lee"]


def test_a_newsdesk_byline_names_no_one():
    """A one-word desk marked as the author ('Newsdesk', like 'Newsroom') is no person's card."""
    assert split_authors("Newsdesk", min_words=1, acronyms=True) == []
    assert _authors('<span itemprop="author">Newsdesk</span>') == []
