"""The lexicon: every word list the rules use, kept as data, one name per meaning.

Lists live in TOML files under ``lexicon/<language>/``; each top-level table is one list::

    [credentials]
    doc = "Academic and professional letters written after a name ('Grant Tinsley, PhD')."
    words = ["phd", "md", ...]

A list's name is unique across all the files of its language (a test checks it), so the people and
extract stages cannot each keep their own drifting copy of the same vocabulary. Words are kept as
written: a list says in its ``doc`` whether it is matched lower-cased. Optional keys: ``case``
("lower", the default, or "as-written": the loader checks that "lower" lists are lower-case) and
``used_by`` (the stages that read it, for the reader of the file).

    from backstory import lexicon
    lexicon.words("credentials")          # frozenset[str]
    lexicon.entry("credentials").doc      # what the list is for
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DEFAULT_LANGUAGE = "en"
CASES = ("lower", "as-written")


class LexiconError(ValueError):
    """A lexicon file is malformed, or a list is asked for that does not exist."""


@dataclass(frozen=True)
class Entry:
    """One named word list."""

    name: str
    doc: str
    words: frozenset[str]
    ordered: tuple[str, ...]
    case: str
    file: str
    used_by: tuple[str, ...] = ()


def _read(path: Path) -> dict[str, Entry]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path.name}: not valid TOML ({exc})") from exc
    out = {}
    for name, table in data.items():
        if not isinstance(table, dict):
            raise LexiconError(f"{path.name}: [{name}] must be a table with doc and words")
        doc, words = table.get("doc"), table.get("words")
        case = table.get("case", "lower")
        if not isinstance(doc, str) or not doc.strip():
            raise LexiconError(f"{path.name}: [{name}] needs a one-line doc")
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words):
            raise LexiconError(f"{path.name}: [{name}] needs a non-empty list of words")
        if case not in CASES:
            raise LexiconError(f"{path.name}: [{name}] case must be one of {', '.join(CASES)}")
        if case == "lower" and any(w != w.lower() for w in words):
            raise LexiconError(f"{path.name}: [{name}] is a lower-case list but has {[w for w in words if w != w.lower()][:3]}")
        if len(set(words)) != len(words):
            raise LexiconError(f"{path.name}: [{name}] repeats a word")
        out[name] = Entry(name, doc.strip(), frozenset(words), tuple(words), case, path.name, tuple(table.get("used_by", ())))
    return out


@functools.lru_cache(maxsize=8)
def load(language: str = DEFAULT_LANGUAGE) -> dict[str, Entry]:
    """Every list of one language, by name (read once)."""
    folder = ROOT / language
    if not folder.is_dir():
        raise LexiconError(f"no lexicon for language {language!r}")
    entries: dict[str, Entry] = {}
    for path in sorted(folder.glob("*.toml")):
        for name, entry in _read(path).items():
            if name in entries:
                raise LexiconError(f"list {name!r} is declared twice: in {entries[name].file} and {path.name}")
            entries[name] = entry
    return entries


def entry(name: str, language: str = DEFAULT_LANGUAGE) -> Entry:
    """One list with its doc."""
    try:
        return load(language)[name]
    except KeyError:
        raise LexiconError(f"no list named {name!r} in the {language!r} lexicon") from None


def words(name: str, language: str = DEFAULT_LANGUAGE) -> frozenset[str]:
    """The words of one list."""
    return entry(name, language).words
