import json
from pathlib import Path
from backstory.errors import InputError, TooLarge
from backstory.extract import clean_input, extract, given_first, looks_like_name, split_authors

from conftest import SEED_URL

import pytest


def test_seed_metadata(seed_html):
    ex = extract(SEED_URL, seed_html, max_chars=10**7)
    assert ex.is_article
    assert ex.title.startswith("Ukraine Attacks US-linked Facilities in Russia")
    assert ex.published == "2025-03-18"
    assert ex.language == "en"
    assert ex.site_name == "Global Research" and ex.site_name_source == "og:site_name"
    assert ex.canonical_url == SEED_URL
    assert ex.authors == [("Lucas Leiroz", "byline")]


def test_paragraph_offsets_cover_text(seed_html):
    ex = extract(SEED_URL, seed_html, max_chars=10**7)
    assert len(ex.paragraphs) >= 10
    for start, end in ex.paragraphs:
        para = ex.text[start:end]
        assert para and para == para.strip() and "\n" not in para
    # the headline is not repeated as the first paragraph
    assert not ex.text.startswith(ex.title)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("Jane Doe, John Roe & Ann Lee", ["Jane Doe", "John Roe", "Ann Lee"]),
        ("by Lucas Leiroz de Almeida", ["Lucas Leiroz de Almeida"]),
        ("Reuters Staff", []),
        ("Updated 3 hours ago", []),
        ("Jane Doe; Jane Doe", ["Jane Doe"]),
        # the kind of piece before 'by' (CNN's meta author), and a title after the name
        ("Analysis by Chris Cillizza, CNN Editor-at-large", ["Chris Cillizza"]),
        ("Commentary by Ann Lee and Tom Roe", ["Ann Lee", "Tom Roe"]),
        ("Photos by Bob Ray", []),
        ("Interview by Ann Lee", ["Ann Lee"]),
        ("Text by Ann Lee and Tom Roe", ["Ann Lee", "Tom Roe"]),
        ("Posted on September 21, 2020 by Adi Tzlil", ["Adi Tzlil"]),
        # after the newsroom, a place or desk set off by commas is not a second author; an 'and' starts one
        ("By Nada Tawfik, BBC News, New York", ["Nada Tawfik"]),
        ("Ann Lee, Reuters, Hong Kong, and Tom Roe, Reuters, Beijing", ["Ann Lee", "Tom Roe"]),
        # a spaced dash after a name opens its team; what follows up to the next 'and' is not a name
        ("Posted by Ann Lee and Kiran C Nair - Chrome Safe Browsing team, Google", ["Ann Lee", "Kiran C Nair"]),
        ("Jean-Luc Picard and Ann Lee – Wire Desk", ["Jean-Luc Picard", "Ann Lee"]),
        # the kind of piece alone before the name; a date label, desk and agency credits in other languages
        ("Interview Julia Lauter", ["Julia Lauter"]),
        ("Sara Zinnecker Stand", ["Sara Zinnecker"]),
        ("red, wien.ORF.at/Agenturen", []),
        ("Über Kathrin Hallo", []),
        # organisations, outlets and credits are no authors; a German nickname with its article is kept
        ("Denis Dilba; Heise Online", ["Denis Dilba"]),
        ("Feuerwehr Oldenburg", []),
        ("Deutsches Rotes Kreuz", []),
        ("Radio PLUS", []),
        ("La República", []),
        ("Źródło Statista", []),
        ("Theme by Catch Themes", []),
        ("Mitteilung Correctiv", []),
        ("Der Michel", ["Der Michel"]),
    ],
)
def test_split_authors(raw, expected):
    assert split_authors(raw) == expected


def test_looks_like_name_rejects_single_words_and_newsrooms():
    assert looks_like_name("Andrew Korybko")
    assert not looks_like_name("Admin")
    assert not looks_like_name("AP News Desk")


def test_jsonld_fallback_for_author_and_publisher():
    body = "<p>" + " ".join(["Words of the article body go here."] * 30) + "</p>"
    html = (
        '<html><head><script type="application/ld+json">'
        '{"@type": "NewsArticle", "author": [{"@type": "Person", "name": "Maria Ortega"}],'
        ' "publisher": {"@type": "Organization", "name": "Example Times"}}</script></head>'
        f"<body><article><h1>A headline here</h1><div class='meta'>Maria Ortega</div>{body}</article></body></html>"
    )
    ex = extract("https://example.com/news/2024/story", html, max_chars=10**7)
    assert ex.authors == [("Maria Ortega", "json-ld")]
    assert ex.site_name == "Example Times" and ex.site_name_source == "json-ld"


@pytest.mark.parametrize("text", [
    "".join(map(chr, range(0x00, 0x100))), "a\ufffeb\uffffc\x01", "é\x7f€\x1f𝄞\ud800\x0b\x0c\r\n\t", "\ufffd\ufeff\u2028", ""])
def test_clean_input_drops_what_the_control_pattern_matches(text):
    # clean_input deletes the control characters from the UTF-8 bytes: the same as the declared pattern on the text
    from backstory.extract.page import _CONTROL

    expected = _CONTROL.sub("", text.encode("utf-8", "replace").decode("utf-8"))
    assert clean_input(text, 10**6) == expected
    assert clean_input(text * 3 + "x\uffff", 10**6) == _CONTROL.sub("", (text * 3 + "x\uffff").encode("utf-8", "replace").decode("utf-8"))


def test_clean_input_replaces_lone_surrogates_and_nuls():
    assert clean_input("a\ud800b\x00c", 100) == "a?bc"
    with pytest.raises(TooLarge):
        clean_input("x" * 101, 100)
    with pytest.raises(InputError):
        clean_input(b"bytes", 100)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("url", "html", "reason"),
    [
        ("https://example.com/a", "", "empty"),
        ("https://example.com/a", "   ", "empty"),
        ("https://example.com/a", "<html><body></body></html>", "no main text"),
        ("https://example.com/", "<html><body><nav><a href='/a'>Story one</a><a href='/b'>Story two</a></nav><p>" + "Home page teaser words. " * 40 + "</p></body></html>", "home page"),
        ("https://example.com/search?q=ukraine", "<html><body><p>" + "Result teaser words here. " * 40 + "</p></body></html>", "search"),
        ("https://example.com/a", "<html><body><p>Too short to be an article at all.</p></body></html>", "too short"),
    ],
)
def test_not_an_article(url, html, reason):
    ex = extract(url, html, max_chars=10**7)
    assert not ex.is_article
    assert reason in ex.not_article_reason


_BODY = "".join(f"<p>Paragraph {i} of the article body carries enough words to be read as the main text of a news story.</p>"
                for i in range(12))


def _page(head: str = "", before: str = "", body: str = _BODY, after: str = "") -> str:
    return (f"<html><head><title>A headline here</title>{head}</head><body>{before}"
            f"<article><h1>A headline here</h1>{body}</article>{after}</body></html>")


@pytest.mark.parametrize("elsewhere, own, name", [
    # a teaser for another story
    ('<section class="article-list"><ul><li><article class="card"><h2><a href="/other">Other story</a></h2>'
     '<span itemprop="author"><a rel="author" href="/authors/pp">By <span>Poppie Platt</span></a></span>'
     "</article></li></ul></section>",
     '<header><span itemprop="author"><a rel="author" href="/authors/pp">By <span>Poppie Platt</span></a></span></header>',
     "Poppie Platt"),
    # a list of other posts under the article ('post-item' cards, as on a WordPress blog)
    ('<div class="post-item post-item-sep-large"><div class="text-left"><h3><a href="/other">Other post</a></h3>'
     '<p class="post-item-meta">By <a rel="author" href="/author/ct/">Chiara Terzo</a></p></div></div>',
     '<p class="text-tiny">By <a rel="author" href="/author/ct/">Chiara Terzo</a></p>',
     "Chiara Terzo"),
    # a teaser classed the BEM way ('node--teaser'), its byline in another language
    ('<div class="content-list--teaser"><article class="node node--teaser"><a href="/other"><h2>Other story</h2>'
     '<span class="byline"> von Anna Dunst</span></a></article></div>',
     '<div class="meta"><span class="byline">von Anna Dunst</span></div>',
     "Anna Dunst"),
    # the readers' comments
    ('<section id="comments"><dl><dt class="comment odd depth-1"><span class="comment_author">Rebel Raime'
     '</span></dt><dd><p>Great list, but you forgot a few.</p></dd></dl>'
     '<div class="w-comments-item-author"><span>Robert Cline</span></div></section>',
     '<div class="post-author"><span class="author">Rebel Raime</span></div>',
     "Rebel Raime"),
])
def test_byline_markup_outside_the_article_is_not_the_author(elsewhere, own, name):
    ex = extract("https://example.co.uk/news/2024/story", _page(after=elsewhere), max_chars=10**7)
    assert ex.authors == []
    # the same kind of markup in the article's own header is the author
    ex = extract("https://example.co.uk/news/2024/story", _page(before=own, after=elsewhere), max_chars=10**7)
    assert [n for n, _ in ex.authors] == [name]


def test_the_part_holding_the_headline_is_the_story_whatever_its_class():
    # (a WordPress theme classes the post itself 'cards'; the same author's teasers sit lower on the page)
    teasers = ('<ul class="cards">' + "".join(f'<li><h2>Story {i}</h2><span class="byline author">von Peter Addor</span></li>'
                                             for i in range(3)) + "</ul>")
    page = ('<html><head><title>A headline here</title></head><body><article class="post entry cards"><header>'
            '<h1>A headline here</h1><div class="entry-meta"><span class="byline author">von Peter Addor</span></div>'
            f'</header>{_BODY}</article>{teasers}</body></html>')
    ex = extract("https://example.ch/gesellschaft/story/", page, max_chars=10**7)
    assert [n for n, _ in ex.authors] == ["Peter Addor"]
    # without its own byline, the name in the teasers is not this story's author
    ex = extract("https://example.ch/gesellschaft/story/", page.replace('<span class="byline author">von Peter Addor</span></div>',
                                                                         "</div>", 1), max_chars=10**7)
    assert ex.authors == []


def test_visible_byline_wins_over_metadata_only_poster():
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "author": [{"@type": "Person", "name": "Jessica Holly"},'
          '{"@type": "Person", "name": "Kathleen Ditton"}]}</script>')
    ex = extract("https://example.com/news/2024/story", _page(head=ld, before="<p>By Jessica Holly, 7 News</p>"), max_chars=10**7)
    assert [n for n, _ in ex.authors] == ["Jessica Holly"]


