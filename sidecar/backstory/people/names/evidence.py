"""Whether a name found in the text is a person's name or an ordinary phrase the model tagged (a product
named with ordinary words, 'Fact Checker' beside 'in fact'); the text without its addresses."""

from __future__ import annotations

import re
from ..words import HONORIFICS, NAME_PARTICLES
from .given import opens_with_given_name
from .text import WordRuns

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
