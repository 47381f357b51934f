"""The knowledge base: open data, curated records, a Wikidata import and the reader's own layer behind one object."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import platformdirs
from rapidfuzz import fuzz, process

from . import match
from .card import Origin, organisation_facts, person_facts
from ..domains import lookup_keys
from .curated import Record, load_curated
from .datasets import LAYER_CURATED, LAYER_OPEN, LAYER_USER, LAYER_WIKIDATA
from .names import PersonName, domain_key, fold, mentions
from .officials import Officials
from .people import ORG_MIN, PeopleIndex, PersonEntry, decide
from .ratings import OpenData, public, raters_disagree
from .records import ENTITY_URL, references
from .store import RecordStore
from .user import UserStore
from .wikidata import WikidataLayer

APP_NAME = "backstory"
BUNDLED_DATA = Path(__file__).resolve().parent.parent / "data"
OPEN_SUBDIR = "open"
CURATED_SUBDIR = "curated"
COMMON_NAMES_FILE = "common_names.json"
VERSION_HASH_CHARS = 12
OPERATOR_PROPERTIES = ("operator", "owner")  # who runs an outlet: its operator, else its owner
PERSON_ROLE_PROPERTIES = ("role", "description")
# Facts whose free text may name the person's organisations ("Columnist for InfoBRICS and ...").
PERSON_ORG_PROPERTIES = ("employer", "affiliation", "founder", "role", "description", "other")
MIN_MENTION_CHARS = 4  # shorter names (acronyms like "CGS") must equal a whole value, not appear inside one
# Wikidata namesakes considered per family-name token and layer; past this many, nothing short of an
# agreeing signal can single one out anyway.
MAX_WIKIDATA_CANDIDATES = 25
MAX_ORG_CANDIDATES = 10
LOOKUP_CACHE_FILE = "lookup-cache.sqlite"
DECISIONS_FILE = "kb-decisions.json"
_QID_URL = re.compile(r"wikidata\.org/wiki/(Q\d+)")
# the KbPerson keys every answer carries (docs/api.md)
KB_PERSON_EMPTY = {"who": None, "name": None, "url": None, "candidates": []}


def default_user_dir() -> Path:
    """The platform's user data dir for Backstory (e.g. ~/.local/share/backstory)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def _hash_files(paths: list[Path]) -> str:
    """Content hash of the bundled files (names and bytes)."""
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:VERSION_HASH_CHARS]


