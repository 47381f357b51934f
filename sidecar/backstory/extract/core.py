"""The extract stage, top-down: the page, its metadata, the body, the title, the date, the authors."""

from __future__ import annotations

import trafilatura

from .. import budget
from . import body, date, furniture, page, syndication, title
from .authors import read_authors
from .limits import PARAGRAPH_SEPARATOR
from .metadata import jsonld_objects, meta, read_publisher
from .result import Extracted
from .selectors import META_TITLE, META_TYPE, META_URL
from .text import normalise_space


def extract(url: str, html: str, *, max_chars: int) -> Extracted:
    """Run the extract stage on one decoded page."""
    html = page.clean_input(html, max_chars)
    ex = Extracted(url=url)
    # one parse for trafilatura and for us: its own loader (it works on a copy of the tree it is given)
    shared = page.load_for_trafilatura(html) if html.strip() else None
    tree = shared if shared is not None else (page.parse_tree(html) if html.strip() else None)
    if tree is None:
        ex.not_article_reason = "the page is empty or is not HTML"
        return ex

    budget.check("extract: the page")
    ex.jsonld = jsonld_objects(tree)
    ex.og_type = (meta(tree, *META_TYPE) or "").lower() or None
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    ex.canonical_url = (canonical[0].strip() if canonical else None) or meta(tree, *META_URL)
    # what the reader never sees is no evidence of anything: gone before the body, the title, bylines and credits
    # are read (the page's metadata above is read as the page's claims, and labelled so)
    page.drop_invisible(tree)

    if shared is not None:
        found = page.read_with_trafilatura(shared, url)
    else:  # (a page trafilatura's loader refuses: it says so itself)
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False, fast=True, config=page.trafilatura_config())
        found = doc.as_dict() if doc is not None else {}
    budget.check("extract: trafilatura")
    marked = furniture.mark(tree, len(found.get("text") or ""))  # (menus, related and trending boxes, newsletter and comment forms: never the text or title)
    read_publisher(ex, tree, found)
    page_title = normalise_space(found.get("title") or "") or meta(tree, *META_TITLE) or None
    ex.title = title.headline(tree, page_title, ex) or None

    paragraphs = [normalise_space(p) for p in (found.get("text") or "").split("\n")]
    paragraphs = furniture.main_text(tree, marked, [p for p in paragraphs if p])
    if paragraphs and paragraphs[0] in {ex.title, page_title}:
        paragraphs = paragraphs[1:]  # trafilatura repeats the headline as the first line
    paragraphs += body.continuation(tree, paragraphs)
    offset = 0
    for p in paragraphs:
        ex.paragraphs.append((offset, offset + len(p)))
        offset += len(p) + len(PARAGRAPH_SEPARATOR)
    ex.text = PARAGRAPH_SEPARATOR.join(paragraphs)

    budget.check("extract: the body")
    ex.chrome_text, ex.links = page.chrome(tree)  # adds line breaks to tails: harmless for what follows
    ex.published = date.published(found, ex, tree)
    read_authors(ex, tree, found)
    ex.signals = syndication.signals(ex, tree)
    ex.language = body.language(tree, ex.text)
    ex.not_article_reason = body.not_article_reason(url, ex)
    ex.is_article = ex.not_article_reason is None
    return ex


def warm_up() -> None:
    """Load what the first page would otherwise pay for: the language model and trafilatura's config."""
    import py3langid

    py3langid.classify("warm up")
    page.trafilatura_config()
