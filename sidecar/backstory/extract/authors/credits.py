"""An organisation the page credits with the piece when it names no person: the page's own author field (a rel=author
link, itemprop=author, the <meta name=author> tag, the JSON-LD author) or the byline under its headline ('By The
Associated Press', a lone 'JIJI' line) names an agency, a desk or the outlet ('JIJI', 'Wikimedia Foundation', 'HLNF Staff
Report', 'AFP/The Local').

Kept only when it is typed as an organisation by what the page or the lexicon says: the JSON-LD types it so, it is a
news agency of the lexicon (extract-agencies.toml), the outlet's own name or address or initials, a name whose last
word is an organisation's ('Foundation', 'Media'), or a desk of a named newsroom ('HLNF Staff Report'). Never guessed
from the outlet's name alone (the page's author field or byline must credit it), never a placeholder made only of
newsroom words ('Staff Writer', 'Unknown', 'Staff'), never a name that reads as a person's."""

from __future__ import annotations

import re

from lxml import etree

from ... import lexicon
from ..limits import NAME_MARKUP_CHARS
from ..rules import declare_function, step
from ..selectors import in_comments, in_posting, in_teaser
from ..syndication import AGENCY_NAMES
from ..text import normalise_space
from .grammar import BY_ANY_LINE, DATE_TAIL
from .names import BY_PREFIX, FUNCTION_WORDS, ORG_WORDS, split_authors
from .sources import site_initials

PLACEHOLDER_WORDS = lexicon.words("byline_placeholder_words")
_DATE_LINE = re.compile(r"^(?=.{0,60}$)(?=.*(?<!\d)(?:19|20)\d\d(?!\d))(?=.*(?<!\d)\d{1,2}(?!\d))")  # (a short line with a year and a day)
OUTLET_WORDS = lexicon.words("outlet_name_words") | lexicon.words("byline_outlet_last_words")
_GROUP_TAIL = re.compile(r"\s+(?:staff(?:\s+reports?)?|news\s+desk|desk|team|newsroom|bureau|report)$", re.I)

CREDIT_MARKUP = step("authors.credit.markup", "A rel=author link or an itemprop=author element whose text is an organisation's name ('Wikimedia Foundation', 'IWB').")
CREDIT_META = step("authors.credit.meta", "The <meta name=author> tag (or article:author) naming an organisation ('HLNF Staff Report', 'AFP/The Local').")
CREDIT_JSON_LD = step("authors.credit.json-ld", "This article's JSON-LD author typed as an organisation (schema.org Organization) or naming one.")
CREDIT_UNDER_HEADLINE = step("authors.credit.under-headline", "The line under the headline that credits only an agency or the outlet ('By The Associated Press', 'JIJI').")


def _placeholder(text: str) -> bool:
    words = re.findall(r"[^\W\d_]+", text.casefold())
    return not words or all(w in PLACEHOLDER_WORDS for w in words)


def _letters(text: str) -> str:
    return re.sub(r"[\W_]", "", text.casefold())


def _is_self(part: str, outlets: tuple[str, ...], host: str) -> bool:
    """Whether a part of a credit is the outlet's own name, address or initials ('The Local' of 'The Local Sweden',
    'kath.net' on kath.net, 'IWB' on investmentwatchblog.com)."""
    letters, label = _letters(part), _letters(host.removeprefix("www.").split(".")[0])
    if "." in part:
        return bool(letters) and _letters(host.removeprefix("www.")).endswith(letters.removeprefix("www"))
    if letters and (letters == label or any(_letters(o).startswith(letters) and len(part.split()) >= 2 or _letters(o) == letters
                                            for o in outlets)):
        return True
    return site_initials(part, label, outlets)