@pytest.mark.parametrize("before, body, expected, source", [
    ("<div><span>By</span><a href='/jr'>J.R. Stone</a></div>", _BODY, "J.R. Stone", "byline"),
    ("<ul><li><strong>Date</strong> 19.01.2020</li><li><strong>Author</strong><br>Ben Knight</li></ul>", _BODY, "Ben Knight", "byline"),
    ('<div><img class="thumbnail_author_single" src="/b.jpg"></div><div><span class="article_author_single">'
     'Article by</span><br><span class="author_single">Barry Alleyne </span></div>', _BODY, "Barry Alleyne", "byline"),
    ("", "<p>By Aaron Humes: The Americas cannot ignore the risk of further surges, the agency warned.</p>" + _BODY,
     "Aaron Humes", "byline"),
    ("", _BODY + "<p>– David Dunkley</p>", "David Dunkley", "sign-off"),
    ("", "<p><em>Courtesy of Forests News</em></p><p><em>Written by: <a href='/jm'>Julie Mollins</a></em></p>" + _BODY,
     "Julie Mollins", "byline"),
    ('<div class="meta">\n<span class="trending">yas!</span>\n<span class="screen-reader-text">| By </span>\n'
     '<span>Cara Stiles</span> |\n<time>April 13, 2020</time></div>', _BODY, "Cara Stiles", "byline"),
    # the same split label in German, with or without its colon
    ("<div><span>Von</span><br><a href='/lp'>Lisa Petrich</a><br><span>Mi, 18. Oktober 2023</span></div>", _BODY,
     "Lisa Petrich", "byline"),
    ("<div><p>Von:</p><p><a href='/gw'>Götz Warnke</a></p></div>", _BODY, "Götz Warnke", "byline"),
    # an 'Author' label whose name carries its agency after a slash, or the comma of a list of one
    ("<div><h5>Datum:</h5>03.11.2021<br><h5>Autor:</h5>Peter Maahn/SP-X<br><h5>Lesezeit:</h5>5 min</div>", _BODY,
     "Peter Maahn", "byline"),
    ("<div><h4>Autor</h4><p><a href='/p/nh'>Nikolai Huke</a><b>, </b></p></div>", _BODY, "Nikolai Huke", "byline"),
])
def test_bylines_without_metadata(before, body, expected, source):
    ex = extract("https://example.com/news/2024/story", _page(before=before, body=body), max_chars=10**7)
    assert ex.authors == [(expected, source)]


def test_one_word_name_read_from_a_handle_is_not_an_author():
    # trafilatura reads the handle 'rmb8090' as 'Rmb': the page never shows that as a word of its own
    box = ('<div class="entry-content-post-author"><img class="avatar" alt="Rmb8090" src="/a.gif">'
           '<div class="author-name">rmb8090</div></div>')
    ex = extract("https://example.it/black-friday/", _page(after=box), max_chars=10**7)
    assert ex.authors == []
    # a one-word name the page shows is kept
    box = '<div class="author-vcard"><span class="author-name">Regan</span></div>'
    head = '<script type="application/ld+json">{"@type": "BlogPosting", "author": {"@type": "Person", "name": "Regan"}}</script>'
    ex = extract("https://example.com/2019/hike/", _page(head=head, before=box), max_chars=10**7)
    assert [n for n, _ in ex.authors] == ["Regan"]
    # also between a date and a comment count (digits beside it, but not in the same word)
    box = '<div class="entry-meta"><span>January 10, 2019</span> <span class="author-name">Regan</span> <span>1 Comment</span></div>'
    ex = extract("https://example.com/2019/hike/", _page(head=head, before=box), max_chars=10**7)
    assert [n for n, _ in ex.authors] == ["Regan"]


@pytest.mark.parametrize("raw, expected", [
    ("Текст: Венера Ерофеева", ["Венера Ерофеева"]),
    ("Words: Jane Doe", ["Jane Doe"]),
    ("Text: Tom Smith and Ann Lee", ["Tom Smith", "Ann Lee"]),
    ("Текст Венера Ерофеева", ["Венера Ерофеева"]),  # (trafilatura drops the colon)
    ("Text Smith", ["Text Smith"]),  # (a name: no label without a colon before one word)
])
def test_split_authors_text_credit_label(raw, expected):
    assert split_authors(raw) == expected


def test_organisation_signing_with_its_web_address_is_not_an_author():
    head = '<meta name="author" content="Deutsche Welle (www.dw.com)">'
    ex = extract("https://example.com/news/2024/story", _page(head=head), max_chars=10**7)
    assert ex.authors == []


@pytest.mark.parametrize("head, before, expected", [
    # the site's name after a separator is dropped
    ('<title>Losing face: masks stolen from hospital | The Japan Times</title>'
     '<meta property="og:site_name" content="The Japan Times">', "", "Losing face: masks stolen from hospital"),
    # the <h1> tells which part of the page title is the headline, even when the site name is unknown
    ("<title>What is Rust and why is it so popular? - Stack Overflow Blog</title>",
     "<h1>What is Rust and why is it so popular?</h1>", "What is Rust and why is it so popular?"),
    # a section name before the headline
    ("<title>Local News | Brothel busted in Boston</title>", "<h1>Brothel busted in Boston</h1>", "Brothel busted in Boston"),
    # structured data and the <h1> agree on a fuller headline than the sharing title
    ('<title>Caribbean islands added to quarantine list</title><script type="application/ld+json">'
     '{"@type": "NewsArticle", "headline": "Turkey, Poland and three Caribbean islands added to quarantine list"}</script>',
     "<h1>Turkey, Poland and three Caribbean islands added to quarantine list</h1>",
     "Turkey, Poland and three Caribbean islands added to quarantine list"),
    # a dash inside the headline stays when the <h1> has it
    ("<title>Chapter 1: Prologue - Murdered - Melas</title>", "<h1>Chapter 1: Prologue - Murdered</h1>",
     "Chapter 1: Prologue - Murdered"),
    # no separator, no <h1>: the page title as it is
    ("<title>Why collaborative thinking beats individual smarts</title>", "",
     "Why collaborative thinking beats individual smarts"),
])
def test_headline(head, before, expected):
    html = (f"<html><head>{head}</head><body><header>{before}</header><article>{_BODY}</article></body></html>")
    ex = extract("https://www.example.com/news/2024/story", html, max_chars=10**7)
    assert ex.title == expected


@pytest.mark.parametrize("raw, expected", [
    ("Grant Tinsley, PhD", ["Grant Tinsley"]),
    ("View all posts by Daniel Lemire", ["Daniel Lemire"]),
    ("Michael L. Anderson, PhD; Carlos Dobkin, PhD", ["Michael L. Anderson", "Carlos Dobkin"]),
])
def test_split_authors_credentials_and_profile_links(raw, expected):
    assert split_authors(raw) == expected


def test_initials_keep_the_pages_periods():
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "author": "Trevor J Mitchell"}</script>'
    ex = extract("https://example.com/news/2024/story", _page(head=ld, before="<p>Trevor J. Mitchell, Reporter</p>"),
                 max_chars=10**7)
    assert [n for n, _ in ex.authors] == ["Trevor J. Mitchell"]


def test_visible_byline_wins_over_metadata_name_not_on_the_page():
    head = '<meta name="author" content="Webdesk Producer Jones">'
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Pat Webb"}}</script>'
    body = "<p>By Maria Ortega: The council voted on Tuesday to close the old bridge for a year of repairs.</p>" + _BODY
    ex = extract("https://example.com/news/2024/story", _page(head=ld, body=body), max_chars=10**7)
    assert ex.authors == [("Maria Ortega", "byline")]
    # a name only the metadata holds is nobody's byline (the account that posted the page, a site's owner)
    ex = extract("https://example.com/news/2024/story", _page(head=ld), max_chars=10**7)
    assert ex.authors == []
    # the page shows it (without its middle initial, or with one the metadata leaves out): kept, as the page spells it
    ex = extract("https://example.com/news/2024/story", _page(head=ld, before=_shown("Pat Webb")), max_chars=10**7)
    assert ex.authors == [("Pat Webb", "json-ld")]
    ex = extract("https://example.com/news/2024/story", _page(head=ld, before=_shown("Pat J. Webb")), max_chars=10**7)
    assert [n for n, _ in ex.authors] == ["Pat J. Webb"]
    ld = ld.replace("Pat Webb", "Pat J. Webb")
    ex = extract("https://example.com/news/2024/story", _page(head=ld, before=_shown("Pat Webb")), max_chars=10**7)
    assert [n for n, _ in ex.authors] == ["Pat J. Webb"]


def test_posted_by_lines_of_embedded_posts_name_no_author():
    # two embedded social-media posts, the first by a party: neither poster wrote the article
    after = ("<div><p>Prices are rising again.</p><p>Posted by SPÖ on Monday, February 7, 2022</p></div>"
             "<div><p>Rents must stay affordable.</p><p>Posted by Pamela Rendi-Wagner on Sunday, February 6, 2022</p></div>")
    ex = extract("https://example.at/news/2022/story", _page(after=after), max_chars=10**7)
    assert ex.authors == []
    # a blog's own 'Posted by' line still names its writer
    ex = extract("https://example.at/news/2022/story", _page(before="<p>Posted by Konstantin @ 12:00 am</p>"), max_chars=10**7)
    assert [n for n, _ in ex.authors] == ["Konstantin"]


def test_byline_shown_only_without_scripts():
    # a blog that renders its post from a script template shows the whole post in <noscript> to everyone else: that
    # copy is most of the page, so it is read (issue 24 item 5 drops <noscript>, but not the page's whole text)
    post = '<span class="byline-author">Posted by Ann Lee and Tom Roe - Security team</span>' + _BODY
    before = f'<script type="text/template">{post}</script><noscript>{post}</noscript>'
    html = f"<html><head><title>A headline here</title></head><body><h1>A headline here</h1>{before}</body></html>"
    ex = extract("https://security.example.com/2020/05/story.html", html, max_chars=10**7)
    assert [n for n, _ in ex.authors] == ["Ann Lee", "Tom Roe"]


def test_a_byline_only_in_noscript_is_not_read():
    # the reader, whose browser runs scripts, never sees a <noscript> byline beside the visible post (issue 24 item 5)
    before = '<noscript><span class="byline-author">Posted by Ann Lee and Tom Roe - Security team</span></noscript>'
    ex = extract("https://security.example.com/2020/05/story.html", _page(before=before), max_chars=10**7)
    assert ex.authors == []


def test_last_item_of_a_dashed_list_is_not_a_sign_off():
    body = _BODY + "<p>Also on the board:</p><p>- Pabst Headache Fuzz</p><p>- One Control Sea Turquoise Delay</p>"
    ex = extract("https://example.com/news/2024/story", _page(body=body), max_chars=10**7)
    assert ex.authors == []


def test_posted_by_sign_off():
    body = _BODY + "<p>Posted by Alex Duran, AMP Project Marketing, Google</p>"
    ex = extract("https://example.com/news/2024/story", _page(body=body), max_chars=10**7)
    assert ex.authors == [("Alex Duran", "sign-off")]


@pytest.mark.parametrize("raw, expected", [
    ("Mike Wuerthele and Malcolm Owen Monday, November 18", ["Mike Wuerthele", "Malcolm Owen"]),
    ("Jdadmin", []),
])
def test_split_authors_dates_and_admin_accounts(raw, expected):
    assert split_authors(raw, min_words=1) == expected


@pytest.mark.parametrize("raw, expected", [
    # the byline's label and 'and' in other languages
    ("Von Tobias Kuske", ["Tobias Kuske"]),
    ("Von Miller", ["Von Miller"]),  # (a name that begins with 'Von')
    ("Por Alberto Ávila", ["Alberto Ávila"]),
    ("Autor/in: Korinna Hennig", ["Korinna Hennig"]),
    ("Auteur Anna Kubišta", ["Anna Kubišta"]),
    ("Par Jean Dupont et Marie Curie", ["Jean Dupont", "Marie Curie"]),
    ("Benjamin Fischer und Marcus Theurer", ["Benjamin Fischer", "Marcus Theurer"]),
    ("Patrick Ludolph, Fotograf aus Hamburg und Gründer von Neunzehn72", ["Patrick Ludolph"]),
    ("Redaktion MSM", []),
    # markup that holds the name twice, a credit line, an address run into the name
    ("Tom AuTom Au", ["Tom Au"]),
    ("N-Land N-Land", []),
    ("Fotos: EL HERALDO/", []),
    ("María Carrasquilla Reinamaria.carrasquilla", []),
])
def test_split_authors_other_languages_and_broken_markup(raw, expected):
    assert split_authors(raw) == expected


def _shown(name: str) -> str:
    """The name on the page, in no byline markup (as a site's header may show it)."""
    return f'<div class="meta"><span>{name}</span></div>'


