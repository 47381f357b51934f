"""Where a byline may stand on a page, each read by a function: the byline markup (rel=author, itemprop=author,
byline classes), a byline line under the headline or anywhere in the page's visible text, an element classed as
the author, links to writers' pages, a byline left inside the main text, the signatures of a letters page.

Each function returns the candidates it finds, each with the id of the rule that read it and the text it was read
from (decide.py weighs them); the checks that tell a byline from a teaser's, a comment's, a fact box's or a reading
list's are here too."""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from lxml import etree

from ... import budget
from ..headline import headline_windows
from ..limits import MAX_AUTHOR_LINKS, MIN_LETTER_WORDS, NAME_MARKUP_CHARS
from ..rules import declare, id_of, step
from ..selectors import (AUTHOR_CLASS, AUTHOR_HREF, BYLINE_CLASS, COMMENTS_CLASS, byline_markup, elements, elements_each,
                         in_comments, in_posting, in_teaser, is_posting, maybe_comments)
from ..text import folded, normalise_space, owner_key
from .grammar import (ARCHIVE_LINK_LINE, AUTHOR_LABEL, AUTHORS_LABEL, BY_ANY_LINE, BY_START, BYLINE_LINE, CREDIT_AFTER,
                      CREDIT_LABEL, DATE_BY_LINE, DATE_TAIL, DATED_SIGNATURE, DATED_NAME_LINE, FACT_LINE, FOOTNOTE, FOREIGN_BYLINE_LINE,
                      LABELLED_AUTHOR, LABELLED_AUTHOR_WITH_ROLE, LEADING_BYLINE, LICENSED_BY, LIST_BREAK, NAME,
                      NAME_CREDIT_LINE, NAME_PUBLISHED_LINE, NAME_STAMP_LINE, PLACE_AND_DESK, POSTED_BY_LINE, SIGN_OFF,
                      SIGNATURE, SPLIT_BYLINE, TEASER_BLURB, TOWN_LINE, WHOLE_BYLINE, WIRES_LINE, WITH_HOST_LINE,
                      WRITER_LABEL)
from .candidates import Candidate, candidates, unique
from .names import AUTHOR_NOISE, AUTHOR_SPLIT, BY_PREFIX, ORG_WORDS, and_parts, looks_like_name, split_authors

if TYPE_CHECKING:
    from ..result import Extracted

REL_AUTHOR = step("authors.markup.rel-author", "A link marked rel=author: its text is the writer's name (one word or initials in capitals allowed).")
ITEMPROP_AUTHOR = step("authors.markup.itemprop-author", "An element marked itemprop=author (schema.org microdata): its text is the writer's name.")
HCARD = step("authors.markup.hcard", "A microformats hCard (class vcard or h-card) outside comments and teasers: the formatted name it marks (fn, p-name).")
BYLINE_CLASSED = step("authors.markup.byline-class", "An element whose class is a byline's ('byline', 'c-byline__author-name'): the names in its text.")
AUTHOR_CLASSED = step("authors.author-class", "The first element outside teasers and comments classed as an author's name ('author_single', 'author-name').")
AUTHOR_PAGE_LINK = step("authors.author-page-link", "Links to writers' pages whose address spells the name ('/author/jane-doe/'), apart from running text, at most two writers.")
FULLER_LINE = step("authors.fuller-byline", "The first short line of the page that holds every chosen name and more, and nothing but names: all of them.")
_EVIDENCE_CHARS = 200  # (how much of an element's text is kept as the evidence of a name)


def _markup_rule(el: etree._Element) -> str:
    if el.tag == "a" and el.get("rel") == "author":
        return REL_AUTHOR
    return ITEMPROP_AUTHOR if el.get("itemprop") == "author" else BYLINE_CLASSED


def _marked_name(el: etree._Element) -> etree._Element | None:
    """The element inside (or at) ``el`` that marks a person's name: schema.org's itemprop=name, an hCard's fn or p-name."""
    for node in el.iter(etree.Element):
        if node.get("itemprop") == "name" or {"fn", "p-name"} & set((node.get("class") or "").split()):
            return node
    return None


def _is_hcard(el: etree._Element) -> bool:
    cls = el.get("class")  # (the words looked for first: the split is for the few classes that hold them)
    return bool(cls and ("vcard" in cls or "h-card" in cls) and {"vcard", "h-card"} & set(cls.split()))


