"""A read-only view of one parsed article: its text, paragraphs, sentences and quotation runs."""

from __future__ import annotations

import bisect
import math
import re

from spacy.tokens import Doc, Span, Token

from .model import Span as TextSpan
from .quotation import overlapping, quote_spans, with_open_paragraph_quotes
from .syntax import sent


WORD = re.compile(r"\w")


class Context:
    """What every rule reads, computed once per article and never changed by the rules."""

    def __init__(self, doc: Doc, paragraphs: list[tuple[int, int]]) -> None:
        self.doc = doc
        self.paragraphs = paragraphs
        self.paragraph_starts = [start for start, _ in paragraphs]
        self.text = doc.text  # Doc.text joins every token on each access: read it once
        self.quotes = with_open_paragraph_quotes(self.text, quote_spans(self.text), paragraphs)
        self._only_quotes: dict[tuple[int, int], bool] = {}

    def paragraph_of(self, pos: int) -> int:
        """Index of the paragraph holding ``pos`` (its end included), or -1."""
        i = bisect.bisect_right(self.paragraph_starts, pos) - 1
        return i if i >= 0 and pos <= self.paragraphs[i][1] else -1

    def in_quote(self, pos: int) -> bool:
        """Whether ``pos`` falls inside a quotation (quotation.inside, inlined: asked for every word)."""
        i = bisect.bisect_right(self.quotes, (pos, math.inf)) - 1
        return i >= 0 and self.quotes[i][0] <= pos < self.quotes[i][1]

    def sent(self, tok: Token) -> Span:
        return sent(tok)

    def only_quotes(self, start: int, end: int) -> bool:
        """Whether a paragraph is nothing but quotation (a quote paragraph); worked out once per paragraph (a
        paragraph of thousands of quotations is asked about each of them)."""
        if (start, end) not in self._only_quotes:
            rest = self.text[start:end]
            for s, e in overlapping(self.quotes, start, end):
                if start <= s and e <= end:
                    rest = rest.replace(self.text[s:e], "", 1)
            self._only_quotes[start, end] = not WORD.search(rest)
        return self._only_quotes[start, end]

    def span(self, start: int, end: int) -> TextSpan:
        """The text between two offsets, as evidence."""
        return TextSpan(self.text[start:end], start, end)

    def evidence(self, *tokens: Token | None) -> TextSpan | None:
        """The stretch of text from the first to the last of ``tokens`` (a subject and its verb, 'according to'
        and its object), with the words right before the first that belong to it ('Jane Whitfield …', 'Some
        experts', 'political analyst Andrew Korybko')."""
        toks = [t for t in tokens if t is not None]
        if not toks:
            return None
        first, last = min(toks, key=lambda t: t.i), max(toks, key=lambda t: t.i)
        left = first.i
        while left > 0 and left > first.i - 8 and left <= self.doc[left - 1].head.i <= first.i \
                and not self.doc[left - 1].is_punct and not self.doc[left - 1].is_space and self.doc[left - 1].dep_ != "cc":
            left -= 1
        start, end = self.doc[left].idx, last.idx + len(last.text)
        return TextSpan(self.text[start:end], start, end)
