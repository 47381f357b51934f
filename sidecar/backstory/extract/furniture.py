"""Page furniture: the parts of a page around the article -- menus, "trending" and related-link boxes, newsletter
prompts, comment forms, sharing bars -- which are never its main text or its title.

They are found by the web's own conventions, never by one page's wording: the tags HTML has for them (``<nav>``,
``<aside>``, ``<menu>``, a ``<form>``), the ARIA roles (``navigation``, ``complementary``, ``search``, ``dialog``…)
and the words of their class or id (``related``, ``trending``, ``most-read``, ``newsletter``, ``comments``,
``share``…, lists in lexicon/en/extract-furniture.toml). An article body sometimes sits in such a container (a
theme's ``<aside class="entry">``, a whole page inside one ASP.NET ``<form>``, a wrapper called
``content-with-sidebar``): a part that holds the article -- its ``articleBody``, or half or more of the page's
prose (text outside links) -- is never furniture.

:func:`mark` tags the outermost furniture of a page with :data:`MARK`; :func:`main_text` then leaves out of the
main text the paragraphs that stand only in furniture (trafilatura's fallbacks take the whole page when they find
little text: the menu and a sidebar became the article). The page is not pruned before trafilatura reads it: that
changed which container it took for the body on some pages (measured on ScrapingHub's gold), so only what it
returns is filtered. :func:`inside` says whether an element sits in marked furniture (the title step skips
headings there).
"""

from __future__ import annotations

from lxml import etree

from .. import budget, lexicon
from .rules import declare, declare_function
from .text import cached_for_short, normalise_space

MARK = "data-backstory-furniture"
_MARKED = etree.XPath(f"//*[@{MARK}]")
# (a script's or a style's text is its one child: parent:: is ancestor:: for them, and a walk up the tree cheaper)
_TEXT = etree.XPath(".//text()[not(parent::script)][not(parent::style)]", smart_strings=False)
# (the same text as all the text less the scripts' and style sheets': two plain walks, cheaper than a test of each piece)
_ALL_TEXT = etree.XPath(".//text()", smart_strings=False)
_CODE_TEXT = etree.XPath(".//script/text() | .//style/text()", smart_strings=False)
_LINK_ALL_TEXT = etree.XPath(".//a//text()", smart_strings=False)
_LINK_CODE_TEXT = etree.XPath(".//a//script/text() | .//a//style/text()", smart_strings=False)
# (the attributes tested first: most elements carry a class, and a test of the tag costs more)
_MAYBE_FURNITURE = etree.XPath("descendant::*[@class or @id or @role or self::nav or self::aside or self::menu or self::form]")
_MAYBE_FURNITURE_COUNT = etree.XPath("count(descendant::*[@class or @id or @role or self::nav or self::aside or self::menu or self::form])")
_IN_LINK = etree.XPath("boolean(ancestor-or-self::a)")
_HAS_ARTICLE_BODY = etree.XPath("boolean(.//*[@itemprop='articleBody'])")
_OUTSIDE_TEXT = etree.XPath(f"//body//text()[not(ancestor::*[@{MARK}])][not(ancestor::script)][not(ancestor::style)]",
                           smart_strings=False)
TAGS = frozenset({"nav", "aside", "menu", "form"})
NOT_BOXES = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "p"})
# the share of the page's prose (text outside links) from which a part holds the article itself
ARTICLE_SHARE = 0.5
# parts found to hold the article at most per page: each weighing reads the part's text, and the parts that hold the
# article nest (a theme's wrappers), so a hostile page of nested look-alikes would be quadratic without a bound (the
# parts marked never nest: their insides are skipped)
MAX_HOLDING = 20

_WORDS = lexicon.words("furniture_class_words")
_PHRASES = frozenset(tuple(p.split("-")) for p in lexicon.words("furniture_class_phrases"))
_MODIFIERS = lexicon.words("furniture_class_modifiers")
_ROLES = lexicon.words("furniture_roles")
_PROMPTS = lexicon.words("furniture_prompt_words")

_PART = declare(
    "furniture.class-word-split", "What separates the words of one class or id: hyphens, underscores, a lower-case letter before a capital.",
    r"[-_]+|(?<=[a-z0-9])(?=[A-Z])", fires_on=["related-links", "mostRead", "comment_form"], never_on=["sidebar", "NAV"])


@cached_for_short(8192)  # (a page repeats its class words: 'menu-item' on every entry of a menu)
def class_word(token: str) -> str | None:
    """The furniture word or phrase in one class or id ('c-related-links' -> 'related', 'mostReadList' -> 'most-read'),
    or None: also for a state or a taxonomy of the page ('has-sidebar', 'category-trending', 'tag-social-media')."""
    parts = [p.lower() for p in _PART.split(token[:100]) if p]
    if not parts or parts[0] in _MODIFIERS:
        return None
    for i, part in enumerate(parts):
        if part in _WORDS:
            return part
        if i + 1 < len(parts) and (part, parts[i + 1]) in _PHRASES:
            return f"{part}-{parts[i + 1]}"
    return None


declare_function(
    "furniture.class-word", "A class or id word of page furniture: menus, related and trending boxes, newsletter prompts, comments, sharing.",
    class_word,
    fires_on=["main-nav", "c-related-links", "trending-now", "mostReadList", "newsletter-signup", "comment-respond", "respond",
              "social-share", "sidebar", "right-rail", "most_read", "sign-up-box"],
    never_on=["has-sidebar", "category-trending", "tag-social-media", "entry-content", "commentary", "navy", "shareholders",
              "article__body", "railway", "live-match-comment"])


