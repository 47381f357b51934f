"""Reading personal names out of a byline's text: 'By Jane Doe and JOHN ROE, Reuters' -> ['Jane Doe', 'John Roe'].

The labels, separators and newsroom words are declared patterns and lexicon lists (lexicon/en/extract-bylines.toml);
what is a plausible personal name is :func:`looks_like_name`."""

from __future__ import annotations

import re

from ... import budget, lexicon
from ..rules import declare, declare_function
from ..text import normalise_space
from .grammar import CAPITAL

# academic and professional letters after a name ('Grant Tinsley, PhD', 'Mark Tedeschi, QC'): not a second author,
# and not a role (the people stage uses them too; the list is shared, lexicon/en/names.toml)
CREDENTIALS = lexicon.words("credentials")
GROUP_WORDS = lexicon.words("byline_group_words")
FUNCTION_WORDS = lexicon.words("byline_function_words")
DATE_WORDS = lexicon.words("byline_date_words")
NOT_NAMES = lexicon.words("byline_not_names")
DESK_WORDS = lexicon.words("byline_desk_words")
ORG_WORDS = lexicon.words("byline_org_last_words")
ORG_FIRST_WORDS = lexicon.words("byline_org_first_words")
PARTICLES = lexicon.words("byline_name_particles")
ARTICLES = lexicon.words("byline_title_articles")
ROMANCE_ARTICLES = lexicon.words("byline_romance_articles")
TITLE_OPENERS = lexicon.words("byline_title_openers")
MAX_NAME_WORD_CHARS = 40  # ('Wolfeschlegelsteinhausenbergerdorff' has 35 letters)
BEAT_WORDS = lexicon.words("byline_beat_words")
ROLE_NOUNS = lexicon.words("byline_role_nouns")


def _alternatives(list_name: str) -> str:
    """A lexicon list as a regex alternation, in the list's order."""
    return "|".join(map(re.escape, lexicon.entry(list_name).ordered))


BY_PREFIX = declare(
    "byline.label", "The label before a byline's names, in English and other languages ('By', 'Written by', 'Von', 'Por', 'Autor/in:', 'Text:').",
    r"^\s*(?:(?:view\s+)?(?:all\s+)?(?:posts|articles|stories)\s+|written\s+|posted\s+|story\s+|words\s+|"
    r"(?:news\s+)?analysis\s+|opinion\s+|commentary\s+|perspective\s+|column\s+|essay\s+|"
    r"interview(?:ed)?\s+|compiled\s+|reported\s+|text\s+)?by[:\s]+|"
    # the same label in other languages ('Von Tobias Kuske', 'Por Alberto Ávila', 'Autor/in: …'),
    # 'Von' only before two more words (a name may begin with it: 'Von Miller'); 'vom' ('from the') before any name, as no
    # name begins with it ('vom Krimiblogger')
    r"^\s*(?:(?:eingestellt|geschrieben|verfasst)\s+von|escrito\s+por|publi[ée]\s+par|"
    rf"(?:von|vom|por|par|door)(?=\s+(?-i:[{CAPITAL}])\S*\s+\S)|vom(?=\s+(?-i:[{CAPITAL}])))\s+|"
    r"^\s*(?:autor(?:/in|in)?|auteur|autore)(?:\s*:\s*|\s+)|"
    # 'Text: Venera Erofeeva' ('Текст:'), 'Words: …': the credit for the text (without its colon, as
    # trafilatura gives it, only before two more words)
    r"^\s*(?:text|texte|texto|testo|tekst|текст|words)(?:\s*:\s*|\s+(?=\S+\s+\S))|"
    # the kind of piece alone before two more words ('Interview Julia Lauter')
    r"^\s*interview\s*:?\s+(?=\S+\s+\S)", re.I,
    fires_on=["By Jane Doe", "Von Tobias Kuske", "Autor/in: Korinna Hennig", "Текст Венера Ерофеева", "Vom Krimiblogger"],
    never_on=["Byron Smith", "Von Miller", "Text Smith", "Ernst vom Rath"])
