"""The online lookup: a name (and its language) to Wikidata's action API, the answers cached on disk.

What leaves the machine: the name and the language, in ``wbsearchentities`` calls, then the item IDs
Wikidata itself answered, in ``wbgetentities`` calls — never the page, its URL, the outlet or the role
the article gives. One round per page: one search per distinct name, then one ``wbgetentities`` for
every candidate (50 IDs a call, the API's limit), then one for the labels of the items they point to.

The connection: HTTPS with certificate checks (plain HTTP only to a loopback address, for tests and
local mirrors); no proxy or .netrc from the environment; no redirect followed off the API's own host;
a timeout per call and a size cap per answer; a User-Agent naming Backstory and its version
(https://meta.wikimedia.org/wiki/User-Agent_policy); 429 and 503 are retried with backoff (honouring
a short Retry-After). Every failure is a :class:`LookupFailed` with a message for the card.

Answers are stored in ``lookup-cache.sqlite`` in the data dir (kb/store.py's shape) with the date
they were retrieved; the knowledge base reads them like a pack, so a cached answer is reused offline.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx

from .. import __version__
from .names import fold
from .records import is_qid, label_of, organisation_record, person_record, references
from .store import RecordStore

log = logging.getLogger(__name__)

CACHE_FILE = "lookup-cache.sqlite"
USER_AGENT = (f"Backstory/{__version__} (local news-context tool; looks up the names of people and organisations "
              "an article cites, at its reader's request; https://github.com/backstory-news)")
SEARCH_LIMIT = 10  # candidates per name: namesakes beyond the first ten are rarely the one an article means
IDS_PER_CALL = 50  # wbgetentities' limit for ordinary clients
MAX_RETRIES = 3
BACKOFF_S = 1.0  # then 2, 4 s
MAX_RETRY_AFTER_S = 10.0
MAX_REDIRECTS = 3
MAX_NAME_CHARS = 200
ENTITY_PROPS = "labels|descriptions|aliases|claims|sitelinks"
LANGUAGES = "{lang}|mul"
MODES = ("off", "on-request", "automatic")


class LookupFailed(Exception):
    """The online lookup could not be done; the message says why, in words for the card."""


class LookupConfigError(ValueError):
    """The API URL is not one we may talk to."""


def check_api_url(url: str) -> str:
    """An https URL, or http only to a loopback address."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        raise LookupConfigError(f"wikidata_api_url {url!r} is not a valid URL") from None
    if parts.scheme == "https" and parts.hostname:
        return url
    from ..server import is_loopback  # 127.0.0.0/8, ::1, localhost: the sidecar's own rule

    if parts.scheme == "http" and parts.hostname and is_loopback(parts.hostname):
        return url
    raise LookupConfigError(f"wikidata_api_url must be https:// (or http:// to a loopback address), not {url!r}")


def host_of(url: str) -> str:
    """'www.wikidata.org' (with its port when it has one)."""
    parts = urlsplit(url)
    return parts.netloc.rsplit("@", 1)[-1]


