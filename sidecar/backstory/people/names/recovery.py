"""The steps that build the registry, in their declared order, and the names recovered later: a speaker
admitted by their role while the rules run, and a full name found for someone named by one word."""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from ... import budget
from ..model import Mention, Person
from ..syntax import agent_word, has_person_role, hyphenated_start, proper, says
from ..words import (BELIEF_VERBS, HONORIFICS, NOBLE_TITLES, ORG_TAILS, PERSON_ROLE_NOUNS, PLACE_TAILS, SPEECH_VERBS,
                     TITLE_GENDERS)
from .clean import clean_name, non_person_tokens
from .given import first_names, name_parts, opens_with_given_name, other_gender, title_gender
from .registry import Registry
from .text import WordRuns

_SPACE_OR_HYPHEN = re.compile(r"[\s-]")


def entity_names(reg: Registry) -> None:
    """The PERSON entities, cleaned, longest names first (so 'Jane Doe' exists before 'Doe' is read)."""
    doc, text = reg.doc, reg.text
    non_person = non_person_tokens(doc)
    ents = [(e, c) for e in doc.ents if e.label_ == "PERSON" and (c := clean_name(e))]
    for ent, (name, start, end) in sorted(ents, key=lambda ec: -len(ec[1][0].split())):
        budget.check("people: names")
        if name in non_person or ent.text in non_person:
            continue
        person = reg.find(name, title_gender(text, start)) or reg.add(name)  # ('Mr Anderson')
        if person is None:
            continue
        # (the name may run past the entity: 'Ursula von der' + 'Leyen')
        reg.mention(person, Mention(name, start, end), (*ent, *(doc.char_span(start, end, alignment_mode="expand") or ())))


def apposition_names(reg: Registry) -> None:
    """'Valeska Paris, an Australian woman and former Scientologist, has claimed …', both words tagged as places:
    a two- or three-word proper name the model did not call a person is one when it opens with a given name
    and its apposition is a noun for a person ('woman', 'spokesperson', 'Scientologist')."""
    doc = reg.doc
    for tok in doc:
        if not tok.i & 255:  # (every 256 words: a check costs more than most words)
            budget.check("people: names")
        if tok.i in reg.by_token or tok.pos_ != "PROPN" or tok.ent_type_ == "PERSON" or not tok.is_title:
            continue
        appos = next((c for c in tok.children if c.dep_ == "appos" and c.i > tok.i), None)
        if appos is None or appos.pos_ != "NOUN" or not (appos.lemma_.lower() in PERSON_ROLE_NOUNS
                                                          or agent_word(appos.lower_)):
            continue
        start = tok.i
        while start > 0 and tok.i - start < 2 and doc[start - 1].head == tok and doc[start - 1].dep_ == "compound" \
                and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title and doc[start - 1].whitespace_:
            start -= 1
        words = doc[start : tok.i + 1]
        if not 2 <= len(words) <= 3 or not all(t.is_alpha and t.is_title for t in words) \
                or any(t.i in reg.by_token or t.lower_ in ORG_TAILS | PLACE_TAILS | PERSON_ROLE_NOUNS for t in words) \
                or not opens_with_given_name(words.text) or (start > 0 and doc[start - 1].lower_ == "the"):
            continue
        person = reg.find(words.text) or reg.add(words.text)
        if person is None:
            continue
        reg.mention(person, Mention(words.text, words.start_char, words.end_char), words)


def organisation_names(reg: Registry) -> None:
    """'Diego Schwartzman' tagged as an organisation, then '“…,” the 14th-ranked Schwartzman said':
    a two- or three-word proper name the model called an organisation is a person when its last
    word, on its own, is the one speaking. Words that end organisations' names never count."""
    doc = reg.doc
    places = {e.text for e in doc.ents if e.label_ in {"GPE", "NORP", "LOC"}}
    candidates: dict[str, list[Span]] = {}
    for ent in doc.ents:
        if ent.label_ != "ORG" or (ent.start > 0 and doc[ent.start - 1].lower_ == "the"):
            continue
        while len(ent) > 2 and ent[0].text in places:
            ent = ent[1:]  # ('special envoy to Ukraine Kurt Volker')
        words = [t for t in ent]
        if 2 <= len(words) <= 3 and all(t.pos_ == "PROPN" and t.is_title and t.is_alpha for t in words) \
                and not any(t.lower_ in ORG_TAILS | PLACE_TAILS | PERSON_ROLE_NOUNS for t in words):
            candidates.setdefault(words[-1].text, []).append(ent)
    created: dict[str, Person] = {}
    for tok in doc:
        if not tok.i & 255:  # (every 256 words: a check costs more than most words)
            budget.check("people: names")
        spans = candidates.get(tok.text)
        # the surname alone, speaking ('Figgins said'; not 'makes Windows feel …'; the tagger may call
        # it a noun, as long as nothing makes it one: 'the Depot said')
        if not spans or tok.i in reg.by_token or tok.ent_iob_ == "I" or not proper(tok) or not says(tok) \
                or tok.head.lemma_.lower() in BELIEF_VERBS:
            continue
        if tok.text in created:  # (speaking again)
            reg.mention(created[tok.text], Mention(tok.text, tok.idx, tok.idx + len(tok.text)), (tok,))
            continue
        full = {sp.text for sp in spans if sp.end <= tok.i}
        if len(full) != 1 or reg.find(tok.text) is not None:
            continue  # (two such names, or one already known: leave it)
        name = next(iter(full))
        if doc[max(0, tok.i - len(name.split()) + 1) : tok.i + 1].text == name:
            continue  # (the whole name right here, untagged: 'Home Depot (ticker: HD) reported')
        person = reg.add(name)
        if person is None:
            continue
        created[tok.text] = person
        for sp in spans:
            if sp.text == person.name:
                reg.mention(person, Mention(sp.text, sp.start_char, sp.end_char), sp)
        reg.mention(person, Mention(tok.text, tok.idx, tok.idx + len(tok.text)), (tok,))


