"""Who is this? coverage per knowledge-base layer: the share of cited people and authors whose card
shows at least one sourced fact (an exact match), on the gold pages (tune split) and PolNeAR dev.

    .venv/bin/python bench/eval_kb_coverage.py [--limit N]

Each page is analysed once (Engine.analyze, no cache); then every author and cited person, with the
article's evidence (role, bio organisations, outlet, date), is matched against one layer at a time:

- **curated**: the hand-written records only (the state before issue 25);
- **bundled**: the bundled US officials (congress-legislators, CC0) and the curated records;
- **pack**: an offline pack built by ``kb import-wikidata`` from a fixture dump;
- **online**: the lookup cache filled by the online lookup against a local mock of the action API
  serving the same fixture items (httpx MockTransport: no socket); the HTTP calls per page are counted.

The fixture items are the bundled officials that carry a Wikidata QID, converted to Wikidata's JSON
shape (P31 human, P39 positions with P580/P582 qualifiers, P102 party, P569 birth), plus the invented
test world of tests/fixtures/kb. So the pack and online rows measure that each path delivers what its
data holds, not how much of the real Wikidata covers: a real dump or the real API holds millions of
people this fixture does not. The held-out gold pages are not used. PolNeAR texts are read from
../shared and never copied (internal measurement only).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime, timezone
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "sidecar"), str(ROOT / "tests"), str(ROOT / "tests" / "fixtures" / "kb")]
SHARED = ROOT.parent / "shared"
POLNEAR_DEV = SHARED / "eval" / "polnear" / "dev" / "text"
POLNEAR_META = SHARED / "eval" / "polnear" / "metadata.tsv"
GOLD = ROOT / "tests" / "gold"
PUBLISHER_DOMAINS = {"breitbart": "breitbart.com", "huffington": "huffingtonpost.com", "nytimes": "nytimes.com",
                     "politico": "politico.com", "washington": "washingtonpost.com", "western": "westernjournalism.com",
                     "usa": "usatoday.com"}
POSITION_QIDS = {"United States senator": "Q4416090", "member of the United States House of Representatives": "Q13218630",
                 "President of the United States": "Q11696", "Vice President of the United States": "Q11699"}
PARTY_QIDS = {"Democratic Party": "Q29552", "Republican Party": "Q29468"}


def gold_pages() -> list[tuple[str, str, str]]:
    """(id, url, html) of the gold set's tune pages."""
    split = json.loads((GOLD / "split.json").read_text())
    out = []
    for name in split["tune"]:
        ann = json.loads((GOLD / "annotations" / f"{name}.json").read_text())
        html = (GOLD / "pages" / f"{name}.html").read_text(encoding="utf-8", errors="replace")
        out.append((f"gold:{name}", ann.get("url") or f"https://{name}.example/", html))
    return out


def polnear_pages() -> list[tuple[str, str, str]]:
    """(id, url, html) of PolNeAR dev: each text line a <p> in <article>, as its scorer posts them."""
    if not POLNEAR_DEV.is_dir():
        return []
    dates = {}
    for line in POLNEAR_META.read_text(encoding="utf-8").splitlines()[1:]:
        cols = line.split("\t")
        dates[cols[1]] = cols[5]
    out = []
    for path in sorted(POLNEAR_DEV.glob("*.txt")):
        publisher = path.name.split("_")[0]
        domain = next((d for k, d in PUBLISHER_DOMAINS.items() if publisher.startswith(k)), "example.com")
        paragraphs = [p for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
        date = dates.get(path.stem, "")
        meta = f'<meta property="article:published_time" content="{date}">' if date else ""
        html = (f"<html><head><title>{escape(paragraphs[0])}</title>{meta}</head><body><article><h1>{escape(paragraphs[0])}</h1>"
                + "".join(f"<p>{escape(p)}</p>" for p in paragraphs[1:]) + "</article></body></html>")
        out.append((f"polnear:{path.stem}", f"https://www.{domain}/{path.stem}", html))
    return out


def _stmt(eid: str, prop: str, qid: str, quals: dict | None = None) -> dict:
    from make_world import item, stmt, when

    q = []
    for p, v in (quals or {}).items():
        if v:
            q.append(when(p, v))
    return stmt(eid, item(prop, qid), rank="normal", quals=q)


def fixture_entities() -> dict[str, dict]:
    """The bundled officials with a QID in Wikidata's JSON shape, plus the invented test world."""
    from make_world import build, entity, item, stmt, when

    from backstory.kb.build_people import OUT

    world, _ = build()
    entities = dict(world["entities"])
    for label, qid in {**POSITION_QIDS, **PARTY_QIDS}.items():
        entities[qid] = entity(qid, label)
    for p in json.loads(OUT.read_text(encoding="utf-8"))["people"]:
        qid = p.get("qid")
        if not qid:
            continue
        claims = {"P31": [stmt(qid, item("P31", "Q5"))]}
        for pos in p["positions"]:
            if pos["label"] in POSITION_QIDS:
                claims.setdefault("P39", []).append(_stmt(qid, "P39", POSITION_QIDS[pos["label"]],
                                                          {"P580": pos["start"], "P582": pos["end"]}))
        for party in p["parties"]:
            if party["label"] in PARTY_QIDS:
                claims.setdefault("P102", []).append(_stmt(qid, "P102", PARTY_QIDS[party["label"]]))
        if p.get("birth"):
            claims["P569"] = [stmt(qid, when("P569", p["birth"]))]
        entities[qid] = entity(qid, p["label"], p.get("description"), p.get("aliases", []), claims)
    return entities


def write_dump(entities: dict[str, dict], path: Path) -> Path:
    lines = ["["] + [json.dumps(e, separators=(",", ":"), ensure_ascii=False) + "," for e in entities.values()]
    lines[-1] = lines[-1].rstrip(",")
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines + ["]"]) + "\n")
    return path


