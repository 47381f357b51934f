"""Small text helpers shared by the extract stage's steps: spaces, accents, how a name is written in an address."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from typing import TypeVar

_T = TypeVar("_T")
SHORT_VALUE_CHARS = 256  # (the longest value a cache below keeps: a hostile page's huge ones are not kept across pages)


def cached_for_short(maxsize: int) -> Callable[[Callable[[str], _T]], Callable[[str], _T]]:
    """functools.lru_cache for a function of one string that a page calls again and again with the same values (a class,
    a style), keeping only values of up to SHORT_VALUE_CHARS characters: the cache lives as long as the process, and
    a page's huge attribute values would otherwise stay in it after the page is gone."""
    def decorate(function: Callable[[str], _T]) -> Callable[[str], _T]:
        cached = functools.lru_cache(maxsize=maxsize)(function)

        @functools.wraps(function)
        def call(value: str) -> _T:
            return cached(value) if len(value) <= SHORT_VALUE_CHARS else function(value)

        call.cache_info = cached.cache_info  # type: ignore[attr-defined]
        call.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        return call
    return decorate


def normalise_space(text: str) -> str:
    """Collapse runs of whitespace to single spaces (the characters str.split takes for whitespace are those of \\s)."""
    return " ".join(text.split())


_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "oe", "å": "aa"})

# each letter and its accented forms, for finding 'Gàbor Muniér' by 'Gabor Munier'
ACCENTED = {
    base: "[" + base + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.islower()
                                and unicodedata.normalize("NFKD", c)[0] == base) + "]"
    for base in "abcdefghijklmnopqrstuvwxyz"
}


def folded(text: str) -> str:
    """Text without its accents ('Gàbor Muniér' -> 'Gabor Munier')."""
    if text.isascii():
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


def owner_key(name: str) -> set[str]:
    """How a personal name is written in a web address: 'Günter Pilger' -> {'gunterpilger', 'guenterpilger'}."""
    letters = re.sub(r"[\W_]", "", name.casefold())
    return {folded(letters), folded(letters.translate(TRANSLITERATION))}


def name_key(name: str) -> str:
    """A name compared without case, spaces and marks: 'J.O. Haselhoef' == 'J O Haselhoef'."""
    return re.sub(r"[\W_]", "", name).casefold()
