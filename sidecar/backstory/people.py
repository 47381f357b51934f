"""Stage 3 — people: authors and their bios, cited people, people only mentioned, unnamed sourcing.

Names come from spaCy's PERSON entities; who *says* something comes from the dependency
parse (the subject of a speech or belief verb, the object of "according to"), never from a
name merely standing near a quotation mark. A false "cited analyst" is worse than a missed
one, so each rule below would rather drop a case than guess.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import json
import math
import operator
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from nameparser import HumanName
from rapidfuzz.distance import Levenshtein
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from . import lexicon

CREDENTIALS = lexicon.words("credentials")

# Verbs that present their subject as the source of a statement (lemmas).
SPEECH_VERBS = frozenset(
    "say tell add explain note write argue claim state warn insist suggest contend comment remark "
    "acknowledge admit announce assert caution conclude declare emphasize emphasise observe predict "
    "reply respond stress testify tweet post maintain recall confirm deny urge allege concede complain "
    "report reveal point describe estimate question ask reiterate mention highlight underline "
    "indicate recommend advise attribute blame quip joke lament recount outline speculate hint boast muse "
    "plead retort concur proclaim assure reassure reckon affirm demand pen pledge vow promise".split()
)
# Speech verbs whose object, not a clause, carries what was said ("voiced his support for …").
OBJECT_SPEECH_VERBS = frozenset("express voice reiterate echo call emphasize emphasise stress highlight underline liken attribute "
                                "describe dismiss dub brand label".split())
# judgements that give the judged thing a name ('dismissed the plan as a stunt', 'dubbed it “the Gordon problem”')
_JUDGING_AS_VERBS = frozenset("dismiss dub brand label".split())
# 'That is the view of X' after the statement it attributes
_VIEW_OF = re.compile(r"^(?:That|This|Such|It)\s+(?:is|was|has been)\s+(?:also\s+)?the\s+(?:view|opinion|assessment|"
                      r"verdict|conclusion|position|argument|belief|warning|message|finding)\s+of\b")
# '(Friederike Otto, Imperial College London).' or '(Otto 2023)' closing a sentence
_PAREN_CITATION = re.compile(r"\((?=[A-Z])[^()]{2,40}?(?P<rest>(?:,|\s(?=(?:19|20)\d\d))[^()]{2,80})\)\s*[.;]?\s*$")
# Verbs of communication whose object can carry the content instead of a clause ('announced his decision to …')
CONTENT_OBJECT_VERBS = frozenset("announce confirm admit acknowledge".split())
# Nouns that name what a person is ("an editor at …", "the museum's president"); a role like this next
# to a capitalised name is evidence that the name is a person's even when NER calls it an organisation.
PERSON_ROLE_NOUNS = frozenset(
    "president director minister chief head secretary spokesperson spokesman spokeswoman professor analyst "
    "editor founder ceo chairman chairwoman chair official expert member leader governor senator mayor "
    "lawyer attorney doctor economist historian researcher scientist author writer journalist reporter officer "
    "commissioner ambassador premier king queen prince princess executive manager owner partner fellow "
    "epidemiologist strategist consultant adviser advisor coach player actor actress artist singer judge "
    "candidate representative congressman congresswoman lawmaker mp deputy superintendent principal teacher "
    "student resident engineer developer designer veterinarian nurse physician surgeon detective supervisor "
    "coordinator inspector sergeant constable chancellor councillor councilor alderman trustee treasurer clerk "
    "marshal sheriff prosecutor solicitor barrister counsel artist councilwoman councilman councilmember "
    "assemblyman assemblywoman assemblymember selectman activist organizer organiser campaigner volunteer chef "
    "farmer pastor priest rabbi imam bishop soldier veteran firefighter paramedic lecturer dean provost commentator "
    "columnist correspondent publisher producer curator librarian scholar academic specialist psychologist "
    "psychiatrist therapist dentist pharmacist biologist chemist physicist geologist meteorologist climatologist "
    "astronomer architect planner entrepreneur investor banker trader accountant regulator chairperson cofounder "
    "co-founder cfo coo cto captain colonel lieutenant commander admiral envoy diplomat consul aide staffer "
    "taoiseach tanaiste tánaiste administrator comptroller auditor ombudsman registrar rector archbishop magistrate "
    "coroner undersecretary".split()
)
# Promises report a claim only with a clause of their own ('Modi pledged that his country would double …'), not
# with what the promiser will do ('vowed to resurrect coal', 'promised to protect Medicaid')
_PROMISE_VERBS = frozenset("pledge vow promise".split())
# Verbs of belief: the subject is a source only when the verb has a clause as its object.
BELIEF_VERBS = frozenset("believe think feel fear expect suspect doubt agree disagree find hope worry".split())
CUE_VERBS = SPEECH_VERBS | BELIEF_VERBS | OBJECT_SPEECH_VERBS
# Verbs that attribute a quotation right after it ('“…,” she laughed', '“…,” he continued') but
# report nothing on their own
QUOTE_CUES = CUE_VERBS | frozenset("continue laugh shout yell scream whisper exclaim chuckle sigh sob mutter murmur "
                                   "gush enthuse share offer counter reflect confide remember promise vow pledge".split())
# Heads of subjects that stand for people left unnamed ("some experts", "officials", "a source").
UNNAMED_HEADS = frozenset(
    "expert analyst official source observer critic diplomat insider commentator economist scientist "
    "researcher specialist people person spokesperson spokesman spokeswoman aide adviser advisor "
    "insider officer authority investigator witness resident doctor physician lawyer attorney employee worker "
    "detective feds prosecutor family relative neighbour neighbor activist campaigner environmentalist "
    "conservationist advocate member politician lawmaker legislator senator representative staffer "
    "opponent supporter proponent skeptic sceptic detractor backer defender "
    # (members of the public, one or many: 'Executives across the world say', 'one user on Weibo posted'; not the
    # one person a story is about, described rather than vague: 'the patient wrote in the case study')
    "executive settler user commenter protester demonstrator voter customer shopper consumer passenger "
    "parent student fan survivor "
    "some many others someone somebody".split()
)
# Stances of people left unnamed, reported without a speech verb ('AI experts are increasingly troubled by …',
# 'residents are very concerned about …', '… left some energy experts bewildered'); views, not moods
# ('upset', 'shocked' are left out)
_STANCE_WORDS = frozenset("concerned worried troubled sceptical skeptical confident optimistic pessimistic convinced "
                          "alarmed bewildered puzzled baffled wary doubtful unconvinced hopeful unhappy".split())
# verbs of wanting or opposing that carry a view ('environmentalists want the plants to remain closed')
_WISH_VERBS = frozenset("want oppose".split())
# what researchers report finding ('researchers have spotted a new trojan'); the subject must be one
# whose findings are news ('find' with an object is too often a thing picked up: 'the researchers found a tool')
_FINDING_VERBS = frozenset("discover spot identify uncover detect".split())
_FINDER_HEADS = frozenset("researcher scientist investigator expert analyst".split())
# what a person does that makes a role ('X, who heads the alliance', '… who founded the charity')
_LEADING_VERBS = frozenset("head lead run direct chair oversee manage found co-found cofound own coach edit "
                           "represent".split())
# what a person does for a living, said in the present ('X, who studies municipal finance at Rutgers'; not 'who
# studied the report', a thing done once)
_ONGOING_WORK_VERBS = frozenset("study teach research cover".split())
# verbs whose passive agent is a source: speech, and blame ('is accused by critics of …')
_PASSIVE_SOURCE_VERBS = SPEECH_VERBS | frozenset("accuse criticize criticise condemn".split())
# the unnamed subjects that are pronouns or determiners ('some say …', '… said someone at the meeting')
_UNNAMED_PRONOUNS = frozenset("some many others someone somebody".split())
# ('someone' is a source only behind a quotation: 'if someone asked me …' is none)
_INDEFINITE = frozenset({"someone", "somebody"})
PRONOUNS = frozenset("he she they".split())
_BULLETS = frozenset("- – — • · * ▪ ►".split())
_TIME_NOUNS = frozenset("day week month year time night morning evening afternoon hour minute".split())
# speech verbs that make a claim even without a reported clause ('a spokesperson questioned the figure',
# 'the family denies any involvement', 'an agency spokesman told us'); not 'observe', 'claim', 'report',
# 'respond' or 'ask', which as often mean looking, taking, informing or replying
_CLAIM_WITHOUT_CLAUSE = frozenset("question deny dispute stress warn plead argue allege emphasize emphasise insist "
                                  "concede acknowledge confirm predict criticize criticise tell".split())
# what 'revealed at a … by X' may be: an occasion on which people speak
_EVENT_NOUNS = frozenset("conference briefing statement interview speech address meeting presentation session hearing "
                         "announcement".split())
_GENDERED_TITLE = re.compile(r"\b(?P<title>Mr|Mrs|Ms|Miss)\.?\s+$")
# Words that attribute a claim to no one in particular ("reportedly", "it is believed that …").
# ('allegedly' is left out: in crime reports it marks a charge, not an unsourced claim)
IMPERSONAL_ADVERBS = frozenset("reportedly purportedly reputedly".split())
# how people see something, said in the passive with no one seeing it ('is widely seen as', 'was regarded as')
_PERCEPTION_VERBS = frozenset("see view regard perceive".split())
IMPERSONAL_VERBS = frozenset("believe understand learn report allege say think rumour rumor claim".split())
# Opening/closing pairs of quotation marks that delimit direct quotes.
QUOTE_PAIRS = {"“": "”", "«": "»", "„": "“", '"': '"'}
MIN_QUOTE_WORDS = 4  # shorter quoted runs are scare quotes ("deep", "isolation")
MAX_NAME_TOKENS = 5
# role nouns that also name newspapers ('The Hollywood Reporter', 'The Economist')
_PUBLICATION_WORDS = frozenset("reporter economist observer guardian examiner monitor spectator inquirer "
                                "checker courier messenger herald sentinel".split())
# words a title leaves in lower case ('Takin’ It To the Streets')
_TITLE_SMALL_WORDS = frozenset("a an the of to in on and or for with at by from as nor but".split())
# (a curly opening mark closed by a straight one, '“The end of the year is popular," X said', is a slip
# some sites make; it is read as a pair only when no curly mark comes between)
# (the last: a straight mark closed by an opening curly one, a typo the mark's place gives away: 'decision.“ However')
_QUOTE_RE = re.compile(r'“[^“”]{3,}?”|“[^“”"\n]{3,}?"|«[^«»]{3,}?»|„[^„“”]{3,}?[“”]|"[^"\n]{3,}?"|"[^"“”\n]{3,}?”'
                       r'|"[^"“”\n]{3,}?(?<=\S)“(?=\s|$)')

def _inflections(lemmas: frozenset[str]) -> set[str]:
    """'say' -> say, says, said; 'deny' -> denies, denied: the usual forms of attribution verbs."""
    forms = {"said", "told", "wrote", "spoke"}
    for w in lemmas:
        forms |= {w, w + "s", w + "ed", w + "d"} if not w.endswith("y") or w[-2:-1] in "aeiou" else {w, w[:-1] + "ies", w[:-1] + "ied"}
        if w.endswith(("sh", "ch", "x", "s")):
            forms.add(w + "es")
    return forms


# what follows a short quotation that is a quote, not a scare quote: its attribution ('“Amazing,” Davis
# said', '“No!” she shouted', '“Why?” asked Ms Lee')
_ATTRIBUTION_AFTER = re.compile(
    r"\s*(?:(?:he|she|I|we|they|[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})\s+(?:\w+ly\s+)?(?:VERBS)|(?:VERBS)\s+(?:[A-Z]|the\b|a\b|an\b))\b"
    .replace("VERBS", "|".join(sorted(_inflections(QUOTE_CUES), key=len, reverse=True))))
# what comes before a short quotation that is a quote: the attribution of the one just before it
# ('“We know there is no capacity problem,” he said. “Something odd happened.”')
_ATTRIBUTION_BEFORE = re.compile(
    r"[”\"],?\s+(?:he|she|they|[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2})\s+(?:VERBS)\.\s*$"
    .replace("VERBS", "said|says|added|adds|explained|explains|continued|told|wrote"))
_POSSESSIVE = re.compile(r"[’']s$")
_BIO_CLAIM = re.compile(r"^(?P<relation>.+?\b(?:of|at|for|with|to|in|on))\s+(?:the\s+)?(?P<org>[A-Z].+)$")
_ARTICLES = re.compile(r"^(?:a|an|the)\s+", re.I)
# Last words that make a PERSON-tagged span an organisation or a group.
_ORG_TAILS = frozenset(
    "productions systems inc corp corporation co ltd llc plc group holdings foundation institute university "
    "college company media news press times post journal democrats republicans party council committee "
    "association agency ministry department bank fund trust studios records entertainment networks police "
    "sheriff office service services force army navy guard court team club fc union center centre board "
    "commission authority administration government house school hospital church city county state airlines "
    "airways motors labs technologies partners capital ventures magazine channel radio tv network "
    "k.k kk gmbh ag sa nv bv spa srl pty coordinator volunteer volunteers houses library gallery museum airport "
    "station hotel resort league stadium arena theatre theater festival awards apartments towers worldwide "
    "express rail railway railways papers golf messenger bar pub cafe café restaurant brewery bakery "
    # (bands and clubs: 'Dave Matthews Band', 'Doobie Brothers', 'Manchester United'; a company's branch: 'Ascom
    # North America')
    "band brothers united america "
    # (products: 'MacBook Pro', 'Moneycontrol Pro')
    "pro".split()
)
# 'Rick:' / 'ALEXANDRIA DOUZIECH:' opening an interview answer (one to four capitalised words)
_INTERVIEW_LABEL = re.compile(r"\s*(?P<label>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*:\s+(?P<answer>\S)")
# Last words of street and place names the model sometimes tags as people ('Lake Chabot Road', 'Castro Valley')
_PLACE_TAILS = frozenset("road rd street avenue ave boulevard blvd drive highway hwy valley square bridge plaza "
                         "parkway expressway freeway outlook links".split())
# the staff credits of a story or its pictures: '(Reporting by Greg Roumeliotis; Editing by Martin Howell)',
# 'Photo: Jane Roe/AFP', 'Image credit: …' (the names are in the last group that took part)
_CREDIT_LINE = re.compile(
    r"\b(?:(?:(?:additional|further)\s+)?reporting|editing|writing|compiled|compilation|translated|translation|"
    r"photos?|photographs?|photography|pictures?|images?|illustrations?|graphics?|video|filmed|produced)\s+by\s+"
    r"([^.;:()\n]+)"
    r"|\b(?:photo|photograph|image|picture|credit)s?(?:\s+credit)?\s*:\s*([^.;()\n]+)"
    # and links to other stories in the text: '[Related: …]', 'READ MORE: …', 'MORE: …' at the start of a line
    r"|(?:^|\[)[ \t]*(?:related(?:[ \t]+(?:story|stories|articles?|coverage|content))?|read[ \t]+more|see[ \t]+also|also[ \t]+read|"
    r"more|watch|listen|recommended)[ \t]*:[ \t]*([^\]\n]+)"
    # and who helped: 'Contributing: Kristine Phillips', 'Keith Bradsher contributed reporting from Hong Kong.',
    # 'Associated Press writers Alan Fram, … and Jill Colvin contributed to this report.'
    r"|^[ \t]*(?:contributing|contributors?)[ \t]*:[ \t]*([^\n]+)"
    r"|(?:^|(?<=[.!?]\s))([^.!?\n]{3,300}?)\s+contributed\s+(?:reporting|research|to\s+this\s+(?:report|story|article))\b",
    re.I | re.M)
# a caption's label before its credit ('Image: Nick Moreau')
_CREDIT_LABELS = frozenset("image photo picture video credit courtesy source".split())
# words of a vehicle's name ('Space Shuttle Discovery'), which the model sometimes tags as a person
_CRAFT_WORDS = frozenset("shuttle spacecraft rover orbiter lander probe telescope satellite".split())
# what may end a name in capitals besides a regnal number ('Henry VIII'): a suffix or letters after the name.
# Not all of CREDENTIALS: two-letter ones ('MA', 'JD') are also the initials of reference lists ('Fang MA')
_SUFFIX_CAPS = frozenset({"jr", "sr", "md", "phd", "mp", "mep", "qc", "kc", "rn", "dds", "mba", "obe", "mbe", "cbe"})
_ROMAN = re.compile(r"^(?=[IVXL])L?X{0,3}(?:IX|IV|V?I{0,3})$")
# first-person words ('US' in capitals is the country, not 'us')
_FIRST_PERSON = re.compile(r"\b(?:I|I[’'](?:m|ve|d|ll)|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself|[Ww]e|[Ww]e[’'](?:re|ve|ll|d)|us|[Oo]ur|[Oo]urs)\b")
_NAME_PARTICLES = frozenset("de des da van von der den ter ten bin ibn al el la le del della dos do du di".split())


@dataclass
class Mention:
    """A stretch of the article text naming a person."""

    text: str
    start: int
    end: int


@dataclass
class Quote:
    """A quote or paraphrase attributed to someone."""

    text: str
    cue: str
    kind: str  # direct | indirect
    start: int
    end: int


@dataclass
class Person:
    """One person named in the article, merged across mentions."""

    name: str
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    role: str | None = None
    role_span: Mention | None = None

    @property
    def key(self) -> str:
        """Normalised full name."""
        return self.name.casefold()


@dataclass
class UnnamedSource:
    """A claim attributed to people the article does not name."""

    text: str
    cue: str
    source: str
    start: int
    end: int


@dataclass
class BioClaim:
    """One affiliation or role the author's bio claims."""

    text: str
    relation: str
    organisation: str | None


@dataclass
class Bio:
    """The author's bio paragraph as the article gives it."""

    text: str
    start: int
    end: int
    claims: list[BioClaim]


@dataclass
class People:
    """Everything the people stage found."""

    cited: list[Person] = field(default_factory=list)
    mentioned: list[Person] = field(default_factory=list)
    unnamed: list[UnnamedSource] = field(default_factory=list)
    bios: dict[str, Bio] = field(default_factory=dict)  # author name -> bio


# ---------------------------------------------------------------- paragraphs


