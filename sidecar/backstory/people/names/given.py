"""Personal names: given names, their genders, and how two written forms of a name compare."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from pathlib import Path

from nameparser import HumanName
from rapidfuzz.distance import Levenshtein

from ..words import TITLE_GENDERS

_GIVEN_NAMES_FILE = Path(__file__).resolve().parents[2] / "data" / "open" / "given_names.json"
GENDERED_TITLE = re.compile(r"\b(?P<title>Mr|Mrs|Ms|Miss)\.?\s+$")


@functools.lru_cache(maxsize=1)
def first_names() -> Mapping[str, str]:
    """Given names in every locale of Faker's lists (about 31,000, casefolded), each with the genders the
    lists give it ('m', 'f', 'mf' or ''): evidence that a capitalised word opening a name is a person's first
    name. Bundled by ``python -m backstory.kb.build_open --given-names``."""
    return json.loads(_GIVEN_NAMES_FILE.read_text(encoding="utf-8"))["names"]


def other_gender(given: str, gender: str) -> bool:
    """Whether a given name is only ever the other gender's ('Zoe' for 'm'); 'Chris' or 'Alex' never is."""
    return first_names().get(given) == ("f" if gender == "m" else "m")


def opens_with_given_name(name: str) -> bool:
    """Whether a name's first word is someone's given name (or an initial: 'J.J. Abrams')."""
    first = name.split()[0]
    names = first_names()
    return first.casefold() in names or "." in first or len(first) == 1 \
        or "-" in first and all(part.casefold() in names for part in first.split("-"))  # ('Pierre-Luc')


def title_gender(text: str, start: int) -> str | None:
    """'m' or 'f' when the name at ``start`` follows a gendered title (Mr, Mrs, Ms, Miss)."""
    m = GENDERED_TITLE.search(text, max(0, start - 6), start)
    return None if m is None else TITLE_GENDERS[m["title"].casefold()]


@functools.lru_cache(maxsize=16384)
def _parsed(name: str) -> tuple[str, str, tuple[str, ...]]:
    """nameparser's first, last and middle names, casefolded (parsed once per name: a page may name
    thousands of people, and each is looked up many times)."""
    parsed = HumanName(name)
    return parsed.first.casefold(), parsed.last.casefold(), tuple(parsed.middle.casefold().split())


def name_parts(name: str) -> tuple[str, str]:
    """(first, last) of a personal name, casefolded."""
    first, last, _ = _parsed(name)
    return first, last


def middle_names(name: str) -> tuple[str, ...]:
    return _parsed(name)[2]


def one_letter_off(known: str, word: str) -> bool:
    """``word`` misspells ``known`` by one letter: at least five letters, the same first letter, and a swapped
    letter only in longer words (so 'Osama' is never taken for 'Obama')."""
    return len(word) >= 5 and known[:1] == word[:1] and Levenshtein.distance(known, word) == 1 \
        and (len(known) != len(word) or len(word) >= 6)


def same_first_name(a: str, b: str) -> bool:
    """Equal, or a short form of the other ('Josh' and 'Joshua', 'Dan' and 'Daniel'; not 'Chris' and
    'Christine', which are often two people)."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 3 and long.startswith(short) and len(long) - len(short) <= 2
