"""Wikidata layer: import news outlets and media people from a JSON dump, and load what was imported.

The dump (https://www.wikidata.org/wiki/Wikidata:Database_download, JSON, CC0) is one JSON array with
one entity per line, each line ending in ",". The importer streams it twice: pass 1 keeps outlets and
people and notes which items they point to (owners, employers, countries); pass 2 reads only the
labels of those items. Lines are pre-filtered with a regular expression before being parsed, so most
of a full dump is skipped without running the JSON parser on it.

The result is one SQLite file in the user data dir, built under a temporary name and renamed into
place. Lookups query it on demand, so even an import of hundreds of thousands of people adds almost
nothing to start-up time or memory.
"""

from __future__ import annotations

import bz2
import gzip
import json
import os
import re
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from tqdm import tqdm

from .datasets import LAYER_WIKIDATA, WIKIDATA_LICENSE
from ..domains import site_of_url
from .names import PersonName, fold
from .user import fsync_dir

WIKIDATA_FILE = "wikidata.sqlite"
FORMAT_VERSION = 1
ENTITY_URL = "https://www.wikidata.org/wiki/{qid}"
LANG = "en"
MAX_ALIASES = 10

# P31 (instance of) classes that make an item a news outlet; each is https://www.wikidata.org/wiki/<QID>.
OUTLET_CLASSES = {
    "Q11032": "newspaper",
    "Q1110794": "daily newspaper",
    "Q1153191": "online newspaper",
    "Q17232649": "news website",
    "Q192283": "news agency",
    "Q1684600": "news magazine",
    "Q41298": "magazine",
    "Q2001305": "television channel",
    "Q1616075": "television station",
    "Q15265344": "broadcaster",
    "Q14350": "radio station",
}
# P106 (occupation) values that make a human (P31 Q5) a person the cards may cite.
PERSON_OCCUPATIONS = {
    "Q1930187": "journalist",
    "Q1086863": "columnist",  # some code labels it "publicist": a media occupation either way
    "Q1607826": "editor",
    "Q8246794": "blogger",
    "Q1650915": "researcher",
    "Q3400985": "academic",
    "Q1622272": "university teacher",
    "Q1238570": "political scientist",
    "Q188094": "economist",
    "Q201788": "historian",
}
HUMAN = "Q5"
P_INSTANCE, P_OCCUPATION, P_WEBSITE, P_OWNER, P_COUNTRY, P_INCEPTION = "P31", "P106", "P856", "P127", "P17", "P571"
P_EMPLOYER, P_CITIZENSHIP, P_START, P_END = "P108", "P27", "P580", "P582"
# Wikidata time precision codes: 9 year, 10 month, 11 day.
TIME_CHARS = {9: 4, 10: 7, 11: 10}

_WANTED = re.compile(
    r'"id":\s*"(?:' + "|".join(sorted(OUTLET_CLASSES) + sorted(PERSON_OCCUPATIONS)) + r')"'
)
_LINE_ID = re.compile(r'^\{"type":\s*"item",\s*"id":\s*"(Q\d+)"|"id":\s*"(Q\d+)"')
_DATE_IN_NAME = re.compile(r"(20\d{2})-?(\d{2})-?(\d{2})")


class DumpError(ValueError):
    """The dump file cannot be read or its date is unknown."""


def open_dump(path: Path):
    """Open a .json, .json.gz or .json.bz2 dump as text."""
    name = path.name.lower()
    if name.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    if name.endswith(".bz2"):
        return bz2.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8")


def iter_lines(path: Path, *, progress: bool, desc: str) -> Iterator[str]:
    """Entity lines of the dump without the array brackets and trailing commas."""
    with open_dump(path) as fh:
        for line in tqdm(fh, desc=desc, unit=" lines", disable=not progress, mininterval=1.0):
            line = line.strip().rstrip(",")
            if line and line not in ("[", "]"):
                yield line


