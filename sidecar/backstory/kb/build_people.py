"""Build the bundled US officials (data/people/us-officials.json) from the congress-legislators dataset.

    .venv/bin/python -m backstory.kb.build_people ../shared/data/people/us-congress-legislators

Reads legislators-current.yaml (members of the current Congress) and executive.yaml (every US
president and vice president) — github.com/unitedstates/congress-legislators, public domain in the
US and CC0 1.0 worldwide — and writes one JSON file of person records in kb/records.py's shape,
with the labels inline: offices with their dates (consecutive terms in one office joined into one
tenure), party, state and district, birth date, and each person's Wikidata QID where the row has one.
A term whose end is after the dataset's date is the current one: its end is kept as ``term_ends``
(a scheduled date, not a fact yet). PyYAML is needed only here (it is a test dependency); the
sidecar reads the JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .names import PersonName

OUT = Path(__file__).resolve().parent.parent / "data" / "people" / "us-officials.json"
DATASET_DATE = "2026-06-15"  # commit dfa9622 of the repository (SOURCE.txt)
OFFICES = {
    "sen": "United States senator",
    "rep": "member of the United States House of Representatives",
    "prez": "President of the United States",
    "viceprez": "Vice President of the United States",
}
PARTY_NAMES = {"Democrat": "Democratic Party", "Republican": "Republican Party", "Independent": "independent",
               "Democratic-Republican": "Democratic-Republican Party", "Whig": "Whig Party", "Federalist": "Federalist Party",
               "National Union": "National Union Party", "Libertarian": "Libertarian Party"}
STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho",
    "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
    "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey",
    "NM": "New Mexico", "NY": "New York", "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming", "DC": "District of Columbia", "PR": "Puerto Rico",
    "GU": "Guam", "VI": "U.S. Virgin Islands", "AS": "American Samoa", "MP": "Northern Mariana Islands",
}


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _where(term: dict) -> str | None:
    state = STATES.get(term.get("state", ""), term.get("state"))
    if term["type"] == "rep" and state:
        district = term.get("district")
        return f"{state} at-large" if district in (0, None) else f"{state}'s {_ordinal(int(district))} district"
    return state


def _tenures(terms: list[dict], key) -> list[dict]:
    """Consecutive terms with the same key joined: [{value, start, end}]."""
    out: list[dict] = []
    for t in sorted(terms, key=lambda t: t["start"]):
        value = key(t)
        if value is None:
            continue
        if out and out[-1]["value"] == value and out[-1]["end"] >= _day_before(t["start"]):
            out[-1]["end"] = max(out[-1]["end"], t["end"])
        else:
            out.append({"value": value, "start": t["start"], "end": t["end"]})
    return out


def _day_before(day: str) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(day) - timedelta(days=7)).isoformat()  # a week's grace between terms


def _dated(link: dict) -> dict:
    """A future end is the current term's scheduled end, not a fact yet."""
    if link["end"] > DATASET_DATE:
        return {**link, "end": None, "term_ends": link["end"]}
    return link


def _names(name: dict) -> tuple[str, list[str]]:
    first, last = name.get("first", ""), name.get("last", "")
    label = name.get("official_full") or f"{name.get('nickname') or first} {last}".strip()
    variants = [f"{first} {last}", f"{first} {name['middle']} {last}" if name.get("middle") else "",
                f"{name['nickname']} {last}" if name.get("nickname") else ""]
    aliases = [v.replace('"', "") for v in dict.fromkeys(variants) if v and v != label]
    return label, aliases


def person(row: dict) -> dict:
    """One person record (kb/records.py's shape with labels inline)."""
    ids = row.get("id", {})
    label, aliases = _names(row["name"])
    positions = [_dated({"label": OFFICES[v[0]], "district_label": v[1], "start": t["start"], "end": t["end"]})
                 for t in _tenures(row["terms"], lambda t: (t["type"], _where(t)) if t["type"] in OFFICES else None)
                 for v in [t["value"]]]
    parties = [_dated({"label": t["value"], "start": t["start"], "end": t["end"]})
               for t in _tenures(row["terms"], lambda t: PARTY_NAMES.get(t.get("party"), t.get("party"))
                                 if t.get("party") not in (None, "no party") else None)]
    latest = positions[-1] if positions else None
    party = parties[-1]["label"] if parties else None
    description = None
    if latest:
        where = f" ({latest['district_label']})" if latest.get("district_label") else ""
        was = "" if latest.get("end") is None else "former "
        description = f"{was}{latest['label']}{where}" + (f", {party}" if party else "")
    qid = ids.get("wikidata")
    rec = {
        "qid": qid, "id": f"us-officials:{ids.get('bioguide') or ids.get('govtrack')}", "kind": "person",
        "label": label, "description": description, "description_derived": True, "aliases": aliases, "occupations": [],
        "citizenship": [],
        "birth": (row.get("bio") or {}).get("birthday"), "death": None, "enwiki": None,
        "positions": positions, "employers": [], "parties": parties, "memberships": [], "affiliations": [],
    }
    rec["names"] = [list(PersonName.split(n)) for n in [label, *aliases]]
    return rec


def build(folder: Path) -> dict:
    """Every current member of Congress and every president and vice president, merged by person."""
    import yaml

    rows = yaml.safe_load((folder / "legislators-current.yaml").read_text(encoding="utf-8"))
    rows += yaml.safe_load((folder / "executive.yaml").read_text(encoding="utf-8"))
    merged: dict[str, dict] = {}
    for row in rows:
        ids = row.get("id", {})
        key = str(ids.get("bioguide") or ids.get("govtrack"))
        if key in merged:
            merged[key]["terms"] = merged[key]["terms"] + row["terms"]
            merged[key]["id"] = {**row.get("id", {}), **merged[key]["id"]}
        else:
            merged[key] = dict(row)
    people = [person(r) for r in merged.values()]
    return {"dataset": "congress-legislators", "date": DATASET_DATE, "license": "CC0 1.0",
            "source": "https://github.com/unitedstates/congress-legislators",
            "people": sorted(people, key=lambda p: p["id"])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="../shared/data/people/us-congress-legislators")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    data = build(args.folder)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {len(data['people'])} people to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
