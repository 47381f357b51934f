"""Declared rules: each with an id, one line saying what it does, sentences it fires on and sentences it
must not fire on. The rule families (``rules/``), the role strategies (``roles.py``) and the name
recovery steps declare themselves here; ``tests/people/test_rules_declared.py`` runs every example.

An example is a short article: paragraphs separated by a blank line. A rule *fires* on it when some
quote, role or unnamed-sourcing sentence the stage finds there records the rule's id.
"""

from __future__ import annotations

from dataclasses import dataclass

RULES: dict[str, Rule] = {}


@dataclass(frozen=True)
class Rule:
    """One declared rule."""

    id: str  # family.name, e.g. 'direct.cue_after'
    doc: str
    fires_on: tuple[str, ...]
    never_on: tuple[str, ...] = ()

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]


def rule(id: str, doc: str, *, fires_on: tuple[str, ...] | list[str], never_on: tuple[str, ...] | list[str] = ()) -> str:
    """Declare a rule (once) and return its id, which the code that applies it records as provenance."""
    if id in RULES:
        raise ValueError(f"rule {id!r} is declared twice")
    if "." not in id or not doc.strip() or "\n" in doc.strip() or not fires_on:
        raise ValueError(f"rule {id!r} needs a 'family.name' id, a one-line doc and at least one fires_on example")
    RULES[id] = Rule(id, doc.strip(), tuple(fires_on), tuple(never_on))
    return id