def dump_date(path: Path, given: str | None) -> str:
    """The dump's date: --dump-date when given, else YYYYMMDD in the file name."""
    if given:
        try:
            return date.fromisoformat(given).isoformat()
        except ValueError:
            raise DumpError(f"--dump-date {given!r} is not YYYY-MM-DD") from None
    m = _DATE_IN_NAME.search(path.name)
    if not m:
        raise DumpError(f"cannot tell the dump's date from {path.name!r}: pass --dump-date YYYY-MM-DD")
    try:
        return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        raise DumpError(f"cannot tell the dump's date from {path.name!r}: pass --dump-date YYYY-MM-DD") from None


def _statements(entity: dict, prop: str) -> list[dict]:
    """Statements of one property, deprecated rank left out."""
    return [s for s in entity.get("claims", {}).get(prop, ()) if s.get("rank") != "deprecated"]


def _snak_value(snak: dict):
    """The value of a 'value' snak: a QID, a string, or a time dict."""
    if snak.get("snaktype") != "value":
        return None
    value = snak.get("datavalue", {}).get("value")
    if isinstance(value, dict) and "id" in value:
        return value["id"]
    return value


def _time(value) -> str | None:
    """'+2001-05-12T00:00:00Z' at its precision: '2001', '2001-05' or '2001-05-12'."""
    if not isinstance(value, dict) or "time" not in value:
        return None
    chars = TIME_CHARS.get(value.get("precision", 11), 4)
    return value["time"].lstrip("+")[:chars]


def _items(entity: dict, prop: str) -> list[str]:
    """QIDs of a property's statements."""
    return [v for s in _statements(entity, prop) if isinstance(v := _snak_value(s["mainsnak"]), str) and v.startswith("Q")]


def _qualifier_time(statement: dict, prop: str) -> str | None:
    """First time value of a qualifier (start P580, end P582)."""
    for snak in statement.get("qualifiers", {}).get(prop, ()):
        if (t := _time(_snak_value(snak))) is not None:
            return t
    return None


def _text(entity: dict, key: str) -> str | None:
    """English label or description."""
    return entity.get(key, {}).get(LANG, {}).get("value")


def _aliases(entity: dict) -> list[str]:
    """English aliases (at most MAX_ALIASES)."""
    return [a["value"] for a in entity.get("aliases", {}).get(LANG, ())][:MAX_ALIASES]


def outlet_record(entity: dict) -> dict | None:
    """An outlet record when the item is an instance of a news-outlet class and has an English label."""
    classes = [q for q in _items(entity, P_INSTANCE) if q in OUTLET_CLASSES]
    label = _text(entity, "labels")
    if not classes or not label:
        return None
    sites = [_snak_value(s["mainsnak"]) for s in _statements(entity, P_WEBSITE)]
    # a website on a platform where anyone publishes (facebook.com/SomeOutlet) is not the outlet's own site
    domains = [site_of_url(s) for s in sites if isinstance(s, str)]
    inception = [_time(_snak_value(s["mainsnak"])) for s in _statements(entity, P_INCEPTION)]
    return {
        "qid": entity["id"], "label": label, "description": _text(entity, "descriptions"),
        "aliases": _aliases(entity), "classes": [OUTLET_CLASSES[q] for q in classes],
        "domains": list(dict.fromkeys(d for d in domains if d)),
        "owners": _items(entity, P_OWNER), "countries": _items(entity, P_COUNTRY),
        "inception": next((t for t in inception if t), None),
    }


def person_record(entity: dict) -> dict | None:
    """A person record when the item is a human with a media or research occupation."""
    if HUMAN not in _items(entity, P_INSTANCE):
        return None
    occupations = [q for q in _items(entity, P_OCCUPATION) if q in PERSON_OCCUPATIONS]
    label = _text(entity, "labels")
    if not occupations or not label:
        return None
    employers = [
        {"qid": v, "start": _qualifier_time(s, P_START), "end": _qualifier_time(s, P_END)}
        for s in _statements(entity, P_EMPLOYER)
        if isinstance(v := _snak_value(s["mainsnak"]), str)
    ]
    enwiki = entity.get("sitelinks", {}).get("enwiki", {}).get("title")
    return {
        "qid": entity["id"], "label": label, "description": _text(entity, "descriptions"),
        "aliases": _aliases(entity), "occupations": [PERSON_OCCUPATIONS[q] for q in occupations],
        "employers": employers, "citizenship": _items(entity, P_CITIZENSHIP),
        "enwiki": f"https://en.wikipedia.org/wiki/{enwiki.replace(' ', '_')}" if enwiki else None,
    }


SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE outlets (qid TEXT PRIMARY KEY, record TEXT NOT NULL);
CREATE TABLE outlet_domains (domain TEXT NOT NULL, qid TEXT NOT NULL);
CREATE TABLE outlet_names (name TEXT NOT NULL, qid TEXT NOT NULL);
CREATE TABLE people (qid TEXT PRIMARY KEY, record TEXT NOT NULL);
CREATE TABLE person_tokens (token TEXT NOT NULL, initial TEXT NOT NULL, qid TEXT NOT NULL);
CREATE TABLE labels (qid TEXT PRIMARY KEY, label TEXT NOT NULL);
"""
INDEXES = """
CREATE INDEX outlet_domains_domain ON outlet_domains(domain);
CREATE INDEX outlet_names_name ON outlet_names(name);
CREATE INDEX person_tokens_token ON person_tokens(token, initial);
"""


def _references(rec: dict) -> set[str]:
    """QIDs whose labels a record needs (owners, countries, employers, citizenship)."""
    refs = set(rec.get("owners", ())) | set(rec.get("countries", ())) | set(rec.get("citizenship", ()))
    refs.update(e["qid"] for e in rec.get("employers", ()))
    return refs


def _person_keys(rec: dict) -> set[tuple[str, str]]:
    """(family-name token, first initial) pairs for the label and aliases: the index a lookup reads.

    Also stores each name's parts in the record ("names"), so lookups need not run nameparser again.
    """
    keys = set()
    rec["names"] = []
    for name in [n for n in [rec["label"], *rec["aliases"]] if n.strip()]:
        first, family = PersonName.split(name)
        rec["names"].append([first, family])
        keys.update((token, first[:1]) for token in family)
    return keys


def _store(db: sqlite3.Connection, entity: dict) -> set[str] | None:
    """Insert an outlet or person record; returns the QIDs it refers to, None when not kept."""
    if (rec := outlet_record(entity)) is not None:
        db.execute("INSERT OR REPLACE INTO outlets VALUES (?, ?)", (rec["qid"], json.dumps(rec, ensure_ascii=False)))
        db.executemany("INSERT INTO outlet_domains VALUES (?, ?)", [(d, rec["qid"]) for d in rec["domains"]])
        names = {fold(n) for n in [rec["label"], *rec["aliases"]]} - {""}
        db.executemany("INSERT INTO outlet_names VALUES (?, ?)", [(n, rec["qid"]) for n in names])
        return _references(rec)
    if (rec := person_record(entity)) is not None:
        keys = _person_keys(rec)
        db.execute("INSERT OR REPLACE INTO people VALUES (?, ?)", (rec["qid"], json.dumps(rec, ensure_ascii=False)))
        db.executemany("INSERT INTO person_tokens VALUES (?, ?, ?)", [(t, i, rec["qid"]) for t, i in keys])
        return _references(rec)
    return None


def _store_labels(db: sqlite3.Connection, path: Path, wanted: set[str], *, progress: bool) -> None:
    """Pass 2: English labels of the wanted QIDs only."""
    for line in iter_lines(path, progress=progress, desc="wikidata labels"):
        m = _LINE_ID.search(line[:200])
        qid = m and (m[1] or m[2])
        if qid in wanted and (label := _text(json.loads(line), "labels")):
            db.execute("INSERT OR REPLACE INTO labels VALUES (?, ?)", (qid, label))


def _fsync_file(path: Path) -> None:
    """Flush a finished file to disk before it is renamed into place."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def import_dump(path: Path, out_dir: Path, *, dump_date_text: str | None = None, progress: bool = True) -> dict:
    """Stream a dump into ``out_dir/wikidata.sqlite`` (built beside it, then renamed into place); returns counts."""
    path, out_dir = Path(path), Path(out_dir)
    if not path.is_file():
        raise DumpError(f"{path}: no such file")
    when = dump_date(path, dump_date_text)
    out_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{WIKIDATA_FILE}.", suffix=".tmp", dir=out_dir)
    os.close(fd)
    tmp = Path(tmp_name)
    db = sqlite3.connect(tmp)
    try:
        db.executescript(SCHEMA)
        refs: set[str] = set()
        for line in iter_lines(path, progress=progress, desc="wikidata entities"):
            if _WANTED.search(line) and (found := _store(db, json.loads(line))) is not None:
                refs |= found
        _store_labels(db, path, refs, progress=progress)
        db.executescript(INDEXES)
        meta = {"format": str(FORMAT_VERSION), "dump_date": when, "source_file": path.name,
                "license": WIKIDATA_LICENSE, "imported": date.today().isoformat()}
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        db.commit()
        counts = {"outlets": db.execute("SELECT count(*) FROM outlets").fetchone()[0],
                  "people": db.execute("SELECT count(*) FROM people").fetchone()[0], "dump_date": when}
        db.close()
        _fsync_file(tmp)
        os.replace(tmp, out_dir / WIKIDATA_FILE)
        fsync_dir(out_dir)
    except (OSError, EOFError, json.JSONDecodeError, UnicodeDecodeError, sqlite3.Error) as exc:
        db.close()
        tmp.unlink(missing_ok=True)
        raise DumpError(f"{path}: cannot read the dump ({exc})") from None
    except BaseException:
        db.close()
        tmp.unlink(missing_ok=True)
        raise
    return counts


