"""One SQLite shape for people and organisation records: the offline pack and the lookup cache share it.

Tables: ``records`` (qid, kind, JSON record, the date of its data, when it was retrieved),
``person_tokens`` (folded family-name token and first initial → qid: the index a name lookup reads),
``org_names`` (folded label or alias → qid), ``labels`` (the labels of the items records point to),
``searches`` (the lookup cache only: a name asked online → the QIDs Wikidata answered, and when),
``meta`` (format, dump date, license). Everything is read on demand through indexes, so a pack of
millions of records costs disk, not memory.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path

from .names import fold

FORMAT = "backstory-people-pack"
FORMAT_VERSION = "2"
BUSY_TIMEOUT_S = 5.0

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS records (qid TEXT PRIMARY KEY, kind TEXT NOT NULL, record TEXT NOT NULL,
                                    date TEXT, retrieved TEXT);
CREATE TABLE IF NOT EXISTS person_tokens (token TEXT NOT NULL, initial TEXT NOT NULL, qid TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS org_names (name TEXT NOT NULL, qid TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS labels (qid TEXT PRIMARY KEY, label TEXT NOT NULL, retrieved TEXT);
CREATE TABLE IF NOT EXISTS searches (query TEXT NOT NULL, language TEXT NOT NULL, qids TEXT NOT NULL,
                                     retrieved TEXT NOT NULL, PRIMARY KEY (query, language));
"""
INDEXES = """
CREATE INDEX IF NOT EXISTS person_tokens_token ON person_tokens(token, initial);
CREATE INDEX IF NOT EXISTS person_tokens_qid ON person_tokens(qid);
CREATE INDEX IF NOT EXISTS org_names_name ON org_names(name);
CREATE INDEX IF NOT EXISTS org_names_qid ON org_names(qid);
"""
REQUIRED_TABLES = frozenset({"meta", "records", "person_tokens", "org_names", "labels"})


class StoreError(ValueError):
    """A pack or cache file is not one of ours, or is damaged."""


def person_keys(rec: dict) -> set[tuple[str, str]]:
    """(family-name token, first initial) for each of a person record's names."""
    return {(token, first[:1]) for first, family in rec.get("names", ()) for token in family}


def org_keys(rec: dict) -> set[str]:
    """Folded label and aliases of an organisation record."""
    return {fold(n) for n in [rec.get("label") or "", *rec.get("aliases", ())]} - {""}


def write_record(db: sqlite3.Connection, rec: dict, *, date: str | None, retrieved: str | None, fresh: bool = False) -> None:
    """Insert or replace one record with its index rows (``fresh``: a new file being built, nothing to replace)."""
    qid = rec["qid"]
    if not fresh:
        db.execute("DELETE FROM person_tokens WHERE qid = ?", (qid,))
        db.execute("DELETE FROM org_names WHERE qid = ?", (qid,))
    db.execute("INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?, ?)",
               (qid, rec["kind"], json.dumps(rec, ensure_ascii=False, separators=(",", ":")), date, retrieved))
    if rec["kind"] == "person":
        db.executemany("INSERT INTO person_tokens VALUES (?, ?, ?)", [(t, i, qid) for t, i in person_keys(rec)])
    else:
        db.executemany("INSERT INTO org_names VALUES (?, ?)", [(n, qid) for n in org_keys(rec)])


def write_labels(db: sqlite3.Connection, labels: dict[str, str], retrieved: str | None) -> None:
    """Insert or replace labels of referenced items."""
    db.executemany("INSERT OR REPLACE INTO labels VALUES (?, ?, ?)", [(q, lab, retrieved) for q, lab in labels.items()])


