"""Step 1 — the page: reject what cannot be one, repair what lxml cannot parse, parse it once for trafilatura and
for the stage, and read the whole page's visible text and links (the "chrome" outside the main text, where
bylines and republication credits stand)."""

from __future__ import annotations

import configparser
import functools
import re

import lxml.html
import trafilatura
import trafilatura.settings
import trafilatura.utils
from lxml import etree

from .. import budget
from ..errors import InputError, TooLarge
from . import limits, markup_author, page_measure, raw_prunes, tree_preparation
from .limits import MAX_TREE_SIZE
from .rules import declare
from .selectors import BLOCK_TAGS
from .text import cached_for_short, normalise_space

_XML_DECLARATION = declare(
    "page.xml-declaration", "An XML declaration at the top of the page, which lxml refuses in a string.",
    r"^\s*<\?xml[^>]*\?>", re.I, fires_on=["<?xml version='1.0' encoding='utf-8'?><html>"], never_on=["<html><?xml ?>"])
_CONTROL = declare(
    "page.control-characters", "Control characters and the two non-characters libxml2 refuses.",
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]", fires_on=["a\x00b", "\ufffe"], never_on=["a\tb\nc\r"])
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])  # (_CONTROL's, but the two below)
_NON_CHARACTER_BYTES = ("\ufffe".encode(), "\uffff".encode())
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
    data = html.encode("utf-8", "replace")
    if _NON_CHARACTER_BYTES[0] in data or _NON_CHARACTER_BYTES[1] in data:
        return _CONTROL.sub("", data.decode("utf-8"))
    # (the control characters are single bytes in UTF-8, which no other character's bytes contain: deleted from the
    # bytes, which is four times faster than the pattern's search of the text)
    return data.translate(None, _CONTROL_BYTES).decode("utf-8")


@functools.lru_cache(maxsize=1)
def trafilatura_config() -> configparser.ConfigParser:
    """trafilatura's settings with our tree-size limit, its signal-based timeout off (we run in threads) and its date
    finder's extensive search as limits.EXTENSIVE_DATE_SEARCH says. (Its measure of a whole page's text, its first
    prunes and its preparation of the page are replaced, once, by page_measure's, raw_prunes' and tree_preparation's,
    which give the same for less.)"""
    page_measure.install()
    raw_prunes.install()
    tree_preparation.install()
    config = trafilatura.settings.use_config()
    config.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "on" if limits.EXTENSIVE_DATE_SEARCH else "off")
    config.set("DEFAULT", "MAX_TREE_SIZE", str(MAX_TREE_SIZE))
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


def read_with_trafilatura(tree: lxml.html.HtmlElement, url: str) -> dict:
    """What the stage takes from trafilatura for a page parsed by load_for_trafilatura: the main text, and the title,
    author, date and site name of its metadata -- bare_extraction(tree, with_metadata=True, fast=True, no comments
    and no tables) gives the same, but its metadata step also looks for categories, tags, a licence and the host
    name, which nothing here reads (a fifth of trafilatura's time on the gold pages). Its metadata step is run here,
    as trafilatura runs it, on the tree it was given (it leaves that tree as it found it; its author finder and its
    date finder work on copies); an empty dict where bare_extraction would give nothing.
    (tests/test_extract.py checks the four fields against trafilatura's own metadata step on every fixture page.)"""
    options = trafilatura.settings.Extractor(config=trafilatura_config(), output_format="python", fast=True,
                                             comments=False, tables=False, url=url)
    try:
        metadata = _trafilatura_metadata(tree, url, options.date_params)
    except (TypeError, ValueError):  # (bare_extraction's own: such an error discards the page)
        return {}
    doc = trafilatura.bare_extraction(tree, options=options)
    if doc is None:
        return {}
    return {"text": doc.text, "title": metadata.title, "author": metadata.author, "date": metadata.date,
            "sitename": metadata.sitename}


