"""The lexicon: one loader, every list named once with a doc (sidecar/backstory/lexicon)."""

from __future__ import annotations

import pytest

from backstory import lexicon
from backstory.lexicon import LexiconError, _read


def test_every_list_has_a_doc_and_words():
    entries = lexicon.load("en")
    assert entries, "the English lexicon is empty"
    for name, entry in entries.items():
        assert entry.name == name
        assert entry.doc and "\n" not in entry.doc, f"{name}: the doc is one line"
        assert entry.words and len(entry.words) == len(entry.ordered)
        if entry.case == "lower":
            assert all(w == w.lower() for w in entry.words), name


def test_shared_vocabulary_is_one_object_in_every_stage():
    from backstory import extract, people

    assert extract.CREDENTIALS is lexicon.words("credentials")
    assert people.CREDENTIALS is lexicon.words("credentials")
    assert people.HONORIFICS is lexicon.words("honorifics")
    assert "phd" in lexicon.words("credentials") and "dr" in lexicon.words("honorifics")


def test_a_name_declared_twice_is_refused(tmp_path, monkeypatch):
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "a.toml").write_text('[same]\ndoc = "one"\nwords = ["a"]\n', encoding="utf-8")
    (tmp_path / "xx" / "b.toml").write_text('[same]\ndoc = "two"\nwords = ["b"]\n', encoding="utf-8")
    monkeypatch.setattr(lexicon, "ROOT", tmp_path)
    lexicon.load.cache_clear()
    try:
        with pytest.raises(LexiconError, match="declared twice"):
            lexicon.load("xx")
    finally:
        lexicon.load.cache_clear()


@pytest.mark.parametrize("text, message", [
    ('[x]\nwords = ["a"]\n', "doc"),
    ('[x]\ndoc = "d"\nwords = []\n', "non-empty"),
    ('[x]\ndoc = "d"\nwords = ["A"]\n', "lower-case"),
    ('[x]\ndoc = "d"\nwords = ["a", "a"]\n', "repeats"),
    ('[x]\ndoc = "d"\nwords = ["a"]\ncase = "odd"\n', "case"),
    ('x = 1\n', "table"),
    ('[x\n', "TOML"),
])
def test_malformed_lists_are_refused(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError, match=message):
        _read(path)


def test_as_written_lists_keep_capitals(tmp_path):
    path = tmp_path / "ok.toml"
    path.write_text('[x]\ndoc = "d"\ncase = "as-written"\nwords = ["El", "La"]\n', encoding="utf-8")
    assert _read(path)["x"].words == {"El", "La"}


def test_unknown_list_and_language():
    with pytest.raises(LexiconError, match="no list"):
        lexicon.words("no-such-list")
    with pytest.raises(LexiconError, match="no lexicon"):
        lexicon.load("zz")