def untagged_surnames(reg: Registry) -> None:
    """'Dempsey said' where the model missed the entity: a proper noun equal to the surname of
    exactly one person named in full elsewhere in the article is that person."""
    doc = reg.doc
    surnames: dict[str, list[Person]] = {}
    for p in reg.people:
        if len(p.name.split()) >= 2:
            surnames.setdefault(name_parts(p.name)[1], []).append(p)
    for tok in doc:
        if not tok.i & 255:  # (every 256 words: a check costs more than most words)
            budget.check("people: names")
        owners = _surname_owners(reg, tok, surnames)
        if len(owners) == 1:
            reg.mention(owners[0], Mention(tok.text, tok.idx, tok.idx + len(tok.text)), (tok,))
    _full_names_as_text(reg)
    _long_surnames_as_text(reg, surnames)


def _surname_owners(reg: Registry, tok: Token, surnames: dict[str, list[Person]]) -> list[Person]:
    """Who a capitalised word the model did not tag as someone's name may be: the people with that surname."""
    # (the model often takes an unfamiliar surname for a product: 'said Velikova'; for a place or
    # a nationality only as the one saying: '“…,” Opelka said', 'Brooke asked')
    if tok.i in reg.by_token or not tok.text[0].isupper() or tok.ent_type_ not in {"", "PERSON", "ORG", "PRODUCT"} \
            and not (tok.ent_type_ in {"NORP", "GPE", "LOC", "FAC"} and says(tok)):
        return []
    # the tagger sometimes calls an unfamiliar surname a noun ('Agerblad said'); a bare noun
    # subject or object with no determiner is still a name when it equals a known surname
    if tok.pos_ != "PROPN" and not (tok.pos_ == "NOUN" and tok.dep_ in {"nsubj", "nsubjpass", "pobj", "dobj"}
                                    and not any(c.dep_ == "det" for c in tok.children)):
        return []
    owners = surnames.get(tok.text.casefold(), [])
    if not owners and says(tok):
        # a one-word name tagged elsewhere ('President Trump'), not where it speaks ('Trump declared'),
        # or the first name of one person named in full ('Dale wrote' for Dale Ford)
        owners = [found] if (found := reg.known_by(tok.text)) is not None else []
        if not owners and tok.pos_ == "PROPN" and (found := reg.find(tok.text)) is not None \
                and len(found.name.split()) >= 2:
            owners = [found]
    return owners


def _full_names_as_text(reg: Registry) -> None:
    """A full name the model tagged as something else here ('Teresa Nielsen Hayden explained' as a title)."""
    doc, text = reg.doc, reg.text
    runs = WordRuns.of(text)
    for p in [p for p in reg.people if len(p.name.split()) >= 2]:
        budget.check("people: names")
        for start, end in runs.occurrences(p.name):
            span = doc.char_span(start, end)
            if span is None or any(t.i in reg.by_token for t in span):
                continue
            reg.mention(p, Mention(span.text, span.start_char, span.end_char), span)


def _long_surnames_as_text(reg: Registry, surnames: dict[str, list[Person]]) -> None:
    """Surnames of several tokens ('Archer-Bradshaw', 'des Cars') found as text and mapped to tokens."""
    doc, text = reg.doc, reg.text
    runs = WordRuns.of(text)
    for surname, owners in surnames.items():
        if len(owners) != 1 or not _SPACE_OR_HYPHEN.search(surname):
            continue
        for start, end in runs.occurrences(surname, ignore_case=True):
            span = doc.char_span(start, end)
            if span is None or any(t.i in reg.by_token for t in span) or not span.text[0].isupper():
                continue
            if any(t.ent_type_ not in {"", "PERSON", "ORG"} for t in span):
                continue
            reg.mention(owners[0], Mention(span.text, span.start_char, span.end_char), span)


