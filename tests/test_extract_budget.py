"""The extract stage under hostile pages: it checks the analysis's time budget inside its long loops (issue 24 item 3),
and a 100,000-character word or 100,000 punctuation marks in a page's byline, title or text do not stall it."""

from __future__ import annotations

import time

import pytest

from backstory import budget
from backstory.errors import BudgetExceeded
from backstory.extract import extract, split_authors

_HANG_GUARD_S = 60.0  # (the slowest of these pages takes about a second here; a quadratic pattern took minutes)
_BODY = "".join(f"<p>Paragraph {i} of the article body carries enough words to be read as the main text of a news story.</p>"
                for i in range(12))


def test_a_spent_budget_stops_the_stage_while_it_runs():
    page = f"<html><head><title>A headline</title></head><body><article><h1>A headline</h1>{_BODY}</article></body></html>"
    with budget.limit(0.0), pytest.raises(BudgetExceeded, match="during extract: "):
        extract("https://example.com/news/2024/story", page, max_chars=10**7)
    # outside a budget nothing is checked
    assert extract("https://example.com/news/2024/story", page, max_chars=10**7).is_article


def test_long_loops_check_the_budget(monkeypatch):
    """A byline of 100,000 names is read in a loop that checks the budget as it goes, so a spent budget stops it there."""
    calls = []
    monkeypatch.setattr(budget, "check", lambda where: calls.append(where))
    split_authors("By " + ", ".join(["Ann Lee"] * 100_000))
    assert calls.count("extract: reading a byline's names") >= 100_000 // 256


_WORD = "a" * 100_000
_PUNCT = "," * 100_000


@pytest.mark.parametrize("where", ["title", "byline", "text", "meta"])
@pytest.mark.parametrize("filler", [_WORD, _PUNCT, "A" * 100_000, "von Ann " * 12_500, ". " * 50_000, "– " * 50_000],
                         ids=["word", "commas", "capitals", "von-names", "dots", "dashes"])
def test_hostile_filler_does_not_stall_the_stage(where, filler):
    parts = {"title": "", "byline": "", "text": "", "meta": ""}
    parts[where] = filler
    page = (f"<html><head><title>Headline {parts['title']}</title><meta name='author' content='{parts['meta']}'></head><body>"
            f"<p>By {parts['byline']}</p><article><h1>Headline {parts['title']}</h1>{_BODY}<p>{parts['text']}</p>"
            f"<p>– {parts['text']}</p></article></body></html>")
    started = time.perf_counter()
    ex = extract("https://example.com/news/2024/story", page, max_chars=10**7)
    assert time.perf_counter() - started < _HANG_GUARD_S
    assert ex.is_article and ex.authors == []  # (no 'name' of 100,000 letters)