# 'Posted on September 21, 2020 by' before the name
DATED_BY = declare(
    "byline.dated-label", "A date between the label and 'by' ('Posted on September 21, 2020 by').",
    r"^\s*(?:posted|published|updated|written)\s+on\s+[\w ,./-]{4,30}?\s+by\s+", re.I,
    fires_on=["Posted on September 21, 2020 by Adi Tzlil"], never_on=["Posted by Adi Tzlil"])
# a label run into the name by markup without a space ('AuthorAndreas Kalt')
GLUED_LABEL = declare(
    "byline.glued-label", "A label run into the name by markup without a space ('AuthorAndreas Kalt', 'ByJ.R. Stone').",
    r"^(?:Author|Written by|Posted by|By)(?=[A-Z][a-z.])", fires_on=["AuthorAndreas Kalt", "ByJ.R. Stone"], never_on=["Byron Smith"])
AUTHOR_SPLIT = declare(
    "byline.list-separator", "What separates the names of a list of co-authors: ';', '|', ',', 'and', '&', 'with', a sentence's end.",
    r"\s*(?:;|\||,|\band\b|&|\s+with\s+|(?<=[a-z]{2})\.\s+(?=[A-Z]))\s*", re.I,
    fires_on=["Jane Doe and John Roe", "Doe; Roe"], never_on=["Alexandra Anderson"])
# an occupation written before a name, as titles are ('Rechtsanwalt Sebastian Einbock', 'Pfarrerin Anna Roth')
OCCUPATION = declare(
    "byline.occupation-before-name", "A German occupation written before a name as a title is ('Rechtsanwalt Sebastian Einbock').",
    r"^(?:(?:Rechts|Fach|Patent)anw[aä]lt(?:in)?|Notar(?:in)?|Steuerberater(?:in)?|Pfarrer(?:in)?)\s+(?=\S+\s+\S)",
    fires_on=["Rechtsanwalt Sebastian Einbock", "Pfarrerin Anna Roth"], never_on=["Rechtsanwalt Einbock"])
# 'and' in other languages ('Benjamin Fischer und Marcus Theurer'): only between two names, as German
# capitalises every noun ('Fotograf aus Hamburg und Gründer von …') and 'e.V.' ends a club's name
FOREIGN_AND = declare(
    "byline.foreign-and", "'and' in German, French, Spanish, Portuguese and Italian between two names ('und', 'et', 'y', 'e').",
    r"\s(?:und|et|y|e)\s", fires_on=["Benjamin Fischer und Marcus Theurer"], never_on=["Jean-Yves Le Drian"])
AUTHOR_SPLIT_KEEP = re.compile(f"({AUTHOR_SPLIT.pattern})", re.I)  # (the separators kept)
AUTHOR_NOISE = declare(
    "byline.noise-word", "A word no personal name holds in a byline (a newsroom role, an agency, a credit; the list byline_noise_words), or a digit.",
    rf"\b(?:{_alternatives('byline_noise_words')})\b|\d", re.I,
    fires_on=["Tom Gillespie News reporter", "Reuters Staff", "Updated 3 hours ago"], never_on=["Jane Doe", "Newsom Edwards"])
# A wire agency named after a person's name in a byline ('JILL LAWLESS Associated Press') ends the name.
AGENCY_SUFFIX = declare(
    "byline.agency-after-name", "A wire agency named after a person's name ends the name ('JILL LAWLESS Associated Press').",
    rf"\s+(?:the\s+)?(?:{_alternatives('byline_agencies_after_name')})\s*$", re.I,
    fires_on=["JILL LAWLESS Associated Press", "Ann Lee, Reuters"], never_on=["Ann Lee", "Associated Press"])
# characters no name has
NOT_IN_NAMES = declare(
    "byline.not-in-names", "Characters no personal name has, or an address's dot between letters ('maria.carrasquilla').",
    r"[:/\\()\[\]{}<>=+*#@|!?]|[a-z]\.[a-z]", fires_on=["Fotos: EL HERALDO/", "maria.carrasquilla"], never_on=["J.R. Stone", "Ann-Marie O'Neil"])


