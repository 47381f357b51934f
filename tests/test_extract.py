from backstory.errors import InputError, TooLarge
from backstory.extract import clean_input, extract, looks_like_name, split_authors

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
        f"<body><article><h1>A headline here</h1>{body}</article></body></html>"
    )
    ex = extract("https://example.com/news/2024/story", html, max_chars=10**7)
    assert ex.authors == [("Maria Ortega", "json-ld")]
    assert ex.site_name == "Example Times" and ex.site_name_source == "json-ld"


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
