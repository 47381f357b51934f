"""Whether a name found in the text is a person's: what the article's own words say about it (a product
named with ordinary words, a name treated as a person's somewhere)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from ..model import Person
from ..roles import role_of
from ..syntax import agent_word, is_title_abbreviation
from ..words import CUE_VERBS, HONORIFICS, MAKING_VERBS, NAME_PARTICLES, PERSON_ROLE_NOUNS
from .given import name_parts, opens_with_given_name
from .text import WordRuns

if TYPE_CHECKING:
    from .registry import Registry

# (an address is not prose: 'kaveh@axios.com' does not use 'kaveh' as a word): a run of non-space characters
# with an '@' after its first character and something after the '@', or the rest of a run from 'http(s)://' or
# 'www.'. The same as r"\S+@\S+|\b(?:https?://|www\.)\S+", which tried the '@' from every start in a run: on a
# 40,000-character run without one, 800 million steps; here only a run's start is tried.
ADDRESSES = re.compile(r"(?<!\S)\S[^\s@]*@\S+|\b(?:https?://|www\.)\S+")


def prose_of(text: str) -> str:
    """The text without web and e-mail addresses, each replaced by a space."""
    return ADDRESSES.sub(" ", text)


def stands_alone(word: str, text: str) -> bool:
    """Whether ``word`` occurs in ``text`` with no word character or hyphen on either side ('Lee', 'st.',
    "o'neil"), from the text's runs of word characters and hyphens, read once per text."""
    return WordRuns.of(text).stands_alone(word)


def common_words(name: str, text: str) -> bool:
    """Whether every word of a name also stands in the text in lower case, as an ordinary word: a product,
    dish or heading the model took for a person ('Maple Syrup', 'Quick Start Guide', 'Camera Zoom')."""
    words = [w for w in name.split() if w.casefold() not in NAME_PARTICLES]
    return bool(words) and all(stands_alone(w.lower(), text) for w in words)


def not_a_name(name: str, prose: str) -> bool:
    """A product, programme or column the model took for a person: the first word is no one's given name
    and the article's ``prose`` (its text without addresses) also uses it as an ordinary lower-case word
    ('Big Machine' beside 'a big deal', 'Fact Checker' beside 'in fact', 'Laundry Bag'). A surname alone,
    a lower-case particle ('de …'), an initial or a title is left alone."""
    words = name.split()
    if len(words) < 2 or not words[0][:1].isupper() or words[0].casefold() in HONORIFICS or opens_with_given_name(name):
        return False
    return stands_alone(words[0].lower(), prose)


def shown_as_a_person(person: Person, doc: Doc, registry: Registry) -> bool:
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
        if before is not None and (is_title_abbreviation(before) or before.lower_ in PERSON_ROLE_NOUNS
                                   or before.is_lower and before.pos_ == "NOUN" and agent_word(before.lower_)):
            return True  # ('Hawaii Rep. Tulsi Gabbard', 'businessman Andrew Yang')
        if root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_.lower() in CUE_VERBS:
            return True
        # the one who did it ('a vehicle driven by Keyosha Jackson'); not what a product is made or
        # powered by ('powered by Dolby Atmos'), nor a publication something is reported by ('as noted by
        # Verywell Fit')
        if root.dep_ == "pobj" and root.head.dep_ == "agent" \
                and root.head.head.lemma_.lower() not in MAKING_VERBS | CUE_VERBS:
            return True
        # named together with someone whose name opens with a given name ('Franklin Roosevelt and Strom
        # Thurmond', 'Donald Trump rather than Barack Obama')
        if any((other := registry.person_at(c)) is not None and other is not person
               and opens_with_given_name(other.name) for c in root.conjuncts):
            return True
        after = doc[span.end : span.end + 3]
        words = [t.lower_ for t in after]
        if words[:2] == [",", "who"] or len(words) == 3 and words[0] == words[2] == "," and words[1].isdecimal() \
                and 0 < int(words[1]) < 120:
            return True  # (', who …'; an age: ', 27,')
        if words[:1] == ["of"] and len(after) > 1 and after[1].ent_type_ == "GPE":
            return True  # (where someone lives: 'Deqa Dhalac of South Portland')
    return False