# The registry's steps, in order: each may use who the steps before it found.
STEPS: tuple[Callable[[Registry], None], ...] = (entity_names, apposition_names, untagged_surnames, organisation_names)


def build_registry(doc: Doc, exclude: list[str]) -> Registry:
    """The registry of the people ``doc`` names (never the ``exclude``d authors), built by :data:`STEPS` in order."""
    reg = Registry(doc, exclude)
    for step in STEPS:
        step(reg)
    reg.close_steps()
    return reg


def by_role(reg: Registry, token: Token) -> Person | None:
    """A speaker the NER missed or called an organisation, accepted only when the article gives
    the name a person's role ('Gustavo Faleiros, an editor at …, said')."""
    if token.pos_ != "PROPN" or token.ent_type_ not in {"", "ORG", "PERSON"}:
        return None
    # an unlabelled two- or three-word name as the subject of a speech verb, or any name with a role
    unlabelled = token.ent_type_ == "" and token.dep_ in {"nsubj", "nsubjpass"} and token.head.lemma_.lower() in SPEECH_VERBS
    if not (unlabelled or has_person_role(token)):
        return None
    left = token.i
    doc = token.doc
    while left > 0 and doc[left - 1].pos_ == "PROPN" and doc[left - 1].dep_ == "compound" \
            and doc[left - 1].lemma_.lower() not in PERSON_ROLE_NOUNS:
        left -= 1
    left = hyphenated_start(doc, left)
    span = token.doc[left : token.i + 1]
    found = clean_name(span) if 2 <= len(span) <= 4 else None
    if found is None:
        return None
    text, start, end = found
    known = reg.find(text)
    person = known or reg.add(text)
    if person is not None:
        reg.mention(person, Mention(text, start, end), span)
        if known is None:
            later_surnames(reg, person, after=token.i)
    return person


def later_surnames(reg: Registry, person: Person, *, after: int) -> None:
    """A person found only now, by their role ('Jeff Sanborn, president of …, said'): later
    mentions of their surname alone ('Sanborn said', which the model may tag as an
    organisation) are theirs, when nobody else has that surname."""
    last = name_parts(person.name)[1]
    if not last or len(person.name.split()) < 2 or any(
            p is not person for p in (*reg.with_surname(last), *reg.with_key(last))):
        return
    for i in reg.tokens_with("lower_", last):
        tok = reg.doc[i]
        if tok.i > after and tok.i not in reg.by_token and proper(tok) \
                and tok.ent_type_ in {"", "PERSON", "ORG", "PRODUCT"} and tok.ent_iob_ != "I":
            reg.mention(person, Mention(tok.text, tok.idx, tok.idx + len(tok.text)), (tok,))


def full_name(person: Person, reg: Registry) -> Mention | None:
    """The full name of someone the model only found by one word (or a title and a surname, 'Ms Persson'):
    the first time the article writes the word, it comes after a given name ('Kate York', which the model took
    for a place, then 'York said'). Nobody else in the article may have that surname, and the word before must
    be a proper noun, not 'Will Trump …?'."""
    doc, word = reg.doc, person.name
    title = None
    if len(word.split()) == 2:
        if word.split()[0].casefold().strip(".") not in HONORIFICS:
            return None
        title, word = word.split()  # ('Ms Persson' … 'Eva-Marie Persson', untagged: the same woman)
    if not word.istitle():
        return None  # (not 'QC' after 'Judge Neil Ford')
    first = next((doc[i] for i in reg.tokens_with("text", word)), None)
    if first is None or first.i == 0:
        return None
    given = doc[first.i - 1]
    if given.pos_ != "PROPN" or not given.is_title or given.text.casefold() not in first_names() \
            or given.whitespace_ != " " or given.lower_ in HONORIFICS or given.lower_ in PERSON_ROLE_NOUNS \
            or given.lower_ in NOBLE_TITLES or reg.person_at(given) is not None:
        return None  # (a title is no given name: 'Princess Diana', 'Governor Roper'; nor is someone else's name)
    gender = TITLE_GENDERS.get(title.casefold().strip(".")) if title else None
    if gender is not None and other_gender(given.text.casefold(), gender):
        return None  # ('Mr Anderson' is not Zoe Anderson)
    start = hyphenated_start(doc, given.i)
    full = doc[start : first.i + 1].text
    if any(p is not person for p in (*reg.with_surname(word.casefold()), *reg.with_key(full.casefold()))):
        return None
    return Mention(full, doc[start].idx, first.idx + len(first.text))