ADDRESS = step("authors.markup.address", "An <address> element outside the page's footer (HTML's contact information of its article's author): the names in it.")
_ONLY_SEPARATORS = declare(
    "byline.only-list-separators", "What is left of a byline once its linked names are taken out: a label and the list's separators only.",
    r"(?:\s|[,&|·•;/]|\b(?:and|und|et|y|e|by|von|par|por|door)\b)*", re.I, use="fullmatch",
    fires_on=["By  and ", " ,  & ", ""], never_on=["By  on March 3", " said "])


def _linked_names(el: etree._Element) -> list[str] | None:
    """The names of a byline whose names are each a link and nothing but a label and separators stands between them
    ('<a>Ann Lee</a><a>Tom Roe</a>' reads 'Ann LeeTom Roe' as text); None when the byline is not so built."""
    links = [a for a in el.iter("a") if a is not el]
    if len(links) < 2:
        return None
    texts = [normalise_space(a.text_content()) for a in links]
    rest = el.text_content()
    for t in texts:
        rest = rest.replace(t, " ", 1)
    if not _ONLY_SEPARATORS.fullmatch(rest):
        return None
    names = [n for t in texts for n in split_authors(t)]
    return names if len(names) == len(texts) else None


def byline_elements(tree: etree._Element) -> tuple[list[etree._Element], list[etree._Element]]:
    """The page's byline markup (rel=author links, itemprop=author, the elements a 'byline' class word may sit on) and
    its hCards, in page order: one walk, which the organisation-credit step reads again."""
    markup, hcards = elements_each(tree, (byline_markup, _is_hcard), ("class", "itemprop", "rel"))
    return markup, hcards


def byline_names(tree: etree._Element, found_elements: tuple[list[etree._Element], list[etree._Element]]
                 ) -> tuple[list[Candidate], set[str], list[tuple[list[Candidate], bool]]]:
    """Names in the page's byline markup (rel=author links, itemprop=author, .byline classes, hCards, <address>), the
    names found only in teasers for other stories, and the byline blocks outside teasers in page order (the element a
    byline class or an <address> marks, or the parent of a rel=author link or an hCard): each block's names, and whether
    it holds nothing but them, a label and the list's separators. (``found_elements``: byline_elements(tree).)"""
    found: list[tuple[Candidate, bool]] = []
    blocks: dict[int, tuple[etree._Element, list[Candidate]]] = {}
    markup, hcards = found_elements
    marked = [(el, "markup") for el in markup[:40]]
    # hCards: the name they mark, not their whole text (a job title or a picture's caption may sit beside it); not one
    # inside a link, which is a teaser's for another page
    marked += [(el, "hcard") for el in hcards[:40] if _marked_name(el) is not None
               and not any(a.tag == "a" for a in el.iterancestors())]
    # (an <address> that is a byline: with a label or links to its writers; not a postal address in a contact box)
    marked += [(el, "address") for el in tree.iter("address") if not any(a.tag == "footer" for a in el.iterancestors())
               and (BY_PREFIX.match(normalise_space(el.text_content())) or el.find(".//a") is not None)][:10]
    for el, kind in marked:
        if in_comments(el) or in_posting(el) or (kind == "markup" and el.get("rel") != "author" and el.get("itemprop") != "author"
                                                 and not any(BYLINE_CLASS.search(c) for c in (el.get("class") or "").split())):
            continue
        name_el = _marked_name(el) if kind == "hcard" or (kind == "markup" and el.get("itemprop") == "author") else None
        # (a schema.org Person marked as the author: the name it marks, not its job title beside it, 'Ann LeeSenior')
        text = (name_el if name_el is not None else el).text_content()
        # explicit author markup may carry one name, even in capitals ('IWB' in a schema.org Person); not when it
        # holds a whole author box ('Über Kathrin / Hallo, ich bin Foodbloggerin, Backbuchautorin, …')
        # (an hCard's one-word name is most often the account that posted the page: 'BBNTEAM', 'Daniel')
        explicit = kind == "markup" and (el.get("rel") == "author" or el.get("itemprop") == "author") \
            and len(text) <= NAME_MARKUP_CHARS
        names = split_authors(text, min_words=1 if explicit else 2, acronyms=explicit)
        if name_el is None and not explicit and (linked := _linked_names(el)) is not None:
            names = linked  # (co-authors each in a link of their own, with nothing between them)
        teaser = in_teaser(el)
        rule = HCARD if kind == "hcard" else ADDRESS if kind == "address" else _markup_rule(el)
        read = candidates(names, rule, normalise_space(text)[:_EVIDENCE_CHARS])
        found.extend((c, teaser) for c in read)
        if not teaser and read:
            block = el if kind == "address" or rule == BYLINE_CLASSED else el.getparent()
            block = el if block is None else block
            blocks.setdefault(id(block), (block, []))[1].extend(read)
    # links to writers' pages make a byline block too ('<a href="/author/ann-lee">Ann Lee</a><a href="/author/tom-roe">…')
    for el in tree.xpath("//a[@href]")[:2000]:
        if (name := _writer_link_name(el)) is not None and not in_comments(el) and not in_teaser(el):
            block = el.getparent() if el.getparent() is not None else el
            blocks.setdefault(id(block), (block, []))[1].append(Candidate(name, AUTHOR_PAGE_LINK, f"{name} ({el.get('href')})"))
    main = [c for c, teaser in found if not teaser]
    order = {id(el): i for i, el in enumerate(tree.iter())} if len(blocks) > 1 else {}  # (page order, of two blocks or more)
    in_order = [(unique(read), _only_names(block, read)) for block, read in sorted(blocks.values(), key=lambda b: order.get(id(b[0]), 0))]
    return unique(main), {c.name for c, teaser in found if teaser} - {c.name for c in main}, in_order


