"""Who said what, on political news annotated by others: Backstory against PolNeAR (issue 26, part 3).

PolNeAR (``../shared/eval/polnear``; Newell, Margolin & Ruths 2018) annotates attributions -- a Source, a
Cue and a Content -- in 924 US political news articles of 2016 (840 ``train``, 84 ``dev``; the test split
is kept elsewhere). Its README defines the scorer this script mirrors. Both splits here are development
data: tune on them, but never copy their texts or annotations into the project (tests use made-up
snippets; docs carry aggregate scores and error kinds only).

Each article's text goes through the engine as ``/v1/analyze`` would take it (each non-empty line a
``<p>`` inside ``<article>``, the same page ``bench/snapshot.py`` builds), and the cards are compared with
the first annotator's file (sorted order) of that article:

* **cited named people** (the README's scorer): gold = the surnames of the PERSON entities that spaCy's
  English model (the engine's own) finds in the Source spans, each span's text read alone; predicted
  = the surnames of the people in ``cited``; surname = the entity's last word after removing accents,
  Jr/Sr/II/III and a possessive 's, case-folded. Sets per article; counts summed over articles (micro).
* **quote speaker accuracy** (the README's): for each quote of a cited person, the gold attribution whose
  Content covers at least half of the quote's characters (the one covering most); where that
  attribution's Source holds a PERSON, the quote is right when a word of the cited person's name (3+
  letters, not an honorific) is a word of the Source span.
* **descriptive sources** (defined here, see :func:`classify_source`): a Source with a common-noun head
  that names people ("the official", "sources", "a senior administration official", "many Republicans",
  "Trump's aides"), and no PERSON entity as its head, in apposition or in a compound with it.
* **unnamed sourcing**: the sentences (spaCy's, of the gold text) holding a descriptive Source, against
  Backstory's ``unnamed_sources`` sentences; a pair matches when they overlap by at least half of the
  shorter one, one-to-one. Precision and recall.
* **descriptive-source quotes given a name**: quotes Backstory gives a named person where the covering
  gold Content's Source is descriptive (the issue's target is none).

Backstory's offsets (into ``article.text``) are mapped onto the gold text by aligning the two texts'
non-whitespace characters (they differ only in whitespace and the odd invisible character).

    .venv/bin/python bench/eval_polnear.py [--split dev|train|both] [--errors] [--no-write]
                                           [--article NAME] [--limit N] [--json FILE] [--suggest-floors]

``--errors`` prints the per-article errors grouped by kind (missed, spurious, wrong speaker, descriptive
given a name, unnamed missed/spurious), each with its sub-kind and a count table, to guide a change of the
people rules. They quote the corpus, so they go to the terminal only, never into docs/.
Needs ../shared (or $BACKSTORY_SHARED_DIR); without it, says so and exits 0. A full run of a split that
includes dev writes docs/quality.md, section "## PolNeAR attribution (political news)".
"""

from __future__ import annotations

import argparse
import bisect
import difflib
import html as html_lib
import json
import math
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from eval_people import _frac, _pct, _ratio, covered, overlap, strip_accents  # noqa: E402

SECTION = "## PolNeAR attribution (political news)"
SPLITS = ("dev", "train")
FLOORS_FILE = REPO / "tests" / "quality_floors.json"
FLOORS_KEY = "polnear_dev"
FLOOR_METRICS = ("cited_precision", "cited_recall", "cited_f1", "speaker_accuracy", "unnamed_precision",
                 "unnamed_recall", "unnamed_recall_speech")
CEILING_METRICS = ("descriptive_named",)
# The targets on the dev split (issue 26, "Targets").
TARGETS = {"cited_precision": 0.88, "cited_f1": 0.82, "speaker_accuracy": 0.99}


# --------------------------------------------------------------------------------------------
# Reading the corpus (brat standoff)
# --------------------------------------------------------------------------------------------

class AnnotationError(ValueError):
    """A malformed .ann line or an offset outside the text."""


@dataclass(frozen=True)
class Span:
    """A text-bound annotation: its type (Source, Cue, Content, ...) and fragments (start, end)."""

    id: str
    type: str
    frags: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.frags[0][0]

    @property
    def end(self) -> int:
        return self.frags[-1][1]

    def text(self, doc_text: str) -> str:
        return " ".join(doc_text[s:e] for s, e in self.frags)


@dataclass(frozen=True)
class Attribution:
    """One E line: its Source (None for 'Attribution-no-source'), Cue and Content spans."""

    id: str
    source: Span | None
    cue: Span | None
    contents: tuple[Span, ...]


_T_LINE = re.compile(r"^(T\d+)\t([\w-]+) (\d+ \d+(?:;\d+ \d+)*)(?:\t|$)")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")


def parse_ann(ann: str, text_len: int | None = None) -> list[Attribution]:
    """The attributions of a brat .ann file (only T and E lines count; notes, attributes and the
    continuation lines of a span text that runs over several lines are skipped). Raises AnnotationError
    on a T or E line that cannot be read, an event naming an undefined span, or an offset past the end
    of the text."""
    spans: dict[str, Span] = {}
    events: list[tuple[str, list[tuple[str, str]]]] = []
    for n, line in enumerate(ann.splitlines(), 1):
        if re.match(r"T\d+\t", line):
            m = _T_LINE.match(line)
            if not m:
                raise AnnotationError(f"line {n}: unreadable text-bound annotation: {line[:80]!r}")
            frags = tuple(tuple(int(x) for x in f.split()) for f in m[3].split(";"))
            for s, e in frags:
                if s > e or (text_len is not None and e > text_len):
                    raise AnnotationError(f"line {n}: span {s}-{e} outside the text ({text_len} characters)")
            spans[m[1]] = Span(m[1], m[2], frags)  # type: ignore[arg-type]
        elif re.match(r"E\d+\t", line):
            m = _E_LINE.match(line)
            args = [a.split(":", 1) for a in m[2].split()] if m else []
            if not m or not args or any(len(a) != 2 for a in args):
                raise AnnotationError(f"line {n}: unreadable event: {line[:80]!r}")
            events.append((m[1], [(role, ref) for role, ref in args]))
    out = []
    for eid, args in events:
        roles: dict[str, list[Span]] = defaultdict(list)
        for role, ref in args:
            if ref not in spans:
                raise AnnotationError(f"{eid}: refers to {ref}, which is not defined")
            roles[re.sub(r"\d+$", "", role)].append(spans[ref])
        out.append(Attribution(eid, (roles.get("Source") or [None])[0], (roles.get("Cue") or [None])[0],
                               tuple(roles.get("Content") or ())))
    return out


