"""The offline pack at scale: import memory and time on a large synthetic dump, the pack's size on disk,
the sidecar's RSS with the pack loaded, and the latency of pack and lookup-cache lookups.

    .venv/bin/python bench/kb_pack_scale.py [--entities N] [--repeat N]

The synthetic dump has the real dump's line shape (kb/records.py reads it like a real one): N items,
of which a quarter are people the pack keeps (politicians with a dated position, a party and an
employer among 50,000 organisations), a quarter other humans (footballers, left out), and half
organisations and other items; lines are padded with statements in other languages' labels so that
an average line is about the real dump's (~3 KB uncompressed). The import runs in a child process
whose peak RSS (ru_maxrss) is reported. Targets (issue 25): import under 2 GB with progress and ETA;
the sidecar's RSS grows by < 100 MB whatever the pack's size; a cached or pack lookup < 5 ms.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "sidecar"), str(ROOT / "bench")]
from kb_speed import timed  # noqa: E402 - (median, p99, max) wall-clock ms and this thread's CPU p99
SEED = 25
ORGS = 50_000
FIRST = ["James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "Ahmed", "Wei",
         "Maria", "José", "Olga", "Ivan", "Priya", "Kenji", "Fatima", "Lucas"]
LANGS = ["fr", "de", "es", "it", "ru", "ja", "zh", "ar", "pt", "nl", "pl", "sv"]


def _item(prop: str, qid: str) -> dict:
    return {"snaktype": "value", "property": prop, "datavalue": {"value": {"entity-type": "item", "numeric-id": int(qid[1:]), "id": qid},
            "type": "wikibase-entityid"}, "datatype": "wikibase-item"}


def _time(prop: str, year: int) -> dict:
    return {"snaktype": "value", "property": prop, "datavalue": {"value": {"time": f"+{year}-00-00T00:00:00Z", "timezone": 0,
            "before": 0, "after": 0, "precision": 9, "calendarmodel": "http://www.wikidata.org/entity/Q1985727"}, "type": "time"},
            "datatype": "time"}


def _stmt(snak: dict, quals: list[dict] = ()) -> dict:
    s = {"mainsnak": snak, "type": "statement", "rank": "normal", "id": "Q$x"}
    if quals:
        s["qualifiers"] = {q["property"]: [q] for q in quals}
    return s


def entity(i: int, rng: random.Random) -> dict:
    qid = f"Q{10_000_000 + i}"
    kind = i % 4
    name = f"{rng.choice(FIRST)} Surname{rng.randrange(200_000)}"
    labels = {lang: {"language": lang, "value": name} for lang in LANGS}
    labels["en"] = {"language": "en", "value": name if kind < 2 else f"Organisation {i}"}
    claims: dict = {}
    if kind == 0:  # a politician: kept
        start = rng.randrange(1960, 2024)
        claims = {"P31": [_stmt(_item("P31", "Q5"))], "P106": [_stmt(_item("P106", "Q82955"))],
                  "P39": [_stmt(_item("P39", f"Q{20_000_000 + rng.randrange(ORGS)}"), [_time("P580", start), _time("P582", start + 4)])],
                  "P102": [_stmt(_item("P102", f"Q{20_000_000 + rng.randrange(ORGS)}"))],
                  "P108": [_stmt(_item("P108", f"Q{20_000_000 + rng.randrange(ORGS)}"))],
                  "P27": [_stmt(_item("P27", "Q30"))], "P569": [_stmt(_time("P569", start - 40))]}
    elif kind == 1:  # a footballer: left out
        claims = {"P31": [_stmt(_item("P31", "Q5"))], "P106": [_stmt(_item("P106", "Q937857"))]}
    else:  # an organisation or other item
        claims = {"P31": [_stmt(_item("P31", "Q43229"))], "P17": [_stmt(_item("P17", "Q30"))]}
    descriptions = {lang: {"language": lang, "value": "synthetic item for a benchmark " * 2} for lang in LANGS}
    return {"type": "item", "id": qid, "labels": labels, "descriptions": descriptions, "aliases": {}, "claims": claims,
            "sitelinks": {}}


def org_entity(j: int) -> dict:
    qid = f"Q{20_000_000 + j}"
    return {"type": "item", "id": qid, "labels": {"en": {"language": "en", "value": f"Body {j}"}}, "descriptions": {},
            "aliases": {}, "claims": {"P31": [_stmt(_item("P31", "Q43229"))]}, "sitelinks": {}}


def write_dump(path: Path, n: int) -> tuple[int, float]:
    """The synthetic dump; returns (bytes uncompressed, seconds to write)."""
    rng = random.Random(SEED)
    t0 = time.perf_counter()
    size = 0
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as fh:
        fh.write("[\n")
        for i in range(n):
            line = json.dumps(entity(i, rng), separators=(",", ":")) + ",\n"
            size += len(line)
            fh.write(line)
        for j in range(ORGS):
            line = json.dumps(org_entity(j), separators=(",", ":")) + (",\n" if j < ORGS - 1 else "\n")
            size += len(line)
            fh.write(line)
        fh.write("]\n")
    return size, time.perf_counter() - t0


IMPORT_CHILD = """
import json, resource, sys, time
sys.path.insert(0, {sidecar!r})
from pathlib import Path
from backstory.kb.wikidata import import_dump
t0 = time.perf_counter()
counts = import_dump(Path({dump!r}), Path({out!r}), progress=True)
print(json.dumps({{"counts": counts, "seconds": time.perf_counter() - t0,
                   "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=500)
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="kb-scale-"))
    dump = tmp / "synthetic-20261201-all.json.gz"
    raw_bytes, write_s = write_dump(dump, args.entities)
    child = subprocess.run([sys.executable, "-c", IMPORT_CHILD.format(sidecar=str(ROOT / "sidecar"), dump=str(dump), out=str(tmp / "user"))],
                           capture_output=True, text=True, check=True)
    result = json.loads(child.stdout.strip().splitlines()[-1])
    progress_lines = [seg for seg in child.stderr.replace("\r", "\n").splitlines() if "pass 1 of 2" in seg and "<" in seg]
    pack = tmp / "user" / "wikidata.sqlite"

    from backstory.kb import KnowledgeBase
    from backstory.kb.lookup import CACHE_FILE
    from backstory.kb.store import RecordStore

    before = rss_mb()
    t0 = time.perf_counter()
    kb = KnowledgeBase.load(user_dir=tmp / "user")
    load_ms = (time.perf_counter() - t0) * 1000
    rng = random.Random(SEED)
    names = [(f"{rng.choice(FIRST)} Surname{rng.randrange(200_000)}",) for _ in range(args.repeat)]
    pack_person = timed(lambda n: kb.person(n, role="politician", date="2020-01-01"), names)
    after = rss_mb()

    # the lookup cache: the same records, as the online lookup stores them
    cache_dir = tmp / "cache-user"
    cache_dir.mkdir()
    store = RecordStore(cache_dir / CACHE_FILE, writable=True)
    src = RecordStore(pack)
    rows = src.rows("SELECT record, date, retrieved FROM records WHERE kind = 'person' LIMIT 20000")
    store.save([(json.loads(r[0]), r[1], r[1]) for r in rows], {}, "2026-12-01", {})
    store.close()
    kb_cache = KnowledgeBase.load(user_dir=cache_dir)
    cached_names = [(json.loads(r[0])["label"],) for r in rows[: args.repeat]]
    cache_person = timed(lambda n: kb_cache.person(n, role="politician", date="2020-01-01"), cached_names)

    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Measured {when} with `.venv/bin/python bench/kb_pack_scale.py --entities {args.entities} --repeat {args.repeat}` "
          f"(python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {load}).\n")
    print("| measure | value | target |\n|---|---|---|")
    print(f"| synthetic dump | {args.entities + ORGS:,} items, {raw_bytes / 1e9:.2f} GB uncompressed, {dump.stat().st_size / 1e6:.0f} MB gzip (written in {write_s:.0f} s) | — |")
    print(f"| `kb import-wikidata`: kept | {result['counts']['people']:,} people, {result['counts']['organisations']:,} organisations | — |")
    print(f"| `kb import-wikidata`: time | {result['seconds']:.0f} s ({(args.entities + ORGS) / result['seconds']:,.0f} items/s, two passes) | — |")
    print(f"| `kb import-wikidata`: peak RSS of the process | {result['peak_rss_mb']:.0f} MB | < 2,048 MB |")
    print(f"| progress bar with ETA | {'yes' if progress_lines else 'no'}: `{progress_lines[-1].strip()[:90] if progress_lines else ''}` | shown |")
    print(f"| pack on disk (SQLite, indexed) | {pack.stat().st_size / 1e6:.0f} MB | — |")
    print(f"| KnowledgeBase.load() with the pack | {load_ms:.0f} ms | — |")
    print(f"| RSS growth: load + {args.repeat} pack lookups | {after - before:.1f} MB | < 100 MB |")
    print(f"| person() from the pack (role, date) | median {pack_person[0]:.2f} ms, p99 {pack_person[1]:.2f} ms, max {pack_person[2]:.2f} ms; CPU p99 {pack_person[3]:.2f} ms | < 5 ms |")
    print(f"| person() from the lookup cache (20,000 people) | median {cache_person[0]:.2f} ms, p99 {cache_person[1]:.2f} ms, max {cache_person[2]:.2f} ms; CPU p99 {cache_person[3]:.2f} ms | < 5 ms |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
