"""Wikidata layer: the offline pack, built from a Wikidata JSON dump, and what it holds.

`backstory kb import-wikidata DUMP` streams the full JSON dump (https://www.wikidata.org/wiki/Wikidata:Database_download,
CC0: one JSON array, one entity per line) twice, in bounded memory, with a progress bar and ETA over the
file's bytes:

* pass 1 keeps news outlets (by P31 class), the people news cites (humans with a position held, P39,
  or one of the occupations below) and organisations of the classes below, and notes the items they
  point to (employers, parties, memberships, positions and their bodies, countries, owners);
* pass 2 keeps the labels of those items, and a full organisation record for those a person belongs
  to (an employer, a party, a membership, a position's body), so an organisation named in a bio finds
  its card offline too.

Why the JSON dump and not the truthy N-Triples: the cards need the dates of offices and employments,
which are qualifiers (P580 start, P582 end) on statements; the truthy dump keeps only best-rank simple
triples, without qualifiers, so every tenure would lose its dates. The JSON dump is larger, but lines
are pre-filtered with a regular expression before parsing, so most of it never reaches the JSON parser.

The result is one SQLite file (kb/store.py's shape plus the outlet tables), built under a temporary name
and renamed into place: a failed or interrupted import leaves the previous pack untouched. Its meta
carries the dump's date, which every fact from it cites. `kb export-pack` / `import-pack` copy it.
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from tqdm import tqdm

from . import records as R
from .datasets import LAYER_WIKIDATA, WIKIDATA_LICENSE
from .names import fold
from .store import FORMAT, FORMAT_VERSION, INDEXES, SCHEMA, RecordStore, StoreError, check_file, write_labels, write_record
from ..domains import site_of_url
from ..files import fsync_dir

WIKIDATA_FILE = "wikidata.sqlite"
ENTITY_URL = R.ENTITY_URL
LANG = R.LANG
MAX_ALIASES = R.MAX_ALIASES

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
# P106 (occupation) values that make a human a person news cites (with any P39 position held, which
# is how Wikidata records offices in governments, legislatures, courts, parties and armies).
PERSON_OCCUPATIONS = {
    "Q82955": "politician",
    "Q372436": "statesperson",
    "Q193391": "diplomat",
    "Q212238": "civil servant",
    "Q189290": "military officer",
    "Q16533": "judge",
    "Q600751": "prosecutor",
    "Q40348": "lawyer",
    "Q43845": "businessperson",
    "Q131524": "entrepreneur",
    "Q188094": "economist",
    "Q1238570": "political scientist",
    "Q1650915": "researcher",
    "Q3400985": "academic",
    "Q1622272": "university teacher",
    "Q201788": "historian",
    "Q1930187": "journalist",
    "Q1086863": "columnist",
    "Q1607826": "editor",
    "Q8246794": "blogger",
    "Q15253558": "activist",
}
# P31 classes of organisations kept on their own (beyond those a kept person belongs to).
ORGANISATION_CLASSES = {
    "Q7278": "political party",
    "Q327333": "government agency",
    "Q484652": "international organization",
    "Q79913": "non-governmental organization",
    "Q3918": "university",
}
HUMAN = R.HUMAN
P_WEBSITE, P_OWNER, P_COUNTRY, P_INCEPTION = R.P_WEBSITE, R.P_OWNER, R.P_COUNTRY, R.P_INCEPTION
# Links whose targets get a full organisation record in pass 2 (not only a label).
ORG_LINKS = ("employers", "parties", "memberships", "affiliations")
PROGRESS_EVERY = 1 << 20  # update the progress bar every MiB read

_WANTED = re.compile(
    r'"P39"|"id":\s*"(?:' + "|".join(sorted(OUTLET_CLASSES) + sorted(PERSON_OCCUPATIONS) + sorted(ORGANISATION_CLASSES)) + r')"'
)
_LINE_ID = re.compile(r'"id":\s*"Q(\d+)"')
_DATE_IN_NAME = re.compile(r"(20\d{2})-?(\d{2})-?(\d{2})")


class DumpError(ValueError):
    """The dump file cannot be read or its date is unknown."""


def open_dump(path: Path, raw=None):
    """Open a .json, .json.gz or .json.bz2 dump as text (over ``raw``, the file object, when given)."""
    name = path.name.lower()
    raw = raw if raw is not None else path.open("rb")
    if name.endswith(".gz"):
        return io.TextIOWrapper(gzip.GzipFile(fileobj=raw), encoding="utf-8")
    if name.endswith(".bz2"):
        return io.TextIOWrapper(bz2.BZ2File(raw), encoding="utf-8")
    return io.TextIOWrapper(raw, encoding="utf-8")


def iter_lines(path: Path, *, progress: bool, desc: str) -> Iterator[str]:
    """Entity lines of the dump without the array brackets and trailing commas; the bar counts the
    file's bytes (compressed ones for .gz/.bz2), so it can show an ETA."""
    size = path.stat().st_size
    with path.open("rb") as raw, open_dump(path, raw) as fh, \
            tqdm(total=size, desc=desc, unit="B", unit_scale=True, disable=not progress, mininterval=1.0) as bar:
        done = 0
        saw_end = False
        for line in fh:
            pos = raw.tell()
            if pos - done >= PROGRESS_EVERY:
                bar.update(pos - done)
                done = pos
            line = line.strip()
            if line == "]":
                saw_end = True
                continue
            line = line.rstrip(",")
            if line and line != "[":
                yield line
        bar.update(size - done)
    if not saw_end:
        raise DumpError(f"{path}: the dump ends without its closing ']': it is cut short")


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


