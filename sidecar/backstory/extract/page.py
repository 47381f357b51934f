"""Step 1 — the page: reject what cannot be one, repair what lxml cannot parse, parse it once for trafilatura and
for the stage, and read the whole page's visible text and links (the "chrome" outside the main text, where
bylines and republication credits stand)."""

from __future__ import annotations

import configparser
import functools
import re

import lxml.html
import trafilatura.settings
import trafilatura.utils
from lxml import etree

from .. import budget
from ..errors import InputError, TooLarge
from .limits import MAX_TREE_SIZE
from .rules import declare
from .selectors import BLOCK_TAGS
from .text import normalise_space

_XML_DECLARATION = declare(
    "page.xml-declaration", "An XML declaration at the top of the page, which lxml refuses in a string.",
    r"^\s*<\?xml[^>]*\?>", re.I, fires_on=["<?xml version='1.0' encoding='utf-8'?><html>"], never_on=["<html><?xml ?>"])
_CONTROL = declare(
    "page.control-characters", "Control characters and the two non-characters libxml2 refuses.",
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]", fires_on=["a\x00b", "\ufffe"], never_on=["a\tb\nc\r"])
# what lxml cannot parse at the top of a page: a self-closed doctype (libxml2 bug 1955915) or <html/>
_SELF_CLOSED_DOCTYPE = declare(
    "page.self-closed-doctype", "A doctype closed with '/>' on the first line (libxml2 bug 1955915).",
    r"^< ?! ?DOCTYPE[^>]*/[^<>]*>", re.I, fires_on=["<! DOCTYPE html />"], never_on=["<!DOCTYPE html>"])
_SELF_CLOSED_HTML = declare(
    "page.self-closed-html", "An <html/> tag closed on itself near the top of the page.",
    r"(<html.*?)\s*/>", re.I, fires_on=["<html lang='en'/>"], never_on=["<html lang='en'>"])
# a comma or 'and' alone between two blocks joins them ('Matthew Digby' / ',' / 'Minh Do' in a byline)
_LONE_SEPARATOR = declare(
    "page.lone-list-separator", "A comma, 'and' or '&' alone on a line between two blocks: the two are one list.",
    r"\n(,|and|&)\n", fires_on=["Matthew Digby\n,\nMinh Do"], never_on=["Matthew Digby,\nMinh Do"])


def clean_input(html: str, max_chars: int) -> str:
    """Reject what cannot be a page; drop lone surrogates, NULs and control characters."""
    if not isinstance(html, str):
        raise InputError("html must be a string")
    if len(html) > max_chars:
        raise TooLarge(f"the page is {len(html):,} characters; the limit is {max_chars:,}")
    # lone surrogates (from JSON "\ud800") cannot be encoded; replace them rather than fail later
    html = html.encode("utf-8", "replace").decode("utf-8")
    return _CONTROL.sub("", html)


@functools.lru_cache(maxsize=1)
def trafilatura_config() -> configparser.ConfigParser:
    """trafilatura's settings with our tree-size limit; its signal-based timeout off (we run in threads)."""
    config = trafilatura.settings.use_config()
    config.set("DEFAULT", "MAX_TREE_SIZE", str(MAX_TREE_SIZE))
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


def parse_tree(html: str) -> etree._Element | None:
    """lxml's tree of the page; an XML declaration is dropped (lxml refuses one in a str)."""
    try:
        return lxml.html.fromstring(_XML_DECLARATION.sub("", html, count=1))
    except (etree.ParserError, ValueError):
        return None


# trafilatura's own parser settings (trafilatura.utils.HTML_PARSER), with lxml's class lookup done in C: lxml.html's
# default lookup calls a Python method for every element that code touches (over half a million calls on the 47 gold
# pages, 5 % of the extract stage). Every element is still an HtmlElement; only the form-field classes go (nothing here
# or in trafilatura reads a form's values).
_HTML_PARSER = lxml.html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
                                    remove_pis=True)
_HTML_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment, pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity))


def load_for_trafilatura(html: str) -> lxml.html.HtmlElement | None:
    """The page (as clean_input left it) parsed the way trafilatura.utils.load_html parses a string (faulty markup repaired, comments
    dropped; a page lxml cannot take as a string is given to it as bytes), with the parser above; None when
    that loader would refuse the page (a fragment without an html tag): then each side parses on its own."""
    beginning = html[:50].lower()
    # trafilatura.utils.repair_faulty_html's repairs, but for the control characters, which clean_input dropped
    if "doctype" in beginning:
        first, _, rest = html.partition("\n")
        html = _SELF_CLOSED_DOCTYPE.sub("", first, count=1) + "\n" + rest
    if any("<html" in line and line.endswith("/>") for line in html[:4096].splitlines()[:4]):
        html = _SELF_CLOSED_HTML.sub(r"\1>", html, count=1)
    tree = None
    try:
        tree = lxml.html.fromstring(html, parser=_HTML_PARSER)
    except (ValueError, etree.LxmlError):  # ('Unicode strings with encoding declaration are not supported')
        pass
    if tree is None or len(tree) < 1:
        try:
            tree = lxml.html.fromstring(html.encode("utf-8", "surrogatepass"), parser=_HTML_PARSER)
        except (ValueError, etree.LxmlError):  # (an empty document)
            return None
    if tree is not None and trafilatura.utils.is_dubious_html(beginning) and len(tree) < 2:
        return None
    return tree


def chrome(tree: etree._Element) -> tuple[str, list[tuple[str, str]]]:
    """Visible text (one line per block) and links of the whole page, for footers such as
    'The original source of this article is …' and bylines. It edits the tree's tails."""
    for bad in tree.xpath("//script | //style | //template"):
        if bad.getparent() is not None:
            bad.drop_tree()
    for fallback in tree.xpath("//noscript"):
        if fallback.getparent() is not None:
            fallback.drop_tag()  # (what a page shows without scripts: on some blogs, the only byline)
    for block in tree.iter(*BLOCK_TAGS):
        block.tail = "\n" + (block.tail or "")
    # (most lines are empty, one per block: skip them before normalising)
    text = "\n".join(normalise_space(x) for x in tree.text_content().split("\n") if x and not x.isspace())
    text = _LONE_SEPARATOR.sub(lambda m: ", " if m[1] == "," else f" {m[1]} ", text)
    budget.check("extract: the page's visible text")
    links = []
    for a in tree.xpath("//a[@href]")[:5000]:
        label = normalise_space(a.text_content())
        if label:
            links.append((label, a.get("href")))
    return text, links
