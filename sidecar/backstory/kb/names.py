"""Name normalisation shared by outlets, organisations and people: case, diacritics, punctuation."""

from __future__ import annotations

import re
import unicodedata

from nameparser import HumanName

from .. import lexicon
from ..domains import host_key, site_of

_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_SPACE = re.compile(r"\s+")
_PARENS = re.compile(r"\(([^)]*)\)")
# Lower-case particles of family names ("Lucas Leiroz de Almeida"): not evidence of identity on their own
# (one list with the people stage's, in lexicon/en/names.toml).
NAME_PARTICLES = lexicon.words("name_particles")
_DOMAIN_IN_TEXT = re.compile(r"\b((?:[a-z0-9-]+\.)+[a-z]{2,})\b")


def fold(text: str) -> str:
    """Casefold, strip diacritics and punctuation, collapse spaces: 'Centre-Société' -> 'centre societe'."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("’", "'").replace("'", "")
    return _SPACE.sub(" ", _PUNCT.sub(" ", stripped.casefold())).strip()


def mentions(text: str, name: str) -> bool:
    """True when folded ``name`` appears in folded ``text`` as whole words."""
    return bool(name) and f" {name} " in f" {text} "


def domain_key(domain: str) -> str:
    """A domain as we index it (domains.host_key): lower case, no scheme, user, 'www.', port, path or trailing
    dot; an IP literal in its one spelling."""
    return host_key(domain)


def registered_domain(host: str) -> str:
    """The site of a host or URL ('https://www.rt.com/news' -> 'rt.com', 'someone.github.io' stays), or ''
    (domains.site_of: the suffix list's private section and our hosting list count)."""
    return site_of(host) or ""


def split_aliases(label: str) -> list[str]:
    """'TASS (ITAR-TASS, Telegraph Agency)' -> ['TASS', 'ITAR-TASS', 'Telegraph Agency'].

    Parenthesised parts that start in lower case ('news excluding politics') are scopes, not names.
    """
    names = [_PARENS.sub("", label).strip()]
    for inner in _PARENS.findall(label):
        for part in re.split(r"[,;]", inner):
            part = part.strip()
            if part and (part[0].isupper() or part[0].isdigit()):
                names.append(part)
    return [n for n in names if n]


def domains_in_text(text: str) -> list[str]:
    """Domain-looking tokens inside a label: 'Global Research, globalresearch.ca' -> ['globalresearch.ca']."""
    return [domain_key(m) for m in _DOMAIN_IN_TEXT.findall(text.lower())]


class PersonName:
    """A person's name split by nameparser into a folded first name and family-name tokens."""

    __slots__ = ("raw", "folded", "first", "family")

    def __init__(self, raw: str, parts: tuple[str, list[str]] | None = None) -> None:
        self.raw = raw
        self.folded = fold(raw)
        first, family = parts if parts is not None else self.split(raw)
        self.first = first
        self.family = tuple(family)

    @staticmethod
    def split(raw: str) -> tuple[str, list[str]]:
        """(folded first name, folded family-name tokens) by nameparser; particles dropped."""
        parsed = HumanName(raw)
        first = fold(parsed.first)
        family = [t for t in fold(f"{parsed.middle} {parsed.last}").split() if t not in NAME_PARTICLES]
        if not family and first:
            # A single word ("Korybko") is taken as a family name: nameparser calls it a first name.
            first, family = "", first.split()
        return first, family

    @property
    def surname(self) -> str:
        """The last family-name token (the usual index key)."""
        return self.family[-1] if self.family else ""

    @property
    def is_single(self) -> bool:
        """True when only one name was given ('Korybko')."""
        return not self.first
