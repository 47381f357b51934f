"""Stage 1 — extract: from decoded HTML to the article's text and metadata.

trafilatura finds the main text, title, date and its own guess at the author; the page's JSON-LD, meta tags and
byline markup are read here as well, as fallbacks and as evidence of where a name came from. Only already-decoded
text reaches trafilatura: its bytes path decompresses gzip/zstd/brotli without a size cap.

The package reads as its steps, each a module:

1. ``page``      — reject what cannot be a page, repair and parse it once, read its visible text and links;
2. ``metadata``  — JSON-LD objects and <meta> tags, the site's name and publisher;
3. ``body``      — the main text, its language, whether the page is an article; ``furniture`` marks the page's
   menus, related and trending boxes, newsletter prompts and comment areas, which are never main text or title;
4. ``title``     — the headline as the page shows it;
5. ``date``      — when it was published;
6. ``authors``   — byline grammars, the places a byline stands, the decision between them.

trafilatura is run as it is, with four of its steps done for less and the same result (each checked against
trafilatura's own by its test, on every fixture and gold page, and only for the release it was read against):
``page_measure`` (its measure of the whole page's text), ``raw_prunes`` (its first prunes), ``tree_preparation``
(no backup copy in fast mode) and ``markup_author`` (its author finder, without copying the page); the release they
were read against is ``trafilatura_release.CHECKED_RELEASE``.

What to look for is data: ``selectors`` (meta names, class words), ``authors.grammar`` (byline grammars),
``limits`` (thresholds) and the lexicon's ``extract-*.toml`` word lists; every pattern is declared in ``rules``
with an example it fires on and one it must not.
"""

from __future__ import annotations

import trafilatura  # noqa: F401 - (tests reach trafilatura through this module: backstory.extract.trafilatura)

from .authors import CREDENTIALS, given_first, looks_like_name, split_authors
from .core import extract, warm_up
from .page import clean_input, trafilatura_config
from .result import Extracted
from .text import normalise_space

# (the benches' name for it)
_trafilatura_config = trafilatura_config

__all__ = ["CREDENTIALS", "Extracted", "clean_input", "extract", "given_first", "looks_like_name", "normalise_space",
           "split_authors", "warm_up"]