def _only_names(block: etree._Element, read: list[Candidate]) -> bool:
    """Whether a byline block holds nothing but the names read from it, a label and the list's separators."""
    rest = normalise_space(block.text_content())
    if len(rest) > _EVIDENCE_CHARS:
        return False
    for c in sorted(read, key=lambda c: -len(c.name)):
        rest = re.sub(re.escape(c.name), " ", rest, flags=re.I)
    return _ONLY_SEPARATORS.fullmatch(rest) is not None


def under_headline(ex: Extracted) -> str:
    """The few lines of the page's text under the article's headline, where its byline stands: under the headline the
    reader sees (the <h1>), not under the browser tab's <title>, which comes first in the text with the site's masthead
    and menus under it."""
    windows = headline_windows(ex)
    return windows[0][1] if windows else ""


def institutional_byline(window: str, outlets: tuple[str, ...]) -> bool:
    """Whether the first 'By' line under the headline (in `window`) credits an agency, a desk or the outlet, and
    no person; or a line credits the newsroom's or the wires' reports ('Staff Report', 'CBS/AP')."""
    if WIRES_LINE.search(window):
        return True
    m = BY_ANY_LINE.search(window)
    if m is None:
        return False
    credit = re.sub(rf"{DATE_TAIL}$", "", m.group(1)).strip(" .,")
    if not credit or split_authors(credit, outlet_names=outlets):
        return False
    return bool(AUTHOR_NOISE.search(credit) or credit.split()[-1].casefold() in ORG_WORDS
                or any(o.casefold() in credit.casefold() for o in outlets))


def headline_byline(ex: Extracted) -> list[Candidate]:
    """The names of the first byline line within a few lines under the article's headline: a 'By …' line,
    or the names with only their newsroom role ('Ann Lee, Contributor')."""
    window = under_headline(ex)
    if not window:
        return []
    # a column's host right under its name, wherever the name fills a line ('A.Word.A.Day' / 'with Anu Garg')
    for _, under in headline_windows(ex):
        if (host := WITH_HOST_LINE.match(under)) and (names := split_authors(host.group(1))):
            return candidates(names, id_of(WITH_HOST_LINE), host.group(0).strip())
    found = [m for m in (p.search(window) for p in (BYLINE_LINE, DATE_BY_LINE, NAME_CREDIT_LINE, NAME_STAMP_LINE)) if m]
    m = min(found, key=lambda m: m.start(), default=None)
    if m is None or in_fact_box(window, m.start(), m.end()):
        return []
    if m.re in (NAME_CREDIT_LINE, NAME_STAMP_LINE) and PLACE_AND_DESK.search(m.group(1)):
        return []  # ('New Delhi, News Nation Bureau | Updated : …': a place and a desk)
    return candidates(split_authors(m.group(1)), id_of(m.re), m.group(0))


