"""The page's own claims shape no card by themselves (issue 24, item 5): the outlet is the tab's host as the knowledge
base names it; the page's names for itself are shown only as "the page calls itself …"; a republication claim is the
page's claim, and lends the original's ratings only when a check confirms it."""

from __future__ import annotations

import json

import pytest

from backstory.cards import outlet_card, syndication_card
from backstory.extract import extract
from backstory.outlet import Evidence, OutletId, Syndication, detect_syndication, identify

_BODY = "".join(f"<p>Paragraph {i} of the article body carries enough words to be read as the main text of a news story.</p>"
                for i in range(12))
EVIL = "https://evil.example/2024/big-story"


def _page(head: str = "", extra: str = "", footer: str = "") -> str:
    return (f"<html><head><title>Big story</title>{head}</head><body><article><h1>Big story</h1>{_BODY}{extra}</article>"
            f"<footer>{footer}</footer></body></html>")


class FakeKB:
    """Reuters rated, its domain known; nothing else."""

    def outlet(self, domain, host=None):
        return {"name": "Reuters", "domain": "reuters.com", "name_source": "kb", "ratings": [{"rater": "R", "verdict": "high"}],
                "raters_disagree": False, "facts": [], "kb_match": "exact"} if domain == "reuters.com" else None

    def outlet_by_name(self, name):
        return self.outlet("reuters.com") if name.casefold() == "reuters" else None


@pytest.mark.parametrize("head", [
    '<meta property="og:site_name" content="The New York Times">',
    '<script type="application/ld+json">{"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "The New York Times"}}</script>',
])
def test_the_page_never_names_the_outlet_heading(head):
    card = outlet_card(identify(extract(EVIL, _page(head), max_chars=10**7)), FakeKB())
    assert (card["name"], card["name_source"]) == ("evil.example", "domain")
    assert card["page_calls_itself"]["name"] == "The New York Times"
    assert card["page_calls_itself"]["label"] == "the page calls itself “The New York Times”"


def test_the_heading_is_the_knowledge_bases_name_and_a_same_name_is_not_repeated():
    ex = extract("https://www.reuters.com/world/x", _page('<meta property="og:site_name" content="Reuters">'), max_chars=10**7)
    card = outlet_card(identify(ex), FakeKB())
    assert (card["name"], card["name_source"], card["page_calls_itself"]) == ("Reuters", "kb", None)


def test_a_social_media_address_is_never_the_outlets_name():
    ex = extract(EVIL, _page('<meta property="og:site_name" content="https://www.facebook.com/evilpage">'), max_chars=10**7)
    who = identify(ex)
    assert who.name is None and outlet_card(who, FakeKB())["page_calls_itself"] is None


def _card(extra: str = "", head: str = "", footer: str = ""):
    ex = extract(EVIL, _page(head, extra, footer), max_chars=10**7)
    return syndication_card(detect_syndication(ex, identify(ex)), FakeKB())


@pytest.mark.parametrize("parts", [
    {"extra": "<p>This article was originally published on Reuters.</p>"},
    # a link naming the original elsewhere on the page is no check of the claim
    {"extra": "<p>This article was originally published on Reuters.</p>", "footer": '<a href="https://www.reuters.com/">Reuters</a>'},
    {"footer": "<p>© 2019 Associated Press. All rights reserved.</p>"},
])
def test_an_unconfirmed_claim_lends_no_ratings(parts):
    card = _card(**parts)
    assert card["confirmed"] is False and card["outlet"] is None and card["url"] is None
    assert "not confirmed" in card["label"] and card["label"].startswith("the page says")


def test_a_link_to_the_original_in_the_credit_confirms_it():
    card = _card('<p>This article was originally published on <a href="https://www.reuters.com/world/x">Reuters</a>.</p>')
    assert card["confirmed"] is True and card["outlet"]["ratings"]
    assert card["confirmed_by"] == {"kind": "credit_link", "url": "https://www.reuters.com/world/x",
                                    "text": "a link to reuters.com in the credit itself"}
    assert "not this page's" in card["label"]


def test_a_canonical_link_to_the_original_confirms_it():
    card = _card("<p>This article was originally published on Reuters.</p>", head='<link rel="canonical" href="https://www.reuters.com/world/x">')
    assert card["confirmed"] is True and card["confirmed_by"]["kind"] == "canonical_link" and card["outlet"]["ratings"]


def test_a_link_to_another_domain_in_the_credit_confirms_nothing():
    card = _card('<p>This article was originally published on <a href="https://reuters.evil.example/x">Reuters</a>.</p>')
    assert card["confirmed"] is False and card["outlet"] is None


