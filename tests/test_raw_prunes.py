"""raw_prunes: trafilatura's first prunes of a page (infinite-scroll containers, comment threads), the same elements."""

from __future__ import annotations

from pathlib import Path

import pytest

from backstory.extract import page as stage
from backstory.extract import raw_prunes

_HERE = Path(__file__).parent
_PAGES = sorted((_HERE / "fixtures").glob("**/*.html")) + sorted((_HERE / "gold" / "pages").glob("*.html"))


def _pairs():
    from trafilatura import xpaths

    theirs = [*xpaths.RAW_TREE_PRUNE_XPATH, *xpaths.REMOVE_COMMENTS_AND_LISTS_XPATH]
    ours = [*raw_prunes.faster(xpaths.RAW_TREE_PRUNE_XPATH), *raw_prunes.faster(xpaths.REMOVE_COMMENTS_AND_LISTS_XPATH)]
    return [(t, o) for t, o in zip(theirs, ours) if isinstance(o, raw_prunes.Prefiltered)]


pytestmark = pytest.mark.skipif(len(_pairs()) != 2, reason="raw_prunes reproduces trafilatura " + raw_prunes.CHECKED_RELEASE)


def _tree(html: str):
    return stage.load_for_trafilatura(stage.clean_input(html, 10**8))


@pytest.mark.parametrize("path", _PAGES, ids=lambda p: p.name)
def test_the_prunes_select_what_trafilaturas_select_on_every_page(path):
    tree = _tree(path.read_text(encoding="utf-8"))
    if tree is None:
        pytest.skip("not a page trafilatura's loader takes")
    for theirs, ours in _pairs():
        assert ours(tree) == theirs(tree)


_EDGE_CASES = {
    "appended articles, and one holding the page's h1":
        '<html><body><div class="infinite-scroll"><h1>Mine</h1></div><section id="infinitescroll-2"><p>x</p></section>'
        '<aside class="mvp-post-add-box"><h1>Other</h1></aside><div class="scrolling">kept</div></body></html>',
    "comment threads, lists of comments, and what is not one":
        '<html><body><div id="comments">a</div><div class="commentary">b</div><ol class="comment-list">c</ol>'
        '<ul id="disqus_thread">d</ul><section id="disqus_thread">e</section><details class="post-comments">f</details>'
        '<div class="Comments">g</div><div class="my-comments">h</div><ul id="comol">i</ul><p id="comments">j</p>'
        "</body></html>",
    "nested threads": '<html><body><div id="comments"><div class="comment"><ul class="comment-replies"><li>r</li>'
                      "</ul></div></div></body></html>",
}


@pytest.mark.parametrize("html", list(_EDGE_CASES.values()), ids=list(_EDGE_CASES))
def test_the_prunes_select_what_trafilaturas_select_on_edge_cases(html):
    tree = _tree(html)
    for theirs, ours in _pairs():
        assert ours(tree) == theirs(tree)
    assert sum(len(ours(tree)) for _, ours in _pairs()) > 0


def test_the_prunes_are_installed_where_trafilatura_looks_them_up():
    from trafilatura import core

    stage.trafilatura_config()
    assert isinstance(core.RAW_TREE_PRUNE_XPATH[0], raw_prunes.Prefiltered)
    assert isinstance(core.REMOVE_COMMENTS_AND_LISTS_XPATH[0], raw_prunes.Prefiltered)


def test_other_expressions_are_kept():
    from lxml.etree import XPath

    other = [XPath(".//*[self::div][re:test(@id, 'x')]", namespaces={"re": "http://exslt.org/regular-expressions"})]
    assert raw_prunes.faster(other) == other
