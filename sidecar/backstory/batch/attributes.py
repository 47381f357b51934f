"""A quicker match for the spaCy model's attribute ruler, with the same result, for the batch engines.

The small English model's ``attribute_ruler`` (179 rules: tag -> part of speech and morphology, a few lemma
and tag exceptions) runs spaCy's general Matcher over every token: 17 ms of the ~217 ms of CPU a batch
engine spends on an AEB page (8 %), more than the tagger and the lemmatizer together. Its rules are all one
or two tokens of plain attribute tests (``TAG``, ``LOWER``, ``DEP``, ``IS_SPACE``: equal to a value, ``IN``
or ``NOT_IN`` a list, or a ``REGEX``), so they can be looked up by the token's tag, lowercase form or
dependency label instead. Only the matching is replaced: the matches are given to the ruler's own
``set_annotations`` in the order its Matcher would give them (rule by rule: later rules win), so the
parse is the same, attribute for attribute (tests/test_batch_attributes.py compares whole documents).

A model whose rules use anything else (an operator, another attribute) keeps spaCy's Matcher.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

# the token attributes the quick match reads, as spaCy's Matcher reads them
_READ: dict[str, Callable[[Token], Any]] = {
    "TAG": lambda t: t.tag_,
    "LOWER": lambda t: t.lower_,
    "DEP": lambda t: t.dep_,
    "IS_SPACE": lambda t: t.is_space,
}
_STRING_ATTRS = ("TAG", "LOWER", "DEP")


def _test(attr: str, value: Any) -> Callable[[Any], bool] | None:
    """A test of one attribute's value as the Matcher makes it, or None when the Matcher does more than this."""
    if not isinstance(value, dict):
        if attr == "IS_SPACE" and isinstance(value, bool):
            return lambda v, want=value: v == want
        if attr in _STRING_ATTRS and isinstance(value, str):
            return lambda v, want=value: v == want
        return None
    if attr not in _STRING_ATTRS or len(value) != 1:
        return None
    (op, arg), = value.items()
    if op == "IN" and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
        return lambda v, s=frozenset(arg): v in s
    if op == "NOT_IN" and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
        return lambda v, s=frozenset(arg): v not in s
    if op == "REGEX" and isinstance(arg, str):
        return lambda v, rx=re.compile(arg): rx.search(v) is not None
    return None


class QuickMatch:
    """``ruler.match(doc)`` by lookup; built from the ruler's own patterns."""

    def __init__(self, ruler: Any) -> None:
        self.ruler = ruler
        # one entry per token pattern: (rule number, the match id the Matcher would give, tests per token)
        self.by_key: dict[tuple[str, Any], list[tuple[int, int, list[list[tuple[str, Callable]]]]]] = defaultdict(list)
        self.anywhere: list[tuple[int, int, list[list[tuple[str, Callable]]]]] = []
        strings = ruler.vocab.strings
        for number, rule in enumerate(ruler.patterns):
            match_id = strings.add(str(number))
            for pattern in rule["patterns"]:
                tests = []
                for token in pattern:
                    if not isinstance(token, dict) or not token or any(k not in _READ for k in token):
                        raise ValueError(f"rule {number}: not a plain attribute test: {token!r}")
                    checks = []
                    for attr, value in token.items():
                        check = _test(attr, value)
                        if check is None:
                            raise ValueError(f"rule {number}: {attr} {value!r} is not a plain attribute test")
                        checks.append((attr, check))
                    tests.append(checks)
                first = pattern[0]
                entry = (number, match_id, tests)
                # looked up by the first token's plain LOWER, TAG or DEP value (the most telling one), else tried everywhere
                key = next(((a, first[a]) for a in ("LOWER", "TAG", "DEP") if isinstance(first.get(a), str)), None)
                if key is None and isinstance(first.get("TAG"), dict) and set(first["TAG"]) == {"IN"}:
                    for tag in first["TAG"]["IN"]:
                        self.by_key[("TAG", tag)].append(entry)
                    continue
                if key is None:
                    self.anywhere.append(entry)
                else:
                    self.by_key[key].append(entry)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        found: set[tuple[int, int, int, int]] = set()
        by_key = self.by_key
        n = len(doc)
        for i, token in enumerate(doc):
            values = {"TAG": token.tag_, "LOWER": token.lower_, "DEP": token.dep_}
            candidates = (by_key.get(("LOWER", values["LOWER"]), ()), by_key.get(("TAG", values["TAG"]), ()),
                          by_key.get(("DEP", values["DEP"]), ()), self.anywhere)
            for group in candidates:
                for number, match_id, tests in group:
                    end = i + len(tests)
                    if end > n:
                        continue
                    if all(check(_READ[attr](doc[i + k])) for k, checks in enumerate(tests) for attr, check in checks):
                        found.add((number, match_id, i, end))
        return sorted(found)  # as AttributeRuler.match sorts: by rule, so that later rules win


def quicken_attribute_ruler(nlp: Language) -> bool:
    """Give ``nlp``'s attribute ruler the quick match; False (and spaCy's Matcher kept) when its rules need more."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    if isinstance(getattr(ruler, "match", None), QuickMatch):
        return True
    try:
        quick = QuickMatch(ruler)
    except (ValueError, KeyError, TypeError):
        return False
    ruler.match = quick
    return True