def test_an_original_the_knowledge_base_does_not_know_is_confirmed_by_its_own_domain():
    syn = Syndication(name="Foo News", domain=None, url=None,
                      evidence=[Evidence("originally_published", "Originally published by Foo News", links=["https://www.foonews.com/a"])])
    card = syndication_card(syn, FakeKB())
    assert card["confirmed"] is True and card["domain"] == "foonews.com" and card["outlet"] is None


def test_hostile_pages_of_issue_24_borrow_no_ratings(engine):
    """evil.example with one sentence 'originally published on Reuters', or a footer naming AP: the real knowledge base
    rates both, and neither rating reaches the card."""
    for page in (_page(extra="<p>This article was originally published on Reuters.</p>"),
                 _page(footer="<p>© 2019 The Associated Press. All rights reserved.</p>"),
                 _page(head='<meta property="og:site_name" content="Reuters">')):
        doc = engine.analyze(EVIL, page, use_cache=False)
        assert doc["outlet"]["name"] == "evil.example" and doc["outlet"]["ratings"] == []
        syn = doc["syndicated_from"]
        assert syn is None or (syn["confirmed"] is False and syn["outlet"] is None)


# --- invisible text is never evidence (issue 24, item 5) ---
_HIDINGS = {
    "hidden attribute": ('<div hidden>{}</div>', ""),
    "display:none": ('<div style="display: none">{}</div>', ""),
    "visibility:hidden": ('<div style="color:#333;visibility:hidden">{}</div>', ""),
    "font-size 0": ('<div style="font-size:0px">{}</div>', ""),
    "template": ("<template>{}</template>", ""),
    "noscript": ("<noscript>{}</noscript>", ""),
    "aria-hidden": ('<div aria-hidden="true">{}</div>', ""),
    "white on white": ('<div style="color: #FFF; background-color: white">{}</div>', ""),
    "same colour": ('<div style="color:#123456;background:#123456">{}</div>', ""),
    "the page's own style rule (class)": ('<div class="sr-note">{}</div>', "<style>p {color: black} .sr-note { display:none }</style>"),
    "the page's own style rule (id)": ('<div id="x1">{}</div>', "<style>#x1{font-size:0}</style>"),
}
_SHOWN = {
    "plain": ("<div>{}</div>", ""),
    "faded in by a script (opacity 0)": ('<div style="opacity:0">{}</div>', ""),
    "a small font": ('<div style="font-size: 0.9em">{}</div>', ""),
    "hidden only in print": ('<div class="np">{}</div>', "<style>@media print { .np { display:none } }</style>"),
    "a class another rule shows": ('<div class="tab">{}</div>', "<style>.tab{display:none} .js .tab{display:block}</style>"),
    "dark on white": ('<div style="color:#111;background:#fff">{}</div>', ""),
}


def _wrapped(how: tuple[str, str], inner: str, *, where: str = "extra") -> str:
    markup, style = how
    return _page(head=style, **{where: markup.format(inner)})


@pytest.mark.parametrize("how", list(_HIDINGS), ids=list(_HIDINGS))
def test_an_invisible_byline_names_no_author(how):
    byline = '<p class="byline">By Zachary Quillfeather</p>'
    shown = extract(EVIL, _page(extra=byline), max_chars=10**7)
    assert [a.name for a in shown.authors] == ["Zachary Quillfeather"]  # (the control: shown, it is read)
    hidden = extract(EVIL, _wrapped(_HIDINGS[how], byline), max_chars=10**7)
    assert hidden.authors == [] and "Quillfeather" not in hidden.chrome_text


@pytest.mark.parametrize("how", list(_HIDINGS), ids=list(_HIDINGS))
def test_an_invisible_republication_claim_is_no_evidence(how):
    claim = "<p>This article was originally published on Reuters.</p>"
    assert _card(extra=claim)["name"] == "Reuters"  # (the control)
    ex = extract(EVIL, _wrapped(_HIDINGS[how], claim), max_chars=10**7)
    assert "originally published" not in ex.text and "originally published" not in ex.chrome_text
    assert detect_syndication(ex, identify(ex)) is None


@pytest.mark.parametrize("how", list(_HIDINGS), ids=list(_HIDINGS))
def test_an_invisible_footer_credit_is_no_evidence(how):
    footer = "<p>© 2019 The Associated Press. All rights reserved.</p>"
    ex = extract(EVIL, _wrapped(_HIDINGS[how], footer, where="footer"), max_chars=10**7)
    assert detect_syndication(ex, identify(ex)) is None


