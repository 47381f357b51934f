"""A chosen name as the page itself writes it: with the accents, middle names and initials' periods its metadata
left out, in full where the metadata gives a first name only, without an avatar's letters read into it."""

from __future__ import annotations

import re

from ..text import ACCENTED, folded, normalise_space
from .grammar import CAPITAL
from .names import looks_like_name


def without_avatar(name: str, chrome_text: str) -> str:
    """The name without the letters of an avatar the page shows on the line before it ('Sm' / 'David Andres
    Calle Atehortua', read together as 'Sm David Andres Calle Atehortua')."""
    first, _, rest = name.partition(" ")
    if len(first) <= 2 and first.isalpha() and len(rest.split()) >= 2 \
            and re.search(rf"^[ \t]*{re.escape(first)}[ \t]*\n[ \t]*{re.escape(rest)}[ \t]*$", chrome_text, re.M):
        return rest
    return name


def as_shown(name: str, text: str) -> str:
    """The page's spelling of a name the metadata wrote plainly: with its accents ('Gàbor Muniér' for 'Gabor
    Munier'), or a user name as the page writes it in words ('Arian Schlichenmayer' for 'Arianschlichenmayer')."""
    if not name.isascii() or re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text):
        return name
    one_word = " " not in name
    if one_word and len(name) < 8:
        return name

    def letter(c: str) -> str:
        return r"\s+" if c == " " else ACCENTED.get(c.casefold(), re.escape(c))

    pattern = (r"[ \t]?" if one_word else "").join(letter(c) for c in name)
    m = re.search(rf"(?<!\w){pattern}(?!\w)", text, re.I)
    if not m:
        return name
    shown = normalise_space(m.group(0))
    if one_word:  # (shown in words that read as a name)
        return shown if " " in shown and looks_like_name(shown) else name
    return shown if folded(shown) == name else name  # (with the metadata's capitals)


def full_name(name: str, text: str) -> str:
    """A first name alone (a blog's account: 'Nils') as the page writes it in full, where that is one name
    only: at the start of a line ('Stefanus Stahl - Maschinenbauer, …') or after a byline's label ('Eine Kolumne
    von Nils Pickert'), and not followed by another word ('Robert Ich bin …', 'Regan September 2014')."""
    if " " in name or len(name) < 3 or not name[:1].isupper() or not name[1:].islower():
        return name
    found = {normalise_space(m.group(1)) for m in re.finditer(
        rf"(?:^|\b(?:[Bb]y|[Vv]on|[Pp]ar|[Pp]or)[ \t]+)({re.escape(name)}[ \t]+[{CAPITAL}][\w'’-]+)(?![ \t]*[{CAPITAL}\w])",
        text, re.M)}
    return found.pop() if len(found) == 1 and looks_like_name(next(iter(found))) else name


def with_periods(name: str, chrome_text: str) -> str:
    """The page's own spelling, with the periods of initials that metadata drops ('Trevor J. Mitchell')."""
    if not re.search(r"\b[A-Z]\b(?!\.)", name):
        return name
    pattern = r"\s+".join(re.escape(w) + (r"\.?" if len(w) == 1 and w.isupper() else "") for w in name.split())
    m = re.search(rf"(?<!\w){pattern}(?!\w)", chrome_text)
    return m.group(0) if m else name


def with_middle(name: str, chrome_text: str) -> str | None:
    """The page's spelling of a name with middle names or initials the metadata left out
    ('Christian P. Stadtfeld' for 'Christian Stadtfeld')."""
    words = name.split()
    if len(words) < 2:
        return None
    m = re.search(rf"(?<!\w){re.escape(words[0])}\s+(?:[{CAPITAL}][\w'’-]*\.?\s+){{1,2}}{re.escape(words[-1])}(?!\w)",
                  chrome_text)
    return normalise_space(m.group(0)) if m else None