class WikidataClient:
    """The action API over httpx, with the limits above. ``transport`` is for tests (httpx.MockTransport)."""

    def __init__(self, api_url: str, *, timeout_s: float, max_bytes: int, transport: httpx.BaseTransport | None = None,
                 sleep: Callable[[float], None] | None = None) -> None:
        self.api_url = check_api_url(api_url)
        self.timeout_s = timeout_s
        self.max_bytes = max_bytes
        self.sleep = sleep
        self.calls: list[dict] = []  # the parameters of every call made (benchmarks count rounds)
        self._client = httpx.Client(transport=transport, timeout=timeout_s, verify=True, follow_redirects=False,
                                    trust_env=False, headers={"User-Agent": USER_AGENT, "Accept": "application/json",
                                                              "Accept-Encoding": "gzip"})

    def close(self) -> None:
        self._client.close()

    def get(self, params: dict[str, str]) -> dict:
        """One API call (with retries on 429/503); the parsed JSON object."""
        params = {**params, "format": "json"}
        self.calls.append(dict(params))
        for attempt in range(MAX_RETRIES + 1):
            try:
                status, headers, body = self._fetch(self.api_url, params)
            except httpx.TimeoutException:
                raise LookupFailed(f"Wikidata did not answer within {self.timeout_s:g} s") from None
            except httpx.HTTPError as exc:
                raise LookupFailed(f"could not reach Wikidata ({type(exc).__name__})") from None
            if status in (429, 503) and attempt < MAX_RETRIES:
                (self.sleep or time.sleep)(self._wait(headers.get("Retry-After"), attempt))
                continue
            if status != 200:
                raise LookupFailed(f"Wikidata answered HTTP {status}")
            try:
                data = json.loads(body)
            except (ValueError, RecursionError):
                raise LookupFailed("Wikidata's answer was not valid JSON") from None
            if not isinstance(data, dict):
                raise LookupFailed("Wikidata's answer was not a JSON object")
            if isinstance(data.get("error"), dict):
                raise LookupFailed(f"Wikidata refused the request: {str(data['error'].get('info') or data['error'].get('code'))[:200]}")
            return data
        raise LookupFailed("Wikidata is busy (HTTP 429/503 after retries)")

    @staticmethod
    def _wait(retry_after: str | None, attempt: int) -> float:
        backoff = BACKOFF_S * (2 ** attempt)
        if retry_after and retry_after.strip().isdigit():
            return min(max(float(retry_after), backoff), MAX_RETRY_AFTER_S)
        return backoff

    def _fetch(self, url: str, params: dict[str, str] | None) -> tuple[int, httpx.Headers, bytes]:
        """GET with redirects followed by hand, only on the API's own scheme and host; body under the cap."""
        origin = (urlsplit(self.api_url).scheme, host_of(self.api_url))
        deadline = time.monotonic() + self.timeout_s * 2
        for _ in range(MAX_REDIRECTS + 1):
            with self._client.stream("GET", url, params=params) as response:
                if response.is_redirect:
                    target = urljoin(url, response.headers.get("Location", ""))
                    parts = urlsplit(target)
                    if (parts.scheme, parts.netloc) != origin:
                        raise LookupFailed(f"Wikidata's answer redirected to another host ({parts.netloc or target[:60]}); refused")
                    url, params = target, None
                    continue
                declared = response.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > self.max_bytes:
                    raise LookupFailed(f"Wikidata's answer is over the {self.max_bytes:,}-byte limit")
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise LookupFailed(f"Wikidata's answer is over the {self.max_bytes:,}-byte limit")
                    if time.monotonic() > deadline:
                        raise LookupFailed(f"Wikidata's answer took longer than {self.timeout_s * 2:g} s to arrive")
                    chunks.append(chunk)
                return response.status_code, response.headers, b"".join(chunks)
        raise LookupFailed("too many redirects from Wikidata")

    def search(self, name: str, language: str) -> list[dict]:
        """wbsearchentities' hits for a name, best first: [{"id", "label", "matched"}]."""
        data = self.get({"action": "wbsearchentities", "search": name, "language": language, "uselang": language,
                         "type": "item", "limit": str(SEARCH_LIMIT)})
        hits = data.get("search")
        if not isinstance(hits, list):
            raise LookupFailed("Wikidata's search answer has no 'search' list")
        out = []
        for h in hits:
            if isinstance(h, dict) and is_qid(h.get("id")):
                matched = h.get("match", {}).get("text") if isinstance(h.get("match"), dict) else None
                out.append({"id": h["id"], "label": h.get("label") if isinstance(h.get("label"), str) else None,
                            "matched": matched if isinstance(matched, str) else None})
        return out

    def entities(self, qids: list[str], language: str, *, props: str = ENTITY_PROPS) -> dict[str, dict]:
        """wbgetentities for some QIDs, 50 a call; missing items left out."""
        out: dict[str, dict] = {}
        for i in range(0, len(qids), IDS_PER_CALL):
            chunk = qids[i:i + IDS_PER_CALL]
            params = {"action": "wbgetentities", "ids": "|".join(chunk), "props": props,
                      "languages": LANGUAGES.format(lang=language)}
            if "sitelinks" in props:
                params["sitefilter"] = "enwiki"
            data = self.get(params)
            entities = data.get("entities")
            if not isinstance(entities, dict):
                raise LookupFailed("Wikidata's entities answer has no 'entities' object")
            for qid, entity in entities.items():
                if isinstance(entity, dict) and "missing" not in entity and is_qid(entity.get("id")):
                    out[qid] = entity
        return out


