"""Step 7 — syndication signals: what the page itself says about a piece first published elsewhere ('This article
was originally published on InfoBrics.', 'The original source of this article is …', a copyright line naming another
outlet). Each signal names the outlet as the page writes it, with the declared rule that read it and the text; the
outlet stage (outlet.detect_syndication) decides whether they name another outlet than the page's own."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

from .. import budget, lexicon
from .rules import declare, id_of, step
from .selectors import BLOCK_TAGS
from .text import normalise_space

if TYPE_CHECKING:
    from .result import Extracted

# the outlet's name as written, and where it ends
_NAME = r"(?P<name>[A-Z0-9][\w.&'’\- ]{1,80}?)"
_END = r"(?=[ \t]*\n|\s*(?:[.,;:!)\]|]|$|\s+(?:on|in)\s+(?:\w+\s+)?\d|\s+(?:under|and is|with permission|and has been|and was)\b))"

# Phrases that say the piece first ran elsewhere. Each captures the outlet's name as written.
SYNDICATION_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("originally_published", declare(
        "syndication.originally-published", "'… was originally (first) published (posted, printed) on/at/in/by <outlet>'.",
        # (the piece is the subject: 'was', 'is' or 'were' before, or the phrase opens its sentence or line; not 'Cases of
        # the virus first appeared in West Michigan', 'It first appeared in 2014')
        rf"(?:\b(?:was|were|is|has\s+been|(?:article|story|piece|post|column|report|op-ed|essay|commentary|interview|version|feature))\s+"
        rf"|(?:^|(?<=[.!?:(\n]))\s*)(?:originally|first)\s+(?:published|posted|appeared|ran|printed)\s+"
        rf"(?:on|at|in|by)\s+(?-i:the\s+)?{_NAME}{_END}", re.I | re.M,
        fires_on=["This article was originally published on InfoBrics.", "Originally published at Strategic Culture Foundation on 3 May 2024.",
                  "This post originally appeared on Grist.", "The piece was first published in The Atlantic."],
        never_on=["The report was published on Monday.", "It was originally planned for May.",
                  "Cases of the virus first appeared in West Michigan at the end of August."])),
    ("first_appeared", declare(
        "syndication.first-appeared", "'This article (story, piece, column) first appeared on/in <outlet>'.",
        rf"\b(?:article|story|piece|post|op-ed|column)\s+first\s+appeared\s+(?:on|in|at)\s+(?-i:the\s+)?{_NAME}{_END}", re.I,
        fires_on=["This article first appeared in The Conversation."], never_on=["The senator first appeared in court on Monday."])),
    ("republished_from", declare(
        "syndication.republished-from", "'Republished (reprinted, reposted, cross-posted) with permission from <outlet>'.",
        rf"\b(?:republished|reprinted|reposted|cross-posted)\s+(?:with\s+permission\s+)?(?:from|by)\s+(?-i:the\s+)?{_NAME}{_END}", re.I,
        fires_on=["Republished with permission from Kaiser Health News."], never_on=["The report was republished on Monday."])),
    ("original_source_footer", declare(
        "syndication.original-source-footer", "'The original source of this article is <outlet>' (Global Research's footer).",
        rf"\bThe original source of this article is\s+(?-i:the\s+)?{_NAME}{_END}", re.I,
        fires_on=["The original source of this article is InfoBrics"], never_on=["The original source of the quote is unclear."])),
)
# What a text must hold for a phrase above to match it, searched first: the phrases' own searches try every place of a
# page (their opening alternatives may match an empty string), the words they need are found far faster, and most pages
# hold none. Each is part of its phrase, with its flags (tests/test_extract.py checks them on the phrases' examples).
_PHRASE_NEEDS: dict[str, re.Pattern[str]] = {
    "originally_published": re.compile(r"(?:originally|first)\s+(?:published|posted|appeared|ran|printed)\s+(?:on|at|in|by)\s", re.I),
    "first_appeared": re.compile(r"first\s+appeared\s+(?:on|in|at)\s", re.I),
    "original_source_footer": re.compile(r"original source of this article is\s", re.I),
}


def _phrases(kind: str, pattern: re.Pattern[str], text: str):
    """pattern.finditer(text), its search skipped where the text lacks the words the phrase needs."""
    need = _PHRASE_NEEDS.get(kind)
    return pattern.finditer(text) if need is None or need.search(text) else iter(())


# "Copyright © Lucas Leiroz, InfoBrics, 2025": an author, then an outlet, then a year.
COPYRIGHT_FOOTER = declare(
    "syndication.copyright-footer", "'Copyright © <author>, <outlet>, <year>': the outlet a republished piece's copyright stays with.",
    r"Copyright\s*(?:©|\(c\))\s*(?P<author>[^,©]{3,60}),\s*(?P<name>[^,©]{2,60}),\s*(?:19|20)\d\d", re.I,
    fires_on=["Copyright © Lucas Leiroz, InfoBrics, 2025"], never_on=["Copyright © 2025 Global Research"])

# --- credits: the agency or the outlet a wire story's byline, dateline or credit line names ---
# (news agencies, one lexicon list each: extract-agencies.toml; the name the card gives first)
_DOMAIN = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+$")  # (a list's registered domains are written as such: 'apnews.com')
AGENCY_NAMES: dict[str, str] = {form: entry.ordered[0] for name, entry in lexicon.load().items() if name.startswith("agency_")
                                for form in entry.ordered if not _DOMAIN.match(form)}
AGENCY_DOMAINS: dict[str, frozenset[str]] = {
    entry.ordered[0]: frozenset(f for f in entry.ordered if _DOMAIN.match(f))
    for name, entry in lexicon.load().items() if name.startswith("agency_")}
_FORMS = sorted(AGENCY_NAMES, key=len, reverse=True)
_AGENCY = "|".join(map(re.escape, _FORMS))
# (a form of one or two letters, 'AP' or 'PA', only where the context says it is an agency: a dateline, 'By')
_AGENCY_LONG = "|".join(re.escape(f) for f in _FORMS if len(f) >= 3)
_PERSON = r"[A-ZÀ-Þ][\w.'’-]+(?:[ \t]+(?:[A-ZÀ-Þ][\w.'’-]+|de|da|van|von|der|del|dos|la|le))*"
_PEOPLE = rf"{_PERSON}(?:[ \t]*(?:,|,?[ \t]+and|&)[ \t]+{_PERSON}){{0,5}}"
# the words an outlet's name holds ('The Washington Post', 'CBS News'), for a credit after a byline that is no agency
OUTLET_WORDS = lexicon.words("outlet_name_words")

AGENCY_DATELINE = declare(
    "syndication.agency-dateline", "A dateline naming a news agency at the start of the text ('HAYWARD, Calif. (AP) —', '(EFE).-', 'Hamburg (dpa/lno) –').",
    rf"^(?:[^\n()]{{0,60}}?[ \t])?\([ \t]*(?P<name>{_AGENCY})(?:[ \t]*[/,][ \t]*[\w. -]{{1,20}})?[ \t]*\)[ \t]*(?:[-–—:]+|\.-|\.(?=[ \t]+[A-ZÀ-Þ]))",
    use="match", fires_on=["HAYWARD, Calif. (AP) — The Latest on a stabbing", "(EFE).- Nicaragua cerró 2021", "Wiesbaden (KNA/iz). Bundespräsident",
                           "NEW YORK (Reuters) - Oil prices fell"],
    never_on=["The border check point near Nogales, Ariz. (AP)", "Officials (AP) said", "Rede (AP) will vote"])
AGENCY_SIGN_OFF = declare(
    "syndication.agency-sign-off", "A news agency's initials closing the text ('(dpa/gem)', '(AFP)'): the piece is the agency's.",
    rf"\([ \t]*(?P<name>{_AGENCY})(?:[ \t]*[/,][ \t]*[\w. -]{{1,20}})?[ \t]*\)[ \t.]*$",
    fires_on=["… kündigte der Manager sein Erscheinen an. (dpa/gem)", "… the ministry said. (AFP)"],
    never_on=["(FR mit dpa)", "… said the spokesman (AFP reported)."])
BY_AGENCY = declare(
    "syndication.agency-byline", "A byline or credit line that names a news agency and no person ('By Reuters', 'Por Agencia EFE', 'Quelle: dpa-AFX').",
    rf"^(?:[|·•][ \t]*)?(?:By|BY|Von|Por|Par|Door|Quelle|Source|Fuente|Periodista(?:[ \t]+Digital)?)[ \t]*:?[ \t]*(?:[a-z]{{2,4}}/)?(?:[Tt]he[ \t]+)?"
    rf"(?P<name>{_AGENCY})(?:[ \t]+(?:Staff|News|Wire))?(?:[ \t]*[|·•,–—-].*)?$", re.M,
    fires_on=["By Reuters", "Por Agencia EFE", "Quelle: dpa-AFX", "Von: det/dpa", "| Periodista Digital: EFE", "By The Associated Press"],
    never_on=["By Ann Lee", "Source: CDC, Chicago Department of Public Health"])
AGENCY_LINE = declare(
    "syndication.agency-credit-line", "A line under the headline that is only a news agency's name, before the date ('Associated Press' / 'Published …').",
    # (with the place it was filed from, 'Reuters, Washington,', or its date in German, 'dpa am 25.01.2022')
    rf"^(?:[Tt]he[ \t]+)?(?P<name>{_AGENCY_LONG})(?:,[ \t]*[A-Z][\w .'-]{{1,30}},?|[ \t]+am[ \t]+\d[\d.]*)?[ \t]*$", re.M,
    fires_on=["Associated Press", "The Associated Press", "REUTERS", "Agencia EFE", "Reuters, Washington,", "dpa am 25.01.2022"],
    never_on=["Associated Press writers Alan Fram and Zeke Miller", "AP", "Reuters reported on Monday"])
PEOPLE_AGENCY = declare(
    "syndication.byline-with-agency", "A byline naming the writers and their agency ('Meg Kinnard and Errin Haines, Associated Press', 'Tom Krisher, AP Auto Writer').",
    rf"^(?!(?:Credit|Photo|Foto|Bild|Image|Picture)s?\b)(?:By[ \t]+|Von[ \t]+)?(?P<people>{_PEOPLE})[ \t]*[,/|][ \t]*(?:[Tt]he[ \t]+)?(?P<name>{_AGENCY}|Ap)(?P<role>(?:[ \t]+[A-Z][a-z]+){{0,3}}[ \t]+(?:Writer|Correspondent|Reporter|Editor))?[ \t]*$", re.M,
    fires_on=["Meg Kinnard and Errin Haines, Associated Press", "Tom Krisher, Ap Auto Writer", "Von David Hutzler, dpa"],
    never_on=["Meg Kinnard and Errin Haines, Staff Writers", "Al Goldis", "Credit...Rich Pedroncelli/Associated Press"])
AGENCY_AND_OUTLET = declare(
    "syndication.agency-and-outlet-credit", "A byline crediting an agency and the outlet ('AFP/The Local'): the agency's piece, edited by the outlet.",
    rf"^(?P<name>{_AGENCY_LONG})[ \t]*/[ \t]*(?P<outlet>(?:The[ \t]+)?[A-Z][\w.-]+(?:[ \t]+[A-Z][\w.-]+){{0,3}})(?:[ \t]*-.*)?$", re.M,
    fires_on=["AFP/The Local - [email protected]"], never_on=["AFP via Getty Images", "Photo: Jonathan Nackstrand/AFP"])
BYLINE_OUTLET = declare(
    "syndication.byline-outlet-credit", "A byline naming the writers, then another outlet after a slash, bar or comma ('By Joe Davidson / The Washington Post').",
    rf"^By[ \t]+(?P<people>{_PEOPLE})[ \t]*(?:/|\||,)[ \t]*(?P<name>(?:The[ \t]+)?[A-Z][\w.&'’-]*(?:[ \t]+[A-Z][\w.&'’-]*){{0,4}})[ \t]*$", re.M,
    fires_on=["By Joe Davidson / The Washington Post", "By Ann Lee | CBS News"], never_on=["By Ann Lee, Special to the Times", "By Ann Lee"])
AGENCY_COPYRIGHT = declare(
    "syndication.agency-copyright", "A copyright line of a news agency's own ('© 2019 Associated Press. All Rights Reserved.', '© Thomson Reuters 2020').",
    # (a year or 'All rights reserved' in the line: '© Reuters' alone is a photograph's credit as often)
    rf"^(?=[^\n]*(?:\b(?:19|20)\d\d\b|(?i:all rights reserved)))"
    rf"(?:©|Copyright|\(c\))[ \t]*(?:©[ \t]*)?(?:(?:19|20)\d\d[ \t]+)?(?:[Tt]he[ \t]+)?(?P<name>{_AGENCY_LONG})\.?[ \t]*(?:(?:19|20)\d\d\.?[ \t]*)?"
    rf"(?:(?i:all rights reserved)\b.*)?$", re.M,
    fires_on=["© 2019 Associated Press. All Rights Reserved. This material may not be published.", "© Thomson Reuters 2020"],
    never_on=["© Reuters / David Mercado", "© 2019 Hearst Communications, Inc.", "© Reuters"])
PROVIDED_BY = declare(
    "syndication.provider-line", "A portal's provider line ('© Provided by The Guardian', 'Provided by' / 'European Space Agency').",
    r"^(?:©[ \t]*)?(?:Provided|Content provided)[ \t]+by[ \t]*:?[ \t]*(?P<name>[A-Z][\w.&'’-]*(?:[ \t]+(?:[A-Z][\w.&'’-]*|of|for|and|de|the)){0,6})?[ \t]*$", re.M,
    fires_on=["© Provided by The Guardian", "Provided by", "Provided by European Space Agency"],
    never_on=["Photo provided by the family", "Provided by the city, the figures show"])
_DATE_CLUE = declare(
    "syndication.credit-date-clue", "A line that dates a byline (a year, a time, 'Published', 'Updated'), which a credit line stands above.",
    r"\b(?:19|20)\d\d\b|\b\d{1,2}[:.]\d{2}\b|(?i:\b(?:published|updated|posted|veröffentlicht|publicado|aktualisiert)\b)",
    fires_on=["Published 11:34 PM EST Nov 19, 2019", "Updated", "04.05.2022"], never_on=["Dekalb, Ill. — Mike Glass threw for three touchdowns"])


@dataclass(frozen=True)
class Signal:
    """One thing the page says about a first publication elsewhere: the outlet's name as written, the text that says
    it, offsets into the article's text when it stands there (None in the page's chrome), and the rule that read it."""

    kind: str
    rule: str
    name: str
    text: str
    start: int | None = None
    end: int | None = None
    links: tuple[str, ...] = ()  # the addresses linked inside the credit itself (confirmation, in the cards stage)

    @property
    def in_text(self) -> bool:
        """Whether it stands in the article's main text (else in the page around it)."""
        return self.start is not None


