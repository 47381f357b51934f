"""The extract stage's limits and thresholds, named once (as httpx keeps its defaults in one module)."""

from __future__ import annotations

# A page whose main text has fewer words is not treated as an article. Wire briefs run
# to ~80 words; navigation-only pages that trafilatura still extracts run to a handful.
MIN_ARTICLE_WORDS = 60
# trafilatura refuses larger trees itself; we pass the limit explicitly so it is visible.
MAX_TREE_SIZE = 60_000
# JSON-LD blocks larger than this are ignored (pages embed whole app states in script tags).
MAX_JSONLD_CHARS = 500_000
PARAGRAPH_SEPARATOR = "\n\n"
# trafilatura's date finder (htmldate) in its extensive mode reads the page's whole HTML for anything date-like when
# the metadata gives no date, falling back to dateparser (seconds on a first call): a guess where the page shows none.
# Off, a date comes from the page's metadata, its address, its date markup (<time>, abbr, date classes) or a date
# written in its visible text (bench/eval_dates.py measures both; docs/benchmarks.md).
EXTENSIVE_DATE_SEARCH = False

# A body split into parts: how far up from the last extracted paragraph its container may be, and
# how many parts of one kind a page may have before they look like a list of teasers instead.
CONTINUATION_DEPTH = 4
MAX_BODY_PARTS = 30

NAME_MARKUP_CHARS = 80  # author markup longer than this is a box with a bio, not a name
HEADLINE_BYLINE_CHARS = 400  # how far after the headline a byline line is looked for
DATE_LINE_CHARS = 80  # a line under the headline this short may be the article's date line ('Published March 4, 2021')
DATE_ABOVE_CHARS = 120  # how far above the headline a date alone on its line is looked for ('21.01.2022' over it)
DATE_LABEL_CHARS = 40  # a line this short may be a date's label alone ('Published:', then the date on the next line)
DATE_SIGNATURE_WORDS = 4  # a line of the text's last paragraph this short may be a signature's date ('10. September 2017')
DATELINE_WORDS = 8  # the head of a lead paragraph up to its dash this short may be its dateline ('Berlin, 25. Januar 2022 –')
MAX_AUTHOR_LINKS = 2  # more names linked to writers' pages than a byline holds: a list of staff
MIN_LETTER_WORDS = 15  # the paragraph before a signature is the letter's last, not a heading