class KnowledgeBase:
    """Every layer loaded and indexed; lookups are dictionary reads. Build with :meth:`load`."""

    def __init__(self, open_data: OpenData, records: list[Record], wikidata: WikidataLayer, user: UserStore,
                 common_surnames: frozenset[str], bundled_version: str, warnings: list[str],
                 officials: Officials | None = None, user_dir: Path | None = None) -> None:
        self.open = open_data
        self.records = records
        self.wikidata = wikidata
        self.user = user
        self.warnings = warnings
        self.officials = officials or Officials([], Origin())
        self.user_dir = user_dir
        self.cache_path = user_dir / LOOKUP_CACHE_FILE if user_dir else None
        self.cache = RecordStore(self.cache_path if self.cache_path and self.cache_path.is_file() else None)
        self._bundled_version = bundled_version
        self._index_curated(records)
        self.people = PeopleIndex(self._person_entries(), common_surnames)

    @classmethod
    def load(cls, data_dir: Path | str | None = None, user_dir: Path | str | None = None) -> KnowledgeBase:
        """Load bundled data from ``data_dir`` (default: the package's data/) and the reader's layer from ``user_dir``."""
        data = Path(data_dir) if data_dir is not None else BUNDLED_DATA
        user = Path(user_dir) if user_dir is not None else default_user_dir()
        records, warnings = load_curated(data / CURATED_SUBDIR)
        names_path = data / OPEN_SUBDIR / COMMON_NAMES_FILE
        surnames = frozenset(json.loads(names_path.read_text(encoding="utf-8"))["surnames"]) if names_path.is_file() else frozenset()
        # (open/*.toml: the hosting list decides which site a page is, so it changes answers as data does)
        bundled = [*(data / OPEN_SUBDIR).glob("*.json"), *(data / OPEN_SUBDIR).glob("*.toml")] + [Path(r.path) for r in records]
        wikidata = WikidataLayer.load(user)
        if wikidata.warning:
            warnings.append(wikidata.warning)
        store = UserStore(user)
        if store.error:
            warnings.append(store.error)
        officials = Officials.load(data)
        if (data / "people").is_dir():
            bundled += list((data / "people").glob("*.json"))
        return cls(OpenData.load(data / OPEN_SUBDIR), records, wikidata, store, surnames,
                   _hash_files(bundled), warnings, officials=officials, user_dir=user)

    # indexes
    def _index_curated(self, records: list[Record]) -> None:
        """Curated records by id, by domain and by folded name/alias, per kind."""
        self.by_id = {r.id: r for r in records}
        self.outlet_by_domain: dict[str, Record] = {}
        self.names: dict[str, dict[str, Record]] = {"outlet": {}, "organisation": {}, "person": {}}
        for kind in ("outlet", "organisation"):  # an outlet's own record wins over an organisation's site
            for r in (r for r in records if r.kind == kind):
                for d in r.domains:
                    self.outlet_by_domain.setdefault(d, r)
        for r in records:
            for n in (r.name, *r.aliases):
                self.names[r.kind].setdefault(fold(n), r)
        self._org_keys = list(self.names["organisation"])

    def _org_domains(self, texts: list[str], *, scan: bool = True) -> set[str]:
        """Domains of the outlets and organisations a person's facts name (``scan``: anywhere in the text)."""
        out: set[str] = set()
        folded = [fold(t) for t in texts]
        for kind in ("outlet", "organisation"):
            for t in folded:
                if (rec := self.names[kind].get(t)) is not None:
                    out.update(rec.domains)
            if not scan:
                continue
            for name, rec in self.names[kind].items():
                if rec.domains and any(mentions(t, name) for t in folded):
                    out.update(rec.domains)
        for t in folded:
            if (wd := self.wikidata.outlet_by_name(t)) is not None:
                out.update(wd["domains"])
        return out

    def _person_entries(self) -> list[PersonEntry]:
        """People from the curated layer; those whose sources cite a Wikidata item are joined with it."""
        entries = []
        self._linked_qids: dict[str, str] = {}
        for r in (r for r in self.records if r.kind == "person"):
            qids = sorted({m for f in r.facts for s in f["sources"] for m in _QID_URL.findall(s["url"] or "")})
            self._linked_qids.update({q: r.id for q in qids})
            orgs = r.values(*PERSON_ORG_PROPERTIES)
            entries.append(PersonEntry(
                id=r.id, name=r.name, aliases=r.aliases, layer=LAYER_CURATED,
                roles=r.values(*PERSON_ROLE_PROPERTIES), orgs=orgs, domains=set(r.domains) | self._org_domains(orgs),
                facts=self._curated_person_facts(r, qids)))
        return entries

    def _curated_person_facts(self, r: Record, qids: list[str]):
        """A closure giving a curated person's facts, the facts of the Wikidata items they cite, and context-list facts."""
        def facts() -> list[dict]:
            out = [dict(f) for f in r.facts]
            for rec, labels, origin in (x for q in qids for x in self._records_by_qid(q)):
                out += person_facts(rec, labels, origin, None)
            for n in (r.name, *r.aliases):  # a list may name the person by any of their names
                out += [f for f in self.user.list_facts_for(f"person:{n}") if f not in out]
            return out
        return facts

    # Wikidata-shaped layers: the pack, the lookup cache, the bundled officials
    def _stores(self) -> list[tuple[RecordStore, Origin]]:
        """(store, origin) of the pack and the lookup cache, whichever exist."""
        out = []
        if self.wikidata.store.available:
            out.append((self.wikidata.store, Origin(date=self.wikidata.dump_date, retrieved=self.wikidata.imported)))
        self._reopen_cache()
        if self.cache.available:
            out.append((self.cache, Origin()))  # each cached record carries its own retrieval date
        return out

    def _reopen_cache(self) -> None:
        """The lookup cache may be created after the knowledge base was loaded (the first lookup)."""
        if not self.cache.available and self.cache_path is not None and self.cache_path.is_file():
            self.cache = RecordStore(self.cache_path)

    @staticmethod
    def _origin(origin: Origin, date: str | None, retrieved: str | None) -> Origin:
        if origin.date is None and origin.layer == LAYER_WIKIDATA:
            return Origin(date=date or retrieved, retrieved=retrieved)
        return origin

    def _with_labels(self, store: RecordStore, rec: dict) -> dict[str, str]:
        return store.labels(references(rec))

    def _records_by_qid(self, qid: str) -> list[tuple[dict, dict, Origin]]:
        out = []
        for store, origin in self._stores():
            if (found := store.record(qid)) is not None:
                rec, date, retrieved = found
                out.append((rec, self._with_labels(store, rec), self._origin(origin, date, retrieved)))
        return out

    def _person_records(self, query: PersonName) -> list[tuple[dict, dict, Origin]]:
        """Candidate records from every Wikidata-shaped layer (the matcher checks the names)."""
        found = list(self.officials.candidates(query))
        # first initials that may agree: the query's own, and those of its short or full forms ('Bill' -> 'w')
        initials = tuple({query.first[:1], *(f[:1] for f in match.nickname_forms(query.first))}) if len(query.first) > 1 else (query.first[:1],)
        lookups = [(token, initials) for token in query.family]
        if query.first and len(query.first) > 1 and query.family:
            lookups.append((query.first, (query.family[-1][:1],)))  # the other order: 'Minghua Zhang' for 'Zhang Minghua'
        for store, origin in self._stores():
            for token, wanted in lookups:
                for rec, date, retrieved in store.people_by_token(token, wanted, MAX_WIKIDATA_CANDIDATES):
                    found.append((rec, self._with_labels(store, rec), self._origin(origin, date, retrieved)))
        return found  # a bundled official whose QID is also in the pack or cache: merged into one candidate

    # public interface
    @property
    def version(self) -> str:
        """Changes when bundled data, the Wikidata import or the reader's notes/lists change."""
        self.user.refresh()
        self._reopen_cache()
        path = self._decisions_path()
        decisions = path.stat().st_mtime_ns if path is not None and path.is_file() else None
        sig = repr((self.user.signature(), self.wikidata.signature(), self.cache.signature(), decisions))
        return f"{self._bundled_version}-{hashlib.sha256(sig.encode()).hexdigest()[:8]}"

    def outlet(self, domain: str, host: str | None = None) -> dict | None:
        """Outlet-shaped partial for a registered domain, or None when nothing is known. ``host`` (the page's
        host) lets a record or rating of that very host win over its domain's (abcnews.go.com, not go.com)."""
        d = domain_key(domain)
        rec = next((self.outlet_by_domain[k] for k in lookup_keys(host or "", d) if k in self.outlet_by_domain), None)
        ratings = self.open.ratings(d, host)
        match = "exact"
        if rec and not ratings:
            ratings = self._mirror_ratings(rec, d)
            match = "alias" if ratings and d != rec.domains[0] else "exact"
        wd = self.wikidata.outlet_by_domain(d)
        name = (rec.name if rec else None) or (wd["label"] if wd else None) or self.open.wikipedia_name(d)
        facts = self._outlet_facts(rec, wd, name, d)
        if not (rec or ratings or facts):
            return None
        return {
            # the API's Outlet needs a name: when no layer names the outlet, its domain stands in (name_source "domain")
            "name": name or d, "domain": d, "host": None, "name_source": "kb" if name else "domain",
            "operator": self._operator(rec, wd),
            "ratings": [public(r) for r in ratings], "raters_disagree": raters_disagree(ratings),
            "facts": facts, "kb_match": match,
        }

    def _mirror_ratings(self, rec: Record, asked: str) -> list[dict]:
        """Ratings of the outlet's other domains (mirrors), saying which domain each is for."""
        out = []
        for other in rec.domains:
            if other == asked:
                continue
            for r in self.open.ratings(other):
                out.append({**r, "verdict": f"{r['verdict']} [rating of {other}, another domain of {rec.name}]"})
        return out

    def _outlet_facts(self, rec: Record | None, wd: dict | None, name: str | None, domain: str) -> list[dict]:
        """Curated facts, then Wikidata facts, then newsmap's QID/country, then context-list facts."""
        facts = [dict(f) for f in rec.facts] if rec else []
        if wd:
            facts += self.wikidata.outlet_facts(wd)
        elif name or rec:
            names = [n for n in ([rec.name, *rec.aliases] if rec else []) + [name or ""] if n]
            facts += self.open.newsmap_facts(names)
        facts += self.user.list_facts_for(f"outlet:{domain}")
        return facts

    def _operator(self, rec: Record | None, wd: dict | None) -> dict | None:
        """Who runs the outlet, with sources: curated operator, curated owner, then Wikidata owner."""
        if rec:
            for prop in OPERATOR_PROPERTIES:
                facts = [f for f in rec.facts if f["property"] == prop]
                if facts:
                    return {"value": facts[0]["value"], "sources": [s for f in facts if f["value"] == facts[0]["value"] for s in f["sources"]]}
        if wd:
            owners = [o for o in wd["owners"] if o.get("label")]
            if owners:
                return {"value": owners[0]["label"], "sources": [self.wikidata.source(wd["qid"])]}
        return None

    def outlet_by_name(self, name: str) -> dict | None:
        """An outlet named in text ('originally published on InfoBrics'), same shape as :meth:`outlet`."""
        key = fold(name)
        if not key:
            return None
        rec = self.names["outlet"].get(key)
        domain = rec.domains[0] if rec else self.open.wp_names.get(key)
        if domain is None and (wd := self.wikidata.outlet_by_name(key)) and wd["domains"]:
            domain = wd["domains"][0]
        if domain is not None:
            found = self.outlet(domain)
            if found is not None:
                if rec and key != fold(rec.name):
                    found["kb_match"] = "alias"
                return found
        facts = self.open.newsmap_facts([name])
        if not facts:
            return None
        return {"name": self.open.newsmap[key][1], "domain": None, "host": None, "name_source": "kb", "operator": None,
                "ratings": [], "raters_disagree": False, "facts": facts, "kb_match": "exact"}

    def _org_record(self, name: str) -> Record | None:
        """Curated organisation by folded name or alias, else the closest name above ORG_MIN."""
        key = fold(name)
        rec = self.names["organisation"].get(key)
        if rec or not key or not self._org_keys:
            return rec
        best = process.extractOne(key, self._org_keys, scorer=fuzz.token_sort_ratio, score_cutoff=ORG_MIN)
        return self.names["organisation"][best[0]] if best else None

    def organisation(self, name: str) -> dict | None:
        """{"id", "name", "facts"} for an organisation (or an outlet named as one), or None."""
        rec = self._org_record(name) or self.names["outlet"].get(fold(name))
        if rec is None:
            return None
        facts = [dict(f) for f in rec.facts] + self.user.list_facts_for(f"organisation:{rec.name}")
        return {"id": rec.id, "name": rec.name, "facts": facts}

    def _same_org(self, query: str, known: str) -> bool:
        """The article's organisation is the one a known fact names (same record, fuzzy-equal, or named in it)."""
        rec = self._org_record(query) or self.names["outlet"].get(fold(query))
        names = {fold(query)} | ({fold(n) for n in (rec.name, *rec.aliases)} if rec else set())
        text = fold(known)
        if rec is not None and self._org_record(known) is rec:
            return True
        if any(fuzz.token_sort_ratio(n, text) >= ORG_MIN for n in names):
            return True
        return any(len(n) >= MIN_MENTION_CHARS and " " in n and mentions(text, n) for n in names)

    def person(self, name: str, *, role: str | None = None, orgs: list[str] = (), outlet_domain: str | None = None,
               date: str | None = None, quoted: bool = False, author: bool = False) -> dict:
        """KbPerson for a name with whatever context the article gives.

        The curated layer first (people.py's rule); then the Wikidata-shaped layers — bundled officials,
        the pack, the lookup cache — by the evidence rule of match.py, with the reader's decisions."""
        domain = domain_key(outlet_domain) if outlet_domain else None
        orgs = [o for o in orgs if o]
        curated = {**decide(self.people, name, role, orgs, domain, self._same_org), **KB_PERSON_EMPTY}
        if curated["match"] == "exact":
            return curated
        query = PersonName(name)
        if not query.family:
            return curated
        confirmed, rejected = self.decisions_for(name)
        outlet = self.outlet(domain) if domain else None
        ctx = match.Context(role=role, orgs=orgs, outlet_name=(outlet or {}).get("name") if author else None,
                            outlet_country=self._outlet_country(domain, outlet), date=date, quoted=quoted)
        found = match.decide(name, ctx, self._person_records(query), confirmed=confirmed, rejected=rejected)
        if found is None:
            return curated
        if found["match"] == "exact" or curated["match"] == "none":
            return found
        # a curated person and Wikidata namesakes, and nothing in the article decides: no one's facts
        others = found["candidates"] or [{k: found[k] for k in ("id", "name", "who", "url")}]
        mine = {"id": curated["id"], "name": self.by_id[curated["id"]].name, "who": None, "url": None} if curated["id"] in self.by_id else None
        return {**curated, "id": None, "facts": [], "candidates": ([mine] if mine else []) + others,
                "why": f"{len(others) + (1 if mine else 0)} people in the knowledge base share this name and nothing in the article tells them apart"}

    def _outlet_country(self, domain: str | None, outlet: dict | None) -> str | None:
        """The outlet's country: a knowledge-base fact, else its country-code top-level domain."""
        for fact in (outlet or {}).get("facts", ()):
            if fact.get("property") == "country":
                return fact["value"]
        tld = (domain or "").rsplit(".", 1)[-1]
        return match.CCTLD_COUNTRIES.get(tld)

    def organisation_card(self, name: str) -> dict:
        """What is known of an organisation named in a role or a bio: curated facts and Wikidata records.

        A Wikidata record is a match only when exactly one organisation has that name (or alias);
        several are a possible match with their descriptions."""
        curated = self.organisation(name)
        key = fold(name)
        found = []
        for store, origin in self._stores() if key else ():
            for rec, date, retrieved in store.organisations_by_name(key, MAX_ORG_CANDIDATES):
                found.append((rec, self._with_labels(store, rec), self._origin(origin, date, retrieved)))
        by_qid = {}
        for rec, labels, origin in found:
            by_qid.setdefault(rec["qid"], []).append((rec, labels, origin))
        facts = list(curated["facts"]) if curated else []
        out = {"match": "none", "id": curated["id"] if curated else None, "name": curated["name"] if curated else None,
               "who": None, "url": None, "facts": facts, "why": None, "candidates": []}
        if curated:
            out.update(match="exact", why="a curated record has this name")
        if len(by_qid) == 1:
            (qid, parts), = by_qid.items()
            rec = parts[0][0]
            for r, labels, origin in parts:
                out["facts"] = out["facts"] + organisation_facts(r, labels, origin)
            out.update(match="exact", id=out["id"] or f"wikidata:{qid}", name=out["name"] or rec["label"],
                       who=rec.get("description"), url=ENTITY_URL.format(qid=qid),
                       why=out["why"] or "one organisation in Wikidata has this name")
        elif len(by_qid) > 1 and not curated:
            out.update(match="possible", why=f"{len(by_qid)} organisations in Wikidata have this name",
                       candidates=[{"id": f"wikidata:{q}", "name": parts[0][0]["label"], "who": parts[0][0].get("description"),
                                    "url": ENTITY_URL.format(qid=q)} for q, parts in list(by_qid.items())[:match.MAX_CANDIDATES_SHOWN]])
        return out

    # the reader's decisions on possible matches
    def _decisions_path(self) -> Path | None:
        return self.user_dir / DECISIONS_FILE if self.user_dir else None

    def decisions_for(self, name: str) -> tuple[set[str], set[str]]:
        """(confirmed ids, rejected ids) the reader recorded for this name."""
        path = self._decisions_path()
        try:
            stamp = path.stat().st_mtime_ns if path is not None else None
        except OSError:
            return set(), set()
        if stamp is None:
            return set(), set()
        if getattr(self, "_decisions", (None, None))[0] != stamp:  # read again only when the file changed
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError, RecursionError):
                data = {}
            self._decisions = (stamp, data.get("decisions", {}) if isinstance(data, dict) and isinstance(data.get("decisions"), dict) else {})
        mine = self._decisions[1].get(fold(name), {})
        if not isinstance(mine, dict):
            return set(), set()
        return ({i for i, d in mine.items() if d == "confirm"}, {i for i, d in mine.items() if d == "reject"})

    def record_decision(self, name: str, ident: str, decision: str) -> dict:
        """Remember the reader's confirm/reject of a possible match, and keep it as their note."""
        from .user import atomic_write_json, now_iso

        if decision not in ("confirm", "reject"):
            raise ValueError("decision must be 'confirm' or 'reject'")
        if not isinstance(name, str) or not name.strip() or len(name) > 200:
            raise ValueError("name must be a non-empty string of at most 200 characters")
        if not isinstance(ident, str) or not re.fullmatch(r"(wikidata:Q[1-9]\d*|us-officials:[\w-]+|[a-z0-9-]+)", ident):
            raise ValueError("id must be a candidate's id, such as 'wikidata:Q42'")
        path = self._decisions_path()
        if path is None:
            raise ValueError("no data dir to remember decisions in")
        data = {"format": "backstory-kb-decisions", "decisions": {}}
        if path.is_file():
            try:
                loaded = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError, RecursionError):
                loaded = None
            if not (isinstance(loaded, dict) and isinstance(loaded.get("decisions"), dict)):
                # never write over what the reader has: a hand edit gone wrong is theirs to fix
                raise ValueError(f"{path} cannot be read as decisions; move it aside or fix it — nothing was changed")
            data = loaded
        mine = data["decisions"].setdefault(fold(name), {})
        if not isinstance(mine, dict):
            raise ValueError(f"{path}: the entry for {name!r} is not a set of decisions; fix it or move the file aside — nothing was changed")
        if decision == "confirm":  # one person per name: confirming one rejects none, but unconfirms the others
            for other in [i for i, d in mine.items() if d == "confirm"]:
                del mine[other]
        mine[ident] = decision
        atomic_write_json(path, data)
        url = ENTITY_URL.format(qid=ident.split(":", 1)[1]) if ident.startswith("wikidata:") else ident
        text = (f"I confirmed that {name} in the articles I read is {url}." if decision == "confirm"
                else f"I rejected {url} as the {name} of the articles I read.")
        try:
            note = self.user.add_note(f"person:{name}", text)
        except ValueError:
            note = None
        return {"name": name, "id": ident, "decision": decision, "recorded": now_iso(), "note": note}

    def notes_for(self, target: str) -> list[dict]:
        """The reader's notes (and context-list notes) on 'outlet:DOMAIN' or 'person:Name'."""
        try:
            return self.user.notes_for(target)
        except ValueError:
            return []

    # for the CLI
    def stats(self) -> dict:
        """Counts per layer and source."""
        kinds = {k: sum(1 for r in self.records if r.kind == k) for k in ("outlet", "organisation", "person")}
        return {
            LAYER_OPEN: self.open.counts(),
            LAYER_CURATED: {**kinds, "claims": sum(len(r.facts) for r in self.records), "skipped_files": len(self.warnings)},
            LAYER_WIKIDATA: self.wikidata.counts(),
            "bundled-people": {"people": len(self.officials.people), "dataset": self.officials.origin.how, "date": self.officials.origin.date},
            "lookup-cache": self.cache.counts() if self.cache.available else {"people": 0, "organisations": 0, "searches": 0},
            LAYER_USER: {"notes": len(self.user.notes), "lists": len(self.user.lists),
                         "list_entries": sum(len(lst["entries"]) for lst in self.user.lists)},
        }
