"""Rebuild the bundled open data from ../shared/data: `python -m backstory.kb.build_open /path/to/shared/data`.

Reads the copies under ``outlets/`` (each with its SOURCE.txt) and writes ``backstory/data/open/``:
``outlets.json`` (only the columns we use), ``common_names.json`` (when the Census name files are
given with ``--census-dir``), ``given_names.json`` (with ``--given-names``, from an installed Faker) and
``licenses/`` (each dataset's license or attribution file).
"""

from __future__ import annotations

import argparse
import bisect
import csv
import json
import shutil
import sys
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..domains import site_of, site_of_url
from .datasets import CRED1, DATASETS, LIN2023, NEWSMAP, OPENSOURCES, WP_KUDUSCH, WP_KYNOPTIC
from .names import domain_key, domains_in_text, fold, split_aliases
from .sitenames import aliases, fits

OPEN_DIR = Path(__file__).resolve().parent.parent / "data" / "open"
OUTLETS_FILE = "outlets.json"
COMMON_NAMES_FILE = "common_names.json"
GIVEN_NAMES_FILE = "given_names.json"
FORMAT_VERSION = 1

# Lin et al. 2023: observed values are rescaled ratings with at most 4 decimals (e.g. 0.8333, 0.5967);
# imputed values carry float32 noise (0.472777634859085). The counts this rule gives per column
# (afm 283, fc 60, mbfc 3216) are the rating-set sizes the authors list for those sets.
LIN_OBSERVED_MAX_DECIMALS = 4
# rater code -> (column whose value tells whether the rater rated the domain, label)
LIN_RATERS = {
    "afm": ("afm_rely", "Ad Fontes Media"),
    "fc": ("fc", "professional fact-checkers"),
    "mbfc": ("mbfc_fact", "Media Bias/Fact Check"),
    "lasser": ("lewandowsky_mean", "Lasser et al. 2022"),
}
# misinfome_bin is 0/1 with no imputation noise: 0 means the domain is on the Iffy/MisinfoMe list of
# unreliable sites, 1 means it is not (absence, not a rating). Only 0 counts as an observed rating.
LIN_LIST_RATER = ("iffy", "misinfome_bin", "Iffy.news / MisinfoMe unreliable-sites list")
LIN_SCORE_DECIMALS = 4

# Which of a Wikipedia entry's (or a curated record's) domains are its own: the decisions on the rows
# kb/sitenames.py flags.
DECISIONS_FILE = OPEN_DIR / "domain-decisions.toml"
DECISIONS = ("keep", "drop", "move")
KYNOPTIC_STATUS = {
    "gr": "generally reliable",
    "gu": "generally unreliable",
    "nc": "no consensus",
    "d": "deprecated",
}
OPENSOURCES_TAG_FIXES = {"fake news": "fake", "satirical": "satire", "unrealiable": "unreliable"}
CENSUS_TOP_SURNAMES = 1000  # Smith ... ~0.01% of the population each; below that a surname is rare enough

LICENSE_FILES = {
    "cred1": ["LICENSE.CC-BY-4.0.txt", "ATTRIBUTION.md", "SOURCE.txt"],
    "opensources": ["LICENSE.LGPL-3.0.txt", "SOURCE.txt"],
    "wp-rsp-kynoptic": ["LICENSE", "SOURCE.txt"],
    "wp-rsp-kudusch": ["README.md", "SOURCE.txt"],
    "lin2023-domain-quality": ["README_README.md", "SOURCE.txt"],
    "newsmap-hakimov": ["SOURCE.txt"],
}


def site_key(raw: str) -> str | None:
    """Index key of a dataset row, or None for path-qualified rows ('cato.org/blog' rates a section, not the site)."""
    key = domain_key(raw)
    rest = raw.strip().lower().split("://")[-1].strip("/")
    return None if "/" in rest else key


def _put(table: dict, raw: str, value) -> None:
    """Store a row under its bare domain; a 'www.' row never overwrites the bare domain's row."""
    key = site_key(raw)
    if key is None or (key in table and raw.strip().lower().startswith("www.")):
        return
    table[key] = value


def _is_observed(value: str) -> bool:
    """True when a Lin et al. column value is an observed rating rather than an imputation."""
    decimals = value.split(".", 1)[1] if "." in value else ""
    return len(decimals) <= LIN_OBSERVED_MAX_DECIMALS


def build_lin(folder: Path) -> dict:
    """domain -> [pc1, percentile, [observed rater codes]]."""
    rows = list(csv.DictReader((folder / "domain_ratings.csv").open(encoding="utf-8")))
    scores = sorted(float(r["pc1"]) for r in rows)
    out = {}
    for r in rows:
        pc1 = float(r["pc1"])
        percentile = round(100.0 * bisect.bisect_left(scores, pc1) / len(scores), 1)
        observed = [code for code, (col, _) in LIN_RATERS.items() if _is_observed(r[col])]
        if r[LIN_LIST_RATER[1]] == "0":
            observed.append(LIN_LIST_RATER[0])
        _put(out, r["domain"], [round(pc1, LIN_SCORE_DECIMALS), percentile, observed])
    return out