def signals(ex: Extracted, tree: etree._Element | None = None) -> list[Signal]:
    """Every syndication signal of the page's own text, in the order the rules are declared: each phrase in the main
    text (with its sentence), then in the page's visible text around it; the copyright lines; then the credits of wire
    copy (a dateline or sign-off in the text, a byline or credit line under the headline, an agency's copyright line, a
    portal's provider line). With the page's tree, each signal keeps the addresses linked inside its credit."""
    found: list[Signal] = []
    for kind, pattern in SYNDICATION_PATTERNS:
        budget.check("extract: syndication signals")
        for m in _phrases(kind, pattern, ex.text):
            s, e = sentence_bounds(ex.text, m.start(), m.end())
            found.append(Signal(kind, id_of(pattern), m["name"], ex.text[s:e], s, e))
        for m in _phrases(kind, pattern, ex.chrome_text):
            found.append(Signal(kind, id_of(pattern), m["name"], normalise_space(m.group(0))))
    for m in COPYRIGHT_FOOTER.finditer(ex.chrome_text):
        found.append(Signal("copyright_footer", id_of(COPYRIGHT_FOOTER), m["name"], normalise_space(m.group(0))))
    found += _credits(ex)
    if tree is not None:
        found = [_with_links(tree, sig) for sig in found]
    return found


