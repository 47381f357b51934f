"""Stage 1 — extract: from decoded HTML to the article's text and metadata.

trafilatura finds the main text, title, date and its own guess at the author; the page's
JSON-LD, meta tags and byline markup are read here as well, as fallbacks and as evidence of
where a name came from. Only already-decoded text reaches trafilatura: its bytes path
decompresses gzip/zstd/brotli without a size cap.
"""

from __future__ import annotations

import configparser
import functools
import html
import itertools
import json
import re
import unicodedata
import weakref
from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
import trafilatura
import trafilatura.settings
import trafilatura.utils
from lxml import etree

from . import lexicon
from .errors import InputError, TooLarge

# A page whose main text has fewer words is not treated as an article. Wire briefs run
# to ~80 words; navigation-only pages that trafilatura still extracts run to a handful.
MIN_ARTICLE_WORDS = 60
# trafilatura refuses larger trees itself; we pass the limit explicitly so it is visible.
MAX_TREE_SIZE = 60_000
# JSON-LD blocks larger than this are ignored (pages embed whole app states in script tags).
MAX_JSONLD_CHARS = 500_000
PARAGRAPH_SEPARATOR = "\n\n"

_CAPITAL = "A-ZÀ-ÖØ-ÞĀ-ž"  # (capitals with accents open names too: 'Ángel', 'Łukasz', 'Žiga')
_BY_PREFIX = re.compile(r"^\s*(?:(?:view\s+)?(?:all\s+)?(?:posts|articles|stories)\s+|written\s+|posted\s+|story\s+|words\s+|"
                        r"(?:news\s+)?analysis\s+|opinion\s+|commentary\s+|perspective\s+|column\s+|essay\s+|"
                        r"interview(?:ed)?\s+|compiled\s+|reported\s+|text\s+)?by[:\s]+|"
                        # the same label in other languages ('Von Tobias Kuske', 'Por Alberto Ávila', 'Autor/in: …'),
                        # 'Von' only before two more words (a name may begin with it: 'Von Miller')
                        r"^\s*(?:(?:eingestellt|geschrieben|verfasst)\s+von|escrito\s+por|publi[ée]\s+par|"
                        rf"(?:von|vom|por|par|door)(?=\s+(?-i:[{_CAPITAL}])\S*\s+\S))\s+|"
                        r"^\s*(?:autor(?:/in|in)?|auteur|autore)(?:\s*:\s*|\s+)|"
                        # 'Text: Venera Erofeeva' ('Текст:'), 'Words: …': the credit for the text (without its colon, as
                        # trafilatura gives it, only before two more words)
                        r"^\s*(?:text|texte|texto|testo|tekst|текст|words)(?:\s*:\s*|\s+(?=\S+\s+\S))|"
                        # the kind of piece alone before two more words ('Interview Julia Lauter')
                        r"^\s*interview\s*:?\s+(?=\S+\s+\S)", re.I)
# 'Posted on September 21, 2020 by' before the name
_DATED_BY = re.compile(r"^\s*(?:posted|published|updated|written)\s+on\s+[\w ,./-]{4,30}?\s+by\s+", re.I)
# a label run into the name by markup without a space ('AuthorAndreas Kalt')
_GLUED_LABEL = re.compile(r"^(?:Author|Written by|Posted by|By)(?=[A-Z][a-z.])")
# academic and professional letters after a name ('Grant Tinsley, PhD', 'Mark Tedeschi, QC'): not a second
# author, and not a role (the people stage uses them too)
CREDENTIALS = lexicon.words("credentials")
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|\||,|\band\b|&|\s+with\s+|(?<=[a-z]{2})\.\s+(?=[A-Z]))\s*", re.I)
# an occupation written before a name, as titles are ('Rechtsanwalt Sebastian Einbock', 'Pfarrerin Anna Roth')
_OCCUPATION = re.compile(r"^(?:(?:Rechts|Fach|Patent)anw[aä]lt(?:in)?|Notar(?:in)?|Steuerberater(?:in)?|Pfarrer(?:in)?)\s+(?=\S+\s+\S)")
# 'and' in other languages ('Benjamin Fischer und Marcus Theurer'): only between two names, as German
# capitalises every noun ('Fotograf aus Hamburg und Gründer von …') and 'e.V.' ends a club's name
_FOREIGN_AND = re.compile(r"\s(?:und|et|y|e)\s")
_AUTHOR_SPLIT_KEEP = re.compile(f"({_AUTHOR_SPLIT.pattern})", re.I)  # (the separators kept)
_AUTHOR_NOISE = re.compile(
    r"\b(?:staff|reporter|correspondent|editor|writer|contributor|columnist|updated|published|"
    r"reuters|associated press|afp|ap|bloomberg|news|agency|agencies|bureau|desk|team|admin|administrator|editorial|"
    r"dpa|apa|kna|epd|efe|ansa|agenturen|"  # (agencies in other languages)
    # (credits and sources: 'Źródło: Statista', 'Cortesía', 'zVg', 'Theme by Catch Themes', a press release)
    r"quelle|źródło|cortes[ií]a|courtesy|zvg|themes|artikel|mitteilung|pressemitteilung|"
    r"guest|anonymous|unknown|author|article|com|net|org|http|www|"
    r"redaktion|redacci[oó]n|r[ée]daction|redazione|reda[cç][aã]o|redactie|"  # (the newsroom in other languages)
    r"posts|stories|articles|recent|latest|view|follow|profile|biography|subscribe|share|contact|email|comments|related|@)\b|\d",
    re.I,
)
_BLOCK_TAGS = ("p", "div", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "footer", "header", "section",
               "article", "aside", "blockquote", "br", "tr", "dd", "dt", "figcaption", "nav", "form", "title", "body")
# A wire agency named after a person's name in a byline ('JILL LAWLESS Associated Press') ends the name.
_AGENCY_SUFFIX = re.compile(r"\s+(?:the\s+)?(?:associated press|reuters|agence france-presse|afp|bloomberg|ap|dpa|efe|ansa|upi)\s*$", re.I)
# characters no name has
_NOT_IN_NAMES = re.compile(r"[:/\\()\[\]{}<>=+*#@|!?]|[a-z]\.[a-z]")  # (nor an address: 'maria.carrasquilla')
# the same name twice, with or without a space between ('Tom AuTom Au')
_TWICE = re.compile(r"^(.+?)\s*\1$")
# a spaced dash after a name opens its team or desk ('Kiran C Nair - Chrome Safe Browsing team')
_DASHED_TAIL = re.compile(r"\s+[-–—]\s+\S.*$")
_SEARCH_PATH = re.compile(r"/(?:search|tag|tags|category|categories|topics?|author)/?$|[?&](?:q|s|query|search)=", re.I)
# newsroom words that make the whole byline a group's ('Science X staff'), not a title after a name
_GROUP_WORDS = frozenset("staff team desk bureau editorial admin administrator agency guest anonymous unknown".split())
_FUNCTION_WORDS = frozenset("to the of for and in on at with from about über".split())
_DATE_WORDS = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april may "
                        "june july august september october november december jan feb mar apr jun jul aug sep sept oct "
                        "nov dec updated published posted stand".split())  # ('Stand: 12.03.2021', German 'as of')
_NOT_NAMES = frozenset({"the", "a", "an", "by", "and", "staff", "admin", "editor", "editors", "team", "news", "guest", "letters",
                        "user", "autor", "auteur", "autore", "name", "datum", "red", "newsroom"})  # ('red.': German for the desk)
# what follows a broadcaster's call letters in a desk's name ('CNN Business')
_DESK_WORDS = frozenset("business politics sport sports health travel style tech money entertainment weather digital "
                        "wire online world opinion staff news newsroom desk team investigates live tv radio".split())
# last words that make a byline an organisation's ('Wikimedia Foundation')
_ORG_WORDS = frozenset("foundation institute association university agency ministry department council committee "
                       "group network media press society organization organisation office service kitchen kitchens "
                       "magazine magazin zeitung presse nachrichten "
                       # (a press office's or an advertiser's: 'Media Relations', 'Press Release', 'Sponsored Content')
                       "communications relations release content marketing newsroom "
                       # and a company's legal form ('Nordex SE', 'Acme Inc.')
                       "se ag gmbh kg ltd inc llc plc corp online kreuz verband verein".split())
# first words that make a byline an organisation's or a place's ('Feuerwehr Oldenburg', 'Radio PLUS', 'Deutsches Rotes Kreuz')
_ORG_FIRST_WORDS = frozenset("feuerwehr polizei radio bundesverband verband forschung deutsches deutsche stadt gemeinde "
                             "landkreis ministerium".split())
_PARTICLES = frozenset({"de", "da", "van", "von", "der", "bin", "al", "la", "le", "del", "dos", "do"})
# articles that open a title, not a personal name ('El Colombiano', 'Die Tagespresse')
_ARTICLES = frozenset("the el la le les los las il lo die der das".split())
# (an outlet's name: 'La República', 'Le Monde'; German ones open nicknames too: 'Der Michel')
_ROMANCE_ARTICLES = frozenset("El La Le Les Los Las Il Lo".split())
# A body split into parts: how far up from the last extracted paragraph its container may be, and
# how many parts of one kind a page may have before they look like a list of teasers instead.
_CONTINUATION_DEPTH = 4
_MAX_BODY_PARTS = 30
_BODY_WORDS = frozenset({"body", "article", "story", "content", "text", "entry", "post", "prose"})
_CLASS_WORD = re.compile(r"[\s_-]+")
_PLAIN_TAG = re.compile(r"[a-z][a-z0-9]*")  # (a tag such as 'fb:like' cannot go into an XPath as it is)
_NOT_PROSE_TAGS = frozenset({"figure", "figcaption", "aside", "nav", "form", "footer", "header", "blockquote"})
_NOT_PROSE_CLASS = re.compile(r"callout|related|recirc|read-?more|keep-?reading|newsletter|promo|\bads?\b|ad[-_]|advert|"
                              r"embed|caption|share|social|sign-?up|subscribe|most-?popular|comment", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")  # (and the two non-characters libxml2 refuses)
# what lxml cannot parse at the top of a page: a self-closed doctype (libxml2 bug 1955915) or <html/>
_SELF_CLOSED_DOCTYPE = re.compile(r"^< ?! ?DOCTYPE[^>]*/[^<>]*>", re.I)
_SELF_CLOSED_HTML = re.compile(r"(<html.*?)\s*/>", re.I)


@dataclass
class Extracted:
    """What the extract stage found on one page."""

    url: str
    text: str = ""
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    title: str | None = None
    published: str | None = None
    language: str | None = None
    site_name: str | None = None
    site_name_source: str | None = None
    publisher: str | None = None
    canonical_url: str | None = None
    authors: list[tuple[str, str]] = field(default_factory=list)  # (name, source)
    is_article: bool = False
    not_article_reason: str | None = None
    og_type: str | None = None
    # page chrome outside the main text, kept for syndication signals: (text, href) pairs
    chrome_text: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)
    jsonld: list[dict] = field(default_factory=list)

    @property
    def paragraph_texts(self) -> list[str]:
        """The main text's paragraphs, as strings."""
        return [self.text[s:e] for s, e in self.paragraphs]

    @property
    def word_count(self) -> int:
        """Number of words in the main text."""
        return len(self.text.split())


def clean_input(html: str, max_chars: int) -> str:
    """Reject what cannot be a page; drop lone surrogates, NULs and control characters."""
    if not isinstance(html, str):
        raise InputError("html must be a string")
    if len(html) > max_chars:
        raise TooLarge(f"the page is {len(html):,} characters; the limit is {max_chars:,}")
    # lone surrogates (from JSON "\ud800") cannot be encoded; replace them rather than fail later
    html = html.encode("utf-8", "replace").decode("utf-8")
    return _CONTROL.sub("", html)


def normalise_space(text: str) -> str:
    """Collapse runs of whitespace to single spaces (the characters str.split takes for whitespace are those of \\s)."""
    return " ".join(text.split())