def _twice(text: str) -> str | None:
    """The shortest X such that ``text`` is X, whitespace, X (what ``^(.+?)\\s*\\1$`` finds, X without a line break),
    in linear time: the regular expression's backreference makes it quadratic on a 100,000-character word."""
    if text.endswith("\n"):
        text = text[:-1]  # ('$' matches before a final line break)
    n = len(text)
    if n < 2:
        return None
    # the part between the two copies lies around the middle and is all whitespace: from the middle outwards
    k = n // 2
    if n % 2 and not text[k].isspace():
        return None
    lengths = [k]
    while k > 1 and text[k - 1].isspace() and text[n - k].isspace():
        k -= 1
        lengths.append(k)
    for k in reversed(lengths):  # (the shortest first, as the lazy group finds it)
        first = text[:k]
        if "\n" not in first and text[n - k:] == first:
            return first
    return None


# the same name twice, with or without a space between ('Tom AuTom Au')
name_twice = declare_function(
    "byline.name-twice", "Markup that holds the same name twice ('Tom AuTom Au', 'N-Land N-Land').", _twice,
    fires_on=["Tom AuTom Au", "N-Land N-Land"], never_on=["Tom Au"])
# a spaced dash after a name opens its team or desk ('Kiran C Nair - Chrome Safe Browsing team')
DASHED_TAIL = declare(
    "byline.dashed-team", "A spaced dash after a name opens its team or desk ('Kiran C Nair - Chrome Safe Browsing team').",
    r"\s+[-–—]\s+\S.*$", fires_on=["Kiran C Nair - Chrome Safe Browsing team"], never_on=["Jean-Luc Picard"])
CALL_LETTERS = declare(
    "byline.call-letters", "A broadcaster's call letters ('CNN', 'WSVN'), which a desk's name opens ('CNN Business').",
    r"[B-DF-HJ-NP-TV-Z]{3,6}", use="fullmatch", fires_on=["CNN", "WSVN"], never_on=["ABC", "Cnn"])
JUNIOR = declare(
    "byline.junior-senior", "'Jr.' or 'Sr.' ending a name: its period is the name's.",
    r"\s(?:Jr|Sr)\.[\s\x01]*$", fires_on=["John Roe Jr."], never_on=["John Roe Jr"])


