"""The inputs of ``backstory batch``, read as streams: one page in memory at a time, whatever the input's size.

Kinds (told apart by the path, or by the first line for a list of URLs):

- a folder: every ``*.html``, ``*.htm``, ``*.xhtml`` (also ``.gz``) below it, in sorted order; a page's URL is
  its canonical link or ``og:url``, else ``http://unknown.invalid/<path in the folder>``;
- a saved page (``page.html``): the same, alone;
- WARC files (``.warc``, ``.warc.gz``; read with warcio): ``response`` records with status 200 and
  ``resource`` records whose content type is HTML; other records are not pages and are only counted;
- JSONL (``.jsonl``, ``.ndjson``, also ``.gz``): one ``{"url": …, "html": …}`` object per line;
- a list of URLs (any other text file whose first line is an http(s) URL; ``#`` starts a comment):
  fetched only with ``--fetch`` (fetching.py).

Every item says where it came from (``source``: the input as given, ``key``: the file in the folder, the
WARC record's offset, the JSONL line, the URL). What cannot be read becomes an :class:`Unreadable`
with an error code, never a silent gap.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO
from urllib.parse import quote
from zlib import error as ZlibError

from ..errors import InputError
from ..fetch import decode

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
UNKNOWN_URL = "http://unknown.invalid/"
# a line of a URL list is one URL; anything longer is not one
MAX_URL_CHARS = 8192
_CANONICAL = (re.compile(r'<link[^>]+rel=["\']canonical["\'][^>]+href=["\']([^"\']+)', re.I),
              re.compile(r'<meta[^>]+property=["\']og:url["\'][^>]+content=["\']([^"\']+)', re.I))
_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class Item:
    """One page to analyse. ``html`` is None for a URL not fetched yet (then ``url`` is the URL to fetch)."""

    kind: str  # folder | file | warc | jsonl | urls
    source: str
    key: str
    url: str
    html: str | None

    @property
    def where(self) -> dict[str, str]:
        """Where the page came from, as the results and errors files record it."""
        return {"kind": self.kind, "source": self.source, "key": self.key}


@dataclass(frozen=True)
class Unreadable:
    """An input item that could not be read: it goes to the errors file with its code."""

    kind: str
    source: str
    key: str
    code: str
    message: str
    url: str | None = None

    @property
    def where(self) -> dict[str, str]:
        return {"kind": self.kind, "source": self.source, "key": self.key}


@dataclass(frozen=True)
class NotAPage:
    """A WARC record that holds no page (a request, an image, a redirect): counted, not analysed."""

    kind: str
    source: str
    key: str


Entry = Item | Unreadable | NotAPage


def content_sha256(html: str) -> str:
    """The hash of a page's text (UTF-8), the same whether it came from a folder, a WARC or a JSONL line."""
    return hashlib.sha256(html.encode("utf-8", "surrogatepass")).hexdigest()


def page_id(url: str, html: str) -> str:
    """The stable id of a page: its URL plus the hash of its content (32 hex digits)."""
    return hashlib.sha256(f"{url}\0{content_sha256(html)}".encode("utf-8", "surrogatepass")).hexdigest()[:32]


def url_from_page(html: str) -> str | None:
    """A saved page's own URL, from its canonical link or og:url."""
    head = html[:200_000]
    for pattern in _CANONICAL:
        m = pattern.search(head)
        if m and m.group(1).startswith(("http://", "https://")):
            return m.group(1).strip()
    return None


def kind_of(path: Path) -> str:
    """What kind of input a path is; InputError with the kinds accepted when it is none of them."""
    name = path.name.lower()
    if path.is_dir():
        return "folder"
    if not path.is_file():
        raise InputError(f"{path}: no such file or folder")
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(PAGE_SUFFIXES):
        return "file"
    if _first_line(path).lower().startswith(("http://", "https://")):
        return "urls"
    raise InputError(f"{path}: not a folder, a saved page (.html), a WARC (.warc, .warc.gz), a JSONL file (.jsonl) "
                     "or a list of URLs (a text file with one http(s) URL per line)")