def _site(name: str) -> str:
    return f'<meta property="og:site_name" content="{name}">'


@pytest.mark.parametrize("site, byline, expected", [
    ("The Telegraph", "Telegraph Sport", []),                   # a desk named after the outlet
    ("Business Insider Deutschland", "Business Insider", []),
    ("Daniel Lemire's blog", "Daniel Lemire", ["Daniel Lemire"]),  # a person's own site
])
def test_outlet_desk_bylines(site, byline, expected):
    head = _site(site) + f'<meta name="author" content="{byline}">'
    ex = extract("https://example.com/news/2024/story", _page(head=head, before=_shown(byline)), max_chars=10**7)
    assert [n for n, _ in ex.authors] == expected


def test_one_word_credit_after_a_full_name_is_dropped():
    head = '<meta name="author" content="Victor Tangermann, Futurism">'
    ex = extract("https://example.com/news/2024/story", _page(head=head, before=_shown("Victor Tangermann")), max_chars=10**7)
    assert [n for n, _ in ex.authors] == ["Victor Tangermann"]


def test_first_visible_byline_completes_the_metadata():
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Stefan Becket"}}</script>'
    before = "<p>Stefan Becket, Kathryn Watson, Grace Segers</p>"
    ex = extract("https://example.com/news/2024/story", _page(head=ld, before=before), max_chars=10**7)
    assert [n for n, _ in ex.authors] == ["Stefan Becket", "Kathryn Watson", "Grace Segers"]
    # (with the date after the names)
    before = "<p>Stefan Becket and Kathryn Watson | Updated on: November 19, 2019 / 6:59 PM</p>"
    ex = extract("https://example.com/news/2024/story", _page(head=ld, before=before), max_chars=10**7)
    assert [n for n, _ in ex.authors] == ["Stefan Becket", "Kathryn Watson"]
    # a later, fuller line (a teaser for another story) does not count
    before = "<p>By Stefan Becket.</p>"
    after = "<aside><p>By Emma Whitford, Stefan Becket and Tatyana Turner</p></aside>"
    ex = extract("https://example.com/news/2024/story", _page(head=ld, before=before, after=after), max_chars=10**7)
    assert [n for n, _ in ex.authors] == ["Stefan Becket"]


@pytest.mark.parametrize("raw, expected", [
    ("Tom Gillespie News reporter", ["Tom Gillespie"]),   # a title after the name is cut off
    ("Science X staff", []),                              # a group byline stays out
    ("FEDERICA LUSIARDI", ["Federica Lusiardi"]),
    ("User", []),                                         # a forum's placeholders
    ("Autor", []),
    ("Deutscher Caritasverband e V", []),                 # a registered club, not a name and 'V'
])
def test_split_authors_titles_and_groups(raw, expected):
    assert split_authors(raw, min_words=1, acronyms=True) == expected


def test_outlet_named_by_its_own_address_is_not_an_author():
    head = '<meta name="author" content="Practical Horseman">'
    ex = extract("https://practicalhorsemanmag.com/news/2024/story", _page(head=head), max_chars=10**7)
    assert ex.authors == []


def test_copyright_holder_is_not_an_author_beside_a_byline():
    head = '<meta name="author" content="Conde Nast">'
    before = '<p>By <a rel="author" href="/u/mw">Molly Wood</a></p>'
    after = "<footer><p>© 2019 Conde Nast. All rights reserved.</p></footer>"
    ex = extract("https://example.com/news/2024/story", _page(head=head, before=before, after=after), max_chars=10**7)
    assert [n for n, _ in ex.authors] == ["Molly Wood"]
    # a personal site's owner, named only in the metadata and the copyright line, stays
    head = '<meta name="author" content="Juergen Heitmann">'
    after = "<footer><p>© 2014 Juergen Heitmann</p></footer>"
    ex = extract("https://example.com/essays/2014/aggression", _page(head=head, after=after), max_chars=10**7)
    assert [n for n, _ in ex.authors] == ["Juergen Heitmann"]


def test_copyright_holder_with_a_dashed_tail_is_not_an_author():
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "author": {"@type": "Person", "name": "Marie Merlet"}}
    head = (f'<meta property="og:site_name" content="Gala"><meta name="author" content="Prisma Média">'
            f'<script type="application/ld+json">{json.dumps(ld)}</script>')
    before = "<p>Marie Merlet</p>"
    after = "<footer><p>© 2020 Prisma Média - Tous droits réservés</p></footer>"
    ex = extract("https://example.fr/news/2020/story", _page(head=head, before=before, after=after), max_chars=10**7)
    assert [n for n, _ in ex.authors] == ["Marie Merlet"]


def test_longer_variant_of_an_author_name_is_dropped():
    before = ('<p>By <a rel="author" href="/a">Amelie Marie Nishizawa</a></p>'
              '<div class="byline">Amelie Marie Nishizawa Tokyo-based French</div>')
    ex = extract("https://example.com/news/2024/story", _page(before=before), max_chars=10**7)
    assert [n for n, _ in ex.authors] == ["Amelie Marie Nishizawa"]
    assert split_authors("Agencies", min_words=1) == []


def _split_body(second_parent: str = "grid") -> str:
    """A body in two parts of one kind, an ad and a 'Keep reading' box between them (as Wired lays out)."""
    first = "".join(f"<p>Part one, paragraph {i}, tells the first half of the story in plenty of words for a reader.</p>"
                    for i in range(6))
    second = "".join(f"<p>Part two, paragraph {i}, carries the story on after the advertisement to its end.</p>"
                     for i in range(4))
    box = ('<div class="callout"><div>Keep Reading</div><p>The latest on artificial intelligence, from machine '
           'learning to computer vision and more.</p></div>')
    return (f'<html><head><title>A headline here</title></head><body><article><h1>A headline here</h1>'
            f'<div class="grid"><div class="body article__body">{first}</div><aside>Most popular</aside></div>'
            f'<div class="ad"><span>Advertisement</span></div>'
            f'<div class="{second_parent}"><div class="body article__body">{second}{box}</div></div>'
            f'</article></body></html>')


def test_body_split_into_parts_is_read_to_the_end():
    ex = extract("https://www.example.com/story/split", _split_body(), max_chars=5_000_000)
    paragraphs = ex.text.split("\n\n")
    assert paragraphs[0].startswith("Part one, paragraph 0")
    assert paragraphs[-1].startswith("Part two, paragraph 3")
    assert sum(p.startswith("Part two") for p in paragraphs) == 4
    assert "Keep Reading" not in ex.text and "latest on artificial intelligence" not in ex.text
    assert [ex.text[a:b] for a, b in ex.paragraphs] == paragraphs


def test_look_alike_container_elsewhere_on_the_page_is_not_the_body():
    # the same class in a slot of another kind (a sidebar, a footer) is not the article's next part
    ex = extract("https://www.example.com/story/split", _split_body(second_parent="footer-links"), max_chars=5_000_000)
    assert "Part two" not in ex.text
    assert ex.text.split("\n\n")[-1].startswith("Part one, paragraph 5")


_LETTER = ("<p>It should not surprise anyone that the district attorney dropped the special circumstances in this case, "
           "giving the defendant the possibility of parole instead of a life sentence.</p>")


def _letters_page(signatures: str, title: str = "Letters: Coddling criminals | Undermining road") -> str:
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            "<p>Submit your letter to the editor via this form. Read more Letters to the Editor.</p>"
            f"<p>Alameda County DA</p><p>is coddling criminals</p>{signatures}</article></body></html>")


def test_letter_writers_are_the_authors_of_a_letters_page():
    body = (_LETTER + "<p>Ninfa Wood</p><p>Walnut Creek</p><p>Quarry plan will</p><p>undermine rural road</p>"
            + _LETTER + "<p>— Gary Sloane, San Leandro</p>" + _LETTER + "<p>Jon Rego</p>")
    ex = extract("https://www.example.com/2023/01/16/letters-1119/", _letters_page(body), max_chars=10**7)
    assert ex.authors == [("Ninfa Wood", "letter-signature"), ("Gary Sloane", "letter-signature"),
                          ("Jon Rego", "letter-signature")]


def test_name_lines_on_other_pages_are_not_letter_signatures():
    body = _LETTER + "<p>Ninfa Wood</p><p>Walnut Creek</p>" + _LETTER
    ex = extract("https://www.example.com/2023/01/16/news-1119/",
                 _letters_page(body, title="Court drops special circumstances"), max_chars=10**7)
    assert ex.authors == []


def test_a_name_only_in_the_readers_comments_is_not_the_author():
    # a sidebar of recent comments, as WordPress renders it; trafilatura takes the commenter for the author
    widget = ('<aside><div class="widget widget_recent_comments"><h3>Recent Comments</h3><ul id="recentcomments">'
              '<li class="recentcomments"><span class="comment-author-link"><a href="https://spam.example" '
              'rel="external nofollow" class="url">flappy bird</a></span> on <a href="/old">An old post</a></li>'
              '</ul></div></aside>')
    ex = extract("https://blog.example.eu/2017/12/05/interning/", _page(after=widget), max_chars=10**7)
    assert ex.authors == []
    # the page's own 'Posted by' line names the author, even by a single name
    ex = extract("https://blog.example.eu/2017/12/05/interning/",
                 _page(body=_BODY + "<p class='meta'>Posted by Konstantin @ 12:00 am</p>", after=widget), max_chars=10**7)
    assert ex.authors == [("Konstantin", "byline")]


def test_the_page_is_parsed_once_for_trafilatura_and_the_stage(monkeypatch):
    # trafilatura is handed the stage's own tree (it works on a copy): no second parse of a normal page;
    # a fragment its loader refuses is still read, parsed on its own
    from backstory.extract import page as stage

    calls = []
    real = stage.parse_tree
    monkeypatch.setattr(stage, "parse_tree", lambda html: calls.append(html) or real(html))
    ex = extract("https://example.co.uk/news/2024/story", _page(), max_chars=10**7)
    assert ex.is_article and calls == []
    ex = extract("https://example.co.uk/news/2024/story", "<p>hello world</p>", max_chars=10**7)
    assert not ex.is_article and len(calls) == 1


_FIXTURE_PAGES = sorted((Path(__file__).parent / "fixtures").glob("**/*.html"))
# what trafilatura's loader repairs or refuses: a self-closed doctype or <html/>, an encoding declaration lxml
# refuses in a string, a fragment, a page without markup, an empty one
_ODD_PAGES = ["<! DOCTYPE html />\n<html lang='en'><body><p>x</p><p>y</p></body></html>",
              '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-'
              'transitional.dtd"/>\n<html><head><title>t</title></head><body><p>x</p></body></html>',
              "<html lang='en'/>\n<head><title>t</title></head><body><p>a</p></body>", "<html/>\n<body><p>a</p></body>",
              "<?xml version='1.0' encoding='utf-8'?><html><body><p>hi</p></body></html>", "<p>x</p>",
              "<div><p>a</p><p>b</p></div>", "just text", " ", "<html><body>\ufffe\uffffz\x00</body></html>"]


@pytest.mark.parametrize("page", [*_FIXTURE_PAGES, *_ODD_PAGES], ids=lambda p: getattr(p, "name", repr(p)[:30]))
def test_the_stage_parses_a_page_as_trafilatura_would(page):
    # the stage parses with its own copy of trafilatura's parser (its element classes looked up in C): the tree
    # must be the one trafilatura's own loader builds, so that handing it over changes nothing
    import lxml.html
    from lxml import etree
    from trafilatura.utils import load_html

    from backstory.extract import page as stage

    html = clean_input(page.read_text(encoding="utf-8") if isinstance(page, Path) else page, 10**8)
    ours, theirs = stage.load_for_trafilatura(html), load_html(html)
    assert (ours is None) == (theirs is None)
    if ours is not None:
        assert etree.tostring(ours) == etree.tostring(theirs)
        assert all(isinstance(el, lxml.html.HtmlElement) for el in ours.iter(etree.Element))


