"""Lock behaviour before a refactor, and measure what a rule change touches.

``snapshot.py take OUT`` runs the whole engine (no cache, article text included) over every page we
have -- the ScrapingHub and trafilatura corpora in ../shared/eval, the PolNeAR train and dev texts
(each line a paragraph, as its scorer posts them), the gold pages and every fixture -- and writes one
JSON line per page (the cards document without timings or versions) to OUT (gzip when it ends in .gz).

``snapshot.py diff OLD NEW`` compares two snapshots: it says how many pages changed, per part of the
document (article, outlet, syndication, authors, cited, mentioned, unnamed sources, warnings), and prints
the changes of each page. The held-back quarter of the gold set (tests/gold/split.json) is never shown:
those pages -- and the corpus copies of them, found by content hash -- are counted, not printed.

    .venv/bin/python bench/snapshot.py take /tmp/before.jsonl.gz [--only aeb,traf,polnear,gold,fixtures] [--jobs 2]
    .venv/bin/python bench/snapshot.py diff /tmp/before.jsonl.gz /tmp/after.jsonl.gz [--part cited] [--limit 50]

A refactor is locked when ``diff`` reports 0 changed pages (``--ignore rule`` leaves out the new
provenance fields a refactor may add).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import html as html_lib
import json
import multiprocessing
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO, NoNetwork, shared_dir  # noqa: E402

PARTS = ("article", "outlet", "syndicated_from", "authors", "cited", "mentioned", "unnamed_sources", "warnings", "error")
DROPPED = ("timings_ms", "pipeline_version", "cached")
SOURCES = ("aeb", "traf", "polnear", "gold", "fixtures")


def polnear_html(text: str) -> str:
    """A PolNeAR text as its README's scorer posts it: each line a <p> inside <article>."""
    paras = "".join(f"<p>{html_lib.escape(line)}</p>" for line in text.splitlines() if line.strip())
    return f"<html><body><article>{paras}</article></body></html>"


