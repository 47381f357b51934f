"""tree_preparation: trafilatura's preparation of a page without the backup copy its fast mode never reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from backstory.extract import page as stage
from backstory.extract import tree_preparation

_HERE = Path(__file__).parent
_PAGES = sorted((_HERE / "fixtures").glob("**/*.html")) + sorted((_HERE / "gold" / "pages").glob("*.html"))


def _extract(html: str, *, fast: bool = True, comments: bool = False):
    import trafilatura

    tree = stage.load_for_trafilatura(stage.clean_input(html, 10**8))
    if tree is None:
        return None
    options = trafilatura.settings.Extractor(config=stage.trafilatura_config(), output_format="python", fast=fast,
                                             comments=comments, tables=False)
    doc = trafilatura.bare_extraction(tree, options=options)
    return None if doc is None else (doc.text, doc.comments)


@pytest.fixture
def installed():
    from trafilatura import core

    stage.trafilatura_config()
    if core._prepare_tree is not tree_preparation.prepare_tree:  # noqa: SLF001
        pytest.skip("tree_preparation reproduces trafilatura " + tree_preparation.CHECKED_RELEASE)
    return core


@pytest.mark.parametrize("path", _PAGES, ids=lambda p: p.name)
def test_trafilatura_extracts_the_same_without_the_backup(path, installed, monkeypatch):
    html = path.read_text(encoding="utf-8")
    ours = _extract(html)
    monkeypatch.setattr(installed, "_prepare_tree", tree_preparation._ORIGINAL[0])  # noqa: SLF001
    assert _extract(html) == ours


def test_the_backup_is_skipped_only_in_fast_mode_without_comments(installed):
    import trafilatura

    tree = stage.load_for_trafilatura("<html><body><div><p>" + "Words of the text. " * 30 + "</p></div></body></html>")
    options = trafilatura.settings.Extractor(output_format="python", fast=True, comments=False)
    assert installed._prepare_tree(tree, options, None)[1] is None  # noqa: SLF001
    for fast, comments in ((False, False), (True, True)):
        options = trafilatura.settings.Extractor(output_format="python", fast=fast, comments=comments)
        assert installed._prepare_tree(tree, options, None)[1] is not None  # noqa: SLF001


@pytest.mark.parametrize("fast,comments", [(False, False), (True, True)])
def test_other_modes_extract_as_trafilatura_does(fast, comments, installed, monkeypatch):
    html = (_HERE / "fixtures" / "globalresearch-cpc-attack.html").read_text(encoding="utf-8")
    ours = _extract(html, fast=fast, comments=comments)
    monkeypatch.setattr(installed, "_prepare_tree", tree_preparation._ORIGINAL[0])  # noqa: SLF001
    assert _extract(html, fast=fast, comments=comments) == ours