def _first_line(path: Path) -> str:
    with path.open("rb") as fh:
        for raw in fh:
            line = raw[:MAX_URL_CHARS].decode("utf-8", "replace").strip()
            if line and not line.startswith("#"):
                return line
    return ""


def _open(path: Path) -> BinaryIO:
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else path.open("rb")


def check(path: Path, *, fetch: bool) -> str:
    """The kind of an input, refusing a list of URLs without ``fetch`` (InputError says what to do)."""
    kind = kind_of(path)
    if kind == "urls" and not fetch:
        raise InputError(f"{path} is a list of URLs: add --fetch to fetch them (the only network use of "
                         "backstory batch; one request at a time per host, fetch_delay_s apart)")
    return kind


def read(path: Path, *, max_bytes: int, fetch: bool = False) -> Iterator[Entry]:
    """Every entry of one input, streamed. A list of URLs needs ``fetch`` (InputError otherwise)."""
    kind = check(path, fetch=fetch)
    source = str(path)
    if kind == "folder":
        yield from _folder(path, source, max_bytes)
    elif kind == "file":
        yield _saved_page(path, source, path.name, "file", max_bytes)
    elif kind == "warc":
        yield from _warc(path, source, max_bytes)
    elif kind == "jsonl":
        yield from _jsonl(path, source, max_bytes)
    else:
        yield from _urls(path, source)


def count(path: Path) -> int | None:
    """How many entries an input holds, when that is cheap to know without parsing (None for a WARC)."""
    kind = kind_of(path)
    if kind == "folder":
        return sum(1 for _ in _page_files(path))
    if kind == "file":
        return 1
    if kind == "jsonl":
        with _open(path) as fh:
            return sum(1 for line in fh if line.strip())
    if kind == "urls":
        with path.open("rb") as fh:
            return sum(1 for line in fh if line.strip() and not line.lstrip().startswith(b"#"))
    return None