_BODY_TEXT = "<p>" + "The council met on Tuesday to weigh the plan for the harbour and its new sea wall. " * 6 + "</p>"
# pages for trafilatura's metadata fallbacks: the title's site part, a byline it reads from the markup, a Twitter
# handle as the site's name, a relative canonical link, JSON-LD (broken and whole), a lower-case site name
_METADATA_PAGES = [
    "<html><head><title>Storm hits the coast | example.com</title></head><body><article><h1>Storm hits the coast</h1>"
    '<p class="byline">By Ann Lee</p>' + _BODY_TEXT + "</article></body></html>",
    '<html><head><title>Harbour plan</title><meta name="twitter:site" content="@dailyplanet">'
    '<link rel="canonical" href="/news/harbour-plan"><meta property="og:url" content="https://planet.example/x">'
    '<meta name="author" content="Tom"></head><body><h2>Harbour plan</h2><div class="author">Tom Roe</div>'
    + _BODY_TEXT + "</body></html>",
    '<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "Sea wall", "author": '
    '{"@type": "Person", "name": "Kim Park"}, "datePublished": "2024-03-05", "publisher": {"name": "the gazette"}}'
    '</script><script type="application/ld+json">{"@type": </script><meta property="og:site_name" content="gazette">'
    "</head><body><h1>Sea wall</h1><h1>Other</h1>" + _BODY_TEXT + "</body></html>",
    "<html><body><h1>No metadata at all</h1>" + _BODY_TEXT + "</body></html>",
    "<html><body><p>Too short.</p></body></html>",
]


@pytest.mark.parametrize("page", [*_FIXTURE_PAGES, *_METADATA_PAGES], ids=lambda p: getattr(p, "name", repr(p)[40:80]))
def test_trafilatura_is_read_as_its_bare_extraction_with_metadata_reads_it(page):
    # the stage runs trafilatura's metadata step itself, without the categories, tags and licence it never reads:
    # the text, title, author, date and site name must be those of bare_extraction(with_metadata=True)
    import trafilatura

    from backstory.extract import page as stage

    html = clean_input(page.read_text(encoding="utf-8") if isinstance(page, Path) else page, 10**8)
    url = "https://www.news.example/2024/03/05/harbour"
    theirs = trafilatura.bare_extraction(stage.load_for_trafilatura(html), url=url, with_metadata=True, fast=True,
                                         include_comments=False, include_tables=False, config=stage.trafilatura_config())
    theirs = {k: v for k, v in theirs.as_dict().items() if k in {"text", "title", "author", "date", "sitename"}} \
        if theirs is not None else {}
    assert stage.read_with_trafilatura(stage.load_for_trafilatura(html), url) == theirs


_MARKUP = _page(body=_BODY + '<div class="ByLine"><span rel="author">Ann Lee</span> <a rel="author" href="/a">Ann Lee</a>'
               '<b class="c-byline__name">Tom Roe</b><i itemprop="author">Tom Roe</i><i itemprop="authors">x</i></div>'
               '<section id="comment-list"><p class="Comments">1</p><p class="replies">2</p><p id="disqus_thread">3</p>'
               '<p class="Disqus Replies">4</p></section><div class="h-card author"><b class="p-name">Kim Park</b></div>'
               '<span class="vcards">no</span><span class="x vcard">Lee Roe</span>')


@pytest.mark.parametrize("page", [*_FIXTURE_PAGES, _MARKUP], ids=lambda p: getattr(p, "name", "markup"))
def test_markup_predicates_select_what_their_xpath_did(page):
    # the byline and comment-area finders loop in Python; they must pick the elements their XPath did
    from backstory.extract import selectors
    from backstory.extract.authors.sources import _is_hcard
    from backstory.extract.page import load_for_trafilatura

    tree = load_for_trafilatura(clean_input(page.read_text(encoding="utf-8") if isinstance(page, Path) else page, 10**8))
    byline = tree.xpath('//a[@rel="author"] | //*[@itemprop="author"] | //*[contains(@class, "yline") or contains(@class, "yLine")]')
    comments = tree.xpath("//*[contains(@class, 'comment') or contains(@id, 'comment') or contains(@class, 'disqus')"
                          " or contains(@id, 'disqus') or contains(@class, 'repl') or contains(@id, 'repl')]")
    assert selectors.elements(tree, selectors.byline_markup) == byline
    assert selectors.elements(tree, selectors.maybe_comments) == comments
    # (and only the elements with the attributes they read need be tried)
    assert selectors.elements(tree, selectors.byline_markup, ("class", "itemprop", "rel")) == byline
    assert selectors.elements(tree, selectors.maybe_comments, ("class", "id")) == comments
    assert selectors.elements(tree, lambda el: True, ("class", "rel")) == tree.xpath("//*[@class or @rel]")
    hcards = tree.xpath("//*[contains(concat(' ', normalize-space(@class), ' '), ' vcard ')"
                        " or contains(concat(' ', normalize-space(@class), ' '), ' h-card ')]")
    assert selectors.elements_each(tree, (selectors.byline_markup, _is_hcard), ("class", "itemprop", "rel")) == [byline, hcards]


def _graph(*nodes: str) -> str:
    return '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [' + ",".join(nodes) + "]}</script>"


_OWNER = '{"@type": ["Person", "Organization"], "@id": "https://helge.example/#/schema/person/1", "name": "Helge Fahrnberger"}'


def test_jsonld_author_given_as_a_reference_to_a_graph_node():
    # WordPress SEO plugins name the author once, as its own node, and point to it from the article
    person = '{"@type": "Person", "@id": "https://example.com/#/schema/person/9", "name": "Ines Navarro"}'
    article = '{"@type": "Article", "headline": "A headline here", "author": {"@id": "https://example.com/#/schema/person/9"}}'
    ex = extract("https://example.com/news/2024/story", _page(head=_graph(article, person), before=_shown("Ines Navarro")),
                 max_chars=10**7)
    # (from the article's own author, not from any Person node trafilatura finds in the graph)
    assert ex.authors == [("Ines Navarro", "json-ld")]
    # a reference to a node that is no person or organisation (the page itself) names nobody
    page = '{"@type": "WebPage", "@id": "https://example.com/news/2024/story#page", "name": "Morning Briefing"}'
    article = article.replace("https://example.com/#/schema/person/9", "https://example.com/news/2024/story#page")
    ex = extract("https://example.com/news/2024/story", _page(head=_graph(article, page), before=_shown("Morning Briefing")),
                 max_chars=10**7)
    assert ex.authors == []
    assert next(o for o in ex.jsonld if o.get("@type") == "Article")["author"] == {"@id": "https://example.com/news/2024/story#page"}


def test_personal_site_owner_is_the_author():
    """A site whose publisher is a person (schema.org Person and Organization at once): the owner's
    name is not taken for the outlet's, though the site is named after them."""
    article = ('{"@type": "Article", "author": {"@id": "https://helge.example/#/schema/person/1"},'
               ' "publisher": {"@id": "https://helge.example/#/schema/person/1"}}')
    head = _graph(article, _OWNER) + _site("Helge.example") + '<meta name="author" content="Helge Fahrnberger">'
    ex = extract("https://helge.example/2014/03/mahu", _page(head=head, before=_shown("Helge Fahrnberger")), max_chars=10**7)
    assert [n for n, _ in ex.authors] == ["Helge Fahrnberger"]
    # a guest author on the owner's site: the owner is its publisher, not a second author
    guest = '{"@type": "Person", "@id": "https://helge.example/#/schema/person/2", "name": "Daniel Weinmann"}'
    article = article.replace('"author": {"@id": "https://helge.example/#/schema/person/1"}',
                              '"author": {"@id": "https://helge.example/#/schema/person/2"}')
    head = _graph(article, _OWNER, guest) + '<meta name="author" content="Daniel Weinmann, Helge Fahrnberger">'
    ex = extract("https://helge.example/2014/03/mahu", _page(head=head, before=_shown("Daniel Weinmann") + _shown("Helge Fahrnberger")),
                 max_chars=10**7)
    assert [n for n, _ in ex.authors] == ["Daniel Weinmann"]


def _titled(title: str, **parts: str) -> str:
    return _page(**parts).replace("<title>A headline here</title>", f"<title>{title}</title>", 1)


def test_personal_site_named_after_its_owner():
    # no byline: the copyright holder whose name is the site's address, and in its title, wrote it
    after = "<footer><p>Copyright (c) 2012- Gregory Szorc. All rights reserved.</p></footer>"
    page = _titled("Gregory Szorc's Digital Home | Mercurial and Python 3", after=after)
    ex = extract("https://gregoryszorc.com/blog/2020/01/13/python3/", page, max_chars=10**7)
    assert ex.authors == [("Gregory Szorc", "site-owner")]
    # the owner named only by the metadata, with the address spelt the German way
    ex = extract("https://www.guenter-pilger.de/mailaktion.html", _page(head='<meta name="author" content="Günter Pilger">'),
                 max_chars=10**7)
    assert ex.authors == [("Günter Pilger", "meta")]
    # an outlet named like a person, or with an article, is no owner
    page = _titled("Winter pike | petri-heil.ch | Your fishing magazine", after="<footer><p>© 2022 Petri Heil</p></footer>")
    assert extract("https://petri-heil.ch/hechte/", page, max_chars=10**7).authors == []
    ex = extract("https://www.elcolombiano.com/alcaldia", _page(head='<meta name="author" content="El Colombiano">'),
                 max_chars=10**7)
    assert ex.authors == []


def test_official_website_of_a_person():
    """A site named after a person that calls itself their official website is theirs: the name it shares with
    the site is the author's, not an outlet's desk byline."""
    article = ('{"@type": "Article", "author": "Pamela Anderson",'
               ' "publisher": {"@type": "Organization", "name": "Pamela Anderson"}}')
    website = '{"@type": "WebSite", "name": "Pamela Anderson", "description": "<h2>The Official Website of Pamela Anderson</h2>"}'
    head = _graph(website, article) + _site("Pamela Anderson")
    url = "https://www.pamelaandersonfoundation.example/news/2018/12/4/yellow-vests-and-i"
    ex = extract(url, _page(head=head, before=_shown("Pamela Anderson")), max_chars=10**7)
    assert [n for n, _ in ex.authors] == ["Pamela Anderson"]
    # without that claim, a byline that repeats the site's name is the outlet's
    ex = extract(url, _page(head=head.replace("The Official Website of", "News from"), before=_shown("Pamela Anderson")),
                 max_chars=10**7)
    assert ex.authors == []
    # the claim must be about the site's own name: 'official website of' another person changes nothing
    ex = extract(url, _page(head=head.replace("The Official Website of Pamela Anderson", "The official site of Tom Roe"),
                            before=_shown("Pamela Anderson")), max_chars=10**7)
    assert ex.authors == []


def test_publisher_prefers_the_organisation_to_the_owner():
    company = '{"@type": "Article", "publisher": {"@type": "Organization", "name": "Angelmagazin"}}'
    ex = extract("https://example.com/news/2024/story", _page(head=_graph(
        '{"@type": "WebSite", "publisher": ' + _OWNER + "}", company)), max_chars=10**7)
    assert ex.publisher == "Angelmagazin"


def test_author_of_a_medical_web_page():
    ld = ('<script type="application/ld+json">{"@type": "MedicalWebPage", "author": {"@type": "Person",'
          ' "name": "Rachael Link, MS, RD"}}</script>')
    ex = extract("https://example.com/nutrition/binge-eating", _page(head=ld, before=_shown("Rachael Link, MS, RD")), max_chars=10**7)
    assert ex.authors == [("Rachael Link", "json-ld")]