def split_authors(raw: str, *, outlet_names: tuple[str, ...] = (), min_words: int = 2, acronyms: bool = False) -> list[str]:
    """'By Jane Doe and JOHN ROE, Reuters' -> ['Jane Doe', 'John Roe'].

    Newsroom words ('Associated Press', 'Staff Writer') end a name rather than void it, and a
    name written in capitals is title-cased ('DANICA KIRKA' -> 'Danica Kirka')."""
    raw = _BY_PREFIX.sub("", _DATED_BY.sub("", _GLUED_LABEL.sub("", normalise_space(raw))))
    for outlet in outlet_names:
        if outlet:
            raw = re.sub(rf"\b{re.escape(outlet)}\b", ",\x01,", raw, flags=re.I)
    names = []
    # after a newsroom credit, parts set off by commas only are its place or desk ('By Nada Tawfik, BBC News,
    # New York'), until an 'and' or ';' starts the next name
    credited = False
    pieces = _AUTHOR_SPLIT_KEEP.split(raw)
    for i, part in enumerate(pieces[::2]):
        if i and pieces[2 * i - 1].strip() not in {",", ""}:
            credited = False
        if credited and part.strip():
            continue
        if _AUTHOR_NOISE.search(part) or "\x01" in part:
            credited = True
        part = _BY_PREFIX.sub("", part)
        suffix = "." if re.search(r"\s(?:Jr|Sr)\.[\s\x01]*$", part) else ""  # (the period of 'John Roe Jr.' is the name's)
        part = part.strip(" .:-–—·•\x01'\"‘’“”«»") + suffix  # ("'Luana Patriolino": a stray quote)
        agency = _AGENCY_SUFFIX.search(part)
        if agency:
            part = part[: agency.start()].strip(" .:-–—")
        if part.casefold().strip(".") in CREDENTIALS:
            continue
        words = part.split()
        while words and words[-1].casefold().strip(".,") in _DATE_WORDS:
            words.pop()  # 'Malcolm Owen Monday, November 18': the dateline ran into the name
        part = " ".join(words)
        if not part or "admin" in part.casefold():
            continue
        if len(part.split()) == 1 and ((part.isupper() and not acronyms) or part.casefold() in _NOT_NAMES
                                       or len(part.strip(".")) <= 2  # a desk's initials ('mf', 'kj')
                                       or any(part.casefold() == o.casefold() for o in outlet_names)):
            continue  # 'CNN', 'The', the outlet's own name: not a person
        if part.isupper() and (not acronyms or len(part.split()) > 1):
            part = part.title()  # 'FEDERICA LUSIARDI' -> 'Federica Lusiardi'; a lone 'IWB' in explicit markup stays
        words = part.split()
        if words and (words[0] in {"The", "THE"} or words[-1].casefold().strip(".") in _ORG_WORDS
                      or (len(words) > 1 and words[0].casefold() in _ORG_FIRST_WORDS)
                      or (len(words) == 2 and words[0] in _ROMANCE_ARTICLES)):
            continue  # 'The Local', 'Wikimedia Foundation', 'Radio PLUS', 'La República'
        if len(words) > 1 and re.fullmatch(r"[B-DF-HJ-NP-TV-Z]{3,6}", words[0]) \
                and all(w.casefold() in _DESK_WORDS for w in words[1:]):
            continue  # a broadcaster's call letters and a desk ('CNN Business', 'NBC Sports'; not 'GHK Lall')
        team = _DASHED_TAIL.search(part)
        if team and looks_like_name(part[: team.start()], min_words=min_words):
            part, credited = part[: team.start()], True  # 'Kiran C Nair - Chrome Safe Browsing team'
        noise = _AUTHOR_NOISE.search(part)
        if noise and noise.start() > 0 and len(part[: noise.start()].split()) >= 2 and not re.search(r"[\d/]", part[: noise.start()]) \
                and noise.group(0).casefold() not in _GROUP_WORDS:
            part = part[: noise.start()].strip(" ,.:-–—|")  # 'Tom Gillespie News reporter' -> 'Tom Gillespie'
        part = _OCCUPATION.sub("", part)  # 'Rechtsanwalt Sebastian Einbock'
        # (only on what could be a name twice, up to five words each: the pattern's time grows with the
        # square of the length, and a page may hold a 'By' line of 100,000 words)
        if len(part.split()) <= 10 and (twice := _TWICE.match(part)):
            part = twice[1]  # 'N-Land N-Land', 'Tom AuTom Au': markup that holds the name twice
        joined = _and_parts(part, min_words=min_words)
        if len(joined) > 1:
            names.extend(p for p in joined if p not in names)
        elif looks_like_name(part, min_words=min_words) and part not in names:
            names.append(part)
    return names


# a name written surname first, as a library catalogue does ('Doe, Jane', 'Doe, Jane A.'): one person, not two
_SURNAME_FIRST = re.compile(rf"^\s*([{_CAPITAL}][\w'’-]+),\s*([{_CAPITAL}][\w'’-]+(?:\s+[{_CAPITAL}]\.?)?)\s*$")


def given_first(raw: str) -> str:
    """'Doe, Jane' -> 'Jane Doe'; anything else as it is ('Jane Doe, Ann Lee', 'Ann Lee, PhD', 'Lee, Reuters')."""
    m = _SURNAME_FIRST.match(raw)
    if m is None or any(w.casefold().strip(".") in CREDENTIALS | _NOT_NAMES | _GROUP_WORDS or w.isupper() and len(w) > 2
                        for w in m.groups()) or _AUTHOR_NOISE.search(raw) or _AGENCY_SUFFIX.search(raw):
        return raw
    return f"{m.group(2)} {m.group(1)}"


def _and_parts(part: str, *, min_words: int = 2) -> list[str]:
    """'Rocío Latorre y José Miguel Wilson' -> the two names; a part that is not names joined so stays whole."""
    joined = _FOREIGN_AND.split(part)
    return joined if len(joined) > 1 and all(looks_like_name(p, min_words=min_words) for p in joined) else [part]


def _glued(word: str) -> bool:
    """A capital after four lower-case letters inside a word (not 'McKenzie', 'MacKenzie', 'FitzGerald', whose
    inner capital follows a short prefix). A one-word handle may be written so ('KleineGrüneMonster')."""
    run = 0
    for ch in word:
        if ch.isupper() and run >= 4:
            return True
        run = run + 1 if ch.islower() else 0
    return False


def looks_like_name(text: str, *, min_words: int = 2) -> bool:
    """A plausible personal name: 2–5 capitalised words (1 where metadata says it is a person),
    no digits, no newsroom words."""
    words = text.split()
    if not min_words <= len(words) <= 5 or _AUTHOR_NOISE.search(text) or _NOT_IN_NAMES.search(text):
        return False  # ('Fotos: EL HERALDO/')
    if all(len(w.strip(".")) < 2 for w in words):
        return False  # a lone initial ('V' of 'e. V.')
    if any(w.endswith(("-", "–")) for w in words):
        return False  # 'Aymz- Grelle Forelle': an act and its venue
    if len(words) > 1 and any(_glued(w) for w in words):
        return False  # two words run together by markup ('MozartkugelnWahre KünstlerInnen', 'Inga HoeltmannFollow')
    if not words[0][0].isupper() or any(w.casefold() in _FUNCTION_WORDS for w in words):
        return False  # 'Letters To The (Editor)
    # later words may be lower case only where metadata vouches for the name ('Mobasir hassan')
    return (min_words == 1 and len(words) <= 2) or all(w[0].isupper() or w.lower() in _PARTICLES for w in words)


@functools.lru_cache(maxsize=1)
def _trafilatura_config() -> configparser.ConfigParser:
    """trafilatura's settings with our tree-size limit; its signal-based timeout off (we run in threads)."""
    config = trafilatura.settings.use_config()
    config.set("DEFAULT", "MAX_TREE_SIZE", str(MAX_TREE_SIZE))
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


def _parse_tree(html: str) -> etree._Element | None:
    """lxml's tree of the page; an XML declaration is dropped (lxml refuses one in a str)."""
    try:
        return lxml.html.fromstring(_XML_DECLARATION.sub("", html, count=1))
    except (etree.ParserError, ValueError):
        return None


# trafilatura's own parser settings (trafilatura.utils.HTML_PARSER), with lxml's class lookup done in C: lxml.html's
# default lookup calls a Python method for every element that code touches (over half a million calls on the 47 gold
# pages, 5 % of the extract stage). Every element is still an HtmlElement; only the form-field classes go (nothing here
# or in trafilatura reads a form's values).
_HTML_PARSER = lxml.html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
                                    remove_pis=True)
_HTML_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment, pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity))


def _load_for_trafilatura(html: str) -> lxml.html.HtmlElement | None:
    """The page (as clean_input left it) parsed the way trafilatura.utils.load_html parses a string (faulty markup repaired, comments
    dropped; a page lxml cannot take as a string is given to it as bytes), with the parser above; None when
    that loader would refuse the page (a fragment without an html tag): then each side parses on its own."""
    beginning = html[:50].lower()
    # trafilatura.utils.repair_faulty_html's repairs, but for the control characters, which clean_input dropped
    if "doctype" in beginning:
        first, _, rest = html.partition("\n")
        html = _SELF_CLOSED_DOCTYPE.sub("", first, count=1) + "\n" + rest
    if any("<html" in line and line.endswith("/>") for line in html[:4096].splitlines()[:4]):
        html = _SELF_CLOSED_HTML.sub(r"\1>", html, count=1)
    tree = None
    try:
        tree = lxml.html.fromstring(html, parser=_HTML_PARSER)
    except (ValueError, etree.LxmlError):  # ('Unicode strings with encoding declaration are not supported')
        pass
    if tree is None or len(tree) < 1:
        try:
            tree = lxml.html.fromstring(html.encode("utf-8", "surrogatepass"), parser=_HTML_PARSER)
        except (ValueError, etree.LxmlError):  # (an empty document)
            return None
    if tree is not None and trafilatura.utils.is_dubious_html(beginning) and len(tree) < 2:
        return None
    return tree


def _lenient_json(raw: str) -> object | None:
    """JSON-LD as pages write it: sometimes with stray control chars or single-quoted strings."""
    raw = raw.strip()
    if not raw or len(raw) > MAX_JSONLD_CHARS:
        return None
    for candidate in (raw, re.sub(r"(?<=[:\[,{])\s*'([^'\"\\]*)'", r'"\1"', raw)):
        try:
            return json.loads(candidate, strict=False)
        except (json.JSONDecodeError, RecursionError):
            continue
    return None


def _jsonld_objects(tree: etree._Element) -> list[dict]:
    """Every JSON-LD object on the page, @graph flattened."""
    found: list[dict] = []

    def walk(node: object, depth: int = 0) -> None:
        if depth > 6:
            return
        if isinstance(node, list):
            for item in node[:200]:
                walk(item, depth + 1)
        elif isinstance(node, dict):
            found.append(node)
            if "@graph" in node:
                walk(node["@graph"], depth + 1)

    for script in tree.xpath('//script[@type="application/ld+json"]')[:20]:
        walk(_lenient_json(script.text or ""))
    # an author or publisher given as a reference to another node of the graph ('"author": {"@id":
    # "https://site/#/schema/person/…"}', as WordPress SEO plugins write it) is replaced by that node
    # (only people and organisations: a reference to the page or the article itself names nobody)
    nodes = {obj["@id"]: obj for obj in found if isinstance(obj.get("@id"), str) and _types(obj) & (_ORG_TYPES | {"person"})}

    def resolve(value: object) -> object:
        if isinstance(value, list):
            return [resolve(v) for v in value[:20]]
        if isinstance(value, dict) and set(value) == {"@id"} and isinstance(value["@id"], str):
            return nodes.get(value["@id"], value)
        return value

    if nodes:
        for obj in found:
            for prop in ("author", "publisher"):
                if prop in obj:
                    obj[prop] = resolve(obj[prop])
    return found


def _types(obj: dict) -> set[str]:
    # ('type' without its '@': schema.org's context makes it the same key, and some sites write it so)
    t = obj.get("@type") if "@type" in obj else obj.get("type")
    return {str(x).lower() for x in (t if isinstance(t, list) else [t]) if x}


def _names(value: object) -> list[str]:
    """Names from a JSON-LD author/publisher value (string, object or list)."""
    # (a page may escape its JSON-LD strings as HTML: 'Redacci&oacute;n')
    if isinstance(value, str):
        return [html.unescape(value)]
    if isinstance(value, dict):
        name = value.get("name")
        return [html.unescape(name)] if isinstance(name, str) else []
    if isinstance(value, list):
        return [n for v in value[:20] for n in _names(v)]
    return []


