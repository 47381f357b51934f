"""Matching a name in an article to a Wikidata person (pack, lookup cache, online answer, bundled officials).

Precision first: a card must never show a namesake's facts. Candidates are humans whose label or an
alias agrees with the name (kb/people.py's rule: accents folded, middle names and particles ignored,
an initial agrees with a first name; here also short forms of given names, 'Bill' for 'William', and
the two names in the other order, 'Jinping Xi'). Then the article's own evidence decides:

| signal | strength | agrees when |
|---|---|---|
| role | strong | the role's head word ('analyst' in 'political analyst') is a word of the candidate's description, occupations or positions |
| role | weak | the head word is in the same walk of life as one of them (lexicon kb_role_*: 'lawmaker' and 'senator') |
| role | contradicts | the head word has a walk of life, the candidate's texts have others and none of it ('footballer' vs a senator) |
| organisation | strong | an organisation the article names with the person (a bio's, a role's 'at X', the outlet itself for an author) is the candidate's employer, membership, affiliation, party or a position's body |
| party | strong / contradicts | 'Republican'/'Democrat' in the role against the candidate's party |
| office at the date | strong | a position the role names is held at the article's date |
| dates | contradicts | a quoted person who died more than a year before the article, or born after it |
| country | weak / contradicts weakly | the outlet's country against the candidate's citizenship |

Outcome: **exact** when one candidate has a strong agreeing signal, no contradiction of its own, and
scores clearly above every other; **possible** when candidates exist but none stands out (facts are
not attached: the card shows who it might be and why it is unsure, and the reader confirms or
rejects); **none** when no human of that name is known. A reader's confirmation makes a match, a
rejection removes the candidate.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .. import lexicon
from .card import Origin, held_at, person_facts, who_line
from .names import PersonName, fold, mentions
from .records import ENTITY_URL

ROLE_GROUPS = ("politics", "government", "military", "media", "academia", "business", "activism", "sports", "arts")
ORG_MIN = 90  # token_sort_ratio for organisation names ('Centre' vs 'Center')
FIRST_NAME_MIN = 88
STRONG, WEAK = 2, 1
CLEAR_MARGIN = 2  # the winner must lead the next candidate by a strong signal's worth
DEAD_GRACE_YEARS = 1  # a quote may be printed a while after its speaker's death
MAX_CANDIDATES_SHOWN = 3
_PREPOSITIONS = frozenset("of at for from with in on to by".split())
_PARTIES = {"republican": "republican", "republicans": "republican", "gop": "republican",
            "democrat": "democratic", "democratic": "democratic", "democrats": "democratic",
            "labour": "labour", "conservative": "conservative", "tory": "conservative", "tories": "conservative"}
# Outlet country from the country-code top-level domain, when no knowledge-base fact gives one.
CCTLD_COUNTRIES = {"uk": "United Kingdom", "ca": "Canada", "in": "India", "au": "Australia", "nz": "New Zealand",
                   "ie": "Ireland", "de": "Germany", "fr": "France", "ru": "Russia", "za": "South Africa",
                   "ng": "Nigeria", "pk": "Pakistan", "sg": "Singapore", "ke": "Kenya", "il": "Israel"}
COUNTRY_ALIASES = {"United States": ("United States of America", "United States", "USA", "US")}


@functools.cache
def _groups() -> dict[str, frozenset[str]]:
    return {g: lexicon.words(f"kb_role_{g}") for g in ROLE_GROUPS}


@functools.cache
def _modifiers() -> frozenset[str]:
    return lexicon.words("kb_role_modifiers")


@functools.cache
def _pairs(name: str, *, both_ways: bool = True) -> dict[str, frozenset[str]]:
    """A lexicon list of 'a:b' words as a mapping (both ways unless told)."""
    pairs: dict[str, set[str]] = {}
    for word in lexicon.words(name):
        a, b = word.split(":")
        pairs.setdefault(a, set()).add(b)
        if both_ways:
            pairs.setdefault(b, set()).add(a)
    return {k: frozenset(v) for k, v in pairs.items()}


def _nicknames() -> dict[str, frozenset[str]]:
    return _pairs("kb_nicknames")


def nickname_forms(first: str) -> frozenset[str]:
    """Short and full forms of a given name, both ways ('bill' -> {'william'}, 'william' -> {'bill', 'will', ...})."""
    return _nicknames().get(first, frozenset())


def formal_names(first: str) -> frozenset[str]:
    """Full forms of a short given name ('bill' -> {'william'})."""
    return _pairs("kb_nicknames", both_ways=False).get(first, frozenset())


def _stem(token: str) -> str:
    return token[:-1] if len(token) > 3 and token.endswith("s") and not token.endswith("ss") else token


def _tokens(text: str) -> list[str]:
    return [_stem(t) for t in fold(text).split()]


def head_word(role: str) -> str | None:
    """The word that says what a role is: 'analyst' in 'senior political analyst at X', 'secretary' in 'Secretary of State'."""
    words = fold(role).replace("-", " ").split()
    before = []
    for w in words:
        if w in _PREPOSITIONS and before:
            break
        before.append(w)
    abbreviations = _pairs("kb_role_abbreviations", both_ways=False)
    content = [_stem(next(iter(abbreviations.get(w, {w})))) for w in before if w not in _modifiers()]
    return content[-1] if content else None


def groups_of(word: str | None) -> set[str]:
    """Walks of life a word belongs to."""
    if not word:
        return set()
    return {g for g, words in _groups().items() if word in words or word + "s" in words}


def first_names_agree(a: str, b: str) -> bool:
    """Fuzzy-equal, an initial of the other, or a short form of it ('bill' / 'william')."""
    if not a or not b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    if b in _nicknames().get(a, ()):
        return True
    return fuzz.ratio(a, b) >= FIRST_NAME_MIN


def names_agree(query: PersonName, first: str, family: Iterable[str]) -> bool:
    """A known name (first, family tokens) agrees with the query, in either order. The query's surname
    must be among the known family names (a shared middle name is not enough: 'John Bel Edwards' is not
    'John Edwards James'); a middle initial is no family name ('John F. Kerry' is not 'John F. Reed')."""
    tokens = [t for t in family if len(t) > 1]
    surname = next((t for t in reversed(query.family) if len(t) > 1), None)
    # the query's surname must be the known surname (a middle name is not: 'Andrew' is not Christopher
    # Andrew Coons), or every family name the query gives must be among the known ones
    given = [t for t in query.family if len(t) > 1]
    same_surname = bool(tokens) and surname == tokens[-1]
    all_family = len(given) >= 2 and all(t in tokens for t in given)  # 'García Márquez' within 'Gabriel José García Márquez'
    if surname and (same_surname or all_family) and first_names_agree(query.first, first):
        return True
    family = set(tokens)
    # 'Jinping Xi' for 'Xi Jinping': the query's given name is the record's family name, and back
    return bool(query.first) and query.first in family and first in set(query.family)


@dataclass
class Context:
    """What the article says about the person."""

    role: str | None = None
    orgs: list[str] = field(default_factory=list)
    outlet_name: str | None = None
    outlet_country: str | None = None
    date: str | None = None
    quoted: bool = False


@dataclass
class Candidate:
    """One person known under this name, from one or more layers (merged by QID)."""

    qid: str
    parts: list[tuple[dict, Mapping[str, str], Origin]]  # (record, labels, origin) per layer

    @property
    def id(self) -> str:
        """'wikidata:Q…' when any layer knows the item, else the bundled dataset's own id."""
        qid = next((rec.get("qid") for rec, _, _ in self.parts if rec.get("qid")), None)
        return f"wikidata:{qid}" if qid else self.qid

    @property
    def url(self) -> str | None:
        qid = next((rec.get("qid") for rec, _, _ in self.parts if rec.get("qid")), None)
        return ENTITY_URL.format(qid=qid) if qid else None

    @property
    def record(self) -> dict:
        return self.parts[0][0]

    def label(self, qid: str | None) -> str | None:
        for _, labels, _ in self.parts:
            if qid and labels.get(qid):
                return labels[qid]
        return None

    def links(self, key: str) -> list[dict]:
        return [link for rec, _, _ in self.parts for link in rec.get(key, ())]

    def link_label(self, link: Mapping, key: str = "qid") -> str | None:
        return link.get(f"{key}_label") or (link.get("label") if key == "qid" else None) or self.label(link.get(key))

    def role_texts(self) -> list[str]:
        """Description, occupations and positions: what the candidate is."""
        out = [rec["description"] for rec, _, _ in self.parts if rec.get("description")]
        out += [lab for rec, _, _ in self.parts for q in rec.get("occupations", ()) if (lab := self.label(q))]
        out += [lab for link in self.links("positions") if (lab := self.link_label(link))]
        return out

    def org_texts(self) -> list[str]:
        """Employers, memberships, affiliations, parties, and the bodies and districts of positions."""
        out = []
        for key in ("employers", "memberships", "affiliations", "parties"):
            out += [lab for link in self.links(key) if (lab := self.link_label(link))]
        for link in self.links("positions"):
            out += [lab for k in ("of", "district") if (lab := self.link_label(link, k))]
        return out

    def names(self) -> list[tuple[str, list[str]]]:
        return [(first, family) for rec, _, _ in self.parts for first, family in rec.get("names", ())]