def build_cred1(folder: Path) -> dict:
    """domain -> [category, credibility_score, number of source lists]; the MBFC-derived iffy_* columns are dropped."""
    out = {}
    for r in csv.DictReader((folder / "cred1_current.csv").open(encoding="utf-8")):
        _put(out, r["domain"], [r["category"], float(r["credibility_score"]), int(r["sources"])])
    return out


class DomainDecisionError(ValueError):
    """A flagged Wikipedia row has no decision, or a decision matches no row, or the file is malformed."""


@dataclass(frozen=True)
class Decision:
    """What a person decided about one entry's domain (data/open/domain-decisions.toml)."""

    decision: str  # keep | drop | move
    reason: str
    to: str | None = None  # for move: the source's own host under the domain


def load_decisions(path: Path = DECISIONS_FILE) -> dict[tuple[str, str, str], Decision]:
    """(list key, entry name, domain) -> Decision; malformed entries raise DomainDecisionError."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out: dict[tuple[str, str, str], Decision] = {}
    for i, raw in enumerate(data.get("decision", ())):
        kind, reason, to = raw.get("decision"), raw.get("reason"), raw.get("to")
        if kind not in DECISIONS or not isinstance(reason, str) or not reason.strip():
            raise DomainDecisionError(f"{path.name}: decision {i} needs decision = keep|drop|move and a reason")
        if (kind == "move") != isinstance(to, str):
            raise DomainDecisionError(f"{path.name}: decision {i}: 'to' goes with decision = move, and only with it")
        if kind == "move" and not all(to.endswith("." + d) for d in raw["domains"]):
            raise DomainDecisionError(f"{path.name}: decision {i}: {to} is not a host under {raw['domains']}")
        for domain in raw["domains"]:
            key = (raw["list"], raw["entry"], domain_key(domain))
            if key in out:
                raise DomainDecisionError(f"{path.name}: {key} is decided twice")
            out[key] = Decision(kind, " ".join(reason.split()), domain_key(to) if to else None)
    return out


class DomainReview:
    """Applies the decisions to each (list, entry, domain) row and remembers what it saw, so the build can
    refuse undecided rows and decisions that match no row."""

    def __init__(self, decisions: dict[tuple[str, str, str], Decision]) -> None:
        self.decisions = decisions
        self.used: set[tuple[str, str, str]] = set()
        self.undecided: list[tuple[str, str, str]] = []
        self.flagged = 0
        self.rows = 0

    def key_for(self, list_key: str, entry: str, domain: str) -> str | None:
        """The key to store the entry's rating under, or None when the domain is not the entry's own."""
        self.rows += 1
        row = (list_key, entry, domain)
        flagged = not fits(entry, domain)
        self.flagged += flagged
        decision = self.decisions.get(row)
        if decision is None:
            if flagged:
                self.undecided.append(row)
                return None
            return domain
        self.used.add(row)
        return {"keep": domain, "drop": None, "move": decision.to}[decision.decision]

    def check(self) -> None:
        """Raise DomainDecisionError when a flagged row is undecided or a decision matched no row."""
        problems = [f"undecided: {list_key} entry {entry!r} -> {domain} (add a decision to {DECISIONS_FILE.name})"
                    for list_key, entry, domain in self.undecided]
        wikipedia = {WP_KUDUSCH.key, WP_KYNOPTIC.key}  # (the curated layer's decisions are checked by its tests)
        problems += [f"stale: {list_key} entry {entry!r} -> {domain} matches no row"
                     for list_key, entry, domain in sorted(set(self.decisions) - self.used) if list_key in wikipedia]
        if problems:
            raise DomainDecisionError("Wikipedia rows and domain decisions disagree:\n  " + "\n  ".join(problems))


def build_kynoptic(folder: Path, review: DomainReview) -> tuple[dict, dict]:
    """Rating-derived rows only (reliability_ranking.csv), never the hand-edited goggle overlay."""
    by_domain, names = {}, {}
    for r in csv.DictReader((folder / "reliability_ranking.csv").open(encoding="utf-8")):
        status = KYNOPTIC_STATUS.get(r["status"])
        if not status or not r["domain"]:
            continue
        domain = review.key_for(WP_KYNOPTIC.key, r["source_name"], domain_key(r["domain"]))
        if domain is None:
            continue
        # "CNET (November 2022–present); CNET (…)" lists several WP:RSP rows for one domain
        labels = aliases(r["source_name"])
        # the entry's full name last: tests/test_domain_keys.py checks every row's domain against it
        by_domain[domain] = [[status], labels[0], WP_KYNOPTIC.key, None, r["source_name"]]
        for alias in labels:
            names.setdefault(fold(alias), set()).add(domain)
    return by_domain, names


def _kudusch_domains(name: str, urls: list[str]) -> list[str]:
    """The sites a Kudusch row's links and name point at (a page on a platform where anyone publishes,
    youtube.com/channel/…, points at none); which of them are the entry's own is decided by DomainReview."""
    found = [site_of_url(url) for url in urls] + [site_of(d) for d in domains_in_text(name)]
    return list(dict.fromkeys(d for d in found if d))


