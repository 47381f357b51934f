"""The lookup as the API and the CLI use it: validate the items, one online round (or none), then match.

    service = KbService(settings, kb)
    service.lookup([{"kind": "person", "name": "Maria Cantwell", "role": "senator", ...}])
    service.decision({"name": "Mike Johnson", "id": "wikidata:Q…", "decision": "confirm"})

No connection is opened when ``people_lookup`` is off (the call is refused) or in offline mode (cached
answers only): the HTTP client is made on the first online call, never before.
"""

from __future__ import annotations

import re
import threading
from typing import Any

from ..errors import BackstoryError, InputError
from .lookup import CACHE_FILE, Item, LookupConfigError, LookupFailed, WikidataClient, check_api_url, fetch_round, host_of, stale_before
from .store import RecordStore

MAX_ITEMS = 100
MAX_FIELD_CHARS = 300
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
KINDS = ("person", "organisation")


class LookupOff(BackstoryError):
    """The reader turned the online lookup off."""

    code = "lookup_off"
    status = 403


def sends_text(host: str) -> str:
    """What leaves the machine, in plain words (the cards' lookup.sends, the docs, the panel)."""
    return (f"Only the name you look up and the article's language are sent, to {host}; "
            "never the page, its address, the outlet or what the article says about the person.")


def _text(item: dict, key: str, index: int, *, required: bool = False) -> str | None:
    value = item.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_FIELD_CHARS:
        raise InputError(f"items[{index}].{key} must be a non-empty string of at most {MAX_FIELD_CHARS} characters")
    return value.strip()


def parse_items(items: Any) -> list[dict]:
    """Check a /v1/lookup body's items (the cards' lookup_request objects)."""
    if not isinstance(items, list) or not items:
        raise InputError("items must be a non-empty list of lookup_request objects")
    if len(items) > MAX_ITEMS:
        raise InputError(f"at most {MAX_ITEMS} items per lookup")
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise InputError(f"items[{i}] must be an object")
        kind = item.get("kind", "person")
        if kind not in KINDS:
            raise InputError(f"items[{i}].kind must be 'person' or 'organisation'")
        orgs = item.get("orgs") or []
        if not isinstance(orgs, list) or len(orgs) > 20 or not all(isinstance(o, str) and 0 < len(o) <= MAX_FIELD_CHARS for o in orgs):
            raise InputError(f"items[{i}].orgs must be a list of at most 20 names")
        date = _text(item, "date", i)
        if date is not None and not _DATE.match(date):
            raise InputError(f"items[{i}].date must be YYYY-MM-DD")
        language = (_text(item, "language", i) or "en").lower()
        if not _LANGUAGE.match(language):
            raise InputError(f"items[{i}].language must be a language code such as 'en'")
        out.append({"kind": kind, "name": _text(item, "name", i, required=True), "role": _text(item, "role", i),
                    "orgs": orgs, "outlet_domain": _text(item, "outlet_domain", i), "date": date, "language": language,
                    "quoted": bool(item.get("quoted", True))})
    return out


class KbService:
    """Online lookups and the reader's decisions, over one knowledge base."""

    def __init__(self, settings: Any, kb: Any, *, transport: Any = None) -> None:
        """``kb``: the knowledge base, or a function that gives it once loaded (the server's, which loads
        behind its first answers: a lookup asked while it loads waits for it)."""
        self.settings = settings
        self._kb = kb
        self.mode = settings.people_lookup
        self.offline = bool(settings.offline)
        try:
            self.api_url = check_api_url(settings.wikidata_api_url)
        except LookupConfigError as exc:
            from ..errors import ConfigError

            raise ConfigError(str(exc)) from None
        self.host = host_of(self.api_url)
        self._transport = transport
        self._client: WikidataClient | None = None
        self._cache: RecordStore | None = None
        self._lock = threading.Lock()  # one round at a time: Wikimedia asks clients not to hammer in parallel

    @property
    def kb(self) -> Any:
        return self._kb() if callable(self._kb) else self._kb

    @property
    def sends(self) -> str:
        return sends_text(self.host)

    def header(self) -> dict:
        return {"mode": self.mode, "host": self.host, "sends": self.sends}

    def _online(self) -> tuple[WikidataClient, RecordStore]:
        if self._client is None:
            self._client = WikidataClient(self.api_url, timeout_s=self.settings.lookup_timeout_s,
                                          max_bytes=self.settings.lookup_max_bytes, transport=self._transport)
        return self._client, self._store()

    def _store(self) -> RecordStore:
        if self._cache is None:
            self._cache = RecordStore(self.settings.data_dir / CACHE_FILE, writable=True)
        return self._cache

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        if self._cache is not None:
            self._cache.close()

    def lookup(self, raw_items: Any, *, refresh: bool = False) -> list[dict]:
        """One answer per item, in order: status ok | cached | failed | offline, a message, and the kb object."""
        if self.mode == "off":
            raise LookupOff("the online lookup is off (setting people_lookup); nothing was sent")
        items = parse_items(raw_items)
        keyed = [Item(it["name"], it["kind"], it["language"]) for it in items]
        if self.offline:
            cache_path = self.settings.data_dir / CACHE_FILE
            cached = RecordStore(cache_path) if cache_path.is_file() else RecordStore(None)
            status = {k.key: ("cached" if cached.search(*k.key) is not None else "offline") for k in keyed}
            cached.close()
        else:
            with self._lock:
                client, store = self._online()
                status = fetch_round(client, store, keyed, refresh=refresh)
        out = []
        for it, k in zip(items, keyed):
            state = status.get(k.key, "offline")
            message = None
            if state not in ("ok", "cached", "offline"):
                state, message = "failed", f"The Wikidata lookup failed: {state}"
            elif state == "offline":
                message = "offline mode: nothing was looked up online; only what is already on this machine is shown"
            kb = (self.kb.person(it["name"], role=it["role"], orgs=it["orgs"], outlet_domain=it["outlet_domain"],
                                 date=it["date"], quoted=it["quoted"])
                  if it["kind"] == "person" else self.kb.organisation_card(it["name"]))
            out.append({"name": it["name"], "kind": it["kind"], "status": state, "message": message, "kb": kb})
        return out

    def decision(self, body: Any) -> dict:
        """Record the reader's confirm or reject of a possible match."""
        if not isinstance(body, dict):
            raise InputError("the body must be a JSON object")
        try:
            return self.kb.record_decision(body.get("name"), body.get("id"), body.get("decision"))
        except ValueError as exc:
            raise InputError(str(exc)) from None

    def refresh(self, *, older_than_days: int | None = None) -> dict:
        """`backstory kb refresh`: look up again every cached name retrieved before the cut-off."""
        if self.mode == "off":
            raise LookupOff("the online lookup is off (setting people_lookup); nothing was refreshed")
        if self.offline:
            raise LookupOff("offline mode is on: nothing can be refreshed")
        days = self.settings.lookup_refresh_days if older_than_days is None else older_than_days
        store = self._store()
        stale = store.stale_searches(stale_before(days)) if days > 0 else store.all_searches()
        items = [Item(q, "person", lang) for q, lang in stale]
        if not items:
            return {"renewed": 0, "failed": 0}
        with self._lock:
            client, store = self._online()
            status = fetch_round(client, store, items, refresh=True)
        failed = [v for v in status.values() if v != "ok"]
        return {"renewed": len(status) - len(failed), "failed": len(failed), "message": failed[0] if failed else None}


__all__ = ["KbService", "LookupOff", "LookupFailed", "sends_text", "parse_items"]