def _person_names(value: object) -> list[str]:
    """Author names from JSON-LD, leaving out authors typed as organisations ('Al Jazeera')."""
    items = value if isinstance(value, list) else [value]
    # (a node typed both Person and Organization, as a personal site's owner is, counts as a person)
    return [n for item in items[:20] if not (isinstance(item, dict) and _types(item) & _ORG_TYPES and "person" not in _types(item))
            for n in _names(item)]


def _typed_person(value: object, name: str) -> bool:
    """Whether the JSON-LD author called ``name`` is explicitly a schema.org Person."""
    items = value if isinstance(value, list) else [value]
    return any(isinstance(i, dict) and "person" in _types(i) and _names(i) == [name] for i in items)


def _addresses(obj: dict) -> list[str]:
    """The addresses a JSON-LD object gives for itself: url, @id, mainEntityOfPage (a string or a node)."""
    found = [obj.get("url"), obj.get("@id")]
    main = obj.get("mainEntityOfPage")
    found += [main.get("@id"), main.get("url")] if isinstance(main, dict) else [main]
    return [a for a in found if isinstance(a, str) and a.strip()]


def _path(address: str, base: str) -> str:
    """The path of an address, relative ones read against ``base``; '' for one that cannot be read ('http://[x')."""
    try:
        return urlsplit(urljoin(base, address.strip())).path.rstrip("/")
    except ValueError:
        return ""


def _this_article(ex: Extracted, objects: list[dict]) -> list[dict]:
    """Of several article objects in the page's JSON-LD (a news site may describe every teaser on the page
    as a NewsArticle), the ones about this page: the page's own address (or its canonical one), or its
    headline. Empty when none can be told apart."""
    pages = {_path(u, ex.url) for u in (ex.url, ex.canonical_url) if u} - {""}
    title = _title_key(ex.title or "")

    def about_this(obj: dict) -> bool:
        if any((path := _path(a, ex.url)) and path in pages for a in _addresses(obj) if not a.startswith("#")):
            return True
        headline = obj.get("headline") or obj.get("name")
        return bool(title) and isinstance(headline, str) and _title_key(html.unescape(headline)) == title

    return [o for o in objects if about_this(o)]


# what is left of an HTML entity split at its '&' and ';' ('Oacute', 'amp')
_ENTITY_PIECE = re.compile(r"\b(?:[a-z](?:acute|grave|uml|tilde|circ|cedil|ring|slash)|amp|nbsp|quot|apos)\b", re.I)
_ORG_TYPES = {"organization", "newsmediaorganization", "corporation", "organisation"}
_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
                  "blogposting", "backgroundnewsarticle", "reviewnewsarticle", "socialmediaposting", "liveblogposting"}
# other authored works whose JSON-LD author is read when no article-typed object names one ('MedicalWebPage')
_AUTHORED_TYPES = {"webpage", "medicalwebpage", "scholarlyarticle", "medicalscholarlyarticle", "techarticle", "report",
                   "satiricalarticle", "creativework"}


def _meta(tree: etree._Element, *keys: str) -> str | None:
    """The first non-empty <meta> content for the keys, in their order (property, then name, then itemprop)."""
    index = _META_INDEX.get(tree)
    if index is None:
        index = {}
        for el in tree.iter("meta"):
            content = el.get("content")
            if content and content.strip():
                for attr in ("property", "name", "itemprop"):
                    if (key := el.get(attr)) is not None:
                        index.setdefault((attr, key), normalise_space(content))
        _META_INDEX[tree] = index  # (one walk over the page instead of an XPath per key and attribute)
    for key in keys:
        for attr in ("property", "name", "itemprop"):
            if (attr, key) in index:
                return index[(attr, key)]
    return None


_META_INDEX: "weakref.WeakKeyDictionary[etree._Element, dict[tuple[str, str], str]]" = weakref.WeakKeyDictionary()


# Class or id words of page parts that list *other* stories ('More stories' cards, related links):
# a byline there belongs to another article. Whole words only ('card__meta', 'related-posts'), so that
# layout wrappers ('content-sidebar-wrap') and category classes ('category-popular-posts') do not count.
_TEASER = re.compile(
    r"^(?:cards?|(?:[\w-]+?(?:--|__|-))?teasers?|related|promos?|recommended|recommendations|more-stories|sidebar|rail|trending|most-read|"
    r"read-next|up-next|outbrain|taboola|article-list|story-list|list-headline|post-items?|post-list|posts-list|more-posts)"
    r"(?:[-_]+\w+)*$", re.I)
# class or id words of the readers' comments section
_COMMENTS = re.compile(r"(?:^|[\s_-])(?:comments?|commentlist|disqus|replies)(?:[\s_-]|$)", re.I)


# class words of a byline or of the author's name in it ('byline', 'article__byline', 'c-byline__author-name'),
# not of its date, picture or sharing links
_BYLINE_CLASS = re.compile(r"^(?:\w+(?:-|__)|[a-z]+)?by-?lines?(?:(?:-|__)(?:author|authors|author-?name|author-?link|name|name-link|text|"
                           r"wrapper|wrap|item|section|container))*$", re.I)


def _in_teaser(el: etree._Element) -> bool:
    """Whether an element sits in a part of the page that lists other stories. A part that holds the
    page's headline (its h1) is the story itself, whatever its class ('article.entry.cards')."""
    for anc in el.iterancestors():
        if anc.tag in {"aside", "nav"}:
            return True
        if anc.tag == "body" or anc.find(".//h1") is not None:
            return False
        if any(_TEASER.match(word) for word in f"{anc.get('class') or ''} {anc.get('id') or ''}".split()):
            return True
    return False


def _in_comments(el: etree._Element) -> bool:
    """Whether an element is part of the readers' comments ('w-comments-item-author', 'li.comment')."""
    for node in (el, *el.iterancestors()):
        if node.tag == "body":
            return False
        if _COMMENTS.search(f"{node.get('class') or ''} {node.get('id') or ''}"):
            return True
    return False


# schema.org items written by a site's users: a question, its answers, comments on it
_POSTING_TYPE = re.compile(r"(?:^|[/#])(?:Question|Answer|Comment)$")


def _is_posting(el: etree._Element) -> bool:
    """Whether an element is a question, an answer or a comment marked up as such."""
    return _POSTING_TYPE.search((el.get("itemtype") or "").strip()) is not None


def _in_posting(el: etree._Element) -> bool:
    """Whether an element is part of such a posting (a Q&A site's 'asked by' and 'answered by' cards carry
    itemprop=author, but name no writer of the page)."""
    return any(_is_posting(node) for node in (el, *el.iterancestors()))


_NAME_MARKUP_CHARS = 80  # author markup longer than this is a box with a bio, not a name


def _elements(tree: etree._Element, wanted) -> list[etree._Element]:
    """The page's elements for which wanted(element) holds, in document order. (A loop in Python beats an XPath
    with contains(@class, …) on these pages: libxml2 builds each attribute's string value to test it.)"""
    return [el for el in tree.iter(etree.Element) if wanted(el)]


def _byline_markup(el: etree._Element) -> bool:
    """rel=author links, itemprop=author and the elements a 'byline' class word may sit on."""
    cls = el.get("class")
    return bool(cls and ("yline" in cls or "yLine" in cls)) or el.get("itemprop") == "author" \
        or (el.tag == "a" and el.get("rel") == "author")


def _maybe_comments(el: etree._Element) -> bool:
    """Elements whose class or id may mark readers' comments (_COMMENTS decides)."""
    return any(word in attr for attr in (el.get("class"), el.get("id")) if attr for word in ("comment", "disqus", "repl"))


def _byline_names(tree: etree._Element) -> tuple[list[str], set[str]]:
    """Names in the page's byline markup (rel=author links, itemprop=author, .byline classes), and
    the names found only in teasers for other stories."""
    found: list[tuple[str, bool]] = []
    for el in _elements(tree, _byline_markup)[:40]:
        if _in_comments(el) or _in_posting(el) or (el.get("rel") != "author" and el.get("itemprop") != "author"
                                                   and not any(_BYLINE_CLASS.search(c) for c in (el.get("class") or "").split())):
            continue
        text = el.text_content()
        # explicit author markup may carry one name, even in capitals ('IWB' in a schema.org Person); not when it
        # holds a whole author box ('Über Kathrin / Hallo, ich bin Foodbloggerin, Backbuchautorin, …')
        explicit = (el.get("rel") == "author" or el.get("itemprop") == "author") and len(text) <= _NAME_MARKUP_CHARS
        names = split_authors(text, min_words=1 if explicit else 2, acronyms=explicit)
        teaser = _in_teaser(el)
        found.extend((n, teaser) for n in names)
    main = [n for n, teaser in found if not teaser]
    return list(dict.fromkeys(main)), {n for n, teaser in found if teaser} - set(main)


# class words of an element holding an author's name ('author', 'author-name', 'author_single'),
# not of author boxes, pictures or links to their profiles on social media
_AUTHOR_CLASS = re.compile(r"(?:^|[-_])author(?:s|[-_]?name|[-_]single|[-_]link)?$", re.I)
# (not the 'For' that names the outlet after a byline: 'By Jane Doe For Dailymail.com')
_NAME = rf"[{_CAPITAL}][\w.'’-]*(?:[ \t]+(?:(?!(?:For|FOR)\b)[{_CAPITAL}][\w.'’-]*|{'|'.join(sorted(_PARTICLES))}))*"
_NAMES = rf"{_NAME}(?:[ \t]*(?:,|,?[ \t]*and|&)[ \t]*{_NAME}){{0,7}}"  # up to eight names joined by commas, 'and' or '&'
# (in a byline in another language, its 'and' too: 'Von Volkmar Kabisch, Jan Lukas Strozyk und Benedikt Strunz')
_NAME_SEPARATOR = r"(?:[ \t]*,|,?[ \t]+(?:and|und|et|y|e)[ \t]|[ \t]*&)[ \t]*"  # (whole words: not the 'e' of 'Neueste')
_ANY_NAMES = rf"{_NAME}(?:{_NAME_SEPARATOR}{_NAME}){{0,3}}"
# (credentials may follow, and the date: 'By Louis Jacobson on Monday, November 18th, 2019 at 11:04 a.m.',
# 'Written by Rachael Link, MS, RD on November 14, 2019', 'By HNN Staff | November 18, 2019')
# (a weekday's or a month's name, in any case and spelt out or not: 'Mon', 'MARCH')
_WEEKDAY = r"(?i:mon|tue|wed|thu|fri|sat|sun)[a-zA-Z]*"
_MONTH = r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-zA-Z]*"
_DATE_TAIL = (r"[ \t]+(?:(?:on|[|·•–—/-])[ \t]+(?i:(?:updated|published|posted)(?:[ \t]+on)?[ \t:]+)?"
              rf"(?:\d|(?:{_WEEKDAY}|{_MONTH})\b)|(?i:updated|published|posted)(?:[ \t]+on)?[ \t:]+(?:\d|(?:{_WEEKDAY}|{_MONTH})\b)).*")
_BYLINE_DATE = rf"(?:{_DATE_TAIL})?"
_BYLINE_CREDENTIALS = rf"(?:[ \t]*,[ \t]*(?i:{'|'.join(re.escape(c) for c in sorted(CREDENTIALS))})\.?(?![\w.]))*"
# a health site's reviewer beside the byline, in either order ('Medically reviewed by Debra Sullivan, PhD — Written by
# Ann Lee on May 3, 2020', 'Written by Ann Lee — Fact checked by Tom Roe'): not an author
_REVIEWED = r"(?i:medically[ \t]+|clinically[ \t]+|fact[- ]checked|reviewed)(?:[ \t]*reviewed)?[ \t]+by[ \t]+"
# the kind of piece before 'by' ('Guest post by Ann Lee', 'Analysis by Ann Lee')
_KIND_BY = r"(?:Guest[ \t]+(?:[Pp]ost|[Cc]olumn|[Ee]ssay|[Bb]log|[Aa]rticle)|Column|Commentary|Analysis|Essay|Opinion|Interview)[ \t]+by"
# the outlet the writer wrote it for, and their social-media handle ('By Ann Lee For Dailymail.com', 'By Ann Lee @annlee',
# 'By Ann Lee, ann.lee@example.com')
_FOR_OUTLET = r"(?:[ \t]+(?:For|FOR|for)[ \t]+[A-Z][\w.&'’-]*(?:[ \t]+[A-Z][\w.&'’-]*){0,4})?"
_HANDLE = r"(?:[ \t]+@\w{2,30}|[ \t]*[,|·•]?[ \t]*[\w.+-]{1,40}@[\w-]{1,40}\.[\w.]{2,20})?"  # (or their address)
# who the writer is, after a comma ('By Ann Lee, Special to the Times', 'By Ann Lee, a reporter covering city hall')
_WRITER_ROLE = (r"(?:[ \t]*,[ \t]*(?:(?:Special|Exclusive)[ \t]+(?:to|for)[ \t]+(?:the[ \t]+)?[A-Z][\w.&'’-]*(?:[ \t]+[A-Z][\w.&'’-]*){0,4}|"
                r"(?:a|an)[ \t]+[a-z][^\n,]{2,80}))?")
