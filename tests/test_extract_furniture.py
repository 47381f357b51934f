"""Page furniture (issue 28): navigation, trending and related-link boxes, newsletter prompts and comment forms are
never the main text or the title. Small synthetic pages, one per case reported on unseen pages; each case test fails
on the code before the furniture rules, and the guards keep article bodies that sit in aside-like containers."""

from __future__ import annotations

import pytest

import lxml.html

from backstory.extract import extract, furniture
from backstory.extract.furniture import class_word

URL = "https://news.example.com/2024/05/council-approves-budget"
HEADLINE = "Council approves new budget for city parks"
_STORY = ("<p>The city council voted on Tuesday to approve a new budget for the parks department after months of debate.</p>"
          "<p>Council member Ann Lee said the vote was overdue and that residents had asked for better paths and lights.</p>"
          "<p>The budget takes effect in July, when work on the first three parks begins.</p>")
_LEDE = _STORY[:_STORY.index("</p>") + 4]
_MENU = ('<ul class="menu">' + "".join(f'<li><a href="/{w.lower()}">{w}</a></li>' for w in
                                       ("News", "Sport", "Entertainment", "Business", "Lifestyle", "Travel")) + "</ul>")
_CELEBRITIES = ("Taylor Swift stuns fans with a surprise announcement at her concert in London",
                "Kim Kardashian and Kanye West spotted together again in Malibu this week",
                "Brad Pitt opens up about his new film and his family life in an interview",
                "Jennifer Lopez and Ben Affleck share rare photos from their holiday trip")
_TRENDING = ('<div class="trending-now"><h2>Trending</h2>'
             + "".join(f'<div class="item"><a href="/t{i}">{t}</a></div>' for i, t in enumerate(_CELEBRITIES)) + "</div>")


def _page(content: str, *, head: str = "", before: str = "", after: str = "", title: str = f"{HEADLINE} | Example News") -> str:
    return (f"<html><head><title>{title}</title>{head}</head><body>{before}<div class=\"content\">{content}</div>{after}"
            "</body></html>")


def _extract(html: str):
    return extract(URL, html, max_chars=10**7)


def test_a_menu_and_a_trending_box_are_not_the_article_when_the_body_is_missing():
    # (the article's body is drawn by a script: trafilatura's fallback took the whole page, menu and sidebar)
    ex = _extract(_page(f'<h1>{HEADLINE}</h1><div id="app-root"></div>', before=f'<div class="header">{_MENU}</div>',
                        after=_TRENDING))
    assert "Taylor Swift" not in ex.text and "Entertainment" not in ex.text
    assert not ex.is_article and ex.not_article_reason == "no main text found on this page"


def test_a_menu_and_a_trending_box_around_a_short_article_are_left_out():
    # (a guard: trafilatura's own rules already leave these out; they must stay out)
    ex = _extract(_page(f"<h1>{HEADLINE}</h1><div class=\"story\">{_STORY}</div>", before=f'<div class="header">{_MENU}</div>',
                        after=_TRENDING))
    assert "council voted on Tuesday" in ex.text and "July" in ex.text
    assert "Kardashian" not in ex.text and "Lifestyle" not in ex.text


@pytest.mark.parametrize("box", [
    # related links set as paragraphs in a box of their own, inside the article's container
    '<div class="related-stories"><h3>Related</h3><p><a href="/r1">Mayor Tom Roe says "we will rebuild every park," '
    'officials confirm</a></p><p><a href="/r2">Residents told Dr Jane Poe "the lights come first"</a></p></div>',
    # a recirculation module in an <aside>
    '<aside><h3>More from Example</h3><p><a href="/r1">Mayor Tom Roe says "we will rebuild every park," officials '
    'confirm</a></p><p><a href="/r2">Residents told Dr Jane Poe "the lights come first"</a></p></aside>',
    # the same with ARIA's role for a side box
    '<div role="complementary"><p><a href="/r1">Mayor Tom Roe says "we will rebuild every park," officials confirm</a>'
    '</p><p><a href="/r2">Residents told Dr Jane Poe "the lights come first"</a></p></div>',
])
def test_related_link_headlines_are_not_the_article(box):
    # (after a short article trafilatura's fallback took the headlines, and their quotes became citations)
    ex = _extract(_page(f"<h1>{HEADLINE}</h1><div class=\"story\">{_LEDE}{box}</div>"))
    assert "council voted on Tuesday" in ex.text
    assert "Tom Roe" not in ex.text and "Jane Poe" not in ex.text


