"""After the rules: drop what links to other stories, give each cited person the first role the article
gives them, complete names found by one word, and sort people into cited and only mentioned."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from .. import budget
from .ledger import Ledger
from .model import People, Person
from .names import Registry, opens_with_given_name
from .names.evidence import common_words
from .names.given import name_parts
from .names.recovery import full_name
from .roles import role_from_mentions, role_of, set_role, without_own_name
from .syntax import agent_word, is_title_abbreviation
from .words import CUE_VERBS, MAKING_VERBS, PERSON_ROLE_NOUNS

# the staff credits of a story or its pictures: '(Reporting by Greg Roumeliotis; Editing by Martin Howell)',
# 'Photo: Jane Roe/AFP', 'Image credit: …' (the names are in the last group that took part)
CREDIT_LINE = re.compile(
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


def credits_and_teasers(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The spans of staff credits and of links to other stories ('MORE: Trump says …')."""
    found = [m for m in CREDIT_LINE.finditer(text) if m.lastindex]
    return [m.span(m.lastindex) for m in found], [m.span(3) for m in found if m[3]]


# a headline: a paragraph of a few words, most of them capitalised, that does not end as a sentence does
HEADLINE_WORD = re.compile(r"[^\W\d_][\w’'-]{3,}")  # (words of four letters or more: 'of', 'the', 'and' stay lower-case)
MAX_HEADLINE_WORDS = 25


def headlines(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The paragraphs written as headlines ('Obama Says Museum Will Tell of ‘Suffering and Delight’', 'Black Lawmakers
    Rip Trump'): a title-case line of at most 25 words, with three capitalised words of four letters or more and
    none lower-case, that does not end with a full stop."""
    found = []
    for start, end in paragraphs:
        para = text[start:end].strip()
        words = HEADLINE_WORD.findall(para)
        if para and not para.endswith(".") and len(para.split()) <= MAX_HEADLINE_WORDS and len(words) >= 3 \
                and all(w[0].isupper() for w in words):
            found.append((start, end))
    return found


def settle(result: People, text: str, doc: Doc, registry: Registry, ledger: Ledger) -> None:
    """Sort the registry's people into ``result``: cited (with quotes) and mentioned (named, and a person)."""
    credits, teasers = credits_and_teasers(text)
    # a link to another story is its headline, not this article's reporting ('MORE: Trump says …'); nor is a
    # headline in the text a citation (the people it names can still be mentioned)
    ledger.drop_quotes_in(teasers + headlines(text, ledger.ctx.paragraphs))
    for person in registry.people:
        budget.check("people: cited and mentioned")
        person.quotes.sort(key=lambda q: q.start)
        if person.quotes:
            # the first role the article gives (annotation rule), not only the one beside the quote
            role_from_mentions(person, doc, before=person.role_span.start if person.role_span else None)
        if person.quotes and person.role is None and person.key in ledger.epithets:
            set_role(person, ledger.epithets[person.key])
        if len(person.name.split()) <= 2 and (full := full_name(person, registry)) is not None:
            registry.rename(person, full.text)
            person.mentions = sorted([full, *person.mentions], key=lambda m: m.start)
        if person.role_span is not None and (trimmed := without_own_name(person.role_span, person.name)) != person.role_span:
            if trimmed.text:
                person.role, person.role_span = trimmed.text, trimmed
            else:
                person.role, person.role_span, person.role_rule = None, None, None
        if person.quotes:
            result.cited.append(person)
        elif _mentioned(person, text, doc, registry, credits):
            result.mentioned.append(person)
    result.cited.sort(key=lambda p: p.quotes[0].start)
    result.mentioned.sort(key=lambda p: p.mentions[0].start)
    result.unnamed = sorted(ledger.unnamed, key=lambda u: u.start)


def _mentioned(person: Person, text: str, doc: Doc, registry: Registry, credits: list[tuple[int, int]]) -> bool:
    """Whether a person who says nothing is listed as mentioned: single-word names that never speak are too often
    places or brands mis-tagged as people; nobody named only in the credits ('(Reporting by …; Editing by …)',
    'Photo: …') or in links to other stories."""
    return len(person.name.split()) >= 2 and not common_words(person.name, text) \
        and not (person.mentions and all(any(a <= m.start < b for a, b in credits) for m in person.mentions)) \
        and (opens_with_given_name(person.name) or shown_as_a_person(person, doc, registry))


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