def byline_line(chrome_text: str) -> list[Candidate]:
    """A line of the page that is only a byline ('By J.R. Stone', 'ByJ.R. Stone' where the page
    sets 'By' apart), or an 'Author' label or a lone 'By' line followed by the name."""
    # ('Posted by Konstantin @ 12:00 am': the label vouches for a one-word name)
    for pattern, min_words in ((BYLINE_LINE, 2), (DATE_BY_LINE, 2), (AUTHOR_LABEL, 2), (AUTHORS_LABEL, 2), (SPLIT_BYLINE, 2),
                               (FOREIGN_BYLINE_LINE, 2), (DATED_NAME_LINE, 2), (NAME_PUBLISHED_LINE, 2), (ARCHIVE_LINK_LINE, 2),
                               (LABELLED_AUTHOR, 2), (LABELLED_AUTHOR_WITH_ROLE, 2), (LICENSED_BY, 2)):
        for m in pattern.finditer(chrome_text):
            budget.check("extract: byline lines")
            names = split_authors(m.group(1), min_words=min_words)
            if not names or in_fact_box(chrome_text, m.start(), m.end()):
                continue
            if pattern is BYLINE_LINE and (in_by_list(chrome_text, m.start(), m.end())
                                           or TEASER_BLURB.match(chrome_text, m.end())):
                continue
            if pattern in (AUTHOR_LABEL, AUTHORS_LABEL):
                # a label heading a list of names is a menu ('Autor' / 'Akira Arenth' / 'Jennifer Estep' on a book
                # blog's side bar), not a byline
                following = chrome_text[m.end():].lstrip("\n").split("\n", 1)[0].strip()
                if re.fullmatch(NAME, following) and looks_like_name(following):
                    continue
            return candidates(names, id_of(pattern), m.group(0))
    # only the first 'Posted by' line: when it names an organisation ('Posted by SPÖ on Monday, …'), the
    # later ones are further embedded social-media posts, not the article's byline
    if m := POSTED_BY_LINE.search(chrome_text):
        return candidates(split_authors(m.group(1), min_words=1), id_of(POSTED_BY_LINE), m.group(0))
    return []


def in_by_list(text: str, start: int, end: int) -> bool:
    """Whether a 'by …' line is one of a list of titles with their authors ('Pennies' / 'by Pepper Winters' / 'Brave'
    / 'by …' in a reading-list widget): the line two above or two below starts with 'by' too."""
    below = text[end:].split("\n", 3)[2:3]
    above = text[:start].rsplit("\n", 3)[-3:-2] if text[:start].count("\n") >= 2 else []
    return any(BY_START.match(line) for line in below + above)


def in_fact_box(text: str, start: int, end: int) -> bool:
    """Whether the lines around a match (three on each side) hold a book's or film's fact box."""
    before = text.rfind("\n", 0, start)
    for _ in range(3):
        if before > 0:
            before = text.rfind("\n", 0, before)
    after = end
    for _ in range(3):
        if after != -1:
            after = text.find("\n", after + 1)
    return bool(FACT_LINE.search(text, max(before, 0), len(text) if after == -1 else after))


def only_in_comments(tree: etree._Element, chrome_text: str, names: list[str]) -> set[str]:
    """The names the page shows only in its readers' comments ('Recent Comments: flappy bird on …') or in the
    questions and answers of a Q&A site: every time such a name appears in the page's text, it is inside a part
    classed as comments or marked up as such a posting."""
    shown = {n: chrome_text.casefold().count(n.casefold()) for n in names}
    if not any(shown.values()):
        return set()

    def area(el: etree._Element) -> bool:
        return bool(COMMENTS_CLASS.search(f"{el.get('class') or ''} {el.get('id') or ''}")) or is_posting(el)

    candidates = elements(tree, lambda el: maybe_comments(el) or "itemtype" in el.attrib, ("class", "id", "itemtype"))
    # the parts not inside another one (each counted once)
    areas = [normalise_space(el.text_content()).casefold() for el in candidates
             if area(el) and (el.getparent() is None or not (in_comments(el.getparent()) or in_posting(el.getparent())))]
    return {n for n, count in shown.items() if count and sum(a.count(n.casefold()) for a in areas) >= count}