def _page_files(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if name.lower().endswith(PAGE_SUFFIXES):
                yield Path(dirpath) / name


def _folder(root: Path, source: str, max_bytes: int) -> Iterator[Entry]:
    for path in _page_files(root):
        yield _saved_page(path, source, path.relative_to(root).as_posix(), "folder", max_bytes)


def _saved_page(path: Path, source: str, key: str, kind: str, max_bytes: int) -> Entry:
    try:
        with _open(path) as fh:
            raw = fh.read(max_bytes + 1)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        return Unreadable(kind, source, key, "read", f"{path}: cannot read ({exc})")
    if len(raw) > max_bytes:
        return Unreadable(kind, source, key, "too_large", f"{path} is over the {max_bytes:,}-byte limit (max_body_bytes)")
    html = decode(raw, None)
    return Item(kind, source, key, url_from_page(html) or UNKNOWN_URL + quote(key), html)


def _warc(path: Path, source: str, max_bytes: int) -> Iterator[Entry]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    with path.open("rb") as fh:
        records = ArchiveIterator(fh)
        key, end = "offset 0", 0
        size = path.stat().st_size
        try:
            for record in records:
                declared = record.rec_headers.get_header("Content-Length") or ""
                entry = _warc_record(record, source, "", max_bytes)  # the body first: the offset reads to the record's end
                offset = records.get_record_offset()
                key, end = f"offset {offset}", offset + records.get_record_length()
                if not records.reader.decompressor and declared.isdigit() and int(declared) > size - offset:
                    yield Unreadable("warc", source, key, "read", f"{path}: the archive is cut short in the record at {key}")
                    return
                if entry is not None:
                    yield replace(entry, key=key)
            if end < size and fh.seek(end) is not None and fh.read(size - end).strip(b"\r\n"):
                # warcio ends quietly where a record is cut short: say so, or its page would vanish unseen
                yield Unreadable("warc", source, f"offset {end}", "read", f"{path}: the archive is cut short or damaged "
                                 f"at offset {end} ({size - end:,} bytes that are no whole record); the records before it were read")
        except (ArchiveLoadFailed, OSError, EOFError, ValueError, ZlibError) as exc:
            yield Unreadable("warc", source, key, "read", f"{path}: the archive is damaged at or after {key} ({exc}); "
                             "the records before it were read")


def _warc_record(record, source: str, key: str, max_bytes: int) -> Entry | None:  # noqa: ANN001 - warcio's record
    rtype = record.rec_type
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    if rtype == "response":
        if record.http_headers is None:
            return NotAPage("warc", source, key)
        status = record.http_headers.get_statuscode()
        ctype = record.http_headers.get_header("Content-Type") or ""
        if status != "200" or not any(t in ctype.lower() for t in _HTML_TYPES):
            return NotAPage("warc", source, key)
    elif rtype == "resource":
        ctype = record.rec_headers.get_header("Content-Type") or ""
        if not any(t in ctype.lower() for t in _HTML_TYPES):
            return NotAPage("warc", source, key)
    else:
        return None  # warcinfo, request, metadata, revisit: no page in them, and no input either
    try:
        raw = record.content_stream().read(max_bytes + 1)
    except (OSError, EOFError, ValueError, ZlibError) as exc:
        return Unreadable("warc", source, key, "read", f"the record's body cannot be read ({exc})", url or None)
    if len(raw) > max_bytes:
        return Unreadable("warc", source, key, "too_large", f"the page is over the {max_bytes:,}-byte limit (max_body_bytes)",
                          url or None)
    charset = None
    m = re.search(r"charset=([\w.:-]+)", ctype, re.I)
    if m:
        charset = m.group(1)
    return Item("warc", source, key, url, decode(raw, charset))


def _jsonl(path: Path, source: str, max_bytes: int) -> Iterator[Entry]:
    # a line may hold a whole page (JSON-escaped: up to ~6 bytes a character) and a little more
    limit = max_bytes * 6 + 65_536
    with _open(path) as fh:
        number = 0
        while True:
            try:
                line = fh.readline(limit + 1)
            except (OSError, EOFError, ZlibError) as exc:
                yield Unreadable("jsonl", source, f"line {number + 1}", "read", f"{path}: cannot read after line {number} ({exc})")
                return
            if not line:
                return
            number += 1
            key = f"line {number}"
            if len(line) > limit and not line.endswith(b"\n"):
                while line and not line.endswith(b"\n"):  # skip the rest of the over-long line
                    line = fh.readline(1 << 20)
                yield Unreadable("jsonl", source, key, "too_large", f"the line is over the {limit:,}-byte limit")
                continue
            if not line.strip():
                continue
            yield _jsonl_entry(line, source, key, max_bytes)


def _jsonl_entry(line: bytes, source: str, key: str, max_bytes: int) -> Entry:
    try:
        obj = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return Unreadable("jsonl", source, key, "bad_request", f"not a JSON object ({exc})")
    if not isinstance(obj, dict):
        return Unreadable("jsonl", source, key, "bad_request", 'each line must be a JSON object {"url": …, "html": …}')
    url, html = obj.get("url"), obj.get("html")
    if not isinstance(url, str) or not isinstance(html, str):
        missing = [k for k, v in (("url", url), ("html", html)) if not isinstance(v, str)]
        return Unreadable("jsonl", source, key, "bad_request", f"{' and '.join(missing)} missing or not a string",
                          url if isinstance(url, str) else None)
    if len(html.encode("utf-8", "surrogatepass")) > max_bytes:
        return Unreadable("jsonl", source, key, "too_large", f"the page is over the {max_bytes:,}-byte limit (max_body_bytes)", url)
    return Item("jsonl", source, key, url, html)


def _urls(path: Path, source: str) -> Iterator[Entry]:
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, 1):
            line = raw[: MAX_URL_CHARS + 1].decode("utf-8", "replace").strip()
            if not line or line.startswith("#"):
                continue
            key = f"line {number}"
            if len(line) > MAX_URL_CHARS or not line.lower().startswith(("http://", "https://")) or " " in line:
                yield Unreadable("urls", source, key, "bad_request", f"not an http(s) URL: {line[:100]!r}")
                continue
            yield Item("urls", source, line, line, None)