def people_of(doc: dict) -> list[dict]:
    """The authors and cited people of a cards document, with the evidence the article gives."""
    date, domain = doc["article"].get("published"), doc["outlet"]["domain"]
    out = []
    for a in doc["authors"]:
        orgs = [c["organisation"] for c in (a.get("bio") or {}).get("claims", ()) if c.get("organisation")]
        out.append({"name": a["name"], "kind": "author", "role": None, "orgs": orgs, "outlet_domain": domain, "date": date,
                    "quoted": False, "author": True})
    for c in doc["cited"]:
        req = c.get("lookup_request") or {}
        out.append({"name": c["name"], "kind": "cited", "role": c.get("role"), "orgs": req.get("orgs", []), "outlet_domain": domain,
                    "date": date, "quoted": True, "author": False})
    return out


def covered(kb, p: dict) -> dict:
    found = kb.person(p["name"], role=p["role"], orgs=p["orgs"], outlet_domain=p["outlet_domain"], date=p["date"],
                      quoted=p["quoted"], author=p["author"])
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages of each corpus")
    args = parser.parse_args(argv)

    from backstory.kb import KnowledgeBase
    from backstory.kb.base import BUNDLED_DATA
    from backstory.kb.lookup import CACHE_FILE, Item, WikidataClient, fetch_round
    from backstory.kb.store import RecordStore
    from backstory.kb.wikidata import import_dump
    from backstory.pipeline import Engine
    from backstory.settings import Settings
    from wikidata_mock import World, transport

    tmp = Path(tempfile.mkdtemp(prefix="kb-coverage-"))
    settings = Settings.load({"data_dir": str(tmp / "engine-data"), "cache_dir": str(tmp / "cache"), "config_dir": str(tmp / "config")},
                             environ={})
    engine = Engine(settings, use_cache=False)
    corpora = {"gold (tune split)": gold_pages(), "PolNeAR dev": polnear_pages()}
    if args.limit:
        corpora = {k: v[: args.limit] for k, v in corpora.items()}
    people: dict[str, list[list[dict]]] = {}
    for corpus, pages in corpora.items():
        people[corpus] = []
        for _, url, html in pages:
            doc = engine.analyze(url, html, use_cache=False)
            people[corpus].append(people_of(doc))
    engine.close()

    # layer data dirs: curated only, curated + bundled; pack and online without the bundled officials
    no_people = tmp / "data-no-people"
    no_people.mkdir()
    for sub in ("open", "curated"):
        (no_people / sub).symlink_to(BUNDLED_DATA / sub)
    entities = fixture_entities()
    pack_dir = tmp / "pack"
    t0 = time.perf_counter()
    counts = import_dump(write_dump(entities, tmp / "fixture-20261201-all.json.gz"), pack_dir, progress=False)
    import_s = time.perf_counter() - t0
    online_dir = tmp / "online"
    online_dir.mkdir()
    world = World(entities)
    calls_per_page: list[int] = []
    store = RecordStore(online_dir / CACHE_FILE, writable=True)
    for corpus in people:
        for page in people[corpus]:
            calls: list[dict] = []
            client = WikidataClient("https://www.wikidata.org/w/api.php", timeout_s=5, max_bytes=64 << 20,
                                    transport=transport(world, calls))
            items = [Item(p["name"], "person") for p in page]
            if items:
                fetch_round(client, store, items)
            client.close()
            calls_per_page.append(len(calls))
    store.close()
    layers = {
        "curated": KnowledgeBase.load(data_dir=no_people, user_dir=tmp / "empty1"),
        "bundled": KnowledgeBase.load(user_dir=tmp / "empty2"),
        "pack": KnowledgeBase.load(data_dir=no_people, user_dir=pack_dir),
        "online": KnowledgeBase.load(data_dir=no_people, user_dir=online_dir),
        "all": None,
    }
    all_dir = tmp / "all"
    all_dir.mkdir()
    (all_dir / "wikidata.sqlite").symlink_to(pack_dir / "wikidata.sqlite")
    (all_dir / CACHE_FILE).symlink_to(online_dir / CACHE_FILE)
    layers["all"] = KnowledgeBase.load(user_dir=all_dir)

    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    print(f"Measured {when} with `.venv/bin/python bench/eval_kb_coverage.py`{' --limit ' + str(args.limit) if args.limit else ''}. "
          f"Fixture: {counts['people']} people in the pack ({len(entities)} items, imported in {import_s:.1f} s); "
          f"online calls per page: median {sorted(calls_per_page)[len(calls_per_page) // 2] if calls_per_page else 0}, "
          f"max {max(calls_per_page) if calls_per_page else 0}.\n")
    print("| corpus | pages | people (authors + cited) | curated | bundled | pack | online | all layers | possible (all layers) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for corpus, pages in people.items():
        flat = [p for page in pages for p in page]
        row = [corpus, str(len(pages)), str(len(flat))]
        possible = 0
        for name, kb in layers.items():
            hits = 0
            for p in flat:
                found = covered(kb, p)
                hits += found["match"] == "exact" and bool(found["facts"])
                if name == "all":
                    possible += found["match"] == "possible"
            row.append(f"{hits} ({hits / len(flat):.1%})" if flat else "—")
        row.append(str(possible))
        print("| " + " | ".join(row) + " |")
    kinds = Counter(p["kind"] for pages in people.values() for page in pages for p in page)
    print(f"\n(people: {kinds['author']} authors, {kinds['cited']} cited)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