def pages(only: set[str]) -> Iterator[tuple[str, str, str]]:
    """(key, url, html) for every page of the chosen sources, in a stable order."""
    shared = shared_dir() / "eval"
    if "aeb" in only and (shared / "scrapinghub_aeb").is_dir():
        gt = json.loads((shared / "scrapinghub_aeb" / "ground-truth.json").read_text(encoding="utf-8"))
        for path in sorted((shared / "scrapinghub_aeb" / "html").glob("*.html*")):
            key = path.name.split(".")[0]
            url = (gt.get(key) or {}).get("url") or f"https://example.org/aeb/{key}"
            raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
            yield f"aeb/{key}", url, raw.decode("utf-8", "replace")
    if "traf" in only and (shared / "trafilatura_eval").is_dir():
        root = shared / "trafilatura_eval"
        urls = {}
        with (root / "index_metadata.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                urls[row["html"]] = row["key"] if str(row["key"]).startswith(("http://", "https://")) else None
        for path in sorted((root / "tests").rglob("*.html")):
            rel = path.relative_to(root).as_posix()
            url = urls.get(rel) or f"https://example.org/traf/{path.stem}"
            yield f"traf/{rel}", url, path.read_bytes().decode("utf-8", "replace")
    if "polnear" in only and (shared / "polnear").is_dir():
        for split in ("train", "dev"):
            for path in sorted((shared / "polnear" / split / "text").glob("*.txt")):
                url = f"https://example.org/polnear/{path.stem}"
                yield f"polnear/{split}/{path.stem}", url, polnear_html(path.read_text(encoding="utf-8"))
    if "gold" in only:
        sys.path.insert(0, str(REPO / "tests" / "gold"))
        from check_gold import load_gold

        for a in load_gold():
            path = Path(a["page_path"])
            yield f"gold/{a['split']}/{path.stem}", a.get("url") or f"https://example.org/gold/{path.stem}", path.read_text(encoding="utf-8", errors="replace")
    if "fixtures" in only:
        manifest = json.loads((REPO / "tests" / "fixtures" / "manifest.json").read_text(encoding="utf-8"))
        urls = {Path(p.get("file", "")).name: p.get("url") for p in manifest.get("pages", []) if isinstance(p, dict)}
        for path in sorted((REPO / "tests" / "fixtures").rglob("*.html")):
            yield f"fixtures/{path.relative_to(REPO / 'tests' / 'fixtures').as_posix()}", urls.get(path.name) or f"https://example.org/fixture/{path.stem}", path.read_text(encoding="utf-8", errors="replace")


_ENGINE = None


def _init() -> None:
    global _ENGINE
    import logging
    import tempfile

    logging.disable(logging.CRITICAL)
    from backstory.kb import KnowledgeBase
    from backstory.pipeline import Engine
    from backstory.settings import Settings

    tmp = Path(tempfile.mkdtemp(prefix="backstory-snapshot-"))
    settings = Settings.load({"cache_dir": tmp / "cache", "data_dir": tmp / "data", "config_dir": tmp / "config",
                              "time_budget_s": 600.0}, environ={})
    _ENGINE = Engine(settings, kb=KnowledgeBase.load(user_dir=tmp / "data"), use_cache=False)


def _run(item: tuple[str, str, str]) -> str:
    key, url, html = item
    digest = hashlib.sha256(html.encode("utf-8", "surrogatepass")).hexdigest()
    try:
        with NoNetwork():
            doc = _ENGINE.analyze(url, html, include_text=True, use_cache=False)
        for k in DROPPED:
            doc.pop(k, None)
    except Exception as exc:  # noqa: BLE001 - recorded: an error is behaviour too
        doc = {"error": f"{type(exc).__name__}: {exc}"}
    return json.dumps({"key": key, "sha256": digest, "doc": doc}, ensure_ascii=False, sort_keys=True)


def _open(path: Path, mode: str):
    return gzip.open(path, mode + "t", encoding="utf-8") if path.suffix == ".gz" else path.open(mode, encoding="utf-8")


def take(out: Path, only: set[str], jobs: int) -> int:
    items = list(pages(only))
    started = time.perf_counter()
    with _open(out, "w") as fh:
        if jobs <= 1:
            _init()
            results = map(_run, items)
        else:
            pool = multiprocessing.get_context("spawn").Pool(jobs, initializer=_init)
            results = pool.imap(_run, items, chunksize=4)
        for i, line in enumerate(results, 1):
            fh.write(line + "\n")
            if i % 100 == 0:
                print(f"  {i}/{len(items)} pages, {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    print(f"{len(items)} pages written to {out} in {time.perf_counter() - started:.0f} s")
    return 0


def heldout() -> tuple[frozenset[str], frozenset[str]]:
    """Names and content hashes of the gold set's held-back pages."""
    split = json.loads((REPO / "tests" / "gold" / "split.json").read_text(encoding="utf-8"))
    names = frozenset(split.get("heldout", []))
    digests = set()
    for name in names:
        path = REPO / "tests" / "gold" / "pages" / f"{name}.html"
        if path.is_file():
            digests.add(hashlib.sha256(path.read_text(encoding="utf-8", errors="replace").encode("utf-8", "surrogatepass")).hexdigest())
            digests.add(hashlib.sha256(path.read_bytes()).hexdigest())
    return names, frozenset(digests)


def load(path: Path) -> dict[str, dict]:
    with _open(path, "r") as fh:
        return {(row := json.loads(line))["key"]: row for line in fh if line.strip()}


def _strip(value, ignore: set[str]):
    if isinstance(value, dict):
        return {k: _strip(v, ignore) for k, v in value.items() if k not in ignore}
    if isinstance(value, list):
        return [_strip(v, ignore) for v in value]
    return value


def _part(doc: dict, part: str):
    if part == "error":
        return doc.get("error")
    return doc.get(part)


def _short(value, limit: int = 400) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= limit else text[:limit] + "…"


def _names(items) -> list[str]:
    return sorted(str(i.get("name")) for i in items or [] if isinstance(i, dict))


def describe(part: str, old, new) -> list[str]:
    """A readable account of one part's change."""
    if part in ("cited", "mentioned", "authors"):
        lines = []
        o, n = {i.get("name"): i for i in old or []}, {i.get("name"): i for i in new or []}
        for name in sorted(set(o) - set(n), key=str):
            lines.append(f"    - {name}")
        for name in sorted(set(n) - set(o), key=str):
            lines.append(f"    + {name}  {_short({k: v for k, v in n[name].items() if k in ('role', 'source')})}")
        for name in sorted(set(o) & set(n), key=str):
            if o[name] != n[name]:
                keys = sorted(k for k in set(o[name]) | set(n[name]) if o[name].get(k) != n[name].get(k))
                for k in keys:
                    lines.append(f"    ~ {name}.{k}: {_short(o[name].get(k), 200)} -> {_short(n[name].get(k), 200)}")
        return lines
    if part == "unnamed_sources":
        o = {u.get("text") for u in old or []}
        n = {u.get("text") for u in new or []}
        lines = [f"    - {t}" for t in sorted(o - n, key=str)] + [f"    + {t}" for t in sorted(n - o, key=str)]
        return lines or ["    (same sentences, other fields changed)"]
    if part == "article" and isinstance(old, dict) and isinstance(new, dict):
        return [f"    ~ {k}: {_short(old.get(k), 200)} -> {_short(new.get(k), 200)}"
                for k in sorted(set(old) | set(new)) if old.get(k) != new.get(k)]
    return [f"    - {_short(old)}", f"    + {_short(new)}"]


def diff(old_path: Path, new_path: Path, parts: list[str], limit: int, ignore: set[str], show_heldout: bool) -> int:
    old, new = load(old_path), load(new_path)
    names, digests = heldout()
    counts: Counter[str] = Counter()
    changed_pages = hidden = 0
    shown = 0
    missing = sorted(set(old) ^ set(new))
    for key in sorted(set(old) & set(new)):
        a, b = _strip(old[key]["doc"], ignore), _strip(new[key]["doc"], ignore)
        changed = [p for p in parts if _part(a, p) != _part(b, p)]
        if not changed:
            continue
        changed_pages += 1
        counts.update(changed)
        is_held = (old[key]["sha256"] in digests or new[key]["sha256"] in digests
                   or any(key.endswith(f"/{n}") for n in names) or key.startswith("gold/heldout/"))
        if is_held and not show_heldout:
            hidden += 1
            continue
        if shown < limit:
            shown += 1
            print(f"{key}: {', '.join(changed)}")
            for p in changed:
                print(f"  [{p}]")
                for line in describe(p, _part(a, p), _part(b, p)):
                    print(line)
    print()
    print(f"pages compared: {len(set(old) & set(new))}; changed: {changed_pages} "
          f"(held-out pages among them, not shown: {hidden}); only in one snapshot: {len(missing)}")
    for p in parts:
        if counts[p]:
            print(f"  {p}: {counts[p]} pages")
    return 0 if changed_pages == 0 and not missing else 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("take", help="run the engine over every page and write a snapshot")
    t.add_argument("out", type=Path)
    t.add_argument("--only", default=",".join(SOURCES), help=f"comma-separated sources ({', '.join(SOURCES)})")
    t.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    d = sub.add_parser("diff", help="compare two snapshots")
    d.add_argument("old", type=Path)
    d.add_argument("new", type=Path)
    d.add_argument("--part", action="append", choices=PARTS, help="only these parts (repeatable)")
    d.add_argument("--limit", type=int, default=100, help="print at most this many pages")
    d.add_argument("--ignore", action="append", default=[], help="a field name to leave out everywhere (repeatable), e.g. rule")
    d.add_argument("--show-heldout", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.cmd == "take":
        only = {s.strip() for s in args.only.split(",") if s.strip()}
        unknown = only - set(SOURCES)
        if unknown:
            ap.error(f"unknown source(s): {', '.join(sorted(unknown))}")
        return take(args.out, only, args.jobs)
    return diff(args.old, args.new, args.part or list(PARTS), args.limit, set(args.ignore), args.show_heldout)


if __name__ == "__main__":
    sys.exit(main())