def fuller_byline(chrome_text: str, names: list[str], key) -> list[Candidate]:
    """A visible byline line that holds every chosen name and more ('Stefan Becket, Kathryn Watson,
    Grace Segers' where the metadata names only the first): all its names. The line must be nothing
    but names."""
    wanted = {key(n) for n in names}
    # (a name per block, the list's commas ending them: 'By' / 'Tariq Malik,' / 'Mike Wall' is one line)
    lines = LIST_BREAK.sub(r"\1 ", chrome_text).split("\n")
    # only the first line that names them all: later ones are often teasers for other stories
    line = next((ln for ln in lines if len(ln) <= 160 and all(k in key(ln) for k in wanted)), "")
    body = re.sub(rf"{DATE_TAIL}$", "", BY_PREFIX.sub("", line))  # ('… | Published 3 hours ago')
    # (the parts: 'Rocío Latorre y José Miguel Wilson' is two)
    parts = [q for p in AUTHOR_SPLIT.split(body) if p.strip(" .:-–—") for q in and_parts(p)]
    found = split_authors(body)
    if len(found) > len(wanted) and len(found) == len(parts) and wanted <= {key(n) for n in found}:
        return candidates(found, FULLER_LINE, line)
    return []


def site_initials(name: str, host_label: str, outlets: tuple[str, ...]) -> bool:
    """Whether a one-word name in capitals is the site's initials: 'IWB' on investmentwatchblog.com (the letters
    open the address's name and come in its order) or beside the outlet 'Investment Watch Blog'."""
    if not (2 <= len(name) <= 5 and name.isalpha() and name.isupper()):
        return False
    letters = name.casefold()
    if any("".join(w[0] for w in re.findall(r"[^\W\d_]+", o.casefold())) == letters for o in outlets):
        return True
    return host_label.startswith(letters[0]) and re.search(".*".join(letters[1:]), host_label[1:]) is not None


def class_author(tree: etree._Element) -> list[Candidate]:
    """The first element classed as an author's name ('<span class="author_single">') outside teasers."""
    classed = (el for el in tree.iter(etree.Element) if "author" in (el.get("class") or ""))
    for el in itertools.islice(classed, 200):
        if any(AUTHOR_CLASS.search(c) for c in (el.get("class") or "").split()) and len(el) <= 3 and not in_teaser(el) \
                and not in_comments(el):
            names = split_authors(el.text_content())
            if names:
                return candidates(names, AUTHOR_CLASSED, normalise_space(el.text_content())[:_EVIDENCE_CHARS])
    return []


def _writer_link_name(el: etree._Element) -> str | None:
    """The name a link to a writer's page gives, when its text is one name its address spells ('/author/jane-doe/' for
    'Jane Doe'), and it stands apart from running text and outside the footer."""
    m = AUTHOR_HREF.search(el.get("href") or "")
    if not m:
        return None
    text = normalise_space(el.text_content())
    found = split_authors(text) if 0 < len(text) <= NAME_MARKUP_CHARS else []
    if len(found) != 1 or found[0] != text:
        return None
    slug = re.sub(r"[\W_]", "", folded(unquote(m.group(1)).casefold()))
    if not any(k in slug for k in owner_key(text)):
        return None  # ('/author/123', or a link whose address names someone else)
    parent = el.getparent()
    if parent is not None and len(re.findall(r"\b[a-z]{2,}\b", parent.text_content().replace(text, "", 1))) > 6:
        return None  # a name linked in a sentence of the text ('<a href="/topics/people/jane-doe">Jane Doe</a> said …')
    if any(a.tag == "footer" for a in el.iterancestors()):
        return None
    return text


def href_author(tree: etree._Element) -> list[Candidate]:
    """Names in links to their writer's page ('<a href="/author/jane-doe/">Jane Doe</a> | March 3'), when
    the link's address spells the name, the link stands apart from running text, and the page links to no
    more than a byline's worth of writers' pages (more is a list of staff or of other stories' writers)."""
    names: dict[str, Candidate] = {}
    pages: set[str] = set()
    for el in tree.xpath('//a[@href]')[:2000]:
        budget.check("extract: links to writers' pages")
        m = AUTHOR_HREF.search(el.get("href") or "")
        if not m or in_comments(el):
            continue
        pages.add(m.group(1).casefold())
        if (text := _writer_link_name(el)) is None or in_teaser(el):
            continue
        names.setdefault(text, Candidate(text, AUTHOR_PAGE_LINK, f"{text} ({el.get('href')})"))
    return list(names.values()) if len(pages) <= MAX_AUTHOR_LINKS else []


