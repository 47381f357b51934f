"""Person matching on the labelled ambiguous set: precision and recall of "exact" matches.

    .venv/bin/python bench/eval_kb_matching.py [--verbose]

The set (tests/fixtures/kb/ambiguous-cases.json, made by make_world.py beside it) has 40 cases over 17
names that several invented people share (a senator, a journalist, an economist and a footballer called
John Smith; two governors of one state decades apart; …), each with the evidence an article gives —
role, organisations, outlet, date, quoted or author — and the person it means, or none of them. Each
name goes through the real path: the online lookup against the mock API's fixture items (in the real
wbsearchentities / wbgetentities JSON shape, served through httpx's MockTransport: no socket), the
lookup cache, then ``KnowledgeBase.person`` with the bundled and curated layers also loaded.

precision = right exact matches / all exact matches (a namesake's facts on a card is the error that
counts); recall = right exact matches / cases whose article means someone in the set. A "possible"
answer is neither right nor wrong here: it shows no facts. The gate (tests/test_kb_matching_gate.py)
holds precision >= 0.97 and recall at its floor (tests/quality_floors.json, "kb_matching").
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "sidecar"), str(ROOT / "tests")]
CASES = ROOT / "tests" / "fixtures" / "kb" / "ambiguous-cases.json"


def load_cases() -> list[dict]:
    return json.loads(CASES.read_text(encoding="utf-8"))["cases"]


def build_kb(user_dir: Path, cases: list[dict]):
    """A knowledge base whose lookup cache holds the mock API's answers for every case's name."""
    from backstory.kb import KnowledgeBase
    from backstory.kb.lookup import CACHE_FILE, Item, WikidataClient, fetch_round
    from backstory.kb.store import RecordStore
    from wikidata_mock import transport

    calls: list[dict] = []
    client = WikidataClient("https://www.wikidata.org/w/api.php", timeout_s=5, max_bytes=64 << 20, transport=transport(calls=calls))
    store = RecordStore(user_dir / CACHE_FILE, writable=True)
    status = fetch_round(client, store, [Item(c["name"], "person") for c in cases])
    store.close()
    client.close()
    assert all(v == "ok" for v in status.values()), status
    return KnowledgeBase.load(user_dir=user_dir), calls


def evaluate(cases: list[dict], kb) -> list[dict]:
    """One row per case: what the matcher said and whether it is right."""
    rows = []
    for c in cases:
        found = kb.person(c["name"], role=c["role"], orgs=c["orgs"], outlet_domain=c["outlet_domain"], date=c["date"],
                          quoted=c["quoted"], author=c["author"])
        got = found["id"].split(":", 1)[1] if found["match"] == "exact" and (found["id"] or "").startswith("wikidata:") else None
        if found["match"] == "exact" and got is None:
            got = found["id"]  # an exact match on another layer is still an answer to judge
        rows.append({**c, "match": found["match"], "got": got, "why_found": found["why"],
                     "right": got is not None and got == c["gold"], "wrong": got is not None and got != c["gold"]})
    return rows


def scores(rows: list[dict]) -> dict:
    answered = [r for r in rows if r["got"]]
    right = sum(r["right"] for r in rows)
    wanted = sum(1 for r in rows if r["gold"])
    return {"cases": len(rows), "exact": len(answered), "right": right, "wrong": sum(r["wrong"] for r in rows),
            "precision": right / len(answered) if answered else None, "recall": right / wanted if wanted else None,
            "meant_someone": wanted, "meant_no_one": len(rows) - wanted,
            "no_one_left_unmatched": sum(1 for r in rows if not r["gold"] and not r["got"])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print every case")
    args = parser.parse_args(argv)
    cases = load_cases()
    with tempfile.TemporaryDirectory(prefix="kb-matching-") as tmp:
        kb, calls = build_kb(Path(tmp), cases)
        rows = evaluate(cases, kb)
    s = scores(rows)
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    print(f"Measured {when} with `.venv/bin/python bench/eval_kb_matching.py` on {s['cases']} cases "
          f"({len({c['name'] for c in cases})} shared names; {len(calls)} calls to the mock API).\n")
    print("| cases | meant someone | meant no one | exact answers | right | wrong | precision | recall | no-one cases left unmatched |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(f"| {s['cases']} | {s['meant_someone']} | {s['meant_no_one']} | {s['exact']} | {s['right']} | {s['wrong']} | "
          f"{s['precision']:.3f} | {s['recall']:.3f} | {s['no_one_left_unmatched']} of {s['meant_no_one']} |")
    misses = [r for r in rows if not r["right"] and (r["gold"] or r["got"])]
    if misses:
        print("\nNot matched or wrong:")
        for r in misses:
            print(f"- {r['id']} ({r['name']}, role {r['role']!r}): gold {r['gold']}, answered {r['match']} {r['got']} — {r['why_found']}")
    if args.verbose:
        print()
        for r in rows:
            print(f"{'ok ' if r['right'] or (not r['gold'] and not r['got']) else 'BAD'} {r['id']:22} {r['match']:8} {r['got']} — {r['why_found']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