# the outlet after a bar or a slash ('By Ann Lee and Tom Roe | The Washington Post', 'By Ann Lee / CBS News'), unless
# what follows is a date
_AFTER_PIPE = (rf"(?:[ \t]*[|·•/][ \t]*(?!(?:(?i:updated|published|posted)[a-zA-Z]*|{_WEEKDAY}|{_MONTH})\b)"
               r"(?:The[ \t]+)?[A-Z][\w.&'’-]*(?:[ \t]+[A-Z][\w.&'’-]*){0,4})?")
# the section after the name ('by Ann Lee in News, Politics')
_IN_SECTION = r"(?:[ \t]+in[ \t]+[A-Z][\w&'’-]*(?:[ \t,]+(?:&[ \t]+)?[A-Z][\w&'’-]*){0,5})?"
# a label and its colon before the names on the same line ('Author: Ann Lee', 'Authors: Ann Lee, Tom Roe'); tried
# before the label with a role after one name, which would keep only the first of a list
_LABELLED_AUTHOR = re.compile(rf"^(?:Authors?|Reporters?|Writer|Text)[ \t]*:[ \t]*({_NAMES}){_BYLINE_CREDENTIALS}{_BYLINE_DATE}[ \t]*$", re.M)
_BYLINE_LINE = re.compile(rf"^(?:{_REVIEWED}[^—–|•\n]{{3,80}}?[ \t]*[—–|•][ \t]*)?"
                          rf"(?:[-–—]{{2,}}[ \t]*[Bb]y|[Bb]y|BY|Written by|Words by|Story by|Text by|Reported by|Compiled by|Published by|{_KIND_BY})[ \t]*:?[ \t]*"
                          rf"({_NAMES}){_BYLINE_CREDENTIALS}{_WRITER_ROLE}{_FOR_OUTLET}{_HANDLE}{_AFTER_PIPE}{_IN_SECTION}{_BYLINE_DATE}"
                          rf"(?:[ \t]*[—–|•][ \t]*{_REVIEWED}.*)?[ \t]*$", re.M)
# the date, then 'by' and the names ('Posted on March 3, 2020 by Ann Lee', '3 March 2020 | by Ann Lee in News')
_DAY_DATE = (rf"(?:{_WEEKDAY},?[ \t]+)?(?:{_MONTH}\.?[ \t]+\d{{1,2}}(?:st|nd|rd|th)?,?[ \t]+\d{{4}}|"
             rf"\d{{1,2}}(?:st|nd|rd|th)?[ \t]+{_MONTH}\.?,?[ \t]+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}})")
_DATE_BY_LINE = re.compile(rf"^(?:(?i:posted|published|updated)(?:[ \t]+on)?[ \t]*:?[ \t]+)?{_DAY_DATE}[ \t]*[|·•–—-]?[ \t]*(?i:by)[ \t]+"
                           rf"({_NAMES}){_IN_SECTION}(?:[ \t]*[|·•–—-]?[ \t]*(?:\d+|[Nn]o|[Ll]eave[ \t]+a)[ \t]+[Cc]omments?.*)?[ \t]*$", re.M)
# the same in other languages ('Von Cosima Künzel', 'Par Matthieu Hy', 'Autorin: Uta Staschewski', 'Ein Artikel von
# Pamela Sladky | 27.01.2022 - 12:45', 'Von David Hutzler, dpa'); the news agency after a comma is dropped
# 'Published by' and 'Written by' in those languages ('Publicado por: Clarissa Borba', 'Publié par Matthieu Hy')
_PUBLISHED_BY = (r"(?:(?:Publicado|Escrito|Redactado)[ \t]+por|(?:Publié|Écrit|Rédigé)[ \t]+par|(?:Veröffentlicht|Geschrieben|"
                 r"Verfasst)[ \t]+von|(?:Pubblicato|Scritto)[ \t]+da|(?:Geplaatst|Geschreven)[ \t]+door)")
# the date before the byline and the post's category after it ('05/10/2018 - Publicado por: Clarissa Borba - Categoria:
# Saúde', '05/10/2018 - Posted by: Ann Lee - Category: Health')
_DATE_HEAD = rf"(?:{_DAY_DATE}[ \t]*[-–—|·•][ \t]*)?"
_CATEGORY_TAIL = r"[ \t]*[-–—|·•][ \t]*(?i:categor(?:y|ies|ia|ias|ía|ías)|catégories?|kategorien?|rubrik)[ \t]*:.*"
_FOREIGN_BYLINE_LINE = re.compile(
    rf"^{_DATE_HEAD}(?:{_PUBLISHED_BY}[ \t]*:?|(?:[Vv]on|[Pp]ar|[Pp]or|Door)(?=[ \t]*:?[ \t]+)[ \t]*:?|(?:Text|Ein[ \t]+(?:Artikel|Beitrag|Interview))[ \t]+von|Autoren|Autorinnen|"
    rf"(?:Autor|Autorin|Autoren|Auteur|Autore|Text|Text[ \t]*(?:&|und)[ \t]*(?:Fotos?|Bilder?))[ \t]*:)"
    rf"[ \t]*({_ANY_NAMES})(?:[ \t]*,[ \t]*[a-zA-Z]{{2,6}})?{_BYLINE_CREDENTIALS}"
    # (the date: 'am 07.08.2013 um 09:07 Uhr', ', 21 juin 2018')
    rf"(?:{_DATE_TAIL}|[ \t]+(?:am|le|el)[ \t]+\d.*|[ \t]*,[ \t]*\d{{1,2}}\.?[ \t]+\w+[ \t]+\d{{4}}|{_CATEGORY_TAIL})?[ \t]*$", re.M)
# a name, then when it was published ('Jacobo Betancur Peláez | Publicado hace 3 horas', 'Ann Lee | Published 3 hours ago')
_NAME_PUBLISHED_LINE = re.compile(rf"^({_ANY_NAMES})[ \t]*[|·•][ \t]*(?i:publicado|publié|publicat|veröffentlicht|published|posted)\b.*$",
                                  re.M)
# an 'Author:' label, the name, then the writer's role ('Autorin: Uta Staschewski, Projektleiterin der HSS in Tunesien.',
# 'Author: Ann Lee (Guest Post), …')
_LABELLED_AUTHOR_WITH_ROLE = re.compile(rf"^(?:Authors?|Autor|Autorin|Auteur|Autore)[ \t]*:[ \t]*({_NAME})[ \t]*[,(].*$", re.M)
# the attribution of a Creative Commons licence ('Ein Hundetagebuch von Donald Townsend steht unter einer Creative Commons
# Namensnennung 3.0 Unported Lizenz.', 'This work by Ann Lee is licensed under a Creative Commons …')
_LICENSED_BY = re.compile(rf"\b(?:by|von)[ \t]+({_NAME})[ \t]+(?:is[ \t]+licensed[ \t]+under|ist[ \t]+lizenziert[ \t]+unter|"
                          rf"steht[ \t]+unter)[ \t]+(?:a|an|einer)[ \t]+Creative[ \t]+Commons")
# a link to the writer's archive ('View all posts by Ann Lee', 'Mehr Artikel von Stefanus Stahl →', 'Alles von Martin Junker')
_ARCHIVE_LINK_LINE = re.compile(rf"^(?:(?:View[ \t]+)?(?:all[ \t]+)?(?i:posts|articles|stories)[ \t]+by|(?:Zeige[ \t]+)?[Aa]lle[ \t]+"
                                rf"(?:Beiträge|Artikel)[ \t]+von|Alles[ \t]+von|Mehr[ \t]+(?:Artikel|Beiträge)[ \t]+von)[ \t]+({_NAME})"
                                rf"[ \t]*[→›»]?[ \t]*$", re.M)
# the date, then the name, on a line of their own ('11.12.2019 - Amelie Loevenich', '04.02.2022 | 13:10 Uhr | Uta Helkenberg')
_DATED_NAME_LINE = re.compile(rf"^\d{{1,2}}\.\d{{1,2}}\.\d{{4}}[ \t]*(?:[|·•][ \t]*\d{{1,2}}:\d{{2}}(?:[ \t]*Uhr)?[ \t]*)?"
                              rf"[-–—|·•][ \t]*({_ANY_NAMES})[ \t]*$", re.M)
# 'Author' / 'Written by' on its own line (a fact box), the name on the next one
# ('Auteur' / 'Uriel Gadessaud'; a plural label must be followed by several names: 'Authors' / 'Neueste Aktivitäten'
# is a forum's menu)
# (the name may carry its agency after a slash, 'Peter Maahn/SP-X', or the comma of a list the markup left behind)
_AUTHOR_LABEL = re.compile(rf"^(?:Author|Auteure?|Autor(?:in|a|e)?|Written by|Words by|Reporter)[ \t]*:?[ \t]*\n[ \t]*({_NAME})"
                           r"(?:[ \t]*/[ \t]*[A-Z][A-Za-z-]{1,12}|,)?[ \t]*$", re.M)
_AUTHORS_LABEL = re.compile(rf"^(?:Authors|Auteur(?:e?s)|Autoren|Autorinnen|Autores|Autori)[ \t]*:?[ \t]*\n[ \t]*"
                            rf"({_NAME}(?:{_NAME_SEPARATOR}{_NAME}){{1,3}})[ \t]*$", re.M)
# 'Posted by Konstantin' or 'Posted by Konstantin @ 12:00 am' as a line of its own
_POSTED_BY_LINE = re.compile(rf"^{_DATE_HEAD}(?:Posted|POSTED)[ \t]+(?:by|BY)[ \t]*:?[ \t]+({_NAME})(?:[ \t]+(?:@|at|on)[ \t].*|{_CATEGORY_TAIL})?$",
                             re.M)
# '| By' in one element and the name in the next ('<span>| By </span> <span>Cara Stiles</span> |'; 'Von' /
# 'Lisa Petrich' in German, 'Por' in Spanish)
_SPLIT_BYLINE = re.compile(rf"^[|·•]?[ \t]*(?:By|Von|Por|Par|Door)[ \t]*:?[ \t]*\n[ \t]*({_NAMES})[ \t]*[|·•]?[ \t]*$", re.M)
# 'By Aaron Humes: The Americas cannot …' opening the article's first paragraph
_LEADING_BYLINE = re.compile(rf"^By\s+({_NAME})\s*[:|–—]\s+\S")
_WEB_ADDRESS = re.compile(r"\(?\s*(?:https?://|www\.)\S+\s*\)?", re.I)
# 'Written by: Julie Mollins' as a paragraph of its own at the top of the text
_WHOLE_BYLINE = re.compile(rf"^(?:By|Written by|Words by|Story by|Reported by|{_KIND_BY})[ \t]*:?[ \t]*({_NAMES})[ \t]*$")
# a letters-to-the-editor page, by its headline or address ('Letters: Coddling criminals | …', '/letters-1119/')
_LETTERS_PAGE = re.compile(r"^\s*letters?\b|letters? to the editor|/letters?(?:[-_/]|$)", re.I)
# a letter's signature: the writer's name alone, or followed by the town ('— Jon Rego, Oakland')
_SIGNATURE = re.compile(rf"^[-–—]?\s*(?P<name>{_NAME})\s*(?:,\s*[A-Z][\w.' -]{{1,40}})?$")
_TOWN_LINE = re.compile(r"^[A-Z][\w.'-]*(?:[ ,]+[A-Z][\w.'-]*){0,3}$")
_MIN_LETTER_WORDS = 15  # the paragraph before a signature is the letter's last, not a heading
# '– David Dunkley' closing the article
_SIGN_OFF = re.compile(rf"^(?:[-–—]\s*|Posted by\s+|Written by\s+)({_NAME})\s*(?:$|,)")
# a footnote or a quotation's source, not a sign-off ('- Lucius Annaeus Seneca, röm. Philosoph … Quelle: www.zitate.net [↩]')
_FOOTNOTE = re.compile(r"↩|\b(?:Quelle|Source|Fuente|Zitat|Quote)[ \t]*:", re.I)


