"""The pairing token: created on first start, kept in a 0600 file, required on every request."""

from __future__ import annotations

import hmac
import os
import secrets
from pathlib import Path

TOKEN_FILE = "token"
TOKEN_BYTES = 32  # 256 bits from the OS's CSPRNG, url-safe base64 (43 characters)
MIN_TOKEN_CHARS = 32


def token_path(config_dir: Path) -> Path:
    """Where the token lives."""
    return Path(config_dir) / TOKEN_FILE


def _write_private(path: Path, token: str) -> None:
    """Write the token atomically with mode 0600 from the first byte."""
    path.parent.mkdir(parents=True, exist_ok=True)
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
    """Replace the token with a fresh one (the extension must be paired again)."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    _write_private(token_path(config_dir), token)
    return token


def matches(expected: str, given: str | None) -> bool:
    """Constant-time comparison of the request's token with ours."""
    if not given:
        return False
    return hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8", "replace"))