@dataclass
class Item:
    """One thing to look up (a card's lookup_request)."""

    name: str
    kind: str  # person | organisation
    language: str = "en"

    @property
    def key(self) -> tuple[str, str]:
        return fold(self.name), self.language


MAX_VARIANTS = 3


def search_variants(item: Item) -> list[str]:
    """What to search for a name: as written; for a person also the full form of a short given name
    ('Bill Hartman' -> 'William Hartman'), the other order of a two-word name ('Minghua Zhang' ->
    'Zhang Minghua'), and the family name alone after an initial ('W. Hartman' -> 'Hartman'). Each is
    still only the name; wbsearchentities matches label and alias prefixes, so these reach people whose
    Wikidata label is written another way."""
    from .match import formal_names

    name = " ".join(item.name.split())[:MAX_NAME_CHARS]
    out = [name]
    words = name.split()
    if item.kind == "person" and len(words) >= 2:
        first = words[0].rstrip(".")
        if len(first) == 1:
            out.append(" ".join(words[1:]))
        for full in sorted(formal_names(fold(first))):
            if len(full) > len(first):
                out.append(" ".join([full.capitalize(), *words[1:]]))
        if len(words) == 2 and len(first) > 1:
            out.append(f"{words[1]} {words[0]}")
    return list(dict.fromkeys(out))[:MAX_VARIANTS]


def today() -> str:
    return date.today().isoformat()


class LookupCache:
    """The on-disk cache of online answers (kb/store.py's shape, writable)."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / CACHE_FILE
        self.store = RecordStore(self.path, writable=True)

    def close(self) -> None:
        self.store.close()


def fetch_round(client: WikidataClient, cache: RecordStore, items: list[Item], *, refresh: bool = False) -> dict[tuple[str, str], str]:
    """Look up every item not cached yet (all when ``refresh``) in one round; returns a status per key.

    Status: 'ok' (fetched now), 'cached' (answered before), or a failure message.
    """
    status: dict[tuple[str, str], str] = {}
    wanted: dict[tuple[str, str], Item] = {}
    for item in items:
        if item.key in status or item.key in wanted:
            continue
        if not refresh and cache.search(*item.key) is not None:
            status[item.key] = "cached"
        else:
            wanted[item.key] = item
    if not wanted:
        return status
    found: dict[tuple[str, str], list[str]] = {}
    try:
        for key, item in wanted.items():
            qids: list[str] = []
            for i, text in enumerate(search_variants(item)):
                hits = client.search(text, item.language)
                qids += [h["id"] for h in hits]
                if i == 0 and any(fold(h["label"] or "") == key[0] or fold(h["matched"] or "") == key[0] for h in hits):
                    break  # the name as written is a label or alias: its other spellings are not needed
            found[key] = list(dict.fromkeys(qids))
        by_lang: dict[str, set[str]] = {}
        for (_, lang), qids in found.items():
            by_lang.setdefault(lang, set()).update(qids)
        records, labels = [], {}
        retrieved = today()
        for lang, qids in by_lang.items():
            entities = client.entities(sorted(qids, key=lambda q: int(q[1:])), lang)
            refs: set[str] = set()
            for entity in entities.values():
                rec = person_record(entity, lang) or organisation_record(entity, lang)
                if rec is not None:
                    records.append((rec, retrieved, retrieved))
                    refs |= references(rec)
                    labels[rec["qid"]] = rec["label"]
            missing = sorted(refs - set(labels) - set(cache.labels(refs)), key=lambda q: int(q[1:]))
            if missing:
                for qid, entity in client.entities(missing, lang, props="labels").items():
                    if (lab := label_of(entity, lang)) is not None:
                        labels[qid] = lab
        cache.save(records, labels, retrieved, found)
    except LookupFailed as exc:
        for key in wanted:
            status[key] = str(exc)
        return status
    for key in wanted:
        status[key] = "ok"
    return status


def stale_before(days: int) -> str:
    return (date.today() - timedelta(days=days)).isoformat()