# under a headline, a line with only the names and their newsroom role ('Ann Lee, Contributor', 'Ann Lee | Staff
# Writer'); not an agency ('Al Goldis, Associated Press' is a photo's credit as often as a byline), and not the role on
# a line of its own (a menu: 'Auto Racing' / 'Columnists')
_NEWSROOM_ROLE = (r"(?:(?:Senior|Chief|Contributing|Special|Freelance|Guest)[ \t]+)?(?:Staff[ \t]+)?"
                  r"(?i:writer|reporter|correspondent|contributor|columnist)s?")
_ROLE_PREFIXES = r"(?:Senior|Chief|Contributing|Special|Freelance|Guest|Staff)"
# (the role may follow on the next line when it opens so, 'Ann Lee' / 'Staff Reporter'; it may name the paper, 'Ann Lee,
# Gleaner Writer', 'Ann Lee/Observer Staff Reporter'; the paper or the date may follow it, 'Ann Lee, Staff Writer, The Times')
_NAME_CREDIT_LINE = re.compile(rf"^[ \t]*({_NAMES})(?:[ \t]*[,|/][ \t]*|[ \t]+[-–—][ \t]+|[ \t]*\n[ \t]*(?={_ROLE_PREFIXES}[ \t]))"
                               rf"(?:(?!{_ROLE_PREFIXES}\b)[A-Z][\w'’.-]*[ \t]+){{0,2}}{_NEWSROOM_ROLE}"
                               r"(?:[ \t]*[,|·•][ \t]*\S[^\n]{0,60})?[ \t]*$", re.M)
# under a headline, the names and when the piece was posted, or how long it takes to read ('Ann Lee Posted: March 3,
# 2020', 'Ann Lee · 4 min read', 'Ann Lee 3 hours ago'); only there, as readers' comments are headed so too
_NAME_STAMP_LINE = re.compile(rf"^[ \t]*({_NAMES})[ \t]*(?:[|·•,–—-][ \t]*)?(?:(?i:posted|published|updated)[ \t]*:?[ \t]+(?:on[ \t]+)?"
                              rf"(?:\d|(?:{_WEEKDAY}|{_MONTH})\b)|\d{{1,2}}[ \t]+(?i:min(?:ute)?s?|hours?|hrs?)[ \t]+(?i:read|ago)\b)[^\n]*$",
                              re.M)
_HEADLINE_BYLINE_CHARS = 400  # how far after the headline a byline line is looked for


def _under_headline(ex: Extracted) -> str:
    """The few lines of the page's text under the article's headline, where its byline stands."""
    at = ex.chrome_text.find(ex.title) if ex.title else -1
    if at < 0:
        return ""
    start = at + len(ex.title)
    return ex.chrome_text[start : start + _HEADLINE_BYLINE_CHARS]


# a 'By' line naming no person: an agency, a desk or the outlet ('By The Associated Press', 'By Reuters Staff')
_BY_ANY_LINE = re.compile(r"^[ \t]*(?:By|BY)[ \t]*:?[ \t]+(\S[^\n]{1,80}?)[ \t]*$", re.M)


# a line that credits the newsroom or the wires with no 'By' ('Staff Report', 'From wire reports', 'CBS/AP')
_AGENCY = r"(?:AP|AFP|Reuters|REUTERS|UPI|dpa|DPA|EFE|ANSA|Bloomberg)"
_WIRES_LINE = re.compile(rf"^[ \t]*(?:(?i:(?:from[ \t]+)?(?:staff|wire|news[ \t]+service)(?:[ \t]+and[ \t]+(?:wire|news[ \t]+service))?"
                         rf"[ \t]+reports?)|[A-Z][A-Za-z]{{1,8}}[ \t]*/[ \t]*{_AGENCY}|{_AGENCY}[ \t]*/[ \t]*[A-Z][A-Za-z]{{1,8}})[ \t]*$", re.M)


def _institutional_byline(window: str, outlets: tuple[str, ...]) -> bool:
    """Whether the first 'By' line under the headline (in `window`) credits an agency, a desk or the outlet, and
    no person; or a line credits the newsroom's or the wires' reports ('Staff Report', 'CBS/AP')."""
    if _WIRES_LINE.search(window):
        return True
    m = _BY_ANY_LINE.search(window)
    if m is None:
        return False
    credit = re.sub(rf"{_DATE_TAIL}$", "", m.group(1)).strip(" .,")
    if not credit or split_authors(credit, outlet_names=outlets):
        return False
    return bool(_AUTHOR_NOISE.search(credit) or credit.split()[-1].casefold() in _ORG_WORDS
                or any(o.casefold() in credit.casefold() for o in outlets))


def _headline_byline(ex: Extracted) -> list[str]:
    """The names of the first byline line within a few lines under the article's headline: a 'By …' line,
    or the names with only their newsroom role ('Ann Lee, Contributor')."""
    window = _under_headline(ex)
    if not window:
        return []
    found = [m for m in (p.search(window) for p in (_BYLINE_LINE, _DATE_BY_LINE, _NAME_CREDIT_LINE, _NAME_STAMP_LINE)) if m]
    m = min(found, key=lambda m: m.start(), default=None)
    if m is None or _in_fact_box(window, m.start(), m.end()):
        return []
    return split_authors(m.group(1))


def _byline_line(chrome_text: str) -> list[str]:
    """A line of the page that is only a byline ('By J.R. Stone', 'ByJ.R. Stone' where the page
    sets 'By' apart), or an 'Author' label or a lone 'By' line followed by the name."""
    # ('Posted by Konstantin @ 12:00 am': the label vouches for a one-word name)
    for pattern, min_words in ((_BYLINE_LINE, 2), (_DATE_BY_LINE, 2), (_AUTHOR_LABEL, 2), (_AUTHORS_LABEL, 2), (_SPLIT_BYLINE, 2),
                               (_FOREIGN_BYLINE_LINE, 2), (_DATED_NAME_LINE, 2), (_NAME_PUBLISHED_LINE, 2), (_ARCHIVE_LINK_LINE, 2),
                               (_LABELLED_AUTHOR, 2), (_LABELLED_AUTHOR_WITH_ROLE, 2), (_LICENSED_BY, 2)):
        for m in pattern.finditer(chrome_text):
            names = split_authors(m.group(1), min_words=min_words)
            if not names or _in_fact_box(chrome_text, m.start(), m.end()):
                continue
            if pattern is _BYLINE_LINE and (_in_by_list(chrome_text, m.start(), m.end())
                                             or _TEASER_BLURB.match(chrome_text, m.end())):
                continue
            if pattern in (_AUTHOR_LABEL, _AUTHORS_LABEL):
                # a label heading a list of names is a menu ('Autor' / 'Akira Arenth' / 'Jennifer Estep' on a book
                # blog's side bar), not a byline
                following = chrome_text[m.end():].lstrip("\n").split("\n", 1)[0].strip()
                if re.fullmatch(_NAME, following) and looks_like_name(following):
                    continue
            return names
    # only the first 'Posted by' line: when it names an organisation ('Posted by SPÖ on Monday, …'), the
    # later ones are further embedded social-media posts, not the article's byline
    if m := _POSTED_BY_LINE.search(chrome_text):
        return split_authors(m.group(1), min_words=1)
    return []


_BY_START = re.compile(r"[ \t]*(?:[Bb]y|BY)[ \t]")
# the next line is a story's first words cut short with a link to the rest ('Kaieteur News – May our workers be
# inspired never to... more'): the 'By' line above it is a teaser's, for another story
_TEASER_BLURB = re.compile(r"\n[^\n]{10,300}?(?:\.\.\.|…)[ \t]*(?:(?i:read|continue(?: reading)?)[ \t]+)?(?i:more)\b[^\n]{0,3}$", re.M)


def _in_by_list(text: str, start: int, end: int) -> bool:
    """Whether a 'by …' line is one of a list of titles with their authors ('Pennies' / 'by Pepper Winters' / 'Brave'
    / 'by …' in a reading-list widget): the line two above or two below starts with 'by' too."""
    below = text[end:].split("\n", 3)[2:3]
    above = text[:start].rsplit("\n", 3)[-3:-2] if text[:start].count("\n") >= 2 else []
    return any(_BY_START.match(line) for line in below + above)


# the lines of a book's (or film's) fact box in a review: its 'Author:' is the book's
_FACT_LINE = re.compile(r"^(?:(?:Original)?[ \t]*(?:Titel|Title|Untertitel|Subtitle)|Verlag|Publisher|Seiten|Pages|ISBN(?:-1[03])?|"
                        r"Erschienen|Erscheinungs(?:datum|termin)|Übersetzung|Übersetzt von|Translator|Genre|Regie|Director)\b[ \t]*:",
                        re.M | re.I)


def _in_fact_box(text: str, start: int, end: int) -> bool:
    """Whether the lines around a match (three on each side) hold a book's or film's fact box."""
    before = text.rfind("\n", 0, start)
    for _ in range(3):
        if before > 0:
            before = text.rfind("\n", 0, before)
    after = end
    for _ in range(3):
        if after != -1:
            after = text.find("\n", after + 1)
    return bool(_FACT_LINE.search(text, max(before, 0), len(text) if after == -1 else after))


def _only_in_comments(tree: etree._Element, chrome_text: str, names: list[str]) -> set[str]:
    """The names the page shows only in its readers' comments ('Recent Comments: flappy bird on …') or in the
    questions and answers of a Q&A site: every time such a name appears in the page's text, it is inside a part
    classed as comments or marked up as such a posting."""
    shown = {n: chrome_text.casefold().count(n.casefold()) for n in names}
    if not any(shown.values()):
        return set()

    def area(el: etree._Element) -> bool:
        return bool(_COMMENTS.search(f"{el.get('class') or ''} {el.get('id') or ''}")) or _is_posting(el)

    candidates = _elements(tree, lambda el: _maybe_comments(el) or "itemtype" in el.attrib)
    # the parts not inside another one (each counted once)
    areas = [normalise_space(el.text_content()).casefold() for el in candidates
             if area(el) and (el.getparent() is None or not (_in_comments(el.getparent()) or _in_posting(el.getparent())))]
    return {n for n, count in shown.items() if count and sum(a.count(n.casefold()) for a in areas) >= count}


_LIST_BREAK = re.compile(rf"(,|[ \t]and)[ \t]*\n(?=[ \t]*[{_CAPITAL}])")


def _fuller_byline(chrome_text: str, names: list[str], key) -> list[str]:
    """A visible byline line that holds every chosen name and more ('Stefan Becket, Kathryn Watson,
    Grace Segers' where the metadata names only the first): all its names. The line must be nothing
    but names."""
    wanted = {key(n) for n in names}
    # (a name per block, the list's commas ending them: 'By' / 'Tariq Malik,' / 'Mike Wall' is one line)
    lines = _LIST_BREAK.sub(r"\1 ", chrome_text).split("\n")
    # only the first line that names them all: later ones are often teasers for other stories
    line = next((ln for ln in lines if len(ln) <= 160 and all(k in key(ln) for k in wanted)), "")
    body = re.sub(rf"{_DATE_TAIL}$", "", _BY_PREFIX.sub("", line))  # ('… | Published 3 hours ago')
    # (the parts: 'Rocío Latorre y José Miguel Wilson' is two)
    parts = [q for p in _AUTHOR_SPLIT.split(body) if p.strip(" .:-–—") for q in _and_parts(p)]
    found = split_authors(body)
    if len(found) > len(wanted) and len(found) == len(parts) and wanted <= {key(n) for n in found}:
        return found
    return []


def _site_initials(name: str, host_label: str, outlets: tuple[str, ...]) -> bool:
    """Whether a one-word name in capitals is the site's initials: 'IWB' on investmentwatchblog.com (the letters
    open the address's name and come in its order) or beside the outlet 'Investment Watch Blog'."""
    if not (2 <= len(name) <= 5 and name.isalpha() and name.isupper()):
        return False
    letters = name.casefold()
    if any("".join(w[0] for w in re.findall(r"[^\W\d_]+", o.casefold())) == letters for o in outlets):
        return True
    return host_label.startswith(letters[0]) and re.search(".*".join(letters[1:]), host_label[1:]) is not None


