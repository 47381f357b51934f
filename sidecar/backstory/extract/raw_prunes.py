"""trafilatura's first two prunes of a page, the same elements found for less.

Before it extracts, trafilatura deletes from the page the containers of infinite-scroll pages that hold other
articles, and the readers' comment threads (``xpaths.RAW_TREE_PRUNE_XPATH``'s first expression and
``REMOVE_COMMENTS_AND_LISTS_XPATH``). Both expressions test the class and the id of every container against regular
expressions, which lxml runs as a call into Python for each one.

Each replacement here first keeps, by a walk in C, the containers whose class or id holds a literal word that every
match of the patterns holds ('[Cc]omment(?!ary)' holds 'omment'), then tests the patterns themselves in Python on
those few: the same elements in the same order. :func:`install` puts them where trafilatura's extraction looks them up,
only for the trafilatura release and the expressions they reproduce. tests/test_raw_prunes.py compares them with
trafilatura's own on every fixture and gold page and on hand-made cases.
"""

from __future__ import annotations

import functools
import re

from lxml import etree

from .trafilatura_release import CHECKED_RELEASE, is_checked
from .trafilatura_release import re_test as _re_test


class Prefiltered:
    """An expression of trafilatura's, as a walk in C that keeps what it may select and a test in Python that says
    which of those it selects. Called like the etree.XPath it replaces."""

    def __init__(self, original: etree.XPath, may_select: str, selects) -> None:
        self.original, self.path = original, original.path
        self._may_select = etree.XPath(may_select)
        self._selects = selects

    def __repr__(self) -> str:
        return f"Prefiltered({' '.join(self.path.split())!r})"

    def __call__(self, tree: etree._Element) -> list:
        return [el for el in self._may_select(tree) if self._selects(el)]


# RAW_TREE_PRUNE_XPATH[0]: a div, section or aside of an infinite-scroll page's appended articles, unless it holds the
# page's <h1> (then it is the page's own article), which the Zox News theme's 'mvp-post-add' boxes never are
INFINITE_SCROLL = (
    ".//*[self::div or self::section or self::aside][ re:test(@id, 'mvp-post-add-(?:box|wrap)|infinite-?scroll') or "
    "re:test(@class, 'mvp-post-add-(?:box|wrap)|infinite-?scroll')][ not(.//h1) or re:test(@id, "
    "'mvp-post-add-(?:box|wrap)') or re:test(@class, 'mvp-post-add-(?:box|wrap)')]")
_SCROLL = re.compile("mvp-post-add-(?:box|wrap)|infinite-?scroll")
_ADD_BOX = re.compile("mvp-post-add-(?:box|wrap)")
_HAS_H1 = etree.XPath("boolean(.//h1)")


def _infinite_scroll(el: etree._Element) -> bool:
    ident, cls = el.get("id"), el.get("class")
    if not (_re_test(_SCROLL, ident) or _re_test(_SCROLL, cls)):
        return False
    return not _HAS_H1(el) or _re_test(_ADD_BOX, ident) or _re_test(_ADD_BOX, cls)


# REMOVE_COMMENTS_AND_LISTS_XPATH[0]: a comment thread (a div, list, section or details), or an ol or ul of comments
COMMENT_THREADS = (
    ".//*[self::div or self::list or self::section or self::details or self::ol or self::ul][ re:test(@id, "
    "'^(?:[Cc]omment(?!ary)|comol|disqus_thread|dsq-comments)') or re:test(@class, '^[Cc]omment(?!ary)|"
    "(?:article|post)-comments')][ not(self::ol or self::ul) or re:test(@id, '^(?:[Cc]omment(?!ary)|comol)') or "
    "re:test(@class, '^[Cc]omment(?!ary)|(?:article|post)-comments')]")
_THREAD_ID = re.compile("^(?:[Cc]omment(?!ary)|comol|disqus_thread|dsq-comments)")
_LIST_ID = re.compile("^(?:[Cc]omment(?!ary)|comol)")
_THREAD_CLASS = re.compile("^[Cc]omment(?!ary)|(?:article|post)-comments")


def _comment_thread(el: etree._Element) -> bool:
    ident, cls = el.get("id"), el.get("class")
    if not (_re_test(_THREAD_ID, ident) or _re_test(_THREAD_CLASS, cls)):
        return False
    return el.tag not in ("ol", "ul") or _re_test(_LIST_ID, ident) or _re_test(_THREAD_CLASS, cls)


# (what every match holds: 'mvp-post-add-' or 'scroll'; 'omment', 'comol' or 'disqus_thread')
_REPLACEMENTS = {
    INFINITE_SCROLL: (".//*[self::div or self::section or self::aside][contains(@id, 'mvp-post-add-') or "
                      "contains(@id, 'scroll') or contains(@class, 'mvp-post-add-') or contains(@class, 'scroll')]",
                      _infinite_scroll),
    COMMENT_THREADS: (".//*[self::div or self::list or self::section or self::details or self::ol or self::ul]"
                      "[contains(@id, 'omment') or contains(@id, 'comol') or contains(@id, 'disqus_thread') or "
                      "contains(@class, 'omment')]", _comment_thread),
}
# where trafilatura's extraction looks the two lists up
TARGETS = ("RAW_TREE_PRUNE_XPATH", "REMOVE_COMMENTS_AND_LISTS_XPATH")


def faster(expressions: list) -> list:
    """The list with each expression reproduced here replaced (the others kept)."""
    out = []
    for x in expressions:
        found = _REPLACEMENTS.get(" ".join(x.path.split())) if isinstance(x, etree.XPath) else None
        out.append(Prefiltered(x, *found) if found else x)
    return out


@functools.cache
def install() -> int:
    """Put the replacements where trafilatura.core looks its prunes up (once per process); how many were replaced
    (0 for another release)."""
    from trafilatura import core

    if not is_checked():
        return 0
    count = 0
    for name in TARGETS:
        current = getattr(core, name, None)
        if isinstance(current, list):
            new = faster(current)
            count += sum(isinstance(x, Prefiltered) for x in new)
            setattr(core, name, new)
    return count
