"""The registry of the people an article names: one :class:`Person` per person, every mention of them,
and which tokens name whom.

It is built in declared steps (:data:`backstory.people.names.recovery.STEPS`): the PERSON entities,
longest names first, then names the model missed or mislabelled. One step runs later, while the rules
attribute: a speaker the model did not tag as a person is admitted when the article gives the name a
person's role ('Gustavo Faleiros, an editor at …, said'; :meth:`Registry.person_by_role`). That step
depends on which subjects the rules ask about, so the order of the rule passes (declared in
``backstory.people.rules.PASSES``) decides who is admitted there; it is kept explicit for that reason.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..model import Mention, Person
from ..roles import role_of
from ..words import HONORIFICS, TITLE_GENDERS
from .evidence import not_a_name, prose_of
from .given import middle_names, name_parts, one_letter_off, other_gender, same_first_name


WORDS = re.compile(r"\w+")


class Registry:
    """Merges person mentions: full names first, then last-name-only (or first-name-only) mentions."""

    def __init__(self, doc: Doc, exclude: list[str]) -> None:
        from .recovery import STEPS

        self.doc = doc
        self.people: list[Person] = []
        self.by_token: dict[int, Person] = {}
        self.excluded = [name_parts(n) for n in exclude]
        self.text = doc.text  # (Doc.text joins every token on each access: read it once, not once per name)
        self.prose = prose_of(self.text)
        for step in STEPS:
            step(self)
        for p in self.people:
            p.mentions.sort(key=lambda m: m.start)

    def mention(self, person: Person, mention: Mention, tokens) -> None:
        """Record that ``tokens`` name ``person`` at ``mention``."""
        person.mentions.append(mention)
        for tok in tokens:
            self.by_token[tok.i] = person

    def is_excluded(self, text: str) -> bool:
        first, last = name_parts(text)
        single = len(text.split()) == 1
        for ef, el in self.excluded:
            if (first, last) == (ef, el) or (single and text.casefold() in {ef, el}):
                return True
        return False

    def find(self, text: str, gender: str | None = None) -> Person | None:
        """The person a name found in the text is, if already known; ``gender`` ('m'/'f') is that of a
        title before it."""
        key = text.casefold()
        first, last = name_parts(text)
        if len(text.split()) == 2 and not first and last and text.split()[0].casefold().strip(".") in HONORIFICS:
            gender = TITLE_GENDERS.get(text.split()[0].casefold().strip("."))
            key, text = last, last  # 'Ms Truss': the surname with a title is that surname
        if len(text.split()) == 1:
            return self._find_word(key, gender)
        for p in self.people:
            pf, pl = name_parts(p.name)
            if p.key == key or (last and pl == last and first and same_first_name(pf, first)):
                return p
        # the same surname and a first name misspelt by one letter ('Kristin Wilkins' beside Kristen Wilkins), in
        # names long enough for a typo to be likelier than a sibling; only when one person is that close
        close = [p for p in self.people if last and first and name_parts(p.name)[1] == last
                 and one_letter_off(name_parts(p.name)[0], first)]
        if len(close) == 1:
            return close[0]
        # the end of a longer name: a double surname without the first name ('Kostro Miller' for
        # Amanda A. Kostro Miller), when only one person named in full ends that way
        words = key.split()
        tails = [p for p in self.people if len(p.name.split()) > len(words) and p.key.split()[-len(words):] == words]
        return tails[0] if len(tails) == 1 else None

    def _find_word(self, key: str, gender: str | None) -> Person | None:
        """The person a one-word name is: the one with that surname, else first name, else middle name."""
        by_last = [p for p in self.people if name_parts(p.name)[1] == key]
        by_first = [p for p in self.people if name_parts(p.name)[0] == key]
        # a middle name last: 'Etienne' for Camille Etienne Gbedey, who goes by both surnames
        by_middle = [p for p in self.people if key in middle_names(p.name)]
        matches = by_last or by_first or by_middle or self.misspelt_surname(key)
        if gender is not None and matches is by_last:
            # 'Mr Anderson' where the article names Zoe Anderson and her father Chris Anderson (or only
            # Zoe Anderson: then he is someone else)
            matches = [p for p in matches if not other_gender(name_parts(p.name)[0], gender)]
        if len(matches) == 1:
            return matches[0]
        # ambiguous ('Cook' with two Cooks): the bare name's own card, never one per mention
        return next((p for p in self.people if p.key == key), None)

    def misspelt_surname(self, word: str) -> list[Person]:
        """People named in full whose surname a bare name misspells by one letter ('Water' for Kathryn
        Waters, 'Mauer' for K.C. Maurer): same first letter, and a swapped letter only in longer
        names (so 'Osama' is never taken for Obama)."""
        return [p for p in self.people if len(p.name.split()) > 1 and one_letter_off(name_parts(p.name)[1], word)]

    def add(self, text: str) -> Person | None:
        if self.is_excluded(text) or not_a_name(text, self.prose):
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
            return self.find(label) if len(label) > 1 else None
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
                if found and noun in WORDS.findall(found[0].casefold()):
                    owners.append(person)
                    break
        return owners

    def person_at(self, token: Token) -> Person | None:
        """The person whose name covers this token, if any."""
        return self.by_token.get(token.i)

    def person_by_role(self, token: Token) -> Person | None:
        """A speaker the NER missed or called an organisation, accepted only when the article gives
        the name a person's role (see :func:`backstory.people.names.recovery.by_role`)."""
        from .recovery import by_role

        return by_role(self, token)
