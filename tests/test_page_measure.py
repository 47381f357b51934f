"""page_measure: trafilatura's measure of a whole page's text (baseline.html2txt), the same string without a copy."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from lxml import etree

from backstory.extract import page as stage
from backstory.extract import page_measure

_HERE = Path(__file__).parent
_PAGES = sorted((_HERE / "fixtures").glob("**/*.html")) + sorted((_HERE / "gold" / "pages").glob("*.html"))

pytestmark = pytest.mark.skipif(not page_measure.applies(),
                                reason="page_measure reproduces trafilatura " + page_measure.CHECKED_RELEASE)


def _theirs(tree) -> str:
    return importlib.import_module("trafilatura.baseline").html2txt(tree)


def _tree(html: str):
    return stage.load_for_trafilatura(stage.clean_input(html, 10**8))


@pytest.mark.parametrize("path", _PAGES, ids=lambda p: p.name)
def test_the_measure_is_trafilaturas_on_every_page(path):
    from trafilatura.htmlprocessing import prune_unwanted_nodes
    from trafilatura.xpaths import RAW_TREE_PRUNE_XPATH, REMOVE_COMMENTS_AND_LISTS_XPATH

    tree = _tree(path.read_text(encoding="utf-8"))
    if tree is None:
        pytest.skip("not a page trafilatura's loader takes")
    before = etree.tostring(tree)
    assert page_measure.page_text(tree) == _theirs(tree)
    assert etree.tostring(tree) == before  # (the page is left as it was found)
    # as trafilatura's extraction measures it: after its raw-tree prunes, whose deletions moved tails
    pruned = prune_unwanted_nodes(prune_unwanted_nodes(tree, RAW_TREE_PRUNE_XPATH), REMOVE_COMMENTS_AND_LISTS_XPATH)
    assert page_measure.page_text(pruned) == _theirs(pruned)


_WORDS = "<p>" + "The harbour board met on Tuesday. " * 3 + "</p>"
_EDGE_CASES = {
    "tail after a deleted block joins the text before it without a space":
        "<html><body><div><p>One</p><aside>menu</aside>two <b>three</b><footer>f</footer>four</div></body></html>",
    "a deleted first child's tail joins its parent's text":
        "<html><body><div>lead<script>x()</script>tail <span>in</span></div><p>next</p></body></html>",
    "deleted siblings in a row, the inner ones nested":
        "<html><body><p>a<style>s</style>b<svg><g>c</g></svg>d<template><p>e</p></template>f</p></body></html>",
    "an inline element's tail after a deleted child of a block":
        "<html><body><li><i>x</i><aside>y</aside>z</li><li>w</li></body></html>",
    "a div whose first class-or-id attribute holds 'footer'":
        '<html><body><div class="site-footer" id="main">gone</div><div id="main" class="footer">kept</div></body></html>',
    "a div whose id comes first and holds 'footer'":
        '<html><body><div id="pagefooter" class="x">gone</div><span class="footer">kept</span></body></html>',
    "cookie banners, matched whatever the case":
        '<html><body><div class="Cookie-Banner">c</div><p id="onetrust-x">o</p><p class="cookies">kept</p></body></html>',
    "control and format characters in block and inline text":
        "<html><body><p>a\u200bb\u0085c</p><span>d\u200be</span><br>f\u200e<br/></body></html>",
    "block spacing between minified blocks": "<html><body><div>a<div>b</div>c</div><h2>d</h2>e<br>f</body></html>",
    "a page lxml splits into two top-level elements":
        "<html><body><p>one</p></body></html><html><body><aside>x</aside><p>two</p></body></html>",
    "no body": "<html><div>no <p>body</p> here</div></html>",
    "a page of words": "<html><head><title>t</title></head><body><article>" + _WORDS * 4 + "</article></body></html>",
}


@pytest.mark.parametrize("html", list(_EDGE_CASES.values()), ids=list(_EDGE_CASES))
def test_the_measure_is_trafilaturas_on_edge_cases(html):
    tree = _tree(html)
    assert tree is not None
    assert page_measure.page_text(tree) == _theirs(tree)


def test_a_page_with_a_comment_is_measured_by_trafilatura_itself():
    import lxml.html

    tree = lxml.html.fromstring("<html><body><p>a<!-- note -->b</p><aside>x</aside>c</body></html>")
    with pytest.raises(page_measure._NotPlain):  # noqa: SLF001
        page_measure.page_text(tree)
    assert page_measure.html2txt(tree) == _theirs(tree) == "ab c"


def test_the_measure_is_installed_where_trafilatura_looks_it_up():
    from trafilatura import core

    stage.trafilatura_config()
    assert core.html2txt is page_measure.html2txt


def test_another_cleaning_expression_keeps_trafilaturas_own(monkeypatch):
    from lxml.etree import XPath
    from trafilatura import settings

    assert page_measure.applies()
    monkeypatch.setattr(settings, "BASIC_CLEAN_XPATH", XPath(".//aside|.//nav"))
    assert not page_measure.applies()
    monkeypatch.undo()
    monkeypatch.setattr("trafilatura.__version__", "9.9.9")
    assert not page_measure.applies()


@pytest.mark.parametrize("path", _PAGES[:12], ids=lambda p: p.name)
def test_trafilatura_extracts_the_same_with_the_measure_installed(path, monkeypatch):
    import trafilatura
    from trafilatura import core

    stage.trafilatura_config()
    html = stage.clean_input(path.read_text(encoding="utf-8"), 10**8)

    def run():
        tree = stage.load_for_trafilatura(html)
        doc = trafilatura.bare_extraction(tree, fast=True, include_comments=False, include_tables=False)
        return None if doc is None else doc.text

    ours = run()
    monkeypatch.setattr(core, "html2txt", importlib.import_module("trafilatura.baseline").html2txt)
    assert run() == ours
