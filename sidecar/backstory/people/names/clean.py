"""From a PERSON entity to a name: the trims that cut what is no part of the name off its ends, the
predicates that refuse what is no one's name, and the trims of the words that remain. Each is one
named step; :func:`clean_name` runs them in the order they are declared."""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Span

from ..syntax import is_title_abbreviation
from ..words import (CRAFT_WORDS, CREDIT_LABELS, HONORIFICS, HYPHEN_SUFFIXES, MAX_NAME_TOKENS, NAME_PARTICLES,
                     NAME_SUFFIXES, OFFICE_TITLES, ORG_TAILS, PERSON_ROLE_NOUNS, PLACE_TAILS, PLATFORM_NAMES)
from .given import first_names

POSSESSIVE = re.compile(r"[’']s$")
ROMAN = re.compile(r"^(?=[IVXL])L?X{0,3}(?:IX|IV|V?I{0,3})$")
INNER_POSSESSIVE = re.compile(r"\w[’']s\s")
_OPENING_POS = frozenset({"VERB", "ADP", "ADV", "SCONJ", "CCONJ", "PRON", "DET", "AUX"})


# ---- trims of the span's ends, in order


def _trailing_space(span: Span) -> Span:
    while len(span) > 1 and span[-1].is_space:
        span = span[:-1]  # ('Peter Snijder' and the paragraph break after it)
    return span


def _opening_function_word(span: Span) -> Span:
    while len(span) > 1 and span[0].pos_ in _OPENING_POS:
        span = span[1:]  # 'Hosting Cook at Dreamforce': the sentence's first word is no part of the name
    return span


def _opening_gerund(span: Span) -> Span:
    while len(span) > 1 and span[0].lower_.endswith("ing") and len(span[0]) > 5 and span[0].is_title \
            and span[0].lower_ not in first_names() and span[-1].dep_ not in {"nsubj", "nsubjpass"}:
        # 'Questioning Vindman's judgment' (a heading), the gerund and its object tagged as one name; not 'Irving
        # Berlin', nor a name that is a subject ('Rolling Stone reported')
        span = span[1:]
    return span


def _opening_plural_or_role(span: Span) -> Span:
    while len(span) > 2 and span[0].pos_ == "NOUN" and (span[0].tag_ == "NNS" or span[0].lemma_.lower() in PERSON_ROLE_NOUNS):
        span = span[1:]  # 'Chefs Jamie Oliver and …': a plural or a role at the start is no part of the name
    return span


def _opening_lower_case(span: Span) -> Span:
    while len(span) > 1 and span[0].is_lower and span[0].is_alpha and span[0].lower_ not in NAME_PARTICLES:
        span = span[1:]  # 'dietitian Trista': a word in lower case opens no name
    return span


def _closing_finite_verb(span: Span) -> Span:
    while len(span) > 1 and span[-1].pos_ in {"VERB", "AUX"} and span[-1].tag_ in {"VBZ", "VBD", "VBP"}:
        span = span[:-1]  # 'Obama Says Museum Will …' (a headline in title case): a verb that ends no name
    return span


def _hyphenated_given_name(span: Span) -> Span:
    doc = span.doc
    if span.end + 1 < len(doc) and len(span) >= 2 and span[-1].is_title and len(span[-1]) <= 4 and not span[-1].whitespace_ \
            and doc[span.end].text == "-" and not doc[span.end].whitespace_ and doc[span.end + 1].is_lower \
            and doc[span.end + 1].is_alpha and 2 <= len(doc[span.end + 1]) <= 4 and doc[span.end + 1].lower_ not in HYPHEN_SUFFIXES:
        span = doc[span.start : span.end + 2]  # 'Moon Jae' + '-in': a given name of two syllables the model cut short
    return span


def _particle_then_surname(span: Span) -> Span:
    doc = span.doc
    while span[-1].lower_ in NAME_PARTICLES and span.end < len(doc) and doc[span.end].is_title \
            and len(span) < MAX_NAME_TOKENS:
        span = doc[span.start : span.end + 1]  # 'Ursula von der' + 'Leyen': the model stopped at a particle
    return span


def _surname_outside_entity(span: Span) -> Span:
    doc = span.doc
    if span.end < len(doc) and span[-1].dep_ == "compound" and span[-1].head.i == span.end and doc[span.end].pos_ == "PROPN" \
            and doc[span.end].is_title and not doc[span.end].ent_type_ and len(span) < MAX_NAME_TOKENS \
            and doc[span.end].lower_ not in PERSON_ROLE_NOUNS | ORG_TAILS | PLACE_TAILS:
        span = doc[span.start : span.end + 1]  # 'dietitian Trista' + 'Best': the name's last word, outside the entity
    return span


def _caption_label_after(span: Span) -> Span:
    doc = span.doc
    while len(span) > 1 and span[-1].lower_ in CREDIT_LABELS and span.end < len(doc) and doc[span.end].text == ":":
        span = span[:-1]  # 'Ahmed Mohamed Image: Nick Moreau': a caption's credit label after the name
    return span


SPAN_TRIMS: tuple[Callable[[Span], Span], ...] = (
    _trailing_space, _opening_function_word, _opening_gerund, _opening_plural_or_role, _opening_lower_case,
    _closing_finite_verb, _hyphenated_given_name, _particle_then_surname, _surname_outside_entity, _caption_label_after,
)


# ---- what is no one's name: (span, text, words) -> True to refuse, in order


