"""Declared rules: every pattern of the extract stage with an id, one line saying what it does, an example
it fires on and one it must not (STYLE.md, "Rules as declared data").

A pattern is declared where it is defined::

    BYLINE_LINE = declare("byline.by-line", "A line that is only a byline: 'By', the names, ...",
                          r"^(?:By|...)...", re.M,
                          fires_on=["By Ann Lee | March 3, 2020"], never_on=["By Jane Doe - The council met on Monday"])

``declare`` returns the compiled expression, so the code that applies it reads as before; the registry
(:data:`PATTERNS`) keeps the declaration, and one parametrised test (tests/test_extract_rules.py) runs every
``fires_on`` and ``never_on`` example the way the code applies the pattern (``use``: search, match or
fullmatch) and every pattern on hostile text (a 100,000-character word, 100,000 punctuation marks).

The steps that choose an author or a republication claim are rules too (:data:`STEPS`): each result
records the id of the rule that made it, so ``backstory check --explain`` can say why a card says what it
says.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

USES = ("search", "match", "fullmatch")  # (how the code applies a regular expression)


@dataclass(frozen=True)
class Pattern:
    """A declared pattern: a regular expression, or a function where no regular expression can be linear."""

    id: str
    doc: str
    regex: re.Pattern[str] | None
    fires_on: tuple[str, ...]
    never_on: tuple[str, ...]
    use: str = "search"
    function: Callable[[str], object] | None = None

    def fires(self, text: str) -> bool:
        """Whether the pattern fires on ``text``, applied as the code applies it."""
        if self.function is not None:
            return self.function(text) is not None
        return getattr(self.regex, self.use)(text) is not None


@dataclass(frozen=True)
class Step:
    """A declared step of a decision (a source of candidates, or a step that keeps or drops them)."""

    id: str
    doc: str


PATTERNS: dict[str, Pattern] = {}
STEPS: dict[str, Step] = {}
_ID_OF: dict[re.Pattern[str], str] = {}


def declare(rule_id: str, doc: str, regex: str | re.Pattern[str], flags: int = 0, *, fires_on: list[str] | tuple[str, ...],
            never_on: list[str] | tuple[str, ...], use: str = "search") -> re.Pattern[str]:
    """Compile and register a pattern; returns the compiled expression."""
    _check(rule_id, doc)
    if not fires_on or not never_on:
        raise ValueError(f"rule {rule_id!r} needs an example it fires on and one it must not")
    if use not in USES:
        raise ValueError(f"rule {rule_id!r}: use must be one of {', '.join(USES)}")
    compiled = regex if isinstance(regex, re.Pattern) else re.compile(regex, flags)
    PATTERNS[rule_id] = Pattern(rule_id, doc.strip(), compiled, tuple(fires_on), tuple(never_on), use)
    _ID_OF[compiled] = rule_id
    return compiled


def id_of(regex: re.Pattern[str]) -> str:
    """The id a compiled pattern was declared with."""
    return _ID_OF[regex]


def declare_function(rule_id: str, doc: str, function: Callable[[str], object], *, fires_on: list[str] | tuple[str, ...],
                     never_on: list[str] | tuple[str, ...]) -> Callable[[str], object]:
    """Register a pattern written as a function (it fires when it returns something other than None)."""
    _check(rule_id, doc)
    if not fires_on or not never_on:
        raise ValueError(f"rule {rule_id!r} needs an example it fires on and one it must not")
    PATTERNS[rule_id] = Pattern(rule_id, doc.strip(), None, tuple(fires_on), tuple(never_on), "function", function)
    return function


def _check(rule_id: str, doc: str) -> None:
    if rule_id in PATTERNS or rule_id in STEPS:
        raise ValueError(f"rule {rule_id!r} is declared twice")
    if not doc.strip() or "\n" in doc.strip():
        raise ValueError(f"rule {rule_id!r} needs a one-line doc")


def step(rule_id: str, doc: str) -> str:
    """Register a decision step; returns its id (what a result records as its ``rule``)."""
    _check(rule_id, doc)
    STEPS[rule_id] = Step(rule_id, doc.strip())
    return rule_id


def describe(rule_id: str) -> str:
    """The one-line doc of a rule, or '' for an unknown id."""
    rule = PATTERNS.get(rule_id) or STEPS.get(rule_id)
    return rule.doc if rule else ""