def _agency(form: str) -> str:
    """The name the cards give an agency a credit names ('AP' -> 'The Associated Press')."""
    return AGENCY_NAMES.get(form, form)


def _credits(ex: Extracted) -> list[Signal]:
    """The credits of wire copy and of other outlets' pieces."""
    found: list[Signal] = []
    paras = ex.paragraph_texts
    # a dateline naming the agency opens the text ('HAYWARD, Calif. (AP) —'); its initials close it ('(dpa/gem)')
    for i, para in enumerate(paras[:3]):
        if m := AGENCY_DATELINE.match(para):
            start = ex.paragraphs[i][0]
            found.append(Signal("agency_dateline", id_of(AGENCY_DATELINE), _agency(m["name"]), para[: m.end()].strip(" -–—:"),
                                start, start + len(para[: m.end()].rstrip(" -–—:"))))
            break
    # (the last paragraphs: furniture the extractor kept may follow the text's end)
    for i in range(max(len(paras) - _SIGN_OFF_PARAGRAPHS, 0), len(paras)):
        if m := AGENCY_SIGN_OFF.search(paras[i]):
            start = ex.paragraphs[i][0]
            found.append(Signal("agency_sign_off", id_of(AGENCY_SIGN_OFF), _agency(m["name"]), m.group(0).strip(" ."),
                                start + m.start(), start + m.start() + len(m.group(0).strip(" ."))))
    # the byline and credit lines under the headline (a dateline there too, where the extractor missed the text's start)
    lines = headline_lines(ex)
    dateline = any(sig.kind == "agency_dateline" for sig in found)
    for i, line in enumerate(lines):
        budget.check("extract: syndication credits")
        # (the next lines date the byline: short lines with a year, a time, 'Published'; not the text's first sentences)
        dated = any(len(nxt) <= _DATE_LINE_CHARS and _DATE_CLUE.search(nxt) for nxt in lines[i + 1: i + 3])
        if not dateline and (m := AGENCY_DATELINE.match(line)):
            found.append(Signal("agency_dateline", id_of(AGENCY_DATELINE), _agency(m["name"]), line[: m.end()].strip(" -–—:")))
            dateline = True
        elif m := BY_AGENCY.match(line):
            found.append(Signal("agency_byline", id_of(BY_AGENCY), _agency(m["name"]), line))
        elif (m := AGENCY_LINE.match(line)) and dated:
            found.append(Signal("agency_byline", id_of(AGENCY_LINE), _agency(m["name"]), line))
        elif (m := PEOPLE_AGENCY.match(line)) and (line.startswith(("By ", "Von ")) or m["role"] or dated) \
                and (m["name"] != "Ap" or m["role"]):
            found.append(Signal("agency_byline", id_of(PEOPLE_AGENCY), _agency(m["name"]), line))
        elif (m := AGENCY_AND_OUTLET.match(line)) and (m["outlet"].startswith("The ") or _names_an_outlet(m["outlet"])):
            # ('AFP/The Local'; not a photograph's credit, 'APA/Helmut Fohringer', 'REUTERS / POOL')
            found.append(Signal("agency_byline", id_of(AGENCY_AND_OUTLET), _agency(m["name"]), line))
        elif (m := BYLINE_OUTLET.match(line)) and _names_an_outlet(m["name"]):
            found.append(Signal("byline_credit", id_of(BYLINE_OUTLET), _agency(m["name"]), line))
        if _BYLINE_START.match(line):
            break  # (the article's byline is the first: the 'By' lines below it are teasers for other stories)
    # an agency's copyright line, a portal's provider line (the name maybe on the next line, a logo's caption)
    for m in AGENCY_COPYRIGHT.finditer(ex.chrome_text):
        found.append(Signal("agency_copyright", id_of(AGENCY_COPYRIGHT), _agency(m["name"]), m.group(0)[:200]))
    for m in PROVIDED_BY.finditer(ex.chrome_text):
        name = m["name"]
        if not name:
            following = ex.chrome_text[m.end():].lstrip("\n").split("\n", 1)[0].strip()
            name = following if PROVIDER_NAME.fullmatch(following) else None
        if name:
            found.append(Signal("provider_line", id_of(PROVIDED_BY), _agency(name), normalise_space(f"{m.group(0)} {'' if m['name'] else name}")))
    return found


