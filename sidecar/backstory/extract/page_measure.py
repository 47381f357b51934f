"""trafilatura's measure of a whole page's text, without copying the page.

When the main text trafilatura finds is short, it compares it with the text of the whole page (its
``baseline.html2txt``) and, if it holds less than a fifth of that, extracts again in recall mode. To read that text it
copies the page, deletes its asides, footers, scripts, style sheets, SVG, templates and cookie banners from the copy,
spaces its block elements and reads the copy's text: on the gold pages a twelfth of the extract stage, for a number it
only compares.

:func:`page_text` gives the same string by one walk of the page, which it leaves as it found it: the deleted parts are
skipped and their tails kept where trafilatura's deletion puts them (joined to the text before, without a space), a
block element's text and tail are spaced and freed of control characters as trafilatura spaces them, and the result's
white space is collapsed as trafilatura collapses it. :func:`install` puts it in the place where trafilatura's
extraction looks the measure up, and only for the trafilatura release and the cleaning expression it was checked
against (tests/test_page_measure.py compares the two on every fixture and gold page, and on hand-made edge cases); a
page holding anything but elements and text (a comment, a processing instruction) is measured by trafilatura itself.
"""

from __future__ import annotations

import functools
import importlib
import re

from lxml.html import HtmlElement

from .text import cached_for_short
from .trafilatura_release import CHECKED_RELEASE, is_checked

__all__ = ["CHECKED_RELEASE", "applies", "html2txt", "install", "page_text"]

# (the cleaning expression this reproduces is trafilatura.settings.BASIC_CLEAN_XPATH's, checked by applies())
_CLEANED_TAGS = frozenset({"aside", "fencedframe", "footer", "script", "style", "svg", "template"})


def _expected_cleaning_path(cookie_pattern: str) -> str:
    return (".//aside|.//div[contains(@class|@id, 'footer')]|.//fencedframe|.//footer|.//script|.//style|.//svg|.//template"
            f"|.//*[re:test(@class, '{cookie_pattern}', 'i') or re:test(@id, '{cookie_pattern}', 'i')]")


class _NotPlain(Exception):
    """The page holds a node that is neither an element nor text: trafilatura measures it."""


@functools.cache
def _parts() -> tuple:
    from trafilatura import settings, utils

    baseline = importlib.import_module("trafilatura.baseline")  # (the package's name 'baseline' is a function)
    pattern = re.compile(settings._COOKIE_CONSENT_RE, re.I)  # noqa: SLF001 -- (checked against the expression below)

    @cached_for_short(8192)  # (a page repeats its class and id values: 'menu-item' on every entry)
    def cookie(value: str) -> bool:
        """Whether a class or id value names a cookie banner."""
        return pattern.search(value) is not None

    return frozenset(baseline._BLOCK_ELEMS), cookie, utils.remove_control_characters  # noqa: SLF001


def _cleaned_away(el: HtmlElement, cookie) -> bool:
    """Whether BASIC_CLEAN_XPATH selects the element: one of its tags, a <div> whose first class-or-id attribute holds
    'footer' (XPath's string of '@class|@id' is the first of the two in the tag), or a class or an id naming a cookie
    banner (an element without one is tested as the empty string, which the pattern never matches)."""
    tag = el.tag
    if tag in _CLEANED_TAGS:
        return True
    if tag == "div":
        for name, value in el.items():
            if name == "class" or name == "id":
                if "footer" in value:
                    return True
                break
    cls, ident = el.get("class"), el.get("id")
    return (cls is not None and cookie(cls)) or (ident is not None and cookie(ident))


def page_text(content: HtmlElement) -> str:
    """trafilatura.baseline.html2txt(content) for an element, the element left unchanged."""
    blocks, cookie, printable = _parts()
    body = content.find(".//body")
    root = body if body is not None else content
    out: list[str] = []
    append = out.append

    def slot(block: bool, text: str | None) -> None:
        # (trafilatura: a block element's text and tail become ' ' + the text without control characters, or ' ')
        if block:
            append(" " + printable(text) if text else " ")
        elif text:
            append(text)

    # each frame: the element, its children still to read, and the text slot that waits to be written (the element's
    # text, then each kept child's tail) with whether its owner is a block; a deleted child's tail joins that slot
    stack: list[list] = [[iter(root), root.tag in blocks, root.text]]
    while stack:
        frame = stack[-1]
        for child in frame[0]:
            if not isinstance(child.tag, str):
                raise _NotPlain
            if _cleaned_away(child, cookie):
                if child.tail:
                    frame[2] = (frame[2] or "") + child.tail
                continue
            slot(frame[1], frame[2])
            block = child.tag in blocks
            frame[1], frame[2] = block, child.tail
            stack.append([iter(child), block, child.text])
            break
        else:
            slot(frame[1], frame[2])
            stack.pop()
    return " ".join("".join(out).split())


def html2txt(content, clean: bool = True) -> str:
    """trafilatura's html2txt: page_text for an element to clean, trafilatura's own for anything else."""
    if clean and isinstance(content, HtmlElement):
        try:
            return page_text(content)
        except _NotPlain:
            pass
    return importlib.import_module("trafilatura.baseline").html2txt(content, clean)


def applies() -> bool:
    """Whether the installed trafilatura is the release, with the cleaning expression, that page_text reproduces."""
    from trafilatura import settings

    pattern = getattr(settings, "_COOKIE_CONSENT_RE", None)
    return (is_checked() and isinstance(pattern, str)
            and settings.BASIC_CLEAN_XPATH.path == _expected_cleaning_path(pattern)
            and re.compile(pattern, re.I).search("") is None)


@functools.cache
def install() -> bool:
    """Let trafilatura's extraction measure pages with html2txt above (once per process); False where it does not
    apply, and trafilatura keeps its own."""
    from trafilatura import core

    if not applies() or getattr(core, "html2txt", None) is None:
        return False
    core.html2txt = html2txt
    return True
