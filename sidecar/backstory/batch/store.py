"""The results and errors files: append-only JSONL, one whole line per ``write(2)``, resumable.

A page is done when its line is in the results file (or, unless the run retries errors, in the errors
file): that is the only record of progress, so a run stopped at any point (Ctrl-C, kill -9, a power
cut) and started again does each input exactly once.

- Each line is written with one ``os.write`` on a file opened ``O_APPEND``; a kill can only tear the
  last line. On opening, a last line without its newline (or one that is not JSON) is cut off: that
  page was not done and is done again.
- The files are ``fsync``-ed at most every :data:`FSYNC_INTERVAL_S` and on close: after a crash of the
  machine (not only of the process) at most that much work is redone; nothing is counted twice.
- Every line starts with ``{"id": …, "input": {…}`` so that a resume reads the ids without parsing the
  (large) cards documents.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import BackstoryError

FSYNC_INTERVAL_S = 1.0
# how far from the end a torn last line is looked for, in bytes, per step
_TAIL_STEP = 1 << 16
_DECODER = json.JSONDecoder()
_ID = re.compile(r"[0-9a-f]{32}")
_VERSION = re.compile(rb'"pipeline_version":"([^"]+)"')


def dumps(record: dict[str, Any]) -> bytes:
    """One JSONL line (compact, UTF-8, with its newline)."""
    return (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8", "surrogatepass")


def repair_tail(path: Path) -> int:
    """Cut a torn last line off ``path`` (one the writer was killed in); the number of bytes cut."""
    if not path.exists():
        return 0
    size = path.stat().st_size
    if size == 0:
        return 0
    with path.open("rb+") as fh:
        # the start of the last line: after the last newline before the end (ignoring a final newline)
        end = size
        fh.seek(size - 1)
        complete = fh.read(1) == b"\n"
        search_end = size - 1 if complete else size
        start = _last_newline_before(fh, search_end) + 1
        fh.seek(start)
        last = fh.read(size - start)
        keep = size
        if not complete:
            keep = start
        else:
            try:
                json.loads(last)
            except (json.JSONDecodeError, UnicodeDecodeError):
                keep = start
        if keep != end:
            fh.truncate(keep)
            fh.flush()
            os.fsync(fh.fileno())
        return end - keep


def _last_newline_before(fh, end: int) -> int:  # noqa: ANN001 - a binary file
    """Offset of the last b'\\n' before ``end``, or -1."""
    pos = end
    while pos > 0:
        step = min(_TAIL_STEP, pos)
        pos -= step
        fh.seek(pos)
        chunk = fh.read(step)
        at = chunk.rfind(b"\n")
        if at >= 0:
            return pos + at
    return -1


def head(line: bytes) -> tuple[str | None, dict[str, Any]]:
    """(id, input) of a line, read from its start without parsing the rest."""
    text = line[:16_384].decode("utf-8", "replace")
    if text.startswith('{"id":'):
        try:
            value, end = _DECODER.raw_decode(text, 6)
            if text.startswith(',"input":', end):
                where, _ = _DECODER.raw_decode(text, end + 9)
                if isinstance(where, dict):
                    return value, where
        except json.JSONDecodeError:
            pass
    obj = json.loads(line)  # not a line this module wrote in its own order: read all of it
    if not isinstance(obj, dict):
        raise ValueError("not a JSON object")
    return obj.get("id"), obj.get("input") or {}


@dataclass
class Done:
    """What earlier runs finished: page ids, the URLs of URL lists (known before fetching), and where the inputs
    are that could not even be read (a bad JSONL line has no id)."""

    ids: set[bytes] = field(default_factory=set)
    urls: set[str] = field(default_factory=set)
    places: set[tuple[str, str]] = field(default_factory=set)  # (source, key) of inputs that failed before having an id
    results: int = 0
    errors: int = 0
    versions: Counter = field(default_factory=Counter)

    def add(self, page_id: str | None, where: dict[str, Any]) -> None:
        if page_id:
            self.ids.add(bytes.fromhex(page_id))
        else:
            self.places.add((str(where.get("source")), str(where.get("key"))))
        if where.get("kind") == "urls" and where.get("key"):
            self.urls.add(where["key"])

    def has(self, page_id: str) -> bool:
        return bytes.fromhex(page_id) in self.ids


def scan(path: Path, done: Done, *, errors: bool) -> None:
    """Add what ``path`` (a results or errors file) records to ``done``."""
    if not path.exists():
        return
    with path.open("rb") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                page_id, where = head(line)
                if not (page_id is None and errors) and not (isinstance(page_id, str) and _ID.fullmatch(page_id)):
                    raise ValueError("no page id")
            except (ValueError, UnicodeDecodeError) as exc:
                raise BackstoryError(f"{path}, line {number}: not a line of a backstory batch file ({exc}); "
                                     "give another output file, or move this one aside") from exc
            done.add(page_id, where)
            if errors:
                done.errors += 1
            else:
                done.results += 1
                m = _VERSION.search(line[:16_384])
                if m:
                    done.versions[m.group(1).decode()] += 1


class Log:
    """An append-only JSONL file (results or errors)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        repair_tail(self.path)
        self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        self._synced = time.monotonic()
        self.written = 0

    def append(self, record: dict[str, Any]) -> None:
        """Write one record as one line."""
        data = memoryview(dumps(record))
        while data:  # a regular file takes it whole; a short write is finished, never interleaved
            n = os.write(self._fd, data)
            data = data[n:]
        self.written += 1
        if time.monotonic() - self._synced >= FSYNC_INTERVAL_S:
            self.sync()

    def sync(self) -> None:
        os.fsync(self._fd)
        self._synced = time.monotonic()

    def close(self) -> None:
        if self._fd >= 0:
            self.sync()
            os.close(self._fd)
            self._fd = -1




def records(path: Path) -> Iterator[dict[str, Any]]:
    """Every record of a results or errors file, one at a time (a torn last line is left out)."""
    with Path(path).open("rb") as fh:
        for line in fh:
            if not line.endswith(b"\n"):
                return
            if line.strip():
                yield json.loads(line)