@pytest.mark.parametrize("prompt", [
    '<div class="subscribe-box"><p>Sign up for our daily newsletter and never miss a story.</p></div>',
    '<div class="newsletter-signup"><h2>Get Example in your inbox.</h2><p>Sign up for our daily newsletter and never miss '
    'a story about your city, its council and its parks.</p><form><input type="email" name="email"><button>Sign up</button>'
    '</form></div>',
    '<div role="dialog"><p>Subscribe today and get unlimited access to every story about your city and its people.</p></div>',
])
def test_a_newsletter_prompt_is_not_the_article(prompt):
    ex = _extract(_page(f"<h1>{HEADLINE}</h1><div class=\"story\">{_STORY}{prompt}</div>"))
    assert "council voted on Tuesday" in ex.text
    assert "inbox" not in ex.text and "Sign up" not in ex.text and "unlimited access" not in ex.text


def test_a_comment_form_is_not_the_article():
    # (a guard: trafilatura drops forms itself; the box's heading outside the form is the title case below)
    form = ('<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Join the Discussion '
            '<small><a rel="nofollow" id="cancel-comment-reply-link" href="#respond">Cancel reply</a></small></h3>'
            '<form id="commentform" class="comment-form"><p class="comment-notes">Your email address will not be published '
            'and the fields marked with a star are required before you post.</p><textarea name="comment"></textarea></form></div>')
    ex = _extract(_page(f"<h1>{HEADLINE}</h1><div class=\"story\">{_STORY}{form}</div>"))
    assert "council voted on Tuesday" in ex.text
    assert "Join the Discussion" not in ex.text and "email address" not in ex.text


def test_in_the_whole_analysis_a_trending_box_names_nobody_and_related_headlines_cite_nobody(engine):
    # the reported cases, end to end: celebrities of a sidebar listed as mentioned, a related headline's quote cited
    trending = _page(f'<h1>{HEADLINE}</h1><div id="app-root"></div>', before=f'<div class="header">{_MENU}</div>',
                     after=_TRENDING)
    related = _page(f'<h1>{HEADLINE}</h1><div class="story">{_LEDE}<div class="related-stories"><h3>Related</h3>'
                    '<p><a href="/r1">"We will rebuild every park in this city before the winter comes," Mayor Tom Roe said '
                    'at a meeting</a></p><p><a href="/r2">"The lights come first and the paths come next," said Jane Poe, '
                    'who chairs the residents group</a></p></div></div>')
    for html in (trending, related):
        doc = engine.analyze(URL, html, use_cache=False)
        assert doc["cited"] == [] and doc["mentioned"] == []


# --- titles: a box's heading is never the article's title ---

_SITE_NAME = '<meta property="og:site_name" content="Example News">'
_HEADLINE_DIV = f'<div class="story-head">{HEADLINE}</div>'


@pytest.mark.parametrize("box, wrong", [
    # the page's only <h1> is a newsletter prompt's (trafilatura takes a lone <h1> for the title)
    ('<div class="newsletter"><h1>Get Example in your inbox.</h1><form><input type="email"></form></div>',
     "Get Example in your inbox."),
    # a related box's heading with a 'title' class, and no <h1> on the page
    ('<section class="related-posts"><h2 class="section-title">Latest in Parks</h2><ul><li><a href="/x">Another story about '
     'the parks</a></li></ul></section>', "Latest in Parks"),
    # WordPress's comment form heading
    ('<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Join the Discussion '
     '<small><a rel="nofollow" id="cancel-comment-reply-link" href="#respond">Cancel reply</a></small></h3>'
     '<form id="commentform"><textarea name="comment"></textarea></form></div>', "Join the Discussion Cancel reply"),
])
def test_a_furniture_heading_is_never_the_title(box, wrong):
    ex = _extract(_page(f"{_HEADLINE_DIV}<div class=\"story\">{_STORY}</div>{box}", head=_SITE_NAME))
    assert ex.title != wrong
    assert ex.title == HEADLINE  # (the page's own <title>, its site's name set off)