@Language.component("backstory_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A sentence never runs across a paragraph break (the parser otherwise joins quotes to the next paragraph)."""
    # (set all at once: each assignment to Token.is_sent_start reads the whole document first)
    starts = doc.to_array([SENT_START]).astype("int64")  # (1 a start, -1 not one, 0 not yet known)
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.is_space and "\n" in prev.text:
            starts[tok.i] = 1
        elif tok.is_title and (prev.lower_ in _TITLE_ABBREVIATIONS or prev.text == "." and tok.i >= 2
                               and not doc[tok.i - 2].whitespace_ and doc[tok.i - 2].lower_ + "." in _TITLE_ABBREVIATIONS):
            starts[tok.i] = -1  # '… Senator the Hon. Aubyn Hill, told …': a title, not a sentence end
    doc.from_array([SENT_START], starts.view("uint64"))  # (as spaCy stores them: -1 as the largest value)
    return doc


# 'In Dr. Shadlen’s words,' / 'In the words of X:' / 'To quote X,' right before a quotation
_IN_THEIR_WORDS = re.compile(r"(?:\b[Ii]n\s+(?:the\s+)?(?:(?P<a>[A-Z][^,:“\"]{1,60}?)[’']s?\s+(?:own\s+)?words|words\s+of\s+(?P<b>[^:“\"«.]{1,90}?))"
                             r"|\b[Tt]o\s+quote\s+(?P<c>[A-Z][^,:“\"]{1,60}?)"
                             r"|\b[Aa]s\s+(?P<d>[A-Z][^,:“\"]{1,60}?)\s+(?:once\s+|has\s+|had\s+)?puts?\s+it)\s*[,:]\s*[“\"«]?$")
# what a person is said to give before their words ('had a more succinct statement. “…”')
_STATEMENT_NOUNS = frozenset("statement comment comments remark remarks response reply message explanation reaction "
                             "verdict assessment warning prediction".split())
_GIVING_VERBS = frozenset("have issue give offer make release deliver share post add provide send".split())
# the line signing an embedded post: '— Drew Mikkelsen (@drewmikkelsenk5) January 6, 2020'
_POST_SIGNATURE = re.compile(r"[—–-]\s*(?P<name>[A-Z][^\n(@]{1,60}?)\s*\(@\w{1,15}\)\s*(?:[A-Z][a-z]+\.? \d{1,2}, \d{4})?\s*")
_POST_LINK = re.compile(r"\s*(?:pic\.twitter\.com/\w+|https?://t\.co/\w+)\s*$")
# offices written before a surname ('Congressman Meadows', 'Senator Smith'); not royal titles, which are part
# of how those names are given ('Prince Harry')
_OFFICE_TITLES = frozenset("congressman congresswoman senator governor mayor representative councilman councilwoman "
                           "councillor councilor commissioner sheriff judge justice minister secretary chancellor "
                           "president premier ambassador superintendent".split())
# what companies and products do to things ('powered by …', 'published by …')
_MAKING_VERBS = frozenset("power make build manufacture produce develop publish sponsor present support bring offer "
                          "provide sell distribute release design create own operate run host fund back".split())
# public bodies the annotation counts as organisations ('Police said')
_AUTHORITY_NOUNS = frozenset("police government military army ministry department court administration council".split())
_PERSONAL_POSSESSIVES = frozenset("his her their my our".split())
# verbs of answering a question ('“…,” she replied')
_ANSWER_VERBS = frozenset("reply answer respond".split())
# a belief verb's reflexive object makes it no claim ('finds himself mired in …')
_REFLEXIVES = frozenset("myself yourself himself herself itself ourselves yourselves themselves".split())
# the marks right before a verb whose subject follows it ('“…,” said Opelka', '…, said X')
_INVERSION_MARKS = frozenset({",", "”", '"', "»", "’"})
# what a person writes or posts, which 'says' what they say ('Cornyn's statement added')
_WRITTEN_WORDS = frozenset("statement letter tweet post email e-mail memo message note op-ed essay column blog affidavit".split())
# what a person works out or tells in their own name ('according to Ann Lee's estimate'); not those who speak for
# them ('according to Lee's lawyer', '… Lee's office')
_OWN_ACCOUNT_NOUNS = frozenset("estimate estimates calculation calculations count tally analysis assessment account "
                               "reckoning figures research forecast projection projections recollection version "
                               "testimony notes diary memoir book".split()) | _WRITTEN_WORDS | _STATEMENT_NOUNS
# a person's published work, whose findings are its author's ('a study led by Ann Lee found …')
_AUTHORED_WORKS = frozenset("report study paper research analysis survey review book article findings".split())
_AUTHORING_VERBS = frozenset("write lead author co-author coauthor conduct publish carry prepare compile".split())
# what such a work does with its findings, beside the verbs of speech ('research by Ann Lee shows …')
_FINDING_VERBS_OF_WORKS = frozenset("show demonstrate".split())
# words that follow a name and a hyphen to make an adjective ('Biden-led', 'Mao-era'), not a given name's second
# syllable ('Moon Jae-in', 'Ban Ki-moon')
_HYPHEN_SUFFIXES = frozenset("led run era age old born made like type ish free only wide long ever held".split())
# a lawmaker's party and state after the name ('R-Neb.', 'D-N.Y.', 'I-Vt.')
_PARTY_LABEL = re.compile(r"^[RDI]-[A-Z][A-Za-z.]{0,6}(?:[ .][A-Z][A-Za-z.]{0,6})?\.?$")
# titles written with a full stop that the parser takes for a sentence end
_TITLE_ABBREVIATIONS = frozenset("hon. rt. dr. mr. mrs. ms. prof. sen. rep. gov. lt. col. gen. sgt. capt. cmdr. "
                                 "supt. insp. det. cllr. rev. fr. st.".split())


@Language.component("backstory_lemma_fixes")
def lemma_fixes(doc: Doc) -> Doc:
    """Lemmas the small model gets wrong for verbs that attribute ('hopes' -> 'hop')."""
    for tok in doc:
        if tok.pos_ == "VERB" and tok.lemma_ == "hop" and tok.lower_.startswith("hope"):
            tok.lemma_ = "hope"
    return doc


def with_paragraph_breaks(nlp: Language) -> Language:
    """Add the paragraph-break rule before the parser, and the lemma fixes after the lemmatizer (once)."""
    if "backstory_paragraph_breaks" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("backstory_paragraph_breaks", before="parser")
    if "backstory_lemma_fixes" not in nlp.pipe_names and "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe("backstory_lemma_fixes", after="lemmatizer")
    return nlp


# ---------------------------------------------------------------- names


def clean_name(span: Span) -> tuple[str, int, int] | None:
    """The name in a PERSON entity, without a possessive; None when it cannot be a person's name."""
    while len(span) > 1 and span[-1].is_space:
        span = span[:-1]  # ('Peter Snijder' and the paragraph break after it)
    while len(span) > 1 and span[0].pos_ in {"VERB", "ADP", "ADV", "SCONJ", "CCONJ", "PRON", "DET", "AUX"}:
        span = span[1:]  # 'Hosting Cook at Dreamforce': the sentence's first word is no part of the name
    while len(span) > 1 and span[0].lower_.endswith("ing") and len(span[0]) > 5 and span[0].is_title \
            and span[0].lower_ not in first_names() and span[-1].dep_ not in {"nsubj", "nsubjpass"}:
        # 'Questioning Vindman's judgment' (a heading), the gerund and its object tagged as one name; not 'Irving
        # Berlin', nor a name that is a subject ('Rolling Stone reported')
        span = span[1:]
    while len(span) > 2 and span[0].pos_ == "NOUN" and (span[0].tag_ == "NNS" or span[0].lemma_.lower() in PERSON_ROLE_NOUNS):
        span = span[1:]  # 'Chefs Jamie Oliver and …': a plural or a role at the start is no part of the name
    while len(span) > 1 and span[0].is_lower and span[0].is_alpha and span[0].lower_ not in _NAME_PARTICLES:
        span = span[1:]  # 'dietitian Trista': a word in lower case opens no name
    doc = span.doc
    if span.end + 1 < len(doc) and len(span) >= 2 and span[-1].is_title and len(span[-1]) <= 4 and not span[-1].whitespace_ \
            and doc[span.end].text == "-" and not doc[span.end].whitespace_ and doc[span.end + 1].is_lower \
            and doc[span.end + 1].is_alpha and 2 <= len(doc[span.end + 1]) <= 4 and doc[span.end + 1].lower_ not in _HYPHEN_SUFFIXES:
        span = doc[span.start : span.end + 2]  # 'Moon Jae' + '-in': a given name of two syllables the model cut short
    while span[-1].lower_ in _NAME_PARTICLES and span.end < len(doc) and doc[span.end].is_title \
            and len(span) < MAX_NAME_TOKENS:
        span = doc[span.start : span.end + 1]  # 'Ursula von der' + 'Leyen': the model stopped at a particle
    if span.end < len(doc) and span[-1].dep_ == "compound" and span[-1].head.i == span.end and doc[span.end].pos_ == "PROPN" \
            and doc[span.end].is_title and not doc[span.end].ent_type_ and len(span) < MAX_NAME_TOKENS \
            and doc[span.end].lower_ not in PERSON_ROLE_NOUNS | _ORG_TAILS | _PLACE_TAILS:
        span = doc[span.start : span.end + 1]  # 'dietitian Trista' + 'Best': the name's last word, outside the entity
    while len(span) > 1 and span[-1].lower_ in _CREDIT_LABELS and span.end < len(doc) and doc[span.end].text == ":":
        span = span[:-1]  # 'Ahmed Mohamed Image: Nick Moreau': a caption's credit label after the name
    text = _POSSESSIVE.sub("", span.text).strip(" ,.;:-–—'\"“”")
    if not text or any(ch.isdigit() for ch in text) or len(span) > MAX_NAME_TOKENS:
        return None
    if all(t.is_punct or _is_title_abbreviation(t) for t in span):
        return None  # 'Cmdr.' alone is a title, nobody's name
    words = text.split()
    # (a nickname in quotation marks is part of the name: 'Renaldo “Peewee” Gilkes')
    if not all(w.strip("“”\"‘’'")[:1].isupper() or w.lower() in _NAME_PARTICLES for w in words):
        return None
    if not any(t.pos_ == "PROPN" for t in span) and not (len(span) == 1 and span[0].is_title):
        return None  # a single capitalised word the tagger took for a noun ('Gilley argued') may stand
    if len(words) > 1 and text.isupper():
        return None  # datelines and headings in capitals ('SIOUX FALLS, S.D.')
    if words[-1].strip(".").lower() in _ORG_TAILS | _PLACE_TAILS:
        return None  # 'Dick Clark Productions', 'Masten Space Systems', 'Virginia Democrats', 'Miller Drive'
    if any(w.lower() in _CRAFT_WORDS for w in words):
        return None  # 'Space Shuttle Atlantis', 'Mars Rover Curiosity'
    if len(words) > 1 and 2 <= len(words[-1]) <= 4 and words[-1].isalpha() and words[-1].isupper() \
            and not _ROMAN.match(words[-1]) and words[-1].casefold() not in _SUFFIX_CAPS and not text.isupper():
        return None  # an acronym after the words is a party's or product's ('Pro-Beijing DAB', 'Arkham VR'); 'Henry VIII' stays
    if "/" in text or re.search(r"\w[’']s\s", text):
        return None  # photo credits ('Jonathan Nackstrand/AFP'), possessives inside ('DeepMind’s Go')
    if span.start > 0 and span.doc[span.start - 1].lower_ == "the":
        return None  # 'The Chronicle says': people's names do not take 'the'
    while len(words) > 2 and (words[0].casefold() in PERSON_ROLE_NOUNS or words[0].casefold().rstrip(".") in HONORIFICS):
        words = words[1:]  # 'Supervisor Alfredo Pedroza', 'Ms Ana Ruiz': the NER took the title into the name
    if len(words) == 2 and words[0].casefold() in _OFFICE_TITLES and words[0][0].isupper():
        words = words[1:]  # 'Congressman Meadows': the surname (its title stays the role; 'Prince Harry' stays)
    caps = [i for i, w in enumerate(words[:-1]) if 2 <= len(w) <= 4 and w.isupper() and "." not in w]
    if caps and len(words) - caps[-1] - 1 >= 2:
        words = words[caps[-1] + 1:]  # 'Browns DL Sheldon Richardson': a team and position before the name
    text = " ".join(words) if words != text.split() else text
    start = span.start_char + (span.text.find(text) if text in span.text else 0)
    return text, start, start + len(text)


_WORD_RUN = re.compile(r"[\w-]+")


@functools.lru_cache(maxsize=4)
def _word_runs(text: str) -> frozenset[str]:
    """Every run of word characters and hyphens in the text, read once per text (not once per name)."""
    return frozenset(_WORD_RUN.findall(text))


def _stands_alone(word: str, text: str) -> bool:
    """Whether ``word`` occurs in ``text`` with no word character or hyphen on either side. A word made only
    of those characters does exactly when it is one of the text's runs of them."""
    if _WORD_RUN.fullmatch(word):
        return word in _word_runs(text)
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None  # ('st.', "o'neil")


def _common_words(name: str, text: str) -> bool:
    """Whether every word of a name also stands in the text in lower case, as an ordinary word: a product,
    dish or heading the model took for a person ('Maple Syrup', 'Quick Start Guide', 'Camera Zoom')."""
    words = [w for w in name.split() if w.casefold() not in _NAME_PARTICLES]
    return bool(words) and all(_stands_alone(w.lower(), text) for w in words)


_GIVEN_NAMES_FILE = Path(__file__).resolve().parent / "data" / "open" / "given_names.json"


@functools.lru_cache(maxsize=1)
def first_names() -> Mapping[str, str]:
    """Given names in every locale of Faker's lists (about 31,000, casefolded), each with the genders the
    lists give it ('m', 'f', 'mf' or ''): evidence that a capitalised word opening a name is a person's first
    name. Bundled by ``python -m backstory.kb.build_open --given-names``."""
    return json.loads(_GIVEN_NAMES_FILE.read_text(encoding="utf-8"))["names"]


def other_gender(given: str, gender: str) -> bool:
    """Whether a given name is only ever the other gender's ('Zoe' for 'm'); 'Chris' or 'Alex' never is."""
    return first_names().get(given) == ("f" if gender == "m" else "m")


# (an address is not prose: 'kaveh@axios.com' does not use 'kaveh' as a word)
_URLS_AND_EMAILS = re.compile(r"\S+@\S+|\b(?:https?://|www\.)\S+")


def _not_a_name(name: str, prose: str) -> bool:
    """A product, programme or column the model took for a person: the first word is no one's given name
    and the article's ``prose`` (its text without addresses) also uses it as an ordinary lower-case word
    ('Big Machine' beside 'a big deal', 'Fact Checker' beside 'in fact', 'Laundry Bag'). A surname alone,
    a lower-case particle ('de …'), an initial or a title is left alone."""
    words = name.split()
    if len(words) < 2 or not words[0][:1].isupper() or words[0].casefold() in HONORIFICS or _opens_with_given_name(name):
        return False
    return _stands_alone(words[0].lower(), prose)


@functools.lru_cache(maxsize=4096)
def name_parts(name: str) -> tuple[str, str]:
    """(first, last) of a personal name, casefolded."""
    parsed = HumanName(name)
    return parsed.first.casefold(), parsed.last.casefold()


@functools.lru_cache(maxsize=4096)
def _middle_names(name: str) -> tuple[str, ...]:
    return tuple(HumanName(name).middle.casefold().split())


def _one_letter_off(known: str, word: str) -> bool:
    """``word`` misspells ``known`` by one letter: at least five letters, the same first letter, and a swapped
    letter only in longer words (so 'Osama' is never taken for 'Obama')."""
    return len(word) >= 5 and known[:1] == word[:1] and Levenshtein.distance(known, word) == 1 \
        and (len(known) != len(word) or len(word) >= 6)


def _same_first_name(a: str, b: str) -> bool:
    """Equal, or a short form of the other ('Josh' and 'Joshua', 'Dan' and 'Daniel'; not 'Chris' and
    'Christine', which are often two people)."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 3 and long.startswith(short) and len(long) - len(short) <= 2


def _non_person_tokens(doc: Doc) -> set[str]:
    """Names spaCy tags as something else at least as often as a person: single words with any other
    label ('Kiev'), longer names with a place or organisation label ('São Paulo' as GPE elsewhere)."""
    votes: dict[str, int] = {}
    for e in doc.ents:
        if e.label_ == "PERSON":
            votes[e.text] = votes.get(e.text, 0) + 1
        elif len(e) == 1 or e.label_ in {"GPE", "LOC", "FAC"}:
            votes[e.text] = votes.get(e.text, 0) - 1
    # a single word loses on a tie; a full name only when tagged a place more often than a person
    # (the model often calls a person's full name an organisation once: that is no evidence)
    return {name for name, vote in votes.items() if vote <= 0 and len(name.split()) == 1 or vote < 0}


class _Registry:
    """Merges person mentions: full names first, then last-name-only (or first-name-only) mentions."""

    def __init__(self, doc: Doc, exclude: list[str]) -> None:
        self.doc = doc
        self.people: list[Person] = []
        self.by_token: dict[int, Person] = {}
        self.excluded = [name_parts(n) for n in exclude]
        text = doc.text  # (Doc.text joins every token on each access: read it once, not once per name)
        self.prose = _URLS_AND_EMAILS.sub(" ", text)
        non_person = _non_person_tokens(doc)
        ents = [(e, c) for e in doc.ents if e.label_ == "PERSON" and (c := clean_name(e))]
        for ent, (name, start, end) in sorted(ents, key=lambda ec: -len(ec[1][0].split())):
            if name in non_person or ent.text in non_person:
                continue
            person = self._find(name, _title_gender(text, start)) or self._add(name)  # ('Mr Anderson')
            if person is None:
                continue
            person.mentions.append(Mention(name, start, end))
            # (the name may run past the entity: 'Ursula von der' + 'Leyen')
            for tok in (*ent, *(doc.char_span(start, end, alignment_mode="expand") or ())):
                self.by_token[tok.i] = person
        self._names_with_a_person_apposition(doc)
        self._untagged_surnames(doc)
        self._names_tagged_as_organisations(doc)
        for p in self.people:
            p.mentions.sort(key=lambda m: m.start)

    def _names_with_a_person_apposition(self, doc: Doc) -> None:
        """'Valeska Paris, an Australian woman and former Scientologist, has claimed …', both words tagged as places:
        a two- or three-word proper name the model did not call a person is one when it opens with a given name
        and its apposition is a noun for a person ('woman', 'spokesperson', 'Scientologist')."""
        for tok in doc:
            if tok.i in self.by_token or tok.pos_ != "PROPN" or tok.ent_type_ == "PERSON" or not tok.is_title:
                continue
            appos = next((c for c in tok.children if c.dep_ == "appos" and c.i > tok.i), None)
            if appos is None or appos.pos_ != "NOUN" or not (appos.lemma_.lower() in PERSON_ROLE_NOUNS
                                                              or _agent_word(appos.lower_)):
                continue
            start = tok.i
            while start > 0 and tok.i - start < 2 and doc[start - 1].head == tok and doc[start - 1].dep_ == "compound" \
                    and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title and doc[start - 1].whitespace_:
                start -= 1
            words = doc[start : tok.i + 1]
            if not 2 <= len(words) <= 3 or not all(t.is_alpha and t.is_title for t in words) \
                    or any(t.i in self.by_token or t.lower_ in _ORG_TAILS | _PLACE_TAILS | PERSON_ROLE_NOUNS for t in words) \
                    or not _opens_with_given_name(words.text) or (start > 0 and doc[start - 1].lower_ == "the"):
                continue
            person = self._find(words.text) or self._add(words.text)
            if person is None:
                continue
            person.mentions.append(Mention(words.text, words.start_char, words.end_char))
            for t in words:
                self.by_token[t.i] = person

    def _names_tagged_as_organisations(self, doc: Doc) -> None:
        """'Diego Schwartzman' tagged as an organisation, then '“…,” the 14th-ranked Schwartzman said':
        a two- or three-word proper name the model called an organisation is a person when its last
        word, on its own, is the one speaking. Words that end organisations' names never count."""
        places = {e.text for e in doc.ents if e.label_ in {"GPE", "NORP", "LOC"}}
        candidates: dict[str, list[Span]] = {}
        for ent in doc.ents:
            if ent.label_ != "ORG" or (ent.start > 0 and doc[ent.start - 1].lower_ == "the"):
                continue
            while len(ent) > 2 and ent[0].text in places:
                ent = ent[1:]  # ('special envoy to Ukraine Kurt Volker')
            words = [t for t in ent]
            if 2 <= len(words) <= 3 and all(t.pos_ == "PROPN" and t.is_title and t.is_alpha for t in words) \
                    and not any(t.lower_ in _ORG_TAILS | _PLACE_TAILS | PERSON_ROLE_NOUNS for t in words):
                candidates.setdefault(words[-1].text, []).append(ent)
        created: dict[str, Person] = {}
        for tok in doc:
            spans = candidates.get(tok.text)
            # the surname alone, speaking ('Figgins said'; not 'makes Windows feel …'; the tagger may call
            # it a noun, as long as nothing makes it one: 'the Depot said')
            if not spans or tok.i in self.by_token or tok.ent_iob_ == "I" or not _proper(tok) or not _says(tok) \
                    or tok.head.lemma_.lower() in BELIEF_VERBS:
                continue
            if tok.text in created:  # (speaking again)
                created[tok.text].mentions.append(Mention(tok.text, tok.idx, tok.idx + len(tok.text)))
                self.by_token[tok.i] = created[tok.text]
                continue
            full = {sp.text for sp in spans if sp.end <= tok.i}
            if len(full) != 1 or self._find(tok.text) is not None:
                continue  # (two such names, or one already known: leave it)
            name = next(iter(full))
            if doc[max(0, tok.i - len(name.split()) + 1) : tok.i + 1].text == name:
                continue  # (the whole name right here, untagged: 'Home Depot (ticker: HD) reported')
            person = self._add(name)
            if person is None:
                continue
            created[tok.text] = person
            for sp in spans:
                if sp.text == person.name:
                    person.mentions.append(Mention(sp.text, sp.start_char, sp.end_char))
                    for t in sp:
                        self.by_token[t.i] = person
            person.mentions.append(Mention(tok.text, tok.idx, tok.idx + len(tok.text)))
            self.by_token[tok.i] = person

    def _untagged_surnames(self, doc: Doc) -> None:
        """'Dempsey said' where the model missed the entity: a proper noun equal to the surname of
        exactly one person named in full elsewhere in the article is that person."""
        surnames: dict[str, list[Person]] = {}
        for p in self.people:
            if len(p.name.split()) >= 2:
                surnames.setdefault(name_parts(p.name)[1], []).append(p)
        for tok in doc:
            # (the model often takes an unfamiliar surname for a product: 'said Velikova'; for a place or
            # a nationality only as the one saying: '“…,” Opelka said', 'Brooke asked')
            if tok.i in self.by_token or not tok.text[0].isupper() or tok.ent_type_ not in {"", "PERSON", "ORG", "PRODUCT"} \
                    and not (tok.ent_type_ in {"NORP", "GPE", "LOC", "FAC"} and _says(tok)):
                continue
            # the tagger sometimes calls an unfamiliar surname a noun ('Agerblad said'); a bare noun
            # subject or object with no determiner is still a name when it equals a known surname
            if tok.pos_ != "PROPN" and not (tok.pos_ == "NOUN" and tok.dep_ in {"nsubj", "nsubjpass", "pobj", "dobj"}
                                            and not any(c.dep_ == "det" for c in tok.children)):
                continue
            owners = surnames.get(tok.text.casefold(), [])
            if not owners and _says(tok):
                # a one-word name tagged elsewhere ('President Trump'), not where it speaks ('Trump declared'),
                # or the first name of one person named in full ('Dale wrote' for Dale Ford)
                owners = [found] if (found := self.known_by(tok.text)) is not None else []
                if not owners and tok.pos_ == "PROPN" and (found := self._find(tok.text)) is not None \
                        and len(found.name.split()) >= 2:
                    owners = [found]
            if len(owners) == 1:
                owners[0].mentions.append(Mention(tok.text, tok.idx, tok.idx + len(tok.text)))
                self.by_token[tok.i] = owners[0]
        text = doc.text
        # a full name the model tagged as something else here ('Teresa Nielsen Hayden explained' as a title)
        for p in [p for p in self.people if len(p.name.split()) >= 2]:
            for m in re.finditer(rf"(?<![\w-]){re.escape(p.name)}(?![\w-])", text):
                span = doc.char_span(m.start(), m.end())
                if span is None or any(t.i in self.by_token for t in span):
                    continue
                p.mentions.append(Mention(span.text, span.start_char, span.end_char))
                for t in span:
                    self.by_token[t.i] = p
        # surnames of several tokens ('Archer-Bradshaw', 'des Cars') found as text and mapped to tokens
        for surname, owners in surnames.items():
            if len(owners) != 1 or not re.search(r"[\s-]", surname):
                continue
            for m in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text, re.I):
                span = doc.char_span(m.start(), m.end())
                if span is None or any(t.i in self.by_token for t in span) or not span.text[0].isupper():
                    continue
                if any(t.ent_type_ not in {"", "PERSON", "ORG"} for t in span):
                    continue
                owners[0].mentions.append(Mention(span.text, span.start_char, span.end_char))
                for t in span:
                    self.by_token[t.i] = owners[0]

    def _is_excluded(self, text: str) -> bool:
        first, last = name_parts(text)
        single = len(text.split()) == 1
        for ef, el in self.excluded:
            if (first, last) == (ef, el) or (single and text.casefold() in {ef, el}):
                return True
        return False

    def _find(self, text: str, gender: str | None = None) -> Person | None:
        """The person a name found in the text is, if already known; ``gender`` ('m'/'f') is that of a
        title before it."""
        key = text.casefold()
        first, last = name_parts(text)
        if len(text.split()) == 2 and not first and last and text.split()[0].casefold().strip(".") in HONORIFICS:
            gender = _TITLE_GENDERS.get(text.split()[0].casefold().strip("."))
            key, text = last, last  # 'Ms Truss': the surname with a title is that surname
        if len(text.split()) == 1:
            by_last = [p for p in self.people if name_parts(p.name)[1] == key]
            by_first = [p for p in self.people if name_parts(p.name)[0] == key]
            # a middle name last: 'Etienne' for Camille Etienne Gbedey, who goes by both surnames
            by_middle = [p for p in self.people if key in _middle_names(p.name)]
            matches = by_last or by_first or by_middle or self._misspelt_surname(key)
            if gender is not None and matches is by_last:
                # 'Mr Anderson' where the article names Zoe Anderson and her father Chris Anderson (or only
                # Zoe Anderson: then he is someone else)
                matches = [p for p in matches if not other_gender(name_parts(p.name)[0], gender)]
            if len(matches) == 1:
                return matches[0]
            # ambiguous ('Cook' with two Cooks): the bare name's own card, never one per mention
            return next((p for p in self.people if p.key == key), None)
        for p in self.people:
            pf, pl = name_parts(p.name)
            if p.key == key or (last and pl == last and first and _same_first_name(pf, first)):
                return p
        # the same surname and a first name misspelt by one letter ('Kristin Wilkins' beside Kristen Wilkins), in
        # names long enough for a typo to be likelier than a sibling; only when one person is that close
        close = [p for p in self.people if last and first and name_parts(p.name)[1] == last
                 and _one_letter_off(name_parts(p.name)[0], first)]
        if len(close) == 1:
            return close[0]
        # the end of a longer name: a double surname without the first name ('Kostro Miller' for
        # Amanda A. Kostro Miller), when only one person named in full ends that way
        words = key.split()
        tails = [p for p in self.people if len(p.name.split()) > len(words) and p.key.split()[-len(words):] == words]
        return tails[0] if len(tails) == 1 else None

    def _misspelt_surname(self, word: str) -> list[Person]:
        """People named in full whose surname a bare name misspells by one letter ('Water' for Kathryn
        Waters, 'Mauer' for K.C. Maurer): same first letter, and a swapped letter only in longer
        names (so 'Osama' is never taken for Obama)."""
        return [p for p in self.people if len(p.name.split()) > 1 and _one_letter_off(name_parts(p.name)[1], word)]

    def _add(self, text: str) -> Person | None:
        if self._is_excluded(text) or _not_a_name(text, self.prose):
            # ('Fact Checker' is no person: no card, no mention, and no surname that makes another ambiguous)
            return None
        if len(text.split()) > 1:
            # a full name found after its bare surname ('Apte said' … 'Joshua Apte, a professor'): one person
            first, last = name_parts(text)
            # (or after the surname with a title: 'Ms Truss' … 'Liz Truss')
            bare = [p for p in self.people if len(p.name.split()) == 1 and p.name.casefold() in {last, first}
                    or first and name_parts(p.name) == ("", last) and p.name.split()[0].casefold().strip(".") in HONORIFICS]
            if len(bare) == 1 and not any(p is not bare[0] and len(p.name.split()) > 1 and name_parts(p.name)[1] == last
                                          for p in self.people):
                bare[0].name = text
                return bare[0]
        person = Person(name=text)
        self.people.append(person)
        return person

    def known_by(self, word: str) -> Person | None:
        """The one person whose whole name is this one word ('Dion', tagged as a person elsewhere)."""
        owners = [p for p in self.people if p.key == word.casefold()]
        return owners[0] if len(owners) == 1 else None

    def resolve_label(self, label: str) -> Person | None:
        """The person an interview label names: their full name, or a first or last name that
        belongs to exactly one person named in full."""
        if len(label.split()) == 1:
            return self._find(label) if len(label) > 1 else None
        first, last = name_parts(label)
        return next((p for p in self.people if name_parts(p.name) == (first, last)), None)

    def person_with_role(self, noun: str, *, before: int) -> Person | None:
        """The only person named before ``before`` whose role, as the article gives it at one of
        their mentions, has ``noun`` as a word ('Mayor Linda Park' … 'the mayor')."""
        owners = self.people_with_role(noun, before=before)
        return owners[0] if len(owners) == 1 else None

    def people_with_role(self, noun: str, *, before: int) -> list[Person]:
        """Everyone named before ``before`` whose role at one of their mentions has ``noun`` as a word."""
        owners = []
        for person in self.people:
            for mention in person.mentions:
                if mention.start >= before:
                    break
                span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
                found = role_of(span.root, self.doc) if span is not None else None
                if found and noun in re.findall(r"\w+", found[0].casefold()):
                    owners.append(person)
                    break
        return owners

    def person_at(self, token: Token) -> Person | None:
        """The person whose name covers this token, if any."""
        return self.by_token.get(token.i)

    def person_by_role(self, token: Token) -> Person | None:
        """A speaker the NER missed or called an organisation, accepted only when the article gives
        the name a person's role ('Gustavo Faleiros, an editor at …, said')."""
        if token.pos_ != "PROPN" or token.ent_type_ not in {"", "ORG", "PERSON"}:
            return None
        # an unlabelled two- or three-word name as the subject of a speech verb, or any name with a role
        unlabelled = token.ent_type_ == "" and token.dep_ in {"nsubj", "nsubjpass"} and token.head.lemma_.lower() in SPEECH_VERBS
        if not (unlabelled or _has_person_role(token)):
            return None
        left = token.i
        doc = token.doc
        while left > 0 and doc[left - 1].pos_ == "PROPN" and doc[left - 1].dep_ == "compound" \
                and doc[left - 1].lemma_.lower() not in PERSON_ROLE_NOUNS:
            left -= 1
        left = _hyphenated_start(doc, left)
        span = token.doc[left : token.i + 1]
        found = clean_name(span) if 2 <= len(span) <= 4 else None
        if found is None:
            return None
        text, start, end = found
        known = self._find(text)
        person = known or self._add(text)
        if person is not None:
            person.mentions.append(Mention(text, start, end))
            for t in span:
                self.by_token[t.i] = person
            if known is None:
                self._later_surnames(person, after=token.i)
        return person

    def _later_surnames(self, person: Person, *, after: int) -> None:
        """A person found only now, by their role ('Jeff Sanborn, president of …, said'): later
        mentions of their surname alone ('Sanborn said', which the model may tag as an
        organisation) are theirs, when nobody else has that surname."""
        last = name_parts(person.name)[1]
        if not last or len(person.name.split()) < 2 or any(
                p is not person and last in {name_parts(p.name)[1], p.key} for p in self.people):
            return
        for tok in self.doc[after + 1 :]:
            if tok.lower_ == last and tok.i not in self.by_token and _proper(tok) \
                    and tok.ent_type_ in {"", "PERSON", "ORG", "PRODUCT"} and tok.ent_iob_ != "I":
                person.mentions.append(Mention(tok.text, tok.idx, tok.idx + len(tok.text)))
                self.by_token[tok.i] = person


