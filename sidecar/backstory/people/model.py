"""What the people stage finds: plain dataclasses, serialised as they are into the cards document.

Every quote, role and unnamed-sourcing sentence records the declared rule that made it (``rule``,
``role_rule``: an id of :mod:`backstory.people.rules` or :mod:`backstory.people.roles`) and the stretch
of text that rule read as its evidence (``evidence``, ``role_span``), so ``backstory check --explain``
can say why a card says what it says.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


@dataclass
class Mention:
    """A stretch of the article text: a name, a role, the evidence of a rule."""

    text: str
    start: int
    end: int


Span = Mention  # (the same shape, for evidence that names no one)


@dataclass
class Quote:
    """A quote or paraphrase attributed to someone."""

    text: str
    cue: str
    kind: str  # direct | indirect
    start: int
    end: int
    rule: str = ""  # the declared rule that attributed it
    evidence: Span | None = None  # what that rule read: the attribution ('Ann Lee said'), the earlier quote …


@dataclass
class Person:
    """One person named in the article, merged across mentions."""

    name: str
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    role: str | None = None
    role_span: Mention | None = None
    role_rule: str | None = None  # the role strategy that found ``role`` (roles.STRATEGIES)

    @property
    def key(self) -> str:
        """Normalised full name."""
        return self.name.casefold()


@dataclass
class UnnamedSource:
    """A claim attributed to people the article does not name."""

    text: str
    cue: str
    source: str
    start: int
    end: int
    rule: str = ""
    evidence: Span | None = None


@dataclass
class BioClaim:
    """One affiliation or role the author's bio claims."""

    text: str
    relation: str
    organisation: str | None


@dataclass
class Bio:
    """The author's bio paragraph as the article gives it."""

    text: str
    start: int
    end: int
    claims: list[BioClaim]


@dataclass
class People:
    """Everything the people stage found."""

    cited: list[Person] = field(default_factory=list)
    mentioned: list[Person] = field(default_factory=list)
    unnamed: list[UnnamedSource] = field(default_factory=list)
    bios: dict[str, Bio] = field(default_factory=dict)  # author name -> bio


class Found(NamedTuple):
    """A role found at a mention: its text and offsets, and the strategy that found it."""

    text: str
    start: int
    end: int
    rule: str

    @property
    def span(self) -> Mention:
        return Mention(self.text, self.start, self.end)