_BYLINE_START = declare(
    "syndication.byline-start", "A line that opens with a byline's label ('By', 'Von', 'Por', 'Par', 'Door'): the first is the article's.",
    r"(?:By|BY|Von|Por|Par|Door)[ \t]*:?[ \t]+\S", use="match", fires_on=["By JERUSALEM POST STAFF", "Von: det/dpa"], never_on=["Bylines", "Vonage"])
PROVIDER_NAME = declare(
    "syndication.provider-name", "The provider's name on the line after a bare 'Provided by' (capitalised words, up to seven).",
    r"[A-Z][\w.&'’-]*(?:[ \t]+(?:[A-Z][\w.&'’-]*|of|for|and|de|the)){0,6}", use="fullmatch",
    fires_on=["European Space Agency"], never_on=["the city of Boston", "Read more"])


def _names_an_outlet(name: str) -> bool:
    """Whether a name after a byline's slash, bar or comma is an outlet's ('The Washington Post', 'CBS News'), not a
    role or a section ('Staff Writer', 'Special to the Times' is the writer's own outlet)."""
    words = name.split()
    if name in AGENCY_NAMES:
        return True
    if words[0] in {"Special", "Exclusive", "Staff"}:
        return False
    return any(w.casefold().strip(".") in OUTLET_WORDS for w in words[1:] or words)


