"""What the extract stage hands on: :class:`Extracted`."""

from __future__ import annotations

from dataclasses import dataclass, field


class Author(tuple):
    """An author of the page: the pair (name, source) it always was (so ``name, source = author`` and comparisons
    with plain pairs still hold), with its provenance as attributes: ``rule``, the id of the declared rule that
    read the name; ``decided_by``, the decision step that chose it; ``evidence``, what it was read from
    ({"text", "start", "end"}, the offsets into the article's text when it stands there)."""

    rule: str | None
    decided_by: str | None
    evidence: dict | None

    def __new__(cls, name: str, source: str, rule: str | None = None, decided_by: str | None = None,
                evidence: dict | None = None) -> "Author":
        self = super().__new__(cls, (name, source))
        self.rule, self.decided_by, self.evidence = rule, decided_by, evidence
        return self

    @property
    def name(self) -> str:
        return self[0]

    @property
    def source(self) -> str:
        return self[1]

    def provenance(self) -> dict:
        """What the cards document carries for it: rule, decided_by, evidence."""
        return {"rule": self.rule, "decided_by": self.decided_by, "evidence": self.evidence}


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
    authors: list[Author] = field(default_factory=list)  # (name, source) pairs, with their provenance
    # the organisation the page credits when it names no person ('JIJI'): {name, kind, rule, decided_by, evidence}
    credited_to: dict | None = None
    is_article: bool = False
    not_article_reason: str | None = None
    og_type: str | None = None
    # page chrome outside the main text, kept for syndication signals: (text, href) pairs
    chrome_text: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)
    jsonld: list[dict] = field(default_factory=list)
    # what the page says about a first publication elsewhere (extract.syndication.Signal), None when not read
    signals: list | None = None

    @property
    def paragraph_texts(self) -> list[str]:
        """The main text's paragraphs, as strings."""
        return [self.text[s:e] for s, e in self.paragraphs]

    @property
    def word_count(self) -> int:
        """Number of words in the main text."""
        return len(self.text.split())