def _trafilatura_metadata(tree: lxml.html.HtmlElement, url: str, date_params: dict) -> trafilatura.settings.Document:
    """trafilatura.metadata.extract_metadata's steps for the title, the author, the date and the site name, in its order
    and with its fallbacks (no author blacklist); the Document it returns holds only those four, trimmed as it trims."""
    from trafilatura import metadata as tm

    found = tm.examine_meta(tree)
    if found.author and " " not in found.author:
        found.author = None
    try:
        found = tm.extract_meta_json(tree, found)
    except Exception:  # noqa: BLE001 -- (trafilatura's own guard around its JSON-LD reader)
        pass
    if not found.title:
        found.title = tm.extract_title(tree)
    if not found.author:
        found.author = markup_author.extract_author(tree)  # (tm.extract_author's answer, without its copy of the page)
    if not found.url:
        found.url = tm.extract_url(tree, url)
    date_config = {**date_params, "url": found.url}
    found.date = tm.find_date(tree, **date_config)
    if not found.sitename:
        found.sitename = tm.extract_sitename(tree)
    if found.sitename:
        found.sitename = found.sitename.lstrip("@")
        if found.sitename and "." not in found.sitename and not found.sitename[0].isupper():
            found.sitename = found.sitename.title()
    elif found.url and (m := tm.META_URL.match(found.url)):
        found.sitename = m[1]
    out = trafilatura.settings.Document()
    out.title, out.author, out.date, out.sitename = found.title, found.author, found.date, found.sitename
    out.clean_and_trim()
    return out


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


# --- what the reader never sees (issue 24, item 5: invisible text is never evidence) ---
_HIDING_DECLARATION = declare(
    "page.hiding-style", "A style declaration that hides an element: display:none, visibility:hidden, font-size 0 (not "
    "opacity 0, which pages set on what a script fades in).",
    r"(?:^|[;{\s])(?:display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:\.0+)?(?:px|em|rem|pt|%)?\s*(?:!important\s*)?(?:;|$))", re.I,
    fires_on=["display: none", "color:red;visibility:hidden", "font-size:0px;"],
    never_on=["display:block", "font-size: 0.9em", "opacity:0"])
_COLOR = declare(
    "page.style-colour", "A text colour or a background colour in a style declaration ('color:#fff', 'background-color: white').",
    r"(?:^|[;{\s])(?P<prop>color|background(?:-color)?)\s*:\s*(?P<value>#[0-9a-f]{3,8}|[a-z]+|rgba?\([^)]*\))", re.I,
    fires_on=["color:#fff;background:#fff"], never_on=["border: 1px solid"])
_CSS_COMMENT = declare("page.css-comment", "A comment in a style sheet.", r"/\*.*?\*/", re.S,
                       fires_on=["/* hidden */"], never_on=["a { color: red }"])
_CSS_RULE = declare(
    "page.css-rule", "A rule of a page's own style sheet: its selectors and its declarations (outside @media and other @ blocks).",
    # (a rule starts only at the sheet's start or after a brace: from any other place the selectors' run was scanned
    # again, 8 s on nymag.com's 500,000 characters of style)
    r"(?:^|(?<=[{}]))(?P<selectors>[^{}@]{1,2000})\{(?P<body>[^{}]{0,5000})\}",
    fires_on=[".byline { display:none }", "a{color:red} .x{display:none}"], never_on=["@import url(x.css);"])
_CSS_AT_BLOCK = declare(
    "page.css-at-block", "An @media (or @supports, @font-face) block, whose rules hold only sometimes: left out.",
    r"@[\w-]{1,40}[^{};]{0,500}\{(?:[^{}]{0,2000}\{[^{}]{0,5000}\})*[^{}]{0,2000}\}", fires_on=["@media print { .x { display:none } }"],
    never_on=[".x { display:none }"])
_SHOWING_DECLARATION = declare(
    "page.showing-style", "A declaration that shows an element (display other than none, visibility:visible): a rule that overrides a hiding one.",
    r"(?:^|[;{\s])(?:display\s*:\s*(?!none)[a-z-]+|visibility\s*:\s*visible)", re.I,
    fires_on=["display:block", "visibility: visible"], never_on=["display:none"])
_CLASS_OR_ID = declare("page.selector-class-or-id", "A class or an id a selector names ('.main .container' names 'main' and 'container').",
                       r"[.#](?P<name>[\w-]+)", fires_on=[".main .container"], never_on=["div > p"])
