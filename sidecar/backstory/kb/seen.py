"""Seen before: who was cited or wrote in the pages this reader analysed (local only, off by default).

With the setting ``seen_before`` on, each analysis records, for every author and cited person, the
outlet's domain, how the article described them (the role, or "author"), the article's date, and a
hash of the page's address (so one page analysed twice counts once; the address itself is not kept).
A card then carries ``seen_before``: {"count", "by_outlet": [{"domain", "count", "as": [...]}], "text"}
— "cited in 4 other articles you read: globalresearch.ca ×3 (as 'political analyst'), infobrics.org ×1".

Everything stays in ``seen.sqlite`` in the data dir; nothing of it is sent anywhere. Sightings older
than ``seen_retention_days`` are dropped; ``backstory forget`` erases them all (the file is rewritten
with SQLite's secure_delete, so the erased rows are not left in free pages).
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from .names import fold

SEEN_FILE = "seen.sqlite"
MAX_AS = 3  # descriptions shown per outlet
SCHEMA = """
CREATE TABLE IF NOT EXISTS sightings (name_key TEXT NOT NULL, name TEXT NOT NULL, domain TEXT NOT NULL,
    described TEXT NOT NULL, article_date TEXT, page TEXT NOT NULL, seen_at TEXT NOT NULL,
    PRIMARY KEY (name_key, page));
CREATE INDEX IF NOT EXISTS sightings_seen_at ON sightings(seen_at);
"""
_LOCK = threading.Lock()


def page_key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8", "replace")).hexdigest()[:32]


class SeenStore:
    """The sightings file; every method opens and closes its own connection (the worker and the server share it)."""

    def __init__(self, folder: Path, retention_days: int) -> None:
        self.path = Path(folder) / SEEN_FILE
        self.retention_days = retention_days

    def _db(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=5)
        db.execute("PRAGMA secure_delete=ON")
        db.executescript(SCHEMA)
        return db

    def record(self, doc: dict[str, Any], url: str) -> None:
        """Remember the authors and cited people of one analysed page; drop sightings past retention."""
        domain = (doc.get("outlet") or {}).get("domain") or ""
        when = (doc.get("article") or {}).get("published")
        now = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
        rows = [(fold(a["name"]), a["name"], domain, "author", when, page_key(url), now) for a in doc.get("authors", ())]
        rows += [(fold(c["name"]), c["name"], domain, c.get("role") or "cited without a role", when, page_key(url), now)
                 for c in doc.get("cited", ())]
        cutoff = (datetime.now(timezone.utc) - timedelta(days=self.retention_days)).replace(microsecond=0).isoformat()
        with _LOCK:
            db = self._db()
            try:
                with db:
                    db.executemany("INSERT OR IGNORE INTO sightings VALUES (?, ?, ?, ?, ?, ?, ?)", [r for r in rows if r[0]])
                    db.execute("DELETE FROM sightings WHERE seen_at < ?", (cutoff,))
            finally:
                db.close()

    def summary(self, name: str, url: str) -> dict | None:
        """Where else this name was seen (other pages only), or None."""
        if not self.path.is_file():
            return None
        with _LOCK:
            db = self._db()
            try:
                rows = db.execute("SELECT domain, described FROM sightings WHERE name_key = ? AND page != ? ORDER BY seen_at",
                                  (fold(name), page_key(url))).fetchall()
            finally:
                db.close()
        if not rows:
            return None
        by: dict[str, dict] = {}
        for domain, described in rows:
            entry = by.setdefault(domain, {"domain": domain, "count": 0, "as": []})
            entry["count"] += 1
            if described not in entry["as"] and described != "cited without a role" and len(entry["as"]) < MAX_AS:
                entry["as"].append(described)
        outlets = sorted(by.values(), key=lambda e: -e["count"])
        parts = [f"{e['domain']} ×{e['count']}" + (f" (as {', '.join(repr(a) for a in e['as'])})" if e["as"] else "") for e in outlets]
        text = f"cited in {len(rows)} other article{'s' if len(rows) != 1 else ''} you read: {', '.join(parts)}"
        return {"count": len(rows), "by_outlet": outlets, "text": text}

    def forget(self, name: str | None = None) -> int:
        """Erase every sighting (or one person's); returns how many were erased."""
        if not self.path.is_file():
            return 0
        with _LOCK:
            db = self._db()
            try:
                with db:
                    cur = (db.execute("DELETE FROM sightings WHERE name_key = ?", (fold(name),)) if name
                           else db.execute("DELETE FROM sightings"))
                    erased = cur.rowcount
                db.execute("VACUUM")  # and rebuild the file: nothing erased stays on disk
            finally:
                db.close()
        for suffix in ("-wal", "-journal"):
            Path(str(self.path) + suffix).unlink(missing_ok=True)
        return erased

    def count(self) -> int:
        if not self.path.is_file():
            return 0
        db = self._db()
        try:
            return db.execute("SELECT count(*) FROM sightings").fetchone()[0]
        finally:
            db.close()


def apply(doc: dict[str, Any], url: str, settings: Any) -> dict[str, Any]:
    """With seen_before on: record this page, and give each author and cited card its seen_before (else null)."""
    cards = [*doc.get("authors", ()), *doc.get("cited", ())]
    if not getattr(settings, "seen_before", False):
        for card in cards:
            card["seen_before"] = None
        return doc
    store = SeenStore(settings.data_dir, settings.seen_retention_days)
    if doc.get("article", {}).get("is_article"):
        store.record(doc, url)
    for card in cards:
        card["seen_before"] = store.summary(card["name"], url)
    return doc


def today() -> str:
    return date.today().isoformat()
