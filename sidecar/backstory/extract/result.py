"""What the extract stage hands on: :class:`Extracted`."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Extracted:
    """What the extract stage found on one page."""

    url: str
    text: str = ""
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    title: str | None = None
    published: str | None = None
    language: str | None = None
    site_name: str | None = None
    site_name_source: str | None = None
    publisher: str | None = None
    canonical_url: str | None = None
    authors: list[tuple[str, str]] = field(default_factory=list)  # (name, source)
    is_article: bool = False
    not_article_reason: str | None = None
    og_type: str | None = None
    # page chrome outside the main text, kept for syndication signals: (text, href) pairs
    chrome_text: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)
    jsonld: list[dict] = field(default_factory=list)

    @property
    def paragraph_texts(self) -> list[str]:
        """The main text's paragraphs, as strings."""
        return [self.text[s:e] for s, e in self.paragraphs]

    @property
    def word_count(self) -> int:
        """Number of words in the main text."""
        return len(self.text.split())