# ---------------------------------------------------------------- roles


def _proper(tok: Token) -> bool:
    """A proper noun, or a capitalised word the tagger called a noun with nothing making it one
    ('Figgins declined'; not 'the Depot said')."""
    return tok.pos_ == "PROPN" or tok.pos_ == "NOUN" and tok.is_title and not any(c.dep_ == "det" for c in tok.children)


def _span_text(doc: Doc, start_tok: int, end_tok: int) -> tuple[str, int, int]:
    span = doc[start_tok:end_tok]
    return span.text, span.start_char, span.end_char


HONORIFICS = lexicon.words("honorifics")
_TITLE_GENDERS = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "dame": "f", "lord": "m", "lady": "f"}


def _title_gender(text: str, start: int) -> str | None:
    """'m' or 'f' when the name at ``start`` follows a gendered title (Mr, Mrs, Ms, Miss)."""
    m = _GENDERED_TITLE.search(text, max(0, start - 6), start)
    return None if m is None else _TITLE_GENDERS[m["title"].casefold()]
_NOBLE_TITLES = frozenset("princess prince queen king duke duchess earl count countess baron baroness emperor pope "
                          "saint st sheikh sultan".split())


# words the parse may hang on a name that say how many, not who ('Noel and Thomas both acknowledged')
_QUANTIFIERS = frozenset("both all each either neither alone themselves himself herself".split())
# an apposition headed by one of these describes an organisation, not the person before it ('Scott Paul, who heads
# the Alliance for American Manufacturing, a group that has applauded …')
_ORGANISATION_NOUNS = frozenset("group company firm organization organisation agency label body institute association "
                                "coalition union network outlet publication nonprofit charity foundation bank fund "
                                "corporation business startup website newspaper magazine".split())


def role_of(token: Token, doc: Doc) -> tuple[str, int, int] | None:
    """The role at this mention, unless it is only an honorific ('Dr', 'Mr') or runs into a quotation
    (a song title, '“I’d Do Anything', or the end of a quote, 'water in vapor form," lead researcher')."""
    found = _role_of(token, doc)
    span = doc.char_span(found[1], found[2], alignment_mode="expand") if found else None
    if span is not None:
        # without what ends it but is no part of it: the name's own title ('CNN's chief medical
        # correspondent Dr.') or a paragraph break ('ZDNet')
        end = span.end
        while end > span.start and (doc[end - 1].is_space or doc[end - 1].lower_.strip(".") in HONORIFICS):
            end -= 1
        found = _span_text(doc, span.start, end) if end > span.start else None
    if found and (found[0].strip(". ").casefold() in HONORIFICS | CREDENTIALS | _QUANTIFIERS or _inside_quote(found[0])
                  or found[0].lstrip("(").startswith("@")  # (nor a degree, 'Michael Shadlen, Ph.D.', nor a handle)
                  or set(found[0].casefold().replace(":", " ").split()) <= _CREDIT_LABELS):  # ('Image: Mark Rathbun')
        return None
    return found


def _inside_quote(role: str) -> bool:
    """A role cut out of quoted text: it opens a quotation it never closes ('“I’d Do Anything'), or
    closes one it never opened ('water in vapor form," lead researcher'). Balanced quotation marks are
    fine ('“Today” show host')."""
    opens, closes = role.count("“") + role.count("«"), role.count("”") + role.count("»")
    if opens != closes:
        return True
    first_close = min((i for i in (role.find("”"), role.find("»")) if i >= 0), default=-1)
    first_open = min((i for i in (role.find("“"), role.find("«")) if i >= 0), default=-1)
    if first_close >= 0 and first_close < first_open:
        return True
    return role.count('"') % 2 == 1


def _hyphenated_start(doc: Doc, start: int) -> int:
    """Where a name starting at ``start`` really starts when capitalised words are joined to it by
    hyphens ('Eva-Marie Persson' from 'Marie')."""
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ \
            and not doc[start - 2].whitespace_ and doc[start - 2].is_title:
        start -= 2
    return start


def _name_left(token: Token) -> int:
    """Index of the first word of the name whose last word is ``token`` ('Elizabeth Truss' in
    'British Foreign Secretary Elizabeth Truss'): proper nouns that are not role words."""
    left = token.i
    doc = token.doc
    if token.ent_type_ == "PERSON" and token.ent_iob_ == "I":
        # a name the model tagged in full ('Kay McConney'): the capitalised words before it belong to the
        # role, whatever the parse says ('Minister of Education Kay McConney'); an entity that swallowed
        # its role ('Biden spokesperson Andrew Bates') starts after the role noun
        while doc[left].ent_iob_ == "I" and doc[left - 1].lemma_.lower() not in PERSON_ROLE_NOUNS:
            left -= 1
        return left
    while left > 0:
        prev = doc[left - 1]
        if prev.head != token or prev.dep_ != "compound" or prev.pos_ != "PROPN" or not prev.is_title:
            break
        if prev.lemma_.lower() in PERSON_ROLE_NOUNS or prev.ent_type_ in {"GPE", "NORP", "ORG"}:
            break
        left -= 1
        if (hyphenated := _hyphenated_start(doc, left)) != left:
            left = hyphenated  # (a hyphenated given name opens the name: 'Eva-Marie Persson')
            break
    # the whole PERSON entity the token closes ('Renaldo “Peewee” Gilkes'), whatever the parse says
    start = token.i
    while start > 0 and doc[start].ent_type_ == "PERSON" and doc[start].ent_iob_ == "I":
        start -= 1
    if doc[start].ent_type_ == "PERSON" and doc[start].lemma_.lower() not in PERSON_ROLE_NOUNS:
        left = min(left, start)
    return left


def _phrase(doc: Doc, left: int, right: int, limit: int = 15) -> tuple[str, int, int] | None:
    """Tokens ``left``..``right`` as a role: without leading articles or trailing punctuation, and only
    when 1 to ``limit`` tokens remain."""
    # (nor what closes the quotation before it: '…,” Sweden’s deputy director …, Eva-Marie Persson, said')
    while left < right and (doc[left].pos_ == "DET" or doc[left].text in {"”", "»", ",", ")", ":", ";"}):
        left += 1
    while right > left and doc[right - 1].is_punct:
        right -= 1
    return _span_text(doc, left, right) if 0 < right - left <= limit else None


def _role_of(token: Token, doc: Doc) -> tuple[str, int, int] | None:
    name_start = _name_left(token)
    # 1. pre-modifiers of the name: "political analyst Andrew Korybko", "British Foreign Secretary Elizabeth Truss"
    mods = [c for c in token.children if c.i < name_start and c.dep_ in {"compound", "amod", "nmod"}
            and (c.ent_type_ != "PERSON" or c.lemma_.lower() in PERSON_ROLE_NOUNS)]
    if mods:
        left = min(m.left_edge.i for m in mods)
        while left < name_start and doc[left].pos_ == "DET":
            left += 1
        while 0 < left < name_start and (doc[left].text == "-" or doc[left - 1].text == "-") and not doc[left - 1].whitespace_:
            left -= 1  # the whole hyphenated word ('co-author', not '-author')
        # only the words after the last comma or conjunction, and after any other name: what stands right
        # before the name is its role ('… Officer Dr Ramona Archer-Bradshaw and Acting Chief Medical Officer
        # Dr Anton Best' when the parse hangs the list on the last name; 'in Redmond, Washington, Chief
        # Executive Satya Nadella'); the words before a conjunction may describe someone else
        if any(t.dep_ == "cc" or t.text == "," for t in doc[left:name_start]):
            for i in range(name_start - 1, left - 1, -1):
                if doc[i].ent_type_ == "PERSON" and doc[i].lemma_.lower() not in PERSON_ROLE_NOUNS \
                        or doc[i].dep_ == "cc" or doc[i].text == ",":
                    left = i + 1
                    break
        words = doc[left:name_start]
        ages = [t.i for t in words if t.lower_ == "old" and t.i >= 2 and doc[t.i - 2].lower_ in {"year", "years", "yr"}]
        if ages:  # '43-year-old Martin Taylor': an age is no role; '32-year-old admirer X': the rest is
            words = doc[ages[-1] + 1 : name_start]
        words = _without_titles(words)
        while len(words) and (words[0].text in _BULLETS or words[0].is_space):
            words = words[1:]  # a list's bullet ('- SoftBank CEO Masayoshi Son'), not an opening quotation mark
        # (a noun that is only a time, 'Day-by-day Schiff’s …', makes no role)
        if len(words) and (any(t.pos_ == "NOUN" and t.ent_type_ not in {"DATE", "TIME"} and t.lemma_.lower() not in _TIME_NOUNS
                               for t in words)
                           or any(t.lemma_.lower() in PERSON_ROLE_NOUNS for t in words)):
            return words.text, words.start_char, words.end_char
    # 2. apposition after the name: "X, a spokesperson for the ministry, said"
    for child in token.children:
        if child.dep_ == "appos" and child.i > token.i and child.ent_type_ != "PERSON" and not child.like_num \
                and child.ent_type_ not in {"DATE", "CARDINAL"}:  # 'Jane Doe, 34, said': an age is no role
            if child.lemma_.lower() in _ORGANISATION_NOUNS:
                continue
            listed = [c for c in child.children if c.dep_ == "conj"]
            if listed and not any(_person_noun(t) for t in (child, *listed)):
                continue  # a list the name opens, not a role ('Taylor Swift, her former record label and a couple of …')
            left, right = child.left_edge.i, child.right_edge.i + 1
            # a hyphenated role the parse split into appositions ('vice', '-', 'chancellor of …')
            while right + 1 < len(doc) and doc[right].text == "-" and not doc[right - 1].whitespace_ \
                    and doc[right + 1].dep_ == "appos" and doc[right + 1].head == token:
                right = doc[right + 1].right_edge.i + 1
            # (a relative clause after a comma is about the person or the organisation, not a role:
            # '…at Duke University, who is leading …', '…Group, which oversees …')
            right = next((t.i for t in doc[child.i + 1 : right - 1]
                          if t.text == "," and doc[t.i + 1].lower_ in {"who", "which", "whose", "where"}), right)
            # (without the letters after the name that open it: 'MD, MSc, Senior Deputy Editor'; 'QC' alone is none)
            while left < right and (doc[left].lower_.strip(".") in CREDENTIALS or doc[left].text == ","):
                left += 1
            if left >= right:
                continue
            found = _phrase(doc, left, right, limit=20) or _phrase(doc, left, child.i + 1, limit=20)
            if found and _PARTY_LABEL.match(found[0]) and name_start > 0 and _is_title_abbreviation(doc[name_start - 1]) \
                    and doc[name_start - 1].is_title:
                # 'Sen. Ben Sasse, R-Neb.': the party and state say which senator; the title before the name is the role
                return _span_text(doc, name_start - 1, name_start)
            if found:  # (a long apposition is cut to its head: 'a senior scientist')
                return found
    # 3. a relative clause with 'be': "said Leigh Sears who is the Lake Berryessa concessions manager"
    for child in token.children:
        if child.dep_ == "relcl" and child.lemma_ == "be" and child.i > token.i:
            attr = next((c for c in child.children if c.dep_ == "attr" and c.pos_ in {"NOUN", "PROPN"}), None)
            if attr is not None and attr.ent_type_ != "PERSON" and (found := _phrase(doc, attr.left_edge.i, attr.right_edge.i + 1)):
                return found
    # 3b. a relative clause saying what the person leads: "Scott Paul, who heads the Alliance for American
    # Manufacturing" -> 'heads the Alliance for American Manufacturing' (the verb and its object only,
    # not 'in 1999')
    for child in token.children:
        ongoing = child.lemma_.lower() in _ONGOING_WORK_VERBS and child.tag_ in {"VBZ", "VBP"}
        if child.dep_ == "relcl" and child.i > token.i and (child.lemma_.lower() in _LEADING_VERBS or ongoing) \
                and any(c.dep_ == "nsubj" and c.lower_ == "who" for c in child.children) \
                and not any(c.dep_ in {"aux", "neg"} for c in child.children):
            obj = next((c for c in child.children if c.dep_ == "dobj" and (c.pos_ in {"NOUN", "PROPN"} or _share_of_group(c))), None)
            end = obj.right_edge.i + 1 if obj is not None else None
            # (where they do it, when it is an institution: '… who teaches economics at Yale')
            place = next((c for c in child.children if c.dep_ == "prep" and c.lower_ in {"at", "for"} and end is not None
                          and c.i == end and any(p.dep_ == "pobj" and p.pos_ == "PROPN" for p in c.children)), None)
            if ongoing and place is not None:
                end = place.right_edge.i + 1
            # (not a person led: 'who coaches Serena Williams' … but a client is a lawyer's role: 'who represents Noel')
            if obj is not None and (obj.ent_type_ != "PERSON" or child.lemma_.lower() == "represent") \
                    and (found := _phrase(doc, child.i, end)):
                return found
    # 3c. a relative clause saying what the person serves or works as: "Ronny Jackson, who was then serving as the
    # President's physician" -> "President's physician"
    for child in token.children:
        # (said in the present or as the time's: 'who served as Finance Minister for several years' is a former role)
        if child.dep_ == "relcl" and child.i > token.i and child.lemma_.lower() in {"serve", "work", "act"} \
                and child.tag_ in {"VBZ", "VBP", "VBG"} \
                and any(c.dep_ == "nsubj" and c.lower_ == "who" for c in child.children) \
                and not any(c.dep_ == "neg" for c in child.children):
            as_ = next((c for c in child.children if c.dep_ == "prep" and c.lower_ == "as"), None)
            role = next((c for c in as_.children if c.dep_ == "pobj"), None) if as_ is not None else None
            if role is not None and _person_noun(role) and (found := _phrase(doc, role.left_edge.i, role.right_edge.i + 1)):
                return found
    # 4. the organisation right after the name: "Lukas Stefanko with ESET", "X from the University of Reading"
    end = token.i + 1
    if end + 1 < len(doc) and doc[end].lower_ in {"with", "from", "at", "of"}:
        start = end + 1 + (doc[end + 1].lower_ == "the" and doc[end + 1].ent_type_ != "ORG")
        if start < len(doc) and doc[start].ent_type_ == "ORG" and doc[start].ent_iob_ == "B":
            stop = start + 1
            while stop < len(doc) and doc[stop].ent_iob_ == "I":
                stop += 1
            return _span_text(doc, end, stop)
    # 5. a sentence that says what the person is: "Lisa Monroe is a researcher at the Brookings Institution"
    if token.dep_ == "nsubj" and token.head.lemma_ == "be":
        attr = next((c for c in token.head.children if c.dep_ == "attr" and c.i > token.i), None)
        if attr is not None and attr.lemma_.lower() in PERSON_ROLE_NOUNS and attr.ent_type_ != "PERSON" \
                and (found := _phrase(doc, attr.left_edge.i, attr.right_edge.i + 1)):
            return found
    # 6. the name is itself the apposition of a role noun: "a spokesperson for the ministry, Jane Doe, said"
    if token.dep_ == "appos" and _role_noun(token.head) and token.head.i < name_start:
        # (up to the name, whose first words may be hung elsewhere: 'Eva-Marie' of 'Eva-Marie Persson')
        right = name_start
        while right > token.head.i + 1 and (doc[right - 1].text == "-" and not doc[right - 1].whitespace_
                                             or doc[right - 1].pos_ == "PROPN" and doc[right - 1].head == token
                                             and doc[right - 1].ent_type_ not in {"GPE", "NORP", "LOC"}):
            right -= 1
        return _phrase(doc, token.head.left_edge.i, right)
    # 7. a capitalised title right before the name that the parse hung elsewhere (a list of officials,
    # '…, Chief Education Officer Dr Ramona Archer-Bradshaw and Acting Chief Medical Officer Dr Anton Best')
    return _title_before(doc, name_start)


