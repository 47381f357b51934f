"""Helpers shared by the people stage's tests (tests/test_people_*.py)."""

from __future__ import annotations

import pytest

from backstory.nlp import load_model
from backstory.people import People, find_people
from backstory.settings import default_model


@pytest.fixture(scope="module")
def model():
    return load_model(default_model())


def paragraphs_of(*paragraphs: str) -> tuple[str, list[tuple[int, int]]]:
    """The text of paragraphs joined by blank lines, and each paragraph's span."""
    spans, pos = [], 0
    for p in paragraphs:
        spans.append((pos, pos + len(p)))
        pos += len(p) + 2
    return "\n\n".join(paragraphs), spans


def run(model, *paragraphs: str, authors=()) -> tuple[str, People]:
    text, spans = paragraphs_of(*paragraphs)
    return text, find_people(model, text, spans, list(authors))


def cited(result: People) -> dict:
    return {p.name: p for p in result.cited}


def fired(result: People) -> set[str]:
    """The ids of the rules that made something in ``result``: quotes, roles, unnamed sourcing."""
    out = {q.rule for p in result.cited for q in p.quotes} | {u.rule for u in result.unnamed}
    return out | {p.role_rule for p in result.cited if p.role_rule}