def split_authors(raw: str, *, outlet_names: tuple[str, ...] = (), min_words: int = 2, acronyms: bool = False) -> list[str]:
    """'By Jane Doe and JOHN ROE, Reuters' -> ['Jane Doe', 'John Roe'].

    Newsroom words ('Associated Press', 'Staff Writer') end a name rather than void it, and a
    name written in capitals is title-cased ('DANICA KIRKA' -> 'Danica Kirka')."""
    raw = BY_PREFIX.sub("", DATED_BY.sub("", GLUED_LABEL.sub("", normalise_space(raw))))
    for outlet in outlet_names:
        if outlet:
            raw = re.sub(rf"\b{re.escape(outlet)}\b", ",\x01,", raw, flags=re.I)
    names = []
    # after a newsroom credit, parts set off by commas only are its place or desk ('By Nada Tawfik, BBC News,
    # New York'), until an 'and' or ';' starts the next name
    credited = False
    pieces = AUTHOR_SPLIT_KEEP.split(raw)
    for i, part in enumerate(pieces[::2]):
        if not i % 256:
            budget.check("extract: reading a byline's names")
        if i and pieces[2 * i - 1].strip() not in {",", ""}:
            credited = False
        if credited and part.strip():
            continue
        if AUTHOR_NOISE.search(part) or "\x01" in part:
            credited = True
        part = BY_PREFIX.sub("", part)
        suffix = "." if JUNIOR.search(part) else ""  # (the period of 'John Roe Jr.' is the name's)
        part = part.strip(" .:-–—·•\x01'\"‘’“”«»") + suffix  # ("'Luana Patriolino": a stray quote)
        agency = AGENCY_SUFFIX.search(part)
        if agency:
            part = part[: agency.start()].strip(" .:-–—")
        if part.casefold().strip(".") in CREDENTIALS:
            continue
        words = part.split()
        while words and words[-1].casefold().strip(".,") in DATE_WORDS:
            words.pop()  # 'Malcolm Owen Monday, November 18': the dateline ran into the name
        part = " ".join(words)
        if not part or "admin" in part.casefold():
            continue
        if len(part.split()) == 1 and ((part.isupper() and not acronyms) or part.casefold() in NOT_NAMES
                                       or len(part.strip(".")) <= 2  # a desk's initials ('mf', 'kj')
                                       or any(part.casefold() == o.casefold() for o in outlet_names)):
            continue  # 'CNN', 'The', the outlet's own name: not a person
        if in_capitals(part) and (not acronyms or len(part.split()) > 1):
            part = from_capitals(part)  # 'FEDERICA LUSIARDI' -> 'Federica Lusiardi'; a lone 'IWB' in explicit markup stays
        words = part.split()
        if words and (words[0] in {"The", "THE"} or words[-1].casefold().strip(".") in ORG_WORDS
                      or (len(words) > 1 and words[0].casefold() in ORG_FIRST_WORDS)
                      or (len(words) == 2 and words[0] in ROMANCE_ARTICLES)):
            continue  # 'The Local', 'Wikimedia Foundation', 'Radio PLUS', 'La República'
        if len(words) > 1 and CALL_LETTERS.fullmatch(words[0]) \
                and all(w.casefold() in DESK_WORDS for w in words[1:]):
            continue  # a broadcaster's call letters and a desk ('CNN Business', 'NBC Sports'; not 'GHK Lall')
        team = DASHED_TAIL.search(part)
        if team and looks_like_name(part[: team.start()], min_words=min_words):
            part, credited = part[: team.start()], True  # 'Kiran C Nair - Chrome Safe Browsing team'
        noise = AUTHOR_NOISE.search(part)
        if noise and noise.start() > 0 and len(part[: noise.start()].split()) >= 2 and not re.search(r"[\d/]", part[: noise.start()]) \
                and noise.group(0).casefold() not in GROUP_WORDS:
            role_cut = noise.group(0).casefold() in ROLE_NOUNS
            part = part[: noise.start()].strip(" ,.:-–—|")  # 'Tom Gillespie News reporter' -> 'Tom Gillespie'
            part = without_job_title(part, role_cut=role_cut)  # 'Sam Stein Senior Politics Editor' -> 'Sam Stein'
        else:
            part = without_job_title(part, role_cut=False)  # 'Sam Stein Senior Politics'
        part = OCCUPATION.sub("", part)  # 'Rechtsanwalt Sebastian Einbock'
        # (only on what could be a name twice, up to five words each)
        if len(part.split()) <= 10 and (twice := name_twice(part)):
            part = twice  # 'N-Land N-Land', 'Tom AuTom Au': markup that holds the name twice
        joined = and_parts(part, min_words=min_words)
        if len(joined) > 1:
            names.extend(p for p in joined if p not in names)
        elif looks_like_name(part, min_words=min_words) and part not in names:
            names.append(part)
    return names


_MC_CAPITALS = declare(
    "byline.mc-in-capitals", "A Scottish or Irish 'Mc' before a surname in capitals ('McDONALD'), which a byline in capitals keeps.",
    r"^Mc[A-Z]{2,}$", use="fullmatch", fires_on=["McDONALD"], never_on=["McDonald", "MCDONALD"])
_ROMAN = frozenset({"ii", "iii", "iv"})


def in_capitals(part: str) -> bool:
    """A name written in capitals ('DANICA KIRKA', 'JOHN McDONALD')."""
    return part.isupper() or (any(c.isalpha() for c in part)
                              and all(w.isupper() or _MC_CAPITALS.fullmatch(w) for w in part.split()))


