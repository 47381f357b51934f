"""Every declared rule of the extract stage (backstory.extract.rules): each pattern fires on its examples and on
none of its counter-examples, applied as the code applies it; and every pattern stays linear on hostile text."""

from __future__ import annotations

import time

import pytest

import backstory.extract  # noqa: F401 - (importing the stage declares its rules)
from backstory.extract.rules import PATTERNS, STEPS, declare, step

_CASES = [(rule.id, text, True) for rule in PATTERNS.values() for text in rule.fires_on] + \
         [(rule.id, text, False) for rule in PATTERNS.values() for text in rule.never_on]


@pytest.mark.parametrize(("rule_id", "text", "fires"), _CASES, ids=[f"{r}:{'fires' if f else 'never'}:{t[:30]}" for r, t, f in _CASES])
def test_declared_examples(rule_id, text, fires):
    rule = PATTERNS[rule_id]
    assert rule.fires(text) is fires, f"{rule_id} ({rule.doc}) {'should fire' if fires else 'fired'} on {text!r}"


def test_every_rule_has_a_doc_and_both_kinds_of_example():
    assert len(PATTERNS) >= 60
    for rule in PATTERNS.values():
        assert rule.doc and rule.fires_on and rule.never_on, rule.id
    for s in STEPS.values():
        assert s.doc, s.id


def test_a_rule_is_declared_once_and_with_examples():
    with pytest.raises(ValueError, match="twice"):
        declare(next(iter(PATTERNS)), "doc", r"x", fires_on=["x"], never_on=["y"])
    with pytest.raises(ValueError, match="example"):
        declare("test.no-examples", "doc", r"x", fires_on=["x"], never_on=[])
    with pytest.raises(ValueError, match="one-line doc"):
        step("test.no-doc", " ")


# Hostile text: a 100,000-character word and 100,000 repeated punctuation marks (issue 24, item 3), and runs of the
# units bylines are built of. Text reaching the patterns is whitespace-normalised (one space between words), so runs
# of spaces are not among them.
_N = 100_000
_UNITS = ["a", "A", "Aa", "É", "1", *".,-|/:;'\"()@…—–•·&!?#*=+<>[]{}\\~%$_",
          ". ", ", ", " -", "A ", "Ab ", "By ", "by Ann ", "Ann Lee, ", "Ann Lee and ", "A.", "A. ", "a\n", "A\n",
          "Ann Lee | By ", "| ", "A/", "a@", "3 March 2020 ", "...", ", and ", "von Ann ", "Ann de ", "by Ann de Ann ",
          "Posted by Ann ", "Author\nAnn Lee\n", "By\nAnn Lee\n", "© 2020 A", "-- by Ann ", "a.b", "Ann; ",
          "Official Site Of ", "www.", "(c) 2020 ", "Von Ann Lee ", "par Ann ", "by Ann von Ann "]
_HOSTILE = [(u * (_N // len(u) + 1))[:_N] for u in _UNITS]
_HANG_GUARD_S = 10.0  # (a linear pattern takes milliseconds here; the quadratic ones took from one second to a minute)


def _apply(rule, text):
    if rule.function is not None:
        return rule.function(text)
    if rule.use == "search":
        return sum(1 for _ in rule.regex.finditer(text))
    return getattr(rule.regex, rule.use)(text)


@pytest.mark.parametrize("rule_id", sorted(PATTERNS))
def test_linear_on_hostile_text(rule_id):
    rule = PATTERNS[rule_id]
    for unit, text in zip(_UNITS, _HOSTILE):
        started = time.perf_counter()
        _apply(rule, text)
        took = time.perf_counter() - started
        assert took < _HANG_GUARD_S, f"{rule_id} took {took:.1f} s on {unit!r} repeated to {_N:,} characters"


def test_name_twice_finds_what_the_backreference_found():
    """name_twice replaces the quadratic '^(.+?)\\s*\\1$': the same answer on every short string of a few letters."""
    import itertools
    import re

    from backstory.extract.authors.names import name_twice

    regex = re.compile(r"^(.+?)\s*\1$")
    for n in range(0, 8):
        for chars in itertools.product("ab \n", repeat=n):
            text = "".join(chars)
            m = regex.match(text)
            assert name_twice(text) == (m[1] if m else None), repr(text)


def test_name_twice_is_linear_on_a_million_character_word():
    # (the backreference took about 1 s at 100,000 characters and grew with the square of the length)
    from backstory.extract.authors.names import name_twice

    for text in ("a" * 1_000_000, "Ab" * 500_000, "Ann Lee " * 125_000):
        started = time.perf_counter()
        name_twice(text)
        assert time.perf_counter() - started < _HANG_GUARD_S
