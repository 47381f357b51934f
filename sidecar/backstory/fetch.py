"""The CLI's only network use: fetching a page whose URL the user typed.

http(s) only, TLS verification always on, redirects followed by hand (each hop re-checked),
a time limit and a size cap; the body is decoded to text here so that only text reaches
the extract stage.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import httpx

from . import __version__
from .errors import FetchError, TooLarge

MAX_REDIRECTS = 5
USER_AGENT = f"Backstory/{__version__} (+local news-context tool; fetches only URLs its user types)"
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w.:-]+)""", re.I)


def _check_scheme(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise FetchError(f"only http:// and https:// URLs can be fetched, not {url[:100]!r}")


def decode(body: bytes, header_charset: str | None) -> str:
    """Bytes to text: the header's charset, else the page's <meta charset>, else UTF-8 (bad bytes replaced)."""
    candidates = [header_charset]
    m = _META_CHARSET.search(body[:4096])
    if m:
        candidates.append(m.group(1).decode("ascii", "replace"))
    for enc in candidates:
        if enc:
            try:
                return body.decode(enc)
            except (LookupError, UnicodeDecodeError):
                continue
    return body.decode("utf-8", "replace")


def fetch(url: str, *, timeout_s: float, max_bytes: int, transport: httpx.BaseTransport | None = None) -> tuple[str, str]:
    """GET a page: (final URL, decoded HTML). Raises FetchError or TooLarge with a readable message."""
    _check_scheme(url)
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
               "Accept-Encoding": "identity"}
    with httpx.Client(transport=transport, timeout=timeout_s, verify=True, follow_redirects=False, headers=headers) as client:
        for _ in range(MAX_REDIRECTS + 1):
            try:
                with client.stream("GET", url) as response:
                    if response.is_redirect:
                        location = response.headers.get("Location", "")
                        url = urljoin(url, location)
                        _check_scheme(url)
                        continue
                    if response.status_code >= 400:
                        raise FetchError(f"the server answered {response.status_code} {response.reason_phrase} for {url}")
                    ctype = response.headers.get("Content-Type", "text/html")
                    if not any(t in ctype for t in ("html", "xml", "text/plain")):
                        raise FetchError(f"{url} is not a web page (Content-Type: {ctype})")
                    declared = response.headers.get("Content-Length")
                    if declared and declared.isdigit() and int(declared) > max_bytes:
                        raise TooLarge(f"the page is {int(declared):,} bytes; the limit is {max_bytes:,}")
                    if response.headers.get("Content-Encoding", "identity").lower() not in {"identity", ""}:
                        raise FetchError("the server sent a compressed body although we asked for none")
                    chunks, size = [], 0
                    for chunk in response.iter_bytes():  # identity encoding checked above: nothing is inflated
                        size += len(chunk)
                        if size > max_bytes:
                            raise TooLarge(f"the page is over the {max_bytes:,}-byte limit")
                        chunks.append(chunk)
                    return url, decode(b"".join(chunks), response.charset_encoding)
            except httpx.TimeoutException as exc:
                raise FetchError(f"timed out after {timeout_s:g} s fetching {url}") from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"could not fetch {url}: {exc}") from exc
    raise FetchError(f"more than {MAX_REDIRECTS} redirects starting at the URL given")