def candidate_groups(texts: list[str]) -> set[str]:
    """Walks of life of a candidate: the head word of each part of each text ('American journalist and commentator')."""
    out: set[str] = set()
    for text in texts:
        for part in re.split(r",|;|\band\b|\(|\)", fold(text)):
            out |= groups_of(head_word(part)) if part.strip() else set()
    return out


OFFICE_GROUPS = ("politics", "government", "military")


def _same_words(word: str) -> set[str]:
    return {word} | {_stem(w) for w in _pairs("kb_role_synonyms", both_ways=False).get(word, ())}


def role_signal(role: str, cand: Candidate) -> tuple[int, str | None]:
    """(+STRONG | +WEAK | -STRONG | 0, reason) for the article's role against what the candidate is."""
    head = head_word(role)
    texts = cand.role_texts()
    if not head or not texts:
        return 0, None
    words = {t for text in texts for t in _tokens(text)}
    same = _same_words(head)
    if same & words:
        return STRONG, f"the article's '{role}' fits '{next(t for t in texts if same & set(_tokens(t)))}'"
    # another word of the role that names an office ('Senate' in 'Senate Majority Leader')
    offices = set().union(*(_groups()[g] for g in OFFICE_GROUPS))
    for token in {_stem(t) for t in fold(role).split()} - _modifiers() - {head}:
        hit = {w for w in _same_words(token) if w in offices or w + "s" in offices} & words
        if hit:
            return STRONG, f"the article's '{role}' fits '{next(t for t in texts if hit & set(_tokens(t)))}'"
    mine, theirs = groups_of(head), candidate_groups(texts)
    if mine & theirs:
        return WEAK, f"the article's '{role}' is in the same line of work as '{texts[0]}'"
    if mine and theirs:
        return -STRONG, f"the article calls them '{role}' while this person is '{texts[0]}'"
    return 0, None