def test_an_h1_in_a_breadcrumb_is_still_the_title():
    # (German news sites set the headline's <h1> as the breadcrumb's last item, beside a display headline)
    crumbs = f'<nav class="breadcrumb"><a href="/">Home</a> <a href="/city">City</a> <h1>{HEADLINE}</h1></nav>'
    ex = _extract(_page(f'{crumbs}<h2 class="display">Parks win at last</h2><div class="story">{_STORY}</div>',
                        title="City news | Example News"))
    assert ex.title == HEADLINE


def test_the_title_is_kept_when_a_box_repeats_it():
    # a 'most read' box that lists this very story: the headline is still the page's <h1>
    box = f'<div class="most-read"><h3><a href="/2024/05/council-approves-budget">{HEADLINE}</a></h3></div>'
    ex = _extract(_page(f"<h1>{HEADLINE}</h1><div class=\"story\">{_STORY}</div>", after=box, title="Example News"))
    assert ex.title == HEADLINE


# --- guards: an article body in an aside-like container is still the article ---

_LONG_STORY = _STORY * 4


@pytest.mark.parametrize("wrapper", [
    '<div class="entry" role="complementary">{}</div>',  # a theme that marks the post as a side box
    '<form id="aspnetForm" action="/story.aspx">{}</form>',  # a whole ASP.NET page inside one form
    '<div class="content-with-sidebar">{}</div>',  # a layout wrapper named after the sidebar beside it
    '<div class="has-sidebar">{}</div>',
    '<div class="post category-trending tag-social-media">{}</div>',  # taxonomy classes on the article itself
])
def test_an_article_in_an_aside_like_container_is_still_the_article(wrapper):
    sidebar = '<div class="sidebar"><p>About us: a small newsroom covering the city since 1990.</p></div>'
    ex = _extract(_page(wrapper.format(f"<h1>{HEADLINE}</h1><div class=\"story\">{_LONG_STORY}</div>{sidebar}")))
    assert ex.text.count("council voted on Tuesday") == 4
    assert ex.title == HEADLINE


def test_a_wrapper_named_after_its_sidebar_keeps_the_article_under_long_comments():
    # the article is less than half of the page's prose, but it is the main text trafilatura found
    comments = '<ol class="commentlist">' + "".join(
        f"<li><p>Reader {i} wrote a long comment about the parks, the council, the budget and the lights in town.</p></li>"
        for i in range(40)) + "</ol>"
    ex = _extract(_page(f'<div class="container_wrap sidebar_right"><h1>{HEADLINE}</h1><div class="story">{_LONG_STORY}'
                        f'</div></div>{comments}'))
    assert ex.text.count("council voted on Tuesday") == 4


def test_a_body_marked_as_the_article_body_is_kept_inside_a_side_box():
    ex = _extract(_page(f'<h1>{HEADLINE}</h1><aside class="related"><div itemprop="articleBody">{_STORY}</div></aside>'
                        f'<div class="story">{_STORY}</div>'))
    assert ex.text.count("council voted on Tuesday") >= 1


def test_a_page_cannot_hide_its_text_with_the_stage_s_own_mark():
    story = _STORY.replace("<p>", '<p data-backstory-furniture="x">')
    ex = _extract(_page(f"<h1>{HEADLINE}</h1><div class=\"story\">{story}</div>"))
    assert "council voted on Tuesday" in ex.text


@pytest.mark.parametrize("token, word", [
    ("main-nav", "nav"), ("c-related-links", "related"), ("mostReadList", "most-read"), ("sign-up-box", "sign-up"), ("live-match-comment", None),
    ("has-sidebar", None), ("category-trending", None), ("commentary", None), ("shareholders", None),
])
def test_class_words(token, word):
    assert class_word(token) == word


def test_nested_look_alikes_stay_linear(monkeypatch):
    # 250 nested boxes named like furniture, each holding the article: each weighing reads the box's text, so the
    # weighing stops after MAX_HOLDING of them (else 250 readings of the whole page)
    tree = lxml.html.fromstring(_page('<div class="related">' * 250 + f"<h1>{HEADLINE}</h1>{_LONG_STORY}" + "</div>" * 250))
    calls = []
    real = furniture._prose
    monkeypatch.setattr(furniture, "_prose", lambda el: calls.append(el) or real(el))
    assert furniture.mark(tree) == []
    assert len(calls) <= furniture.MAX_HOLDING + 1