def from_capitals(part: str) -> str:
    """A name in capitals as names are written: 'JOHN McDONALD' -> 'John McDonald', 'LUCAS LEIROZ DE ALMEIDA' ->
    'Lucas Leiroz de Almeida', 'JOHN ROE III' -> 'John Roe III' (particles inside the name lower-cased, 'Mc' kept)."""
    words = part.title().split()
    for i, w in enumerate(words):
        if w.casefold() in _ROMAN and i:
            words[i] = w.upper()
        elif w.startswith("Mc") and len(w) > 3:
            words[i] = "Mc" + w[2:].capitalize()
        elif 0 < i < len(words) - 1 and w.casefold() in PARTICLES:
            words[i] = w.casefold()
    return " ".join(words)


def without_job_title(part: str, *, role_cut: bool) -> str:
    """A name without the job title run into it after the name: 'Sam Stein Senior Politics' -> 'Sam Stein' (the title
    opens with a word such as 'Senior' or 'Chief' and names a desk or a role), 'Ann Lee Politics' -> 'Ann Lee' when a
    role such as 'Reporter' was cut after it (``role_cut``). Two words of the name stay at least ('Jack Senior')."""
    words = part.split()
    cut = len(words)
    while cut > 2 and words[cut - 1].casefold().strip(".,") in TITLE_OPENERS | BEAT_WORDS | ROLE_NOUNS:
        cut -= 1
    tail = [w.casefold().strip(".,") for w in words[cut:]]
    if not tail:
        return part
    if role_cut and all(w in BEAT_WORDS | TITLE_OPENERS for w in tail) or \
            tail[0] in TITLE_OPENERS and len(tail) >= 2 and tail[-1] not in TITLE_OPENERS:
        return " ".join(words[:cut])
    return part


# a name written surname first, as a library catalogue does ('Doe, Jane', 'Doe, Jane A.'): one person, not two
SURNAME_FIRST = declare(
    "byline.surname-first", "A name written surname first, as a library catalogue does ('Doe, Jane', 'Doe, Jane A.').",
    rf"^\s*([{CAPITAL}][\w'’-]+),\s*([{CAPITAL}][\w'’-]+(?:\s+[{CAPITAL}]\.?)?)\s*$", use="match",
    fires_on=["Doe, Jane", "Doe, Jane A."], never_on=["Jane Doe, Ann Lee", "Jane Doe"])


def given_first(raw: str) -> str:
    """'Doe, Jane' -> 'Jane Doe'; anything else as it is ('Jane Doe, Ann Lee', 'Ann Lee, PhD', 'Lee, Reuters')."""
    m = SURNAME_FIRST.match(raw)
    if m is None or any(w.casefold().strip(".") in CREDENTIALS | NOT_NAMES | GROUP_WORDS or w.isupper() and len(w) > 2
                        for w in m.groups()) or AUTHOR_NOISE.search(raw) or AGENCY_SUFFIX.search(raw):
        return raw
    return f"{m.group(2)} {m.group(1)}"


def and_parts(part: str, *, min_words: int = 2) -> list[str]:
    """'Rocío Latorre y José Miguel Wilson' -> the two names; a part that is not names joined so stays whole."""
    joined = FOREIGN_AND.split(part)
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
    if not min_words <= len(words) <= 5 or AUTHOR_NOISE.search(text) or NOT_IN_NAMES.search(text):
        return False  # ('Fotos: EL HERALDO/')
    if any(len(w) > MAX_NAME_WORD_CHARS for w in words):
        return False  # (a run of letters no name has: the longest surnames have some 35)
    if all(len(w.strip(".")) < 2 for w in words):
        return False  # a lone initial ('V' of 'e. V.')
    if any(w.endswith(("-", "–")) for w in words):
        return False  # 'Aymz- Grelle Forelle': an act and its venue
    if len(words) > 1 and any(_glued(w) for w in words):
        return False  # two words run together by markup ('MozartkugelnWahre KünstlerInnen', 'Inga HoeltmannFollow')
    if not words[0][0].isupper() or any(w.casefold() in FUNCTION_WORDS for w in words):
        return False  # 'Letters To The (Editor)
    # later words may be lower case only where metadata vouches for the name ('Mobasir hassan')
    return (min_words == 1 and len(words) <= 2) or all(w[0].isupper() or w.lower() in PARTICLES for w in words)