def outlet_record(entity: dict) -> dict | None:
    """An outlet record when the item is an instance of a news-outlet class and has an English label."""
    classes = [q for q in R.items(entity, R.P_INSTANCE) if q in OUTLET_CLASSES]
    label = R.text(entity, "labels")
    if not classes or not label:
        return None
    sites = [R.snak_value(s["mainsnak"]) for s in R.statements(entity, P_WEBSITE)]
    # a website on a platform where anyone publishes (facebook.com/SomeOutlet) is not the outlet's own site
    domains = [site_of_url(s) for s in sites if isinstance(s, str)]
    return {
        "qid": entity["id"], "label": label, "description": R.text(entity, "descriptions"),
        "aliases": R.aliases(entity), "classes": [OUTLET_CLASSES[q] for q in classes],
        "domains": list(dict.fromkeys(d for d in domains if d)),
        "owners": R.items(entity, P_OWNER), "countries": R.items(entity, P_COUNTRY),
        "inception": R._first_time(entity, P_INCEPTION),
    }


def kept_person(entity: dict) -> dict | None:
    """A person record for a human with a position held or a listed occupation."""
    rec = R.person_record(entity)
    if rec is None:
        return None
    if rec["positions"] or any(q in PERSON_OCCUPATIONS for q in rec["occupations"]):
        return rec
    return None


def kept_organisation(entity: dict) -> dict | None:
    rec = R.organisation_record(entity)
    if rec is not None and any(q in ORGANISATION_CLASSES for q in rec["classes"]):
        return rec
    return None


OUTLET_SCHEMA = """
CREATE TABLE outlets (qid TEXT PRIMARY KEY, record TEXT NOT NULL);
CREATE TABLE outlet_domains (domain TEXT NOT NULL, qid TEXT NOT NULL);
CREATE TABLE outlet_names (name TEXT NOT NULL, qid TEXT NOT NULL);
"""
OUTLET_INDEXES = """
CREATE INDEX outlet_domains_domain ON outlet_domains(domain);
CREATE INDEX outlet_names_name ON outlet_names(name);
"""


def _outlet_refs(rec: dict) -> set[str]:
    return set(rec.get("owners", ())) | set(rec.get("countries", ()))