def build_kudusch(folder: Path, review: DomainReview) -> tuple[dict, dict]:
    """domain -> [[statuses], name, dataset key, Wikipedia article URL, entry] and folded name -> domains."""
    by_domain, names = {}, {}
    for r in csv.DictReader((folder / "perennial-sources.csv").open(encoding="utf-8")):
        statuses = [s.lower() for s in json.loads(r["status"]) if not s.startswith("Wikipedia:")]
        if not statuses:
            continue
        domains = [k for d in _kudusch_domains(r["name"], json.loads(r["urls"]))
                   if (k := review.key_for(WP_KUDUSCH.key, r["name"], d)) is not None]
        label = split_aliases(r["name"])[0]
        for domain in domains:
            by_domain.setdefault(domain, [statuses, label, WP_KUDUSCH.key, r["wiki_url"] or None, r["name"]])
        for alias in split_aliases(r["name"]):
            names.setdefault(fold(alias), set()).update(domains)
    return by_domain, names


def build_opensources(folder: Path) -> dict:
    """domain -> sorted tags (notes are left out: they are the list authors' own words)."""
    tags: dict[str, set[str]] = defaultdict(set)
    for row in csv.reader((folder / "sources.csv").open(encoding="utf-8")):
        if not row or not row[0] or row[0] == "":
            continue
        domain = site_key(row[0])
        if domain is None:
            continue
        for raw in row[1:4]:
            tag = OPENSOURCES_TAG_FIXES.get(raw.strip().lower(), raw.strip().lower())
            if tag:
                tags[domain].add(tag)
    return {d: sorted(t) for d, t in tags.items() if t}


def build_newsmap(folder: Path) -> dict:
    """folded outlet name -> [QID, label, [countries]]; names that point at two items are dropped."""
    data = json.loads((folder / "newsmap_metadata.json").read_text(encoding="utf-8"))
    by_name: dict[str, dict] = {}
    for item in data.values():
        qid = item["wikidata_id"].rstrip("/").rsplit("/", 1)[-1]
        label = item.get("company_name") or ""
        if not label or label == qid:
            continue
        entry = by_name.setdefault(fold(label), {"qids": set(), "label": label, "countries": set()})
        entry["qids"].add(qid)
        if item.get("country"):
            entry["countries"].add(item["country"])
    return {
        key: [next(iter(e["qids"])), e["label"], sorted(e["countries"])]
        for key, e in sorted(by_name.items())
        if len(e["qids"]) == 1
    }


def _merge_names(*maps: dict) -> dict:
    """Folded name -> domain, keeping only names that point at exactly one domain."""
    merged: dict[str, set] = defaultdict(set)
    for m in maps:
        for name, domains in m.items():
            merged[name].update(domains)
    return {n: next(iter(ds)) for n, ds in sorted(merged.items()) if len(ds) == 1 and n}


def build_outlets(shared: Path) -> dict:
    """Everything we bundle about outlets, keyed for constant-time lookups."""
    outlets = shared / "outlets"
    review = DomainReview(load_decisions())
    kyn, kyn_names = build_kynoptic(outlets / "wp-rsp-kynoptic", review)
    kud, kud_names = build_kudusch(outlets / "wp-rsp-kudusch", review)
    review.check()
    return {
        "format": FORMAT_VERSION,
        "lin2023": build_lin(outlets / "lin2023-domain-quality"),
        "cred1": build_cred1(outlets / "cred1"),
        "wikipedia": {WP_KYNOPTIC.key: kyn, WP_KUDUSCH.key: kud},
        "wikipedia_names": _merge_names(kyn_names, kud_names),
        "opensources": build_opensources(outlets / "opensources"),
        "newsmap": build_newsmap(outlets / "newsmap-hakimov"),
        "datasets": [d.key for d in (LIN2023, CRED1, WP_KYNOPTIC, WP_KUDUSCH, OPENSOURCES, NEWSMAP)],
    }