_MAX_HEADLINE_LINES = 12  # (how many lines under the headline a wire story's credit is looked for in)
_SIGN_OFF_PARAGRAPHS = 5
_DATE_LINE_CHARS = 80  # (a line that dates a byline is short: 'Published 11:34 PM EST Nov 19, 2019')  # (how many of the text's last paragraphs an agency's sign-off is looked for in)
_MAX_HEADLINES = 3  # (the headline may stand more than once: in a teaser list, over the article, in a share box)


def headline_lines(ex: Extracted) -> list[str]:
    """The lines of the page's visible text under the article's headline (its <h1>, not the <title> above the page),
    where a byline and its credit stand."""
    if not ex.title:
        return []
    lines = ex.chrome_text.split("\n")
    at = [i for i, line in enumerate(lines) if line == ex.title]
    if not at:
        at = [i for i, line in enumerate(lines) if ex.title in line]
    # (the <title> element's line comes first; each other place the headline stands may be the article's)
    at = [i for i in at if i > 0] or at
    window: dict[int, str] = {}
    for start in at[:_MAX_HEADLINES]:
        for i in range(start + 1, min(start + 1 + _MAX_HEADLINE_LINES, len(lines))):
            window.setdefault(i, lines[i])
    return [window[i] for i in sorted(window)]