def _org_targets(rec: dict) -> set[int]:
    """Numeric QIDs of the organisations a person belongs to (their records are kept in pass 2)."""
    out = {int(link["qid"][1:]) for key in ORG_LINKS for link in rec.get(key, ())}
    out |= {int(link["of"][1:]) for link in rec.get("positions", ()) if link.get("of")}
    return out


def _pass1(db: sqlite3.Connection, path: Path, when: str, *, progress: bool) -> tuple[set[int], set[int], dict]:
    """Outlets, people, organisations by class; returns (referenced QIDs, organisations to keep, counts)."""
    refs: set[int] = set()  # numeric QIDs: a set of ints is about a third of a set of 'Q…' strings
    orgs: set[int] = set()
    counts = {"outlets": 0, "people": 0, "organisations": 0}
    for line in iter_lines(path, progress=progress, desc="pass 1 of 2: people, organisations, outlets"):
        if not _WANTED.search(line):
            continue
        entity = json.loads(line)
        if (rec := outlet_record(entity)) is not None:
            db.execute("INSERT OR REPLACE INTO outlets VALUES (?, ?)", (rec["qid"], json.dumps(rec, ensure_ascii=False)))
            db.executemany("INSERT INTO outlet_domains VALUES (?, ?)", [(d, rec["qid"]) for d in rec["domains"]])
            names = {fold(n) for n in [rec["label"], *rec["aliases"]]} - {""}
            db.executemany("INSERT INTO outlet_names VALUES (?, ?)", [(n, rec["qid"]) for n in names])
            refs.update(int(q[1:]) for q in _outlet_refs(rec))
            counts["outlets"] += 1
        elif (rec := kept_person(entity) or kept_organisation(entity)) is not None:
            write_record(db, rec, date=when, retrieved=None, fresh=True)
            refs.update(int(q[1:]) for q in R.references(rec))
            if rec["kind"] == "person":
                orgs |= _org_targets(rec)
                counts["people"] += 1
            else:
                counts["organisations"] += 1
    return refs, orgs, counts


def _pass2(db: sqlite3.Connection, path: Path, when: str, refs: set[int], orgs: set[int], counts: dict, *, progress: bool) -> None:
    """Labels of the referenced items; organisation records for the organisations people belong to."""
    have = {int(q[1:]) for (q,) in db.execute("SELECT qid FROM records WHERE kind = 'organisation'")}
    for line in iter_lines(path, progress=progress, desc="pass 2 of 2: labels of linked items"):
        m = _LINE_ID.search(line[:200])
        if not m:
            continue
        num = int(m[1])
        if num not in refs and num not in orgs:
            continue
        entity = json.loads(line)
        if num in orgs and num not in have and (rec := R.organisation_record(entity)) is not None:
            write_record(db, rec, date=when, retrieved=None, fresh=True)
            refs.update(int(q[1:]) for q in R.references(rec))
            counts["organisations"] += 1
        if (label := R.label_of(entity)) is not None:
            write_labels(db, {entity["id"]: label}, None)