def _empty_digits_or_long(span: Span, text: str, words: list[str]) -> bool:
    return not text or any(ch.isdigit() for ch in text) or len(span) > MAX_NAME_TOKENS


def _only_titles(span: Span, text: str, words: list[str]) -> bool:
    return all(t.is_punct or is_title_abbreviation(t) for t in span)  # 'Cmdr.' alone is a title, nobody's name


def _lower_case_word(span: Span, text: str, words: list[str]) -> bool:
    # (a nickname in quotation marks is part of the name: 'Renaldo “Peewee” Gilkes')
    return not all(w.strip("“”\"‘’'")[:1].isupper() or w.lower() in NAME_PARTICLES for w in words)


def _no_proper_noun(span: Span, text: str, words: list[str]) -> bool:
    # (a single capitalised word the tagger took for a noun, 'Gilley argued', may stand)
    return not any(t.pos_ == "PROPN" for t in span) and not (len(span) == 1 and span[0].is_title)


def _in_capitals(span: Span, text: str, words: list[str]) -> bool:
    return len(words) > 1 and text.isupper()  # datelines and headings in capitals ('SIOUX FALLS, S.D.')


def _organisation_or_place_tail(span: Span, text: str, words: list[str]) -> bool:
    # 'Dick Clark Productions', 'Masten Space Systems', 'Virginia Democrats', 'Miller Drive'
    return words[-1].strip(".").lower() in ORG_TAILS | PLACE_TAILS


def _platform(span: Span, text: str, words: list[str]) -> bool:
    return len(words) == 1 and text.casefold() in PLATFORM_NAMES  # 'Twitter announced …': a service, not a person


def _craft(span: Span, text: str, words: list[str]) -> bool:
    return any(w.lower() in CRAFT_WORDS for w in words)  # 'Space Shuttle Atlantis', 'Mars Rover Curiosity'


def _acronym_after(span: Span, text: str, words: list[str]) -> bool:
    # an acronym after the words is a party's or product's ('Pro-Beijing DAB', 'Arkham VR'); 'Henry VIII' stays
    return len(words) > 1 and 2 <= len(words[-1]) <= 4 and words[-1].isalpha() and words[-1].isupper() \
        and not ROMAN.match(words[-1]) and words[-1].casefold() not in NAME_SUFFIXES and not text.isupper()


def _credit_or_possessive_inside(span: Span, text: str, words: list[str]) -> bool:
    # photo credits ('Jonathan Nackstrand/AFP'), possessives inside ('DeepMind’s Go')
    return "/" in text or INNER_POSSESSIVE.search(text) is not None


def _after_the(span: Span, text: str, words: list[str]) -> bool:
    return span.start > 0 and span.doc[span.start - 1].lower_ == "the"  # 'The Chronicle says': names do not take 'the'


def _initial_and_place(span: Span, text: str, words: list[str]) -> bool:
    # 'denounce N. Korea test': an abbreviated place ('N. Korea', 'S. Carolina'), its word the end of a place the
    # article names ('North Korea'); a person's initial and surname are not ('J. Washington' in a story on Washington
    # stays: its place entity is the one word)
    return len(words) == 2 and len(words[0]) == 2 and words[0].endswith(".") and any(
        e.label_ in {"GPE", "LOC"} and len(e) >= 2 and e[-1].text == words[1] for e in span.doc.ents)


NOT_A_NAME: tuple[Callable[[Span, str, list[str]], bool], ...] = (
    _empty_digits_or_long, _only_titles, _lower_case_word, _no_proper_noun, _in_capitals, _organisation_or_place_tail,
    _craft, _platform, _acronym_after, _credit_or_possessive_inside, _after_the, _initial_and_place,
)


# ---- trims of the words that remain, in order


def _opening_titles(words: list[str]) -> list[str]:
    while len(words) > 2 and (words[0].casefold() in PERSON_ROLE_NOUNS or words[0].casefold().rstrip(".") in HONORIFICS):
        words = words[1:]  # 'Supervisor Alfredo Pedroza', 'Ms Ana Ruiz': the NER took the title into the name
    return words


def _office_and_surname(words: list[str]) -> list[str]:
    if len(words) == 2 and words[0].casefold() in OFFICE_TITLES and words[0][0].isupper():
        words = words[1:]  # 'Congressman Meadows': the surname (its title stays the role; 'Prince Harry' stays)
    return words


def _team_and_position(words: list[str]) -> list[str]:
    caps = [i for i, w in enumerate(words[:-1]) if 2 <= len(w) <= 4 and w.isupper() and "." not in w]
    if caps and len(words) - caps[-1] - 1 >= 2:
        words = words[caps[-1] + 1:]  # 'Browns DL Sheldon Richardson': a team and position before the name
    return words


WORD_TRIMS: tuple[Callable[[list[str]], list[str]], ...] = (_opening_titles, _office_and_surname, _team_and_position)


def clean_name(span: Span) -> tuple[str, int, int] | None:
    """The name in a PERSON entity, without a possessive; None when it cannot be a person's name."""
    for trim in SPAN_TRIMS:
        span = trim(span)
    text = POSSESSIVE.sub("", span.text).strip(" ,.;:-–—'\"“”")
    words = text.split()
    if any(refuse(span, text, words) for refuse in NOT_A_NAME):
        return None
    for trim_words in WORD_TRIMS:
        words = trim_words(words)
    text = " ".join(words) if words != text.split() else text
    start = span.start_char + (span.text.find(text) if text in span.text else 0)
    return text, start, start + len(text)


def non_person_tokens(doc: Doc) -> set[str]:
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