def reason(el: etree._Element) -> str | None:
    """Why an element is furniture by its own markup ('<nav>', 'role=navigation', 'class related'), or None. A heading
    or a paragraph is a piece of text, not a box ('<h3 id="nav_schredder_statt">' is a heading's anchor). The guard
    for a part that holds the article is :func:`holds_article`'s."""
    if el.tag in NOT_BOXES:
        return None
    if el.tag in TAGS:
        return f"<{el.tag}>"
    role = (el.get("role") or "").strip().lower()
    if role in _ROLES:
        return f"role={role}"
    for attr in ("class", "id"):
        value = el.get(attr)
        if value and (word := _first_class_word(value)):
            return f"{attr} {word}"
    return None


@cached_for_short(8192)  # (a page repeats whole class values: 'menu-item menu-item-type-custom' on every entry)
def _first_class_word(value: str) -> str | None:
    """The furniture word of the first of a class or id value's tokens that has one, or None."""
    return next((word for token in value.split()[:20] if (word := class_word(token))), None)


def _prose(el: etree._Element) -> int:
    """Characters of text outside links, scripts and styles (each piece of text stripped): all the text less the
    links' (two plain walks; a test of every piece's ancestors cost a sixth of the stage)."""
    if _IN_LINK(el):
        return 0
    prose = _stripped(_ALL_TEXT(el)) - _stripped(_CODE_TEXT(el)) - _stripped(_LINK_ALL_TEXT(el)) + _stripped(_LINK_CODE_TEXT(el))
    return prose - len((el.text or "").strip()) if el.tag in {"script", "style"} else prose


def _stripped(pieces: list[str]) -> int:
    return sum(map(len, map(str.strip, pieces)))


def holds_article(el: etree._Element, page_prose: int, text_chars: int = 0) -> bool:
    """Whether a part holds the article: its structured body, or half or more of the page's prose, or prose of half
    the length of the main text trafilatura found or more (a theme's 'sidebar_right' wrapper, Drupal's
    'node--promoted' on the article itself, 'share' among an article's classes: on a page with long comments
    the article is less than half of the page)."""
    if _HAS_ARTICLE_BODY(el) or el.get("itemprop") == "articleBody":
        return True
    prose = _prose(el) if page_prose > 0 else 0
    return page_prose > 0 and (prose >= ARTICLE_SHARE * page_prose or (text_chars > 0 and prose >= ARTICLE_SHARE * text_chars))


def mark(tree: etree._Element, text_chars: int = 0) -> list[tuple[etree._Element, str]]:
    """Mark the page's outermost furniture with :data:`MARK`; returns each marked element with its reason. A mark the
    page itself carried is dropped first (a page cannot hide its own text from the stage). ``text_chars``: the length
    of the main text trafilatura found (a part with prose of half that length or more holds the article)."""
    for el in _MARKED(tree):
        del el.attrib[MARK]
    body = tree.find(".//body")
    root = body if body is not None else tree
    page_prose, holding = None, 0
    marked: list[tuple[etree._Element, str]] = []
    skip = 0  # (the elements of the list inside the furniture just marked, which is outermost only: they follow it)
    # (the body itself is never furniture; only a tag, a role, a class or an id makes an element furniture)
    for i, el in enumerate(_MAYBE_FURNITURE(root)):
        if not i % 4096:
            budget.check("extract: the page's furniture")
        if skip:
            skip -= 1
            continue
        if (why := reason(el)) is None:
            continue
        if page_prose is None:
            page_prose = _prose(root)
        if holds_article(el, page_prose, text_chars):
            holding += 1
            if holding >= MAX_HOLDING:
                break
            continue
        el.set(MARK, why)
        marked.append((el, why))
        skip = int(_MAYBE_FURNITURE_COUNT(el))  # (the list is in document order: its descendants come next, all of them)
    return marked


def _texts(el: etree._Element) -> list[str]:
    """_TEXT(el): the pieces of text outside scripts and style sheets; two plain walks where the part holds neither
    (most do), cheaper than the test of every piece's parent."""
    if el.tag in {"script", "style"} or _CODE_TEXT(el):
        return _TEXT(el)
    return _ALL_TEXT(el)


def _text(parts) -> str:
    return normalise_space("".join(parts))


def main_text(tree: etree._Element, marked: list[tuple[etree._Element, str]], paragraphs: list[str]) -> list[str]:
    """The paragraphs that are not the page's furniture: a paragraph found in marked furniture and nowhere else on the
    page is left out (one also shown outside it, as a pull quote repeated in a side box, stays)."""
    if not marked or not paragraphs:
        return paragraphs
    inside_text = "\n".join(_text(_texts(el)) for el, _ in marked)
    found = [p in inside_text for p in paragraphs]
    if not any(found):
        return paragraphs
    outside_text = _text(_OUTSIDE_TEXT(tree))  # (read only when needed: it tests every piece's ancestors)
    budget.check("extract: the page's furniture")
    return [p for p, f in zip(paragraphs, found) if not (f and p not in outside_text)]


def heading_inside(h: etree._Element) -> bool:
    """Whether a heading is one of the page's furniture: any heading in marked furniture but an <h1>, which only in a
    box that asks the reader for something (a newsletter prompt, a comment form, a dialog). An <h1> in a breadcrumb, a
    <nav> or a layout's 'sidebar' is the page's own title on many sites (German news sites set it so)."""
    for node in (h, *h.iterancestors()):
        why = node.get(MARK)
        if why is not None:
            return h.tag != "h1" or why.rpartition(" ")[2].removeprefix("role=") in _PROMPTS
    return False


def inside(el: etree._Element) -> bool:
    """Whether an element is marked furniture or sits in it."""
    return el.get(MARK) is not None or any(anc.get(MARK) is not None for anc in el.iterancestors())

