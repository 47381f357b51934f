"""Step 4 — the title: the article's headline as the page shows it, from the page title, its <h1>s and the
structured data's headline."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from lxml import etree

from . import furniture
from .metadata import ARTICLE_TYPES, meta, types
from .rules import declare
from .selectors import META_TITLE
from .text import normalise_space

if TYPE_CHECKING:
    from .result import Extracted

# ' | Site', ' - Site', ' – Site' after a headline in <title> and og:title
TITLE_SEPARATOR = declare(
    "title.separator", "The mark that sets a site's or a section's name off from a headline in a page title (' | ', ' - ').",
    r"\s+(?:[|\-–—•·»:]{1,2})\s+", fires_on=["Headline | The Japan Times", "Blog » Post"], never_on=["Covid-19 cases rise"])
# a separator with nothing after it ('National Rail Enquiries -'); not a closing guillemet, which French sets off with a
# space ('« Les privatisations … des usagers »')
DANGLING_SEPARATOR = declare(
    "title.dangling-separator", "A separator with nothing after it at the end of a title ('National Rail Enquiries -').",
    r"\s+[|\-–—•·:]{1,2}\s*$", fires_on=["National Rail Enquiries -", "Über André Loibl |"],
    never_on=["« Les privatisations sont au profit d'intérêts privés »"])
_NOT_WORD = declare("title.key-separator", "What a title is compared without: marks and spaces.",
                    r"[\W_]+", fires_on=["a, b"], never_on=["ab"])


def title_key(text: str) -> str:
    """A title compared without case, marks and spacing."""
    return _NOT_WORD.sub(" ", text.replace("&#8216;", "'").replace("&#8217;", "'")).casefold().strip()


def links_home(h: etree._Element, text: str, url: str) -> bool:
    """Whether a heading (its text normalised) holds nothing but a link to the site's home page."""
    links = h.xpath(".//a[@href]")
    if len(links) != 1 or normalise_space(links[0].text_content()) != text:
        return False
    try:
        target = urlsplit(urljoin(url, links[0].get("href").strip()))
    except ValueError:  # ('http://[x': no address at all)
        return False
    return target.path in {"", "/"} and not target.query and (target.hostname or "").removeprefix("www.") == (
        urlsplit(url).hostname or "").removeprefix("www.")


_HEADINGS = "//h1 | //h2 | //h3 | //h4 | //h5 | //h6 | //*[contains(@class, 'title')]"


def furniture_heading(tree: etree._Element, title: str) -> bool:
    """Whether a title is the heading of a piece of the page's furniture ('Get Slate in your inbox.' over a
    newsletter form, 'Latest in Gear' over related links, 'Join the Discussion Cancel reply' over a comment form),
    shown nowhere else as a heading, and not the page's own title or sharing title."""
    key = title_key(title)
    if not key:
        return False
    in_furniture = False
    for h in tree.xpath(_HEADINGS)[:500]:
        if title_key(normalise_space(h.text_content())) == key:
            if not furniture.heading_inside(h):
                return False
            in_furniture = True
    if not in_furniture:
        return False
    own = " ".join(normalise_space(t) for t in (meta(tree, *META_TITLE) or "", tree.findtext(".//title") or ""))
    return key not in title_key(own)


def headline(tree: etree._Element, title: str | None, ex: Extracted) -> str | None:
    """The article's headline as the page shows it: the page title without the site's name
    ('Headline | The Japan Times' -> 'Headline'), or the page's <h1> when the structured data
    agrees with it or the page title is a shorter variant for sharing. Never a heading of the page's furniture."""
    if title and furniture_heading(tree, title):
        # (the title trafilatura read is a box's heading: the page's sharing title or its own <title> instead)
        title = meta(tree, *META_TITLE) or normalise_space(tree.findtext(".//title") or "") or None
    if title:
        title = DANGLING_SEPARATOR.sub("", title) or None  # ('National Rail Enquiries -': nothing after it)
    headings = [(h, text) for h in tree.xpath("//h1")[:5]
                if (text := normalise_space(h.text_content())) and not furniture.heading_inside(h)]
    # (an <h1> that is only a link to the home page is the site's name, as old blog themes set it: 'Four Years Remaining')
    home_h1s = {text for h, text in headings if links_home(h, text, ex.url)}
    h1s = [text for _, text in headings if text not in home_h1s]
    if title in home_h1s:  # (trafilatura took that <h1> for the title: the page's own <title> says more)
        title = DANGLING_SEPARATOR.sub("", normalise_space(tree.findtext(".//title") or "")) or title
    ld = [normalise_space(str(o["headline"])) for o in ex.jsonld if types(o) & ARTICLE_TYPES and o.get("headline")]
    keys = {title_key(h): h for h in h1s}
    # the structured data's headline is one of the page's <h1>s: that is the headline shown
    for ld_headline in ld:
        if title_key(ld_headline) in keys:
            return keys[title_key(ld_headline)]
    if not title:
        return h1s[0] if len(h1s) == 1 else None
    # 'Headline - Site' where 'Headline' is an <h1>, or the part after the last separator names the site
    # (not a site name trafilatura guessed: it takes it from the page title itself)
    site_name = ex.site_name if ex.site_name_source != "trafilatura" else None
    site_keys = {k for k in (title_key(site_name or ""), title_key(ex.publisher or ""),
                             title_key(urlsplit(ex.url).hostname or "").removeprefix("www "), *map(title_key, home_h1s)) if k}
    site_keys = {k.replace(" ", "") for k in site_keys}
    for sep in TITLE_SEPARATOR.finditer(title):
        head, rest = title[: sep.start()].strip(), title[sep.end():]
        tail = title_key(rest).replace(" ", "")
        if title_key(head) in keys:
            return keys[title_key(head)]
        if title_key(rest) in keys:  # 'Local News | Headline': a section name before the headline
            return keys[title_key(rest)]
        if len(tail) >= 3 and any(tail in k or k in tail for k in site_keys):
            return head
    # an article page whose only <h1> is a fuller headline than the sharing title
    if len(h1s) == 1 and len(h1s[0].split()) >= 4 and title_key(title) not in title_key(h1s[0]) and (
            ex.og_type == "article" or any(types(o) & ARTICLE_TYPES for o in ex.jsonld)):
        return h1s[0]
    # the site's name first ('INDUSTRIEMAGAZIN | Headline - with a dash'), then maybe a section set off by the same mark
    # ('Four Years Remaining » Blog Archive » Headline'): the headline is what follows
    first = TITLE_SEPARATOR.search(title)
    if first and title_key(title[: first.start()]).replace(" ", "") in site_keys:
        rest = title[first.end():]
        same = [m for m in TITLE_SEPARATOR.finditer(rest) if m.group().strip() == first.group().strip()]
        rest = rest[same[-1].end():] if same else rest
        if len(rest.split()) >= 3:
            return rest.strip()
    return title