def _person_noun(tok: Token) -> bool:
    """A noun for a person: a known role, a title, or a word formed the way agent nouns are ('dermatologist',
    'obstetrician', 'founder'); not 'label' or 'couple'."""
    return tok.lemma_.lower() in PERSON_ROLE_NOUNS or tok.pos_ == "PROPN" or tok.is_upper or _agent_word(tok.lower_)


def _agent_word(word: str) -> bool:
    """A lower-case word formed the way agent nouns are ('dermatologist', 'founder', 'executive')."""
    return word.endswith(("ist", "ian", "er", "or", "ant", "ent", "eer", "ee", "ive", "man", "woman", "person"))


def _epithet(tok: Token) -> bool:
    """'the mayor', 'the Conservative MP': a definite role noun standing for a person, with nothing
    after it that would make it someone else ('the mayor of Paris', 'the minister who …')."""
    # (a capitalised head that also names newspapers names one: 'The Hollywood Reporter', 'The Economist')
    return tok.tag_ in {"NN", "NNP"} and tok.lemma_.lower() in PERSON_ROLE_NOUNS and tok.ent_type_ == "" \
        and not (tok.is_title and tok.lower_ in _PUBLICATION_WORDS) \
        and any(c.lower_ == "the" and c.dep_ == "det" for c in tok.children) \
        and not any(c.dep_ in {"prep", "relcl", "acl", "appos"} for c in tok.children)


def _share_of_group(tok: Token) -> bool:
    """'some of Epstein’s accusers', 'one of the teams': a pronoun or number that says which part of a group."""
    return tok.pos_ in {"PRON", "NUM"} and any(
        p.dep_ == "prep" and p.lower_ == "of" and any(o.dep_ == "pobj" and o.pos_ in {"NOUN", "PROPN"} for o in p.children)
        for p in tok.children)


def _held_view(verb: Token) -> tuple[Token, Token] | None:
    """'are of the view (opinion, belief) that …': the noun and the clause that says the view."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        for noun in prep.children:
            if noun.dep_ == "pobj" and noun.lemma_.lower() in {"view", "opinion", "belief"}:
                clause = next((c for c in noun.children if c.dep_ in {"acl", "ccomp"} and c.pos_ in {"VERB", "AUX"}
                               and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
                if clause is not None:
                    return noun, clause
    return None


def _age_epithet(tok: Token) -> bool:
    """'the 56-year-old', 'The 31-year-old': an age standing for a person, with nothing after it that would make it
    someone else ('the 56-year-old from Leeds', 'the 31-year-old who …')."""
    words = tok.doc[tok.left_edge.i : tok.i + 1]
    return tok.lower_ == "old" and len(words) == 6 and words[0].lower_ == "the" and words[1].like_num \
        and [w.lower_ for w in words[2:5]] == ["-", "year", "-"] and not any(c.dep_ in {"prep", "relcl", "acl", "appos"}
                                                                          for c in tok.children)


def _role_noun(tok: Token) -> bool:
    """A common noun, or a title the tagger calls a proper noun ('The institute’s CEO, Oren Etzioni'; 'Cmdr.
    Sean Robertson, …, told')."""
    return tok.pos_ == "NOUN" or tok.pos_ == "PROPN" and tok.ent_type_ == "" and (
        tok.lemma_.lower() in PERSON_ROLE_NOUNS or _is_title_abbreviation(tok))


def _is_title_abbreviation(tok: Token) -> bool:
    """'Cmdr', 'Hon.' or 'Dr': a title written short."""
    word = tok.lower_.rstrip(".")
    return word + "." in _TITLE_ABBREVIATIONS or word in HONORIFICS


def _before_honorifics(doc: Doc, end: int, start: int = 0) -> int:
    """Where the honorifics that end ``doc[start:end]`` begin ('… Officer Dr' -> the index of 'Dr')."""
    while end > start and doc[end - 1].lower_.strip(".") in HONORIFICS:
        end -= 1
    return end


def _without_titles(words: Span) -> Span:
    """A role without the honorifics that end it ('Chief Education Officer Dr' -> 'Chief Education Officer')."""
    return words.doc[words.start : _before_honorifics(words.doc, words.end, words.start)]


def _title_before(doc: Doc, name_start: int) -> tuple[str, int, int] | None:
    """'Acting Chief Medical Officer' in '… and Acting Chief Medical Officer Dr Anton Best': capitalised
    words (and 'of') right before the name or its honorific, with a role noun among them
    ('Minister of Health Kay Brathwaite')."""
    end = _before_honorifics(doc, name_start)
    if end > 0 and doc[end - 1].is_lower and doc[end - 1].lemma_ in PERSON_ROLE_NOUNS:
        # a common-noun role the parse hung elsewhere ('Both Agerblad and tattoo artist Zashay Tastas'):
        # the role noun and the words right before it that describe it ('Instagram head Adam Mosseri')
        left = end - 1
        while end - left < 4 and left > 0 and doc[left - 1].is_alpha and (
                doc[left - 1].is_lower and doc[left - 1].pos_ in {"NOUN", "ADJ", "ADV", "PROPN"}
                or doc[left - 1].pos_ == "PROPN" and doc[left - 1].ent_type_ in {"ORG", "GPE", "NORP", ""}):
            left -= 1
        return _span_text(doc, left, end)
    left = end
    while left > 0 and (doc[left - 1].is_title and doc[left - 1].pos_ in {"PROPN", "ADJ", "NOUN", "VERB"}
                        and doc[left - 1].ent_type_ not in {"PERSON", "DATE", "TIME"}
                        or doc[left - 1].lower_ == "of" and left - 1 > 0 and doc[left - 2].is_title and left < end):
        left -= 1
    if not 0 < end - left <= 8 or not any(t.lemma_.lower() in PERSON_ROLE_NOUNS for t in doc[left:end]):
        return None
    return _span_text(doc, left, end)


# ---------------------------------------------------------------- quotes and cues


def _sent(tok: Token) -> Span:
    """The sentence of a token, from an index built once per document (``Token.sent`` scans the
    document's sentences on every call)."""
    doc = tok.doc
    index = doc.user_data.get("backstory_sent_index")
    if index is None:
        index = [None] * len(doc)
        for sent in doc.sents:
            for i in range(sent.start, sent.end):
                index[i] = sent
        doc.user_data["backstory_sent_index"] = index
    return index[tok.i]


# a straight-quoted attribution inside a curly quotation: ',” he said, “' typed as '," he said, "'
_STRAIGHT_INTERRUPTION = re.compile(rf'[,.!?]"{_ATTRIBUTION_AFTER.pattern}[^"“”\n]{{0,40}}?,\s*"')


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans (inside the marks) of quoted passages long enough to be quotes, or shorter
    ones closed by a comma, '!' or '?' and followed by their attribution ('“Amazing,” Davis said')."""
    spans = []
    for m in _QUOTE_RE.finditer(text):
        inner_start, inner_end = m.start() + 1, m.end() - 1
        cut = _STRAIGHT_INTERRUPTION.search(text, inner_start, inner_end) if m.group(0)[0] == "“" else None
        if cut is not None:
            # '“When all the evidence …," he said, "maybe you’ll …”': the page closed and reopened the
            # quotation with straight marks around its attribution; two spans, the attribution outside
            spans += [(inner_start, cut.start() + 1), (cut.end(), inner_end)]
            continue
        words = text[inner_start:inner_end].split()
        if len(words) >= MIN_QUOTE_WORDS and not _is_title(words) or words and (
                text[inner_start:inner_end].rstrip()[-1:] in {",", "!", "?"} and _ATTRIBUTION_AFTER.match(text, m.end())
                or len(words) >= 2 and _ATTRIBUTION_BEFORE.search(text, max(0, m.start() - 60), m.start())):
            spans.append((inner_start, inner_end))
    return spans


def _leaves_quote_open(para: str) -> bool:
    """Whether a paragraph opens a quotation it does not close: more '“' than '”' and straight marks can
    close (a '“…"' pair is closed), or an odd number of straight marks and no curly ones open."""
    opened = para.count("“") - para.count("”")
    straight = para.count('"')
    if opened > 0:
        return opened > straight
    return straight % 2 == 1


def _with_open_paragraph_quotes(text: str, spans: list[tuple[int, int]],
                                paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The quotations a paragraph leaves open, the way British papers run a quote over paragraphs
    ('Judge Ford said: "There was …' / '"You knew …' / '"When you left …"'): from the unclosed mark to the
    paragraph's end, as long as they are long enough to be quotes."""
    extra = []
    for start, end in paragraphs:
        para = text[start:end]
        if not _leaves_quote_open(para):
            continue
        mark = max(para.rfind("“"), para.rfind('"') if para.count('"') % 2 == 1 else -1)
        lo, hi = start + mark + 1, start + len(para.rstrip())
        if mark < 0 or len(text[lo:hi].split()) < MIN_QUOTE_WORDS or any(s < hi and lo < e for s, e in spans):
            continue
        extra.append((lo, hi))
    return sorted(spans + extra)


def _opens_after_cue(between: str) -> bool:
    """'she said “that was the last time …”', 'Bell asked last week “Why has this …?”': a quotation right after
    its verb with no colon or comma, at most a few words of time between."""
    if re.fullmatch(r"\s*,\s*(?:but|and)\s*", between):
        return True  # 'Levy said, but “I want to emphasize …”'
    words = between.split()
    return len(words) <= 2 and all(w.isalpha() and w.islower() for w in words) and not between.rstrip().endswith(("”", '"'))


def _is_title(words: list[str]) -> bool:
    """'Takin’ It To the Streets', 'The Scholars of Night': every word capitalised but the small ones and
    no sentence end, the way songs, books and films are named; not something said."""
    if words[-1][-1:] in ".!?" or words[-1].endswith((".,", ".”")):
        return False
    return all(w[:1].isupper() or not w[:1].isalpha() or w.lower() in _TITLE_SMALL_WORDS for w in words)


def _trim_clause(text: str, lo: int, hi: int) -> tuple[int, str]:
    """A reported clause without its leading 'that' and trailing punctuation: (new start, text)."""
    raw = re.sub(r"[\s,.;:]+$", "", text[lo:hi])
    lead = re.match(r"^(?:that\s+|[\s,]+)*", raw)
    skip = lead.end() if lead else 0
    return lo + skip, raw[skip:]


_OFFSET = operator.itemgetter(0)  # (the offset of an (offset, speaker) pair)


def _overlapping(spans: list[tuple[int, int]], lo: int, hi: int) -> list[tuple[int, int]]:
    """The spans (sorted, not overlapping) that share a character with ``lo``..``hi``; all of them when
    that range is empty or reversed (the caller's test then decides)."""
    if hi <= lo:
        return spans
    i = max(bisect.bisect_right(spans, (lo, math.inf)) - 1, 0)
    j = bisect.bisect_left(spans, (hi, -math.inf))
    return spans[i:j]


class _Taken:
    """Spans that may overlap (the quotes already given to someone), asked 'does one hold this offset'
    and 'does one share a character with this range' by bisection: a page may have thousands."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.reach = list(itertools.accumulate((e for _, e in ordered), max))  # (the furthest end so far)

    def holds(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and self.reach[i] > pos

    def meets(self, lo: int, hi: int) -> bool:
        """Whether a span starts before ``hi`` and ends after ``lo``."""
        j = bisect.bisect_left(self.starts, hi)
        return j > 0 and self.reach[j - 1] > lo


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` falls in one of ``spans`` (sorted, not overlapping)."""
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _subject(verb: Token) -> Token | None:
    """Who does the saying: the verb's subject, the subject it shares with a verb it is conjoined to
    ('X laughed and said …'), an inverted subject ('…, said X'), or a name right before the verb."""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if len(subjects) > 1 and subjects[0].i < verb.i and subjects[0].ent_type_ != "PERSON" \
            and all(c.i > verb.i for c in subjects[1:]) \
            and not (verb.i > 0 and verb.doc[verb.i - 1].text in _INVERSION_MARKS):
        subjects = subjects[:1]  # ('The letter … warns Mr Johnson: “…”': the name after the verb is who is addressed)
    if len(subjects) > 1 and (named := [c for c in subjects if c.ent_type_ == "PERSON"]):
        # the parser gave the verb two subjects ('Wikileaks editor-in-chief Kristinn Hrafnsson said',
        # '…, said study co-author Anezina Solomonidou'): the name is the one saying
        best = min(named, key=lambda c: abs(c.i - verb.i))
        # unless a proper noun stands between it and the verb, a name the model did not tag ('… her
        # autobiography, Lady Sings the Blues, …, Billie Holliday replied'): the title is not the speaker
        nearer = [c for c in subjects if c.pos_ == "PROPN" and c.ent_type_ != "PERSON"
                  and (c.i < verb.i) == (best.i < verb.i) and abs(c.i - verb.i) < abs(best.i - verb.i)]
        return min(nearer, key=lambda c: abs(c.i - verb.i)) if nearer else best
    for child in subjects[:1]:
        if child.lower_ in {"who", "that"} and verb.dep_ == "relcl":
            # 'Dr Amanda Pinder, who expressed …': the relative pronoun's antecedent, or the name
            # in apposition to it ('the clinic's vet, Dr Amanda Pinder, who …')
            head = verb.head
            if head.pos_ == "PROPN":
                return head
            named = [c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN" and head.i < c.i < verb.i]
            if named:
                return named[-1]
        return _exemplified(child) or child
    for child in verb.children:
        if child.dep_ in {"dobj", "attr"} and child.i > verb.i and child.ent_type_ == "PERSON":
            return child  # an inverted subject taken for the object ('…,” said Ms Lee')
    if verb.dep_ in {"conj", "advcl", "xcomp"} and verb.head.pos_ == "VERB" and verb.i > verb.head.i:
        shared = [c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        named = [c for c in shared if c.ent_type_ == "PERSON"]
        if shared:  # (of several parsed subjects, the name: 'Facebook co-founder Mark Zuckerberg tweeted … and said')
            return named[-1] if len(shared) > 1 and named else shared[0]
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as" and verb.head.head.pos_ == "VERB":
        for child in verb.head.head.children:  # 'X was quoted as saying …'
            if child.dep_ in {"nsubj", "nsubjpass"}:
                return child
    if verb.dep_ == "pcomp" and verb.head.lower_ in {"after", "before", "while", "whilst"} and verb.head.head.pos_ == "VERB" \
            and verb.head.i > verb.head.head.i and not any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children):
        for child in verb.head.head.children:  # 'X came in for criticism after saying …' ('after being asked': not X's)
            if child.dep_ == "nsubj":
                return child
    before = verb.i - 1 - (verb.i > 1 and verb.doc[verb.i - 1].text == ",")  # ('… the Hon. Aubyn Hill, told')
    while before >= 2 and verb.doc[before].lower_.strip(".") in CREDENTIALS and verb.doc[before - 1].text == ",":
        before -= 2  # (past the letters after the name: 'Tom Molomby, SC, said')
    if before >= 0 and verb.doc[before].ent_type_ == "PERSON" and verb.doc[before].pos_ == "PROPN":
        return verb.doc[before]  # the parser lost the subject ('… Chief Executive Satya Nadella said that …')
    for child in verb.children:
        # the same with the name mis-tagged ('…,” wrote Fadem'): a proper noun right after the verb;
        # the caller still needs a known person
        if child.dep_ in {"dobj", "attr"} and child.pos_ == "PROPN" and child.left_edge.i == verb.i + 1:
            return child
    doc = verb.doc
    if verb.i + 1 < len(doc) and doc[verb.i + 1].ent_type_ == "PERSON" and doc[verb.i + 1].ent_iob_ == "B" \
            and verb.tag_ == "VBD" and verb.i > 0 and doc[verb.i - 1].text in {",", "”", '"'}:
        # an inverted subject the parser gave to a second verb ('“…,” said Jean-Paul Claverie, advisor to
        # Arnault, told Observer'): the name right after the verb, to its last word
        end = verb.i + 1
        while end + 1 < len(doc) and doc[end + 1].ent_type_ == "PERSON" and doc[end + 1].ent_iob_ == "I":
            end += 1
        return doc[end]
    return None


def _says(tok: Token) -> bool:
    """Whether a token is the one saying: subject of an attribution verb, the inverted subject right
    after it ('…,” said Opelka'), or the source after 'according to'."""
    verb = tok.head
    if tok.dep_ == "pobj" and verb.lower_ == "to" and verb.i > 0 and tok.doc[verb.i - 1].lower_ == "according":
        return True  # ('According to Parrington, …')
    if verb.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() not in QUOTE_CUES:
        return False
    # (inverted only after a quotation or a comma: '“…,” said Opelka', not 'Add Windows applications')
    return tok.dep_ in {"nsubj", "nsubjpass"} or tok.dep_ in {"dobj", "attr"} and tok.i == verb.i + 1 \
        and verb.i > 0 and tok.doc[verb.i - 1].text in _INVERSION_MARKS


def _in_reduced_relative(subj: Token) -> bool:
    """Whether a name the parser made a subject follows an article and a common noun it belongs to: 'a prospect
    Vindman denied' is a prospect (that) Vindman denied, not Vindman denying the sentence before it ('the 14th-ranked
    Schwartzman', 'counsel Steve Castor' are the name's own words)."""
    left = [c for c in subj.children if c.i < subj.i]
    return subj.pos_ == "PROPN" and any(c.dep_ == "det" for c in left) and any(
        c.dep_ == "compound" and c.pos_ == "NOUN" and c.lemma_.lower() not in PERSON_ROLE_NOUNS and not _agent_word(c.lower_)
        for c in left)


def _opens_with_subject(verb: Token) -> bool:
    """Whether the verb's sentence opens with its subject or the verb itself ('He Jianxiong, the former
    director, said …', 'said Ms Lee'; not 'After the match, Nabil Maaloul said …')."""
    sent = _sent(verb)
    first = next((t for t in sent if not t.is_punct and not t.is_space), None)
    if first is None or first.i == verb.i:
        return first is not None
    subj = _subject(verb)
    return subj is not None and subj.left_edge.i <= first.i


def _fronted_affiliation(subj: Token) -> tuple[str, int, int] | None:
    """'From the Copernicus Climate Change Service, Samantha Burgess confirms …': the organisation put
    before the speaker, as the article words it."""
    verb = subj.head
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "from" and prep.i < subj.i and prep.i == _sent(verb).start \
                and any(c.dep_ == "pobj" and c.ent_type_ == "ORG" for c in prep.children):
            return _phrase(verb.doc, prep.i, prep.right_edge.i + 1)
    return None


def _exemplified(subj: Token) -> Token | None:
    """The named example of a group subject: 'researchers like X', 'experts such as X' -> X."""
    if subj.pos_ != "NOUN" or subj.lemma_.lower() not in UNNAMED_HEADS:
        return None
    for prep in subj.children:
        if prep.dep_ == "prep" and (prep.lower_ == "like" or prep.lower_ == "as" and prep.i > 0 and subj.doc[prep.i - 1].lower_ == "such"):
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.ent_type_ == "PERSON":
                return pobj
    return None


def _object(verb: Token) -> Token | None:
    """The object that carries what was said with verbs like 'voice' and 'express' ('call for …'), or what the
    speaker judges with 'call' and 'dismiss' ('called the plan a mistake', 'dismissed the plan as a stunt'; not
    'called the police', 'called her son Tom', 'dismissed the employee')."""
    lemma = verb.lemma_.lower()
    dobj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if lemma == "call":
        # (not 'what he called “experiments”', 'which he calls “superminds”': a name for a thing)
        judged = dobj is not None and dobj.tag_ not in {"WDT", "WP"} and any(
            c.dep_ == "oprd" and c.pos_ in {"NOUN", "ADJ"} for c in verb.children)
        return dobj if judged else next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"), None)
    if lemma in _JUDGING_AS_VERBS:
        # ('dismissed the plan as a stunt', 'had dubbed Sondland's role as “the Gordon problem”', 'branded the deal a
        # betrayal'; not 'dismissed the employee', 'dubbed the film into French')
        judged = any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children) or lemma != "dismiss" and any(
            c.dep_ == "oprd" and c.pos_ in {"NOUN", "ADJ"} for c in verb.children)
        return dobj if judged and dobj is not None and dobj.tag_ not in {"WDT", "WP"} else None
    return dobj


def _has_person_role(tok: Token) -> bool:
    """A role noun as apposition or pre-modifier of this name ('X, an editor at …'; 'historian X')."""
    for child in tok.children:
        if child.dep_ in {"appos", "compound", "amod"} and child.lemma_.lower() in PERSON_ROLE_NOUNS:
            return True
        if child.dep_ == "appos" and any(c.dep_ == "conj" and c.lemma_.lower() in PERSON_ROLE_NOUNS for c in child.children):
            return True
    return tok.dep_ == "appos" and tok.head.lemma_.lower() in PERSON_ROLE_NOUNS


# how a speaker is said to put what follows a colon ('X was blunt: “…”')
# beliefs said with an adjective and the clause they hold ('X is convinced that …')
_CLAIMED_STANCES = frozenset("convinced confident certain sure adamant optimistic pessimistic hopeful worried concerned "
                             "skeptical sceptical fearful".split())
# what one holds 'in X's view'
_VIEW_NOUNS = frozenset("view opinion estimation judgment judgement assessment mind reckoning".split())
_MANNER_WORDS = frozenset("blunt clear candid frank emphatic adamant direct succinct unequivocal unapologetic defiant".split())


def _putting_it(verb: Token) -> bool:
    """'X put it bluntly', 'X summed it up', 'X was blunt': a verb announcing the speaker's own words."""
    lemma = verb.lemma_.lower()
    if lemma in {"put", "sum"}:
        return any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children)
    return lemma == "be" and any(c.dep_ == "acomp" and c.lower_ in _MANNER_WORDS for c in verb.children)