def check_file(path: Path, *, thorough: bool = True) -> dict[str, str]:
    """Open a pack read-only and check it is ours (and, ``thorough``, whole: SQLite's quick_check reads
    every page, so it runs when a pack is installed, not each time the sidecar starts); returns its meta.
    Raises StoreError."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open ({exc})") from None
    try:
        ok = db.execute("PRAGMA quick_check").fetchone() if thorough else ("ok",)
        if not ok or ok[0] != "ok":
            raise StoreError(f"{path}: the SQLite file is damaged ({ok[0] if ok else 'no answer'})")
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not REQUIRED_TABLES <= tables:
            raise StoreError(f"{path}: not a Backstory people pack (missing tables: {', '.join(sorted(REQUIRED_TABLES - tables))})")
        meta = dict(db.execute("SELECT key, value FROM meta"))
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: not a readable SQLite file ({exc})") from None
    finally:
        db.close()
    if meta.get("format") != FORMAT or meta.get("format_version") != FORMAT_VERSION:
        raise StoreError(f"{path}: not a Backstory people pack of format {FORMAT_VERSION} "
                         f"(found {meta.get('format')!r} {meta.get('format_version')!r}); build it again with `backstory kb import-wikidata`")
    if not meta.get("dump_date"):
        raise StoreError(f"{path}: the pack has no dump date")
    return meta


class RecordStore:
    """Read (and for the cache, write) records in one SQLite file; thread-safe, one connection."""

    def __init__(self, path: Path | None, *, writable: bool = False) -> None:
        self.path = path
        self.writable = writable
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self.meta: dict[str, str] = {}
        self.error: str | None = None
        if path is None:
            return
        try:
            if writable:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(path, check_same_thread=False, timeout=BUSY_TIMEOUT_S)
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
                self._db.executescript(SCHEMA + INDEXES)
                self._db.commit()
            elif path.is_file():
                self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False, timeout=BUSY_TIMEOUT_S)
            if self._db is not None:
                self.meta = dict(self._db.execute("SELECT key, value FROM meta"))
        except sqlite3.Error as exc:
            self.error = f"{path}: cannot be read ({exc}); it is ignored"
            self.close()

    @property
    def available(self) -> bool:
        return self._db is not None

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def rows(self, sql: str, params: Iterable = ()) -> list[tuple]:
        """Run a read query (serialised); a damaged file reads as empty."""
        if self._db is None:
            return []
        with self._lock:
            try:
                return self._db.execute(sql, tuple(params)).fetchall()
            except sqlite3.Error:
                return []

    # reads
    def record(self, qid: str) -> tuple[dict, str | None, str | None] | None:
        """(record, date, retrieved) for one QID."""
        found = self.rows("SELECT record, date, retrieved FROM records WHERE qid = ?", (qid,))
        return (json.loads(found[0][0]), found[0][1], found[0][2]) if found else None

    def people_by_token(self, token: str, initials: str | tuple[str, ...], limit: int) -> list[tuple[dict, str | None, str | None]]:
        """Person records with this family-name token whose first name starts with one of ``initials``
        (or who have none); '' = any first name."""
        initials = tuple(i for i in ((initials,) if isinstance(initials, str) else initials) if i)
        if initials:
            marks = ",".join("?" * len(initials))
            sql = ("SELECT DISTINCT r.record, r.date, r.retrieved FROM person_tokens t JOIN records r USING (qid) "
                   f"WHERE t.token = ? AND t.initial IN ({marks}, '') LIMIT ?")
            found = self.rows(sql, (token, *initials, limit))
        else:
            found = self.rows("SELECT DISTINCT r.record, r.date, r.retrieved FROM person_tokens t JOIN records r USING (qid) "
                              "WHERE t.token = ? LIMIT ?", (token, limit))
        return [(json.loads(r[0]), r[1], r[2]) for r in found]

    def organisations_by_name(self, folded: str, limit: int) -> list[tuple[dict, str | None, str | None]]:
        """Organisation records with this folded label or alias."""
        found = self.rows("SELECT DISTINCT r.record, r.date, r.retrieved FROM org_names n JOIN records r USING (qid) "
                          "WHERE n.name = ? LIMIT ?", (folded, limit))
        return [(json.loads(r[0]), r[1], r[2]) for r in found]

    def labels(self, qids: Iterable[str]) -> dict[str, str]:
        """Labels of some QIDs (records' own labels count too)."""
        wanted = sorted(set(qids))
        out: dict[str, str] = {}
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            marks = ",".join("?" * len(chunk))
            out.update(dict(self.rows(f"SELECT qid, label FROM labels WHERE qid IN ({marks})", chunk)))
        return out

    def search(self, query: str, language: str) -> tuple[list[str], str] | None:
        """A cached search: (QIDs, retrieved) or None."""
        found = self.rows("SELECT qids, retrieved FROM searches WHERE query = ? AND language = ?", (query, language))
        return (json.loads(found[0][0]), found[0][1]) if found else None

    def counts(self) -> dict[str, int]:
        """Records per kind, and cached searches."""
        out = {"people": 0, "organisations": 0}
        for kind, n in self.rows("SELECT kind, count(*) FROM records GROUP BY kind"):
            out["people" if kind == "person" else "organisations"] = n
        if self.rows("SELECT name FROM sqlite_master WHERE name = 'searches'"):
            out["searches"] = self.rows("SELECT count(*) FROM searches")[0][0]
        return out

    def signature(self) -> tuple | None:
        """Changes when the file does (part of the knowledge base's version)."""
        if self._db is None:
            return None
        try:
            st = self.path.stat()
        except OSError:
            return None
        wal = self.path.with_name(self.path.name + "-wal")
        wal_sig = (wal.stat().st_mtime_ns, wal.stat().st_size) if wal.exists() else None
        return (st.st_mtime_ns, st.st_size, wal_sig)

    # writes (the lookup cache)
    def save(self, records: list[tuple[dict, str | None, str | None]], labels: dict[str, str], retrieved: str,
             searches: dict[tuple[str, str], list[str]]) -> None:
        """Store an online answer in one transaction."""
        if self._db is None or not self.writable:
            return
        with self._lock:
            try:
                with self._db:
                    for rec, date, got in records:
                        write_record(self._db, rec, date=date, retrieved=got)
                    write_labels(self._db, labels, retrieved)
                    self._db.executemany("INSERT OR REPLACE INTO searches VALUES (?, ?, ?, ?)",
                                         [(q, lang, json.dumps(qids), retrieved) for (q, lang), qids in searches.items()])
            except sqlite3.Error as exc:
                self.error = f"{self.path}: could not save a lookup ({exc})"

    def stale_searches(self, before: str) -> list[tuple[str, str]]:
        """(query, language) of cached searches retrieved before a date."""
        return [(q, lang) for q, lang in self.rows("SELECT query, language FROM searches WHERE retrieved < ?", (before,))]

    def all_searches(self) -> list[tuple[str, str]]:
        return [(q, lang) for q, lang in self.rows("SELECT query, language FROM searches")]
