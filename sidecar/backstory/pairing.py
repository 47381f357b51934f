"""Pairing: the token (created on first start, kept in a 0600 file, required on every request) and
the one extension origin allowed to use it.

The origin is paired by trust on first use: the first request that carries the valid token and a
browser extension's ``Origin`` (``chrome-extension://ID``, ``moz-extension://UUID`` — Firefox's UUID
differs per install, so it cannot be known in advance) is recorded in ``paired-origin`` next to the
token; from then on other extension origins are refused. ``backstory token --rotate`` makes a new
token and forgets the origin, so the next extension to present the new token is paired. A running
server notices both files changing and applies them without a restart.
"""

from __future__ import annotations

import hmac
import os
import re
import secrets
import threading
from pathlib import Path

TOKEN_FILE = "token"
ORIGIN_FILE = "paired-origin"
# An extension's origin and nothing else: scheme, an ID or UUID, no path, no port.
EXTENSION_ORIGIN = re.compile(r"(?:chrome-extension|moz-extension|safari-web-extension)://[A-Za-z0-9-]{1,64}")
TOKEN_BYTES = 32  # 256 bits from the OS's CSPRNG, url-safe base64 (43 characters)
MIN_TOKEN_CHARS = 32


def token_path(config_dir: Path) -> Path:
    """Where the token lives."""
    return Path(config_dir) / TOKEN_FILE


def _write_private(path: Path, token: str) -> None:
    """Write the token atomically with mode 0600 from the first byte."""
    if not path.parent.exists():
        path.parent.mkdir(parents=True)
        os.chmod(path.parent, 0o700)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(token + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def load_or_create(config_dir: Path) -> str:
    """The existing token, or a new one written to the config dir."""
    path = token_path(config_dir)
    if path.is_file():
        token = path.read_text(encoding="ascii", errors="replace").strip()
        if len(token) >= MIN_TOKEN_CHARS:
            if path.stat().st_mode & 0o077:
                os.chmod(path, 0o600)
            return token
    return rotate(config_dir)


def rotate(config_dir: Path) -> str:
    """Replace the token with a fresh one and forget the paired origin (the extension must be paired again)."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    forget_origin(config_dir)
    _write_private(token_path(config_dir), token)
    return token


def origin_path(config_dir: Path) -> Path:
    """Where the paired extension origin is recorded."""
    return Path(config_dir) / ORIGIN_FILE


def is_extension_origin(origin: str | None) -> bool:
    """True for a well-formed browser-extension origin (never for web pages, ``null`` or file://)."""
    return bool(origin) and EXTENSION_ORIGIN.fullmatch(origin) is not None


def paired_origin(config_dir: Path) -> str | None:
    """The recorded extension origin, or None before the first pairing."""
    try:
        value = origin_path(config_dir).read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return None
    return value if is_extension_origin(value) else None


def record_origin(config_dir: Path, origin: str) -> None:
    """Remember the extension origin (0600, written atomically)."""
    if not is_extension_origin(origin):
        raise ValueError(f"not an extension origin: {origin!r}")
    _write_private(origin_path(config_dir), origin)


def forget_origin(config_dir: Path) -> None:
    """Unpair the extension origin."""
    origin_path(config_dir).unlink(missing_ok=True)


def matches(expected: str, given: str | None) -> bool:
    """Constant-time comparison of the request's token with ours."""
    if not given:
        return False
    return hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8", "replace"))


class Pairing:
    """The server's view of the token and the paired origin; re-reads both files when they change,
    so ``backstory token --rotate`` takes effect on a running server."""

    def __init__(self, config_dir: Path, token: str | None = None) -> None:
        self.config_dir = Path(config_dir)
        self._fixed = token  # tests and embedders may give the token; the origin still lives on disk
        self._lock = threading.Lock()
        self._token = token or load_or_create(self.config_dir)
        self._token_sig = self._signature(token_path(self.config_dir))

    @staticmethod
    def _signature(path: Path) -> tuple | None:
        try:
            st = path.stat()
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def token(self) -> str:
        """The current token (re-read when the token file changed)."""
        if self._fixed:
            return self._fixed
        path = token_path(self.config_dir)
        with self._lock:
            sig = self._signature(path)
            if sig != self._token_sig:
                self._token = load_or_create(self.config_dir)
                self._token_sig = self._signature(path)
            return self._token

    def token_matches(self, given: str | None) -> bool:
        """Constant-time check of a request's token."""
        return matches(self.token(), given)

    def origin_allowed(self, origin: str, *, pair: bool) -> bool:
        """Is this extension origin the paired one? With ``pair`` (the request carried the valid token)
        and no origin paired yet, it becomes the paired one."""
        if not is_extension_origin(origin):
            return False
        with self._lock:
            current = paired_origin(self.config_dir)
            if current is None:
                if pair:
                    record_origin(self.config_dir, origin)
                    return True
                return True  # a preflight before pairing: it carries no token and gets no data
            return hmac.compare_digest(current, origin)