def _clause(verb: Token) -> Token | None:
    """The clause a speech verb reports: its ccomp, or the clause after a nearby 'that'.
    Belief verbs need a finite clause ('experts believe that …', not 'doctors don't think to ask')."""
    deps = {"ccomp"} if verb.lemma_.lower() in BELIEF_VERBS | _PROMISE_VERBS else {"ccomp", "xcomp"}
    for child in verb.children:
        # (a clause with its own subject whose verb the tagger took for an adjective: 'noted, such cuts rarely last')
        # (not a small clause: 'found it difficult to talk')
        if child.dep_ in deps and (child.pos_ in {"VERB", "AUX"} or child.dep_ == "ccomp" and any(
                c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ not in {"it", "this", "that"} for c in child.children)):
            return child
    if verb.lemma_.lower() == "plead":
        # 'X pleaded with the council to fix the road': what they asked for
        plea = next((c for c in verb.children if c.dep_ in {"advcl", "xcomp"} and c.pos_ == "VERB"
                     and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
        if plea is not None:
            return plea
    if verb.lemma_.lower() in {"warn", "caution", "complain"}:
        # 'researchers are warning of a new ransomware …': the warning's content follows 'of'/'about'
        prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"of", "about", "against"}), None)
        if prep is not None and any(c.dep_ in {"pobj", "pcomp"} for c in prep.children):
            return prep
    if verb.lemma_.lower() in {"tell", "assure", "inform", "remind", "warn"}:
        # 'X told officers he had swerved …': the parser hangs the reported clause on the listener
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            for rel in (c for c in obj.children if c.dep_ == "relcl" and c.i > obj.i):
                if not any(t.lower_ in {"who", "whom", "which", "that", "whose"} for t in rel.children):
                    return rel
    # "The operation began in July, authorities said, and …": the verb hangs off the clause it reports
    if verb.dep_ == "parataxis" and verb.head.pos_ in {"VERB", "AUX"}:
        return verb.head
    # "Creating birch tar, the researchers note, requires …": set off by commas, the parse made the rest of
    # the sentence a conjunct of the verb
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    doc = verb.doc
    if verb.dep_ == "ROOT" and subj is not None and subj.left_edge.i > 0 and doc[subj.left_edge.i - 1].text == "," \
            and verb.i + 1 < len(doc) and doc[verb.i + 1].text == ",":
        rest = next((c for c in verb.children if c.dep_ == "conj" and c.i > verb.i + 1 and c.pos_ in {"VERB", "AUX"}), None)
        if rest is not None:
            return rest
    # "As Dr. X noted at the time, the disease meant …": the main clause is what was said ('As he said
    # goodbye, …' has an object and reports nothing)
    if verb.dep_ == "advcl" and verb.head.pos_ in {"VERB", "AUX"} \
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children) \
            and not any(c.dep_ in {"ccomp", "xcomp"} or c.dep_ == "dobj" and verb.lemma_.lower() != "tell"
                        for c in verb.children):  # ('As Heald told The Huffington Post, …': the listener)
        if verb.i < verb.head.i:
            between = verb.doc[verb.i + 1 : verb.head.i]
            comma = next((t.i for t in between if t.text == ","), None)
            if comma is not None and not any(t.pos_ in {"VERB", "AUX"} for t in verb.doc[verb.i + 1 : comma]):
                return verb.head
        elif verb.left_edge.i > 0 and verb.doc[verb.left_edge.i - 1].text == "," \
                and all(t.is_punct or t.is_space for t in verb.doc[verb.right_edge.i + 1 : _sent(verb).end]):
            return verb.head  # '…, as my colleague Geoffrey Skelley wrote recently.' closing the sentence
    # "X told reporters at a press conference that …": the parser may hang the clause elsewhere
    for tok in verb.doc[verb.i + 1 : min(verb.i + 9, _sent(verb).end)]:
        if tok.lower_ == "that" and tok.head.i > tok.i:  # 'mark', or mis-parsed as a relative pronoun
            return tok.head
        if tok.pos_ == "VERB" or tok.is_punct and tok.text in ".;":
            break
    return None


