"""The knowledge base: open data, curated records, a Wikidata import and the reader's own layer behind one object."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import platformdirs
from rapidfuzz import fuzz, process

from ..domains import lookup_keys
from .curated import Record, load_curated
from .datasets import LAYER_CURATED, LAYER_OPEN, LAYER_USER, LAYER_WIKIDATA
from .names import PersonName, domain_key, fold, mentions
from .people import ORG_MIN, PeopleIndex, PersonEntry, decide
from .ratings import OpenData, public, raters_disagree
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
# Imported namesakes considered per family-name token; past this many, nothing short of an agreeing
# signal can single one out anyway.
MAX_WIKIDATA_CANDIDATES = 25
_QID_URL = re.compile(r"wikidata\.org/wiki/(Q\d+)")


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
                 common_surnames: frozenset[str], bundled_version: str, warnings: list[str]) -> None:
        self.open = open_data
        self.records = records
        self.wikidata = wikidata
        self.user = user
        self.warnings = warnings
        self._bundled_version = bundled_version
        self._index_curated(records)
        self.people = PeopleIndex(self._person_entries(), common_surnames, extra=self._wikidata_candidates)

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
        store = UserStore(user)
        if store.error:
            warnings.append(store.error)
        return cls(OpenData.load(data / OPEN_SUBDIR), records, wikidata, store, surnames,
                   _hash_files(bundled), warnings)

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
        """People from the curated layer, each joined with the Wikidata item its sources cite."""
        entries = []
        self._linked_qids: set[str] = set()
        self._employer_domains: dict[str, frozenset[str]] = {}
        for r in (r for r in self.records if r.kind == "person"):
            qids = {m for f in r.facts for s in f["sources"] for m in _QID_URL.findall(s["url"] or "")}
            extra = [p for q in sorted(qids) if (p := self.wikidata.person(q)) is not None]
            self._linked_qids.update(p["qid"] for p in extra)
            orgs = r.values(*PERSON_ORG_PROPERTIES) + [e["label"] for p in extra for e in p["employers"] if e.get("label")]
            entries.append(PersonEntry(
                id=r.id, name=r.name, aliases=r.aliases, layer=LAYER_CURATED,
                roles=r.values(*PERSON_ROLE_PROPERTIES) + [o for p in extra for o in p["occupations"]],
                orgs=orgs, domains=set(r.domains) | self._org_domains(orgs),
                facts=self._curated_person_facts(r, extra)))
        return entries

    def _wikidata_entry(self, p: dict) -> PersonEntry:
        """A PersonEntry for an imported Wikidata person (built when a lookup needs it)."""
        orgs = [e["label"] for e in p["employers"] if e.get("label")]
        domains: set[str] = set()
        for org in orgs:  # employers repeat across people: resolve each name once
            if org not in self._employer_domains:
                self._employer_domains[org] = frozenset(self._org_domains([org], scan=False))
            domains |= self._employer_domains[org]
        return PersonEntry(
            id=f"wikidata:{p['qid']}", name=p["label"], aliases=tuple(p["aliases"]), layer=LAYER_WIKIDATA,
            roles=list(p["occupations"]) + ([p["description"]] if p.get("description") else []),
            orgs=orgs, domains=domains, facts=lambda: self.wikidata.person_facts(p), parsed=p.get("names"))

    def _wikidata_candidates(self, query: PersonName) -> list[PersonEntry]:
        """Imported people sharing a family-name token (and first initial) with the query.

        An imported person with exactly a curated person's (distinctive) name is taken to be that
        person, not a rival candidate: the same rule that lets a distinctive name match alone.
        """
        seen, out = set(self._linked_qids), []
        for token in query.family:
            for p in self.wikidata.people_by_token(token, query.first[:1], MAX_WIKIDATA_CANDIDATES):
                if p["qid"] in seen or self._same_as_curated(p["label"]):
                    continue
                seen.add(p["qid"])
                out.append(self._wikidata_entry(p))
        return out

    def _same_as_curated(self, label: str) -> bool:
        """True when a curated person has this exact (folded) name and it is not a common one."""
        return fold(label) in self.names["person"] and not self.people.is_common(PersonName(label))

    def _curated_person_facts(self, r: Record, extra: list[dict]):
        """A closure giving a curated person's facts, their Wikidata facts and context-list facts."""
        def facts() -> list[dict]:
            out = [dict(f) for f in r.facts]
            for p in extra:
                out += self.wikidata.person_facts(p)
            for n in (r.name, *r.aliases):  # a list may name the person by any of their names
                out += [f for f in self.user.list_facts_for(f"person:{n}") if f not in out]
            return out
        return facts

    # public interface
    @property
    def version(self) -> str:
        """Changes when bundled data, the Wikidata import or the reader's notes/lists change."""
        self.user.refresh()
        sig = repr((self.user.signature(), self.wikidata.signature()))
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

    def person(self, name: str, *, role: str | None = None, orgs: list[str] = (), outlet_domain: str | None = None) -> dict:
        """KbPerson for a name with whatever context the article gives (see people.py for the rule)."""
        domain = domain_key(outlet_domain) if outlet_domain else None
        return decide(self.people, name, role, [o for o in orgs if o], domain, self._same_org)

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
            LAYER_USER: {"notes": len(self.user.notes), "lists": len(self.user.lists),
                         "list_entries": sum(len(lst["entries"]) for lst in self.user.lists)},
        }