@dataclass
class Article:
    name: str
    split: str
    text: str
    attributions: list[Attribution]
    ann_file: str = ""


def first_annotations(directory: Path) -> dict[str, Path]:
    """Article name -> its first annotator's file, in sorted order ('name_XXXX.ann')."""
    out: dict[str, Path] = {}
    for path in sorted(directory.glob("*.ann")):
        out.setdefault(re.sub(r"_[0-9a-f]{4}$", "", path.stem), path)
    return out


def load_split(root: Path, split: str) -> list[Article]:
    articles = []
    for name, ann in first_annotations(root / split / "attributions").items():
        text_path = root / split / "text" / f"{name}.txt"
        if not text_path.exists():
            raise AnnotationError(f"{ann.name}: no text file {text_path.name}")
        text = text_path.read_text(encoding="utf-8")
        try:
            atts = parse_ann(ann.read_text(encoding="utf-8"), len(text))
        except AnnotationError as exc:
            raise AnnotationError(f"{ann}: {exc}") from None
        articles.append(Article(name, split, text, atts, ann.name))
    return articles


def article_html(text: str) -> str:
    """The article as the README's scorer posts it: each non-empty line a <p> inside <article>."""
    paras = "".join(f"<p>{html_lib.escape(line)}</p>" for line in text.splitlines() if line.strip())
    return f"<html><body><article>{paras}</article></body></html>"


# --------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------

_SUFFIXES = {"jr", "sr", "ii", "iii"}
# Titles written before a name (a word of 3+ letters of a cited name that is one of these says nothing)
HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "rev", "reverend",
              "sen", "senator", "rep", "gov", "governor", "president", "gen", "general", "judge", "lord",
              "lady", "madam", "mister", "hon", "honorable", "the"}


def _words(text: str) -> list[str]:
    text = strip_accents(text).casefold().replace("’", "'").replace("‘", "'")
    out = []
    for w in text.split():
        w = re.sub(r"'s$|'$", "", w.strip(".,;:!?\"“”()[]"))
        w = w.strip(".,;:!?\"“”()[]'")
        if w:
            out.append(w)
    return out


def surname(name: str) -> str | None:
    """The README's surname: the last word after removing accents, Jr/Sr/II/III and a possessive 's
    (case-folded). None for an empty name."""
    words = _words(name)
    while words and words[-1] in _SUFFIXES:
        words.pop()
    return words[-1] if words else None


def name_words(name: str) -> set[str]:
    """Words of a name that can identify it in a Source span: 3+ letters, not an honorific or suffix."""
    return {w for w in re.findall(r"\w+", " ".join(_words(name)))
            if len(w) >= 3 and w not in HONORIFICS and w not in _SUFFIXES}


def span_words(text: str) -> set[str]:
    return set(re.findall(r"\w+", " ".join(_words(text))))


# --------------------------------------------------------------------------------------------
# The gold side: which Sources are named people, pronouns, descriptions
# --------------------------------------------------------------------------------------------

# Nouns that name people (singular lemma): a Source headed by one, with no name as its head, is a
# description of people not named. Words of general English, not read off the corpus's sentences.
PEOPLE_NOUNS = frozenset("""
    official source aide adviser advisor spokesman spokeswoman spokesperson representative staffer staff
    expert analyst strategist operative consultant insider observer pundit commentator columnist critic
    supporter backer ally opponent rival detractor proponent advocate activist organizer protester
    demonstrator voter elector delegate donor fundraiser member leader candidate nominee contender hopeful
    politician lawmaker legislator senator congressman congresswoman governor mayor president secretary
    minister diplomat ambassador envoy negotiator officer agent investigator detective prosecutor lawyer
    attorney counsel judge justice witness authority employee worker executive businessman businesswoman
    investor developer chairman chairwoman chair chief director manager founder owner partner colleague
    associate friend relative family neighbor neighbour resident citizen taxpayer parent mother father son
    daughter wife husband child kid student teacher professor scholar researcher scientist economist
    historian doctor physician nurse surgeon neurosurgeon pastor priest rabbi imam cleric evangelical
    environmentalist conservative liberal progressive moderate independent socialist libertarian republican
    democrat millennial veteran soldier journalist reporter correspondent editor anchor host moderator writer
    author speechwriter pollster lobbyist people person man woman guy lady individual someone somebody
    attendee participant respondent audience crowd viewer reader listener user fan follower admirer
    immigrant refugee graduate confidant surrogate campaigner volunteer canvasser actor actress mogul
    tycoon billionaire celebrity insurgent fact-checker checker other many most some few several all both
    each majority minority handful none one
""".split())
# Heads that stand for a share of a group ('many of the voters', 'some in the party'): the group is
# the object of their 'of' when there is one.
QUANTIFIERS = frozenset("other others many most some few several all both each majority minority handful "
                        "none one half lot number plurality dozen hundred thousand million".split())
# Determiners that introduce someone not named ('a source', 'another official', 'one adviser')
INDEFINITE = frozenset("a an another one some any no each every several many few".split())
# Nouns that keep a speaker anonymous even when definite or possessive ('the official said', 'his aide')
ANONYMOUS_NOUNS = frozenset("""source official aide adviser advisor staffer insider person individual operative
    confidant associate ally friend employee someone somebody participant attendee witness family crowd
    audience staff""".split())