def _kind(part: str, outlets: tuple[str, ...], host: str, typed: bool) -> str | None:
    """'agency', 'self' (the outlet's own name), 'org' (another organisation) or None (no organisation, or a person's
    name: 'Wolfgang Schmale' is a person even where the JSON-LD types him as an organisation)."""
    if part in AGENCY_NAMES and len(part) >= 2:
        return "agency"
    words = part.split()
    own = _is_self(part, outlets, host)
    if len(words) >= 2 and words[-1].casefold() in ORG_WORDS | OUTLET_WORDS:
        return "self" if own else "org"  # 'Wikimedia Foundation', 'Miami Today', 'Betty Crocker Kitchens'
    head = _GROUP_TAIL.sub("", part)
    if head != part and not _placeholder(head):
        return "org"  # a named newsroom's desk: 'HLNF Staff Report', 'Jerusalem Post Staff'
    if split_authors(part):
        return None  # reads as a person's name ('Nala Löwenkönigin', a blog's persona)
    if own and (len(words) >= 2 or "." in part or part.isupper()):
        return "self"  # ('The Local', 'uncut-news.ch', 'IWB'; not a one-word handle such as 'Creeny')
    return "org" if typed and len(words) >= 2 else None


def organisation(raw: str, outlets: tuple[str, ...], host: str, *, typed: bool = False, metadata: bool = False) -> str | None:
    """The credit as the page writes it when it names an organisation and no person, else None. ``typed``: the page's
    JSON-LD types it as an organisation; ``metadata``: read from the meta tag or the JSON-LD, where the outlet's own name
    alone is the publishing system's default, not a credit."""
    text = normalise_space(BY_PREFIX.sub("", normalise_space(raw))).strip(" .,;:|-–—")
    if not text or len(text) > 60 or _placeholder(text):
        return None
    kinds = [_kind(p, outlets, host, typed) for p in (q.strip() for q in re.split(r"\s*/\s*", text)) if p]
    if not kinds or None in kinds or metadata and all(k == "self" for k in kinds):
        return None
    return text


def _check(text: str) -> str | None:  # (the examples' outlet: 'Example Times' on exampletimes.com)
    return organisation(text, ("Example Times",), "www.exampletimes.com")


declare_function(
    "credit.organisation", "A credit that names an organisation, typed by the lexicon's agencies, the outlet's name or "
    "address or initials, an organisation's last word or a named newsroom's desk; no placeholder, no person.", _check,
    fires_on=["JIJI", "Wikimedia Foundation", "HLNF Staff Report", "AFP/Example Times", "By The Associated Press", "ET",
              "Miami Today", "exampletimes.com"],
    never_on=["Staff Writer", "Unknown", "Staff", "Ann Lee", "No Author", "Staff and News Service Reports", "Media Relations",
              "Benni", "Creeny", "Nala Löwenkönigin"])


def markup_credits(markup: list[etree._Element]) -> list[tuple[str, str]]:
    """(text, evidence) of the page's rel=author links and itemprop=author elements outside comments and teasers (an
    itemprop=author Person's itemprop=name); ``markup``: the page's byline markup in page order (sources.byline_elements)."""
    found = []
    for el in markup[:40]:
        if not (el.get("itemprop") == "author" or (el.tag == "a" and el.get("rel") == "author")):
            continue
        if in_comments(el) or in_posting(el) or in_teaser(el):
            continue
        named = next((n for n in el.iter(etree.Element) if n.get("itemprop") == "name"), None)
        text = normalise_space((named if named is not None else el).text_content())
        if 0 < len(text) <= NAME_MARKUP_CHARS:
            found.append((text, normalise_space(el.text_content())[:200]))
    return found


def under_headline_credit(window: str) -> str | None:
    """The credit of the first short line under the headline that is a 'By …' line or the lone name of an agency
    ('JIJI', 'Reuters'): its text without 'By' and a date after it."""
    lines = [line.strip() for line in window.split("\n")][:8]
    for i, line in enumerate(lines):
        if not line:
            continue
        if m := BY_ANY_LINE.match(line):
            return re.sub(rf"{DATE_TAIL}$", "", m.group(1)).strip(" .,|")
        if line in AGENCY_NAMES and len(line) >= 3:
            return line
        # a credit over the byline's date ('ET Online|' / '09 Jun 2020, 02:32 PM IST'): organisation() types it
        # (no list, no phrase: 'Magazin, News', 'Skip to content' are a category line and a link)
        if i + 1 < len(lines) and len(line) <= 40 and _DATE_LINE.match(lines[i + 1]) and "," not in line \
                and not any(w.casefold() in FUNCTION_WORDS for w in line.split()[1:]):
            return line.strip(" |·•–—-")
    return None
