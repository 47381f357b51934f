"""The page's own claims shape no card by themselves (issue 24, item 5): the outlet is the tab's host as the knowledge
base names it; the page's names for itself are shown only as "the page calls itself …"; a republication claim is the
page's claim, and lends the original's ratings only when a check confirms it."""

from __future__ import annotations

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

    def outlet(self, domain):
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