# Entity labels that are no name (a head tagged with one of these can still be a common noun)
NOT_NAMES = frozenset({"", "CARDINAL", "ORDINAL", "DATE", "TIME", "NORP"})
PRONOUN_LEMMAS = frozenset("i me we us you he him she her it they them who whom whoever which whose this that "
                           "these those my our your his its their myself yourself himself herself itself "
                           "ourselves themselves everyone everybody anyone anybody nobody".split())
# Cue lemmas (the head of the Cue span) that report speech or writing, and those that report a belief or
# feeling; PolNeAR also annotates stances and intentions ('support', 'want', 'plan'), which are neither.
SPEECH_CUES = frozenset("""say tell add accord ask argue claim note write report state explain announce insist
    warn suggest contend acknowledge admit confirm deny describe call predict point complain testify reply
    respond comment speak declare allege charge accuse assert maintain concede urge recall tweet post chant
    shout caution estimate conclude disclose reveal indicate recount quote cite praise criticize
    criticise blame condemn dismiss question echo repeat mention""".split())
BELIEF_CUES = frozenset("""believe think feel fear hope expect worry know see view doubt consider assume
    suspect wonder understand agree disagree realize realise recognize recognise find""".split())


def cue_class(lemma: str) -> str:
    if lemma in SPEECH_CUES:
        return "speech"
    if lemma in BELIEF_CUES:
        return "belief"
    return "other"


SOURCE_KINDS = ("named", "descriptive", "epithet", "pronoun", "entity", "thing", "none")


@dataclass
class GoldSource:
    """What the gold says about one attribution's Source (or its absence)."""

    kind: str  # one of SOURCE_KINDS: named (holds a PERSON), descriptive, epithet (a definite description
    # that most likely stands for someone named: 'the Ohio governor'), pronoun, entity (ORG, GPE, ...),
    # thing (any other common noun: a poll, a report), none (an attribution without a Source)
    surnames: tuple[str, ...] = ()
    words: frozenset[str] = frozenset()
    descriptive: bool = False  # people not named, also when a PERSON is only the head's possessor ('X's aides')
    head: str = ""
    sentence: tuple[int, int] | None = None
    cue: str = ""  # the lemma of the Cue's head ('say', 'according', 'believe'), set by read_gold


@dataclass
class GoldArticle:
    article: Article
    sources: list[GoldSource]  # one per attribution, same order
    surnames: set[str]
    sentences: list[tuple[int, int]]  # sentences holding a descriptive Source, deduplicated, sorted


def _in_span(tok, s: int, e: int) -> bool:
    return tok.idx >= s and tok.idx + len(tok) <= e


def _span_root(doc, s: int, e: int):
    """The token of [s, e) whose head lies outside it (the first such, by position), or None."""
    toks = [t for t in doc if t.idx < e and t.idx + len(t) > s]
    if not toks:
        return None
    for t in toks:
        if t.head.i == t.i or not (t.head.idx < e and t.head.idx + len(t.head) > s):
            return t
    return toks[0]


def _lemma(tok) -> str:
    return strip_accents((tok.lemma_ or tok.text).casefold())


def _of_object(tok, s: int, e: int):
    """The object of ``tok``'s 'of' inside [s, e) ('most of the voters' -> voters), or None."""
    for prep in tok.children:
        if prep.lower_ == "of" and _in_span(prep, s, e):
            return next((c for c in prep.children if c.dep_ == "pobj" and _in_span(c, s, e)), None)
    return None


def _names_head(tok, head) -> bool:
    """Whether the name token ``tok`` names the people of ``head`` itself (it is the head, or hangs on it
    through apposition, compound or coordination: 'hopefuls Ann Lee and Tom Ray', 'another friend,
    Sarah Miller') rather than being their possessor or a complement ('Trump's aides', 'an aide to Trump',
    'officials who met Trump')."""
    while tok.i != head.i:
        if tok.dep_ in ("poss", "pobj", "prep", "relcl", "acl", "nsubj", "dobj", "advcl") or tok.head.i == tok.i:  # (a new Token object each time: compare indexes)
            return False
        tok = tok.head
    return True


def _unnamed_form(head, lemma: str) -> bool:
    """A description of people not named rather than an epithet of someone named: plural ('officials',
    'Trump's aides', 'Republicans'), indefinite ('a source', 'another official', 'an Iowa Republican'),
    or a word that stands for anonymity even when definite ('the official', 'the source', 'his aide');
    'the Ohio governor', 'the Republican nominee', 'his campaign manager' are epithets."""
    if head.tag_ in ("NNS", "NNPS") or "Plur" in head.morph.get("Number") or lemma in QUANTIFIERS:
        return True
    dets = [c for c in head.children if c.dep_ in ("det", "poss", "predet")]
    if any(d.lower_ in INDEFINITE for d in dets):
        return True
    return lemma in ANONYMOUS_NOUNS


