"""Step 5 — the date: when the article was published, as trafilatura's date finder (htmldate) reads it."""

from __future__ import annotations


def published(found: dict) -> str | None:
    """The publication date (YYYY-MM-DD) of trafilatura's reading, or None."""
    return found.get("date") or None
