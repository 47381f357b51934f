"""The reader's own layer: notes on outlets and people, and imported context lists.

Everything lives in the user data dir as JSON files written atomically (temp file in the same
directory, fsync, os.replace, then fsync of the directory), so a crash at any moment leaves either
the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import uuid
from datetime import datetime, timezone
from pathlib import Path

from ..files import fsync_dir
from .datasets import LAYER_USER
from .names import domain_key, fold

NOTES_FILE = "notes.json"
LOCK_FILE = ".lock"  # serialises read-modify-write between processes (two `note` commands at once)
LISTS_FILE = "lists.json"
STORE_VERSION = 1
LIST_FORMAT = "backstory-context-list"
LIST_FORMAT_VERSION = 1
TARGET_KINDS = ("outlet", "person", "organisation")
MAX_NOTE_CHARS = 5000
MAX_LIST_ENTRIES = 50_000
LIST_REQUIRED = ("name", "version", "maintainer", "entries")


class ListError(ValueError):
    """A context list is malformed; the message says where."""


class StoreError(ValueError):
    """A file of the reader's layer cannot be read; nothing is written until it is fixed."""


def now_iso() -> str:
    """Current UTC time as 2026-11-24T10:00:00Z."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def atomic_write_json(path: Path, data: object, *, indent: int | None = 1) -> None:
    """Write JSON so that readers see the old file or the new one, never a torn one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            separators = (",", ":") if indent is None else None
            json.dump(data, fh, ensure_ascii=False, indent=indent, sort_keys=True, separators=separators)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def read_json(path: Path, default: dict) -> dict:
    """Parsed JSON file, or ``default`` when the file does not exist."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return default
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise StoreError(f"{path} is not valid JSON ({exc}); move it aside or fix it — nothing was changed") from None
    except RecursionError:
        raise StoreError(f"{path} is nested too deeply to be read; move it aside or fix it — nothing was changed") from None
    if not isinstance(data, dict):
        raise StoreError(f"{path} holds {_shape(data)}, but it must be a JSON object; {_KEEP}")
    return data


NOTE_FIELDS = ("id", "target", "text", "created")
_KEEP = "fix it by hand or move the file aside; nothing was changed"


def _shape(value: object) -> str:
    """'a string', 'null', 'a list', … for a message."""
    if value is None:
        return "null"
    return {str: "a string", bool: "true or false", int: "a number", float: "a number", list: "a list",
            dict: "an object"}.get(type(value), type(value).__name__)


def check_notes_file(data: dict, path: Path) -> list[dict]:
    """The notes of a parsed notes.json, or StoreError saying which note is wrong and how.

    A valid file is ``{"version": 1, "notes": [{"id", "target", "text", "created"}, …]}`` with every field a
    non-empty string and the target 'outlet:DOMAIN', 'person:NAME' or 'organisation:NAME'. The file is never
    rewritten here: the reader fixes it (or moves it aside and starts afresh)."""
    if data and "notes" not in data:  # ('{"note": [...]}': a first note would be written over them)
        raise StoreError(f"{path}: there is no 'notes' list in it (found {', '.join(map(repr, list(data)[:5]))}); {_KEEP}")
    notes = data.get("notes", [])
    if not isinstance(notes, list):
        raise StoreError(f"{path}: 'notes' must be a list of notes, but it is {_shape(notes)}; {_KEEP}")
    for i, note in enumerate(notes):
        where = f"{path}: note {i + 1} of {len(notes)}"
        if not isinstance(note, dict):
            raise StoreError(f"{where} is {_shape(note)}, not an object with {', '.join(NOTE_FIELDS)}; {_KEEP}")
        for name in NOTE_FIELDS:
            if not isinstance(note.get(name), str) or not note[name].strip():
                found = "missing" if name not in note else _shape(note[name]) if not isinstance(note[name], str) else "empty"
                raise StoreError(f"{where} (id {str(note.get('id'))[:20]!r}): '{name}' must be a non-empty string, "
                                 f"but it is {found}; {_KEEP}")
        if len(note["text"]) > MAX_NOTE_CHARS:
            raise StoreError(f"{where} (id {note['id'][:20]!r}): the text is over {MAX_NOTE_CHARS} characters; {_KEEP}")
        try:
            normalise_target(note["target"])
        except ValueError as exc:
            raise StoreError(f"{where} (id {note['id'][:20]!r}): {exc}; {_KEEP}") from None
    return notes


def check_lists_file(data: dict, path: Path) -> list[dict]:
    """The context lists of a parsed lists.json, each valid as `lists import` requires; else StoreError."""
    if data and "lists" not in data:
        raise StoreError(f"{path}: there is no 'lists' list in it (found {', '.join(map(repr, list(data)[:5]))}); {_KEEP}")
    lists = data.get("lists", [])
    if not isinstance(lists, list):
        raise StoreError(f"{path}: 'lists' must be a list of context lists, but it is {_shape(lists)}; {_KEEP}")
    for i, lst in enumerate(lists):
        try:
            validate_list(lst)
        except ListError as exc:
            name = lst.get("name") if isinstance(lst, dict) else None
            raise StoreError(f"{path}: list {i + 1} of {len(lists)}" + (f" ({str(name)[:40]!r})" if name else "")
                             + f": {exc}; {_KEEP}") from None
    return lists


def normalise_target(target: str) -> str:
    """'outlet:www.GlobalResearch.ca' -> 'outlet:globalresearch.ca'; people keep their spelling."""
    kind, sep, value = target.partition(":")
    kind = kind.strip().lower()
    if not sep or kind not in TARGET_KINDS or not value.strip():
        raise ValueError(f"target {target!r} must look like 'outlet:example.com' or 'person:Full Name'")
    value = domain_key(value) if kind == "outlet" else " ".join(value.split())
    return f"{kind}:{value}"


def target_key(target: str) -> str:
    """Lookup key of a target: kind plus folded value (case and diacritics ignored)."""
    kind, _, value = normalise_target(target).partition(":")
    return f"{kind}:{fold(value) if kind != 'outlet' else value}"


class UserStore:
    """Notes and context lists in one folder; reloads when the files change on disk."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._signature: tuple | None = None
        self.notes: list[dict] = []
        self.lists: list[dict] = []
        self.error: str | None = None  # set when a file is unreadable: lookups see nothing, writes refuse
        self.refresh()

    @property
    def notes_path(self) -> Path:
        """Where the notes live."""
        return self.folder / NOTES_FILE

    @property
    def lists_path(self) -> Path:
        """Where imported context lists live."""
        return self.folder / LISTS_FILE

    def signature(self) -> tuple:
        """(mtime, size) of both files: changes whenever another process writes them."""
        sig = []
        for path in (self.notes_path, self.lists_path):
            try:
                st = path.stat()
                sig.append((st.st_mtime_ns, st.st_size))
            except FileNotFoundError:
                sig.append(None)
        return tuple(sig)

    def refresh(self) -> bool:
        """Reload from disk if the files changed; True when something was reloaded."""
        sig = self.signature()
        if sig == self._signature:
            return False
        self._signature = sig
        try:
            self.notes = check_notes_file(read_json(self.notes_path, {"notes": []}), self.notes_path)
            self.lists = check_lists_file(read_json(self.lists_path, {"lists": []}), self.lists_path)
            self.error = None
        except StoreError as exc:
            self.notes, self.lists, self.error = [], [], str(exc)
        return True

    @contextlib.contextmanager
    def _update(self):
        """Hold the folder's lock, re-read the files, and refuse to write over one that could not be read."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.folder / LOCK_FILE, "a+") as lock:
            _lock(lock)
            self._signature = None  # another process may have written since we last looked
            self.refresh()
            if self.error:
                raise StoreError(self.error)
            yield

    # notes
    def add_note(self, target: str, text: str) -> dict:
        """Store a note and return it (with its id)."""
        text = text.strip()
        if not text or len(text) > MAX_NOTE_CHARS:
            raise ValueError(f"a note needs 1 to {MAX_NOTE_CHARS} characters")
        note = {"id": uuid.uuid4().hex[:8], "target": normalise_target(target), "text": text, "created": now_iso()}
        with self._update():
            self._save_notes([*self.notes, note])
        return note

    def remove_note(self, note_id: str) -> bool:
        """Delete one note by id; False when there is none with that id."""
        with self._update():
            kept = [n for n in self.notes if n["id"] != note_id]
            if len(kept) == len(self.notes):
                return False
            self._save_notes(kept)
        return True

    def _save_notes(self, notes: list[dict]) -> None:
        """Write the notes file (the caller holds the lock)."""
        atomic_write_json(self.notes_path, {"version": STORE_VERSION, "notes": notes})
        self.notes = notes
        self._signature = self.signature()

    # context lists
    def import_list(self, data: dict) -> dict:
        """Validate and store a context list (replacing an older one of the same name)."""
        validate_list(data)
        stored = {**data, "imported": now_iso()}
        with self._update():
            lists = [lst for lst in self.lists if lst["name"] != data["name"]] + [stored]
            atomic_write_json(self.lists_path, {"version": STORE_VERSION, "lists": lists})
            self.lists = lists
            self._signature = self.signature()
        return stored

    def export_list(self, name: str | None = None, *, as_name: str = "my notes", maintainer: str = "me") -> dict:
        """One imported list by name, or the reader's own notes as a list when ``name`` is None."""
        self.refresh()
        if name is not None:
            for lst in self.lists:
                if lst["name"] == name:
                    return {k: v for k, v in lst.items() if k != "imported"}
            raise KeyError(name)
        entries = [{"target": n["target"], "text": n["text"], "created": n["created"],
                    "sources": [{"name": f"the maintainer's own note of {n['created'][:10]}"}]} for n in self.notes]
        return {"format": LIST_FORMAT, "format_version": LIST_FORMAT_VERSION, "name": as_name,
                "version": now_iso()[:10], "maintainer": maintainer, "entries": entries}

    # lookups
    def notes_for(self, target: str) -> list[dict]:
        """Note objects (docs/api.md) for a target: the reader's notes, then list entries with text."""
        self.refresh()
        key = target_key(target)
        out = [
            {"target": n["target"], "text": n["text"], "created": n["created"], "layer": LAYER_USER}
            for n in self.notes
            if target_key(n["target"]) == key
        ]
        for lst in self.lists:
            for entry in lst["entries"]:
                if entry.get("text") and target_key(entry["target"]) == key:
                    out.append({
                        "target": normalise_target(entry["target"]),
                        "text": f"{entry['text']} (from the context list '{lst['name']}' {lst['version']}, maintained by {lst['maintainer']})",
                        "created": entry.get("created") or lst.get("imported"),
                        "layer": LAYER_USER,
                    })
        return out

    def list_facts_for(self, target: str) -> list[dict]:
        """Fact objects that context lists give for a target, each with the list's sources."""
        self.refresh()
        key = target_key(target)
        facts = []
        for lst in self.lists:
            for entry in lst["entries"]:
                if target_key(entry["target"]) != key:
                    continue
                for fact in entry.get("facts", ()):
                    facts.append(_list_fact(fact, entry, lst))
        return facts