class _Attributor:
    """Finds who said what in one parsed article."""

    def __init__(self, doc: Doc, registry: _Registry, paragraphs: list[tuple[int, int]]) -> None:
        self.doc = doc
        self.reg = registry
        self.paragraphs = paragraphs
        self.paragraph_starts = [start for start, _ in paragraphs]
        self.text = doc.text  # Doc.text joins every token on each access: read it once
        self.quotes = _with_open_paragraph_quotes(self.text, _quote_spans(self.text), paragraphs)
        # (offset of the quote, who said it), in the order of the offsets: a page with thousands of quotes
        # asks 'who spoke between here and there' once per quote, by bisection
        self.speakers: list[tuple[int, Person]] = []
        self.epithets: dict[str, tuple[str, int, int]] = {}  # what the article calls a speaker ('the mayor')
        self.genders: dict[str, str] = {}  # 'm'/'f' for the people a 'he' or 'she' was taken to be
        self.unnamed: list[UnnamedSource] = []

    def paragraph_of(self, pos: int) -> int:
        """Index of the paragraph holding ``pos`` (its end included), or -1."""
        i = bisect.bisect_right(self.paragraph_starts, pos) - 1
        return i if i >= 0 and pos <= self.paragraphs[i][1] else -1

    def spoken(self, lo: float, hi: float) -> list[tuple[int, Person]]:
        """The (offset, speaker) pairs of the quotes that start at ``lo`` or later and before ``hi``."""
        return self.speakers[bisect.bisect_left(self.speakers, lo, key=_OFFSET):bisect.bisect_left(self.speakers, hi, key=_OFFSET)]

    def direct(self, qs: int, qe: int, cue: str) -> Quote:
        """The quotation between the marks at ``qs``..``qe``, without a trailing comma."""
        end = qs + len(self.text[qs:qe].rstrip(" ,"))
        return Quote(self.text[qs:end], cue, "direct", qs, end)

    def speaker(self, tok: Token, *, pronouns: bool) -> Person | None:
        """The named person a subject token stands for; with ``pronouns``, 'he'/'she' and 'the minister'
        are resolved as well (:meth:`pronoun_referent`)."""
        person = self.reg.person_at(tok) or self.reg.person_by_role(tok)
        if person is None and tok.lemma_.lower() in _WRITTEN_WORDS:
            # 'Cornyn's statement added, “…”': the statement's named owner
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            if owner is not None and (found := self.reg.person_at(owner)) is not None:
                return found
        if person is None and tok.lemma_.lower() in _AUTHORED_WORKS:
            # 'a report written by Ann Lee found …', 'research by Ann Lee shows …', "Ann Lee's study found …": the
            # work's named author (not 'a study of Ann Lee's patients', 'research by Ann Lee's team')
            for c in tok.children:
                by = c if c.dep_ == "prep" and c.lower_ in {"by", "from"} else next(
                    (g for g in c.children if g.dep_ == "agent"), None) if c.dep_ == "acl" and c.lemma_.lower() in _AUTHORING_VERBS else None
                owner = c if c.dep_ == "poss" else next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
                if owner is not None and (found := self.reg.person_at(owner)) is not None:
                    return found
        if person is None and tok.pos_ in {"NOUN", "ADJ"}:
            # 'American academic and professor Marc Lamont Hill commented': the one name conjoined to
            # a subject that is a description
            named = {p.key: p for c in tok.conjuncts if (p := self.reg.person_at(c)) is not None}
            if len(named) == 1:
                return next(iter(named.values()))
        if person is None and _role_noun(tok):
            # 'The report's author, Dr. Ahmed Karimi, warned …': the name in apposition to the subject
            # (or called an organisation here: 'Sweden's deputy director …, Eva-Marie Persson, said')
            named = [p for c in tok.children if c.dep_ == "appos"
                     and (p := self.reg.person_at(c) or self.reg.person_by_role(c)) is not None]
            if len(named) == 1:
                return named[0]
            # 'the mayor said': the one person the article has given that role; else, like a pronoun, the
            # person just spoken of ('Chris Grayling warned … Speaking in the Commons, the Conservative MP said')
            if _epithet(tok):
                owners = self.reg.people_with_role(tok.lemma_.lower(), before=tok.idx)
                if owners or not pronouns or tok.dep_ not in {"nsubj", "nsubjpass"}:
                    return owners[0] if len(owners) == 1 else None  # (two mayors: nobody)
                return self.pronoun_referent(tok, None)
        if person is None and pronouns and tok.dep_ in {"nsubj", "nsubjpass"} and _age_epithet(tok):
            # 'The 56-year-old said after his appointment: “…”': like 'he', the person just spoken of
            return self.pronoun_referent(tok, None)
        if person is not None or not pronouns or tok.lower_ not in PRONOUNS or tok.lower_ == "they":
            return person
        gender = "m" if tok.lower_ == "he" else "f"
        person = self.asked(tok) or self.pronoun_referent(tok, gender)
        # one person is not both 'he' and 'she' ('“…,” she remembered telling Harry, after he suggested …')
        if person is not None and self.genders.setdefault(person.key, gender) != gender:
            return None
        return person

    def asked(self, tok: Token) -> Person | None:
        """'A reporter asked Montoya-Lewis, “…?” “…,” she replied': the one who answers is the person the
        sentence before asked, when one named person was asked there."""
        if tok.head.lemma_.lower() not in _ANSWER_VERBS or tok.dep_ != "nsubj":
            return None
        sent = _sent(tok)
        if sent.start == 0:
            return None
        before = _sent(self.doc[sent.start - 1])
        if self.paragraph_of(before.start_char) < self.paragraph_of(tok.idx) - 1:
            return None
        asked = {p.key: p for t in before if t.lemma_.lower() == "ask" and t.pos_ == "VERB"
                 for c in t.children if c.dep_ in {"dobj", "dative"} and (p := self.reg.person_at(c)) is not None}
        return next(iter(asked.values())) if len(asked) == 1 else None

    def pronoun_referent(self, tok: Token, gender: str | None) -> Person | None:
        """Whom 'he'/'she' (``gender`` 'm'/'f') or 'the minister' (``gender`` None) at ``tok`` stands for:
        the person brought in as a subject in this paragraph since the last speaker's words, else that
        speaker (this or the previous paragraph), else the only person named there as a subject."""
        para = self.paragraph_of(tok.idx)

        def agrees(mention: Mention) -> bool:
            return gender is None or _title_gender(self.text, mention.start) in {None, gender}
        since_start = self.paragraphs[para - 1][0] if para >= 1 else -math.inf  # (this or the previous paragraph)
        window = [(pos, p) for pos, p in self.spoken(since_start, tok.idx) if para - self.paragraph_of(pos) <= 1]
        last = max(window, key=lambda wp: wp[0]) if window else None
        # a person brought in as a subject in this paragraph after the last speaker's words is the one
        # 'she' stands for ('Leesa Eichberger spoke to Ad Age about Alley. “…,” she said.')
        after = last[0] if last else -1
        since = [(m.start, p, m) for p in self.reg.people for m in p.mentions
                 if after < m.start < tok.idx and self.paragraph_of(m.start) == para
                 and not _inside(self.quotes, m.start) and self.is_subject(m) and not self.in_reported_clause(m)]
        # (a proper noun as subject that is nobody's mention, 'And Dion seemed to …' where the model
        # missed the name, stands in the way too)
        start = self.paragraphs[para][0] if para >= 0 else 0
        span = self.doc.char_span(max(start, after + 1), tok.idx, alignment_mode="contract") if tok.idx > start else None
        # (unless it is the name of someone known by that one word: 'And Dion seemed …', 'Dion' tagged elsewhere)
        since += [(t.idx, self.reg.known_by(t.text), Mention(t.text, t.idx, t.idx + len(t.text))) for t in (span or ())
                  if t.dep_ in {"nsubj", "nsubjpass"} and t.pos_ == "PROPN" and t.ent_type_ in {"", "PERSON"}
                  and self.reg.person_at(t) is None and not _inside(self.quotes, t.idx)]
        since.sort(key=lambda c: c[0])
        if since:
            # the latest of them, named in full or by surname; nobody when that is a bare one-word name
            # (too often not a person) or a title of the other gender
            _, person, mention = since[-1]
            if person is None:
                return None
            full = len(person.name.split()) >= 2 and (len(mention.text.split()) >= 2
                                                      or mention.text.casefold() == name_parts(person.name)[1])
            # (a one-word name that has already spoken is a person: '“…,” Meghan said. … she remembered')
            full = full or len(person.name.split()) == 1 and any(sp is person for _, sp in self.speakers)
            if all(agrees(m) for m in person.mentions) and (
                    full or gender is not None and _title_gender(self.text, mention.start) == gender):
                return person
            return None  # (a bare first or middle name, 'Dion' for René-Charles Dion Angélil, is too weak)
        if last:
            return last[1]
        # (not for a pronoun inside what someone else recalls: 'The staff member … recalled that he said, “…”'
        # speaks of a caller the article named by pronoun only, not of the congresswoman named before)
        if any(a.lemma_.lower() in CUE_VERBS and a.pos_ == "VERB" and a is not tok.head
               and any(c.dep_ == "nsubj" and c.pos_ == "NOUN" for c in a.children) for a in tok.head.ancestors):
            return None
        # a full name, or a surname with a title that agrees with the pronoun ('Mr Anderson' … 'He told')
        named = {p.key: p for p in self.reg.people for m in p.mentions
                 if (len(p.name.split()) >= 2 or gender is not None and _title_gender(self.text, m.start) == gender)
                 and m.start < tok.idx and para - self.paragraph_of(m.start) <= 1 and self.is_subject(m)}
        named = {k: p for k, p in named.items() if all(agrees(m) for m in p.mentions)}
        # (a person named nearby only as an object is not enough: the pronoun often points to someone
        # the model did not tag, 'Prince Andrew … Epstein … he said')
        return next(iter(named.values())) if len(named) == 1 else None

    def co_speakers(self, subj: Token, person: Person) -> list[tuple[Person, Token]]:
        """The other named people of a joint subject ('Volker and Morrison said …'), with their tokens."""
        found = []
        for tok in subj.conjuncts:
            other = self.reg.person_at(tok)
            if other is not None and other is not person and other not in (p for p, _ in found):
                found.append((other, tok))
        return found

    def is_subject(self, mention: Mention) -> bool:
        """Whether a mention is the subject of its clause (a pronoun rarely points back to an object)."""
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root  # (or the name in apposition to the subject: 'the former chief, Leesa Eichberger, spoke')
        if root.dep_ in {"nsubj", "nsubjpass"} or root.dep_ == "appos" and root.head.dep_ in {"nsubj", "nsubjpass"}:
            return True
        # the one a speech verb is by ('as noted by registered dietitian Trista Best. “…,” she told …')
        by = root.head
        return root.dep_ == "pobj" and by.dep_ == "agent" and by.head.lemma_.lower() in CUE_VERBS

    def in_reported_clause(self, mention: Mention) -> bool:
        """Whether a subject stands inside a relative clause or a question another subject's verb asks
        ('Figgins declined to address whether Thomas slept on the night Epstein died.': neither Thomas nor
        Epstein is the 'he' of the 'he said' that follows; a 'that' clause may well hold it: 'It turned out
        that Dion had not loved …')."""
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return False
        verb = span.root.head
        while verb.dep_ == "conj" and verb.head is not verb:
            verb = verb.head
        if verb.dep_ in {"relcl", "acl"}:
            return True  # ('… on the night Epstein died.')
        return verb.dep_ in {"ccomp", "xcomp", "advcl", "pcomp"} and any(
            c.lower_ in {"whether", "if"} and c.dep_ == "mark" for c in verb.children)

    def record(self, person: Person, quote: Quote, subject: Token | None) -> None:
        if subject is not None and subject.lower_ in PRONOUNS and any(
                quote.start <= m.start < quote.end and len(m.text.split()) >= 2 for m in person.mentions):
            # ('He said, “Andy Warhol was the center of the Zeitgeist …”': whoever 'he' is, the words speak of
            # Warhol by his full name, as people do not speak of themselves)
            return
        # the same words as quotation and as reported speech ('“When all …," he said' read as the clause of
        # 'said' too): the quotations stand, not the reported clause that is mostly them
        def mostly_quoted(q: Quote, direct: list[Quote]) -> bool:
            return sum(max(0, min(q.end, d.end) - max(q.start, d.start)) for d in direct) >= (q.end - q.start) / 2

        direct = [q for q in person.quotes if q.kind == "direct"]
        if quote.kind == "direct":
            person.quotes = [q for q in person.quotes if q.kind != "indirect" or not mostly_quoted(q, [*direct, quote])]
        if not any(q.start == quote.start and q.end == quote.end for q in person.quotes) \
                and not (quote.kind == "indirect" and mostly_quoted(quote, direct)):
            person.quotes.append(quote)
        if person.role is None and subject is not None and self.reg.person_at(subject) is person:
            found = role_of(subject, self.doc) or _fronted_affiliation(subject)
            if found:
                person.role, person.role_span = found[0], Mention(*found)
        elif subject is not None and _epithet(subject) and person.key not in self.epithets:
            # 'the Conservative MP said': what the article calls the speaker, their role when no mention
            # of their name gives one
            found = _phrase(self.doc, subject.left_edge.i, subject.i + 1)
            if found:
                self.epithets[person.key] = found
        bisect.insort(self.speakers, (quote.start, person), key=_OFFSET)  # (after any other at the same offset)

    def named_in_apposition(self, subj: Token) -> bool:
        """'Another diplomat, former special envoy to Ukraine Kurt Volker, …': the apposition names the one meant,
        though the model called the name an organisation there (the article shows elsewhere it is a person's)."""
        return any((p := self.reg.person_at(t)) is not None and len(p.name.split()) >= 2
                   for c in subj.children if c.dep_ == "appos" for t in c.subtree)

    def unnamed_subject(self, subj: Token) -> str | None:
        """'Some experts' when the subject stands for people the article does not name."""
        if subj.lower_ in {"who", "that"} and subj.head.dep_ == "relcl" and subj.head.head.pos_ == "NOUN":
            # ('activist tech workers who have demanded …'; 'rare was the person who questioned …' says who
            # did not; nor does a class of people something is for: 'a new option for users who want …')
            wish = any(v.lemma_.lower() in _WISH_VERBS for v in (subj.head, *subj.head.conjuncts))
            subj = subj.head.head
            if subj.lemma_.lower() in {"person", "people"} or wish and subj.dep_ == "pobj":
                return None
            if subj.dep_ == "appos" and (subj.head.ent_type_ == "PERSON" or self.reg.person_at(subj.head) is not None):
                return None  # ('X, a São Paulo resident who tweeted about the smoke, said': X's words)
        def group(tok: Token) -> bool:  # (the model's lemma of 'Others' is 'other'; 'Many in Hong Kong fear …' is an adjective)
            return tok.pos_ in {"NOUN", "PRON", "DET", "ADJ", "PROPN"} and (
                tok.lemma_.lower() in UNNAMED_HEADS or tok.lower_ in UNNAMED_HEADS)
        if not group(subj) and not (subj.pos_ == "NOUN" and subj.lemma_.lower() not in _AUTHORITY_NOUNS
                                    and any(group(c) and c.pos_ == "NOUN" for c in subj.conjuncts)):
            return None  # (or one of a pair, 'Businesses and residents … say'; not 'state police and officials')
        if subj.pos_ == "PROPN" and subj.ent_type_:
            return None  # ('the feds announced' is tagged a proper noun, but not a name)
        if subj.pos_ in {"PRON", "DET", "ADJ"} and subj.lower_ not in _UNNAMED_PRONOUNS:
            return None
        # ('its researchers', 'the ministry's officials', 'an aide to Jane Doe': anchored to someone named; a
        # one-word name the model may have mistaken, 'a spokesperson for OpenAI', is no such anchor)
        # (a person named in the clause that says what the group does is no anchor: 'Israeli settlers, who form part
        # of Netanyahu's constituency, said')
        clauses = {t.i for c in subj.children if c.dep_ in {"relcl", "acl"} for t in c.subtree}
        anchored = any(t.ent_type_ == "PERSON" and t.i not in clauses and ((p := self.reg.person_at(t)) is None
                                                                          or len(p.name.split()) >= 2) for t in subj.subtree)
        if anchored or self.named_in_apposition(subj) \
                or any(c.dep_ == "poss" and c.lower_ not in _PERSONAL_POSSESSIVES for c in subj.children):
            return None  # (but 'his doctors say', 'her lawyer said': people of someone's, left unnamed)
        # the group without the clause that says what it did ('community members who spoke at the meeting')
        # ('critics of failing to tackle …': the parser hangs what they accuse someone of on the critics)
        sub = [t for c in subj.children if c.dep_ not in {"relcl", "acl"}
               and not (c.dep_ == "prep" and any(g.dep_ == "pcomp" for g in c.children)) for t in c.subtree] + [subj]
        return self.doc[min(t.i for t in sub) : max(t.i for t in sub) + 1].text

    def direct_quotes(self, *, pronouns: bool = False, again: bool = False) -> None:
        """Quoted passages with the speaker named right after ('…,” X said') or before ('X said: “…”');
        ``again``: only those nobody has been found for yet."""
        doc = self.doc
        for qs, qe in self.quotes:
            if again and self.spoken(qs, qe):
                continue
            cands = [t for t in doc.char_span(qe, min(len(self.text), qe + 200), alignment_mode="expand") or []
                     if not _inside(self.quotes, t.idx) and t.lemma_.lower() in QUOTE_CUES and t.pos_ in {"VERB", "AUX"}]
            # only the clause right after the quote, up to the end of its sentence
            quote_end = doc.char_span(qe, qe + 1, alignment_mode="expand")
            end_sent = _sent(quote_end[0]) if quote_end is not None and len(quote_end) else None
            # (in the sentence after the quotation, only its own attribution: '… .” Ford said.', not
            # '… .” Ford opted instead to write …')
            # ('… .” Smith agreed: “…”': a next sentence that ends in a colon before a quotation introduces that one)
            cands = [t for t in cands if _sent(t) == end_sent
                     or _sent(t).start_char <= qe + 2 and t.dep_ == "ROOT" and _opens_with_subject(t)
                     and not re.match(r"\s*:\s*[“\"«„]", self.text[t.idx + len(t.text):])][:1]
            if not cands:
                before = doc.char_span(max(0, qs - 200), max(0, qs - 1), alignment_mode="expand")
                # ('She continued: “…”': after a colon, any verb that attributes a quotation)
                cands = [t for t in (before or []) if t.pos_ == "VERB" and (
                         t.lemma_.lower() in CUE_VERBS or t.lemma_.lower() in QUOTE_CUES
                         and self.text[t.idx:qs - 1].rstrip().endswith(":"))
                         and not _inside(self.quotes, t.idx) and _sent(t).end_char >= qs - 2
                         and (self.text[t.idx:qs - 1].rstrip().endswith((":", ","))
                              or _opens_after_cue(self.text[t.idx + len(t.text):qs - 1]))][-1:]
            if not cands and not pronouns:
                self.verbless_quote(qs, qe) or self.in_their_words(qs, qe) or self.signed_below(qs, qe)
            for verb in cands:
                subj = _subject(verb)
                if subj is None or any(c.dep_ == "auxpass" for c in verb.children):
                    continue  # ('He has been called “…”', 'she was told: “…”': words about them or to them)
                if verb.lemma_.lower() == "ask" and self.text[qs:qe].rstrip(" .,”\"'’").endswith("?") \
                        and any(c.dep_ in {"dobj", "dative"} for c in verb.children):
                    continue  # ('Then when Vogue asked Dion, “What are …?”': an interviewer's question, no statement)
                quote = self.direct(qs, qe, verb.text.lower())
                person = self.speaker(subj, pronouns=pronouns)
                if person is not None:
                    self.record(person, quote, subj)
                    for other, tok in self.co_speakers(subj, person):
                        self.record(other, quote, tok)
                elif (source := self.unnamed_subject(subj)) is not None:
                    self.add_unnamed(verb, source)

    def continued_quotes(self) -> None:
        """The second half of a split quote ('“A,” X said. “B.”') and a quote right after another
        ('X said: “A.” “B.”'): the same speaker, when only the attribution stands between them."""
        by_start = {pos: person for pos, person in self.speakers}
        for (ps, pe), (qs, qe) in zip(self.quotes, self.quotes[1:]):
            person = by_start.get(ps)
            if person is None or qs in by_start or self.paragraph_of(ps) != self.paragraph_of(qs):
                continue
            gap = self.text[pe:qs]
            # (a long attribution only when it names nobody else: '…,” said Brent Sherwood, vice president
            # of Advanced Development Programs at Blue Origin. “…”')
            if "\n" in gap or len(gap) > 200 or len(gap) > 80 and (any(
                    pe <= m.start < qs for p in self.reg.people if p is not person for m in p.mentions)
                    or len({_sent(t).start for t in self.doc.char_span(pe, qs, alignment_mode="expand") or []
                            if not (t.is_punct or t.is_space)}) > 1):
                continue
            words = re.findall(r"[\w’']+", gap)
            # (the words of a hyphenated name on their own: 'Montoya-Lewis said')
            names = {w.casefold() for m in person.mentions for w in re.findall(r"[\w’']+", m.text)}
            plain = not words  # 'X said: “A.” “B.”'
            attributed = any(w.casefold() in names | PRONOUNS for w in words) and any(
                t.lemma_.lower() in QUOTE_CUES for t in self.doc.char_span(pe, qs, alignment_mode="expand") or [])
            # a sentence split by its attribution: '“A,” X said, “b …”', the second half in lower case
            split = re.search(r",\s*[“\"«„]?\s*$", gap) and self.text[qs:qs + 2].lstrip("“\"«„ ")[:1].islower()
            if plain or attributed and (re.search(r"[.:]\s*[“\"«„]?\s*$", gap) or split):
                cue = next((q.cue for q in person.quotes if q.start == ps), "said")
                self.record(person, self.direct(qs, qe, cue), None)
                by_start[qs] = person
        # a quotation running over paragraphs: the paragraph before leaves its quote open (more opening
        # marks than closing ones) and this one opens with a mark; the speaker is the last one there
        for qs, qe in self.quotes:
            para = self.paragraph_of(qs)
            if qs in by_start or para < 1 or self.paragraphs[para][0] != qs - 1:
                continue
            ps, pe = self.paragraphs[para - 1]
            before = self.text[ps:pe]
            if not _leaves_quote_open(before):
                continue
            earlier = self.spoken(ps, pe)
            if earlier:
                person = max(earlier, key=lambda wp: wp[0])[1]
                self.record(person, self.direct(qs, qe, "(continued)"), None)
                by_start[qs] = person
        # and back: a paragraph that opens a quotation and leaves it open, with no speaker of its own, is the
        # speaker's whose words the next paragraph carries on with ('“A.' / '“B,” X said.')
        for qs, qe in reversed(self.quotes):
            para = self.paragraph_of(qs)
            if qs in by_start or para < 0 or para + 1 >= len(self.paragraphs) or self.paragraphs[para][0] != qs - 1:
                continue
            ps, pe = self.paragraphs[para]
            if not _leaves_quote_open(self.text[ps:pe]) or self.spoken(ps, pe):
                continue
            person = by_start.get(self.paragraphs[para + 1][0] + 1)
            if person is not None:
                self.record(person, self.direct(qs, qe, "(continued)"), None)
                by_start[qs] = person

    def following_quotes(self) -> None:
        """A quotation with no attribution of its own that follows one person's words: right after a
        sentence in which only that person speaks ('“…,” said Lawrence White, a professor at …. “Tariffs,
        like any tax, …”'), or as a paragraph of its own after a paragraph in which only that person
        speaks, last. Newspapers leave such quotes to the speaker before them."""
        taken = _Taken((q.start, q.end) for p in self.reg.people for q in p.quotes)
        text = self.text
        for qs, qe in self.quotes:
            if taken.holds(qs):
                continue
            para = self.paragraph_of(qs)
            if para < 0:
                continue
            ps, pe = self.paragraphs[para]
            opening = self.doc.char_span(qs, qe, alignment_mode="expand")
            if opening is None or not len(opening):
                continue
            sent = _sent(opening[0])
            if ps + 1 >= qs and self._only_quotes(ps, pe):
                if para == 0:
                    continue
                lo, hi = self.paragraphs[para - 1]  # a quote paragraph: the paragraph before
                last_sent = _sent(self.doc.char_span(hi - 1, hi, alignment_mode="expand")[0]) if hi > lo else None
                window = (last_sent.start_char, hi) if last_sent is not None else None
                region = (lo, hi)
            elif sent.start > 0 and text[_sent(self.doc[sent.start - 1]).end_char:qs].strip(" “\"«„") == "" \
                    and self.paragraph_of(_sent(self.doc[sent.start - 1]).start_char) == para:
                before = _sent(self.doc[sent.start - 1])  # a quote opening a sentence: the sentence before
                window = region = (before.start_char, before.end_char)
            else:
                continue
            if window is None:
                continue
            speakers = {p.key: p for _, p in self.spoken(*region)}
            if len(speakers) != 1 or not self.spoken(*window):
                continue
            person = next(iter(speakers.values()))
            # nobody else named between that person's words and this quote (but inside them: 'Wilkins also
            # said Warhol was both an artist and a businessperson. “…”')
            own = [(q.start, q.end) for q in person.quotes]
            if any(window[0] <= m.start < qs and not any(a <= m.start < b for a, b in own)
                   for p in self.reg.people if p is not person for m in p.mentions):
                continue
            self.record(person, self.direct(qs, qe, "(continued)"), None)

    def embedded_posts(self) -> None:
        """An embedded tweet: its text as a paragraph, then a paragraph signing it
        ('— Drew Mikkelsen (@drewmikkelsenk5) January 6, 2020'); the post is the named person's words."""
        text = self.text
        for i, (start, end) in enumerate(self.paragraphs):
            m = _POST_SIGNATURE.fullmatch(text, start, end)
            if m is None or i == 0:
                continue
            person = next((p for p in self.reg.people for men in p.mentions
                           if men.start == m.start("name") and men.end == m.end("name")), None)
            if person is None:
                continue
            ps, pe = self.paragraphs[i - 1]
            body = _POST_LINK.sub("", text[ps:pe]).rstrip()  # (without the link to the picture)
            if len(body.split()) >= MIN_QUOTE_WORDS and not _POST_SIGNATURE.fullmatch(text, ps, pe):
                self.record(person, Quote(body, "(embedded tweet)", "direct", ps, ps + len(body)), None)

    def announced_quotes(self) -> None:
        """A quotation opening the sentence after one in which a named person 'had a more succinct
        statement' or 'offered this explanation': the statement announced."""
        taken = _Taken((q.start, q.end) for p in self.reg.people for q in p.quotes)
        for qs, qe in self.quotes:
            if taken.holds(qs):
                continue
            opening = self.doc.char_span(qs, qe, alignment_mode="expand")
            if opening is None or not len(opening):
                continue
            sent = _sent(opening[0])
            lead = self.text[sent.start_char:qs].rstrip(" “\"«„")
            if lead.endswith(":"):
                tokens = [t for t in sent if t.idx < sent.start_char + len(lead)]  # ('issued a statement: “…”')
            elif lead.strip() or sent.start == 0:
                continue  # (otherwise only a quotation that opens its sentence)
            else:
                before = _sent(self.doc[sent.start - 1])
                if self.paragraph_of(before.start_char) != self.paragraph_of(qs) or not before.text.rstrip().endswith((".", ":")):
                    continue
                tokens = list(before)
            if lead.endswith(":") and (person := self.name_label(tokens)) is not None:
                self.record(person, self.direct(qs, qe, "(no verb)"), None)  # ('Ann Lee, the treasurer: “…”')
                continue
            words = [t for t in tokens if not t.is_punct]
            for word in tokens:
                if _putting_it(word) and (lead.endswith(":") or words and words[-1].head.i == word.i and self.uncued(qe)):
                    verb = word  # ('X put it bluntly: “…”', 'X was blunt: “…”', 'X was blunt. “…”')
                elif word.lemma_.lower() not in _STATEMENT_NOUNS or word.dep_ != "dobj" \
                        or word.head.lemma_.lower() not in _GIVING_VERBS:
                    continue  # ('read the statement' may be someone else's)
                else:
                    verb = word.head
                subj = _subject(verb) if verb.pos_ in {"VERB", "AUX"} else None
                person = self.speaker(subj, pronouns=False) if subj is not None else None
                if person is not None:
                    self.record(person, self.direct(qs, qe, "(statement)"), None)
                    break

    def uncued(self, qe: int) -> bool:
        """Whether nothing after a quotation, in its sentence, says who spoke it: no verb ('“…,” the sign read')."""
        last = self.doc.char_span(max(qe - 1, 0), qe, alignment_mode="expand")  # (the quotation's last word)
        if last is None or not len(last):
            return False
        span = self.doc.char_span(qe, max(qe, _sent(last[-1]).end_char), alignment_mode="contract")
        return span is None or not any(t.pos_ == "VERB" for t in span)

    def name_label(self, tokens: list[Token]) -> Person | None:
        """The person a quotation's lead names and does nothing else with: their name, their title before it or
        their role after a comma, then the colon ('Ann Lee, the city treasurer:', 'Treasurer Ann Lee:'); not a
        sentence ('Ann Lee, who runs the shop, wrote:', 'Ann Lee and the mayor:')."""
        if len(tokens) < 2 or tokens[-1].text != ":" or any(t.pos_ in {"VERB", "AUX"} for t in tokens):
            return None
        named = [(t, self.reg.person_at(t)) for t in tokens[:-1]]
        people = {id(p): p for _, p in named if p is not None}
        if len(people) != 1:
            return None
        person = next(iter(people.values()))
        first = next(i for i, (_, p) in enumerate(named) if p is person)
        last = max(i for i, (_, p) in enumerate(named) if p is person)
        before, after = tokens[:first], tokens[last + 1 : -1]
        name_head = tokens[last]
        if any(t.pos_ not in {"PROPN", "NOUN", "ADJ"} or t.dep_ != "compound" for t in before) \
                or any(p is None for _, p in named[first : last + 1]):
            return None
        if after and (after[0].text != "," or any(t.lower_ in {"and", "&"} for t in after)
                      or not any(t.dep_ == "appos" and t.head.i == name_head.i for t in after)):
            return None  # (after the name, only a comma and a role set beside it)
        return person

    def _only_quotes(self, start: int, end: int) -> bool:
        """Whether a paragraph is nothing but quotation (a quote paragraph)."""
        rest = self.text[start:end]
        for s, e in _overlapping(self.quotes, start, end):
            if start <= s and e <= end:
                rest = rest.replace(self.text[s:e], "", 1)
        return not re.search(r"\w", rest)

    def introduced_statements(self) -> None:
        """'In a statement, Mayor Tom Hale said:' or 'Governor Ann Walsh issued the following statement:'
        closing a paragraph: the next paragraph, if it is plain text, is that person's statement."""
        doc, text = self.doc, self.text
        taken = _Taken((q.start, q.end) for p in self.reg.people for q in p.quotes)
        for (ps, pe), (ns, ne) in zip(self.paragraphs, self.paragraphs[1:]):
            if not text[ps:pe].rstrip().endswith(":") or text[ns:ns + 1] in "“\"«„":
                continue
            if taken.meets(ns, ne):
                continue  # (an embedded post, already its signer's)
            colon = doc.char_span(pe - 1, pe, alignment_mode="expand")
            if not colon:
                continue
            verb = _sent(colon[0]).root
            sent = _sent(verb)
            lemma = verb.lemma_.lower()
            if not (lemma in CUE_VERBS or lemma in {"issue", "release", "post", "publish"}
                    and any(t.lemma_.lower() in {"statement", "following"} for t in sent)):
                continue
            subj = _subject(verb)
            person = self.reg.person_at(subj) if subj is not None else None
            if person is None:
                continue
            if len(text[ns:ne].split()) >= 4:
                cue = verb.text.lower() if lemma in CUE_VERBS else "(statement)"
                self.record(person, Quote(text[ns:ne], cue, "direct", ns, ne), subj)

    def views_and_citations(self) -> None:
        """'That is the view of X' (the sentence before is X's), and a parenthetical citation closing
        a sentence, '(Friederike Otto, Imperial College London)' or '(Otto 2023)'."""
        doc = self.doc
        sents = list(doc.sents)
        for i, sent in enumerate(sents):
            m = _VIEW_OF.match(sent.text)
            if m:
                people = [p for t in sent if t.idx >= sent.start_char + m.end() and (p := self.reg.person_at(t))]
                prev = sents[i - 1] if i > 0 and self.paragraph_of(sents[i - 1].start_char) == self.paragraph_of(sent.start_char) else None
                source = prev if prev is not None else sent
                text = source.text.strip()
                for person in {p.key: p for p in people}.values():
                    self.record(person, Quote(text, m.group(0).strip().lower(), "indirect", source.start_char,
                                              source.start_char + len(text)), None)
            for pm in _PAREN_CITATION.finditer(sent.text):
                start = sent.start_char + pm.start() + 1
                label = sent.text[pm.start() + 1 : pm.start("rest")].strip()
                person = self.reg.resolve_label(label) if re.fullmatch(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}", label) else None
                rest = pm.group("rest")
                if person is None or not (re.search(r"\b(?:19|20)\d\d\b", rest) or any(
                        e.label_ == "ORG" and e.start_char >= start for e in sent.ents)):
                    continue
                text = sent.text[: pm.start()].strip()
                if len(text.split()) >= 4:
                    self.record(person, Quote(text, "(parenthetical citation)", "indirect", sent.start_char,
                                              sent.start_char + len(text)), None)

    def in_their_words(self, qs: int, qe: int) -> bool:
        """'In Dr. Shadlen’s words, “…”', 'In the words of X: “…”', 'To quote X, “…”', 'As Gaiman put it, “…”'."""
        m = _IN_THEIR_WORDS.search(self.text, max(0, qs - 120), qs)
        if m is None:
            return False
        group = next(g for g in ("a", "b", "c", "d") if m.group(g))
        span = self.doc.char_span(m.start(group), m.end(group), alignment_mode="expand")
        person = next((p for t in (span or ()) if (p := self.reg.person_at(t)) is not None), None)
        if person is None and re.fullmatch(r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}", m.group(group)):
            person = self.reg.resolve_label(m.group(group))  # (a surname the model tagged as something else)
        if person is None:
            return False
        self.record(person, self.direct(qs, qe, "(in their words)"), None)
        return True

    def signed_below(self, qs: int, qe: int) -> bool:
        """A paragraph that is only a quotation, signed by the next paragraph with a name and at most a
        few words more ('“Essentially, …”' / 'Michael Shadlen, Ph.D.'; '— Jane Doe, ZDNet')."""
        para = self.paragraph_of(qs)
        if para < 0 or para + 1 >= len(self.paragraphs) or not self._only_quotes(*self.paragraphs[para]):
            return False
        ns, ne = self.paragraphs[para + 1]
        lead = re.match(r"[\s\-–—~]*", self.text[ns:ne])
        start = ns + (lead.end() if lead else 0)
        if len(self.text[start:ne].split()) > 8:
            return False
        person = next((p for p in self.reg.people for m in p.mentions if m.start == start), None)
        if person is None:
            return False
        mention = next(m for m in person.mentions if m.start == start)
        rest = self.doc.char_span(mention.end, ne, alignment_mode="expand") if ne > mention.end else None
        if not re.fullmatch(r"\s*(?:,[^!?]*)?", self.text[mention.end:ne]) or any(t.pos_ in {"VERB", "AUX"} and t.is_lower for t in rest or ()):
            return False  # ('Michael Shadlen said …' is a sentence of its own, not a signature)
        self.record(person, self.direct(qs, qe, "(no verb)"), None)
        return True

    def verbless_quote(self, qs: int, qe: int) -> bool:
        """'“…,” Augusto Reyes, Director of the agency.': a quote signed by a name with no verb at all."""
        doc, text = self.doc, self.text
        # ('“…” — Ann Lee, city treasurer': a dash signs the quotation as a comma does)
        gap = re.match(r"[”\"»]?[ \t]*(?:[—–][ \t]*|,?[ \t]*)", text[qe:qe + 5])
        start = qe + (gap.end() if gap else 0)
        if not text[qs:qe].rstrip().endswith(",") and not text[qe:start].strip().startswith((",", "”,", '",')) \
                and not re.search(r"[—–]", text[qe:start]):
            return False  # '“…” Reyes' with no comma reads as a new sentence, not a signature
        tok = next((t for t in doc.char_span(start, min(len(text), start + 60), alignment_mode="expand") or []), None)
        person = self.reg.person_at(tok) if tok is not None else None
        if person is None:
            return False
        mention = next((m for m in person.mentions if m.start == tok.idx), None)
        if mention is None or not re.match(r"\s*(?:,|\.|$)", text[mention.end:mention.end + 2]):
            return False
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        if root.dep_ in {"nsubj", "nsubjpass"} or any(t.pos_ == "VERB" and t.i > root.i and t.head == root.head
                                                      and t.dep_ == "ROOT" for t in _sent(root)):
            return False
        self.record(person, self.direct(qs, qe, "(no verb)"), root)
        return True

    def interview_answers(self) -> None:
        """Question-and-answer pieces: a paragraph labelled with a person's name ('Marissa: I was …',
        'ALEXANDRIA DOUZIECH: I try …') right after a question or another labelled answer is that
        person's answer, quoted directly. The label must name a person the article names in full."""
        text = self.text
        previous = ""
        answers: list[tuple[Person, int, int]] = []
        unlabelled: list[tuple[int, int]] = []  # paragraphs right after a question, without a label
        for start, end in self.paragraphs:
            para = text[start:end].strip()
            if not para:
                continue
            m = _INTERVIEW_LABEL.match(text, start, end)
            after_question = previous.endswith("?")
            if m and (after_question or _INTERVIEW_LABEL.match(previous)):
                label = " ".join(w if not w.isupper() else w.title() for w in m["label"].split())
                person = self.reg.resolve_label(label)
                if person is not None:
                    answers.append((person, m.start("answer"), end))
            elif after_question and not m and not para.endswith("?"):
                unlabelled.append((start, end))
            previous = para
        # a Q&A piece asks several questions, and its answers speak in the first person (a police log's
        # 'Christopher Tays: two county warrants …' is neither)
        questions = sum(1 for a, b in self.paragraphs if text[a:b].rstrip().endswith("?"))
        if questions < 2 or not any(_FIRST_PERSON.search(text[a:b]) for _, a, b in answers):
            answers = []
        interviewees = {p.key for p, _, _ in answers}
        if len(interviewees) == 1:
            # one interviewee: after their first labelled answer, an unlabelled reply to a question is theirs
            first = answers[0][1]
            answers += [(answers[0][0], a, b) for a, b in unlabelled if a > first]
        for person, a, b in answers:
            self.record(person, Quote(text[a:b], "interview answer", "direct", a, b), None)

    def add_unnamed(self, verb: Token, source: str) -> None:
        if any(c.dep_ == "aux" and c.lower_ in {"might", "may", "could", "would"} for c in verb.children):
            return  # ('others might argue that …': what someone could say, not what anyone said)
        self.unnamed_sentence(verb, source)

    def indirect(self, *, pronouns: bool = False) -> None:
        """'X said (that) …', 'X believes …', 'according to X, …' outside quotation marks."""
        doc = self.doc
        for tok in doc:
            lemma = tok.lemma_.lower()
            if self.impersonal(tok):
                continue  # (both passes: 'the Queen is said to have …' never makes the Queen a source)
            if lemma == "accord" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                self.according_to(tok, pronouns=pronouns)
                continue
            if tok.lower_ == "per" and tok.dep_ == "prep" and not _inside(self.quotes, tok.idx):
                self.according_to(tok, pronouns=pronouns, per=tok)  # ('…, per Ann Lee, the city treasurer.')
                continue
            if tok.lower_ == "in" and tok.dep_ == "prep" and not pronouns and not _inside(self.quotes, tok.idx):
                self.in_their_view(tok)  # ('In Ann Lee's view, the plan will hurt the shops.')
                continue
            if tok.lower_ in _CLAIMED_STANCES and tok.dep_ == "acomp" and not _inside(self.quotes, tok.idx):
                self.stance_claim(tok, pronouns=pronouns)  # ('Ann Lee is convinced that the shops will close.')
                continue
            if lemma == "be" and (view := _held_view(tok)) is not None and not _inside(self.quotes, tok.idx):
                self.held_view(tok, *view, pronouns=pronouns)  # ('Analysts are of the view that rates will fall.')
                continue
            if lemma not in CUE_VERBS and not (lemma in _FINDING_VERBS_OF_WORKS and (s := _subject(tok)) is not None
                                               and s.lemma_.lower() in _AUTHORED_WORKS) \
                    or tok.pos_ != "VERB" or _inside(self.quotes, tok.idx):
                continue
            if any(c.dep_ == "neg" for c in tok.children):
                continue  # 'researchers don't say how many …' attributes nothing
            if lemma in BELIEF_VERBS and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in _REFLEXIVES:
                continue  # ('Trump finds himself mired in …', 'she felt herself slipping': no claim)
            by_object = lemma in OBJECT_SPEECH_VERBS
            clause = _object(tok) if by_object else _clause(tok)
            if clause is None and by_object:
                clause, by_object = _clause(tok), False  # 'Pence stressed on Thursday that …'
            if clause is None and lemma in CONTENT_OBJECT_VERBS:
                clause = _object(tok)  # 'Trump announced his decision to pull out of …'
                by_object = clause is not None
            subj = _subject(tok)
            if subj is None or any(c.dep_ == "auxpass" for c in tok.children) and subj.head.i == tok.i:
                continue  # ('Smith was told that …': the one spoken to)
            if clause is not None and clause.i < tok.i and _in_reduced_relative(subj):
                continue  # ('Morrison did reference …, a prospect Vindman denied': what he denied is the prospect)
            if clause is None:
                # 'A spokesperson for OpenAI questioned the calculation': no reported clause, but a claim
                # the article leaves to someone it does not name
                if lemma in _CLAIM_WITHOUT_CLAUSE and self.reg.person_at(subj) is None and not _inside(self.quotes, subj.idx) \
                        and subj.lower_ not in _INDEFINITE \
                        and (lemma != "tell" or any(c.dep_ in {"dobj", "dative"} and c.pos_ == "PRON" for c in tok.children)) \
                        and (source := self.unnamed_subject(subj)) is not None:
                    self.add_unnamed(tok, source)
                continue
            if subj.lower_ in PRONOUNS and self.inside_other_report(tok, subj):
                continue  # 'X said whether Trump agrees depends on whether he believes …': X's words, not his
            if lemma in {"ask", "demand", "wonder", "question", "inquire", "query"} \
                    and clause.left_edge.lower_ in {"how", "whether", "why", "what", "if", "who", "when", "where", "which"}:
                continue  # 'Maitlis repeatedly demanded how Andrew could be so sure …': a question, not a claim
            lo, hi = clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge)
            if lemma == "ask" and "?" in self.text[hi:hi + 3] + self.text[hi - 1:hi]:
                continue  # ('Wootton asked her, “Did you get it from a tick?”': a question, not a claim)
            closing = re.match(r"[.,!?]?[”\"]", self.text[hi:hi + 2])
            if closing and self.text[lo:hi].count("“") > self.text[lo:hi].count("”"):
                hi += closing.end()  # (the quotation the clause opens closes right after the parse's end)
            said = self.text[lo:hi]
            if re.search(r"[“\"]$", self.text[max(lo - 1, 0):lo]) and (said.count("”") > said.count("“") or said.count('"') % 2):
                lo -= 1  # (and one it closes opens right before the parse's start: 'saying "the virus" would …')
            opening = clause.left_edge.i
            while opening < tok.i and self.doc[opening].is_punct:
                opening += 1  # ('(As X noted, …)')
            if lo <= tok.idx < hi and tok.left_edge.i <= opening:
                # the attribution opening the clause it reports ('As X noted at the time, …'): only the
                # words after it (one in the middle, 'The issue, Lee notes, matters …', stays in)
                comma = next((t for t in self.doc[tok.i + 1 : clause.right_edge.i] if t.text == ","), None)
                lo = comma.idx + 1 if comma is not None else hi
            elif lo <= tok.idx < hi and tok.dep_ == "advcl" and tok.head.i == clause.i and tok.i > clause.i:
                hi = tok.left_edge.idx  # ('…, as X wrote recently.': the words before it)
            if by_object or clause.dep_ == "prep":
                # 'attribute this rise to …', 'expressed excitement to be able to …': what follows the
                # object belongs to the claim, as does an infinitive or a condition the parser hung on the
                # verb ('called for X and Y to be afforded due process', 'warn against … unless absolutely
                # necessary'); not when or why it was said ('after officials arrested …')
                for after in tok.children:
                    if after.i > clause.i and (
                            after.dep_ in {"xcomp", "oprd"} and by_object
                            or after.dep_ == "prep" and by_object and after.lower_ in {"to", "for", "on", "about", "over", "as"}
                            or after.dep_ == "advcl" and any(
                                c.dep_ == "aux" and c.lower_ == "to" or c.dep_ == "mark" and c.lower_ in {"unless", "if"}
                                for c in after.children)):
                        hi = max(hi, after.right_edge.idx + len(after.right_edge))
                if (closing := re.match(r"[.,!?]?[”\"]", self.text[hi:hi + 2])) and (
                        self.text[lo:hi].count("“") > self.text[lo:hi].count("”") or self.text[lo:hi].count('"') % 2):
                    hi += closing.end()  # ('called the plan “a stunt,” …': the quotation the object ends with)
            inner = [(s, e) for s, e in _overlapping(self.quotes, lo, hi) if min(hi, e) - max(lo, s) > (hi - lo) / 2]
            if inner and any(self.spoken(s, e) for s, e in inner):
                continue  # the clause is mostly a direct quote that direct_quotes has attributed
            if inner and not pronouns and any(e <= tok.idx for _, e in inner):
                continue  # (one closed by this very attribution, '“…,” Sanborn said': the next pass's direct_quotes)
            # (a quote embedded in a reported clause with no cue of its own is attributed here:
            # 'X said in the release this case shows that … “make threats … them.”')
            if by_object and clause.left_edge.i <= subj.i <= clause.right_edge.i:
                continue  # ('he … called Omar a “terrorist”': the one judged is not who judges)
            person = self.speaker(subj, pronouns=pronouns)
            lo, text = _trim_clause(self.text, lo, hi)
            if person is not None and len(text.split()) >= 3:
                quote = Quote(text, tok.text.lower(), "indirect", lo, lo + len(text))
                self.record(person, quote, subj)
                for other, named in self.co_speakers(subj, person):
                    self.record(other, quote, named)
            elif person is None and subj.lower_ not in _INDEFINITE \
                    and (source := self.unnamed_subject(subj) or self.unnamed_they(subj)) is not None:
                self.add_unnamed(tok, source)

    def in_their_view(self, tok: Token) -> None:
        """'In Ann Lee's view (opinion, estimation), …': her claim, the whole sentence."""
        obj = next((c for c in tok.children if c.dep_ == "pobj" and c.lemma_.lower() in _VIEW_NOUNS), None)
        poss = next((c for c in obj.children if c.dep_ == "poss"), None) if obj is not None else None
        person = self.reg.person_at(poss) if poss is not None else None
        if person is None:
            return
        sent = _sent(tok)
        text = sent.text.strip()
        if not any(t.i > obj.i and t.pos_ in {"VERB", "AUX"} for t in sent):
            return  # ('She changed her mind, in Ann Lee's view' has no claim after it … nor does a heading)
        self.record(person, Quote(text, self.doc[tok.i : obj.i + 1].text, "indirect", sent.start_char,
                                  sent.start_char + len(text)), poss)

    def held_view(self, verb: Token, noun: Token, clause: Token, *, pronouns: bool) -> None:
        """'X is of the view (opinion, belief) that …': X's belief, with the clause it holds; or, when X stands for
        people the article does not name ('Experts and brokerages are of the view that …'), unnamed sourcing."""
        if any(c.dep_ == "neg" or c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
            return  # (not a view someone 'may be of')
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None:
            return
        person = self.speaker(subj, pronouns=pronouns)
        if person is not None:
            self.belief(person, subj, clause, self.doc[noun.head.i : noun.i + 1].text.lower())
        elif not pronouns and self.reg.person_at(subj) is None and (source := self.unnamed_subject(subj)) is not None:
            self.add_unnamed(verb, source)

    def stance_claim(self, adj: Token, *, pronouns: bool) -> None:
        """'X is convinced (confident, sure) that …': a belief, with the clause it holds; not a mood ('X is
        confident', 'X is sure of it')."""
        verb = adj.head
        if verb.lemma_.lower() not in {"be", "remain", "seem", "appear"} or any(
                c.dep_ == "neg" or c.dep_ == "aux" and c.tag_ == "MD" for c in (*adj.children, *verb.children)):
            return  # (nor what someone 'could be' sure of: a supposition)
        clause = next((c for c in adj.children if c.dep_ == "ccomp" and c.pos_ in {"VERB", "AUX"}
                       and c.left_edge.tag_ not in {"WDT", "WP", "WRB"} and c.left_edge.lower_ not in {"whether", "if"}), None)
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if clause is None or subj is None:
            return
        person = self.speaker(subj, pronouns=pronouns)
        if person is not None:
            self.belief(person, subj, clause, adj.text.lower())

    def belief(self, person: Person, subj: Token, clause: Token, cue: str) -> None:
        """Record the clause a held belief states as the person's words ('… is convinced that the shops will close')."""
        lo, text = _trim_clause(self.text, clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge))
        if len(text.split()) >= 3 and not _inside(self.quotes, lo):
            self.record(person, Quote(text, cue, "indirect", lo, lo + len(text)), subj)

    def stances(self) -> None:
        """Views of people the article does not name, without a speech verb: 'AI experts are increasingly
        troubled by …', 'environmentalists want the plants to remain closed', 'researchers have also spotted …'."""
        for tok in self.doc:
            if tok.pos_ not in {"VERB", "ADJ"} or _inside(self.quotes, tok.idx) or any(c.dep_ == "neg" for c in tok.children):
                continue
            lemma = tok.lemma_.lower()
            subj = None
            if tok.lower_ in _STANCE_WORDS:
                if tok.dep_ == "acomp" and tok.head.pos_ in {"AUX", "VERB"} and tok.head.lemma_.lower() in {"be", "seem", "remain", "appear", "become", "grow"}:
                    subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)  # 'members are very concerned'
                    if any(c.dep_ == "neg" for c in tok.head.children):
                        continue
                elif tok.dep_ in {"ccomp", "advcl", "oprd", "xcomp"} and tok.head.lemma_.lower() in {"leave", "make", "keep"}:
                    # '… left some experts bewildered': the one left so, parsed as the stance's subject or the
                    # verb's object
                    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None) \
                        or next((c for c in tok.head.children if c.dep_ == "dobj"), None)
                elif tok.pos_ == "VERB":
                    # 'experts are troubled by …' (passive)
                    subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            elif lemma in _WISH_VERBS and tok.pos_ == "VERB":
                if any(c.dep_ in {"ccomp", "xcomp", "dobj"} for c in tok.children):
                    subj = _subject(tok)
            elif lemma in {"file", "lodge", "raise"} and tok.pos_ == "VERB" and any(
                    c.dep_ == "dobj" and c.lemma_.lower() in {"complaint", "objection", "concern"} for c in tok.children):
                subj = _subject(tok)  # 'some 500 local residents filed complaints against the name changes'
            elif lemma in _FINDING_VERBS and tok.pos_ == "VERB" and any(c.dep_ == "dobj" for c in tok.children):
                subj = _subject(tok)
                if subj is not None and subj.lemma_.lower() not in _FINDER_HEADS:
                    subj = None
            if subj is None or subj.lower_ in _INDEFINITE or subj.lemma_.lower() in {"people", "person"} \
                    or self.reg.person_at(subj) is not None or _inside(self.quotes, subj.idx):
                continue
            if (source := self.unnamed_subject(subj)) is not None:
                self.add_unnamed(tok, source)

    def unnamed_they(self, subj: Token) -> str | None:
        """'They said …' right after a sentence whose subject is people the article does not name
        ('… left some of the state’s energy experts bewildered. They said …')."""
        if subj.lower_ != "they":
            return None
        sent = _sent(subj)
        if sent.start == 0:
            return None
        before = _sent(self.doc[sent.start - 1])
        if self.paragraph_of(before.start_char) != self.paragraph_of(sent.start_char):
            return None
        groups = [src for t in before if t.dep_ in {"nsubj", "nsubjpass", "dobj"} and (src := self.unnamed_subject(t))]
        return groups[-1] if groups else None

    def inside_other_report(self, verb: Token, subj: Token) -> bool:
        """Whether a verb with a pronoun subject sits in what someone else is reported to say, with
        another person named in between ('Scissors said whether Trump will agree depends on whether
        he believes …'); not 'he said, adding …' or 'he said he expressed …'."""
        for a in verb.ancestors:
            if a.lemma_.lower() not in CUE_VERBS or a.pos_ != "VERB" or subj.head is a:
                continue
            if any(t.ent_type_ == "PERSON" or self.reg.person_at(t) is not None for t in self.doc[a.i + 1 : verb.i]
                   if t.i != subj.i):
                return True
        return False

    def passive_agents(self) -> None:
        """'This was revealed by Minister X, Dr Y and Dr Z': the named agents of a passive speech verb
        are the sources of the sentence."""
        for tok in self.doc:
            if tok.tag_ == "VBN" and tok.lemma_.lower() in _PASSIVE_SOURCE_VERBS and not _inside(self.quotes, tok.idx) \
                    and any(c.dep_ == "auxpass" for c in tok.children):
                # 'Corbyn … is accused by critics of …': people the article does not name
                agent = next((c for c in tok.children if c.dep_ == "agent"), None)
                pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
                if pobj is not None and not any(c.dep_ == "neg" for c in [*tok.children, *agent.children]) \
                        and (source := self.unnamed_subject(pobj)) is not None:
                    self.add_unnamed(tok, source)
                    continue
            if tok.tag_ != "VBN" or tok.lemma_.lower() not in SPEECH_VERBS or _inside(self.quotes, tok.idx):
                continue
            # 'was revealed by X', or '…, as noted by X'
            passive = any(c.dep_ == "auxpass" for c in tok.children)
            if not passive and not any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
                continue
            agent = next((c for c in tok.children if c.dep_ == "agent"), None)
            if agent is None:
                # 'revealed in a press conference by X': the parser hangs 'by X' on the event noun
                agent = next((by for prep in tok.children if prep.dep_ == "prep" and prep.lower_ in {"in", "at", "during"}
                              for event in prep.children if event.dep_ == "pobj" and event.lemma_.lower() in _EVENT_NOUNS
                              for by in event.children if by.dep_ == "prep" and by.lower_ == "by"), None)
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if pobj is None:
                continue
            if not passive and not (
                    _has_person_role(pobj) or any(c.lower_.strip(".") in HONORIFICS for c in pobj.children)):
                continue  # '…, as noted by Verywell Fit': publications are cited that way too; a person has a title
            # the names in the agent phrase: its object, names joined to it, and a name the parser hung on
            # a capitalised title before it ('Minister of Health Kay Brathwaite'); not 'the lawyer of X'
            heads = [t for t in pobj.subtree if t is pobj or t.pos_ == "PROPN" and (
                t.dep_ in {"conj", "appos"} or t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.is_title
                and t.head.head.lemma_.lower() in PERSON_ROLE_NOUNS)]
            sent = self.pointed_back_to(tok) or _sent(tok)
            text = sent.text.strip()
            for head in heads:
                person = self.reg.person_at(head)
                if person is not None:
                    self.record(person, Quote(text, tok.text.lower(), "indirect", sent.start_char,
                                              sent.start_char + len(text)), head)

    def pointed_back_to(self, verb: Token) -> Span | None:
        """The sentence before, when the verb's subject is only 'this'/'that' pointing back to it
        ('… a vaccination bus. This was all revealed by …'); in the same paragraph or closing the one before."""
        subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        sent = _sent(verb)
        if subj is None or subj.lower_ not in {"this", "that", "these", "those", "it"} or sent.start == 0:
            return None
        before = _sent(self.doc[sent.start - 1])
        return before if self.paragraph_of(sent.start_char) - self.paragraph_of(before.start_char) <= 1 else None

    def impersonal(self, tok: Token) -> bool:
        """'reportedly', 'it is believed that …', 'is alleged to have': a claim with no source at all."""
        if _inside(self.quotes, tok.idx):
            return False
        if tok.lower_ in IMPERSONAL_ADVERBS:
            self.unnamed_sentence(tok, "not named")
            return True
        if tok.tag_ == "VBN" and tok.lemma_.lower() in IMPERSONAL_VERBS and any(
            c.dep_ in {"auxpass"} for c in tok.children
        ) and not any(c.dep_ == "agent" for c in tok.children):
            subj = next((c for c in tok.children if c.dep_ in {"nsubjpass", "expl"}), None)
            # (with or without its subject, which may be a conjunct's or follow unparsed: 'The minister resigned and was
            # said to be furious', 'Among the hundreds trapped were said to be secondary school pupils.')
            if subj is not None and subj.lower_ == "it" or any(c.dep_ == "xcomp" for c in tok.children):
                self.unnamed_sentence(tok, "not named")
                return True
        if tok.tag_ == "VBN" and tok.lemma_.lower() in _PERCEPTION_VERBS and any(c.dep_ == "auxpass" for c in tok.children) \
                and not any(c.dep_ == "agent" for c in tok.children) \
                and any(c.dep_ == "prep" and c.lower_ == "as" for c in tok.children):
            # 'The shift was widely seen as an attempt to …', 'Settlements are viewed as …': a judgement of nobody named
            self.unnamed_sentence(tok, "not named")
            return True
        # 'has received reports that …', 'Information reaching OBSERVER ONLINE is that …': reports from nobody named
        if tok.lemma_.lower() == "receive" and any(c.dep_ == "dobj" and c.lemma_.lower() == "report" and
                                                   not any(g.dep_ == "prep" for g in c.children) for c in tok.children) \
                or tok.lemma_.lower() == "reach" and tok.tag_ == "VBG" and tok.head.lemma_.lower() in {"information", "report"}:
            self.unnamed_sentence(tok, "not named")
            return True
        if tok.lemma_.lower() == "learn" and tok.tag_ == "VBN" and any(c.lower_ in {"has", "have"} and c.dep_ == "aux"
                                                                        for c in tok.children):
            # '…, OBSERVER ONLINE has learnt.', 'The Guardian has learned that …': the outlet's unnamed sources
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is not None and (subj.lower_ == "we" or subj.pos_ == "PROPN" and self.reg.person_at(subj) is None):
                self.unnamed_sentence(tok, "not named")
                return True
        return False

    def unnamed_sentence(self, cue: Token, source: str) -> None:
        sent = _sent(cue)
        if sent.text.count(" | ") >= 2:
            return  # a row of links to other stories ('… | Senators call for 5G security coordinator | …')
        if sent.text.rstrip().rstrip(" ”\"’'»)").endswith("?"):
            return  # ('Was it as bad as the sceptics thought?': a question asserts nothing)
        if not any(u.start == sent.start_char for u in self.unnamed):
            self.unnamed.append(UnnamedSource(sent.text.strip(), cue.text.lower(), source, sent.start_char, sent.end_char))

    def according_to(self, tok: Token, *, pronouns: bool, per: Token | None = None) -> None:
        """'according to X, …', or (given the preposition) '…, per X': X's claim; only 'according to' may
        name an unnamed source or a document ('per person' is a rate)."""
        to = per if per is not None else self.doc[tok.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"]
        if not objs:
            return
        sent = _sent(tok)
        obj = objs[0]
        rest = [t for t in sent if not (tok.i <= t.i <= obj.right_edge.i)]
        if not rest:
            return
        lo = rest[0].idx
        text = sent.text.strip()
        person = self.speaker(obj, pronouns=pronouns)
        if per is not None:
            # (not another's words it passes on: '“…,” one commenter said, per Feng.')
            if person is not None and obj.pos_ == "PROPN" \
                    and not any(t.lemma_.lower() in SPEECH_VERBS and t.pos_ == "VERB" for t in sent):
                self.record(person, Quote(text, per.lower_, "indirect", sent.start_char, sent.start_char + len(text)), obj)
            return
        if person is None and obj.pos_ == "NOUN":
            # 'according to a statement from Governor Ann Walsh': the person behind the document
            for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ in {"from", "by", "of"}):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    if (found := self.reg.person_at(pobj)) is not None:
                        person, obj = found, pobj
            # 'according to Ann Lee's estimate': her own working-out
            if person is None and (obj.lemma_.lower() in _OWN_ACCOUNT_NOUNS or obj.lower_ in _OWN_ACCOUNT_NOUNS):
                for poss in (c for c in obj.children if c.dep_ == "poss"):
                    if (found := self.reg.person_at(poss)) is not None:
                        person, obj = found, poss
        if person is not None:
            self.record(person, Quote(text, "according to", "indirect", sent.start_char, sent.start_char + len(text)), obj)
        elif (source := self.unnamed_subject(obj)) is not None and lo >= 0:
            self.add_unnamed(tok, source)
        elif obj.lemma_.lower() == "report" and obj.tag_ == "NNS" and not any(t.pos_ == "PROPN" or t.ent_type_ for t in obj.subtree) \
                and not any(c.dep_ == "det" and c.lower_ in {"the", "these", "those"} for c in obj.children):
            # 'according to local news reports': no one in particular ('according to the report' is a document)
            self.unnamed_sentence(tok, "not named")


