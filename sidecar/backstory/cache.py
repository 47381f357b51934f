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
import sqlite3
import time
from pathlib import Path
from typing import Any

import diskcache

log = logging.getLogger(__name__)


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
            cache = diskcache.Cache(str(self.directory), size_limit=self.size_limit, disk=diskcache.JSONDisk,
                                    disk_compress_level=1, eviction_policy="least-recently-stored")
            return cache
        except (sqlite3.DatabaseError, OSError) as exc:
            return self._rebuild(exc)

    def _rebuild(self, exc: Exception) -> diskcache.Cache:
        aside = self.directory.with_name(f"{self.directory.name}.corrupt-{int(time.time())}")
        log.warning("cache at %s is unreadable (%s); moved to %s and started afresh", self.directory, exc, aside)
        shutil.move(str(self.directory), str(aside))
        self.directory.mkdir(parents=True, exist_ok=True)
        os.chmod(self.directory, 0o700)
        return diskcache.Cache(str(self.directory), size_limit=self.size_limit, disk=diskcache.JSONDisk,
                               disk_compress_level=1, eviction_policy="least-recently-stored")

    def get(self, key: str) -> dict[str, Any] | None:
        """The cached document, or None (also when the cache turns out to be damaged)."""
        try:
            value = self._cache.get(key)
        except (sqlite3.DatabaseError, OSError, json.JSONDecodeError, UnicodeDecodeError) as exc:
            self._cache = self._rebuild(exc)
            return None
        return value if isinstance(value, dict) else None

    def set(self, key: str, value: dict[str, Any]) -> None:
        """Store a document; a failing cache never fails the request."""
        try:
            self._cache.set(key, value)
        except (sqlite3.DatabaseError, OSError) as exc:
            self._cache = self._rebuild(exc)

    def close(self) -> None:
        """Close the underlying SQLite connection."""
        self._cache.close()
