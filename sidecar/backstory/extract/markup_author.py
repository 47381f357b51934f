"""trafilatura's author finder (``metadata.extract_author``), the same answer without copying the page.

trafilatura looks for a byline in the markup when the page's metadata names no author: it copies the whole page,
deletes from the copy what cannot hold the byline (comment threads, sidebars, quotes, titles, dates, figures…), then
takes the first element its three author expressions select whose text is 3 to 119 characters long. The copy and its
regular-expression tests, which lxml runs as a call into Python for each element, cost about as much as the rest of
its metadata step.

:func:`extract_author` reads the page as it is. One walk in C finds the elements that carry an attribute the
expressions test (or a tag they select); each expression's tests are then made on those in Python, in page order (the
same patterns, the same comparisons); an element the deletion would have removed, itself or with an ancestor, is
passed over; and the text of the one taken is read as the copy would give it, the tail of a deleted child joined to
the text before it. Where the page
could make the two differ (a ``<rel>`` element, which one expression reads by its text; a comment inside the element
read; an element that is not the page's only root) or the installed trafilatura has other expressions, trafilatura's own
finder answers. tests/test_markup_author.py compares the two on every fixture and gold page and on hand-made cases.
"""

from __future__ import annotations

import functools
import re

from lxml import etree
from trafilatura import metadata
from trafilatura.utils import trim

from .trafilatura_release import re_test as _re_test

# trafilatura's expressions (xpaths.AUTHOR_XPATHS, then AUTHOR_DISCARD_XPATHS), white space collapsed: what is
# reproduced below; any other expressions leave the work to trafilatura
EXPECTED = (
    "//*[self::a or self::address or self::div or self::link or self::p or self::span or self::strong][ @rel='author' "
    "or @id='author' or @class='author' or @itemprop='author name' or rel='me' or @data-testid='AuthorCard' or "
    "@data-testid='AuthorURL' or re:test(@class, 'author-?name|AuthorName|authorName')]|//author",
    "//*[self::a or self::div or self::h3 or self::h4 or self::p or self::span][ @class='byline' or @class='username' "
    "or @class='byl' or @class='BBL' or contains(@itemprop, 'author') or re:test(@id, 'author|zuozhe|bianji|xiaobian') "
    "or re:test(@class, 'author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name')]",
    "//*[ contains(@data-component, 'Byline') or contains(@itemprop, 'author') or re:test(@id, '[Aa]uthor') or "
    "re:test(@class, '[Aa]uthor|screenname|writer|[Bb]yline')]",
    ".//*[self::a or self::div or self::section or self::span][ @id='comments' or @class='comments' or @class='title' "
    "or @class='date' or re:test(@id, '^comments|comment-?list|ProductReviews') or re:test(@class, '^[Cc]omments|"
    "commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|article-(?:share|support)|print|category|"
    "meta-date|meta-reviewer') or contains(@data-component, 'Figure')]",
    "//time|//figure",
)
LEN_LIMIT = 120  # (trafilatura's limit for an author's text: shorter than this, longer than 2)

# the elements any of the expressions may select or delete, by one walk in C: those with an attribute they test,
# with a <rel> child (which leaves the work to trafilatura), or of the tags they select whatever their attributes
_MAY_BE_READ = etree.XPath("//*[@class or @id or @itemprop or @rel or @data-testid or @data-component or rel or "
                           "self::author or self::time or self::figure]")
_FIRST_TAGS = frozenset({"a", "address", "div", "link", "p", "span", "strong"})
_SECOND_TAGS = frozenset({"a", "div", "h3", "h4", "p", "span"})
_DISCARD_TAGS = frozenset({"a", "div", "section", "span"})
_FIRST_CLASS = re.compile("author-?name|AuthorName|authorName")
_SECOND_ID = re.compile("author|zuozhe|bianji|xiaobian")
_SECOND_CLASS = re.compile("author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name")
_THIRD_ID = re.compile("[Aa]uthor")
_THIRD_CLASS = re.compile("[Aa]uthor|screenname|writer|[Bb]yline")
_DISCARD_ID = re.compile("^comments|comment-?list|ProductReviews")
_DISCARD_CLASS = re.compile("^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|"
                            "article-(?:share|support)|print|category|meta-date|meta-reviewer")


class _Theirs(Exception):
    """The page holds what this reading does not reproduce: trafilatura's finder answers."""


