"""A name some source on the page gives for the author, with the rule that read it and what it was read from."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Candidate:
    """One name for the author, and its provenance.

    ``rule`` is the id of the declared rule that read it (a byline pattern, or a source step such as
    'authors.json-ld'); ``evidence`` is the text it was read from: a line of the page, a meta tag's content, a
    JSON-LD name; ``start`` and ``end`` are offsets into the article's text when the evidence is in it."""

    name: str
    rule: str
    evidence: str = ""
    start: int | None = None
    end: int | None = None

    def renamed(self, name: str) -> Candidate:
        """The same candidate under the page's own spelling of its name."""
        return self if name == self.name else replace(self, name=name)


def candidates(names: list[str], rule: str, evidence: str, start: int | None = None, end: int | None = None) -> list[Candidate]:
    """The names read from one piece of evidence by one rule."""
    evidence = evidence.strip()
    return [Candidate(n, rule, evidence, start, end) for n in names]


def unique(found: list[Candidate]) -> list[Candidate]:
    """The first candidate of each name, in order."""
    seen: dict[str, Candidate] = {}
    for c in found:
        seen.setdefault(c.name, c)
    return list(seen.values())