@pytest.mark.parametrize("line, expected", [
    ("By Louis Jacobson on Monday, November 18th, 2019 at 11:04 a.m.", ["Louis Jacobson"]),
    ("Written by Rachael Link, MS, RD on November 14, 2019", ["Rachael Link"]),
    ("By Meg Kinnard, Errin Haines and Bill Barrow | November 3, 2019", ["Meg Kinnard", "Errin Haines", "Bill Barrow"]),
    ("By HNN Staff | November 18, 2019 at 2:26 PM HST", []),
    ("By Ángel Gómez and Émilie Dubois", ["Ángel Gómez", "Émilie Dubois"]),
    ("By Ann Lee, Tom Roe, Bo Ray, Max Moe and Eva Oda", ["Ann Lee", "Tom Roe", "Bo Ray", "Max Moe", "Eva Oda"]),
    # not a date after the name: the line is not a byline
    ("By Jane Doe - The city council met on Monday", []),
    # an encyclopedia entry's signature set off by dashes, and a blog's lower-case 'by'
    ("---- by Kenneth Surin", ["Kenneth Surin"]),
    ("by Kenneth Surin", ["Kenneth Surin"]),
    ("by Ann Lee | March 3, 2020", ["Ann Lee"]),
    # a blog's date before the name, the section and the count of comments after it; capitals
    ("Posted on March 3, 2020 by Ann Lee", ["Ann Lee"]),
    ("March 3, 2020 by Ann Lee 4 Comments", ["Ann Lee"]),
    ("3 March 2020 | by Ann Lee in News, Local Politics", ["Ann Lee"]),
    ("By Ann Lee in Opinion", ["Ann Lee"]),
    ("Published by Ann Lee on March 3, 2020", ["Ann Lee"]),
    ("POSTED BY ANN LEE", ["Ann Lee"]),
    ("BY ANN LEE | MARCH 3, 2020", ["Ann Lee"]),
    # bylines in other languages, with their 'and', a news agency, a date or an occupation
    ("Von Cosima Künzel", ["Cosima Künzel"]),
    ("von Andreas Kürten", ["Andreas Kürten"]),
    ("Von Volkmar Kabisch, Jan Lukas Strozyk und Benedikt Strunz", ["Volkmar Kabisch", "Jan Lukas Strozyk", "Benedikt Strunz"]),
    ("Von David Hutzler, dpa", ["David Hutzler"]),
    ("Por: Yaima Puig Meneses, Alina Perera Robbio, René Tamayo", ["Yaima Puig Meneses", "Alina Perera Robbio", "René Tamayo"]),
    ("Ein Artikel von Pamela Sladky | 27.01.2022 - 12:45", ["Pamela Sladky"]),
    ("par Didier Roy, 21 juin 2018", ["Didier Roy"]),
    ("Auteur : Kossivi Tiassou", ["Kossivi Tiassou"]),
    ("Text & Fotos: Ivan Valetny", ["Ivan Valetny"]),
    ("Autor: Rechtsanwalt Sebastian Einbock", ["Sebastian Einbock"]),
    ("Autoren Jelko Djuren und Jutta Klaukien", ["Jelko Djuren", "Jutta Klaukien"]),
    # the date, then the name; the name, then when it was published
    ("11.12.2019 - Amelie Loevenich", ["Amelie Loevenich"]),
    ("04.02.2022 | 13:10 Uhr | Uta Helkenberg", ["Uta Helkenberg"]),
    ("Jacobo Betancur Peláez | Publicado hace 3 horas", ["Jacobo Betancur Peláez"]),
    ("Autorin: Uta Staschewski, Projektleiterin der HSS in Tunesien.", ["Uta Staschewski"]),
    ("Author: Samuel Diekmann (Sponsored Post), speaker at rent-a-pastor.com", ["Samuel Diekmann"]),
    # a health site's writer beside the reviewer, in either order; the reviewer alone is no author
    ("Medically reviewed by Debra Sullivan, PhD, MSN — Written by Ann Lee on May 3, 2020", ["Ann Lee"]),
    ("Written by Ann Lee — Fact checked by Tom Roe", ["Ann Lee"]),
    ("Medically reviewed by Debra Sullivan, PhD, MSN", []),
    # the attribution of a Creative Commons licence
    ("Ein Hundetagebuch von Donald Townsend steht unter einer Creative Commons Namensnennung 3.0 Unported Lizenz.",
     ["Donald Townsend"]),
    ("This work by Ann Lee is licensed under a Creative Commons Attribution 4.0 International License.", ["Ann Lee"]),
    # a link to the writer's archive
    ("Alles von Martin Junker", ["Martin Junker"]),
    ("View all posts by Ann Lee", ["Ann Lee"]),
    # German capitalises nouns: a heading that opens with 'Von' is no byline; nor is a company or an event listing
    ("Von Wiener Walzer und MozartkugelnWahre KünstlerInnen", []),
    ("Von Nordex SE", []),
    ("17.11.2022 - Aymz- Grelle Forelle", []),
    # the kind of piece before 'by', the outlet it was written for, the writer's handle
    ("Guest post by Ann Lee", ["Ann Lee"]),
    ("Analysis by Ann Lee and Tom Roe", ["Ann Lee", "Tom Roe"]),
    ("By Ann Lee For Dailymail.com", ["Ann Lee"]),
    ("By Ann Lee for The Mail On Sunday", ["Ann Lee"]),
    ("By Ann Lee @annlee_writes", ["Ann Lee"]),
    ("By Ann Lee @annlee | March 3, 2020", ["Ann Lee"]),
    ("By Ann Lee and Tom Roe | The Washington Post", ["Ann Lee", "Tom Roe"]),
    ("Author: Ann Lee", ["Ann Lee"]),
    ("Authors: Ann Lee, Tom Roe", ["Ann Lee", "Tom Roe"]),
    ("Reporter: Ann Lee | March 3, 2020", ["Ann Lee"]),
    ("By John Roe Jr.", ["John Roe Jr."]),
    # a broadcaster's desk after the name is not a second author
    ("By Ann Lee, CNN Business", ["Ann Lee"]),
    ("By Ann Lee and Tom Roe, WSVN Staff", ["Ann Lee", "Tom Roe"]),
    ("By GHK Lall", ["GHK Lall"]),  # (initials in capitals: a person)
    # the outlet after a slash, who the writer is after a comma, the time stamp after the name with no bar
    ("By Ann Lee / CBS News", ["Ann Lee"]),
    ("By Ann Lee and Tom Roe / The Washington Post", ["Ann Lee", "Tom Roe"]),
    ("By Ann Lee, Special to the Times", ["Ann Lee"]),
    ("By Ann Lee, a senior reporter covering city hall", ["Ann Lee"]),
    ("By Ann Lee Updated 5:04 PM ET, Tue March 3, 2020", ["Ann Lee"]),
    ("By Ann Lee Published March 3, 2020", ["Ann Lee"]),
    ("Text by Ann Lee", ["Ann Lee"]),
    ("Compiled by Ann Lee", ["Ann Lee"]),
    ("By Ann Lee, ann.lee@example.com", ["Ann Lee"]),
    # a slash before a date; a lower-case clause after a comma is not who the writer is
    ("By Ann Lee / March 3, 2020", ["Ann Lee"]),
    ("By Ann Lee, the city council met on Monday", []),
])
def test_byline_line_with_credentials_and_date(line, expected):
    ex = extract("https://example.com/news/2024/story", _page(before=f"<div><p>{line}</p></div>"), max_chars=10**7)
    assert [n for n, _ in ex.authors] == expected


def test_author_label_of_a_book_in_a_review():
    """'Autorin: Alys Arden' in a review's fact box (title, pages, publisher) names the book's author, not the post's."""
    box = "".join(f"<p>{line}</p>" for line in ("Titel: The Casquette Girls", "Seiten: 400 Seiten", "Autorin: Alys Arden",
                                                "Verlag: fortheARTofit"))
    assert extract("https://example.com/2020/06/juni", _page(body=_BODY + box), max_chars=10**7).authors == []
    # the same label at the top of a post is its byline
    ex = extract("https://example.com/2020/06/juni", _page(before="<p>Autorin: Alys Arden</p>"), max_chars=10**7)
    assert ex.authors == [("Alys Arden", "byline")]


def _authored(author: str, shown: str) -> list[tuple[str, str]]:
    """The authors of a page whose JSON-LD names the Person ``author`` and whose header shows ``shown``."""
    ld = ('<script type="application/ld+json">{"@type": "BlogPosting", "author": {"@type": "Person", "name": "%s"}}</script>'
          % author)
    return extract("https://example.com/news/2024/story", _page(head=ld, before=f"<div class='meta'><p>{shown}</p></div>"),
                   max_chars=10**7).authors


def test_metadata_name_in_the_pages_own_spelling():
    # the accents the metadata dropped, and a user name the page writes as words
    assert _authored("Gabor Munier", "Gàbor Muniér") == [("Gàbor Muniér", "json-ld")]
    assert _authored("Arianschlichenmayer", "Arian Schlichenmayer ist Architekt") == [("Arian Schlichenmayer", "json-ld")]
    # a different name with the same letters is not taken for it
    assert _authored("Gabor Munier", "GÀBOR MUNIÉR") == [("Gabor Munier", "json-ld")]
    # a first name alone, written in full once at a line's start or after a byline label
    assert _authored("Nils", "Eine Kolumne von Nils Pickert") == [("Nils Pickert", "json-ld")]
    assert _authored("Stefanus", "Stefanus Stahl - Maschinenbauer, Abenteurer") == [("Stefanus Stahl", "json-ld")]
    # not when another word follows ('Ich bin …', a date), nor when the page writes two full names
    assert _authored("Robert", "Robert Ich bin Fotograf") == [("Robert", "json-ld")]
    assert _authored("Regan", "Regan September 2014") == [("Regan", "json-ld")]
    assert _authored("Anna", "Anna Roth</p><p>Anna Weber") == [("Anna", "json-ld")]


def test_metadata_name_written_surname_first():
    """'Doe, Jane' in the metadata is one person, Jane Doe, not the two one-word authors 'Doe' and 'Jane'."""
    assert _authored("Doe, Jane", "Jane Doe") == [("Jane Doe", "json-ld")]
    assert _authored("Doe, Jane A.", "Jane A. Doe") == [("Jane A. Doe", "json-ld")]
    meta = '<meta name="author" content="Doe, Jane">'
    ex = extract("https://example.com/news/2024/story", _page(head=meta, before="<div class='meta'><p>Jane Doe</p></div>"),
                 max_chars=10**7)
    assert ex.authors == [("Jane Doe", "meta")]
    # two people, a name and its credentials, a name and its agency: as they are
    assert given_first("Jane Doe, Ann Lee") == "Jane Doe, Ann Lee"
    assert given_first("Lee, PhD") == "Lee, PhD"
    assert given_first("Lee, Reuters") == "Lee, Reuters"
    assert given_first("Staff, Jane") == "Staff, Jane"


def test_label_before_the_name_the_byline_shows():
    ld = '<script type="application/ld+json">{"@type": "Article", "author": "FOCUS-Online-Experte Robin Tschöpe"}</script>'
    ex = extract("https://example.com/news/2024/story", _page(head=ld, before='<span itemprop="author">Robin Tschöpe</span>'),
                 max_chars=10**7)
    assert ex.authors == [("Robin Tschöpe", "byline")]