def _lock(handle) -> None:
    """Exclusive lock on an open file until it is closed (POSIX flock; no-op where unavailable)."""
    try:
        import fcntl
    except ImportError:  # Windows: writes stay atomic, only concurrent writers are not serialised
        return
    fcntl.flock(handle.fileno(), fcntl.LOCK_EX)


def _list_fact(fact: dict, entry: dict, lst: dict) -> dict:
    """A context-list fact as a Fact object, sources marked as the user layer."""
    sources = [
        {"name": s["name"], "url": s.get("url"), "date": s.get("date"), "retrieved": s.get("retrieved"),
         "license": s.get("license"), "layer": LAYER_USER}
        for s in fact.get("sources") or entry.get("sources", ())
    ]
    claim = fact.get("claim") or f"{fact['property']}: {fact['value']}"
    return {"property": fact["property"], "value": fact["value"],
            "claim": f"{claim} (context list '{lst['name']}' {lst['version']})",
            "where": fact.get("where"), "sources": sources, "layer": LAYER_USER}


def _check_sources(sources: object, where: str) -> None:
    """Each source needs a name; a URL, when given, must be http(s) (a reader's own note has none)."""
    if not isinstance(sources, list) or not sources:
        raise ListError(f"{where}: needs a non-empty 'sources' list")
    for j, s in enumerate(sources):
        if not isinstance(s, dict) or not isinstance(s.get("name"), str) or not s["name"].strip():
            raise ListError(f"{where}, source {j}: needs a 'name'")
        url = s.get("url")
        if url is not None and not (isinstance(url, str) and url.startswith(("http://", "https://"))):
            raise ListError(f"{where}, source {j}: 'url' must be an http(s) URL")