_SIMPLE_SELECTOR = declare(
    "page.simple-selector", "A selector that names one tag, class or id ('.credit', '#note', 'span.hide'): the cheap ones to apply.",
    r"(?P<tag>[a-z][a-z0-9]*)?(?:\.(?P<cls>[\w-]+)|#(?P<id>[\w-]+))?", re.I, use="fullmatch",
    fires_on=[".credit", "#note", "span.hide", "p"], never_on=["div > p", ".a .b", "a:hover"])
_BACKGROUND = re.compile("background", re.I)  # (what _COLOR needs to read a background, with its flags)
_WHITE = {"#fff", "#ffffff", "white", "rgb(255,255,255)", "rgba(255,255,255,1)"}
_MOST_OF_THE_PAGE = 0.5  # (hidden the same way and more than this share of the page's text: shown once scripts run)
_MAX_STYLE_CHARS = 500_000  # (a page's own style sheets are read up to this size: 'where cheap')


@cached_for_short(4096)  # (a page repeats its declarations: one inline style on every slide, every item)
def _hides(style: str) -> bool:
    """Whether a style declaration hides its element's text: display:none, visibility:hidden, font-size 0, or the same colour for the
    text and its background ('white on white')."""
    if _HIDING_DECLARATION.search(style):
        return True
    if not _BACKGROUND.search(style):  # (no background, no colour of it: most declarations, found far faster)
        return False
    colours = {m["prop"].casefold().split("-")[0]: m["value"].casefold().replace(" ", "") for m in _COLOR.finditer(style)}
    text, background = colours.get("color"), colours.get("background")
    return bool(text and background and (text == background or {text, background} <= _WHITE))


def _hiding_selectors(tree: etree._Element) -> tuple[set[str], set[str], set[str]]:
    """The tags, classes and ids the page's own <style> rules hide (simple selectors only, outside @ blocks)."""
    css = "".join(s.text or "" for s in tree.iter("style"))[:_MAX_STYLE_CHARS]
    css = _CSS_AT_BLOCK.sub(" ", _CSS_COMMENT.sub(" ", css))
    tags: set[str] = set()
    classes: set[str] = set()
    ids: set[str] = set()
    shown: set[str] = set()
    rules = list(_CSS_RULE.finditer(css))
    for rule in rules:
        if _SHOWING_DECLARATION.search(rule["body"]):
            # (a class or id that another rule shows, '.main .container {display:block}', is not hidden for sure)
            shown.update(m["name"] for m in _CLASS_OR_ID.finditer(rule["selectors"]))
    for rule in rules:
        if not _hides(rule["body"]):
            continue
        for selector in rule["selectors"].split(","):
            m = _SIMPLE_SELECTOR.fullmatch(selector.strip())
            if m is None or not selector.strip():
                continue
            if m["cls"]:
                classes.add(m["cls"])
            elif m["id"]:
                ids.add(m["id"])
            elif m["tag"] and m["tag"].casefold() not in {"html", "body"}:
                tags.add(m["tag"].casefold())
    return tags, classes - shown, ids - shown


def _why_hidden(el: etree._Element, tags: set[str], classes: set[str], ids: set[str]) -> str | None:
    """Why the reader never sees an element (a key that groups elements hidden the same way), or None."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in {"html", "body", "head"}:
        return None
    if tag in {"template", "noscript"}:
        return tag
    if el.get("hidden") is not None:
        return "hidden"
    if (el.get("aria-hidden") or "").strip().lower() == "true":
        return "aria-hidden"
    style = el.get("style")
    if style and _hides(style):  # (grouped by the style and the class: a gallery's slides share both)
        return f"style:{''.join(style.split()).casefold()}:{el.get('class') or ''}"
    if tag in tags:
        return f"rule:{tag}"
    if ids and el.get("id") in ids:
        return f"rule:#{el.get('id')}"
    if classes and (hit := classes.intersection((el.get("class") or "").split())):
        return f"rule:.{min(hit)}"
    return None


# (the text of a page, less its scripts' and style sheets': two plain walks, cheaper than a test of every piece's
# ancestors; a script or a style sheet holds text only, so its text is all the text() whose parent it is)
_ALL_TEXT = etree.XPath(".//text()", smart_strings=False)
_CODE_TEXT = etree.XPath(".//script/text() | .//style/text()", smart_strings=False)


def _stripped(pieces: list[str]) -> int:
    return sum(map(len, map(str.strip, pieces)))


def _visible_size(el: etree._Element) -> int:
    """Characters of an element's text outside scripts and style sheets (each piece stripped)."""
    size = _stripped(_ALL_TEXT(el)) - _stripped(_CODE_TEXT(el))
    return size - len((el.text or "").strip()) if el.tag in {"script", "style"} else size