def _role_from_mentions(person: Person, doc: Doc, *, before: int | None = None) -> None:
    """The first role the article gives anywhere it names the person ('Napa County Public Works
    Director Steve Lederer' early on, 'Lederer said' later); with ``before``, only a role that starts
    before that offset replaces the one found there."""
    for mention in person.mentions:
        if before is not None and mention.start >= before:
            return
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        found = role_of(span.root, doc) if span is not None else None
        if found and before is not None and not _plain_role(found[0], person.name):
            continue  # (an earlier role replaces the quote's only when it reads as one)
        if found:
            person.role, person.role_span = found[0], Mention(*found)
            return


def _opens_with_given_name(name: str) -> bool:
    """Whether a name's first word is someone's given name (or an initial: 'J.J. Abrams')."""
    first = name.split()[0]
    names = first_names()
    return first.casefold() in names or "." in first or len(first) == 1 \
        or "-" in first and all(part.casefold() in names for part in first.split("-"))  # ('Pierre-Luc')


def _shown_as_a_person(person: Person, doc: Doc, registry: _Registry) -> bool:
    """Whether the article treats a name as a person's at one of its mentions: with a role or a title
    ('former President Barack Obama', 'Narendra Modi, India's prime minister'), as the one who says or
    thinks something ('Obama said'), named again by surname alone, named together with a person, or followed
    by 'who', an age or where they live ('Deqa Dhalac of South Portland'). A name that opens with nobody's given name
    and has none of these is too often a product, place or dish ('MacBook Pro', 'Mauna Kea', 'Fried Eel')."""
    full = len(person.name.split())
    for mention in person.mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        # the surname on its own, as people are named again and products are not ('Varlamov stopped …')
        if len(mention.text.split()) < full and mention.text.casefold() == name_parts(person.name)[1] \
                and not (span.start > 0 and doc[span.start - 1].pos_ == "DET"):
            return True
        if role_of(root, doc) is not None:
            return True
        before = doc[span.start - 1] if span.start > 0 else None
        if before is not None and (_is_title_abbreviation(before) or before.lower_ in PERSON_ROLE_NOUNS
                                   or before.is_lower and before.pos_ == "NOUN" and _agent_word(before.lower_)):
            return True  # ('Hawaii Rep. Tulsi Gabbard', 'businessman Andrew Yang')
        if root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_.lower() in CUE_VERBS:
            return True
        # the one who did it ('a vehicle driven by Keyosha Jackson'); not what a product is made or
        # powered by ('powered by Dolby Atmos'), nor a publication something is reported by ('as noted by
        # Verywell Fit')
        if root.dep_ == "pobj" and root.head.dep_ == "agent" \
                and root.head.head.lemma_.lower() not in _MAKING_VERBS | CUE_VERBS:
            return True
        # named together with someone whose name opens with a given name ('Franklin Roosevelt and Strom
        # Thurmond', 'Donald Trump rather than Barack Obama')
        if any((other := registry.person_at(c)) is not None and other is not person
               and _opens_with_given_name(other.name) for c in root.conjuncts):
            return True
        after = doc[span.end : span.end + 3]
        words = [t.lower_ for t in after]
        if words[:2] == [",", "who"] or len(words) == 3 and words[0] == words[2] == "," and words[1].isdecimal() \
                and 0 < int(words[1]) < 120:
            return True  # (', who …'; an age: ', 27,')
        if words[:1] == ["of"] and len(after) > 1 and after[1].ent_type_ == "GPE":
            return True  # (where someone lives: 'Deqa Dhalac of South Portland')
    return False


