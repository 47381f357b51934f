"""Answers for pages already analysed, keyed by content hash and pipeline version.

diskcache with JSON serialisation (never pickle: a cache file must not be able to run code).
A corrupted cache is moved aside and rebuilt rather than failing the request.

The pipeline version includes the knowledge base's version, which changes with the reader's notes and
lists: once they change, every stored answer is unreachable, and some hold a note's text the reader may
just have deleted. :meth:`ResultCache.sync` notices the change (the version it last saw is kept beside the
cache, in ``kb-version``) and empties the cache so that the text is gone from the files too: SQLite's
``secure_delete`` overwrites deleted rows with zeros (they would stay readable in free pages), and the
write-ahead log, which still holds the old pages, is checkpointed and truncated.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import secrets
import sqlite3
import threading
import time
import zlib
from pathlib import Path
from typing import Any

import diskcache

log = logging.getLogger(__name__)

# What a damaged cache raises: SQLite errors for a damaged database file, zlib/JSON/Unicode errors
# for a damaged value (JSONDisk stores zlib-compressed JSON). Any of them: move aside, rebuild.
DAMAGE = (sqlite3.DatabaseError, OSError, zlib.error, json.JSONDecodeError, UnicodeDecodeError)


class StrictJSONDisk(diskcache.JSONDisk):
    """JSONDisk that refuses a row marked as pickled instead of unpickling it.

    JSONDisk never writes pickles, but its parent's fetch() would still unpickle a row whose mode
    column says MODE_PICKLE; a tampered cache.db must not be able to run code."""

    def fetch(self, mode: int, filename: str | None, value: Any, read: bool) -> Any:
        if mode not in (diskcache.core.MODE_RAW, diskcache.core.MODE_BINARY):
            raise sqlite3.DatabaseError(f"cache row in mode {mode}: only JSON is ever stored here")
        return super().fetch(mode, filename, value, read)

    def get(self, key: Any, raw: bool) -> Any:
        if not raw:
            raise sqlite3.DatabaseError("cache key not stored raw: only JSON is ever stored here")
        return super().get(key, raw)


def cache_key(url: str, html: str, pipeline_version: str, include_text: bool) -> str:
    """sha256 over everything that changes the answer."""
    h = hashlib.sha256()
    for part in (pipeline_version, url, "text" if include_text else "notext", html):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


KB_VERSION_FILE = "kb-version"


class ResultCache:
    """A size-bounded JSON cache of cards documents."""

    def __init__(self, directory: Path, size_limit: int) -> None:
        self.directory = Path(directory)
        self.size_limit = size_limit
        self._lock = threading.Lock()  # sync() is called from request threads and the server's watcher
        self._cache = self._open()

    def _new(self) -> diskcache.Cache:
        return diskcache.Cache(str(self.directory), size_limit=self.size_limit, disk=StrictJSONDisk,
                               disk_compress_level=1, eviction_policy="least-recently-stored",
                               sqlite_secure_delete=1)  # (a diskcache setting named sqlite_* is a PRAGMA on every connection)

    def _open(self) -> diskcache.Cache:
        self.directory.mkdir(parents=True, exist_ok=True)
        os.chmod(self.directory, 0o700)
        try:
            return self._new()
        except (sqlite3.DatabaseError, OSError) as exc:
            return self._rebuild(exc)

    def _rebuild(self, exc: Exception) -> diskcache.Cache:
        old = getattr(self, "_cache", None)
        if old is not None:
            try:
                old.close()
            except Exception:  # noqa: BLE001 - it is being thrown away because it is broken
                pass
        aside = self.directory.with_name(f"{self.directory.name}.corrupt-{int(time.time())}-{secrets.token_hex(3)}")
        log.warning("cache at %s is unreadable (%s); moved to %s and started afresh", self.directory, exc, aside)
        shutil.move(str(self.directory), str(aside))
        self.directory.mkdir(parents=True, exist_ok=True)
        os.chmod(self.directory, 0o700)
        return self._new()

    def sync(self, kb_version: str) -> bool:
        """Empty the cache, for good, when the knowledge base (the reader's notes) has changed since the
        last call by any process; True when it did. A failure is logged and retried on the next call."""
        stamp = self.directory / KB_VERSION_FILE
        try:
            if stamp.read_text(encoding="utf-8") == kb_version:
                return False
        except (OSError, UnicodeDecodeError):
            pass
        with self._lock:
            try:
                if not self.purge():
                    return False  # the next call tries again
            except diskcache.Timeout:
                return False  # another process holds the cache: the next call tries again
            except DAMAGE as exc:
                self._cache = self._rebuild(exc)
            tmp = stamp.with_name(f".{KB_VERSION_FILE}.{secrets.token_hex(4)}")
            tmp.write_text(kb_version, encoding="utf-8")
            os.replace(tmp, stamp)
        log.info("the knowledge base changed (notes, lists or imports): the cache was emptied")
        return True

    def purge(self) -> bool:
        """Delete every answer so that none of it can be read back from the files: the rows (zeroed by
        secure_delete), the value files of large answers, and the old pages in the write-ahead log.
        False when the log could not be truncated yet."""
        self._cache.clear(retry=True)
        con = self._cache._con  # (diskcache's connection of this thread; it has no public VACUUM)
        con.execute("VACUUM")
        busy, _, _ = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:  # a reader in another process holds an old snapshot: the log stays until the next purge
            log.warning("the cache's write-ahead log could not be truncated (another process is reading it)")
        return not busy

    def get(self, key: str) -> dict[str, Any] | None:
        """The cached document, or None (also when the cache turns out to be damaged)."""
        try:
            value = self._cache.get(key)
        except diskcache.Timeout:
            return None  # another process holds the cache (the CLI beside the server): just miss
        except DAMAGE as exc:
            self._cache = self._rebuild(exc)
            return None
        return value if isinstance(value, dict) else None

    def set(self, key: str, value: dict[str, Any]) -> None:
        """Store a document; a failing cache never fails the request."""
        try:
            self._cache.set(key, value)
        except diskcache.Timeout:
            return
        except DAMAGE as exc:
            self._cache = self._rebuild(exc)

    def close(self) -> None:
        """Close the underlying SQLite connection."""
        self._cache.close()
