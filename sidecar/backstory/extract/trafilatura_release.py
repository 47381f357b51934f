"""The trafilatura release whose steps the extract stage reproduces (page_measure, raw_prunes, tree_preparation,
markup_author), and the one piece of its expressions' semantics they all share.

Each reproduction was read against this release's code and checked against its output; another release keeps
trafilatura's own steps until someone reads them again and moves the number.
"""

from __future__ import annotations

import re

CHECKED_RELEASE = "2.3.1"


def is_checked() -> bool:
    """Whether the installed trafilatura is the release the reproductions were checked against."""
    import trafilatura

    return trafilatura.__version__ == CHECKED_RELEASE


def re_test(pattern: re.Pattern[str], value: str | None) -> bool:
    """EXSLT's re:test(@attr, pattern) as lxml runs it: a missing attribute is tested as the empty string, which the
    patterns reproduced here never match (each module's test holds that)."""
    return value is not None and pattern.search(value) is not None