def _without_avatar(name: str, chrome_text: str) -> str:
    """The name without the letters of an avatar the page shows on the line before it ('Sm' / 'David Andres
    Calle Atehortua', read together as 'Sm David Andres Calle Atehortua')."""
    first, _, rest = name.partition(" ")
    if len(first) <= 2 and first.isalpha() and len(rest.split()) >= 2 \
            and re.search(rf"^[ \t]*{re.escape(first)}[ \t]*\n[ \t]*{re.escape(rest)}[ \t]*$", chrome_text, re.M):
        return rest
    return name


def _class_author(tree: etree._Element) -> list[str]:
    """The first element classed as an author's name ('<span class="author_single">') outside teasers."""
    classed = (el for el in tree.iter(etree.Element) if "author" in (el.get("class") or ""))
    for el in itertools.islice(classed, 200):
        if any(_AUTHOR_CLASS.search(c) for c in (el.get("class") or "").split()) and len(el) <= 3 and not _in_teaser(el) \
                and not _in_comments(el):
            names = split_authors(el.text_content())
            if names:
                return names
    return []


# a link to a writer's page, its last path segment the writer's name ('/author/jane-doe/', '/people/ann_lee')
_AUTHOR_HREF = re.compile(r"/(?:authors?|writers?|journalists?|reporters?|columnists?|contributors?|staff|people|"
                          r"profiles?|autor(?:en|in)?|auteurs?)/([^/?#]+)/?(?:[?#].*)?$", re.I)
_MAX_AUTHOR_LINKS = 2  # more names linked to writers' pages than a byline holds: a list of staff


def _href_author(tree: etree._Element) -> list[str]:
    """Names in links to their writer's page ('<a href="/author/jane-doe/">Jane Doe</a> | March 3'), when
    the link's address spells the name, the link stands apart from running text, and the page links to no
    more than a byline's worth of writers' pages (more is a list of staff or of other stories' writers)."""
    names: dict[str, None] = {}
    pages: set[str] = set()
    for el in tree.xpath('//a[@href]')[:2000]:
        m = _AUTHOR_HREF.search(el.get("href") or "")
        if not m or _in_comments(el):
            continue
        pages.add(m.group(1).casefold())
        text = normalise_space(el.text_content())
        found = split_authors(text) if 0 < len(text) <= _NAME_MARKUP_CHARS else []
        if len(found) != 1 or found[0] != text:
            continue
        slug = re.sub(r"[\W_]", "", _folded(unquote(m.group(1)).casefold()))
        if not any(k in slug for k in _owner_key(text)):
            continue  # ('/author/123', or a link whose address names someone else)
        parent = el.getparent()
        if parent is not None and len(re.findall(r"\b[a-z]{2,}\b", parent.text_content().replace(text, "", 1))) > 6:
            continue  # a name linked in a sentence of the text ('<a href="/topics/people/jane-doe">Jane Doe</a> said …')
        if _in_teaser(el) or any(a.tag == "footer" for a in el.iterancestors()):
            continue
        names[text] = None
    return list(names) if len(pages) <= _MAX_AUTHOR_LINKS else []


def _in_text_byline(ex: "Extracted") -> tuple[list[str], str]:
    """A byline the extractor left inside the main text: the first paragraph opening with
    'By Name:', one of the first paragraphs being only a byline ('Written by: Name', after a
    'Courtesy of …' line), or a last paragraph that is only '– Name' (a sign-off)."""
    paras = ex.paragraph_texts
    for para in paras[:2]:  # after a 'Posted: …' line at most
        if (m := _LEADING_BYLINE.match(para)) and (names := split_authors(m.group(1))):
            return names, "byline"
    for para in paras[:3]:
        if (m := _WHOLE_BYLINE.match(para)) and (names := split_authors(m.group(1))):
            return names, "byline"
    for i in range(max(len(paras) - 2, 0), len(paras)):
        # (not an item of a list set with dashes: '- Pabst FX Headache Fuzz' / '- One Control Sea Turquoise Delay')
        listed = any(0 <= j < len(paras) and paras[j][:1] in "-–—" for j in (i - 1, i + 1))
        if not listed and (m := _SIGN_OFF.match(paras[i])) and not _FOOTNOTE.search(paras[i]) \
                and (names := split_authors(m.group(1))):
            return names, "sign-off"
    return [], ""


def _letter_signatures(ex: Extracted) -> list[str]:
    """The writers on a letters-to-the-editor page: each letter ends with its writer's name on a line
    of its own, often with the town on the next line ('Ninfa Wood' / 'Walnut Creek') or after a comma
    ('— Jon Rego, Oakland')."""
    paras = ex.paragraph_texts
    names: list[str] = []
    for i, para in enumerate(paras[1:], start=1):
        m = _SIGNATURE.match(para)
        if not m or len(paras[i - 1].split()) < _MIN_LETTER_WORDS or not looks_like_name(m["name"]):
            continue
        after = paras[i + 1] if i + 1 < len(paras) else ""
        # the town on the next line, the town after a comma, or the end of the page: not a heading
        # running on to its next line ('Alameda County DA' / 'is coddling criminals')
        if "," in para or not after or _TOWN_LINE.match(after):
            names.append(m["name"])
    return list(dict.fromkeys(names))


def _language(tree: etree._Element, text: str) -> str | None:
    """The page's language: from the text itself when there is enough of it, else the markup."""
    if len(text) >= 200:
        import py3langid  # loaded lazily: its model takes ~0.7 s, paid once per process

        lang, _ = py3langid.classify(text[:1200])
        return lang
    declared = tree.get("lang") or _meta(tree, "og:locale", "content-language", "language")
    return declared.replace("_", "-").split("-")[0].lower() if declared else None


def warm_up() -> None:
    """Load what the first page would otherwise pay for: the language model and trafilatura's config."""
    import py3langid

    py3langid.classify("warm up")
    _trafilatura_config()


def _not_article_reason(url: str, ex: Extracted) -> str | None:
    parts = urlsplit(url)
    is_article_typed = ex.og_type == "article" or any(_types(o) & _ARTICLE_TYPES for o in ex.jsonld)
    if not ex.text.strip():
        return "no main text found on this page"
    if parts.path.strip("/") == "" and not is_article_typed:
        return "this looks like a home page, not an article"
    if _SEARCH_PATH.search(parts.path + ("?" + parts.query if parts.query else "")) and not is_article_typed:
        return "this looks like a search or listing page, not an article"
    if ex.word_count < MIN_ARTICLE_WORDS:
        return f"the main text is too short for an article ({ex.word_count} words)"
    return None


def _prose(container: etree._Element) -> list[str]:
    """The paragraphs of one part of an article body, without inset boxes, ads, figures and captions."""
    out = []
    for p in container.iter("p"):
        for anc in p.iterancestors():
            if anc is container:
                t = normalise_space(p.text_content())
                if t:
                    out.append(t)
                break
            if anc.tag in _NOT_PROSE_TAGS or _NOT_PROSE_CLASS.search(anc.get("class") or ""):
                break
    return out


def _same_slot(a: etree._Element, b: etree._Element) -> bool:
    pa, pb = a.getparent(), b.getparent()
    return (pa is not None and pb is not None and bool(pa.get("class"))
            and pa.tag == pb.tag and pa.get("class") == pb.get("class"))


def _continuation(tree: etree._Element, paragraphs: list[str]) -> list[str]:
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
    hit = next((p for p in reversed(tree.xpath("//p")) if normalise_space(p.text_content()).startswith(probe)), None)
    if hit is None:
        return []
    have = set(paragraphs)
    part = hit.getparent()
    for _ in range(_CONTINUATION_DEPTH):
        if part is None:
            return []
        cls = part.get("class")
        if cls and isinstance(part.tag, str) and _PLAIN_TAG.fullmatch(part.tag) \
                and _BODY_WORDS & set(_CLASS_WORD.split(cls.lower())):
            parts = tree.xpath(f"//{part.tag}[@class=$c]", c=cls)
            # parts of one body sit in look-alike slots (same parent kind), and the part found must
            # hold more of the article than the one paragraph looked for
            if (2 <= len(parts) <= _MAX_BODY_PARTS and all(_same_slot(x, part) for x in parts)
                    and sum(t in have for t in _prose(part)) >= 2):
                break
        part = part.getparent()
    else:
        return []
    later, seen_part, wanted = [], False, set(parts)
    for el in tree.iter():
        if el is part:
            seen_part = True
        elif seen_part and el in wanted and part not in el.iterancestors() and el not in part.iterancestors():
            later.append(el)
    extra = []
    for el in later:
        for t in _prose(el):
            if t not in have:
                extra.append(t)
                have.add(t)
    return extra


# a credit for other work than the writing, before a name on its line ('Editing by Ann Lee', 'Photo: Ann Lee/Reuters',
# 'Additional reporting by Ann Lee'), and the byline labels that would end it ('Photos by Tom Roe, words by Ann Lee')
_CREDIT_LABEL = re.compile(r"\b(?i:(?:additional|further)\s+reporting\s+by|(?:copy\s*)?edit(?:ed|ing)\s+by|"
                           r"photo(?:graph)?s?(?:graphy)?\s*(?:by\b|:|/)|images?\s*(?:by\b|:)|credits?\s*:|"
                           r"(?:illustrations?|video|graphics?|design(?:ed)?|produced|translated|compiled|research(?:ed)?)\s+by|"
                           # (a press release's contact, a desk's editor: 'Media contact: Ann Lee', 'Editor: Ann Lee')
                           r"(?:(?:media|press)\s+)?contacts?\s*:|(?:editor|producer|photographer|illustrator)s?\s*:)")
_WRITER_LABEL = re.compile(r"\b(?:By|BY|(?i:written|words|story|text|reported|posted|published)\s+by)\b")
# after a name: the credit of a photograph ('Ann Lee/Reuters') or of help ('Ann Lee contributed reporting')
_CREDIT_AFTER = re.compile(r"\s*/\s*[A-Z]|\s+(?i:contributed|also\s+contributed)\b")


def _credited_only(name: str, text: str) -> bool:
    """Whether the page shows a name only as a credit for other work than the writing: an editor, a photographer,
    additional reporting ('Editing by Ann Lee', 'Photo: Ann Lee/Reuters', 'Ann Lee contributed reporting')."""
    pattern = r"\s+".join(map(re.escape, name.split()))
    found = list(re.finditer(rf"(?<!\w){pattern}(?!\w)", text, re.I))
    if not found or len(found) > 20:
        return False
    for m in found:
        line = text[max(text.rfind("\n", 0, m.start()) + 1, m.start() - 80): m.start()]
        credit = max((c.end() for c in _CREDIT_LABEL.finditer(line)), default=-1)
        writer = max((w.end() for w in _WRITER_LABEL.finditer(line)), default=-1)
        if (credit < 0 or writer > credit) and not _CREDIT_AFTER.match(text, m.end()):
            return False
    return True


# the holder in a copyright line ('© 2019 Condé Nast', 'Copyright (c) 2012- Gregory Szorc')
_COPYRIGHT = re.compile(r"(?:©|\(c\)|Copyright)\s*(?:(?:©|\(c\))\s*)?(?:\d{4}(?:\s*[-–]\s*(?:\d{4})?)?\s*,?\s*)?([A-Z][^\n.,|;]{1,60})")
_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "oe", "å": "aa"})


def _as_shown(name: str, text: str) -> str:
    """The page's spelling of a name the metadata wrote plainly: with its accents ('Gàbor Muniér' for 'Gabor
    Munier'), or a user name as the page writes it in words ('Arian Schlichenmayer' for 'Arianschlichenmayer')."""
    if not name.isascii() or re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text):
        return name
    one_word = " " not in name
    if one_word and len(name) < 8:
        return name

    def letter(c: str) -> str:
        return r"\s+" if c == " " else _ACCENTED.get(c.casefold(), re.escape(c))

    pattern = (r"[ \t]?" if one_word else "").join(letter(c) for c in name)
    m = re.search(rf"(?<!\w){pattern}(?!\w)", text, re.I)
    if not m:
        return name
    shown = normalise_space(m.group(0))
    if one_word:  # (shown in words that read as a name)
        return shown if " " in shown and looks_like_name(shown) else name
    return shown if _folded(shown) == name else name  # (with the metadata's capitals)