def test_organisation_split_at_its_commas_leaves_no_one_word_name():
    # trafilatura splits a ministry's name at its commas and 'und'; the one word left over is no one's name
    head = '<meta name="author" content="Eidgenössisches Departement für Wirtschaft, Bildung und Forschung WBF">'
    page = _page(head=head, before=_shown("Eidgenössisches Departement für Wirtschaft, Bildung und Forschung WBF"))
    assert extract("https://www.wbf.admin.ch/wbf/de/home/dokumentation/nsb-news_list.msg-id-14093.html", page,
                   max_chars=10**7).authors == []


def test_json_ld_escaped_as_html():
    """'Redacci&oacute;n' in JSON-LD is 'Redacción' (a desk, so no author), not the 'Redacci' and 'Oacute' trafilatura
    splits it into."""
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "author": {"@type": "Person", "name": "%s"}}</script>'
    page = _page(head=ld % "Redacci&oacute;n Diario Pagina Siete", before=_shown("Redacción Diario Pagina Siete"))
    assert extract("https://example.com/news/2024/story", page, max_chars=10**7).authors == []
    page = _page(head=ld % "Jos&eacute; Ni&ntilde;o", before=_shown("José Niño"))
    assert [n for n, _ in extract("https://example.com/news/2024/story", page, max_chars=10**7).authors] == ["José Niño"]


def test_author_box_in_author_markup():
    """An element marked up as the author that holds a whole author box gives no one-word 'names' from its bio."""
    box = ('<div itemprop="author"><h4>Über Kathrin</h4><p>Hallo, ich bin Foodbloggerin, Backbuchautorin, Journalistin und'
           " leidenschaftliche Bäckerin. Was mich glücklich macht: Fotografieren, Genießen und Schreiben!</p></div>")
    assert extract("https://example.com/2020/06/kuchen", _page(after=box), max_chars=10**7).authors == []
    # a short one is the name
    ex = extract("https://example.com/2020/06/kuchen", _page(before='<span itemprop="author">Kathrin</span>'), max_chars=10**7)
    assert [n for n, _ in ex.authors] == ["Kathrin"]


@pytest.mark.parametrize("raw", ["mf", "Kj", "zVg", "Cortesía", "Name", "Datum"])
def test_one_word_credits_and_initials_are_no_name(raw):
    # (a desk's initials and a picture credit, where metadata allows a one-word name)
    assert split_authors(raw, min_words=1) == []


def test_words_run_together_are_no_name():
    assert not looks_like_name("Inga HoeltmannFollow")
    assert looks_like_name("Sarah McKenzie") and looks_like_name("Ian FitzGerald") and looks_like_name("Marek Świerczyński")
    # a one-word handle the metadata vouches for may be written so
    assert looks_like_name("KleineGrüneMonster", min_words=1)


def test_label_run_into_the_name():
    assert split_authors("AuthorAndreas Kalt") == ["Andreas Kalt"]
    assert split_authors("ByJ.R. Stone") == ["J.R. Stone"]
    assert split_authors("Byron Smith") == ["Byron Smith"]


def test_byline_names_in_separate_blocks():
    before = ("<div class='meta'><div>By</div><div><a href='/md'>Matthew Digby</a></div><div>,</div>"
              "<div><a href='/mdo'>Minh Do</a></div><div>on Monday, November 18th, 2019</div></div>")
    ex = extract("https://example.com/news/2024/story", _page(before=before), max_chars=10**7)
    assert [n for n, _ in ex.authors] == ["Matthew Digby", "Minh Do"]


def test_byline_class_words_and_the_names_in_them():
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Chaim Gartenberg"}}</script>'
    # the name as the page's byline shows it, under the class words sites use ('c-byline__author-name')
    before = '<div class="c-byline"><span class="c-byline__author-name">Chaim Gartenberg</span></div>'
    ex = extract("https://example.com/news/2024/story", _page(head=ld, before=before), max_chars=10**7)
    assert ex.authors == [("Chaim Gartenberg", "byline")]
    # the newsroom after the name in the byline is not part of the name (trafilatura's name is whole)
    head = '<meta name="DC.creator" content="Kevin McCoy">'
    before = '<div class="byline"><span>Kevin McCoy</span> <span>USA TODAY</span></div>'
    ex = extract("https://example.com/news/2024/story", _page(head=head, before=before), max_chars=10**7)
    assert [n for n, _ in ex.authors] == ["Kevin McCoy"]


def test_author_label_on_its_own_line():
    # the label in another language, the name on the next line
    page = _page(before="<dl class='post-meta'><dt>Auteur</dt><dd><a href='/a/ug'>Uriel Gadessaud</a></dd><dt>Cover</dt></dl>")
    assert extract("https://example.com/fr/2020/03/02/entretien/", page, max_chars=10**7).authors == [("Uriel Gadessaud", "byline")]
    # a plural label needs several names: 'Authors' / 'Neueste Aktivitäten' is a forum's menu
    menu = "<ul><li><a href='/a'>Authors</a></li><li><a href='/n'>Neueste Aktivitäten</a></li><li><a href='/f'>Foren</a></li></ul>"
    assert extract("https://example.com/forum/test.434/", _page(before=menu), max_chars=10**7).authors == []
    both = "<div><p>Authors</p><p>Ann Lee and Tom Roe</p></div>"
    assert [n for n, _ in extract("https://example.com/news/2024/story", _page(before=both), max_chars=10**7).authors] \
        == ["Ann Lee", "Tom Roe"]
    # a label heading a list of names is a side bar of the blog's authors
    side = "<aside><p>Autor</p><p>Akira Arenth</p><p>Jennifer Estep</p><p>Jennifer L. Armentrout</p></aside>"
    assert extract("https://example.com/2020/06/rezension", _page(after=side), max_chars=10**7).authors == []


def test_footnote_is_not_a_sign_off():
    quote = "<p>- Lucius Annaeus Seneca, röm. Philosoph, Dramatiker und Staatsmann. Quelle: www.zitate.net [↩]</p>"
    assert extract("https://example.com/zeitphilosophie/", _page(body=_BODY + quote), max_chars=10**7).authors == []
    signed = "<p>- David Dunkley, Senior Reporter</p>"
    assert [n for n, _ in extract("https://example.com/news/2024/story", _page(body=_BODY + signed), max_chars=10**7).authors] \
        == ["David Dunkley"]


def test_avatar_letters_before_the_name_in_author_markup():
    # (laid out as the page does, each element on a line of its own)
    before = ("<div class='img_info h-author'>\n<span class='letters'>Sm</span>\n<div class='author_data'>\n"
              "<span class='who'>David Andres Calle Atehortua</span>\n<span class='publishedAt'>04 de mayo 2022</span>\n</div>\n</div>")
    ex = extract("https://example.com/colombia/medellin/elecciones-669594", _page(before=before), max_chars=10**7)
    assert [n for n, _ in ex.authors] == ["David Andres Calle Atehortua"]
    # a name whose first word is short, on one line with the rest, keeps it
    before = "<div class='h-author'>\n<span class='who'>Jo Ann Smith</span>\n</div>"
    ex = extract("https://example.com/colombia/medellin/elecciones-669594", _page(before=before), max_chars=10**7)
    assert [n for n, _ in ex.authors] == ["Jo Ann Smith"]