def build_common_names(census_dir: Path) -> dict:
    """The most frequent US surnames (1990 Census, public domain): a name built on one is not distinctive."""
    lines = (census_dir / "dist.all.last").read_text().splitlines()[:CENSUS_TOP_SURNAMES]
    return {
        "format": FORMAT_VERSION,
        "source": "census1990",
        "surnames": sorted({line.split()[0].lower() for line in lines if line.strip()}),
    }


def build_given_names() -> tuple[dict, Path | None]:
    """Given names in every locale of Faker's person providers (``pip install faker``), casefolded, each
    with the genders its lists give it: 'm', 'f', 'mf', or '' when a locale does not say. Returns the
    data and Faker's license file."""
    import importlib
    import importlib.metadata
    import pkgutil

    import faker.providers.person as locales

    genders: dict[str, set[str]] = defaultdict(set)
    for module in pkgutil.iter_modules(locales.__path__):
        provider = getattr(importlib.import_module(f"{locales.__name__}.{module.name}"), "Provider", None)
        for attr, gender in (("first_names", ""), ("first_names_male", "m"), ("first_names_female", "f"),
                             ("first_names_nonbinary", "")):
            names = vars(provider).get(attr) if provider is not None else None
            if isinstance(names, (dict, tuple, list, set, frozenset)):
                for name in names:
                    if isinstance(name, str) and name.strip():
                        genders[name.strip().casefold()].update(gender or ())
    dist = importlib.metadata.distribution("faker")
    license_file = next((Path(dist.locate_file(f)) for f in dist.files or () if f.name.startswith("LICENSE")), None)
    data = {
        "format": FORMAT_VERSION,
        "source": "faker-given-names",
        "faker_version": dist.version,
        "names": {name: "".join(sorted(g, reverse=True)) for name, g in sorted(genders.items())},
    }
    return data, license_file


def copy_licenses(shared: Path, out_dir: Path) -> None:
    """Copy each dataset's license, attribution and provenance notes beside the data."""
    for folder, files in LICENSE_FILES.items():
        target = out_dir / "licenses" / folder
        target.mkdir(parents=True, exist_ok=True)
        for name in files:
            src = shared / "outlets" / folder / name
            if src.is_file():
                shutil.copyfile(src, target / name)


ATTRIBUTION_FILE = "ATTRIBUTION.md"
LICENSE_FOLDER = {"lin2023": "lin2023-domain-quality", "cred1": "cred1", "wp-rsp-2026": "wp-rsp-kynoptic",
                  "wp-rsp-2021": "wp-rsp-kudusch", "opensources": "opensources", "newsmap": "newsmap-hakimov",
                  "faker-given-names": "faker"}


def attribution_text() -> str:
    """ATTRIBUTION.md: every bundled dataset with its source, date and license."""
    lines = ["# Bundled open data: sources and licenses", "",
             "Generated by `python -m backstory.kb.build_open`; see docs/knowledge-base.md.", "",
             "| dataset | source | data date | license | license / provenance files |", "|---|---|---|---|---|"]
    for d in DATASETS.values():
        folder = LICENSE_FOLDER.get(d.key)
        files = f"licenses/{folder}/" if folder else "—"
        lines.append(f"| {d.rater} | {d.source_name} <{d.url}> | {d.date} | {d.license} | {files} |")
    lines += ["", "Only the columns Backstory shows are bundled: no Wikipedia summary text, no OpenSources notes,",
              "no Twitter handles, bios or follower counts, no CRED-1 iffy_* (MBFC-derived) columns, and no",
              "per-rater Ad Fontes / MBFC values from Lin et al. (proprietary raters)."]
    return "\n".join(lines) + "\n"


def _write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared_data", type=Path, help="path to shared/data (with outlets/ inside)")
    parser.add_argument("--census-dir", type=Path, help="folder with the Census file dist.all.last")
    parser.add_argument("--given-names", action="store_true", help="rebuild given_names.json from an installed Faker")
    parser.add_argument("--out", type=Path, default=OPEN_DIR)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        outlets = build_outlets(args.shared_data)
    except DomainDecisionError as exc:
        print(f"build_open: {exc}", file=sys.stderr)
        return 1
    _write_json(args.out / OUTLETS_FILE, outlets)
    copy_licenses(args.shared_data, args.out)
    (args.out / ATTRIBUTION_FILE).write_text(attribution_text(), encoding="utf-8")
    if args.census_dir:
        _write_json(args.out / COMMON_NAMES_FILE, build_common_names(args.census_dir))
    if args.given_names:
        data, license_file = build_given_names()
        _write_json(args.out / GIVEN_NAMES_FILE, data)
        if license_file is not None:
            (args.out / "licenses" / "faker").mkdir(parents=True, exist_ok=True)
            shutil.copyfile(license_file, args.out / "licenses" / "faker" / "LICENSE.txt")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
