"""Quotation runs in the text: which quoted passages are quotes (not scare quotes or titles), quotations
left open across paragraphs, and small helpers over sorted character spans."""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Iterable

from .words import IRREGULAR_CUE_FORMS, MIN_QUOTE_WORDS, QUOTE_CUES, TITLE_SMALL_WORDS

# (a curly opening mark closed by a straight one, '“The end of the year is popular," X said', is a slip
# some sites make; it is read as a pair only when no curly mark comes between)
# (the last: a straight mark closed by an opening curly one, a typo the mark's place gives away: 'decision.“ However')
# (a straight opening mark is closed by the first closing mark, straight or curly: '"This is …,” said Paul Lindsay. "Some …"'
# holds two quotations, not one from the first mark to the third; a curly pair may stand inside a straight one)
QUOTE_RE = re.compile(r'“[^“”]{3,}?”|“[^“”"\n]{3,}?"|«[^«»]{3,}?»|„[^„“”]{3,}?[“”]|"(?:[^"“”\n]|“[^“”"\n]*”){3,}?"|"[^"“”\n]{3,}?”'
                      r'|"[^"“”\n]{3,}?(?<=\S)“(?=\s|$)')


def inflections(lemmas: frozenset[str]) -> set[str]:
    """'say' -> say, says, said; 'deny' -> denies, denied: the usual forms of attribution verbs."""
    forms = set(IRREGULAR_CUE_FORMS)
    for w in lemmas:
        forms |= {w, w + "s", w + "ed", w + "d"} if not w.endswith("y") or w[-2:-1] in "aeiou" else {w, w[:-1] + "ies", w[:-1] + "ied"}
        if w.endswith(("sh", "ch", "x", "s")):
            forms.add(w + "es")
    return forms


# what follows a short quotation that is a quote, not a scare quote: its attribution ('“Amazing,” Davis
# said', '“No!” she shouted', '“Why?” asked Ms Lee')
ATTRIBUTION_AFTER = re.compile(
    r"\s*(?:(?:he|she|I|we|they|[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})\s+(?:\w+ly\s+)?(?:VERBS)|(?:VERBS)\s+(?:[A-Z]|the\b|a\b|an\b))\b"
    .replace("VERBS", "|".join(sorted(inflections(QUOTE_CUES), key=len, reverse=True))))
# what comes before a short quotation that is a quote: the attribution of the one just before it
# ('“We know there is no capacity problem,” he said. “Something odd happened.”')
ATTRIBUTION_BEFORE = re.compile(
    r"[”\"],?\s+(?:he|she|they|[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2})\s+(?:VERBS)\.\s*$"
    .replace("VERBS", "said|says|added|adds|explained|explains|continued|told|wrote"))
# a straight-quoted attribution inside a curly quotation: ',” he said, “' typed as '," he said, "'
STRAIGHT_INTERRUPTION = re.compile(rf'[,.!?]"{ATTRIBUTION_AFTER.pattern}[^"“”\n]{{0,40}}?,\s*"')


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans (inside the marks) of quoted passages long enough to be quotes, or shorter
    ones closed by a comma, '!' or '?' and followed by their attribution ('“Amazing,” Davis said')."""
    spans = []
    for m in QUOTE_RE.finditer(text):
        inner_start, inner_end = m.start() + 1, m.end() - 1
        cut = STRAIGHT_INTERRUPTION.search(text, inner_start, inner_end) if m.group(0)[0] == "“" else None
        if cut is not None:
            # '“When all the evidence …," he said, "maybe you’ll …”': the page closed and reopened the
            # quotation with straight marks around its attribution; two spans, the attribution outside
            spans += [(inner_start, cut.start() + 1), (cut.end(), inner_end)]
            continue
        words = text[inner_start:inner_end].split()
        if len(words) >= MIN_QUOTE_WORDS and not is_title(words) or words and (
                text[inner_start:inner_end].rstrip()[-1:] in {",", "!", "?"} and ATTRIBUTION_AFTER.match(text, m.end())
                or len(words) >= 2 and ATTRIBUTION_BEFORE.search(text, max(0, m.start() - 60), m.start())):
            spans.append((inner_start, inner_end))
    return spans


def leaves_quote_open(para: str) -> bool:
    """Whether a paragraph opens a quotation it does not close: more '“' than '”' and straight marks can
    close (a '“…"' pair is closed), or an odd number of straight marks and no curly ones open."""
    opened = para.count("“") - para.count("”")
    straight = para.count('"')
    if opened > 0:
        return opened > straight
    return straight % 2 == 1


def with_open_paragraph_quotes(text: str, spans: list[tuple[int, int]],
                               paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The quotations a paragraph leaves open, the way British papers run a quote over paragraphs
    ('Judge Ford said: "There was …' / '"You knew …' / '"When you left …"'): from the unclosed mark to the
    paragraph's end, as long as they are long enough to be quotes."""
    extra = []
    for start, end in paragraphs:
        para = text[start:end]
        if not leaves_quote_open(para):
            continue
        mark = max(para.rfind("“"), para.rfind('"') if para.count('"') % 2 == 1 else -1)
        lo, hi = start + mark + 1, start + len(para.rstrip())
        if mark < 0 or len(text[lo:hi].split()) < MIN_QUOTE_WORDS or any(s < hi and lo < e for s, e in spans):
            continue
        extra.append((lo, hi))
    return sorted(spans + extra)


