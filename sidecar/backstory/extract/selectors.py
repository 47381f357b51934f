"""Where on the page to look, as named data (as trafilatura keeps its XPath lists in xpaths.py and its meta names
as sets): the meta names read for each field, the class words of bylines, teasers and comment areas, and the
few predicates that apply them to an element. Adding a site convention is adding a word here, not a branch."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from lxml import etree

from .. import budget
from .rules import declare

# --- meta names, tried in this order (property, then name, then itemprop, for each) ---
META_AUTHOR = ("author", "article:author", "parsely-author", "sailthru.author")
META_SITE_NAME = ("og:site_name", "application-name")
META_TITLE = ("og:title",)
META_TYPE = ("og:type",)
META_URL = ("og:url",)
META_DESCRIPTION = ("description", "og:description")
META_LANGUAGE = ("og:locale", "content-language", "language")

# --- tags ---
# the blocks that end a line of the page's visible text
BLOCK_TAGS = ("p", "div", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "footer", "header", "section",
              "article", "aside", "blockquote", "br", "tr", "dd", "dt", "figcaption", "nav", "form", "title", "body", "address")
# what is not the article's running prose inside one part of its body
NOT_PROSE_TAGS = frozenset({"figure", "figcaption", "aside", "nav", "form", "footer", "header", "blockquote"})
# tags whose content lists other stories or the site's menus
TEASER_TAGS = frozenset({"aside", "nav"})

# --- class and id words ---
# Class or id words of page parts that list *other* stories ('More stories' cards, related links):
# a byline there belongs to another article. Whole words only ('card__meta', 'related-posts'), so that
# layout wrappers ('content-sidebar-wrap') and category classes ('category-popular-posts') do not count.
TEASER_CLASS = declare(
    "area.teaser-class", "A class or id word of a part of the page that lists other stories (cards, related, trending).",
    r"^(?:cards?|(?:[\w-]+?(?:--|__|-))?teasers?|related|promos?|recommended|recommendations|more-stories|sidebar|rail|trending|most-read|"
    r"read-next|up-next|outbrain|taboola|article-list|story-list|list-headline|post-items?|post-list|posts-list|more-posts)"
    r"(?:[-_]+\w+)*$", re.I, use="match",
    fires_on=["related-posts", "node--teaser", "card", "post-item"],
    never_on=["content-sidebar-wrap", "category-popular-posts", "entry-content"])
# class or id words of the readers' comments section
COMMENTS_CLASS = declare(
    "area.comments-class", "A class or id word of the readers' comments ('comment-list', 'disqus_thread', 'replies').",
    r"(?:^|[\s_-])(?:comments?|commentlist|disqus|replies)(?:[\s_-]|$)", re.I,
    fires_on=["comment odd depth-1", "w-comments-item-author", "disqus_thread"], never_on=["commentary-body", "post-author"])
# class words of a byline or of the author's name in it ('byline', 'article__byline', 'c-byline__author-name'),
# not of its date, picture or sharing links
# (its variants: BEM and snake-case parts, camelCase ('articleBylineContainer'), a numbered copy ('byline-2'), and the
# hashes CSS-in-JS and CSS modules add ('BylineName-cKjYhk', 'byline___2NGv_'), whose letters mix cases or digits)
BYLINE_CLASS = declare(
    "area.byline-class", "A class word of a byline or of the author's name in it ('byline', 'c-byline__author-name', 'BylineName-cKjYhk').",
    r"^(?:\w+(?:-|__)|[a-z]+)?by-?lines?"
    r"(?:(?:--|__|-|_)?(?:authors?|author-?names?|names?|names-?wrapper|link|name-link|text|wrapper|wrap|item|section|container|"
    r"part|unit|short|group|inner|content|list|element|block|\d))*"
    r"(?-i:-(?=[a-z]*[A-Z])(?=[A-Z]*[a-z])[a-zA-Z]{5,7}|___[A-Za-z0-9]{3,8}_?)?$", re.I,
    fires_on=["byline", "article__byline", "c-byline__author-name", "ByLine", "BylineName-cKjYhk", "articleBylineContainer",
              "byline___2NGv_", "byline-2", "byline--author"],
    never_on=["byline__date", "bylines-share-links", "byline-avatar", "byline-date", "c-byline__twitter-handle", "byline--with-bg",
              "article-byline__avatar", "byline__icon"])
# class words of an element holding an author's name ('author', 'author-name', 'author_single'),
# not of author boxes, pictures or links to their profiles on social media
AUTHOR_CLASS = declare(
    "area.author-class", "A class word of an element holding an author's name ('author', 'author-name', 'author_single').",
    r"(?:^|[-_])author(?:s|[-_]?name|[-_]single|[-_]link)?$", re.I,
    fires_on=["author", "author-name", "author_single", "post-author"], never_on=["author-box", "author-avatar"])
# class words of parts of a body that are not its prose
NOT_PROSE_CLASS = declare(
    "area.not-prose-class", "A class of an inset inside the body: callouts, related links, newsletter prompts, ads, captions.",
    r"callout|related|recirc|read-?more|keep-?reading|newsletter|promo|\bads?\b|ad[-_]|advert|"
    r"embed|caption|share|social|sign-?up|subscribe|most-?popular|comment", re.I,
    fires_on=["newsletter-signup", "related-links", "ad-slot"], never_on=["article-body", "paragraph"])
# the class words of a body's container ('article__body', 'story-content')
BODY_WORDS = frozenset({"body", "article", "story", "content", "text", "entry", "post", "prose"})
CLASS_WORD = declare("area.class-word-separator", "What separates the words of a class attribute ('article__body').",
                     r"[\s_-]+", fires_on=["article__body"], never_on=["articlebody"])
PLAIN_TAG = declare("area.plain-tag", "A tag name that can go into an XPath as it is (not 'fb:like').",
                    r"[a-z][a-z0-9]*", use="fullmatch", fires_on=["div", "h1"], never_on=["fb:like"])

# schema.org items written by a site's users: a question, its answers, comments on it
POSTING_TYPE = declare(
    "area.user-posting-type", "A schema.org type of an item a site's users wrote: Question, Answer, Comment.",
    r"(?:^|[/#])(?:Question|Answer|Comment)$", fires_on=["https://schema.org/Answer"], never_on=["https://schema.org/NewsArticle"])

# a link to a writer's page, its last path segment the writer's name ('/author/jane-doe/', '/people/ann_lee')
AUTHOR_HREF = declare(
    "area.author-page-link", "A link to a writer's page whose last path segment is the writer ('/author/jane-doe/').",
    r"/(?:authors?|writers?|journalists?|reporters?|columnists?|contributors?|staff|people|"
    r"profiles?|autor(?:en|in)?|auteurs?)/([^/?#]+)/?(?:[?#].*)?$", re.I,
    fires_on=["https://example.com/author/jane-doe/", "/people/ann_lee"], never_on=["/news/author-interview", "/authors/"])


@functools.lru_cache(maxsize=16)
def _having(attributes: tuple[str, ...]) -> etree.XPath:
    return etree.XPath(f"descendant-or-self::*[{' or '.join('@' + a for a in attributes)}]")


def elements(tree: etree._Element, wanted: Callable[[etree._Element], bool], having: tuple[str, ...] = ()) -> list[etree._Element]:
    """The page's elements for which wanted(element) holds, in document order. (A loop in Python beats an XPath
    with contains(@class, …) on these pages: libxml2 builds each attribute's string value to test it.) With
    ``having``, the attributes without one of which wanted() never holds, only the elements that carry one are tried
    (found by one XPath walk in C, which tests whether an attribute is there without building its value)."""
    return elements_each(tree, (wanted,), having)[0]


def elements_each(tree: etree._Element, wanted: tuple[Callable[[etree._Element], bool], ...],
                  having: tuple[str, ...] = ()) -> list[list[etree._Element]]:
    """elements() for several predicates in one walk: the elements each one holds for, in document order (``having``
    must hold for all of them)."""
    found: list[list[etree._Element]] = [[] for _ in wanted]
    for i, el in enumerate(_having(having)(tree) if having else tree.iter(etree.Element)):
        if not i % 4096:
            budget.check("extract: reading the page's elements")
        for test, out in zip(wanted, found):
            if test(el):
                out.append(el)
    return found


def byline_markup(el: etree._Element) -> bool:
    """rel=author links, itemprop=author and the elements a 'byline' class word may sit on."""
    cls = el.get("class")
    return bool(cls and ("yline" in cls or "yLine" in cls)) or el.get("itemprop") == "author" \
        or (el.tag == "a" and el.get("rel") == "author")


def maybe_comments(el: etree._Element) -> bool:
    """Elements whose class or id may mark readers' comments (COMMENTS_CLASS decides)."""
    for attr in (el.get("class"), el.get("id")):
        if attr and ("comment" in attr or "disqus" in attr or "repl" in attr):
            return True
    return False


