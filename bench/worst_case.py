"""Time of the analysis on pathological pages: where the pipeline's own code, not spaCy, could grow
faster than the text.

Real pages rarely carry thousands of quotes or people, but a hostile or unusual one may (a long
transcript, a results list, a page built to stall the sidecar), and the people stage is cut only at
``max_text_chars`` (100,000 characters by default). Work that grows with the square of the quotes or
the names would then take minutes. This script builds such pages from templates (no corpus needed),
runs the whole pipeline (``Engine.analyze``, no cache, with a time budget large enough never to stop
it) and, on the same text, the floor of the people stage: ``nlp(text)`` with the same model, without
the two small components Backstory adds to its pipeline. What the people stage takes beyond that
floor is Backstory's own code.

Pages (each filled up to about ``--chars`` characters of article text):

* quotes: one paragraph of short quotes by the same speaker ('“…,” said Ann Lee.');
* quote paragraphs: a quote by a different named person in each paragraph, then a pronoun quote;
* short quote paragraphs: thousands of one-line paragraphs, each a quote by the same person;
* reported speech: 'X, a council member, said that …' in each paragraph, a different X each time;
* names only: sentences naming three people each, nobody speaking;
* unnamed sources: 'Officials said that …, according to people familiar with the matter.';
* interview: 'Q:' and 'Ann Lee:' labels, alternating;
* a 'By' line of capitalised words ('By Word Word …') in an element before a short article: work for
  the extract stage's byline reading.

And issue 24 item 3's cases, each at its own size (not ``--chars``):

* one 'word' of 40,000 and of 99,000 characters, no spaces, after a paragraph of prose (a pattern that
  is quadratic on text without spaces);
* a list of a few thousand distinct names at 30, 60 and 92 KB (work per pair of names);
* punctuation-dense text: 100,000 characters of '. ', 50,000 tokens (spaCy's work grows with tokens;
  ``max_tokens`` cuts it);

then, with ``--server`` (the default; ``--no-server`` skips it), on a real ``backstory serve`` with its
default limits: three slow requests (the 92 KB names page) whose clients hang up, then a normal page,
timed (the issue: 79 s); five abandoned slow requests while ``/v1/health`` and ``/v1/outlet`` are
polled (the issue: ~50 s without an answer); and ``backstory check`` on the 92 KB names page as a
process, with its wall time and peak memory (the issue: 52 s and 554 MB).

Writes the tables to docs/benchmarks.md, section "## Worst-case pages" (other sections are kept),
unless ``--no-write``. The numbers are reported whatever they are.

    .venv/bin/python bench/worst_case.py [--chars 100000] [--no-server] [--no-write]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DOCS, command_line, machine, publish, utc_now  # noqa: E402

SECTION = "## Worst-case pages"
URL = "https://news.example/2024/05/story"
_FIRST = ["Ann", "Tom", "Maria", "John", "Li", "Sara", "Omar", "Eva", "Paul", "Nina", "Raj", "Kim"]
_LAST = ["Lee", "Rowe", "Garcia", "Smith", "Chen", "Khan", "Novak", "Berg", "Silva", "Okafor", "Ivanova", "Tanaka",
         "Moreau", "Fischer", "Rossi"]


def name(i: int) -> str:
    """A distinct two-word name for every ``i`` (a made-up surname once the real combinations run out)."""
    first, last = _FIRST[i % len(_FIRST)], _LAST[(i // len(_FIRST)) % len(_LAST)]
    n = len(_FIRST) * len(_LAST)
    return f"{first} {last}" if i < n else f"{first} {last}{chr(97 + (i // n) % 26)}son"


# (the 'By' line is one element before the article; the article is a fixed short text)
_BYLINE_PAGE = "a 'By' line of capitalised words, then the article"
PAGES: dict[str, Callable[[int], str]] = {
    "quotes (one paragraph, one speaker)": lambda i: f"“We will fix road {i} this year,” said Ann Lee. ",
    "quote paragraphs (a new speaker each)": lambda i: (f"<p>“We will fix road {i} this year,” said {name(i)}, the deputy "
                                                         f"mayor of Town {i}. “It is overdue,” she added.</p>"),
    "short quote paragraphs (one line each)": lambda i: (f"<p>“Go on with item {i},” he said.</p>" if i % 2 else
                                                          f"<p>“Stop item {i},” said Tom Rowe.</p>"),
    "reported speech (a new speaker each)": lambda i: (f"<p>{name(i)}, a council member, said that the budget for road {i} "
                                                       "would be approved on Monday.</p>"),
    "names only (three per sentence)": lambda i: f"{name(i)} and {name(i + 1)} met {name(i + 2)} at the club. ",
    "unnamed sources": lambda i: (f"<p>Officials said that road {i} would close, according to people familiar with the "
                                  "matter.</p>"),
    "interview (Q: / Name: labels)": lambda i: f"<p><b>Q:</b> What about road {i}?</p><p><b>Ann Lee:</b> We will fix road {i} soon.</p>",
    _BYLINE_PAGE: lambda i: "Word " if i else "By ",
}
_ARTICLE = "".join(f"<p>The council met on Tuesday to discuss item {i} of the budget, and residents were asked to comment on "
                   "it before the vote next week.</p>" for i in range(12))
_INLINE = {"quotes (one paragraph, one speaker)", "names only (three per sentence)"}
# Issue 24 item 3: (label, HTML of the article's body) at their own sizes.
NAMES_92K = "distinct names, a list of 92 KB"


def _names(chars: int) -> str:
    parts, size, i = [], 0, 0
    while size < chars:
        parts.append(f"{name(i)}, ")
        size += len(parts[-1])
        i += 1
    return f"{_ARTICLE}<p>Those present: {''.join(parts)}and others.</p>"


# (each after the 12 paragraphs of _ARTICLE, so that the page reads as English and reaches the people stage)
FIXED: dict[str, Callable[[], str]] = {
    "one 40,000-character word": lambda: f"{_ARTICLE}<p>{'x' * 40_000}</p>",
    "one 99,000-character word": lambda: f"{_ARTICLE}<p>{'x' * 99_000}</p>",
    "distinct names, a list of 30 KB": lambda: _names(30_000),
    "distinct names, a list of 60 KB": lambda: _names(60_000),
    NAMES_92K: lambda: _names(92_000),
    "punctuation-dense: 100,000 characters of '. '": lambda: f"{_ARTICLE}<p>{'. ' * 50_000}</p>",
}


def page(body: str) -> str:
    return f"<html><head><title>A long page</title></head><body><article><h1>A long page</h1>{body}</article></body></html>"


def build(label: str, chars: int) -> str:
    if label in FIXED:
        return page(FIXED[label]())
    make, parts, size, i = PAGES[label], [], 0, 0
    while size < chars:
        part = make(i)
        parts.append(part)
        size += len(part)
        i += 1
    if label == _BYLINE_PAGE:
        return (f"<html><head><title>A long page</title></head><body><div>{''.join(parts)}</div><article><h1>A long page"
                f"</h1>{_ARTICLE}</article></body></html>")
    body = f"<p>{''.join(parts)}</p>" if label in _INLINE else "".join(parts)
    return page(body)


def server_cases(engine_settings) -> list[str]:
    """Issue 24 item 3 on a real ``backstory serve``: abandoned slow requests, and health under a full queue."""
    import os
    import secrets
    import socket
    import subprocess
    import tempfile
    import threading

    import httpx

    slow = json.dumps({"url": URL, "html": build(NAMES_92K, 0), "no_cache": True}).encode()
    normal = {"url": URL, "html": build("unnamed sources", 2_000), "no_cache": True}
    lines = []
    with tempfile.TemporaryDirectory(prefix="backstory-worst-") as tmp:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        token = secrets.token_urlsafe(32)
        os.makedirs(f"{tmp}/config")
        with open(f"{tmp}/config/token", "w") as fh:
            fh.write(token + "\n")
        os.chmod(f"{tmp}/config/token", 0o600)
        env = dict(os.environ, BACKSTORY_CONFIG_DIR=f"{tmp}/config", BACKSTORY_CACHE_DIR=f"{tmp}/cache",
                   BACKSTORY_DATA_DIR=f"{tmp}/data", BACKSTORY_PORT=str(port))
        proc = subprocess.Popen([str(Path(sys.executable).with_name("backstory")), "serve"], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base, headers = f"http://127.0.0.1:{port}", {"Authorization": f"Bearer {token}"}
        try:
            with httpx.Client(timeout=600) as client:
                for _ in range(1800):
                    try:
                        if client.get(f"{base}/v1/health", headers=headers).json().get("ready", True):
                            break
                    except httpx.HTTPError:
                        pass
                    time.sleep(0.1)
                client.post(f"{base}/v1/analyze", json=normal, headers=headers)  # (warm)

                def abandon(n: int) -> None:
                    socks = []
                    for _ in range(n):
                        s = socket.create_connection(("127.0.0.1", port))
                        s.sendall(f"POST /v1/analyze HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {token}\r\n"
                                  f"Content-Type: application/json\r\nContent-Length: {len(slow)}\r\n\r\n".encode() + slow)
                        socks.append(s)
                        time.sleep(0.2)
                    time.sleep(1.0)
                    for s in socks:
                        s.close()

                abandon(3)
                start = time.perf_counter()
                status = client.post(f"{base}/v1/analyze", json=normal, headers=headers).status_code
                waited = time.perf_counter() - start
                lines.append(f"| three slow requests abandoned (the 92 KB names page), then a normal page | the normal page answered {status} after {waited:.2f} s |")

                worst = {"health": 0.0, "outlet": 0.0}
                stop = threading.Event()

                def poll() -> None:
                    with httpx.Client(timeout=120) as c:
                        while not stop.is_set():
                            for what, call in (("health", lambda: c.get(f"{base}/v1/health", headers=headers)),
                                               ("outlet", lambda: c.post(f"{base}/v1/outlet", json={"url": URL}, headers=headers))):
                                t = time.perf_counter()
                                call()
                                worst[what] = max(worst[what], time.perf_counter() - t)
                            time.sleep(0.05)

                poller = threading.Thread(target=poll, daemon=True)
                poller.start()
                held = []
                for _ in range(5):  # five slow requests held open, then abandoned
                    s = socket.create_connection(("127.0.0.1", port))
                    s.sendall(f"POST /v1/analyze HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {token}\r\n"
                              f"Content-Type: application/json\r\nContent-Length: {len(slow)}\r\n\r\n".encode() + slow)
                    held.append(s)
                time.sleep(10.0)
                for s in held:
                    s.close()
                time.sleep(2.0)
                stop.set()
                poller.join(180)
                lines.append(f"| five slow requests held for 10 s, then abandoned; health and outlet polled meanwhile | slowest health "
                             f"{worst['health'] * 1000:.0f} ms, slowest outlet {worst['outlet'] * 1000:.0f} ms |")
        finally:
            proc.terminate()
            proc.wait(30)
        with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False) as fh:
            fh.write(build(NAMES_92K, 0))
        wrapper = ("import resource, subprocess, sys, time\n"
                   "t = time.perf_counter()\n"
                   "r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
                   "print(r.returncode, time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
                   "print(r.stderr.strip().splitlines()[-1] if r.stderr.strip() else '')\n")
        out = subprocess.run([sys.executable, "-c", wrapper, str(Path(sys.executable).with_name("backstory")), "check", fh.name,
                              "--url", URL, "--no-cache"], env=env, capture_output=True, text=True)
        first, _, said = out.stdout.partition("\n")
        code, wall, rss = first.split()
        lines.append(f"| `backstory check` on the 92 KB names page (default `time_budget_s`, 20 s) | exit {code} after "
                     f"{float(wall):.1f} s, peak RSS {int(rss) / 1024:.0f} MiB: {said.strip() or 'answered'} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--chars", type=int, default=100_000, help="article text per page, about (default 100000)")
    ap.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
    ap.add_argument("--no-server", action="store_true", help="skip the cases on a real `backstory serve`")
    args = ap.parse_args(argv)

    from backstory.pipeline import Engine
    from backstory.settings import Settings

    engine = Engine(Settings.load({"time_budget_s": 3600.0}), use_cache=False)
    engine.analyze(URL, build("unnamed sources", 2_000))  # (loads the model and warms the caches)
    rows = []
    for label in [*PAGES, *FIXED]:
        html = build(label, args.chars)
        start = time.perf_counter()
        doc = engine.analyze(URL, html, use_cache=False, include_text=True)
        total = (time.perf_counter() - start) * 1000
        text = doc["article"].get("text") or ""
        read, _ = engine._bounded(text, [], [])  # (what the people stage read: the character and token limits)
        ours = [n for n in engine.nlp.pipe_names if n.startswith("backstory_")]  # (the components people.py adds)
        with engine.nlp.select_pipes(disable=ours):
            start = time.perf_counter()
            engine.nlp(read)
            floor = (time.perf_counter() - start) * 1000
        people_ms = doc["timings_ms"].get("people", 0.0)
        found = f"{len(doc.get('cited') or [])} / {len(doc.get('mentioned') or [])} / {len(doc.get('unnamed_sources') or [])}"
        tokens = len(engine.nlp.tokenizer(read))
        rows.append((label, len(html), len(read), tokens, found, doc["timings_ms"].get("extract", 0.0), floor, people_ms, total))
        print(f"{label}: {total / 1000:.1f} s (people {people_ms / 1000:.1f} s, spaCy alone {floor / 1000:.1f} s)", flush=True)

    lines = [
        f"Measured {utc_now()} on {machine()}, with",
        "",
        f"    {command_line()}",
        "",
        "Pages built from templates, each with about "
        f"{args.chars:,} characters of article text (issue 24 item 3's cases at their own sizes); the people stage reads at most "
        f"{engine.settings.max_text_chars:,} characters (`max_text_chars`) and {engine.settings.max_tokens:,} tokens (`max_tokens`). "
        "One run each, no cache, no time budget. *spaCy alone* is `nlp(text)` on the "
        "same text with the same model, without the components Backstory adds: the floor of the people stage; the rest of that stage is Backstory's own code. "
        "The server stops an analysis at `time_budget_s` (20 s by default) and answers 408.",
        "",
        "| page | HTML chars | text read | tokens read | cited / mentioned / unnamed | extract ms | spaCy alone ms | people ms | total ms |",
        "|---|---:|---:|---:|---|---:|---:|---:|---:|",
    ]
    lines += [f"| {r[0]} | {r[1]:,} | {r[2]:,} | {r[3]:,} | {r[4]} | {r[5]:.0f} | {r[6]:.0f} | {r[7]:.0f} | {r[8]:.0f} |" for r in rows]
    if not args.no_server:
        lines += ["", "On a real `backstory serve` (default settings: 20 s budget, one analysis at a time, four threads "
                  "plus two for health and the outlet card) and `backstory check`:", "",
                  "| case | result |", "|---|---|", *server_cases(engine.settings)]
    publish(DOCS / "benchmarks.md", SECTION, "\n".join(lines), title="Benchmarks", skip="--no-write" if args.no_write else None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