def _with_links(tree: etree._Element, sig: Signal) -> Signal:
    """The signal with the addresses linked inside the element that holds its text (a credit's own link)."""
    needle = next((n for n in (sig.name, *(f for f, a in AGENCY_NAMES.items() if a == sig.name)) if n and n in sig.text), "")
    if not needle:
        return sig
    probe = sig.text[:60]
    try:
        nodes = tree.xpath("//text()[contains(., $n)]", n=needle)[:50]
    except (etree.XPathError, ValueError):
        return sig
    for node in nodes:
        el = node.getparent()
        while el is not None and el.tag not in BLOCK_TAGS:
            el = el.getparent()
        if el is None:
            continue
        if probe in normalise_space(el.text_content()):
            hrefs = tuple(dict.fromkeys(a.get("href").strip() for a in el.iter("a") if (a.get("href") or "").strip().startswith(("http://", "https://"))))
            return Signal(sig.kind, sig.rule, sig.name, sig.text, sig.start, sig.end, hrefs[:5])
    return sig


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (within its paragraph) around a match."""
    left = max(text.rfind("\n", 0, start), max(text.rfind(". ", 0, start), text.rfind("? ", 0, start)) + 1)
    left = left + 1 if left >= 0 and text[left : left + 1] in {"\n", " "} else max(left, 0)
    right_candidates = [i for i in (text.find("\n", end), text.find(". ", end)) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    if right < len(text) and text[right] == ".":
        right += 1
    return left, right


# the outlet stage's own step (outlet.detect_syndication), declared here so the outlet module needs no extract import
CANONICAL_ELSEWHERE = step("syndication.canonical-elsewhere", "The page's canonical link (or og:url) is on another registered domain.")