def _first(el: etree._Element) -> bool:
    if el.tag == "author":
        return True
    if el.tag not in _FIRST_TAGS:
        return False
    if el.find("rel") is not None:
        raise _Theirs  # ('rel='me'' compares a <rel> child's text, which the deletion may change)
    cls = el.get("class")
    return (el.get("rel") == "author" or el.get("id") == "author" or cls == "author" or el.get("itemprop") == "author name"
            or el.get("data-testid") in ("AuthorCard", "AuthorURL") or _re_test(_FIRST_CLASS, cls))


def _second(el: etree._Element) -> bool:
    if el.tag not in _SECOND_TAGS:
        return False
    cls = el.get("class")
    return (cls in ("byline", "username", "byl", "BBL") or "author" in (el.get("itemprop") or "")
            or _re_test(_SECOND_ID, el.get("id")) or _re_test(_SECOND_CLASS, cls))


def _third(el: etree._Element) -> bool:
    return ("Byline" in (el.get("data-component") or "") or "author" in (el.get("itemprop") or "")
            or _re_test(_THIRD_ID, el.get("id")) or _re_test(_THIRD_CLASS, el.get("class")))


def _discarded(el: etree._Element) -> bool:
    if el.tag in ("time", "figure"):
        return True
    if el.tag not in _DISCARD_TAGS:
        return False
    cls, ident = el.get("class"), el.get("id")
    return (ident == "comments" or cls in ("comments", "title", "date") or _re_test(_DISCARD_ID, ident)
            or _re_test(_DISCARD_CLASS, cls) or "Figure" in (el.get("data-component") or ""))


_EXPRESSIONS = (_first, _second, _third)


def _text_after_deletion(el: etree._Element, gone: set[etree._Element]) -> str:
    """' '.join(el.itertext()) as trafilatura's pruned copy gives it: deleted children skipped, each one's tail joined
    to the text before it (the element's text or the last kept child's tail)."""
    pieces: list[str] = []
    # each frame: the children still to read, and the text that waits to be written (the element's text, then each
    # kept child's tail), which a deleted child's tail joins
    stack: list[list] = [[iter(el), el.text]]
    while stack:
        frame = stack[-1]
        for child in frame[0]:
            if not isinstance(child.tag, str):
                raise _Theirs  # (a comment or a processing instruction: lxml's text walk treats them its own way)
            if child in gone:
                if child.tail:
                    frame[1] = (frame[1] or "") + child.tail
                continue
            if frame[1]:
                pieces.append(frame[1])
            frame[1] = child.tail
            stack.append([iter(child), child.text])
            break
        else:
            if frame[1]:
                pieces.append(frame[1])
            stack.pop()
    return " ".join(pieces)


def applies() -> bool:
    """Whether the installed trafilatura's author expressions are the ones reproduced here."""
    from trafilatura import xpaths

    paths = [" ".join(x.path.split()) for x in (*xpaths.AUTHOR_XPATHS, *xpaths.AUTHOR_DISCARD_XPATHS)]
    return tuple(paths) == EXPECTED


_applies_here = functools.cache(applies)  # (the installed expressions do not change while the process runs)


def extract_author(tree: etree._Element) -> str | None:
    """trafilatura.metadata.extract_author(tree): the author its markup expressions find, or None."""
    # (the page's one root: trafilatura copies only the element it is given, and a page whose markup lxml splits into
    # two top-level elements would be read whole by the expressions here)
    if not _applies_here() or tree.getparent() is not None or tree.getprevious() is not None or tree.getnext() is not None:
        return metadata.extract_author(tree)
    try:
        elements = _MAY_BE_READ(tree)  # (in page order, as each expression's are)
        gone: set[etree._Element] | None = None
        for test in _EXPRESSIONS:
            for el in elements:
                if not test(el):
                    continue
                if gone is None:  # (what the deletion removes, the page's root aside: read once something is selected)
                    gone = {d for d in elements if _discarded(d) and d is not tree}
                if el in gone or any(a in gone for a in el.iterancestors()):
                    continue
                content = trim(_text_after_deletion(el, gone))
                if content and 2 < len(content) < LEN_LIMIT:
                    return metadata.normalize_authors(None, content)
    except _Theirs:
        return metadata.extract_author(tree)
    return None
