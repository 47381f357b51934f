"""Step 6 — the authors: byline grammars (grammar.py), reading names out of a byline (names.py), the places a
byline stands (sources.py), the decision between them (decide.py) and the page's own spelling (spelling.py)."""

from .decide import read_authors
from .names import CREDENTIALS, given_first, looks_like_name, split_authors

__all__ = ["CREDENTIALS", "given_first", "looks_like_name", "read_authors", "split_authors"]
