"""What names an answer: the page URL as accepted, and the pipeline version an answer was made with.

Kept apart from pipeline.py, which imports every stage (trafilatura, spaCy: seconds), so that the server
process can check URLs and key its cache without them (fast start, issue 27).
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from . import __version__
from .errors import InputError


@functools.lru_cache(maxsize=4)
def code_digest(root: Path = Path(__file__).parent) -> str:
    """A digest of the package's own source files: an update of the code without a version bump still
    changes the pipeline version, so the cache never answers with what older code found."""
    digest = hashlib.sha256()
    # the rules' word lists are data (lexicon/*/*.toml) but change answers as code does
    for path in sorted([*root.rglob("*.py"), *root.glob("lexicon/*/*.toml")]):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def pipeline_version(model: str, kb_version: str, settings: Any, digest: str) -> str:
    """Changes whenever an answer could change: code (``digest``), model, knowledge base (bundled data,
    imports and the reader's notes and lists) and the limits that cut what is read."""
    raw = f"{__version__}|{digest}|{model}|{kb_version}|{settings.max_text_chars}|{settings.max_tokens}"
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def check_url(url: object) -> str:
    """The page URL must be an absolute http(s) URL."""
    if not isinstance(url, str) or not url.strip():
        raise InputError("url must be a non-empty string")
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError as exc:  # ('http://[x/': an IPv6 literal never closed)
        raise InputError(f"url is not a valid URL: {url[:100]!r}") from exc
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise InputError(f"url must be an absolute http(s) URL, not {url[:100]!r}")
    return url
