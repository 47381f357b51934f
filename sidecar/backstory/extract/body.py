"""Step 3 — the body: the article's main text (trafilatura's, with the later parts of a body split into several
containers), its language, and whether the page is an article at all."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from lxml import etree

from .. import budget
from .furniture import MARK
from .limits import CONTINUATION_DEPTH, MAX_BODY_PARTS, MIN_ARTICLE_WORDS
from .metadata import ARTICLE_TYPES, meta, types
from .rules import declare
from .selectors import BODY_WORDS, CLASS_WORD, META_LANGUAGE, NOT_PROSE_CLASS, NOT_PROSE_TAGS, PLAIN_TAG
from .text import normalise_space

if TYPE_CHECKING:
    from .result import Extracted

SEARCH_PATH = declare(
    "page.search-or-listing-address", "An address of a search, tag, category or author listing page, not an article.",
    r"/(?:search|tag|tags|category|categories|topics?|author)/?$|[?&](?:q|s|query|search)=", re.I,
    fires_on=["/search?q=ukraine", "/category/"], never_on=["/news/2024/story", "/tags/story-about-tags"])


def prose(container: etree._Element) -> list[str]:
    """The paragraphs of one part of an article body, without inset boxes, ads, figures, captions and the page's
    furniture."""
    out = []
    for p in container.iter("p"):
        if p.get(MARK) is not None:
            continue
        for anc in p.iterancestors():
            if anc is container:
                t = normalise_space(p.text_content())
                if t:
                    out.append(t)
                break
            if anc.tag in NOT_PROSE_TAGS or NOT_PROSE_CLASS.search(anc.get("class") or "") or anc.get(MARK) is not None:
                break
    return out


def _same_slot(a: etree._Element, b: etree._Element) -> bool:
    pa, pb = a.getparent(), b.getparent()
    return (pa is not None and pb is not None and bool(pa.get("class"))
            and pa.tag == pb.tag and pa.get("class") == pb.get("class"))


def continuation(tree: etree._Element, paragraphs: list[str]) -> list[str]:
    """Paragraphs of the article that trafilatura left out because the page splits the body into
    several sibling containers of one kind, with ads or "Keep reading" boxes between them (Wired's
    ``div.article__body`` parts): trafilatura keeps the first part only. Finds the container that
    holds the last extracted paragraph and returns the prose of the later containers of the same
    tag and class, in page order."""
    if len(paragraphs) < 2:
        return []
    probe = paragraphs[-1][:80]
    # the last <p> that holds it (a teaser repeating the paragraph comes earlier, if anywhere): searched
    # from the end of the page, where the body's last paragraph usually is
    first = probe.split(" ", 1)[0]  # (a text that starts with the probe once normalised holds its first word as it is)
    hit = next((p for p in reversed(tree.xpath("//p")) if first in (t := p.text_content())
                and normalise_space(t).startswith(probe)), None)
    if hit is None:
        return []
    have = set(paragraphs)
    part = hit.getparent()
    for _ in range(CONTINUATION_DEPTH):
        if part is None:
            return []
        cls = part.get("class")
        if cls and isinstance(part.tag, str) and PLAIN_TAG.fullmatch(part.tag) \
                and BODY_WORDS & set(CLASS_WORD.split(cls.lower())):
            parts = tree.xpath(f"//{part.tag}[@class=$c]", c=cls)
            # parts of one body sit in look-alike slots (same parent kind), and the part found must
            # hold more of the article than the one paragraph looked for
            if (2 <= len(parts) <= MAX_BODY_PARTS and all(_same_slot(x, part) for x in parts)
                    and sum(t in have for t in prose(part)) >= 2):
                break
        part = part.getparent()
    else:
        return []
    later, seen_part, wanted = [], False, set(parts)
    for i, el in enumerate(tree.iter()):
        if not i % 4096:
            budget.check("extract: the body's later parts")
        if el is part:
            seen_part = True
        elif seen_part and el in wanted and part not in el.iterancestors() and el not in part.iterancestors():
            later.append(el)
    extra = []
    for el in later:
        for t in prose(el):
            if t not in have:
                extra.append(t)
                have.add(t)
    return extra


def language(tree: etree._Element, text: str) -> str | None:
    """The page's language: from the text itself when there is enough of it, else the markup."""
    if len(text) >= 200:
        import py3langid  # loaded lazily: its model takes ~0.7 s, paid once per process

        lang, _ = py3langid.classify(text[:1200])
        return lang
    declared = tree.get("lang") or meta(tree, *META_LANGUAGE)
    return declared.replace("_", "-").split("-")[0].lower() if declared else None


def not_article_reason(url: str, ex: Extracted) -> str | None:
    """Why the page is not an article (no text, a home page, a search or listing page, too short), or None."""
    parts = urlsplit(url)
    is_article_typed = ex.og_type == "article" or any(types(o) & ARTICLE_TYPES for o in ex.jsonld)
    if not ex.text.strip():
        return "no main text found on this page"
    if parts.path.strip("/") == "" and not is_article_typed:
        return "this looks like a home page, not an article"
    if SEARCH_PATH.search(parts.path + ("?" + parts.query if parts.query else "")) and not is_article_typed:
        return "this looks like a search or listing page, not an article"
    if ex.word_count < MIN_ARTICLE_WORDS:
        return f"the main text is too short for an article ({ex.word_count} words)"
    return None
