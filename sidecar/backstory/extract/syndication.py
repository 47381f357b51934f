"""Step 7 — syndication signals: what the page itself says about a piece first published elsewhere ('This article
was originally published on InfoBrics.', 'The original source of this article is …', a copyright line naming another
outlet). Each signal names the outlet as the page writes it, with the declared rule that read it and the text; the
outlet stage (outlet.detect_syndication) decides whether they name another outlet than the page's own."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import budget
from .rules import declare, id_of
from .text import normalise_space

if TYPE_CHECKING:
    from .result import Extracted

# the outlet's name as written, and where it ends
_NAME = r"(?P<name>[A-Z0-9][\w.&'’\- ]{1,80}?)"
_END = r"(?=[ \t]*\n|\s*(?:[.,;:!)\]|]|$|\s+(?:on|in)\s+(?:\w+\s+)?\d|\s+(?:under|and is|with permission|and has been|and was)\b))"

# Phrases that say the piece first ran elsewhere. Each captures the outlet's name as written.
SYNDICATION_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("originally_published", declare(
        "syndication.originally-published", "'… was originally (first) published (posted, printed) on/at/in/by <outlet>'.",
        # (the piece is the subject: 'was', 'is' or 'were' before, or the phrase opens its sentence or line; not 'Cases of
        # the virus first appeared in West Michigan', 'It first appeared in 2014')
        rf"(?:\b(?:was|were|is|has\s+been|(?:article|story|piece|post|column|report|op-ed|essay|commentary|interview|version|feature))\s+"
        rf"|(?:^|(?<=[.!?:(\n]))\s*)(?:originally|first)\s+(?:published|posted|appeared|ran|printed)\s+"
        rf"(?:on|at|in|by)\s+(?-i:the\s+)?{_NAME}{_END}", re.I | re.M,
        fires_on=["This article was originally published on InfoBrics.", "Originally published at Strategic Culture Foundation on 3 May 2024.",
                  "This post originally appeared on Grist.", "The piece was first published in The Atlantic."],
        never_on=["The report was published on Monday.", "It was originally planned for May.",
                  "Cases of the virus first appeared in West Michigan at the end of August."])),
    ("first_appeared", declare(
        "syndication.first-appeared", "'This article (story, piece, column) first appeared on/in <outlet>'.",
        rf"\b(?:article|story|piece|post|op-ed|column)\s+first\s+appeared\s+(?:on|in|at)\s+(?-i:the\s+)?{_NAME}{_END}", re.I,
        fires_on=["This article first appeared in The Conversation."], never_on=["The senator first appeared in court on Monday."])),
    ("republished_from", declare(
        "syndication.republished-from", "'Republished (reprinted, reposted, cross-posted) with permission from <outlet>'.",
        rf"\b(?:republished|reprinted|reposted|cross-posted)\s+(?:with\s+permission\s+)?(?:from|by)\s+(?-i:the\s+)?{_NAME}{_END}", re.I,
        fires_on=["Republished with permission from Kaiser Health News."], never_on=["The report was republished on Monday."])),
    ("original_source_footer", declare(
        "syndication.original-source-footer", "'The original source of this article is <outlet>' (Global Research's footer).",
        rf"\bThe original source of this article is\s+(?-i:the\s+)?{_NAME}{_END}", re.I,
        fires_on=["The original source of this article is InfoBrics"], never_on=["The original source of the quote is unclear."])),
)
# "Copyright © Lucas Leiroz, InfoBrics, 2025": an author, then an outlet, then a year.
COPYRIGHT_FOOTER = declare(
    "syndication.copyright-footer", "'Copyright © <author>, <outlet>, <year>': the outlet a republished piece's copyright stays with.",
    r"Copyright\s*(?:©|\(c\))\s*(?P<author>[^,©]{3,60}),\s*(?P<name>[^,©]{2,60}),\s*(?:19|20)\d\d", re.I,
    fires_on=["Copyright © Lucas Leiroz, InfoBrics, 2025"], never_on=["Copyright © 2025 Global Research"])


@dataclass(frozen=True)
class Signal:
    """One thing the page says about a first publication elsewhere: the outlet's name as written, the text that says
    it, offsets into the article's text when it stands there (None in the page's chrome), and the rule that read it."""

    kind: str
    rule: str
    name: str
    text: str
    start: int | None = None
    end: int | None = None


    @property
    def in_text(self) -> bool:
        """Whether it stands in the article's main text (else in the page around it)."""
        return self.start is not None


def signals(ex: Extracted) -> list[Signal]:
    """Every syndication signal of the page's own text, in the order the rules are declared: each phrase in the main
    text (with its sentence), then in the page's visible text around it; then the copyright lines."""
    found: list[Signal] = []
    for kind, pattern in SYNDICATION_PATTERNS:
        budget.check("extract: syndication signals")
        for m in pattern.finditer(ex.text):
            s, e = sentence_bounds(ex.text, m.start(), m.end())
            found.append(Signal(kind, id_of(pattern), m["name"], ex.text[s:e], s, e))
        for m in pattern.finditer(ex.chrome_text):
            found.append(Signal(kind, id_of(pattern), m["name"], normalise_space(m.group(0))))
    for m in COPYRIGHT_FOOTER.finditer(ex.chrome_text):
        found.append(Signal("copyright_footer", id_of(COPYRIGHT_FOOTER), m["name"], normalise_space(m.group(0))))
    return found


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (within its paragraph) around a match."""
    left = max(text.rfind("\n", 0, start), max(text.rfind(". ", 0, start), text.rfind("? ", 0, start)) + 1)
    left = left + 1 if left >= 0 and text[left : left + 1] in {"\n", " "} else max(left, 0)
    right_candidates = [i for i in (text.find("\n", end), text.find(". ", end)) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    if right < len(text) and text[right] == ".":
        right += 1
    return left, right