_PARTY_STATE = re.compile(r"\b([DRI])\s*-\s*([A-Z][A-Za-z.]{0,8})(?![A-Za-z])")
_PARTY_LETTERS = {"D": "democratic", "R": "republican", "I": "independent"}


def party_and_state(role: str | None) -> tuple[str | None, str | None]:
    """('democratic', 'new jersey') from 'D-N.J.'; (None, None) when the role has no such tag."""
    m = _PARTY_STATE.search(role or "")
    if not m:
        return None, None
    key = m.group(2).lower().replace(".", "")
    state = next(iter(_pairs("kb_us_states", both_ways=False).get(key, ())), None)
    return (_PARTY_LETTERS[m.group(1)], state) if state else (None, None)


def _party(role: str | None) -> str | None:
    tagged, _ = party_and_state(role)
    if tagged:
        return tagged
    for token in fold(role or "").split():
        if token in _PARTIES:
            return _PARTIES[token]
    return None


def state_signal(role: str | None, cand: Candidate) -> tuple[int, str | None]:
    """+STRONG when the 'D-N.J.' state is the state of one of the candidate's offices."""
    _, state = party_and_state(role)
    if not state:
        return 0, None
    places = [" ".join(_tokens(lab)) for link in cand.links("positions") for k in ("district", "of") if (lab := cand.link_label(link, k))]
    if any(mentions(p, " ".join(_tokens(state))) for p in places):
        return STRONG, f"the article's '{role}' names {state.title()}, where they hold office"
    return 0, None


def org_signal(orgs: list[str], cand: Candidate) -> tuple[int, str | None]:
    """+STRONG when an organisation the article names is one the candidate belongs to."""
    known = cand.org_texts()
    descriptions = [fold(rec.get("description") or "") for rec, _, _ in cand.parts]
    for org in orgs:
        key = fold(org)
        if len(key) < 3:
            continue
        for text in known:
            if fuzz.token_sort_ratio(key, fold(text)) >= ORG_MIN or (" " in key and mentions(fold(text), key)):
                return STRONG, f"the article names {org}, and {cand.record['label']} is linked to {text}"
        if " " in key and any(mentions(d, key) for d in descriptions):
            return STRONG, f"the article names {org}, which the description mentions"
    return 0, None