class WikidataLayer:
    """What an earlier import wrote, read on demand from its SQLite file (nothing held in memory)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._db = None
        self.meta: dict[str, str] = {}
        if path is not None and path.is_file():
            # Read-only URI: a lookup can never change or lock the reader's import.
            self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            self.meta = dict(self._db.execute("SELECT key, value FROM meta"))
        self.dump_date: str | None = self.meta.get("dump_date")
        self.imported: str | None = self.meta.get("imported")

    def signature(self) -> tuple | None:
        """(mtime, size) of the imported file, None when there is none: part of the KB version."""
        try:
            st = self.path.stat() if self.path else None
        except FileNotFoundError:
            return None
        return (st.st_mtime_ns, st.st_size) if st else None

    @classmethod
    def load(cls, folder: Path) -> WikidataLayer:
        """The layer from ``folder/wikidata.sqlite``; empty when nothing was imported."""
        return cls(Path(folder) / WIKIDATA_FILE)

    def _rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Run a read query (serialised: one connection is shared by the server's threads)."""
        if self._db is None:
            return []
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    def _labels(self, qids: set[str]) -> dict[str, str]:
        """English labels of some QIDs."""
        if not qids:
            return {}
        marks = ",".join("?" * len(qids))
        return dict(self._rows(f"SELECT qid, label FROM labels WHERE qid IN ({marks})", tuple(qids)))

    def _resolved(self, record_json: str) -> dict:
        """A stored record with {qid, label} pairs in place of bare QIDs."""
        rec = json.loads(record_json)
        labels = self._labels(_references(rec))
        pair = lambda q: {"qid": q, "label": labels.get(q)}  # noqa: E731
        for key in ("owners", "countries", "citizenship"):
            if key in rec:
                rec[key] = [pair(q) for q in rec[key]]
        for e in rec.get("employers", ()):
            e["label"] = labels.get(e["qid"])
        return rec

    def outlet_by_domain(self, domain: str) -> dict | None:
        """The imported outlet whose official website is on this domain."""
        rows = self._rows("SELECT o.record FROM outlet_domains d JOIN outlets o USING (qid) WHERE d.domain = ? LIMIT 1", (domain,))
        return self._resolved(rows[0][0]) if rows else None

    def outlet_by_name(self, folded_name: str) -> dict | None:
        """The imported outlet with this folded label or alias (only when exactly one has it)."""
        rows = self._rows("SELECT o.record FROM outlet_names n JOIN outlets o USING (qid) WHERE n.name = ? LIMIT 2", (folded_name,))
        return self._resolved(rows[0][0]) if len(rows) == 1 else None

    def person(self, qid: str) -> dict | None:
        """One imported person by QID."""
        rows = self._rows("SELECT record FROM people WHERE qid = ?", (qid,))
        return self._resolved(rows[0][0]) if rows else None

    def people_by_token(self, token: str, initial: str, limit: int) -> list[dict]:
        """People with this family-name token whose first name starts with ``initial`` ('' = any)."""
        if initial:
            sql = ("SELECT DISTINCT p.record FROM person_tokens t JOIN people p USING (qid) "
                   "WHERE t.token = ? AND t.initial IN (?, '') LIMIT ?")
            rows = self._rows(sql, (token, initial, limit))
        else:
            rows = self._rows("SELECT DISTINCT p.record FROM person_tokens t JOIN people p USING (qid) WHERE t.token = ? LIMIT ?", (token, limit))
        return [self._resolved(r[0]) for r in rows]

    def counts(self) -> dict:
        """Outlets and people imported, with the dump date."""
        count = lambda table: self._rows(f"SELECT count(*) FROM {table}")[0][0] if self._db else 0  # noqa: E731
        return {"outlets": count("outlets"), "people": count("people"), "dump_date": self.dump_date, "file": WIKIDATA_FILE}

    def source(self, qid: str) -> dict:
        """Source object for a fact read from one Wikidata item."""
        return {"name": f"Wikidata {qid}", "url": ENTITY_URL.format(qid=qid), "date": self.dump_date,
                "retrieved": self.imported, "license": WIKIDATA_LICENSE, "layer": LAYER_WIKIDATA}

    def fact(self, qid: str, prop: str, value: str, claim: str) -> dict:
        """One Fact object from this layer."""
        return {"property": prop, "value": value, "claim": claim, "where": f"Wikidata item {qid}",
                "sources": [self.source(qid)], "layer": LAYER_WIKIDATA}

    def outlet_facts(self, o: dict) -> list[dict]:
        """Facts about an imported outlet: what it is, owner, country, inception."""
        q, name = o["qid"], o["label"]
        facts = [self.fact(q, "description", ", ".join(o["classes"]), f"Wikidata lists {name} as a {' / '.join(o['classes'])}.")]
        facts += [self.fact(q, "owner", x["label"], f"Wikidata gives {x['label']} as an owner of {name}.") for x in o["owners"] if x.get("label")]
        facts += [self.fact(q, "country", x["label"], f"Wikidata gives {x['label']} as {name}'s country.") for x in o["countries"] if x.get("label")]
        if o.get("inception"):
            facts.append(self.fact(q, "founded", o["inception"], f"Wikidata dates {name}'s founding to {o['inception']}."))
        return facts

    def person_facts(self, p: dict) -> list[dict]:
        """Facts about an imported person: description, occupations, employers with dates, citizenship, Wikipedia."""
        q, name = p["qid"], p["label"]
        facts = []
        if p.get("description"):
            facts.append(self.fact(q, "description", p["description"], f"Wikidata describes {name} as: {p['description']}."))
        facts += [self.fact(q, "role", occ, f"Wikidata lists {name}'s occupation as {occ}.") for occ in p["occupations"]]
        for e in p["employers"]:
            if e.get("label"):
                span = " ".join(x for x in (f"from {e['start']}" if e.get("start") else "", f"until {e['end']}" if e.get("end") else "") if x)
                facts.append(self.fact(q, "employer", e["label"], f"Wikidata lists {e['label']} as {name}'s employer{(' ' + span) if span else ''}."))
        facts += [self.fact(q, "citizenship", c["label"], f"Wikidata gives {name}'s citizenship as {c['label']}.") for c in p["citizenship"] if c.get("label")]
        if p.get("enwiki"):
            facts.append(self.fact(q, "wikipedia", p["enwiki"], f"{name} has an English Wikipedia article."))
        return facts