def _check_entry(entry: object, i: int) -> None:
    """One list entry: a target, text and/or facts, and sources for everything it says."""
    where = f"entry {i}"
    if not isinstance(entry, dict):
        raise ListError(f"{where}: not an object")
    try:
        normalise_target(entry.get("target", "") if isinstance(entry.get("target"), str) else "")
    except ValueError as exc:
        raise ListError(f"{where}: {exc}") from None
    text, facts = entry.get("text"), entry.get("facts")
    if text is None and facts is None:
        raise ListError(f"{where}: needs 'text' or 'facts'")
    if text is not None and (not isinstance(text, str) or not text.strip() or len(text) > MAX_NOTE_CHARS):
        raise ListError(f"{where}: 'text' must be 1 to {MAX_NOTE_CHARS} characters")
    if facts is not None:
        if not isinstance(facts, list) or not facts:
            raise ListError(f"{where}: 'facts' must be a non-empty list")
        for k, fact in enumerate(facts):
            if not isinstance(fact, dict) or not all(isinstance(fact.get(x), str) and fact[x] for x in ("property", "value")):
                raise ListError(f"{where}, fact {k}: needs 'property' and 'value'")
            if "sources" in fact:
                _check_sources(fact["sources"], f"{where}, fact {k}")
            else:
                _check_sources(entry.get("sources"), where)
    if text is not None:
        _check_sources(entry.get("sources"), where)


