"""After the rules: drop what links to other stories, give each cited person the first role the article
gives them, complete names found by one word, and sort people into cited and only mentioned."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from .. import budget
from .ledger import Ledger
from .model import People, Person
from .names import Registry, opens_with_given_name
from .names.evidence import common_words, shown_as_a_person
from .names.recovery import full_name
from .roles import role_from_mentions, set_role, without_own_name

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


def settle(result: People, text: str, doc: Doc, registry: Registry, ledger: Ledger) -> None:
    """Sort the registry's people into ``result``: cited (with quotes) and mentioned (named, and a person)."""
    credits, teasers = credits_and_teasers(text)
    # a link to another story is its headline, not this article's reporting ('MORE: Trump says …')
    ledger.drop_quotes_in(teasers)
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