def in_teaser(el: etree._Element) -> bool:
    """Whether an element sits in a part of the page that lists other stories. A part that holds the
    page's headline (its h1) is the story itself, whatever its class ('article.entry.cards')."""
    for anc in el.iterancestors():
        if anc.tag in TEASER_TAGS:
            return True
        if anc.tag == "body" or anc.find(".//h1") is not None:
            return False
        if any(TEASER_CLASS.match(word) for word in f"{anc.get('class') or ''} {anc.get('id') or ''}".split()):
            return True
    return False


def in_comments(el: etree._Element) -> bool:
    """Whether an element is part of the readers' comments ('w-comments-item-author', 'li.comment')."""
    for node in (el, *el.iterancestors()):
        if node.tag == "body":
            return False
        if COMMENTS_CLASS.search(f"{node.get('class') or ''} {node.get('id') or ''}"):
            return True
    return False


def is_posting(el: etree._Element) -> bool:
    """Whether an element is a question, an answer or a comment marked up as such."""
    return POSTING_TYPE.search((el.get("itemtype") or "").strip()) is not None


def in_posting(el: etree._Element) -> bool:
    """Whether an element is part of such a posting (a Q&A site's 'asked by' and 'answered by' cards carry
    itemprop=author, but name no writer of the page)."""
    return any(is_posting(node) for node in (el, *el.iterancestors()))