def classify_source(doc, s: int, e: int, span_doc) -> GoldSource:
    """Classify the Source span [s, e) of ``doc`` (a spaCy Doc of the whole article); ``span_doc`` is
    the same model's reading of the span's text alone.

    * named: spaCy tags a PERSON in the span's text (the README's gold; the entities' surnames are kept);
    * descriptive: the span's head is a common noun from PEOPLE_NOUNS, a quantifier or number whose
      'of' object is one ('most of the voters', 'one of his aides'), or a group name tagged NORP
      ('Republicans', 'an Iowa Republican'); no PERSON entity is the head, its apposition or its
      compound ('campaign spokesman Dan Ortiz' is named; 'an aide to Trump' and 'Trump's aides' are
      descriptive, and named too by the README's rule); and the form says the people are not named
      (:func:`_unnamed_form`: plural, indefinite, or an anonymity word such as 'the official');
    * epithet: the same head in a definite singular form ('the Ohio governor', 'the Republican
      nominee'), which news writing uses for someone named nearby; like a pronoun, not scored;
    * pronoun: the head is a pronoun ('he', 'they', 'who');
    * entity: the head is inside another named entity (an organisation, a place, a title) or is a proper
      noun spaCy did not tag (often a person's name it missed);
    * thing: any other head (a poll, a report, an ad).
    """
    surnames = tuple(dict.fromkeys(sn for sn in (surname(ent.text) for ent in span_doc.ents if ent.label_ == "PERSON")
                                   if sn))
    # PERSON entities of the article's own parse inside the span: a name as the head makes no description
    persons = []
    for ent in doc.ents:
        if ent.label_ != "PERSON" or ent.end_char <= s or ent.start_char >= e:
            continue
        inside = [t for t in ent if _in_span(t, s, e)]
        if inside:
            persons.append((ent, inside))
    root = _span_root(doc, s, e)
    words = frozenset(span_words(doc.text[s:e]))
    sent = (root.sent.start_char, root.sent.end_char) if root is not None else None
    if root is None:
        return GoldSource("named" if surnames else "thing", surnames, words, sentence=sent)

    head = root
    quantified = False
    if _lemma(head) in QUANTIFIERS or head.like_num:
        obj = _of_object(head, s, e)
        quantified = obj is not None or _lemma(head) in QUANTIFIERS
        head = obj or head
    lemma = _lemma(head)
    head_named = any(_names_head(t, head) for _ent, inside in persons for t in inside)
    is_pronoun = head.pos_ in ("PRON", "DET") and (lemma in PRONOUN_LEMMAS or head.lower_ in PRONOUN_LEMMAS)
    share = lemma == "percent" or head.ent_type_ in ("PERCENT", "MONEY", "QUANTITY") or head.like_num
    people = not (head_named or is_pronoun or share) and (
        head.ent_type_ == "NORP" or (lemma in PEOPLE_NOUNS and head.ent_type_ in NOT_NAMES))
    descriptive = people and (quantified or _unnamed_form(head, lemma))
    if surnames:
        kind = "named"
    elif descriptive:
        kind = "descriptive"
    elif people:
        kind = "epithet"
    elif is_pronoun:
        kind = "pronoun"
    elif share:
        kind = "thing"
    elif (head.ent_type_ and head.ent_type_ not in NOT_NAMES) or head.pos_ == "PROPN":
        kind = "entity"
    else:
        kind = "thing"
    return GoldSource(kind, surnames, words, descriptive=descriptive, head=lemma, sentence=sent)


def read_gold(nlp, articles: list[Article], *, batch_size: int = 8) -> list[GoldArticle]:
    """Parse every article once and every Source span's text alone (``nlp.pipe``), and classify each
    attribution's Source."""
    out = []
    # the spans need only the entities (the same with or without the tagger and parser)
    ner_only = [name for name in nlp.pipe_names if name not in ("tok2vec", "ner")]
    for art, doc in zip(articles, nlp.pipe((a.text for a in articles), batch_size=batch_size)):
        spans = [att.source.text(art.text) for att in art.attributions if att.source is not None]
        span_docs = iter(nlp.pipe(spans, batch_size=64, disable=ner_only))
        sources = []
        for att in art.attributions:
            if att.source is None:
                sources.append(GoldSource("none"))
            else:
                sources.append(classify_source(doc, att.source.start, att.source.end, next(span_docs)))
            if att.cue is not None:
                root = _span_root(doc, att.cue.start, att.cue.end)
                sources[-1].cue = _lemma(root) if root is not None else ""
        gold_surnames = {sn for g in sources for sn in g.surnames}
        sents = sorted({g.sentence for g in sources if g.descriptive and g.sentence})
        out.append(GoldArticle(art, sources, gold_surnames, sents))
    return out


# --------------------------------------------------------------------------------------------
# Mapping Backstory's offsets (article.text) onto the gold text
# --------------------------------------------------------------------------------------------

class Aligner:
    """Maps offsets of ``pred_text`` onto ``gold_text`` through their non-whitespace characters
    (identical in almost every article; otherwise aligned with difflib)."""

    def __init__(self, pred_text: str, gold_text: str) -> None:
        self.p_pos = [i for i, c in enumerate(pred_text) if not c.isspace()]
        self.g_pos = [i for i, c in enumerate(gold_text) if not c.isspace()]
        self.gold_len = len(gold_text)
        p = "".join(pred_text[i] for i in self.p_pos)
        g = "".join(gold_text[i] for i in self.g_pos)
        if p == g:
            self.map: list[int | None] = list(range(len(p)))
        else:
            self.map = [None] * len(p)
            for a, b, size in difflib.SequenceMatcher(None, p, g, autojunk=False).get_matching_blocks():
                for k in range(size):
                    self.map[a + k] = b + k

    def _char(self, offset: int, forward: bool) -> int | None:
        """Gold offset of the first mapped non-space character at or after (or before) ``offset``."""
        k = bisect.bisect_left(self.p_pos, offset)
        step = 1 if forward else -1
        if not forward:
            k -= 1
        while 0 <= k < len(self.p_pos):
            g = self.map[k]
            if g is not None:
                return self.g_pos[g]
            k += step
        return None

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """The gold span of the predicted [start, end), or None when nothing in it maps."""
        s = self._char(start, True)
        e = self._char(end, False)  # the last non-space character before ``end``
        if s is None or e is None or e < s:
            return None
        return s, e + 1


# --------------------------------------------------------------------------------------------
# Scoring one article
# --------------------------------------------------------------------------------------------

COUNTERS = ("articles", "gold_cited", "pred_cited", "tp", "quotes", "quotes_uncovered", "quotes_scored",
            "quotes_right", "quotes_no_source", "quotes_pronoun", "quotes_entity", "quotes_thing",
            "descriptive_named", "descriptive_nested", "unnamed_gold", "unnamed_gold_speech", "unnamed_tp_speech", "unnamed_pred", "unnamed_tp", "descriptive_sources")


@dataclass
class ArticleResult:
    name: str
    split: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTERS, 0))
    # (kind, sub-kind, message): kinds missed, spurious, wrong speaker, descriptive given a name,
    # unnamed missed, unnamed spurious
    errors: list[tuple[str, str, str]] = field(default_factory=list)
    seconds: float = 0.0