def _without_own_name(role: Mention, name: str) -> Mention:
    """A role without the words of the person's own name that the parse ran into it ('CEO of the Refugee Council
    Enver' for Enver Solomon)."""
    # (not a title the name carries: 'Prince' stays the role of Prince Andrew)
    own = {w.casefold() for w in name.split()} - PERSON_ROLE_NOUNS - HONORIFICS
    words = list(re.finditer(r"\S+", role.text))
    keep = len(words)
    while keep and words[keep - 1][0].casefold() in own:
        keep -= 1
    if keep == len(words):
        return role
    text = role.text[: words[keep - 1].end()].rstrip(" ,") if keep else ""
    return Mention(text, role.start, role.start + len(text))


def _plain_role(role: str, name: str) -> bool:
    """A role that names what someone is ('senior Tory MP', 'spokesperson for …'), with none of their own
    name in it ('executive chair Marcelo') and a word for a person ('mechanical engineering' has none)."""
    words = re.findall(r"[\w’'-]+", role.casefold())
    names = {w.casefold() for w in name.split()}
    return not names & set(words) and any(
        w in PERSON_ROLE_NOUNS or _agent_word(w) or w in {"mp", "ceo", "cfo", "coo", "cto", "evp", "svp", "vp", "md"}
        for w in words)


# ---------------------------------------------------------------- author bios


def _parse_bio_claims(sentences: list[str], author: str) -> list[BioClaim]:
    claims: list[BioClaim] = []
    first = author.split()[0]
    lead = re.compile(rf"^(?:{re.escape(author)}|{re.escape(first)}|he|she|they)\s+(?:is|was|are|has been|serves as)\s+", re.I)
    for sentence in sentences:
        m = lead.match(sentence)
        if not m:
            continue
        body = sentence[m.end():].rstrip(". ")
        for part in re.split(r",\s*(?:and\s+)?|\s+and\s+(?=(?:a|an|the)?\s*[a-z])", body):
            part = _ARTICLES.sub("", part.strip())
            if not part or len(part.split()) > 14:
                continue
            cm = _BIO_CLAIM.match(part)
            if cm:
                claims.append(BioClaim(part, cm["relation"], cm["org"].strip()))
            elif part[0].islower():
                claims.append(BioClaim(part, "role", None))
    return claims


def _full_name(person: Person, registry: _Registry) -> Mention | None:
    """The full name of someone the model only found by one word (or a title and a surname, 'Ms Persson'):
    the first time the article writes the word, it comes after a given name ('Kate York', which the model took for a place, then 'York said').
    Nobody else in the article may have that surname, and the word before must be a proper noun, not
    'Will Trump …?'."""
    doc, word = registry.doc, person.name
    title = None
    if len(word.split()) == 2:
        if word.split()[0].casefold().strip(".") not in HONORIFICS:
            return None
        title, word = word.split()  # ('Ms Persson' … 'Eva-Marie Persson', untagged: the same woman)
    if not word.istitle():
        return None  # (not 'QC' after 'Judge Neil Ford')
    first = next((t for t in doc if t.text == word), None)
    if first is None or first.i == 0:
        return None
    given = doc[first.i - 1]
    if given.pos_ != "PROPN" or not given.is_title or given.text.casefold() not in first_names() \
            or given.whitespace_ != " " or given.lower_ in HONORIFICS or given.lower_ in PERSON_ROLE_NOUNS \
            or given.lower_ in _NOBLE_TITLES or registry.person_at(given) is not None:
        return None  # (a title is no given name: 'Princess Diana', 'Governor Roper'; nor is someone else's name)
    gender = _TITLE_GENDERS.get(title.casefold().strip(".")) if title else None
    if gender is not None and other_gender(given.text.casefold(), gender):
        return None  # ('Mr Anderson' is not Zoe Anderson)
    start = _hyphenated_start(doc, given.i)
    full = doc[start : first.i + 1].text
    if any(p is not person and (name_parts(p.name)[1] == word.casefold() or p.key == full.casefold())
           for p in registry.people):
        return None
    return Mention(full, doc[start].idx, first.idx + len(first.text))


def find_bio(text: str, paragraphs: list[tuple[int, int]], author: str) -> Bio | None:
    """The paragraph that introduces the author ('Lucas Leiroz is a member of …'), parsed into claims."""
    first = re.escape(author)
    pattern = re.compile(rf"^{first}\s+(?:is|was|has been|serves as)\b")
    for start, end in reversed(paragraphs):
        para = text[start:end]
        if pattern.match(para):
            sentences = re.split(r"(?<=[.!?])\s+", para)
            claims = _parse_bio_claims(sentences, author)
            if claims:
                return Bio(para, start, end, claims)
    return None


# ---------------------------------------------------------------- the stage


def find_people(nlp: Language, text: str, paragraphs: list[tuple[int, int]], authors: list[str], *,
                doc: Doc | None = None) -> People:
    """Run the people stage over the article's main text. ``doc`` is ``text`` already parsed by
    ``with_paragraph_breaks(nlp)`` (``backstory batch`` parses many texts at once with ``nlp.pipe``)."""
    if doc is not None and doc.text != text:
        raise ValueError("find_people: doc is not the parse of text")
    result = People()
    for author in authors:
        bio = find_bio(text, paragraphs, author)
        if bio:
            result.bios[author] = bio
    if not text.strip():
        return result
    if doc is None:
        doc = with_paragraph_breaks(nlp)(text)
    registry = _Registry(doc, exclude=authors)
    attributor = _Attributor(doc, registry, paragraphs)
    attributor.interview_answers()
    attributor.embedded_posts()
    attributor.passive_agents()
    attributor.views_and_citations()
    attributor.introduced_statements()
    for pronouns in (False, True):  # named speakers first, so that 'he said' can find them
        attributor.direct_quotes(pronouns=pronouns)
        attributor.indirect(pronouns=pronouns)
    # a 'he said' whose referent the indirect pass only found afterwards ('Sometimes …, he said.' in the
    # paragraph before '“…," he said, "…”')
    attributor.direct_quotes(pronouns=True, again=True)
    attributor.continued_quotes()
    attributor.following_quotes()
    attributor.announced_quotes()
    attributor.stances()
    found = [m for m in _CREDIT_LINE.finditer(text) if m.lastindex]
    credits = [m.span(m.lastindex) for m in found]
    teasers = [m.span(3) for m in found if m[3]]
    for person in registry.people:
        # a link to another story is its headline, not this article's reporting ('MORE: Trump says …')
        person.quotes = [q for q in person.quotes if not any(a <= q.start < b for a, b in teasers)]
        person.quotes.sort(key=lambda q: q.start)
        if person.quotes:
            # the first role the article gives (annotation rule), not only the one beside the quote
            _role_from_mentions(person, doc, before=person.role_span.start if person.role_span else None)
        if person.quotes and person.role is None and person.key in attributor.epithets:
            found = attributor.epithets[person.key]
            person.role, person.role_span = found[0], Mention(*found)
        if len(person.name.split()) <= 2 and (full := _full_name(person, registry)) is not None:
            person.name = full.text
            person.mentions = sorted([full, *person.mentions], key=lambda m: m.start)
        if person.role_span is not None and (trimmed := _without_own_name(person.role_span, person.name)) != person.role_span:
            person.role, person.role_span = (trimmed.text, trimmed) if trimmed.text else (None, None)
        if person.quotes:
            result.cited.append(person)
        elif len(person.name.split()) >= 2 and not _common_words(person.name, text) \
                and not (person.mentions and all(any(a <= m.start < b for a, b in credits) for m in person.mentions)) \
                and (_opens_with_given_name(person.name) or _shown_as_a_person(person, doc, registry)):
            # single-word names that never speak are too often places or brands mis-tagged as people; nobody
            # named only in the credits ('(Reporting by …; Editing by …)', 'Photo: …') or in links to other stories
            result.mentioned.append(person)
    result.cited.sort(key=lambda p: p.quotes[0].start)
    result.mentioned.sort(key=lambda p: p.mentions[0].start)
    result.unnamed = sorted(attributor.unnamed, key=lambda u: u.start)
    return result