def _full_name(name: str, text: str) -> str:
    """A first name alone (a blog's account: 'Nils') as the page writes it in full, where that is one name
    only: at the start of a line ('Stefanus Stahl - Maschinenbauer, …') or after a byline's label ('Eine Kolumne
    von Nils Pickert'), and not followed by another word ('Robert Ich bin …', 'Regan September 2014')."""
    if " " in name or len(name) < 3 or not name[:1].isupper() or not name[1:].islower():
        return name
    found = {normalise_space(m.group(1)) for m in re.finditer(
        rf"(?:^|\b(?:[Bb]y|[Vv]on|[Pp]ar|[Pp]or)[ \t]+)({re.escape(name)}[ \t]+[{_CAPITAL}][\w'’-]+)(?![ \t]*[{_CAPITAL}\w])",
        text, re.M)}
    return found.pop() if len(found) == 1 and looks_like_name(next(iter(found))) else name


# each letter and its accented forms, for finding 'Gàbor Muniér' by 'Gabor Munier'
_ACCENTED = {
    base: "[" + base + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.islower()
                                and unicodedata.normalize("NFKD", c)[0] == base) + "]"
    for base in "abcdefghijklmnopqrstuvwxyz"
}


def _owner_key(name: str) -> set[str]:
    """How a personal name is written in a web address: 'Günter Pilger' -> {'gunterpilger', 'guenterpilger'}."""
    letters = re.sub(r"[\W_]", "", name.casefold())
    return {_folded(letters), _folded(letters.translate(_TRANSLITERATION))}


def _folded(text: str) -> str:
    """Text without its accents ('Gàbor Muniér' -> 'Gabor Munier')."""
    if text.isascii():
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


_LONE_SEPARATOR = re.compile(r"\n(,|and|&)\n")


def _chrome(tree: etree._Element) -> tuple[str, list[tuple[str, str]]]:
    """Visible text (one line per block) and links of the whole page, for footers such as
    'The original source of this article is …' and bylines. It edits the tree's tails."""
    for bad in tree.xpath("//script | //style | //template"):
        if bad.getparent() is not None:
            bad.drop_tree()
    for fallback in tree.xpath("//noscript"):
        if fallback.getparent() is not None:
            fallback.drop_tag()  # (what a page shows without scripts: on some blogs, the only byline)
    for block in tree.iter(*_BLOCK_TAGS):
        block.tail = "\n" + (block.tail or "")
    # (most lines are empty, one per block: skip them before normalising)
    text = "\n".join(normalise_space(x) for x in tree.text_content().split("\n") if x and not x.isspace())
    # a comma or 'and' alone between two blocks joins them ('Matthew Digby' / ',' / 'Minh Do' in a byline)
    text = _LONE_SEPARATOR.sub(lambda m: ", " if m[1] == "," else f" {m[1]} ", text)
    links = []
    for a in tree.xpath("//a[@href]")[:5000]:
        label = normalise_space(a.text_content())
        if label:
            links.append((label, a.get("href")))
    return text, links


def extract(url: str, html: str, *, max_chars: int) -> Extracted:
    """Run the extract stage on one decoded page."""
    html = clean_input(html, max_chars)
    ex = Extracted(url=url)
    # one parse for trafilatura and for us: its own loader (it works on a copy of the tree it is given)
    shared = _load_for_trafilatura(html) if html.strip() else None
    tree = shared if shared is not None else (_parse_tree(html) if html.strip() else None)
    if tree is None:
        ex.not_article_reason = "the page is empty or is not HTML"
        return ex

    ex.jsonld = _jsonld_objects(tree)
    ex.og_type = (_meta(tree, "og:type") or "").lower() or None
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    ex.canonical_url = (canonical[0].strip() if canonical else None) or _meta(tree, "og:url")

    doc = trafilatura.bare_extraction(
        shared if shared is not None else html, url=url, with_metadata=True, include_comments=False,
        include_tables=False, fast=True, config=_trafilatura_config(),
    )
    meta = doc.as_dict() if doc is not None else {}
    _read_publisher(ex, tree, meta)
    page_title = normalise_space(meta.get("title") or "") or _meta(tree, "og:title") or None
    ex.title = _headline(tree, page_title, ex) or None
    ex.published = meta.get("date") or None

    paragraphs = [normalise_space(p) for p in (meta.get("text") or "").split("\n")]
    paragraphs = [p for p in paragraphs if p]
    if paragraphs and paragraphs[0] in {ex.title, page_title}:
        paragraphs = paragraphs[1:]  # trafilatura repeats the headline as the first line
    paragraphs += _continuation(tree, paragraphs)
    offset = 0
    for p in paragraphs:
        ex.paragraphs.append((offset, offset + len(p)))
        offset += len(p) + len(PARAGRAPH_SEPARATOR)
    ex.text = PARAGRAPH_SEPARATOR.join(paragraphs)

    ex.chrome_text, ex.links = _chrome(tree)  # adds line breaks to tails: harmless for what follows
    _read_authors(ex, tree, meta)
    if not ex.authors and _LETTERS_PAGE.search(f"{ex.title or ''} {urlsplit(url).path}"):
        ex.authors = [(name, "letter-signature") for name in _letter_signatures(ex)]
    ex.language = _language(tree, ex.text)
    ex.not_article_reason = _not_article_reason(url, ex)
    ex.is_article = ex.not_article_reason is None
    return ex


# ' | Site', ' - Site', ' – Site' after a headline in <title> and og:title
_TITLE_SEPARATOR = re.compile(r"\s+(?:[|\-–—•·»:]{1,2})\s+")
# a separator with nothing after it ('National Rail Enquiries -'); not a closing guillemet, which French sets off with a
# space ('« Les privatisations … des usagers »')
_DANGLING_SEPARATOR = re.compile(r"\s+[|\-–—•·:]{1,2}\s*$")


def _title_key(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.replace("&#8216;", "'").replace("&#8217;", "'")).casefold().strip()


def _links_home(h: etree._Element, text: str, url: str) -> bool:
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


def _headline(tree: etree._Element, title: str | None, ex: Extracted) -> str | None:
    """The article's headline as the page shows it: the page title without the site's name
    ('Headline | The Japan Times' -> 'Headline'), or the page's <h1> when the structured data
    agrees with it or the page title is a shorter variant for sharing."""
    if title:
        title = _DANGLING_SEPARATOR.sub("", title) or None  # ('National Rail Enquiries -': nothing after it)
    headings = [(h, text) for h in tree.xpath("//h1")[:5] if (text := normalise_space(h.text_content()))]
    # (an <h1> that is only a link to the home page is the site's name, as old blog themes set it: 'Four Years Remaining')
    home_h1s = {text for h, text in headings if _links_home(h, text, ex.url)}
    h1s = [text for _, text in headings if text not in home_h1s]
    if title in home_h1s:  # (trafilatura took that <h1> for the title: the page's own <title> says more)
        title = _DANGLING_SEPARATOR.sub("", normalise_space(tree.findtext(".//title") or "")) or title
    ld = [normalise_space(str(o["headline"])) for o in ex.jsonld if _types(o) & _ARTICLE_TYPES and o.get("headline")]
    keys = {_title_key(h): h for h in h1s}
    # the structured data's headline is one of the page's <h1>s: that is the headline shown
    for headline in ld:
        if _title_key(headline) in keys:
            return keys[_title_key(headline)]
    if not title:
        return h1s[0] if len(h1s) == 1 else None
    # 'Headline - Site' where 'Headline' is an <h1>, or the part after the last separator names the site
    # (not a site name trafilatura guessed: it takes it from the page title itself)
    site_name = ex.site_name if ex.site_name_source != "trafilatura" else None
    site_keys = {k for k in (_title_key(site_name or ""), _title_key(ex.publisher or ""),
                             _title_key(urlsplit(ex.url).hostname or "").removeprefix("www "), *map(_title_key, home_h1s)) if k}
    site_keys = {k.replace(" ", "") for k in site_keys}
    for sep in _TITLE_SEPARATOR.finditer(title):
        head, rest = title[: sep.start()].strip(), title[sep.end():]
        tail = _title_key(rest).replace(" ", "")
        if _title_key(head) in keys:
            return keys[_title_key(head)]
        if _title_key(rest) in keys:  # 'Local News | Headline': a section name before the headline
            return keys[_title_key(rest)]
        if len(tail) >= 3 and any(tail in k or k in tail for k in site_keys):
            return head
    # an article page whose only <h1> is a fuller headline than the sharing title
    if len(h1s) == 1 and len(h1s[0].split()) >= 4 and _title_key(title) not in _title_key(h1s[0]) and (
            ex.og_type == "article" or any(_types(o) & _ARTICLE_TYPES for o in ex.jsonld)):
        return h1s[0]
    # the site's name first ('INDUSTRIEMAGAZIN | Headline - with a dash'), then maybe a section set off by the same mark
    # ('Four Years Remaining » Blog Archive » Headline'): the headline is what follows
    first = _TITLE_SEPARATOR.search(title)
    if first and _title_key(title[: first.start()]).replace(" ", "") in site_keys:
        rest = title[first.end():]
        same = [m for m in _TITLE_SEPARATOR.finditer(rest) if m.group().strip() == first.group().strip()]
        rest = rest[same[-1].end():] if same else rest
        if len(rest.split()) >= 3:
            return rest.strip()
    return title


_OFFICIAL_SITE = re.compile(rf"(?i:official\s+(?:web\s*)?site\s+of)\s+({_NAME})")


def _publishers(ex: Extracted) -> list[object]:
    """Every JSON-LD publisher value on the page, lists flattened."""
    return [p for o in ex.jsonld for p in (o.get("publisher") if isinstance(o.get("publisher"), list) else [o.get("publisher")])
            if p is not None]


def _read_publisher(ex: Extracted, tree: etree._Element, meta: dict) -> None:
    og_site = _meta(tree, "og:site_name", "application-name")
    # (an organisation before a person: a site may name both its company and its owner)
    ld_pub = next((n for p in sorted(_publishers(ex), key=lambda p: isinstance(p, dict) and "person" in _types(p))
                   for n in _names(p)), None)
    if og_site:
        ex.site_name, ex.site_name_source = og_site, "og:site_name"
    elif ld_pub:
        ex.site_name, ex.site_name_source = normalise_space(ld_pub), "json-ld"
    elif meta.get("sitename"):
        ex.site_name, ex.site_name_source = normalise_space(meta["sitename"]), "trafilatura"
    ex.publisher = normalise_space(ld_pub) if ld_pub else None