def _fsync_file(path: Path) -> None:
    """Flush a finished file to disk before it is renamed into place."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def install_file(tmp: Path, target: Path) -> None:
    """fsync a finished file and rename it over the target (the old one stays until this instant)."""
    _fsync_file(tmp)
    os.replace(tmp, target)
    fsync_dir(target.parent)


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
        db.execute("PRAGMA journal_mode=OFF")  # a fresh file renamed into place only when whole: no journal needed
        db.execute("PRAGMA synchronous=OFF")
        db.executescript(SCHEMA + OUTLET_SCHEMA)
        refs, orgs, counts = _pass1(db, path, when, progress=progress)
        _pass2(db, path, when, refs, orgs, counts, progress=progress)
        db.executescript(INDEXES + OUTLET_INDEXES)
        meta = {"format": FORMAT, "format_version": FORMAT_VERSION, "dump_date": when, "source_file": path.name,
                "license": WIKIDATA_LICENSE, "imported": date.today().isoformat()}
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        db.commit()
        db.execute("VACUUM")
        db.close()
        install_file(tmp, out_dir / WIKIDATA_FILE)
    except (OSError, EOFError, json.JSONDecodeError, UnicodeDecodeError, sqlite3.Error, DumpError) as exc:
        db.close()
        tmp.unlink(missing_ok=True)
        message = str(exc) if isinstance(exc, DumpError) else f"{path}: cannot read the dump ({exc})"
        raise DumpError(f"{message}; the previous pack is unchanged") from None
    except BaseException:
        db.close()
        tmp.unlink(missing_ok=True)
        raise
    return {**counts, "dump_date": when}


def export_pack(user_dir: Path, target: Path) -> dict:
    """Copy the installed pack to ``target`` (SQLite's online backup: a consistent copy)."""
    source = Path(user_dir) / WIKIDATA_FILE
    if not source.is_file():
        raise StoreError(f"no pack to export: run `backstory kb import-wikidata DUMP` (or `kb import-pack FILE`) first")
    meta = check_file(source, thorough=False)
    target = Path(target)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent if str(target.parent) else ".")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
        finally:
            src.close()
            dst.close()
        install_file(tmp, target)
    except (OSError, sqlite3.Error) as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"cannot write {target} ({exc})") from None
    return meta


def import_pack(source: Path, user_dir: Path) -> dict:
    """Check a pack file (whole, ours, dated) and install it; a bad file changes nothing."""
    source, user_dir = Path(source), Path(user_dir)
    if not source.is_file():
        raise StoreError(f"{source}: no such file")
    user_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{WIKIDATA_FILE}.", suffix=".tmp", dir=user_dir)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        shutil.copyfile(source, tmp)
        meta = check_file(tmp)  # the copy is checked, so what is installed is what was checked
        install_file(tmp, user_dir / WIKIDATA_FILE)
    except StoreError:
        tmp.unlink(missing_ok=True)
        raise
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"cannot install {source} ({exc.strerror})") from None
    return meta


class WikidataLayer:
    """The installed pack, read on demand from its SQLite file (nothing held in memory).

    Outlets are read here; people and organisations through :attr:`store` (kb/store.py). A file of
    another format (an import made by an older Backstory) is ignored with a warning.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.meta: dict[str, str] = {}
        self.warning: str | None = None
        self.store = RecordStore(None)
        if path is not None and path.is_file():
            try:
                self.meta = check_file(path, thorough=False)  # checked whole when it was built or imported
            except StoreError as exc:
                self.warning = f"{exc}; the pack is ignored"
            else:
                self.store = RecordStore(path)
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

    def _resolved(self, record_json: str) -> dict:
        """A stored outlet record with {qid, label} pairs in place of bare QIDs."""
        rec = json.loads(record_json)
        labels = self.store.labels(_outlet_refs(rec))
        for key in ("owners", "countries"):
            rec[key] = [{"qid": q, "label": labels.get(q)} for q in rec.get(key, ())]
        return rec

    def outlet_by_domain(self, domain: str) -> dict | None:
        """The imported outlet whose official website is on this domain."""
        rows = self.store.rows("SELECT o.record FROM outlet_domains d JOIN outlets o USING (qid) WHERE d.domain = ? LIMIT 1", (domain,))
        return self._resolved(rows[0][0]) if rows else None

    def outlet_by_name(self, folded_name: str) -> dict | None:
        """The imported outlet with this folded label or alias (only when exactly one has it)."""
        rows = self.store.rows("SELECT o.record FROM outlet_names n JOIN outlets o USING (qid) WHERE n.name = ? LIMIT 2", (folded_name,))
        return self._resolved(rows[0][0]) if len(rows) == 1 else None

    def counts(self) -> dict:
        """Outlets, people and organisations in the pack, with the dump date."""
        outlets = self.store.rows("SELECT count(*) FROM outlets")
        return {"outlets": outlets[0][0] if outlets else 0, **{k: v for k, v in self.store.counts().items() if k != "searches"},
                "dump_date": self.dump_date, "file": WIKIDATA_FILE}

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