def office_at_date(role: str, cand: Candidate, when: str | None) -> tuple[int, str | None]:
    """+STRONG when a position the role names is held at the article's date."""
    head = head_word(role)
    if not head or not when:
        return 0, None
    same = {head} | {_stem(w) for w in _pairs("kb_role_synonyms", both_ways=False).get(head, ())}
    for link in cand.links("positions"):
        label = cand.link_label(link) or ""
        if same & set(_tokens(label)) and held_at(link, when):
            return STRONG, f"{label} at the article's date ({when})"
    return 0, None


def party_signal(role: str | None, cand: Candidate) -> tuple[int, str | None]:
    said = _party(role)
    if not said:
        return 0, None
    parties = [fold(lab) for link in cand.links("parties") if (lab := cand.link_label(link))]
    if said == "independent":
        return (STRONG, "the article's party (independent) is theirs") if any("independent" in p for p in parties) else (0, None)
    if not parties:
        return 0, None
    if any(said[:8] in p for p in parties):
        return STRONG, f"the article's party ({said}) is theirs"
    if any(other[:8] in p for p in parties for other in set(_PARTIES.values()) - {said}):
        return -STRONG, f"the article says {said}, this person is of another party"
    return 0, None


def future_office_signal(role: str | None, cand: Candidate, when: str | None) -> tuple[int, str | None]:
    """-STRONG when the role names an office ('senator', 'D-N.J.') but every office the candidate is known
    to hold began after the article: the article means someone else of that name (a father, a predecessor),
    or an office the knowledge base does not know; either way not a match to show."""
    if not role or not when or not cand.links("positions"):
        return 0, None
    head = head_word(role)
    if head in lexicon.words("kb_role_candidacy") or "former" in fold(role).split():
        return 0, None
    tagged, _ = party_and_state(role)
    if not (tagged or groups_of(head) & {"politics", "government"}):
        return 0, None
    links = cand.links("positions")
    if any(held_at(link, when) for link in links):
        return 0, None
    starts = [link.get("start") for link in links]
    if all(s and _pad_low(s) > _pad_high(when) for s in starts):
        first = min(starts)
        return -STRONG, f"the article ({when}) gives them an office, but every office known for this person began later (from {first})"
    return 0, None


def _pad_low(d: str) -> str:
    return d + "-01-01"[len(d) - 4:] if len(d) < 10 else d


def _pad_high(d: str) -> str:
    return d + "-12-31"[len(d) - 4:] if len(d) < 10 else d


def date_signal(ctx: Context, cand: Candidate) -> tuple[int, str | None]:
    """A quoted person who died well before the article, or anyone born after it, is not this one."""
    if not ctx.date:
        return 0, None
    year = int(ctx.date[:4])
    rec = cand.record
    if rec.get("birth") and int(rec["birth"][:4]) > year:
        return -STRONG, f"born in {rec['birth'][:4]}, after the article"
    if ctx.quoted and rec.get("death") and int(rec["death"][:4]) < year - DEAD_GRACE_YEARS:
        return -STRONG, f"died in {rec['death'][:4]}, years before the article quotes them"
    return 0, None


def country_signal(country: str | None, cand: Candidate) -> tuple[int, str | None]:
    if not country:
        return 0, None
    names = {fold(n) for n in COUNTRY_ALIASES.get(country, (country,))}
    theirs = [lab for rec, _, _ in cand.parts for q in rec.get("citizenship", ()) if (lab := cand.label(q))]
    if not theirs:
        return 0, None
    if any(fold(t) in names for t in theirs):
        return WEAK, f"a citizen of {theirs[0]}, the outlet's country"
    return -WEAK, f"a citizen of {theirs[0]}, not of the outlet's country ({country})"


@dataclass
class Judged:
    cand: Candidate
    score: int = 0
    strong: list[str] = field(default_factory=list)
    weak: list[str] = field(default_factory=list)
    contra: list[str] = field(default_factory=list)

    def add(self, signal: tuple[int, str | None]) -> None:
        value, why = signal
        if not value or not why:
            return
        self.score += value
        (self.strong if value >= STRONG else self.weak if value > 0 else self.contra).append(why)
        if value <= -STRONG:
            self.score -= STRONG  # a hard contradiction outweighs any agreement


def judge(cand: Candidate, ctx: Context) -> Judged:
    j = Judged(cand)
    if ctx.role:
        j.add(role_signal(ctx.role, cand))
        j.add(office_at_date(ctx.role, cand, ctx.date))
        j.add(party_signal(ctx.role, cand))
        j.add(state_signal(ctx.role, cand))
    orgs = list(ctx.orgs) + orgs_in_role(ctx.role) + ([ctx.outlet_name] if ctx.outlet_name else [])
    j.add(org_signal(orgs, cand))
    j.add(date_signal(ctx, cand))
    j.add(future_office_signal(ctx.role, cand, ctx.date))
    j.add(country_signal(ctx.outlet_country, cand))
    return j