def in_text_byline(ex: Extracted) -> tuple[list[Candidate], str]:
    """A byline the extractor left inside the main text: the first paragraph opening with
    'By Name:', one of the first paragraphs being only a byline ('Written by: Name', after a
    'Courtesy of …' line), or a last paragraph that is only '– Name' (a sign-off)."""
    paras = ex.paragraph_texts

    def at(i: int, m: re.Match, names: list[str]) -> list[Candidate]:
        start = ex.paragraphs[i][0]
        return candidates(names, id_of(m.re), m.string[: m.end(1)], start, start + m.end(1))

    for i, para in enumerate(paras[:2]):  # after a 'Posted: …' line at most
        if (m := LEADING_BYLINE.match(para)) and (names := split_authors(m.group(1))):
            return at(i, m, names), "byline"
    for i, para in enumerate(paras[:3]):
        if (m := WHOLE_BYLINE.match(para)) and (names := split_authors(m.group(1))):
            return at(i, m, names), "byline"
    for i in range(max(len(paras) - 2, 0), len(paras)):
        # (not an item of a list set with dashes: '- Pabst FX Headache Fuzz' / '- One Control Sea Turquoise Delay')
        listed = any(0 <= j < len(paras) and paras[j][:1] in "-–—" for j in (i - 1, i + 1))
        if not listed and (m := SIGN_OFF.match(paras[i])) and not FOOTNOTE.search(paras[i]) \
                and (names := split_authors(m.group(1))):
            return at(i, m, names), "sign-off"
    # a name alone over a last paragraph that is a date alone ('Benni' / '10. September 2017'): the date vouches for a
    # one-word name
    if len(paras) >= 3 and (m := DATED_SIGNATURE.match(f"{paras[-2]}\n{paras[-1]}")) \
            and (names := split_authors(m.group(1), min_words=1)):
        start = ex.paragraphs[-2][0]
        return candidates(names, id_of(DATED_SIGNATURE), paras[-2], start, start + len(paras[-2])), "sign-off"
    return [], ""


def letter_signatures(ex: Extracted) -> list[Candidate]:
    """The writers on a letters-to-the-editor page: each letter ends with its writer's name on a line
    of its own, often with the town on the next line ('Ninfa Wood' / 'Walnut Creek') or after a comma
    ('— Jon Rego, Oakland')."""
    paras = ex.paragraph_texts
    names: list[Candidate] = []
    for i, para in enumerate(paras[1:], start=1):
        m = SIGNATURE.match(para)
        if not m or len(paras[i - 1].split()) < MIN_LETTER_WORDS or not looks_like_name(m["name"]):
            continue
        after = paras[i + 1] if i + 1 < len(paras) else ""
        # the town on the next line, the town after a comma, or the end of the page: not a heading
        # running on to its next line ('Alameda County DA' / 'is coddling criminals')
        if "," in para or not after or TOWN_LINE.match(after):
            start = ex.paragraphs[i][0]
            names.append(Candidate(m["name"], id_of(SIGNATURE), para, start, start + len(para)))
    return unique(names)


def outlets_word(word: str, outlets: tuple[str, ...], url: str) -> bool:
    """Whether one word is a word of the outlet's own name or of its address ('Leben' on kirche-und-leben.de)."""
    folded_word = word.casefold()
    if len(folded_word) < 3:
        return False
    host = (urlsplit(url).hostname or "").casefold().removeprefix("www.")
    return (any(folded_word in re.findall(r"\w+", o.casefold()) for o in outlets)
            or folded_word in re.findall(r"[^\W_]+", host.rsplit(".", 1)[0]))


def credited_only(name: str, text: str) -> bool:
    """Whether the page shows a name only as a credit for other work than the writing: an editor, a photographer,
    additional reporting ('Editing by Ann Lee', 'Photo: Ann Lee/Reuters', 'Ann Lee contributed reporting')."""
    pattern = r"\s+".join(map(re.escape, name.split()))
    found = list(re.finditer(rf"(?<!\w){pattern}(?!\w)", text, re.I))
    if not found or len(found) > 20:
        return False
    for m in found:
        line = text[max(text.rfind("\n", 0, m.start()) + 1, m.start() - 80): m.start()]
        credit = max((c.end() for c in CREDIT_LABEL.finditer(line)), default=-1)
        writer = max((w.end() for w in WRITER_LABEL.finditer(line)), default=-1)
        if (credit < 0 or writer > credit) and not CREDIT_AFTER.match(text, m.end()):
            return False
    return True