def test_co_authors_trafilatura_or_the_metadata_would_lose():
    # a stray quote before a name in the meta tag
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "author": [{"@type": "Person", "name": '
          '"Luana Patriolino"}, {"@type": "Person", "name": "Raphael Felice"}]}</script>')
    head = ld + '<meta name="author" content="\'Luana Patriolino, Raphael Felice\'">'
    page = _page(head=head, before=_shown("Luana Patriolino") + _shown("Raphael Felice"))
    assert [n for n, _ in extract("https://example.com/politica/2022/05/tregua.html", page, max_chars=10**7).authors] \
        == ["Luana Patriolino", "Raphael Felice"]
    # the visible byline joins its last name with 'y'
    head = '<meta name="author" content="Isabel Caro">'
    page = _page(head=head, before="<div class='firma'><p>Isabel Caro, Rocío Latorre y José Miguel Wilson</p></div>")
    assert [n for n, _ in extract("https://example.com/politica/noticia/la-agenda/", page, max_chars=10**7).authors] \
        == ["Isabel Caro", "Rocío Latorre", "José Miguel Wilson"]


def test_meta_author_beside_other_json_ld_people_is_the_publisher():
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "author": [{"@type": "Person", "name": '
          '"Fiona Bornhöft"}, {"@type": "Person", "name": "Mariam Hofbeck"}]}</script>')
    shown = _shown("Fiona Bornhöft und Mariam Hofbeck")
    page = _page(head=ld + '<meta name="author" content="Condé Nast">', before=shown, after="<footer><p>Condé Nast Germany</p></footer>")
    assert [n for n, _ in extract("https://example.com/artikel/wellness-hotels", page, max_chars=10**7).authors] \
        == ["Fiona Bornhöft", "Mariam Hofbeck"]
    # a meta tag naming the JSON-LD's person and one more gives a co-author
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "author": {"@type": "Person", "name": "April Roach"}}</script>'
    page = _page(head=ld + "<meta name=\"author\" content=\"April Roach, Daniel O'Mahony\">",
                 before=_shown("By April Roach") + _shown("Daniel O'Mahony"))
    assert [n for n, _ in extract("https://example.com/news/uk/quarantine-list", page, max_chars=10**7).authors] \
        == ["April Roach", "Daniel O'Mahony"]


@pytest.mark.parametrize("own_ref", [
    '"mainEntityOfPage": {"@type": "WebPage", "@id": "/news/38519-ships-to-the-centre.html"}',  # (a relative address)
    '"url": "https://example.com/news/38519-ships-to-the-centre.html"',
    '"headline": "A headline here"',  # (no address: the headline)
])
def test_json_ld_articles_of_teasers_are_not_this_pages_authors(own_ref):
    """A site that describes every teaser on the page as a NewsArticle: only the object about this page
    gives its authors, not the others ('Glory Global Solutions Germany' on an advertisement's teaser)."""
    def article(ref, author):
        return f'{{"@type": "NewsArticle", {ref}, "author": {{"@type": "Person", "name": "{author}"}}}}'

    ld = ('<script type="application/ld+json">['
          + article(own_ref, "Ann Lee") + ","
          + article('"mainEntityOfPage": {"@id": "/ads/what-shoppers-want.html"}, "headline": "What shoppers want"',
                    "Glory Global Solutions Germany") + ","
          + article('"url": "https://example.com/news/38331-mediation.html", "headline": "Mediation"', "Elena Kuss")
          + "]</script>")
    teasers = ('<ul class="topicarea__items"><li><a href="/ads/what-shoppers-want.html">What shoppers want</a>'
               "<span>Glory Global Solutions Germany</span></li><li><a href='/news/38331-mediation.html'>Mediation</a>"
               "<span>Elena Kuss</span></li></ul>")
    page = _page(head=ld, before=_shown("Ann Lee"), after=teasers)
    authors = [n for n, _ in extract("https://example.com/news/38519-ships-to-the-centre.html", page, max_chars=10**7).authors]
    assert authors == ["Ann Lee"]


def test_json_ld_articles_that_cannot_be_told_apart_all_count():
    """Two article objects and neither is recognisably this page's: both authors stand, as before."""
    ld = ('<script type="application/ld+json">[{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Ann Lee"}},'
          '{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Tom Rowe"}}]</script>')
    page = _page(head=ld, before=_shown("By Ann Lee and Tom Rowe"))
    assert [n for n, _ in extract("https://example.com/news/1", page, max_chars=10**7).authors] == ["Ann Lee", "Tom Rowe"]


def test_json_ld_article_addresses_that_cannot_be_read_are_ignored():
    """A JSON-LD address Python's URL parser refuses ('http://[x', an unclosed IPv6 literal) or an
    empty path is no match and no error: the page is still read, with its own article's author."""
    ld = ('<script type="application/ld+json">[{"@type": "NewsArticle", "url": "http://[broken/a", "@id": "https://example.com/",'
          ' "author": {"@type": "Person", "name": "Tom Rowe"}},'
          '{"@type": "NewsArticle", "headline": "A headline here", "author": {"@type": "Person", "name": "Ann Lee"}}]</script>')
    page = _page(head=ld + '<link rel="canonical" href="http://[also-broken/">', before=_shown("Ann Lee"))
    ex = extract("https://example.com/", page, max_chars=10**7)
    assert ex.is_article and [n for n, _ in ex.authors] == ["Ann Lee"]


@pytest.mark.parametrize("link, expected", [
    # a link to the writer's page whose address spells the name
    ('<p><a href="/authors/jane-doe/">Jane Doe</a> | March 3, 2020</p>', ["Jane Doe"]),
    ('<p><a href="https://example.com/people/g%C3%BCnter-pilger">Günter Pilger</a></p>', ["Günter Pilger"]),
    ('<p><a href="/author/jane-doe/">Jane Doe</a> and <a href="/author/tom-roe/">Tom Roe</a></p>', ["Jane Doe", "Tom Roe"]),
    # the address names someone else, or nobody
    ('<p><a href="/author/tom-roe/">Jane Doe</a></p>', []),
    ('<p><a href="/author/1234">Jane Doe</a></p>', []),
    # a list of the site's writers is no byline; nor are links in menus or footers
    ("<p>" + " ".join(f'<a href="/author/{n.lower().replace(" ", "-")}">{n}</a>'
                      for n in ("Jane Doe", "Tom Roe", "Ann Lee")) + "</p>", []),
    ('<nav><a href="/author/jane-doe/">Jane Doe</a></nav>', []),
    ('<footer><a href="/author/jane-doe/">Jane Doe</a></footer>', []),
])
def test_link_to_the_writers_page(link, expected):
    ex = extract("https://example.com/news/2024/story", _page(before=link), max_chars=10**7)
    assert [n for n, _ in ex.authors] == expected


def test_name_linked_in_running_text_or_among_many_writers_is_no_author():
    # a topic page linked from a sentence of the article
    body = ('<p><a href="/topics/people/donald-trump.html">Donald Trump</a> has been eager to withdraw, but General '
            'Mark Milley told US media this month that its forces are likely to remain for several more years.</p>' + _BODY)
    assert extract("https://example.com/news/2024/story", _page(body=body), max_chars=10**7).authors == []
    # one writer's link whose address spells the name, among links to other writers' pages whose addresses do not
    links = "".join(f'<h5><a href="/author/{slug}/">{name}</a></h5>' for slug, name in
                    (("ljazdzewski", "Leszek Jażdżewski"), ("tomasz-kasprowicz", "Tomasz Kasprowicz"),
                     ("rjaskowski", "Rafał Jaśkowski")))
    assert extract("https://example.com/news/2024/story", _page(after=links), max_chars=10**7).authors == []


def test_visible_byline_under_the_headline_wins_over_metadata_naming_someone_else():
    # the meta tag names a contributor the page thanks at the end; the byline under the headline names the writer
    head = '<meta name="author" content="Ann Lee">'
    body = _BODY + "<p>Ann Lee contributed reporting.</p>"
    html = (f"<html><head><title>A headline here</title>{head}</head><body><article><h1>A headline here</h1>"
            f"<p>By Jane Doe</p>{body}</article></body></html>")
    assert extract("https://example.com/news/2024/story", html, max_chars=10**7).authors == [("Jane Doe", "byline")]
    # the same names agree: the metadata's spelling and source stand
    html = html.replace("By Jane Doe", "By Ann Lee")
    assert [n for n, _ in extract("https://example.com/news/2024/story", html, max_chars=10**7).authors] == ["Ann Lee"]
    # a 'By' line far below the headline (a teaser for another story) does not override the metadata
    html = (f"<html><head><title>A headline here</title>{head}</head><body><article><h1>A headline here</h1>"
            f"<p>Ann Lee reports.</p>{_BODY * 3}</article><div><p>By Jane Doe</p></div></body></html>")
    assert [n for n, _ in extract("https://example.com/news/2024/story", html, max_chars=10**7).authors] == ["Ann Lee"]


@pytest.mark.parametrize("byline, expected", [
    # under the headline, names with only their agency or newsroom role and no 'By'
    ("<p>Ann Lee, Contributor</p>", ["Ann Lee"]),
    ("<p>Ann Lee and Tom Roe | Senior Staff Writers</p>", ["Ann Lee", "Tom Roe"]),
    ("<p>Ann Lee | Senior Staff Writer</p>", ["Ann Lee"]),
    # the role after a slash or a dash, or on the next line; the paper's name before the role, or after it
    ("<p>Ann Lee/Staff Reporter</p>", ["Ann Lee"]),
    ("<p>Ann Lee - Staff Reporter</p>", ["Ann Lee"]),
    ("<p>Ann Lee</p><p>Staff Reporter</p>", ["Ann Lee"]),
    ("<p>Ann Lee, Gleaner Writer</p>", ["Ann Lee"]),
    ("<p>Ann Lee, Observer Staff Reporter</p>", ["Ann Lee"]),
    ("<p>Ann Lee, Staff Writer, The Example Times</p>", ["Ann Lee"]),
    ("<p>Ann Lee | Reporter | March 3, 2020</p>", ["Ann Lee"]),
    # the names, then when it was posted or how long it takes to read
    ("<p>Ann Lee Posted: March 3, 2020</p>", ["Ann Lee"]),
    ("<p>Ann Lee · 4 min read</p>", ["Ann Lee"]),
    ("<p>Ann Lee 3 hours ago</p>", ["Ann Lee"]),
    ("<p>Updated March 3, 2020 By Ann Lee</p>", ["Ann Lee"]),
    # a name with any other words after it is not a byline; an agency after it may be a photo's credit; a role on
    # the next line may be a menu's next item
    ("<p>Ann Lee, The Mayor Of Springfield</p>", []),
    ("<p>Al Goldis, Associated Press</p>", []),
    ("<ul><li>Golf</li><li>Auto Racing</li><li>Columnist</li></ul>", []),
    ("<p>The Associated Press</p>", []),
    # a photographer's credit; a menu's plural role on the next line; a place and a date (a dateline)
    ("<p>Ann Lee/Staff Photographer</p>", []),
    ("<p>Ann Lee</p><p>Columnists</p>", []),
    ("<p>Port Louis, March 3, 2020</p>", []),
])
def test_names_with_their_newsroom_role_under_the_headline(byline, expected):
    html = (f"<html><head><title>A headline here</title></head><body><article><h1>A headline here</h1>{byline}"
            f"{_BODY}</article></body></html>")
    assert [n for n, _ in extract("https://example.com/news/2024/story", html, max_chars=10**7).authors] == expected


def test_a_readers_comment_headed_by_name_and_time_is_no_byline():
    comment = "<div><p>Ann Lee 3 hours ago</p><p>Great piece, thanks.</p></div>"
    html = (f"<html><head><title>A headline here</title></head><body><article><h1>A headline here</h1>"
            f"{_BODY}</article>{comment}</body></html>")
    assert extract("https://example.com/news/2024/story", html, max_chars=10**7).authors == []


def test_a_reading_list_of_titles_and_their_authors_is_no_byline():
    """A reading-list widget sets each title over 'by' and its author: none of them wrote the page."""
    widget = ("<div><p>Currently reading</p><p>Grenzgänger</p><p>by Akira Arenth</p><p>Pennies</p>"
              "<p>by Pepper Winters</p></div>")
    assert extract("https://example.com/news/2024/story", _page(after=widget), max_chars=10**7).authors == []
    # one 'by' line alone is the byline
    single = "<div><p>by Pepper Winters</p></div>"
    assert [n for n, _ in extract("https://example.com/news/2024/story", _page(before=single),
                                  max_chars=10**7).authors] == ["Pepper Winters"]


@pytest.mark.parametrize("credit", [
    "<p>(Reporting by Tom Roe; Editing by Ann Lee)</p>",
    "<figure><figcaption>Protesters on Monday. Photo: Ann Lee/Reuters</figcaption></figure>",
    "<figure><figcaption>(ANN LEE/STAFF PHOTOGRAPHER)</figcaption></figure>",
    "<p>Additional reporting by Ann Lee in Paris.</p>",
    "<p>Ann Lee contributed to this report.</p>",
    "<p>Media contact: Ann Lee, 555-0100</p>",
])
def test_metadata_name_the_page_shows_only_as_a_credit_is_no_author(credit):
    """The meta tag names someone the page credits only for editing, photographs or help: not the writer."""
    html = _page(head='<meta name="author" content="Ann Lee">', after=credit)
    assert extract("https://example.com/news/2024/story", html, max_chars=10**7).authors == []
    # the same credit beside a byline naming them: the writer
    html = _page(head='<meta name="author" content="Ann Lee">', before="<p>By Ann Lee</p>", after=credit)
    assert [n for n, _ in extract("https://example.com/news/2024/story", html, max_chars=10**7).authors] == ["Ann Lee"]


@pytest.mark.parametrize("account", ["Newsroom", "Press Release", "Sponsored Content", "University Communications",
                                     "Media Relations"])
def test_a_press_office_or_an_advertiser_typed_as_a_person_is_no_author(account):
    assert _authored(account, account) == []


def test_a_name_near_the_word_photo_is_not_a_photo_credit():
    html = _page(head='<meta name="author" content="Ann Lee">', after="<p>The photo exhibition curated by Ann Lee opens.</p>")
    assert [n for n, _ in extract("https://example.com/news/2024/story", html, max_chars=10**7).authors] == ["Ann Lee"]


@pytest.mark.parametrize("byline, expected", [
    # an agency, a desk or the outlet under the headline: the person the metadata names only posted it
    ("<p>By The Associated Press</p>", []),
    ("<p>By Reuters Staff | March 3, 2020</p>", []),
    ("<p>By Example Times</p>", []),
    # the newsroom's or the wires' reports, with no 'By'
    ("<p>Staff Report</p>", []),
    ("<p>From staff and wire reports</p>", []),
    ("<p>CBS/AP</p>", []),
    # a person, with an agency after the name, or the metadata's own name under the headline; an agency alone
    # (as often a photo's credit); a newsroom's report that is a headline's word
    ("<p>Associated Press</p>", ["Ann Lee"]),
    ("<p>Staff reports of abuse rise</p>", ["Ann Lee"]),
    ("<p>By Tom Roe, Associated Press</p>", ["Tom Roe"]),
    ("<p>By The Associated Press</p><p>Posted by Ann Lee</p>", ["Ann Lee"]),
])
def test_an_agency_byline_under_the_headline_wins_over_the_metadata(byline, expected):
    head = '<meta name="author" content="Ann Lee"><meta property="og:site_name" content="Example Times">'
    html = (f"<html><head><title>A headline here</title>{head}</head><body><article><h1>A headline here</h1>{byline}"
            f"{_BODY}</article><aside><p>Our team</p><p>Ann Lee</p></aside></body></html>")
    assert [n for n, _ in extract("https://example.com/news/2024/story", html, max_chars=10**7).authors] == expected


def test_co_authors_one_block_each_with_the_lists_comma():
    """'By' / 'Tariq Malik,' / 'Mike Wall': each name in its own block, the comma of the list ending the first; the
    metadata names only the first."""
    byline = "<div><span>By</span><div><a>Ann Lee</a>,</div><div><a>Tom Roe</a></div><time>2019-11-18T22:05:36Z</time></div>"
    html = _page(head='<meta name="author" content="Ann Lee">', before=byline)
    assert [n for n, _ in extract("https://example.com/news/2024/story", html, max_chars=10**7).authors] == ["Ann Lee", "Tom Roe"]
    # a name alone on the line after a sentence that ends with a comma is not a co-author
    other = "<p>By Ann Lee</p><p>Tomorrow, in the morning,</p><p>Tom Roe</p>"
    html = _page(head='<meta name="author" content="Ann Lee">', before=other)
    assert [n for n, _ in extract("https://example.com/news/2024/story", html, max_chars=10**7).authors] == ["Ann Lee"]


@pytest.mark.parametrize("blurb", ["Daily News – May our workers be inspired never to... more",
                                   "The council met on Monday to talk about the budget… Read more"])
def test_a_by_line_over_a_cut_short_blurb_is_a_teasers(blurb):
    """A sidebar's 'By' line over the first words of another story and a link to the rest names that story's writer."""
    teaser = f"<div><p>Encouraging Event, Disturbing Developments</p><p>By Tom Roe</p><p>{blurb}</p></div>"
    assert extract("https://example.com/news/2024/story", _page(after=teaser), max_chars=10**7).authors == []
    # the same 'By' line over the article's own first paragraph is the byline
    assert [n for n, _ in extract("https://example.com/news/2024/story", _page(before="<p>By Tom Roe</p>"),
                                  max_chars=10**7).authors] == ["Tom Roe"]


@pytest.mark.parametrize("url, site, expected", [
    ("https://www.investmentwatchblog.com/story/", "", []),
    ("https://example.com/story/", '<meta property="og:site_name" content="Investment Watch Blog">', []),
    # capitals that are not the site's initials stay a name the author markup vouches for
    ("https://example.com/story/", "", ["IWB"]),
])
def test_the_sites_initials_in_author_markup_are_the_outlet(url, site, expected):
    byline = '<p>October 19, 2019 by <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span>IWB</span></span></p>'
    html = _page(head=site, before=byline)
    assert [n for n, _ in extract(url, html, max_chars=10**7).authors] == expected


def test_json_ld_typed_with_type_rather_than_at_type():
    """schema.org's context makes 'type' the same key as '@type'; some sites write it so."""
    ld = ('<script type="application/ld+json">{"@context": "http://schema.org", "type": "Article", "headline": "A headline '
          'here", "author": {"@type": "Person", "name": "Martin Chikilian"}}</script>')
    html = _page(head=ld, before="<div><p>Martin Chikilian</p><p>Martin is a full-stack engineer.</p></div>")
    assert extract("https://example.com/news/2024/story", html, max_chars=10**7).authors == [("Martin Chikilian", "json-ld")]


def test_normalise_space_collapses_exactly_the_regex_whitespace():
    """str.split's whitespace is the same set of characters as the regex \\s (every code point is checked)."""
    import re

    from backstory.extract import normalise_space

    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        text = f" a{chr(cp)}{chr(cp)}b "
        assert normalise_space(text) == re.sub(r"\s+", " ", text).strip(), hex(cp)


@pytest.mark.parametrize("line, name", [
    # a Brazilian health site's post line (ScrapingHub benchmark), the date before and the category after
    ("05/10/2018 - Publicado por: Clarissa Borba - Categoria: Saúde", "Clarissa Borba"),
    ("Escrito por Jose Pablo Segura Vargas", "Jose Pablo Segura Vargas"),  # (a Costa Rican blog, trafilatura's corpus)
    ("Publié par Matthieu Hy", "Matthieu Hy"),
    ("Veröffentlicht von Lisa Petrich", "Lisa Petrich"),
    ("05/10/2018 - Posted by: Ann Lee - Category: Health", "Ann Lee"),
    ("Posted by: Ann Lee", "Ann Lee"),
])
def test_published_by_lines_in_several_languages(line, name):
    page = _page(before=f"<h1>A headline for the story here</h1><p class='meta'>{line}</p>")
    assert extract("https://example.com.br/2018/10/05/saude/story", page, max_chars=10**7).authors == [(name, "byline")]


@pytest.mark.parametrize("line", [
    "Publicado por: Redacción - Categoria: Saúde",  # (a newsroom, one word)
    "05/10/2018 - Publicado por: Clarissa Borba - Saúde e bem-estar para todos",  # (no category label: not the line's end)
])
def test_published_by_lines_name_no_newsroom(line):
    page = _page(before=f"<h1>A headline for the story here</h1><p class='meta'>{line}</p>")
    assert extract("https://example.com.br/2018/10/05/saude/story", page, max_chars=10**7).authors == []


def _user_card(name: str) -> str:
    return (f'<div class="user-details" itemprop="author" itemscope itemtype="http://schema.org/Person">'
            f'<a href="/users/1/x">{name}</a></div>')


def test_question_and_answer_cards_name_no_author():
    # a Q&A site (as German Stack Exchange in trafilatura's corpus): who asked and who answered are users, not writers
    question = f'<div itemprop="mainEntity" itemscope itemtype="https://schema.org/Question">{_BODY}{_user_card("Tom Au")}'
    answer = f'<div itemscope itemtype="https://schema.org/Answer"><p>An answer with words.</p>{_user_card("Hagen von Eitzen")}</div>'
    page = (f'<html itemscope itemtype="https://schema.org/QAPage"><head><title>When to use it</title></head><body>'
            f'<h1>When to use it</h1>{question}{answer}</div></body></html>')
    assert extract("https://german.stackexchange.com/questions/1/when", page, max_chars=10**7).authors == []
    # an article's own author markup stays, whatever comments marked up as such say below it
    article = (f'<div itemscope itemtype="https://schema.org/NewsArticle">{_user_card("Ann Lee")}{_BODY}'
               f'<div itemscope itemtype="https://schema.org/Comment"><p>Nice.</p>{_user_card("Tom Au")}</div></div>')
    assert extract("https://example.com/news/2024/story", _page(body=article), max_chars=10**7).authors == [("Ann Lee", "byline")]


def _page_titled(title: str, h1: str, body: str = _BODY) -> str:
    return f"<html><head><title>{title}</title></head><body><header>{h1}</header><article>{body}</article></body></html>"


def test_an_h1_linking_home_is_the_sites_name_not_the_headline():
    # (an old blog theme, as fouryears.eu in trafilatura's corpus): the page title has the headline after the site's
    # name and a section
    page = _page_titled("Four Years Remaining &raquo; Blog Archive &raquo; Interning of Small Integers in Python",
                   '<h1><a href="http://fouryears.eu">Four Years Remaining</a></h1>')
    ex = extract("http://fouryears.eu/2019/10/21/interning-of-small-integers-in-python/", page, max_chars=10**7)
    assert ex.title == "Interning of Small Integers in Python"
    # an <h1> linking to the article itself is its headline
    page = _page_titled("Site | Interning of Small Integers in Python",
                   '<h1><a href="/2019/10/21/interning/">Interning of Small Integers in Python</a></h1>')
    ex = extract("http://fouryears.eu/2019/10/21/interning/", page, max_chars=10**7)
    assert ex.title == "Interning of Small Integers in Python"
    # a link no address parser can read is no home link, and no reason to fail the page
    page = _page_titled("Site | Interning of Small Integers in Python", '<h1><a href="http://[bad/">Site</a></h1>')
    ex = extract("http://fouryears.eu/2019/10/21/interning/", page, max_chars=10**7)
    assert ex.is_article and ex.title == "Site"  # (an ordinary <h1>, the head of the page title)


@pytest.mark.parametrize("title, headline", [
    ("National Rail Enquiries -", "National Rail Enquiries"),  # (a separator with nothing after it)
    ("Über André Loibl |", "Über André Loibl"),
    # a French closing guillemet is set off by a space
    ("« Les privatisations sont au profit d'intérêts privés »", "« Les privatisations sont au profit d'intérêts privés »"),
])
def test_page_title_cleaned_of_a_dangling_separator(title, headline):
    page = _page_titled(title, "")
    assert extract("https://example.at/news/2024/story", page, max_chars=10**7).title == headline


def test_a_syndication_phrase_is_searched_only_where_the_words_it_needs_stand():
    # the words each phrase needs are searched first: a text the phrase matches must hold them (its examples, and
    # variants in other cases, spacing and lines), and a text without them is never searched by the phrase
    from backstory.extract import rules, syndication

    kinds = dict(syndication.SYNDICATION_PATTERNS)
    assert set(syndication._PHRASE_NEEDS) <= set(kinds)
    for kind, need in syndication._PHRASE_NEEDS.items():
        pattern = kinds[kind]
        declared = rules.PATTERNS[rules.id_of(pattern)]
        texts = [*declared.fires_on, *declared.never_on]
        texts += [t.upper() for t in texts] + [t.replace(" ", "\n  ") for t in texts] + [f"Intro.\n{t} More." for t in texts]
        for text in texts:
            assert pattern.search(text) is None or need.search(text), (kind, text)
        assert all([m.span() for m in syndication._phrases(kind, pattern, t)] == [m.span() for m in pattern.finditer(t)]
                   for t in texts)
        assert list(syndication._phrases(kind, pattern, "Nothing was published here.")) == []


@pytest.mark.parametrize("style, hides", [("COLOR:#fff;BACKGROUND:#FFF", True), ("color:red;Background-Color:red", True),
                                          ("color:#fff", False), ("background:#fff", False), ("color:#fff;background:#000", False),
                                          ("DISPLAY:none", True)])
def test_a_style_hides_text_in_the_colour_of_its_background_in_any_case(style, hides):
    from backstory.extract.page import _hides

    assert _hides(style) is hides


@pytest.mark.parametrize("page", _FIXTURE_PAGES[:4] + [_page(body="<div><p>a<script>var x</script>b</p><style>p{}</style></div>")],
                         ids=lambda p: getattr(p, "name", "scripts"))
def test_a_parts_text_outside_scripts_is_read_as_the_pattern_reads_it(page):
    # furniture._texts skips the test of every piece's parent where a part holds no script or style sheet: the same
    # pieces as _TEXT for every element of the page (scripts and style sheets themselves included)
    from lxml import etree

    from backstory.extract import furniture
    from backstory.extract.page import load_for_trafilatura

    tree = load_for_trafilatura(clean_input(page.read_text(encoding="utf-8") if isinstance(page, Path) else page, 10**8))
    assert any(el.tag == "script" for el in tree.iter())
    assert all(furniture._texts(el) == furniture._TEXT(el) for el in tree.iter(etree.Element))


def test_the_caches_of_repeated_values_keep_only_short_ones():
    # (a class or a style a page repeats is tested once; a hostile page's huge values are tested but not kept, so the
    # process-wide cache cannot grow with them)
    from backstory.extract import furniture, page
    from backstory.extract.text import SHORT_VALUE_CHARS, cached_for_short

    calls = []

    @cached_for_short(8)
    def upper(value: str) -> str:
        calls.append(value)
        return value.upper()

    assert upper("menu") == upper("menu") == "MENU" and calls == ["menu"]
    huge = "x" * (SHORT_VALUE_CHARS + 1)
    assert upper(huge) == upper(huge) == huge.upper() and calls.count(huge) == 2
    assert upper.cache_info().currsize == 1
    for cached in (furniture.class_word, furniture._first_class_word, page._hides):
        cached.cache_clear()
        cached("related-" + "x" * 10 * SHORT_VALUE_CHARS)
        assert cached.cache_info().currsize == 0
        cached("related-links")
        assert cached.cache_info().currsize == 1
    assert page._hides("display:none") and not page._hides("color:red") and furniture.class_word("related-links") == "related"