def validate_list(data: object) -> None:
    """Raise ListError with a precise message unless ``data`` is a valid context list."""
    if not isinstance(data, dict):
        raise ListError("a context list is a JSON object")
    if data.get("format", LIST_FORMAT) != LIST_FORMAT:
        raise ListError(f"'format' must be {LIST_FORMAT!r}")
    missing = [k for k in LIST_REQUIRED if k not in data]
    if missing:
        raise ListError(f"missing field(s): {', '.join(missing)}")
    for key in ("name", "version", "maintainer"):
        if not isinstance(data[key], str) or not data[key].strip():
            raise ListError(f"'{key}' must be a non-empty string")
    entries = data["entries"]
    if not isinstance(entries, list):
        raise ListError("'entries' must be a list")
    if len(entries) > MAX_LIST_ENTRIES:
        raise ListError(f"too many entries ({len(entries)} > {MAX_LIST_ENTRIES})")
    for i, entry in enumerate(entries):
        _check_entry(entry, i)


def parse_list_file(path: Path) -> dict:
    """Read and validate a context-list file."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ListError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    except UnicodeDecodeError:
        raise ListError(f"{path}: not UTF-8 text") from None
    except RecursionError:  # ('[[[[…' thousands deep: the JSON parser recurses past Python's limit)
        raise ListError(f"{path}: nested too deeply to be a context list") from None
    try:
        validate_list(data)
    except ListError as exc:
        raise ListError(f"{path}: {exc}") from None
    return data
