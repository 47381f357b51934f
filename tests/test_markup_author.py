"""markup_author: trafilatura's author finder (metadata.extract_author), the same answer without a copy of the page."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from backstory.extract import markup_author
from backstory.extract import page as stage

_HERE = Path(__file__).parent
_PAGES = sorted((_HERE / "fixtures").glob("**/*.html")) + sorted((_HERE / "gold" / "pages").glob("*.html"))

pytestmark = pytest.mark.skipif(not markup_author.applies(), reason="the installed trafilatura has other author expressions")


def _theirs(tree):
    from trafilatura import metadata

    return metadata.extract_author(tree)


def _tree(html: str):
    return stage.load_for_trafilatura(stage.clean_input(html, 10**8))


@pytest.mark.parametrize("path", _PAGES, ids=lambda p: p.name)
def test_the_author_is_trafilaturas_on_every_page(path):
    tree = _tree(path.read_text(encoding="utf-8"))
    if tree is None:
        pytest.skip("not a page trafilatura's loader takes")
    before = etree.tostring(tree)
    assert markup_author.extract_author(tree) == _theirs(tree)
    assert etree.tostring(tree) == before


_P = "<p>" + "The harbour board met on Tuesday to weigh the plan. " * 4 + "</p>"
_EDGE_CASES = {
    "a deleted child's tail joins the text before it":
        '<html><body><div class="author">By <time>today</time>Ann Lee</div>' + _P + "</body></html>",
    "a deleted child's tail joins the word before it, without a space":
        '<html><body><span class="author">Ann<time>1 May</time>Lee Roe</span>' + _P + "</body></html>",
    "a byline inside a sidebar is deleted with it":
        '<html><body><div class="sidebar"><span class="author">Tom Roe</span></div><p class="byline">Kim Park</p>'
        + _P + "</body></html>",
    "the first expression before the third, whatever the page order":
        '<html><body><div class="writer">Zed Brown</div><a rel="author">Ann Lee</a>' + _P + "</body></html>",
    "too long a text is passed over":
        '<html><body><div class="author">' + "word " * 40 + '</div><span class="author-name">Ann Lee</span>'
        + _P + "</body></html>",
    "too short a text is passed over": '<html><body><div class="author">AL</div><p id="zuozhe">Wang Fang</p></body></html>',
    "an author element": "<html><body><author>Ann Lee</author>" + _P + "</body></html>",
    "nested kept and deleted children":
        '<html><body><p class="byline"><span>By</span><span class="date">1 May</span><b>Ann</b> <i>Lee</i>'
        '<figure>pic</figure> and <a>Tom Roe</a></p></body></html>',
    "itemprop and data-component": '<html><body><div data-component="ArticleByline"><span itemprop="author">Ann Lee'
                                   "</span></div></body></html>",
    "no author anywhere": "<html><body>" + _P + "</body></html>",
    "a page lxml splits into two top-level elements, the byline in the second":
        "<html><body>" + _P + '</body></html><html><body><a class="post__author">Ann Lee</a></body></html>',
    "a rel element read by its text": "<html><body><span><rel>me</rel>Ann Lee</span>" + _P + "</body></html>",
}


@pytest.mark.parametrize("html", list(_EDGE_CASES.values()), ids=list(_EDGE_CASES))
def test_the_author_is_trafilaturas_on_edge_cases(html):
    tree = _tree(html)
    assert tree is not None
    assert markup_author.extract_author(tree) == _theirs(tree)


def test_a_comment_inside_the_byline_is_read_by_trafilatura_itself():
    import lxml.html

    tree = lxml.html.fromstring('<html><body><div class="author">Ann<!-- x --> Lee<time>now</time>Jr</div></body></html>')
    with pytest.raises(markup_author._Theirs):  # noqa: SLF001
        markup_author._text_after_deletion(tree.find(".//div"), set())  # noqa: SLF001
    assert markup_author.extract_author(tree) == _theirs(tree)


def test_other_expressions_leave_the_work_to_trafilatura(monkeypatch):
    from lxml.etree import XPath
    from trafilatura import xpaths

    assert markup_author.applies()
    monkeypatch.setattr(xpaths, "AUTHOR_XPATHS", [XPath("//*[@class='by']")])
    assert not markup_author.applies()
