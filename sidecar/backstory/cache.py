"""Answers for pages already analysed, keyed by content hash and pipeline version.

diskcache with JSON serialisation (never pickle: a cache file must not be able to run code).
A corrupted cache is moved aside and rebuilt rather than failing the request.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import secrets
import sqlite3
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


class ResultCache:
    """A size-bounded JSON cache of cards documents."""

    def __init__(self, directory: Path, size_limit: int) -> None:
        self.directory = Path(directory)
        self.size_limit = size_limit
        self._cache = self._open()

    def _open(self) -> diskcache.Cache:
        self.directory.mkdir(parents=True, exist_ok=True)
        os.chmod(self.directory, 0o700)
        try:
            cache = diskcache.Cache(str(self.directory), size_limit=self.size_limit, disk=StrictJSONDisk,
                                    disk_compress_level=1, eviction_policy="least-recently-stored")
            return cache
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
        return diskcache.Cache(str(self.directory), size_limit=self.size_limit, disk=StrictJSONDisk,
                               disk_compress_level=1, eviction_policy="least-recently-stored")

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