def orgs_in_role(role: str | None) -> list[str]:
    """'senior fellow at the Brookings Institution' -> ['Brookings Institution'] (capitalised words after at/of/with/for)."""
    if not role:
        return []
    out = []
    for m in re.finditer(r"\b(?:at|of|with|for|from)\s+(?:the\s+)?((?:[A-Z][\w'’.&-]*\s*)+(?:(?:of|for|and|on)\s+(?:the\s+)?(?:[A-Z][\w'’.&-]*\s*)+)*)", role):
        out.append(m.group(1).strip())
    return out


def candidate_view(cand: Candidate, when: str | None) -> dict:
    """What a possible-match card shows of a candidate: name, who, link."""
    rec, labels, _ = cand.parts[0]
    return {"id": cand.id, "name": rec.get("label"), "who": who_line(rec, labels, when), "url": cand.url}


def result(match: str, cand: Candidate | None, why: str | None, ctx: Context, *, facts: bool,
           others: list[Candidate] = ()) -> dict:
    """The KbPerson object."""
    out = {"match": match, "id": cand.id if cand else None, "facts": [], "why": why, "who": None, "name": None,
           "url": None, "candidates": [candidate_view(c, ctx.date) for c in others][:MAX_CANDIDATES_SHOWN]}
    if cand is not None:
        rec, labels, _ = cand.parts[0]
        out.update(who=who_line(rec, labels, ctx.date), name=rec.get("label"), url=cand.url)
        if facts:
            for rec, labels, origin in cand.parts:
                out["facts"] += person_facts(rec, labels, origin, ctx.date)
    return out


def merge(found: Iterable[tuple[dict, Mapping[str, str], Origin]]) -> list[Candidate]:
    """Records of one QID from several layers become one candidate (first layer first)."""
    by_qid: dict[str, Candidate] = {}
    for rec, labels, origin in found:
        key = rec.get("qid") or rec["id"]
        cand = by_qid.get(key)
        if cand is None:
            by_qid[key] = Candidate(key, [(rec, labels, origin)])
        elif not any(o == origin for _, _, o in cand.parts):
            cand.parts.append((rec, labels, origin))
    return list(by_qid.values())


def decide(name: str, ctx: Context, found: Iterable[tuple[dict, Mapping[str, str], Origin]], *,
           confirmed: set[str] = frozenset(), rejected: set[str] = frozenset()) -> dict | None:
    """The match for one name, or None when no human of that name is known."""
    query = PersonName(name)
    if not query.family:
        return None
    cands = [c for c in merge(found) if c.record.get("kind") == "person"
             and any(names_agree(query, first, family) for first, family in c.names())]
    chosen = [c for c in cands if c.id in confirmed]
    if chosen:
        return result("exact", chosen[0], "you confirmed that this is the person the article means", ctx, facts=True)
    cands = [c for c in cands if c.id not in rejected]
    if not cands:
        return None
    judged = sorted((judge(c, ctx) for c in cands), key=lambda j: -j.score)
    best = judged[0]
    runner_up = judged[1].score if len(judged) > 1 else None
    clear = runner_up is None or best.score - runner_up >= CLEAR_MARGIN
    namesakes = f"; {len(judged) - 1} namesake(s) ruled out" if len(judged) > 1 else ""
    if best.strong and not best.contra and clear and not query.is_single:
        return result("exact", best.cand, "; ".join(best.strong + best.weak) + namesakes, ctx, facts=True)
    if best.strong and not best.contra and clear and query.is_single:
        return result("possible", best.cand, f"only a surname was given; {best.strong[0]}", ctx, facts=False)
    if len(judged) == 1:
        why = (f"the name agrees but {best.contra[0]}" if best.contra
               else f"the name agrees, but the article says nothing that confirms it{(' (' + best.weak[0] + ')') if best.weak else ''}")
        return result("possible", best.cand, why, ctx, facts=False)
    fitting = [j for j in judged if j.score > 0 and not j.contra]
    detail = (f"the article's details fit {len(fitting)} of them equally" if len(fitting) > 1 else
              "nothing in the article tells them apart" if not fitting else f"the article's details only weakly favour {best.cand.record['label']}")
    lead = best.cand if (best.score > 0 and clear) else None
    return result("possible", lead, f"{len(judged)} people called {name} are known and {detail}", ctx, facts=False,
                  others=[j.cand for j in judged])