@pytest.mark.parametrize("how", list(_SHOWN), ids=list(_SHOWN))
def test_text_the_reader_sees_stays_evidence(how):
    ex = extract(EVIL, _wrapped(_SHOWN[how], '<p class="byline">By Zachary Quillfeather</p>'), max_chars=10**7)
    assert [a.name for a in ex.authors] == ["Zachary Quillfeather"]


def test_invisible_text_is_not_main_text():
    ex = extract(EVIL, _page(extra='<p style="font-size:0">Secret words for the machine only, never shown to readers at all.</p>'),
                 max_chars=10**7)
    assert "Secret words" not in ex.text and "Paragraph 3" in ex.text


# --- `backstory check saved.html`: the card says where the address came from (issue 24, item 5) ---
@pytest.fixture()
def cli_env(monkeypatch, session_dirs, tmp_path):
    monkeypatch.setenv("BACKSTORY_CACHE_DIR", str(session_dirs["cache_dir"]))
    monkeypatch.setenv("BACKSTORY_DATA_DIR", str(session_dirs["data_dir"]))
    monkeypatch.setenv("BACKSTORY_CONFIG_DIR", str(tmp_path / "config"))
    return tmp_path


def _check(argv, capsys):
    from backstory.cli import main

    assert main(["check", *argv, "--no-cache"]) in (0, 3)
    return capsys.readouterr().out


def test_a_saved_pages_own_canonical_link_is_named_on_the_card(cli_env, capsys):
    saved = cli_env / "saved.html"
    saved.write_text(_page(head='<link rel="canonical" href="https://www.reuters.com/world/big-story">'), encoding="utf-8")
    doc = json.loads(_check([str(saved), "--json"], capsys))
    assert doc["outlet"]["url_from"]["source"] == "page_canonical"
    assert doc["outlet"]["url_from"]["url"] == "https://www.reuters.com/world/big-story"
    text = _check([str(saved)], capsys)
    assert "the saved page's own canonical link" in text and "not checked" in text and "--url" in text


def test_a_saved_page_without_an_address_says_so(cli_env, capsys):
    saved = cli_env / "saved.html"
    saved.write_text(_page(), encoding="utf-8")
    doc = json.loads(_check([str(saved), "--json"], capsys))
    assert doc["outlet"]["url_from"]["source"] == "none" and doc["outlet"]["url_from"]["url"] is None


def test_an_address_the_reader_gave_needs_no_note(cli_env, capsys):
    saved = cli_env / "saved.html"
    saved.write_text(_page(head='<link rel="canonical" href="https://www.reuters.com/world/big-story">'), encoding="utf-8")
    doc = json.loads(_check([str(saved), "--url", EVIL, "--json"], capsys))
    assert "url_from" not in doc["outlet"] and doc["outlet"]["domain"] == "evil.example"
    assert "the saved page's own canonical link" not in _check([str(saved), "--url", EVIL], capsys)


@pytest.mark.parametrize("wrap", [
    '<div style="display:none">{}</div>',  # (shown by a script: an anti-flicker snippet, a saved copy)
    "<noscript>{}</noscript>",  # (a script renders the same text; the <noscript> copy is what a saved page holds)
    '<div class="js-reveal">{}</div><style>.js-reveal {{ display: none }}</style>',
])
def test_a_page_hiding_its_whole_article_until_a_script_runs_is_still_read(wrap):
    article = f'<p class="byline">By Zachary Quillfeather</p>{_BODY}'
    html = f"<html><head><title>Big story</title></head><body><h1>Big story</h1>{wrap.format(article)}</body></html>"
    ex = extract(EVIL, html, max_chars=10**7)
    assert "Paragraph 11" in ex.text and [a.name for a in ex.authors] == ["Zachary Quillfeather"]


def test_gallery_slides_hidden_one_by_one_are_read_but_a_hidden_sentence_is_not():
    slides = "".join(f'<div class="slide" style="display: none"><p>Slide {i} tells a long part of the story in many '
                     f'words, as galleries do, one slide shown at a time by the script.</p></div>' for i in range(12))
    html = (f"<html><head><title>Big story</title></head><body><h1>Big story</h1><p>An opening line.</p>{slides}"
            '<p style="font-size:0">This article was originally published on Reuters.</p></body></html>')
    ex = extract(EVIL, html, max_chars=10**7)
    assert "Slide 11" in ex.text and "Reuters" not in ex.text + ex.chrome_text