def _read_authors(ex: Extracted, tree: etree._Element, meta: dict) -> None:
    """Authors, in order of trust: trafilatura's, then JSON-LD, then meta; labelled by where they appear."""
    byline, teaser_only = _byline_names(tree)

    def key(name: str) -> str:
        return re.sub(r"[\W_]", "", name).casefold()  # 'J.O. Haselhoef' == 'J O Haselhoef

    # a publisher that is a person is a personal site's owner ('Helge Fahrnberger' on helge.at): their
    # name is theirs even where it is also the site's
    owners = {key(n) for p in _publishers(ex) if isinstance(p, dict) and "person" in _types(p)
              for n in _names(p) if looks_like_name(n)}
    # so is a site that names itself after a person and calls itself their official website ('Pamela Anderson':
    # 'The Official Website of Pamela Anderson')
    said = " ".join([_meta(tree, "description", "og:description") or "", tree.findtext(".//title") or ""]
                    + [str(o.get("description") or "") for o in ex.jsonld if "website" in _types(o)])
    owners |= {key(m.group(1)) for m in _OFFICIAL_SITE.finditer(said) if looks_like_name(m.group(1))
               and key(m.group(1)) in {key(n) for n in (ex.site_name, ex.publisher) if n}}
    outlets = tuple(n for n in (ex.site_name, ex.publisher) if n and key(n) not in owners)

    def names_in(objects: list[dict]) -> list[str]:
        # (a JSON-LD author typed Person may go by one name: 'Kay' on a food blog)
        return [n for o in objects for a in _person_names(o.get("author"))
                for n in split_authors(given_first(a), outlet_names=outlets,
                                       min_words=1 if _typed_person(o.get("author"), a) else 2)]

    # several article objects, some of them this page's: the others describe teasers for other stories, and
    # their authors are not this article's (trafilatura reads them all: 'Glory Global Solutions Germany',
    # an advertiser, beside the page's own 'Lebensmittel Praxis')
    articles = [o for o in ex.jsonld if _types(o) & _ARTICLE_TYPES]
    own = _this_article(ex, articles) if len(articles) > 1 else []
    others_only: set[str] = set()
    if own and len(own) < len(articles):
        own_ids = {id(o) for o in own}
        others_only = {key(n) for n in names_in([o for o in articles if id(o) not in own_ids])}
        others_only -= {key(n) for n in names_in(own)}
        articles = own
    ld = names_in(articles) or names_in([o for o in ex.jsonld if _types(o) & _AUTHORED_TYPES])
    meta_raw = given_first(_meta(tree, "author", "article:author", "parsely-author", "sailthru.author") or "")
    meta_author = split_authors(meta_raw, outlet_names=outlets)
    # trafilatura has already weighed the page's metadata: its one-word names are kept ('Kay' on a food blog)
    traf_parts = (meta.get("author") or "").split(";")
    if len(traf_parts) == 2 and (flipped := given_first(", ".join(p.strip() for p in traf_parts))) in ld + meta_author:
        traf_parts = [flipped]  # ('Doe; Jane': trafilatura split a name written surname first)
    traf = [n for part in traf_parts for n in split_authors(part, outlet_names=outlets, min_words=1)]
    if any(_ENTITY_PIECE.search(part) for part in traf_parts):
        traf = []  # trafilatura split a name at an HTML entity the page left escaped ('Redacci; Oacute')
    traf = [n for n in traf if key(n) not in others_only]
    # 'Victor Tangermann; Futurism': the one word is a credit; so is 'Bildung' in 'Eidgenössisches Departement für
    # Wirtschaft; Bildung; Forschung WBF', a ministry's name split at its commas, whose other parts are no names
    if any(len(part.split()) > 1 for part in traf_parts):
        traf = [n for n in traf if len(n.split()) > 1]

    def as_written(name: str) -> tuple[str, str]:
        """The page's own spelling of a name ('Trevor J. Mitchell', not 'Trevor J Mitchell') and where it stood."""
        for label, names in (("byline", byline), ("json-ld", ld), ("meta", meta_author)):
            for n in names:
                if key(n) == key(name):
                    return n, label
        for label, names in (("byline", byline), ("json-ld", ld), ("meta", meta_author)):
            for n in names:  # 'Finian Cunningham Sputnik International' where the page says 'Finian Cunningham. Sputnik …'
                if len(key(n)) < 6 or n == name:
                    continue
                if len(n) > len(name) and key(n).startswith(key(name)) and not n[len(name):len(name) + 1].isspace():
                    return n, label  # trafilatura cut the name short ('Lindsey O' -> "Lindsey O'Donnell")
                if len(n) < len(name) and name.casefold().startswith(n.casefold() + " "):
                    return n, label  # 'Finian Cunningham Sputnik International' -> 'Finian Cunningham'
        return name, "trafilatura"

    def with_periods(name: str) -> str:
        """The page's own spelling, with the periods of initials that metadata drops ('Trevor J. Mitchell')."""
        if not re.search(r"\b[A-Z]\b(?!\.)", name):
            return name
        pattern = r"\s+".join(re.escape(w) + (r"\.?" if len(w) == 1 and w.isupper() else "") for w in name.split())
        m = re.search(rf"(?<!\w){pattern}(?!\w)", ex.chrome_text)
        return m.group(0) if m else name

    org_names = {key(n) for o in ex.jsonld if _types(o) & _ORG_TYPES for n in _names(o)}
    org_names |= {key(n) for o in ex.jsonld for n in _names(o.get("publisher"))}
    org_names -= owners
    # the copyright holder in the footer is the publisher ('© 2019 Condé Nast'), not an author, unless the
    # page's byline markup names them too (a personal blog: '© Regan' and 'by Regan'); only applied when
    # another author remains (a personal site's only name is its owner: '© Jürgen Heitmann')
    in_byline = {key(b) for b in byline}
    holders: set[str] = set()
    for m in _COPYRIGHT.finditer(ex.chrome_text):
        holders |= {key(n) for n in split_authors(m.group(1), min_words=1)} | {key(m.group(1).strip())}
    holders |= owners  # (the owner of a site is its publisher too, and may publish others' pieces)
    holders -= in_byline
    if _WEB_ADDRESS.search(meta_raw):  # 'Deutsche Welle (www.dw.com)': an organisation signs with its address
        org_names |= {key(n) for n in split_authors(_WEB_ADDRESS.sub(" ", meta_raw), min_words=1)}
    vouched = {key(n) for n in ld + meta_author + byline}
    # a name found only in the bylines of teasers for other stories is not this article's author
    teasers = {key(n) for n in teaser_only} - vouched

    site_words = {w.casefold() for n in outlets for w in re.findall(r"[A-Za-z]{3,}", n)} - {"the", "news"}
    site_names = [n.casefold() for n in outlets]

    def desk(name: str) -> bool:
        """'Telegraph Sport', 'Beachbody': a byline that opens with the outlet's own name is a desk's,
        unless the site is that person's own ('Daniel Lemire' on "Daniel Lemire's blog")."""
        if key(name) in owners or any(re.search(rf"\b{re.escape(name.casefold())}['’]s\b", n) for n in site_names):
            return False
        return name.split()[0].casefold() in site_words

    host = (urlsplit(ex.url).hostname or "").casefold()
    host_key = re.sub(r"[\W_]", "", host.removeprefix("www."))
    host_label = host.removeprefix("www.").split(".")[0]

    def usable(names: list[str]) -> list[str]:
        # (a name that is the site's own address, 'Practical Horseman' on practicalhorsemanmag.com, is the outlet)
        return [n for n in names if key(n) not in org_names and key(n) not in teasers and not desk(n)
                and not (len(key(n)) >= 6 and key(n) in host_key and key(n) not in owners)
                and not _site_initials(n, host_label, outlets)]

    # trafilatura joins the article's JSON-LD authors and the <meta name="author">: when the meta tag names none of
    # the people the JSON-LD lists, its name is the publisher's account ('Condé Nast' beside 'Fiona Bornhöft'); when
    # it names them and more, the others are co-authors ('April Roach' in both, "Daniel O'Mahony" in the meta tag)
    meta_keys, ld_keys = {key(n) for n in meta_author}, {key(n) for n in ld}
    if ld and meta_keys and not meta_keys & ld_keys:
        kept = ld_keys | {key(b) for b in byline}
        traf = [n for n in traf if key(n) in kept or key(n) not in meta_keys]
    # (trafilatura may take a name from the readers' comments: not when the page shows it nowhere else)
    in_comments = _only_in_comments(tree, ex.chrome_text, traf) if traf else set()
    traf = [n for n in traf if n not in in_comments]
    chosen = usable(traf or ld or meta_author or byline)
    visible = _folded(key(ex.chrome_text))

    @functools.cache
    def folded_chrome() -> str:
        return _folded(ex.chrome_text.casefold())

    def with_middle(name: str) -> str | None:
        """The page's spelling of a name with middle names or initials the metadata left out
        ('Christian P. Stadtfeld' for 'Christian Stadtfeld')."""
        words = name.split()
        if len(words) < 2:
            return None
        m = re.search(rf"(?<!\w){re.escape(words[0])}\s+(?:[{_CAPITAL}][\w'’-]*\.?\s+){{1,2}}{re.escape(words[-1])}(?!\w)",
                      ex.chrome_text)
        return normalise_space(m.group(0)) if m else None

    @functools.cache
    def shown(name: str) -> bool:
        """Whether the page shows the name, with or without its accents and middle names."""
        words = name.split()
        if len(words) == 1:
            # not as the letters of a handle: 'Rmb' is trafilatura's reading of 'rmb8090', which the page shows
            letters = r"[\W_]*".join(map(re.escape, _folded(key(name))))
            return bool(letters) and re.search(rf"(?<!\d){letters}(?!\d)", folded_chrome()) is not None
        if _credited_only(name, ex.chrome_text):
            return False  # (the page shows them only as its editor or photographer)
        return (_folded(key(name)) in visible or _folded(key(words[0] + words[-1])) in visible
                or with_middle(name) is not None)

    fallback, institutional = None, False
    if any(shown(n) for n in chosen):
        # names the page shows win over names only its metadata holds (the account that posted it)
        chosen = [n if _folded(key(n)) in visible else with_middle(n) or n for n in chosen if shown(n)]
        fuller = _fuller_byline(ex.chrome_text, chosen, key)
        if fuller:
            chosen, fallback = usable(fuller) or chosen, "byline"
        # the byline under the headline names other people than the metadata: the visible byline wins (the
        # metadata may name who contributed reporting or who posted it)
        headed = usable(_headline_byline(ex)) if not byline else []
        if headed and not {key(n) for n in headed} & {key(n) for n in chosen}:
            chosen, fallback = headed, "byline"
        # the byline under the headline is an agency's or the newsroom's, and the metadata's names are not in it
        # ('By The Associated Press' on a page whose metadata names the producer who posted it): nobody
        elif not byline and _institutional_byline(under := _under_headline(ex), outlets) \
                and not any(key(n) in key(under) for n in chosen):
            chosen, institutional = [], True
    elif chosen:
        # none of the metadata's names is on the page: a byline the page does show wins (only strong
        # evidence: the article's own opening 'By X:' or sign-off, or an element classed as the author;
        # a lone 'By …' line may be a programme's title, 'By Any Means Necessary')
        # Otherwise nobody: a name the page never shows is the account that posted it, the site's
        # owner or a newsroom's login far more often than the article's author (on trafilatura's
        # evaluation corpus, 49 of 50 such names were not the author its annotators recorded).
        on_page, how = _in_text_byline(ex)
        on_page = usable(on_page or _class_author(tree))
        chosen, fallback = on_page, how or "byline"
    if not chosen and not institutional:  # no metadata: a byline the page only shows as text
        chosen, fallback = _in_text_byline(ex)
        chosen = usable(chosen)
    if not chosen and not institutional:
        chosen, fallback = usable(_byline_line(ex.chrome_text) or _headline_byline(ex) or _class_author(tree)
                                  or _href_author(tree)), "byline"
    if not chosen and not institutional:
        # a personal site named after its owner ('gregoryszorc.com', 'guenter-pilger.de'): the owner, named by
        # the metadata or the copyright line, wrote what it publishes
        # (a name only the copyright line gives must also be in the page's <title>: 'Gregory Szorc's Digital Home',
        # '… | Wolfgang Michal'; '© 2022 Petri Heil' on a fishing magazine's site is not enough)
        title = (tree.findtext(".//title") or "").casefold()
        copyright_names = [n for m in _COPYRIGHT.finditer(ex.chrome_text) for n in split_authors(m.group(1))
                           if n.casefold() in title]
        labels = {re.sub(r"[\W_]", "", label) for label in host.split(".")[:-1]}
        outlet_keys = {k for n in (ex.site_name, ex.publisher) if n for k in _owner_key(n)} | org_names
        chosen = [n for n in dict.fromkeys(traf + ld + meta_author + copyright_names)
                  if _owner_key(n) & labels and not _owner_key(n) & outlet_keys and looks_like_name(n)
                  and n.split()[0].casefold() not in _ARTICLES][:1]
        fallback = "site-owner"
    others = [n for n in usable(byline) if key(n) not in holders]
    # 'Amelie Marie Nishizawa Tokyo-based French' beside 'Amelie Marie Nishizawa': the longer one is a bio's start
    chosen = [n for n in chosen if not any(o != n and n.startswith(o + " ") for o in chosen)]
    # a label before the name the byline shows ('FOCUS-Online-Experte Robin Tschöpe' for 'Robin Tschöpe')
    chosen = [next((b for b in byline if n.endswith(" " + b)), n) for n in chosen]
    if any(key(n) not in holders for n in chosen):
        chosen = [n for n in chosen if key(n) not in holders]
    elif chosen and others:
        chosen, fallback = others, "byline"  # the metadata names only the publisher; the byline names people
    seen: set[str] = set()
    for name in chosen:
        name, source = as_written(name)
        name = _without_avatar(_full_name(_as_shown(with_periods(name), ex.chrome_text), ex.chrome_text), ex.chrome_text)
        if fallback is not None and source == "trafilatura":
            source = fallback
        if key(name) not in seen:
            seen.add(key(name))
            ex.authors.append((name, source))
