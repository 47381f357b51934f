"""Pairing: one secret per browser, each bound to that browser's extension origin on first use.

Files in the config dir (all mode 0600, each written to a temporary file, fsynced and renamed over
the old one, so a ``kill -9`` leaves either the old or the new file, never half of one):

``token``
    The secret of the **default** pairing, the one every install has (what ``backstory token``
    prints, as before per-browser pairing existed). Created on first start.
``pairs.json``
    ``{"version": 1, "pairs": {ID: {...}}}``: every pairing's origin, browser, label, created and
    last-seen times, and the secret of every pairing but the default one (whose secret stays in
    ``token``). ``backstory pair`` adds one, ``backstory unpair ID`` removes one.
``.pairs.lock``
    An advisory lock (``flock``) held while ``pairs.json`` is read, changed and written, so the CLI
    and a running server never lose each other's changes.
``paired-origin``
    Before per-browser pairing, the one paired extension origin. Read once into ``pairs.json`` as the
    default pairing's origin, then removed (see :meth:`Store.load`).

A pairing is **bound** by trust on first use: the first request proven to come from a holder of its
secret (the handshake of :mod:`backstory.handshake`, or a bearer token) with a browser extension's
``Origin`` records that origin; from then on that secret is refused from any other origin. Firefox
gives each install its own ``moz-extension://UUID``, so the origin cannot be known in advance.

A running server re-reads both files when they change (``backstory pair`` and ``unpair`` take effect
without a restart); it writes ``pairs.json`` only to bind an origin and, at most once a minute per
pairing, to record when it was last seen.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .files import fsync_dir
from typing import Any

from filelock import FileLock, Timeout

from .errors import BackstoryError

log = logging.getLogger(__name__)

TOKEN_FILE = "token"
ORIGIN_FILE = "paired-origin"  # before per-browser pairing: the one paired origin (migrated, then removed)
PAIRS_FILE = "pairs.json"
LOCK_FILE = ".pairs.lock"
PAIRS_VERSION = 1
DEFAULT_ID = "default"
# An extension's origin and nothing else: scheme, an ID or UUID, no path, no port.
EXTENSION_ORIGIN = re.compile(r"(?:chrome-extension|moz-extension|safari-web-extension)://[A-Za-z0-9-]{1,64}")
PAIR_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,31}")
TOKEN_BYTES = 32  # 256 bits from the OS's CSPRNG, url-safe base64 (43 characters)
MIN_TOKEN_CHARS = 32
MAX_LABEL_CHARS = 80
LAST_SEEN_EVERY_S = 60.0  # a running server records "last seen" at most this often per pairing
LOCK_TIMEOUT_S = 10.0
KEY_ID_LABEL = b"backstory-pair-v1 key-id"


class PairingError(BackstoryError):
    """A pairing command cannot do what was asked (unknown ID, damaged file, lock held too long)."""

    code = "pairing"


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def key_id(secret: str) -> str:
    """The public name of a secret: 16 hex digits of HMAC-SHA256(secret, label). The extension sends it
    in the handshake so the sidecar knows which secret to prove; it tells nothing about the secret."""
    return hmac.new(secret.encode("utf-8"), KEY_ID_LABEL, hashlib.sha256).hexdigest()[:16]


def new_secret() -> str:
    """A fresh pairing secret (what the reader pastes into the extension's options)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def is_extension_origin(origin: str | None) -> bool:
    """True for a well-formed browser-extension origin (never for web pages, ``null`` or file://)."""
    return bool(origin) and EXTENSION_ORIGIN.fullmatch(origin) is not None


_UA_BROWSERS = (("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"))


def browser_name(origin: str, user_agent: str | None) -> str:
    """A short name for the browser behind an extension origin ('Firefox 153', 'Chrome 156'), from the
    origin's scheme and, where it agrees with it, the User-Agent's version. Shown by ``backstory pairs``."""
    family = {"moz-extension": "Firefox", "chrome-extension": "Chromium", "safari-web-extension": "Safari"}.get(
        origin.split("://", 1)[0], "unknown")
    ua = (user_agent or "")[:512]
    for marker, name in _UA_BROWSERS:
        m = re.search(re.escape(marker) + r"(\d{1,4})", ua)
        if m:
            if (family == "Firefox") == (name == "Firefox"):
                return f"{name} {m.group(1)}"
            break
    return family


@dataclass(frozen=True)
class Pair:
    """One browser's pairing. ``secret`` is never shown by ``backstory pairs``."""

    id: str
    secret: str
    origin: str | None = None
    browser: str | None = None
    label: str | None = None
    created: str | None = None
    last_seen: str | None = None

    @property
    def kid(self) -> str:
        return key_id(self.secret)

    def public(self) -> dict[str, Any]:
        """Everything but the secret (``backstory pairs --json``)."""
        return {"id": self.id, "origin": self.origin, "browser": self.browser, "label": self.label,
                "created": self.created, "last_seen": self.last_seen}


# ---- files ----------------------------------------------------------------------------------------

def token_path(config_dir: Path) -> Path:
    """Where the default pairing's secret lives."""
    return Path(config_dir) / TOKEN_FILE


def origin_path(config_dir: Path) -> Path:
    """Where the single paired origin lived before per-browser pairing (migrated on first load)."""
    return Path(config_dir) / ORIGIN_FILE


def pairs_path(config_dir: Path) -> Path:
    """Where the pairings are listed."""
    return Path(config_dir) / PAIRS_FILE


def _ensure_dir(path: Path) -> None:
    if not path.exists():
        path.mkdir(parents=True)
        os.chmod(path, 0o700)


def _write_private(path: Path, text: str) -> None:
    """Write ``text`` atomically with mode 0600 from the first byte, and make the rename durable."""
    _ensure_dir(path.parent)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


@contextmanager
def _lock(config_dir: Path) -> Iterator[None]:
    """Hold the pairings' lock (another process holding it longer than LOCK_TIMEOUT_S is an error)."""
    _ensure_dir(Path(config_dir))
    lock = FileLock(str(Path(config_dir) / LOCK_FILE), timeout=LOCK_TIMEOUT_S, mode=0o600)
    try:
        lock.acquire()
    except Timeout:
        raise PairingError(f"another Backstory process has held {Path(config_dir) / LOCK_FILE} for over "
                           f"{LOCK_TIMEOUT_S:.0f} s; try again") from None
    try:
        yield
    finally:
        lock.release()


def _read_token(config_dir: Path) -> str | None:
    """The default secret, or None when the file is missing or too short to be one."""
    path = token_path(config_dir)
    try:
        token = path.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return None
    if len(token) < MIN_TOKEN_CHARS:
        return None
    if path.stat().st_mode & 0o077:
        os.chmod(path, 0o600)
    return token


def load_or_create(config_dir: Path) -> str:
    """The default pairing's secret, created (with the pairing forgotten) when missing or weak."""
    return _read_token(config_dir) or rotate(config_dir)


def rotate(config_dir: Path) -> str:
    """A new secret for the default pairing; its browser is forgotten (the next extension to present the
    new secret is bound to it). Other pairings are untouched."""
    token = new_secret()
    store = Store(config_dir)
    with store.locked():
        data = store._read_locked()
        label = (data["pairs"].get(DEFAULT_ID) or {}).get("label")
        data["pairs"][DEFAULT_ID] = {"created": _now()} | ({"label": label} if label else {})
        store._write_locked(data)  # first forget the browser: killed here, the old token stays, unbound
        _write_private(token_path(config_dir), token + "\n")
    return token


def paired_origin(config_dir: Path) -> str | None:
    """The default pairing's origin, or None before it is bound."""
    return (Store(config_dir)._data()["pairs"].get(DEFAULT_ID) or {}).get("origin")


def record_origin(config_dir: Path, origin: str) -> None:
    """Bind the default pairing to ``origin`` (0600, written atomically)."""
    if not is_extension_origin(origin):
        raise ValueError(f"not an extension origin: {origin!r}")
    Store(config_dir).bind(DEFAULT_ID, origin, browser=browser_name(origin, None), key=None)


def forget_origin(config_dir: Path) -> None:
    """Unbind the default pairing (the next extension with its secret is bound)."""
    store = Store(config_dir)
    with store.locked():
        data = store._read_locked()
        entry = data["pairs"].get(DEFAULT_ID)
        if entry and entry.get("origin"):
            entry.pop("origin", None)
            entry.pop("browser", None)
            store._write_locked(data)


def matches(expected: str, given: str | None) -> bool:
    """Constant-time comparison of a request's token with a secret."""
    if not given:
        return False
    return hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8", "replace"))


# ---- pairs.json -------------------------------------------------------------------------------------

def _check_entry(pid: str, entry: Any) -> str | None:
    """What is wrong with one entry of pairs.json, or None."""
    if not PAIR_ID.fullmatch(pid):
        return f"the ID {pid!r} is not a pairing ID"
    if not isinstance(entry, dict):
        return f"pairing {pid} is not an object"
    secret = entry.get("secret")
    if pid == DEFAULT_ID:
        if secret is not None:
            return "the default pairing's secret belongs in the token file"
    elif not isinstance(secret, str) or len(secret) < MIN_TOKEN_CHARS:
        return f"pairing {pid} has no valid secret"
    origin = entry.get("origin")
    if origin is not None and not is_extension_origin(origin):
        return f"pairing {pid} has an origin that is not an extension's: {origin!r}"
    for key in ("browser", "label", "created", "last_seen"):
        if entry.get(key) is not None and not isinstance(entry[key], str):
            return f"pairing {pid}: {key} must be text"
    return None


def _parse(raw: str) -> tuple[dict[str, Any] | None, str | None]:
    """(data, None) for a valid pairs.json, or (None, what is wrong)."""
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        return None, f"it is not valid JSON ({exc})"
    if not isinstance(data, dict) or not isinstance(data.get("pairs"), dict):
        return None, 'it must be an object with a "pairs" object'
    if data.get("version") != PAIRS_VERSION:
        return None, f"version {data.get('version')!r} is not {PAIRS_VERSION}"
    for pid, entry in data["pairs"].items():
        problem = _check_entry(pid, entry)
        if problem:
            return None, problem
    return data, None


class Store:
    """The pairings on disk: read without a lock (files are replaced whole), changed under the lock."""

    def __init__(self, config_dir: Path, default_secret: str | None = None) -> None:
        self.config_dir = Path(config_dir)
        self._default_secret = default_secret  # fixed by tests and embedders; else the token file

    def _default(self) -> str | None:
        return self._default_secret or _read_token(self.config_dir)

    def locked(self) -> Any:
        """The lock around changes to pairs.json (a context manager)."""
        return _lock(self.config_dir)

    # Reading and writing pairs.json: callers hold the lock.
    def _read_locked(self) -> dict[str, Any]:
        path = pairs_path(self.config_dir)
        try:
            raw = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return self._migrate_locked()
        data, problem = _parse(raw)
        if data is None:
            aside = path.with_name(f"{PAIRS_FILE}.damaged-{datetime.now(UTC).strftime('%Y%m%dT%H%M%S')}-{secrets.token_hex(2)}")
            os.replace(path, aside)
            log.error("%s is damaged (%s): moved aside to %s; browsers other than the default one must be paired "
                      "again with `backstory pair`", path, problem, aside.name)
            return {"version": PAIRS_VERSION, "pairs": {}}
        origin_path(self.config_dir).unlink(missing_ok=True)  # a leftover of a migration cut short
        return data

    def _migrate_locked(self) -> dict[str, Any]:
        """No pairs.json yet: today's ``paired-origin`` becomes the default pairing's origin. The new file
        is written first and the old one removed after, so a kill in between loses nothing."""
        data: dict[str, Any] = {"version": PAIRS_VERSION, "pairs": {}}
        legacy = origin_path(self.config_dir)
        try:
            origin = legacy.read_text(encoding="ascii", errors="replace").strip()
        except OSError:
            return data
        if is_extension_origin(origin):
            created = None
            try:
                created = datetime.fromtimestamp(token_path(self.config_dir).stat().st_mtime, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            except OSError:
                pass
            data["pairs"][DEFAULT_ID] = {"origin": origin, "browser": browser_name(origin, None), "created": created}
            self._write_locked(data)
            log.info("migrated %s into %s", ORIGIN_FILE, PAIRS_FILE)
        legacy.unlink(missing_ok=True)
        return data

    def _write_locked(self, data: dict[str, Any]) -> None:
        _write_private(pairs_path(self.config_dir), json.dumps(data, indent=2, ensure_ascii=False) + "\n")

    def _pairs_from(self, data: dict[str, Any], default_secret: str | None) -> dict[str, Pair]:
        out: dict[str, Pair] = {}
        if default_secret:
            meta = data["pairs"].get(DEFAULT_ID) or {}
            out[DEFAULT_ID] = Pair(id=DEFAULT_ID, secret=default_secret, **_meta(meta))
        for pid, entry in data["pairs"].items():
            if pid != DEFAULT_ID:
                out[pid] = Pair(id=pid, secret=entry["secret"], **_meta(entry))
        return out

    def load(self, default_secret: str | None = None) -> dict[str, Pair]:
        """Every pairing by ID, the default one first (when its token exists or ``default_secret`` is given).
        Migrates ``paired-origin`` and moves a damaged ``pairs.json`` aside (with a logged error) under the lock."""
        secret = default_secret or self._default()
        data = self._data()
        return self._pairs_from(data, secret)

    def _data(self) -> dict[str, Any]:
        """pairs.json as it is (migrating ``paired-origin`` or moving a damaged file aside first, under the lock)."""
        data = None
        if not origin_path(self.config_dir).exists():
            try:
                raw = pairs_path(self.config_dir).read_text(encoding="utf-8")
            except FileNotFoundError:
                data = {"version": PAIRS_VERSION, "pairs": {}}
            else:
                data, _ = _parse(raw)
        if data is None:  # migration pending, or a damaged file to move aside: do it under the lock
            with self.locked():
                data = self._read_locked()
        return data

    def get(self, pid: str) -> Pair | None:
        return self.load().get(pid)

    def create(self, label: str | None = None) -> Pair:
        """A new pairing with a fresh secret and a short random ID."""
        label = _clean_label(label)
        with self.locked():
            data = self._read_locked()
            taken = set(data["pairs"]) | {DEFAULT_ID}
            kids = {key_id(e["secret"]) for e in data["pairs"].values() if e.get("secret")}
            default = self._default()
            if default:
                kids.add(key_id(default))
            while True:
                pid, secret = secrets.token_hex(3), new_secret()
                if pid not in taken and key_id(secret) not in kids:
                    break
            entry = {"secret": secret, "created": _now()}
            if label:
                entry["label"] = label
            data["pairs"][pid] = entry
            self._write_locked(data)
        return Pair(id=pid, secret=secret, label=label, created=entry["created"])

    def remove(self, pid: str) -> Pair:
        """Remove a pairing: its secret stops working at once. The default pairing cannot be removed
        (``backstory token`` must keep working): removing it gives it a new secret, unbound."""
        with self.locked():
            data = self._read_locked()
            pairs = self._pairs_from(data, self._default())
            if pid not in pairs:
                raise PairingError(_unknown(pid, pairs))
            gone = pairs[pid]
            if pid == DEFAULT_ID:
                data["pairs"][DEFAULT_ID] = {"created": _now()}
                self._write_locked(data)
                _write_private(token_path(self.config_dir), new_secret() + "\n")
            else:
                del data["pairs"][pid]
                self._write_locked(data)
        return gone

    def rotate(self, pid: str) -> Pair:
        """A new secret for one pairing, its browser forgotten; the others are untouched."""
        if pid == DEFAULT_ID:
            secret = rotate(self.config_dir)
            return Pair(id=DEFAULT_ID, secret=secret, created=_now())
        with self.locked():
            data = self._read_locked()
            entry = data["pairs"].get(pid)
            if entry is None or pid == DEFAULT_ID:
                raise PairingError(_unknown(pid, self._pairs_from(data, self._default())))
            fresh = {"secret": new_secret(), "created": _now()}
            if entry.get("label"):
                fresh["label"] = entry["label"]
            data["pairs"][pid] = fresh
            self._write_locked(data)
        return Pair(id=pid, secret=fresh["secret"], label=fresh.get("label"), created=fresh["created"])

    def bind(self, pid: str, origin: str, *, browser: str | None, key: str | None) -> str:
        """Bind pairing ``pid`` to ``origin`` unless it is bound already. ``key`` (the secret's key id,
        None to skip the check) must still be the pairing's: a rotation in between wins. Returns the
        origin the pairing is bound to afterwards (``origin`` on success), or "" when it is gone."""
        with self.locked():
            data = self._read_locked()
            pairs = self._pairs_from(data, self._default())
            pair = pairs.get(pid)
            if pair is None or (key is not None and pair.kid != key):
                return ""
            if pair.origin:
                return pair.origin
            entry = data["pairs"].setdefault(pid, {})
            entry["origin"] = origin
            entry["browser"] = browser
            entry["last_seen"] = _now()
            entry.setdefault("created", _now())
            self._write_locked(data)
        return origin

    def touch(self, seen: dict[str, str]) -> None:
        """Record when pairings were last seen (``{id: time}``); pairings removed meanwhile are skipped."""
        with self.locked():
            data = self._read_locked()
            secret = self._default()
            changed = False
            for pid, when in seen.items():
                if pid == DEFAULT_ID and not secret:
                    continue
                entry = data["pairs"].get(pid) if pid != DEFAULT_ID else data["pairs"].setdefault(DEFAULT_ID, {})
                if entry is not None and (entry.get("last_seen") or "") < when:
                    entry["last_seen"] = when
                    changed = True
            if changed:
                self._write_locked(data)


def _meta(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: entry.get(k) for k in ("origin", "browser", "label", "created", "last_seen")}


def _clean_label(label: str | None) -> str | None:
    if label is None:
        return None
    text = " ".join(label.split())
    if any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in text):
        raise PairingError("the label may not contain control characters")
    if len(text) > MAX_LABEL_CHARS:
        raise PairingError(f"the label is over {MAX_LABEL_CHARS} characters")
    return text or None


def _unknown(pid: str, pairs: dict[str, Pair]) -> str:
    known = ", ".join(pairs) or "none"
    return f"no pairing has the ID {pid!r} (known: {known}); `backstory pairs` lists them"


# ---- the server's view ------------------------------------------------------------------------------

class Pairing:
    """The server's view of the pairings: re-reads ``token`` and ``pairs.json`` when either changes, so
    ``backstory pair``, ``unpair`` and ``token --rotate`` take effect on a running server."""

    def __init__(self, config_dir: Path, token: str | None = None) -> None:
        self.config_dir = Path(config_dir)
        self.store = Store(self.config_dir, token)
        self._fixed = token  # tests and embedders may give the default secret; the rest lives on disk
        self._lock = threading.Lock()
        if token is None:
            load_or_create(self.config_dir)
        self._sig: tuple | None = None
        self._pairs: dict[str, Pair] = {}
        self._by_kid: dict[str, Pair] = {}
        self._seen: dict[str, str] = {}
        self._seen_written: dict[str, float] = {}
        self.pairs()

    @staticmethod
    def _signature(path: Path) -> tuple | None:
        try:
            st = path.stat()
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def pairs(self) -> dict[str, Pair]:
        """Every pairing by ID (re-read when a file changed)."""
        with self._lock:
            sig = (self._signature(token_path(self.config_dir)), self._signature(pairs_path(self.config_dir)),
                   self._signature(origin_path(self.config_dir)))
            if sig != self._sig:
                secret = self._fixed or load_or_create(self.config_dir)
                self._pairs = self.store.load(secret)
                self._by_kid = {p.kid: p for p in self._pairs.values()}
                self._sig = (self._signature(token_path(self.config_dir)), self._signature(pairs_path(self.config_dir)),
                             self._signature(origin_path(self.config_dir)))
            return self._pairs

    def by_kid(self, kid: str) -> Pair | None:
        """The pairing whose secret has this key id."""
        self.pairs()
        return self._by_kid.get(kid)

    def by_token(self, given: str | None) -> Pair | None:
        """The pairing whose secret is ``given`` (a bearer token), compared in constant time with each."""
        if not given:
            return None
        found = None
        for pair in self.pairs().values():
            if matches(pair.secret, given):
                found = pair
        return found

    def preflight_allowed(self, origin: str) -> bool:
        """A CORS preflight carries no credentials: answer it for an extension origin that is bound to a
        pairing, or while some pairing is still unbound (it may be the one about to be bound)."""
        if not is_extension_origin(origin):
            return False
        return any(p.origin is None or hmac.compare_digest(p.origin, origin) for p in self.pairs().values())

    def bind(self, pair: Pair, origin: str, user_agent: str | None) -> bool:
        """Is ``pair`` bound to ``origin`` (binding it now if it is unbound)? Called only once the request
        has proven it holds the pairing's secret."""
        if pair.origin is not None:
            return hmac.compare_digest(pair.origin, origin)
        with self._lock:
            bound = self.store.bind(pair.id, origin, browser=browser_name(origin, user_agent), key=pair.kid)
        if bound:
            log.info("pairing %s bound to %s", pair.id, origin)
        self.pairs()
        return bool(bound) and hmac.compare_digest(bound, origin)

    def seen(self, pair: Pair) -> None:
        """Note that ``pair`` was used now; written to pairs.json at most once a minute per pairing."""
        now = time.monotonic()
        with self._lock:
            self._seen[pair.id] = _now()
            if now - self._seen_written.get(pair.id, -LAST_SEEN_EVERY_S) < LAST_SEEN_EVERY_S:
                return
            self._seen_written[pair.id] = now
            pending, self._seen = self._seen, {}
        try:
            self.store.touch(pending)
        except (OSError, BackstoryError) as exc:  # a lock held too long, a full disk: not worth failing a request
            log.warning("could not record when pairings were last seen: %s", exc)

    def flush(self) -> None:
        """Write pending last-seen times (at shutdown)."""
        with self._lock:
            pending, self._seen = self._seen, {}
        if pending:
            try:
                self.store.touch(pending)
            except (OSError, BackstoryError) as exc:
                log.warning("could not record when pairings were last seen: %s", exc)