def _short(text: str, n: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def covering_attribution(span: tuple[int, int], attributions: list[Attribution]) -> int | None:
    """Index of the attribution whose Content covers at least half of ``span`` (most coverage first)."""
    need = 0.5 * max(1, span[1] - span[0])
    best, best_cov = None, 0
    for i, att in enumerate(attributions):
        cov = covered(span, [f for c in att.contents for f in c.frags])
        if cov >= need and cov > best_cov:
            best, best_cov = i, cov
    return best


def _named_before(words: set[str], text: str, att: Attribution, span: tuple[int, int]) -> bool:
    """Whether a word of the cited name stands inside the covering Content before the quote: a nested
    attribution ('the source said Clinton had told police that …') that the univocal annotation leaves out."""
    before = " ".join(text[max(s, 0):min(e, span[0])] for s, e in (f for c in att.contents for f in c.frags) if s < span[0])
    return bool(words & span_words(before))


def match_sentences(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> dict[int, int]:
    """One-to-one pred index -> gold index; a pair counts when the overlap is at least half of the
    shorter span; largest overlaps first."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            ov = overlap(g, p)
            if ov and ov >= 0.5 * min(g[1] - g[0], p[1] - p[0]):
                pairs.append((-ov, pi, gi))
    pairs.sort()
    out: dict[int, int] = {}
    used: set[int] = set()
    for _ov, pi, gi in pairs:
        if pi in out or gi in used:
            continue
        out[pi] = gi
        used.add(gi)
    return out


def score_article(gold: GoldArticle, pred: dict[str, Any]) -> ArticleResult:
    """Compare one article's cards document (``cited``, ``mentioned``, ``unnamed_sources``,
    ``article.text``) with its gold."""
    art = gold.article
    res = ArticleResult(art.name, art.split)
    c, err = res.counts, res.errors
    c["articles"] = 1
    text = art.text
    pred_text = (pred.get("article") or {}).get("text") or ""
    align = Aligner(pred_text, text)
    cited = pred.get("cited") or []
    mentioned = pred.get("mentioned") or []

    # Cited named people (README): sets of surnames.
    pred_surnames: dict[str, str] = {}
    for p in cited:
        sn = surname(p.get("name") or "")
        if sn:
            pred_surnames.setdefault(sn, p["name"])
    gold_sn = gold.surnames
    c["gold_cited"], c["pred_cited"] = len(gold_sn), len(pred_surnames)
    c["tp"] = len(gold_sn & set(pred_surnames))
    mentioned_sn = {surname(m.get("name") or "") for m in mentioned}
    src_of = list(zip(art.attributions, gold.sources))
    for sn in sorted(gold_sn - set(pred_surnames)):
        holders = [(a, g) for a, g in src_of if sn in g.surnames]
        a, g = holders[0]
        if all(set(g2.surnames) - {sn} & set(pred_surnames) for _a2, g2 in holders):
            sub = "second name in a Source whose speaker was found ('X, an adviser to Y')"
        elif sn in mentioned_sn:
            sub = "listed as mentioned"
        elif all(g2.descriptive for _a2, g2 in holders):
            sub = "name only modifies a description ('X's aides', 'an aide to X')"
        else:
            sub = "not listed"
        cue = a.cue.text(text) if a.cue else "-"
        err.append(("missed", sub, f"{sn!r}: source \"{_short(a.source.text(text), 60)}\", cue \"{cue}\""))
    for sn in sorted(set(pred_surnames) - gold_sn):
        in_source = [a for a, g in src_of if a.source is not None and sn in g.words]
        in_content = [a for a in art.attributions if any(sn in span_words(ct.text(text)) for ct in a.contents)]
        if in_source:
            g = gold.sources[art.attributions.index(in_source[0])]
            sub = f"in a gold Source spaCy did not tag PERSON ({g.kind})"
            where = f"source \"{_short(in_source[0].source.text(text), 60)}\""
        elif in_content:
            sub = "named only inside a gold Content (univocal annotation)"
            where = ""
        elif sn in span_words(text):
            sub = "in no gold attribution"
            where = ""
        else:
            sub = "not in the text"
            where = ""
        person = next(p for p in cited if surname(p.get("name") or "") == sn)
        q = next((q for q in person.get("quotes") or [] if q.get("start") is not None), None)
        quote = f" quote \"{_short(pred_text[q['start']:q['end']], 80)}\" ({q.get('cue')})" if q else ""
        err.append(("spurious", sub, f"{pred_surnames[sn]!r}{': ' + where if where else ''}{quote}"))

    # Quotes: speaker accuracy and descriptive sources given a name.
    for p in cited:
        words = name_words(p.get("name") or "")
        for q in p.get("quotes") or []:
            if q.get("start") is None or q.get("end") is None:
                continue
            c["quotes"] += 1
            span = align.span(q["start"], q["end"])
            idx = covering_attribution(span, art.attributions) if span else None
            if idx is None:
                c["quotes_uncovered"] += 1
                continue
            att, g = art.attributions[idx], gold.sources[idx]
            quote = f"\"{_short(text[span[0]:span[1]], 80)}\" ({q.get('cue')})"
            src = f"\"{_short(att.source.text(text), 60)}\"" if att.source else "-"
            nested = _named_before(words, text, att, span)
            if g.descriptive and nested:
                c["descriptive_nested"] += 1
                err.append(("descriptive given a name", "nested: the name is inside the gold Content, before the quote",
                            f"{p['name']!r} given {quote}; gold source {src}"))
            elif g.descriptive:
                c["descriptive_named"] += 1
                err.append(("descriptive given a name", g.head or "?",
                            f"{p['name']!r} given {quote}; gold source {src}"))
            if g.kind == "named":
                c["quotes_scored"] += 1
                if words & g.words:
                    c["quotes_right"] += 1
                else:
                    if nested:
                        sub = "nested: the name is inside the gold Content, before the quote"
                    elif not words & set().union(*(g2.words for g2 in gold.sources)):
                        sub = "name not in any gold Source of the article"
                    else:
                        sub = "another gold Source's speaker"
                    err.append(("wrong speaker", sub, f"{p['name']!r} given {quote}; gold source {src}"))
            elif g.kind == "none":
                c["quotes_no_source"] += 1
            elif g.kind in ("pronoun", "epithet"):
                c["quotes_pronoun"] += 1
            elif g.kind == "entity":
                c["quotes_entity"] += 1
            elif g.kind == "thing":
                c["quotes_thing"] += 1

    # Unnamed sourcing: sentences holding a descriptive Source vs Backstory's unnamed_sources.
    c["descriptive_sources"] = sum(g.descriptive for g in gold.sources)
    gold_sents = gold.sentences
    pred_un = []
    for u in pred.get("unnamed_sources") or []:
        if u.get("start") is None or u.get("end") is None:
            continue
        span = align.span(u["start"], u["end"])
        if span and span not in pred_un:
            pred_un.append(span)
    c["unnamed_gold"], c["unnamed_pred"] = len(gold_sents), len(pred_un)
    matched = match_sentences(gold_sents, pred_un)
    c["unnamed_tp"] = len(matched)
    speech = {gi for gi, sent in enumerate(gold_sents)
              if any(g.descriptive and g.sentence == sent and cue_class(g.cue) == "speech" for g in gold.sources)}
    c["unnamed_gold_speech"] = len(speech)
    c["unnamed_tp_speech"] = len(speech & set(matched.values()))
    for pi, span in enumerate(pred_un):
        if pi in matched:
            continue
        inside = [g for a, g in src_of if a.source is not None and overlap((a.source.start, a.source.end), span)]
        no_source = [a for a, g in src_of if a.source is None and a.cue and overlap((a.cue.start, a.cue.end), span)]
        if inside:
            sub = "gold source: " + "/".join(sorted({g.kind for g in inside}))
        elif no_source:
            sub = "gold attribution without a source"
        else:
            sub = "no gold source in the sentence"
        err.append(("unnamed spurious", sub, f"\"{_short(text[span[0]:span[1]])}\""))
    hit = set(matched.values())
    for gi, sent in enumerate(gold_sents):
        if gi in hit:
            continue
        held = [g for _a, g in src_of if g.descriptive and g.sentence == sent]
        classes = [c for c in ("speech", "belief", "other") if any(cue_class(g.cue) == c for g in held)]
        err.append(("unnamed missed", f"{classes[0]} cue",
                    f"({'/'.join(sorted({g.head for g in held}))}; {'/'.join(sorted({g.cue for g in held}))}) "
                    f"\"{_short(text[sent[0]:sent[1]])}\""))
    return res


# --------------------------------------------------------------------------------------------
# Running, aggregating, floors
# --------------------------------------------------------------------------------------------

def make_engine(base: Path | None = None):
    """An engine without cache and with a generous time budget (a slow shared machine must not cut an
    analysis short and move the scores); its directories under ``base`` (a new temporary one by default)."""
    import tempfile

    from backstory.kb import KnowledgeBase
    from backstory.pipeline import Engine
    from backstory.settings import Settings

    tmp = base or Path(tempfile.mkdtemp(prefix="backstory-polnear-"))
    settings = Settings.load({"cache_dir": tmp / "cache", "data_dir": tmp / "data", "config_dir": tmp / "config",
                              "time_budget_s": 600.0}, environ={})
    return Engine(settings, kb=KnowledgeBase.load(user_dir=tmp / "data"), use_cache=False)


def evaluate(articles: list[Article], engine) -> dict[str, Any]:
    """Score every article; returns {"results": [ArticleResult], "gold_s": seconds, "engine_s": seconds}."""
    from _common import NoNetwork

    t0 = time.perf_counter()
    gold = read_gold(engine.nlp, articles)
    gold_s = time.perf_counter() - t0
    results = []
    with NoNetwork():
        for g in gold:
            t1 = time.perf_counter()
            doc = engine.analyze(f"https://example.org/polnear/{g.article.name}", article_html(g.article.text),
                                 include_text=True, use_cache=False)
            r = score_article(g, doc)
            r.seconds = time.perf_counter() - t1
            results.append(r)
    return {"results": results, "gold_s": gold_s, "engine_s": sum(r.seconds for r in results)}


def sum_counts(results: Iterable[ArticleResult]) -> dict[str, int]:
    total = dict.fromkeys(COUNTERS, 0)
    for r in results:
        for k, v in r.counts.items():
            total[k] += v
    return total


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return 2 * p * r / (p + r) if p + r else 0.0


def metrics(c: dict[str, int]) -> dict[str, Any]:
    p, r = _ratio(c["tp"], c["pred_cited"]), _ratio(c["tp"], c["gold_cited"])
    up, ur = _ratio(c["unnamed_tp"], c["unnamed_pred"]), _ratio(c["unnamed_tp"], c["unnamed_gold"])
    return {"cited_precision": p, "cited_recall": r, "cited_f1": _f1(p, r),
            "speaker_accuracy": _ratio(c["quotes_right"], c["quotes_scored"]),
            "unnamed_precision": up, "unnamed_recall": ur, "unnamed_f1": _f1(up, ur),
            "unnamed_recall_speech": _ratio(c["unnamed_tp_speech"], c["unnamed_gold_speech"]),
            "descriptive_named": c["descriptive_named"]}


def by_split(results: list[ArticleResult]) -> dict[str, dict[str, int]]:
    return {s: sum_counts(r for r in results if r.split == s) for s in SPLITS if any(r.split == s for r in results)}


def check_floors(current: dict[str, Any], floors: dict[str, Any]) -> list[str]:
    """What falls below its floor (or rises above its ceiling) in the dev split's scores; a missing
    score is a failure too."""
    problems = []
    for metric, floor in floors.get("floors", {}).items():
        value = current.get(metric)
        if value is None or value < floor:
            problems.append(f"dev {metric}: {value} < floor {floor}")
    for metric, ceiling in floors.get("ceilings", {}).items():
        value = current.get(metric)
        if value is None or value > ceiling:
            problems.append(f"dev {metric}: {value} > ceiling {ceiling}")
    return problems


def suggest_floors(current: dict[str, Any], margin: float = 0.01) -> dict[str, Any]:
    """Floors a little under the scores (rounded down to 2 decimals, minus ``margin``); ceilings = counts."""
    return {"floors": {k: max(0.0, round(math.floor(current[k] * 100) / 100 - margin, 2))
                       for k in FLOOR_METRICS if current.get(k) is not None},
            "ceilings": {k: current[k] for k in CEILING_METRICS if current.get(k) is not None}}


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------

def table(splits: dict[str, dict[str, int]]) -> str:
    rows = ["| split | articles | gold cited | predicted | TP | precision | recall | F1 | quotes (covered by gold) | "
            "speaker accuracy | descriptive given a name | unnamed gold | predicted | TP | precision | recall | "
            "recall, speech cues |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for split, c in splits.items():
        m = metrics(c)
        rows.append(f"| {split} | {c['articles']} | {c['gold_cited']} | {c['pred_cited']} | {c['tp']} | "
                    f"{_pct(m['cited_precision'])} | {_pct(m['cited_recall'])} | {_pct(m['cited_f1'])} | "
                    f"{c['quotes']} ({c['quotes'] - c['quotes_uncovered']}) | {_frac(c['quotes_right'], c['quotes_scored'])} | "
                    f"{c['descriptive_named']} | {c['unnamed_gold']} | {c['unnamed_pred']} | {c['unnamed_tp']} | "
                    f"{_pct(m['unnamed_precision'])} | {_pct(m['unnamed_recall'])} | "
                    f"{_frac(c['unnamed_tp_speech'], c['unnamed_gold_speech'])} |")
    rows += ["", "Backstory's quotes by the covering gold attribution's Source (not scored for speaker accuracy "
             "unless it names a person):", "",
             "| split | names a person | descriptive | pronoun or epithet | other name (organisation, place, name spaCy missed) | thing (poll, report) | "
             "no Source | no covering Content |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for split, c in splits.items():
        rows.append(f"| {split} | {c['quotes_scored']} | {c['descriptive_named']} | {c['quotes_pronoun']} | "
                    f"{c['quotes_entity']} | {c['quotes_thing']} | {c['quotes_no_source']} | {c['quotes_uncovered']} |")
    return "\n".join(rows)


def targets_line(c: dict[str, int]) -> str:
    m = metrics(c)
    parts = [f"{k.replace('_', ' ')} {_pct(m[k])} (target ≥ {t:.2f}: {'met' if m[k] is not None and m[k] >= t else 'NOT met'})"
             for k, t in TARGETS.items()]
    parts.append(f"descriptive-source quotes given a name {c['descriptive_named']} (target 0: "
                 f"{'met' if c['descriptive_named'] == 0 else 'NOT met'})")
    return "Issue 26 targets on the dev split: " + "; ".join(parts) + "."


def error_kinds(results: list[ArticleResult]) -> Counter:
    return Counter((k, sub) for r in results for k, sub, _m in r.errors)


ERROR_ORDER = ("missed", "spurious", "wrong speaker", "descriptive given a name", "unnamed missed", "unnamed spurious")


def error_listing(results: list[ArticleResult]) -> str:
    """Every error, grouped by kind then sub-kind, with a count table first (terminal only: it quotes
    the corpus)."""
    kinds = error_kinds(results)
    out = ["Errors by kind (counts over the articles of this run):", ""]
    for kind in ERROR_ORDER:
        total = sum(v for (k, _s), v in kinds.items() if k == kind)
        out.append(f"{kind}: {total}")
        for (k, sub), v in sorted(kinds.items(), key=lambda kv: -kv[1]):
            if k == kind:
                out.append(f"    {v:5d}  {sub}")
    for kind in ERROR_ORDER:
        out += ["", f"=== {kind} ==="]
        grouped: dict[str, list[str]] = defaultdict(list)
        for r in results:
            for k, sub, msg in r.errors:
                if k == kind:
                    grouped[sub].append(f"  {r.split}/{r.name}: {msg}")
        for sub, lines in sorted(grouped.items(), key=lambda kv: -len(kv[1])):
            out.append(f"--- {sub} ({len(lines)})")
            out += lines
    return "\n".join(out)


def kinds_table(results: list[ArticleResult]) -> str:
    """Error counts by kind and sub-kind, per split (aggregates only: fit for docs/)."""
    splits = [s for s in SPLITS if any(r.split == s for r in results)]
    per = {s: error_kinds([r for r in results if r.split == s]) for s in splits}
    rows = ["| kind | sub-kind | " + " | ".join(splits) + " |", "|---|---|" + "---:|" * len(splits)]
    for kind in ERROR_ORDER:
        subs = Counter()
        for s in splits:
            subs.update({sub: v for (k, sub), v in per[s].items() if k == kind})
        for sub, _n in subs.most_common():
            rows.append(f"| {kind} | {sub} | " + " | ".join(str(per[s][(kind, sub)]) for s in splits) + " |")
    return "\n".join(rows)


def section_body(splits, when, where, command, timing: str, results: list[ArticleResult]) -> str:
    dev = splits.get("dev")
    parts = [
        f"Measured {when} on {where}; {timing}.",
        "Corpus: PolNeAR (Newell, Margolin & Ruths 2018; `../shared/eval/polnear`, train and dev splits only), "
        "US political news of 2016 from seven publishers, attribution gold (Source, Cue, Content) by the "
        "corpus's own annotators, not ours. Both splits are development data: the rules may be tuned on "
        "them, and nothing of their text or annotation is copied into the project (this section holds "
        "aggregate counts only). Each article's lines go through `Engine.analyze` as `<p>`s inside "
        "`<article>`; the first annotator's file (sorted order) is the gold.",
        "What the numbers mean:",
        "- **Cited named people** (the corpus README's scorer): gold = surnames of the PERSON entities that "
        "the engine's spaCy model finds in the Source spans (each span's text read alone); predicted = "
        "surnames of Backstory's `cited` people; surname = last word, accents, Jr/Sr/II/III and a possessive "
        "'s removed, case-folded; sets per article, counts summed over articles. A surname stands for a "
        "person, so two people sharing one count once and a right card under a misspelt surname is missed.\n"
        "- **Speaker accuracy** (README): each Backstory quote is given the gold attribution whose Content "
        "covers at least half of it; when that attribution's Source holds a PERSON, the quote is right if a "
        "word of the cited name (3+ letters, not a title) is a word of the Source span. Quotes covered by no "
        "Content, or by one whose Source is a pronoun, an organisation, a document or missing, are not "
        "scored (second table).\n"
        "- **Descriptive sources** (defined for this bench): a Source whose head is a common noun naming "
        "people (a word list of general English in `bench/eval_polnear.py`: official, source, aide, "
        "voters, critics, …), a share of one (\"most of the voters\") or a plural group name "
        "(\"Republicans\"), with no PERSON entity as its head, in apposition or in a compound with it; "
        "pronouns, organisations, places and documents are not. \"Trump's aides\" and \"an aide to "
        "Trump\" are descriptive (and, by the README's rule, name Trump too).\n"
        "- **Descriptive given a name**: Backstory quotes whose covering gold Content has a descriptive "
        "Source: an unnamed speaker's words given to a named person (the issue's target is none).\n"
        "- **Unnamed sourcing**: the sentences (spaCy's, of the gold text) holding a descriptive Source "
        "against Backstory's `unnamed_sources` sentences; a pair matches when they overlap by at least half "
        "of the shorter one, one-to-one. PolNeAR annotates beliefs, stances and intentions as well as speech "
        "(\"voters want\", \"officials plan to\"), which Backstory does not call sourcing; *recall, speech "
        "cues* counts only the gold sentences where a descriptive Source's Cue reports speech or writing "
        "(its head is one of a list of reporting verbs: say, tell, according to, argue, claim, …).",
        "Caveats: the annotation is *univocal* (each token belongs to at most one attribution), so a person "
        "quoted inside another's quote, and many second-hand attributions, are not gold: Backstory is "
        "charged for citing them, and precision here runs below precision judged by reading. The annotators "
        "also left some citations out. The gold side is a model's reading too: spaCy's small model misses "
        "names in Sources (it often tags \"Trump\" as an organisation), which makes a right card spurious, "
        "and it tags a name used as a modifier (\"the Trump campaign\") as a person, which makes a gold "
        "citation Backstory rightly leaves out. Offsets are mapped from `article.text` onto the corpus text "
        "through their non-space characters.",
        table(splits),
    ]
    if dev:
        parts.append(targets_line(dev))
    parts += ["Errors by kind (`--errors` lists each one; *missed* and *spurious* are cited surnames, *unnamed* "
              "ones are sentences; a descriptive source given a name is listed by the Source's head noun):",
              kinds_table(results)]
    parts += ["Reproduce (needs `../shared`; `--errors` prints the per-article errors by kind, to the terminal "
              "only, `--split both` adds the train split):", f"```\n{command}\n```",
              "The dev split's floors (`polnear_dev` in `tests/quality_floors.json`) are checked by "
              "`tests/test_polnear_gate.py` in `make test`."]
    return "\n\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    from _common import DOCS, command_line, machine, publish, require_shared, utc_now

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=("dev", "train", "both"), default="dev")
    ap.add_argument("--errors", action="store_true", help="print per-article errors grouped by kind (terminal only)")
    ap.add_argument("--no-write", action="store_true", help="do not write docs/quality.md")
    ap.add_argument("--article", action="append", help="only this article (name without .txt; repeatable)")
    ap.add_argument("--limit", type=int, help="only the first N articles of each split")
    ap.add_argument("--json", help="write the scores and counts as JSON to this file")
    ap.add_argument("--suggest-floors", action="store_true", help="print floors for tests/quality_floors.json")
    args = ap.parse_args(argv)

    root = require_shared("eval", "polnear")
    splits = ["dev", "train"] if args.split == "both" else [args.split]
    articles: list[Article] = []
    for split in splits:
        chosen = load_split(root, split)
        if args.article:
            chosen = [a for a in chosen if a.name in set(args.article)]
        if args.limit:
            chosen = chosen[: args.limit]
        articles += chosen
    if not articles:
        print("no articles selected", file=sys.stderr)
        return 2

    cpu0 = time.process_time()
    t0 = time.perf_counter()
    engine = make_engine()
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    ev = evaluate(articles, engine)
    run_s = time.perf_counter() - t0
    results = ev["results"]
    per = by_split(results)

    if args.errors:
        print(error_listing(results))
        print()
    print(table(per))
    if "dev" in per:
        print()
        print(targets_line(per["dev"]))
    timing = (f"{len(articles)} articles, gold parse {ev['gold_s']:.1f} s, Backstory {ev['engine_s']:.1f} s "
              f"({1000 * ev['engine_s'] / len(articles):.0f} ms per article), whole run {run_s:.1f} s "
              f"after a {load_s:.1f} s engine load; {time.process_time() - cpu0:.1f} s of CPU in all (on a "
              "shared machine the wall-clock figures grow with the load, the CPU time much less)")
    print(f"\n{timing}")
    if args.json:
        Path(args.json).write_text(json.dumps({s: metrics(c) | {"counts": c} for s, c in per.items()}, indent=1),
                                   encoding="utf-8")
    full = not args.article and not args.limit and "dev" in per
    if full and FLOORS_FILE.exists() and FLOORS_KEY in (floors := json.loads(FLOORS_FILE.read_text(encoding="utf-8"))):
        problems = check_floors(metrics(per["dev"]), floors[FLOORS_KEY])
        print("\nfloors (tests/quality_floors.json, polnear_dev): " + ("all met" if not problems else "BELOW: " + "; ".join(problems)))
    if args.suggest_floors and "dev" in per:
        print(json.dumps(suggest_floors(metrics(per["dev"])), indent=1))
    skip = "--no-write" if args.no_write else (None if full else "not a full run of the dev split")
    publish(DOCS / "quality.md", SECTION, section_body(per, utc_now(), machine(), command_line(), timing, results),
            title="Quality", skip=skip)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
