"""trafilatura's preparation of a page for extraction, without the copy its fast mode never reads.

trafilatura prepares a page by copying and cleaning it, then copies the cleaned page once more before converting its
tags (``core._prepare_tree``): that second copy is kept for the comparison with its fallback extractors and for a
forum's comments, and is read by nothing else. The extract stage runs trafilatura in fast mode (no fallback
extractors) and without comments, so the copy is made and thrown away, a page's worth of work each time.

:func:`prepare_tree` makes the same cleaned, converted page and no backup when the options say fast mode without
comments, and leaves any other call to trafilatura's own. :func:`install` puts it where trafilatura's extraction looks
it up, only for the release it was read against. tests/test_tree_preparation.py checks that trafilatura extracts the
same text with it on every fixture and gold page.
"""

from __future__ import annotations

import functools

from trafilatura import core

from .trafilatura_release import CHECKED_RELEASE, is_checked

__all__ = ["CHECKED_RELEASE", "install", "prepare_tree"]
_ORIGINAL: list = []


def prepare_tree(tree, options, url):
    """trafilatura.core._prepare_tree: (the cleaned and converted copy of the page, the backup), the backup None where
    nothing will read it (fast mode, no comments)."""
    if not options.fast or options.comments:
        return _ORIGINAL[0](tree, options, url)
    return core.convert_tags(core.tree_cleaning(core.copy(tree), options), options, url), None


@functools.cache
def install() -> bool:
    """Put prepare_tree where trafilatura.core looks it up (once per process); False for another release."""
    if not is_checked() or not callable(getattr(core, "_prepare_tree", None)):
        return False
    _ORIGINAL.append(core._prepare_tree)  # noqa: SLF001
    core._prepare_tree = prepare_tree  # noqa: SLF001
    return True
