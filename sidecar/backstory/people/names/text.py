"""Finding a name in the article's text as a whole word, without one scan of the text per name.

The registry asks, for each person, where else their name stands in the text, with no word character or
hyphen on either side (the pattern ``(?<![\\w-])NAME(?![\\w-])``). Asked once per person with a regular
expression, that is one pass over the text per person: on a page of thousands of names, millions of
steps. :class:`WordRuns` reads the text's runs of word characters and hyphens once; a name can only stand
where its first run stands, so only those places are checked, and the answers are the pattern's own
(non-overlapping, left to right, case-insensitively when asked, as ``re.I`` compares)."""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterator

RUN = re.compile(r"[\w-]+")  # (the characters the boundaries of a name exclude: word characters and '-')


def fold(text: str) -> str:
    """A key under which every pair of strings that ``re.IGNORECASE`` takes for equal is equal: casefolded,
    with the two Turkish i's that ``re`` pairs with 'i' ('İ', whose simple lower case is 'i', and the dotless
    'ı') made 'i' (the key may equate more; the pattern checks each place it proposes)."""
    return text.replace("İ", "i").casefold().replace("ı", "i")


class WordRuns:
    """Where each run of word characters and hyphens starts in one text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words = frozenset(RUN.findall(text))
        self._exact: dict[str, list[int]] | None = None  # (where each run starts: read when first asked)
        self._folded: dict[str, list[int]] | None = None

    @classmethod
    @functools.lru_cache(maxsize=4)
    def of(cls, text: str) -> WordRuns:
        return cls(text)

    def _starts(self, run: str, ignore_case: bool) -> list[int]:
        if self._exact is None:
            self._exact = defaultdict(list)
            for m in RUN.finditer(self.text):
                self._exact[m.group()].append(m.start())
        if not ignore_case:
            return self._exact.get(run, [])
        if self._folded is None:
            folded: dict[str, list[int]] = defaultdict(list)
            for key, starts in self._exact.items():
                folded[fold(key)].extend(starts)
            self._folded = {k: sorted(v) for k, v in folded.items()}
        return self._folded.get(fold(run), [])

    def occurrences(self, needle: str, *, ignore_case: bool = False) -> Iterator[tuple[int, int]]:
        """(start, end) of each place ``needle`` stands alone in the text: what
        ``re.finditer(rf"(?<![\\w-]){re.escape(needle)}(?![\\w-])", text, re.I if ignore_case else 0)`` finds."""
        pattern = re.compile(rf"(?<![\w-]){re.escape(needle)}(?![\w-])", re.I if ignore_case else 0) \
            if ignore_case else None
        first = RUN.search(needle)
        if first is None:  # (nothing to index by: scan)
            for m in re.finditer(rf"(?<![\w-]){re.escape(needle)}(?![\w-])", self.text, re.I if ignore_case else 0):
                yield m.start(), m.end()
            return
        # the needle's first run stands in the text exactly where the needle would, whole (the characters
        # around it in the needle are no word characters or hyphens, and the pattern's boundaries rule them
        # out around the needle)
        offset, size, reached = first.start(), len(needle), 0
        for run_start in self._starts(first.group(), ignore_case):
            start = run_start - offset
            if start < reached or start < 0:
                continue
            if pattern is not None:
                m = pattern.match(self.text, start)
                found = m is not None and m.start() == start
                end = m.end() if found else 0
            else:
                end = start + size
                found = self.text.startswith(needle, start) and self._alone(start, end)
            if found:
                reached = end
                yield start, end

    def _alone(self, start: int, end: int) -> bool:
        text = self.text
        return (start == 0 or not RUN.match(text, start - 1)) and (end >= len(text) or not RUN.match(text, end))

    def stands_alone(self, word: str) -> bool:
        """Whether ``word`` occurs in the text with no word character or hyphen on either side."""
        if RUN.fullmatch(word):
            return word in self.words
        return next(self.occurrences(word), None) is not None
