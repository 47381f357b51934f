"""Helpers shared by the benchmark scripts in bench/.

The corpora live in ``../shared/eval`` beside the repository (CI has it; a user's clone does not),
so every script finds it through :func:`shared_dir` and exits 0 with a clear message when it is
absent. Results are written into one ``## Section`` of a markdown file in docs/, leaving the
other sections -- written by other scripts or by hand -- as they are.
"""

from __future__ import annotations

import math
import os
import platform
import re
import socket
import sys
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
# The shared material sits next to the repository; BACKSTORY_SHARED_DIR points elsewhere.
SHARED_ENV = "BACKSTORY_SHARED_DIR"


def shared_dir() -> Path:
    """Where ../shared is (it may not exist)."""
    return Path(os.environ.get(SHARED_ENV) or REPO.parent / "shared").resolve()


def require_shared(*parts: str) -> Path:
    """The path under ../shared, or exit 0 saying why the benchmark was skipped."""
    path = shared_dir().joinpath(*parts)
    if not path.exists():
        print(
            f"{Path(sys.argv[0]).name}: skipped: {path} not found. This benchmark needs the shared "
            f"corpora in ../shared (beside the repository) or ${SHARED_ENV}; nothing was written."
        )
        raise SystemExit(0)
    return path


def utc_now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def machine() -> str:
    """One line saying where numbers were measured (timings mean little without it)."""
    return f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs"


def command_line() -> str:
    """The command as a reader would type it from the repository root."""
    script = Path(sys.argv[0]).resolve()
    try:
        script_text = str(script.relative_to(REPO))
    except ValueError:
        script_text = str(script)
    return " ".join([".venv/bin/python", script_text, *sys.argv[1:]])


def write_section(doc: Path, heading: str, body: str, *, title: str) -> None:
    """Replace (or append) the ``heading`` section of ``doc``; other sections stay untouched.

    A section runs from its ``## heading`` line to the next ``## `` line or the end of the file.
    """
    text = doc.read_text(encoding="utf-8") if doc.exists() else f"# {title}\n"
    block = f"{heading}\n\n{body.strip()}\n"
    pattern = re.compile(rf"^{re.escape(heading)}[ \t]*\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _m: block + "\n", text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + block
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


class NoNetwork:
    """Any non-loopback connection raises while active (the peers must parse the HTML they are given, never fetch it)."""

    def __enter__(self):
        self._orig = socket.socket.connect

        def guarded(sock, address):  # noqa: ANN001
            host = address[0] if isinstance(address, tuple) else address
            if isinstance(host, str) and host not in {"127.0.0.1", "::1", "localhost"}:
                raise OSError(f"benchmark may not use the network (tried {host})")
            return self._orig(sock, address)

        socket.socket.connect = guarded
        return self

    def __exit__(self, *exc):
        socket.socket.connect = self._orig
        return False


def publish(doc: Path, heading: str, body: str, *, title: str, skip: str | None = None) -> None:
    """Print a benchmark's section, then write it into ``doc`` (see :func:`write_section`) unless ``skip``
    says why not ('--no-write')."""
    print()
    print(body)
    if skip:
        print(f"(not written: {skip})")
    else:
        write_section(doc, heading, body, title=title)
        print(f"written: {doc} ({heading})")


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(q / 100 * len(ordered))))
    return ordered[rank - 1]