OPENS_AFTER_CUE = re.compile(r"\s*,\s*(?:but|and)\s*")
# a reported clause's leading 'that' (its trailing spaces and punctuation are cut by _without_end: the
# pattern r"[\s,.;:]+$" tries each character of a run of them to the run's end, quadratic in the run)
CLAUSE_LEAD = re.compile(r"^(?:that\s+|[\s,]+)*")
_CLAUSE_END_MARKS = frozenset(",.;:")


def _without_end(text: str) -> str:
    """``text`` without the spaces (as ``\s`` reads them) and ',.;:' that end it."""
    end = len(text)
    while end and (text[end - 1] in _CLAUSE_END_MARKS or text[end - 1].isspace()):
        end -= 1
    return text[:end]


def opens_after_cue(between: str) -> bool:
    """'she said “that was the last time …”', 'Bell asked last week “Why has this …?”': a quotation right after
    its verb with no colon or comma, at most a few words of time between."""
    if OPENS_AFTER_CUE.fullmatch(between):
        return True  # 'Levy said, but “I want to emphasize …”'
    words = between.split()
    return len(words) <= 2 and all(w.isalpha() and w.islower() for w in words) and not between.rstrip().endswith(("”", '"'))


def is_title(words: list[str]) -> bool:
    """'Takin’ It To the Streets', 'The Scholars of Night': every word capitalised but the small ones and
    no sentence end, the way songs, books and films are named; not something said."""
    if words[-1][-1:] in ".!?" or words[-1].endswith((".,", ".”")):
        return False
    return all(w[:1].isupper() or not w[:1].isalpha() or w.lower() in TITLE_SMALL_WORDS for w in words)


def trim_clause(text: str, lo: int, hi: int) -> tuple[int, str]:
    """A reported clause without its leading 'that' and trailing punctuation: (new start, text)."""
    raw = _without_end(text[lo:hi])
    lead = CLAUSE_LEAD.match(raw)
    skip = lead.end() if lead else 0
    return lo + skip, raw[skip:]


def overlapping(spans: list[tuple[int, int]], lo: int, hi: int) -> list[tuple[int, int]]:
    """The spans (sorted, not overlapping) that share a character with ``lo``..``hi``; all of them when
    that range is empty or reversed (the caller's test then decides)."""
    if hi <= lo:
        return spans
    i = max(bisect.bisect_right(spans, (lo, math.inf)) - 1, 0)
    j = bisect.bisect_left(spans, (hi, -math.inf))
    return spans[i:j]


def inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` falls in one of ``spans`` (sorted, not overlapping)."""
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


class Taken:
    """Spans that may overlap (the quotes already given to someone), asked 'does one hold this offset'
    and 'does one share a character with this range' by bisection: a page may have thousands."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.reach = list(itertools.accumulate((e for _, e in ordered), max))  # (the furthest end so far)

    def holds(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and self.reach[i] > pos

    def meets(self, lo: int, hi: int) -> bool:
        """Whether a span starts before ``hi`` and ends after ``lo``."""
        j = bisect.bisect_left(self.starts, hi)
        return j > 0 and self.reach[j - 1] > lo