def _text_size(el: etree._Element) -> int:
    """Characters of an element's text outside scripts, style sheets and templates (each piece stripped), for an
    element that sits in none of them."""
    size = _visible_size(el)
    outer = None
    for template in el.iter("template"):  # (the outermost ones: those inside go with them)
        if outer is not None and any(anc is outer for anc in template.iterancestors()):
            continue
        outer = template
        size -= _visible_size(template)
    return size


@functools.lru_cache(maxsize=64)
def _maybe_hidden(tags: tuple[str, ...], by_id: bool, by_class: bool) -> etree.XPath:
    """The elements _why_hidden may find hidden: one walk in C instead of a Python call per element."""
    tests = ["self::template", "self::noscript", "@hidden", "@aria-hidden", "@style", *(f"name()='{t}'" for t in tags)]
    tests += ["@id"] * by_id + ["@class"] * by_class
    return etree.XPath(f"descendant-or-self::*[{' or '.join(tests)}]")


def drop_invisible(tree: etree._Element) -> int:
    """Remove what the reader never sees from the tree: <template> and <noscript> (a browser with scripts shows
    neither), elements marked hidden or aria-hidden, hidden by an inline style or by a simple rule of the page's own
    style sheet, or written in the colour of their background. Their tails stay.

    But for <template>, elements hidden the same way that together hold most of the page's text stay: that is a page
    showing its article only once a script has run (a gallery's slides, an anti-flicker snippet, a blog whose
    <noscript> copy holds the text its script renders), and the reader sees it; a claim hidden in a page is a
    sentence, not most of it. Returns how many elements were removed."""
    tags, classes, ids = _hiding_selectors(tree)
    found: list[tuple[etree._Element, str]] = []
    inside: set[etree._Element] = set()
    for i, el in enumerate(_maybe_hidden(tuple(sorted(tags)), bool(ids), bool(classes))(tree)):
        if not i % 4096:
            budget.check("extract: what the reader sees")
        if (why := _why_hidden(el, tags, classes, ids)) is None:
            continue
        parent = el.getparent()
        while parent is not None and parent not in inside:
            parent = parent.getparent()
        inside.add(el)
        if parent is None:  # (the outermost hidden element; those inside it go with it)
            found.append((el, why))
    if not found:
        return 0
    by_why: dict[str, int] = {}
    for el, why in found:
        by_why[why] = by_why.get(why, 0) + _text_size(el)
    # (the hidden elements found are apart, so the page holds at least their text: when no group holds more than half
    # of that, none holds more than half of the page, and the page's text need not be read)
    largest = max((size for why, size in by_why.items() if why != "template"), default=0)
    shown: set[str] = set()
    if largest > sum(by_why.values()) * _MOST_OF_THE_PAGE:
        page_text = _text_size(tree)
        shown = {why for why, size in by_why.items() if why != "template" and size > page_text * _MOST_OF_THE_PAGE}
    gone = [el for el, why in found if why not in shown]
    for el in gone:
        if el.getparent() is not None:
            el.tail = " " + (el.tail or "")  # (the words on either side stay apart: 'Zoonosen<span hidden> – </span>Wie')
            el.drop_tree()
    return len(gone)


def chrome(tree: etree._Element) -> tuple[str, list[tuple[str, str]]]:
    """Visible text (one line per block) and links of the whole page, for footers such as
    'The original source of this article is …' and bylines, of a tree drop_invisible has cleaned. It edits the
    tree: scripts and style sheets go, and tails gain line breaks."""
    for bad in tree.xpath("//script | //style"):
        if bad.getparent() is not None:
            bad.drop_tree()
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
