"""Declared rules: each with an id, one line saying what it does, sentences it fires on and sentences it
must not fire on. The rule families (``rules/``) and the role strategies (``roles.py``) declare
themselves here; ``tests/test_people_rules.py`` runs every example. (The name cleaning trims and refusals
and the registry's recovery steps, ``names/``, are named steps in a declared order, not rules: they record
no provenance and carry no examples.)

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
