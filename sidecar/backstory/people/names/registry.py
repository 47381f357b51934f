"""The registry of the people an article names: one :class:`Person` per person, every mention of them,
and which tokens name whom.

It is built in declared steps (:func:`backstory.people.names.recovery.build_registry`, ``STEPS``): the
PERSON entities, longest names first, then names the model missed or mislabelled. One step runs later, while
the rules attribute: a speaker the model did not tag as a person is admitted when the article gives the name a
person's role ('Gustavo Faleiros, an editor at …, said'; :func:`backstory.people.names.recovery.by_role`). That step
depends on which subjects the rules ask about, so the order of the rule passes (declared in
``backstory.people.rules.PASSES``) decides who is admitted there; it is kept explicit for that reason.

Every question the rules ask of it ('who has this surname?', 'who is named between these offsets?') is
answered from indexes kept up to date as people are added, renamed and mentioned, in the order the people
were added, so a page naming thousands of people costs no more per name than one naming ten.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable

import numpy
from spacy.attrs import LOWER, ORTH
from spacy.tokens import Doc, Token

from ..model import Found, Mention, Person
from ..roles import role_of
from ..words import HONORIFICS, TITLE_GENDERS
from .evidence import not_a_name, prose_of
from .given import middle_names, name_parts, one_letter_off, other_gender, same_first_name

WORDS = re.compile(r"\w+")


class _Index:
    """People filed by a key (a person may be filed under several); ``get`` lists them in no set order."""

    def __init__(self) -> None:
        self._people: dict[object, dict[int, Person]] = defaultdict(dict)

    def add(self, key: object, person: Person) -> None:
        self._people[key][id(person)] = person

    def remove(self, key: object, person: Person) -> None:
        self._people.get(key, {}).pop(id(person), None)

    def get(self, key: object) -> list[Person]:
        found = self._people.get(key)
        return list(found.values()) if found else []


class Registry:
    """Merges person mentions: full names first, then last-name-only (or first-name-only) mentions."""

    def __init__(self, doc: Doc, exclude: list[str]) -> None:
        """An empty registry of the people ``doc`` names, never counting the ``exclude``d (the authors)."""
        self.doc = doc
        self.people: list[Person] = []
        self.by_token: dict[int, Person] = {}
        self.excluded = [name_parts(n) for n in exclude]
        self.text = doc.text  # (Doc.text joins every token on each access: read it once, not once per name)
        self.prose = prose_of(self.text)
        self._order: dict[int, int] = {}  # id(person) -> when it was added
        self._keys: dict[int, list] = {}  # id(person) -> the (index, key) pairs it is filed under
        self._by_key, self._by_first, self._by_last, self._by_middle = _Index(), _Index(), _Index(), _Index()
        self._by_tail, self._by_shape = _Index(), _Index()
        self._mention_keys: list[tuple[int, int, int]] | None = None  # (start, order, position in person.mentions)
        self._mention_values: list[tuple[Person, Mention]] = []
        self._roles_at: dict[tuple[int, int], Found | None] = {}
        self._token_attrs: dict[int, object] = {}  # spaCy attribute -> that attribute of every token (numpy)

    # ---- the indexes

    def _filing(self, name: str) -> list[tuple[_Index, object]]:
        """Every (index, key) a person of this name is filed under."""
        key, words = name.casefold(), name.split()
        first, last = name_parts(name)
        kwords = key.split()
        filing = [(self._by_key, key), (self._by_first, first), (self._by_last, last)]
        filing += [(self._by_middle, middle) for middle in middle_names(name)]
        filing += [(self._by_tail, tuple(kwords[-k:])) for k in range(1, len(kwords))]
        if len(words) > 1:
            filing.append((self._by_shape, (last[:1], len(last))))
        return filing

    def _file(self, person: Person) -> None:
        """File a person under their current name in every index."""
        self._keys[id(person)] = filing = self._filing(person.name)
        for index, key in filing:
            index.add(key, person)

    def _unfile(self, person: Person) -> None:
        for index, key in self._keys.pop(id(person)):
            index.remove(key, person)

    def rename(self, person: Person, name: str) -> None:
        """Give a person another name (a fuller one found later), keeping the indexes right."""
        self._unfile(person)
        person.name = name
        self._file(person)

    def in_order(self, people: Iterable[Person]) -> list[Person]:
        """``people`` once each, in the order they were added to the registry."""
        unique = {id(p): p for p in people}
        return sorted(unique.values(), key=lambda p: self._order[id(p)])

    def with_key(self, key: str) -> list[Person]:
        """Everyone whose whole name, casefolded, is ``key``."""
        return self.in_order(self._by_key.get(key))

    def with_surname(self, last: str) -> list[Person]:
        """Everyone whose last name (nameparser's, casefolded) is ``last``."""
        return self.in_order(self._by_last.get(last))

    def close_steps(self) -> None:
        """The building steps are done: each person's mentions in order, and indexed by offset."""
        for p in self.people:
            p.mentions.sort(key=lambda m: m.start)
        self._mention_keys, self._mention_values = [], []
        entries = sorted(((m.start, self._order[id(p)], pos), (p, m)) for p in self.people for pos, m in enumerate(p.mentions))
        for key, value in entries:
            self._mention_keys.append(key)
            self._mention_values.append(value)

    def mentions_between(self, lo: float, hi: float) -> list[tuple[Person, Mention]]:
        """Every (person, mention) with ``lo <= mention.start < hi``, by offset, then in the order the people
        were added and their mentions recorded."""
        keys = self._mention_keys
        i = bisect.bisect_left(keys, (lo, -1, -1))
        j = bisect.bisect_left(keys, (hi, -1, -1))
        return self._mention_values[i:j]

    def order_of(self, person: Person) -> int:
        return self._order[id(person)]

    def mention(self, person: Person, mention: Mention, tokens) -> None:
        """Record that ``tokens`` name ``person`` at ``mention``."""
        person.mentions.append(mention)
        for tok in tokens:
            self.by_token[tok.i] = person
        if self._mention_keys is not None:
            key = (mention.start, self._order[id(person)], len(person.mentions) - 1)
            i = bisect.bisect_left(self._mention_keys, key)
            self._mention_keys.insert(i, key)
            self._mention_values.insert(i, (person, mention))

    def tokens_with(self, attr: str, value: str) -> list[int]:
        """Indices of the tokens whose ``attr`` ('text', 'lower_') is ``value``, in order (compared as spaCy
        stores them, by the string's hash, over an array of every token read once)."""
        key = {"text": ORTH, "lower_": LOWER}[attr]
        if key not in self._token_attrs:
            self._token_attrs[key] = self.doc.to_array([key])
        return numpy.flatnonzero(self._token_attrs[key] == self.doc.vocab.strings[value]).tolist()

    # ---- who a name is

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
        # the same name, or the same surname and a short form of the first name ('Josh' for Joshua)
        same = self._by_key.get(key) + [p for p in self._by_last.get(last) if last and first
                                         and same_first_name(name_parts(p.name)[0], first)]
        if same:
            return self.in_order(same)[0]
        # the same surname and a first name misspelt by one letter ('Kristin Wilkins' beside Kristen Wilkins), in
        # names long enough for a typo to be likelier than a sibling; only when one person is that close
        close = [p for p in self._by_last.get(last) if last and first and one_letter_off(name_parts(p.name)[0], first)]
        if len(close) == 1:
            return close[0]
        # the end of a longer name: a double surname without the first name ('Kostro Miller' for
        # Amanda A. Kostro Miller), when only one person named in full ends that way
        tails = self._by_tail.get(tuple(key.split()))
        return tails[0] if len(tails) == 1 else None

    def _find_word(self, key: str, gender: str | None) -> Person | None:
        """The person a one-word name is: the one with that surname, else first name, else middle name."""
        by_last = self.in_order(self._by_last.get(key))
        by_first = self.in_order(self._by_first.get(key))
        # a middle name last: 'Etienne' for Camille Etienne Gbedey, who goes by both surnames
        by_middle = self.in_order(self._by_middle.get(key))
        matches = by_last or by_first or by_middle or self.misspelt_surname(key)
        if gender is not None and matches is by_last:
            # 'Mr Anderson' where the article names Zoe Anderson and her father Chris Anderson (or only
            # Zoe Anderson: then he is someone else)
            matches = [p for p in matches if not other_gender(name_parts(p.name)[0], gender)]
        if len(matches) == 1:
            return matches[0]
        # ambiguous ('Cook' with two Cooks): the bare name's own card, never one per mention
        owners = self.with_key(key)
        return owners[0] if owners else None

    def misspelt_surname(self, word: str) -> list[Person]:
        """People named in full whose surname a bare name misspells by one letter ('Water' for Kathryn
        Waters, 'Mauer' for K.C. Maurer): same first letter, and a swapped letter only in longer
        names (so 'Osama' is never taken for Obama)."""
        if len(word) < 5:
            return []  # (one_letter_off needs five letters)
        near = [p for n in (len(word) - 1, len(word), len(word) + 1) for p in self._by_shape.get((word[:1], n))]
        return [p for p in self.in_order(near) if one_letter_off(name_parts(p.name)[1], word)]

    def add(self, text: str) -> Person | None:
        if self.is_excluded(text) or not_a_name(text, self.prose):
            # ('Fact Checker' is no person: no card, no mention, and no surname that makes another ambiguous)
            return None
        if len(text.split()) > 1:
            # a full name found after its bare surname ('Apte said' … 'Joshua Apte, a professor'): one person
            first, last = name_parts(text)
            # (or after the surname with a title: 'Ms Truss' … 'Liz Truss')
            bare = [p for p in (*self._by_key.get(last), *self._by_key.get(first)) if len(p.name.split()) == 1]
            if first:
                bare += [p for p in self._by_last.get(last) if name_parts(p.name) == ("", last)
                         and p.name.split()[0].casefold().strip(".") in HONORIFICS]
            bare = self.in_order(bare)
            if len(bare) == 1 and not any(p is not bare[0] and len(p.name.split()) > 1 for p in self._by_last.get(last)):
                self.rename(bare[0], text)
                return bare[0]
        person = Person(name=text)
        self._order[id(person)] = len(self.people)
        self.people.append(person)
        self._file(person)
        return person

    def known_by(self, word: str) -> Person | None:
        """The one person whose whole name is this one word ('Dion', tagged as a person elsewhere)."""
        owners = self._by_key.get(word.casefold())
        return owners[0] if len(owners) == 1 else None

    def resolve_label(self, label: str) -> Person | None:
        """The person an interview label names: their full name, or a first or last name that
        belongs to exactly one person named in full."""
        if len(label.split()) == 1:
            return self.find(label) if len(label) > 1 else None
        first, last = name_parts(label)
        found = [p for p in self.with_surname(last) if name_parts(p.name)[0] == first]
        return found[0] if found else None

    def role_at(self, mention: Mention) -> Found | None:
        """The role the article gives at one mention (read once per mention)."""
        key = (mention.start, mention.end)
        if key not in self._roles_at:
            span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            self._roles_at[key] = role_of(span.root, self.doc) if span is not None else None
        return self._roles_at[key]

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
                found = self.role_at(mention)
                if found and noun in WORDS.findall(found[0].casefold()):
                    owners.append(person)
                    break
        return owners

    def person_at(self, token: Token) -> Person | None:
        """The person whose name covers this token, if any."""
        return self.by_token.get(token.i)
