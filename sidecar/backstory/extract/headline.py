"""Where the article's headline stands in the page's visible text, and the text just above and under it (where a
dateline, a byline and its date stand): read by the date (date.py) and by the authors (authors/sources.py)."""

from __future__ import annotations

import re

from . import limits
from .limits import HEADLINE_BYLINE_CHARS
from .result import Extracted


def _whole_lines(heading: str, text: str) -> list[tuple[int, int]]:
    """The spans of the text where the heading fills whole lines (its words may break across two lines)."""
    words = r"[ \n]".join(re.escape(word) for word in heading.split(" "))
    return [m.span() for m in re.finditer(rf"(?m)^{words}$", text)]


def headline_windows(ex: Extracted, *, tab_title: bool = True, h1: str | None = None) -> list[tuple[str, str]]:
    """(the lines just above, the text just under) each place the article's headline stands in the page's visible
    text: first every place it fills whole lines (the <h1> the reader sees, not the browser tab's <title>, which adds
    the site's name and comes first; a kicker and its headline may stand on two lines: 'Ernährung sichern' / 'Schulze:
    …'), then its first occurrence anywhere; then the lines the page's only <h1> fills, where the title is another
    wording (the sharing title: 'Windpark Steinheim' over the page's 'Geldanlage: Windpark Steinheim')."""
    text, headline = ex.chrome_text, ex.title
    spans = []
    if headline:
        spans = _whole_lines(headline, text)
        first = text.find(headline)
        if first >= 0 and first not in (start for start, _ in spans):
            spans.append((first, first + len(headline)))
        # (the page's first line is the tab's <title>: under it stand the site's masthead and its menus, with today's
        # date 'Thursday, November 9th 2023'; read only when the headline stands nowhere else)
        if len(spans) > 1 or not tab_title:
            spans = [span for span in spans if span[0] != 0]
    if h1 and h1 != headline:
        spans += [span for span in _whole_lines(h1, text) if span not in spans and span[0] != 0]
    return [(text[max(0, start - limits.DATE_ABOVE_CHARS): start], text[end: end + HEADLINE_BYLINE_CHARS])
            for start, end in spans]
