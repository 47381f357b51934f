"""The curated layer: one TOML file per outlet, organisation or person, every claim with its source."""

from __future__ import annotations

import logging
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .datasets import LAYER_CURATED
from .names import domain_key

log = logging.getLogger(__name__)

KINDS = ("outlet", "organisation", "person")
PROPERTIES = frozenset(
    "operator owner founder state_affiliation role employer affiliation description country founded sanctioned other".split()
)
REQUIRED_RECORD = ("id", "kind", "name", "claims")
REQUIRED_CLAIM = ("property", "value", "claim", "source_name", "source_url", "retrieved", "where")
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_URL = re.compile(r"^https?://\S+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class RecordError(ValueError):
    """A curated file does not follow the schema (data/curated/schema.json)."""


@dataclass(frozen=True)
class Record:
    """One curated entity with its claims already turned into Fact objects."""

    id: str
    kind: str
    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    facts: tuple[dict, ...]
    see_also: tuple[str, ...] = ()
    path: str = field(default="", compare=False)

    def values(self, *properties: str) -> list[str]:
        """Values of the facts with one of these properties, in file order."""
        return [f["value"] for f in self.facts if f["property"] in properties]


def _check_claim(claim: object, index: int) -> None:
    """Raise RecordError unless one claim table is complete and well formed."""
    if not isinstance(claim, dict):
        raise RecordError(f"claim {index}: not a table")
    missing = [k for k in REQUIRED_CLAIM if not isinstance(claim.get(k), str) or not claim.get(k).strip()]
    if missing:
        raise RecordError(f"claim {index}: missing or empty {', '.join(missing)}")
    if claim["property"] not in PROPERTIES:
        raise RecordError(f"claim {index}: unknown property {claim['property']!r}")
    if not _URL.match(claim["source_url"]):
        raise RecordError(f"claim {index}: source_url is not an http(s) URL")
    for key in ("retrieved", "source_date"):
        if key in claim and not (isinstance(claim[key], str) and _DATE.match(claim[key])):
            raise RecordError(f"claim {index}: {key} must be YYYY-MM-DD")


def validate(data: dict) -> None:
    """Raise RecordError when a parsed record breaks the schema's rules."""
    missing = [k for k in REQUIRED_RECORD if k not in data]
    if missing:
        raise RecordError(f"missing {', '.join(missing)}")
    if not isinstance(data["id"], str) or not _ID.match(data["id"]):
        raise RecordError(f"id {data['id']!r} is not kebab-case")
    if data["kind"] not in KINDS:
        raise RecordError(f"kind {data['kind']!r} is not one of {', '.join(KINDS)}")
    if not isinstance(data["name"], str) or not data["name"].strip():
        raise RecordError("name is empty")
    for key in ("aliases", "domains", "see_also"):
        if key in data and not (isinstance(data[key], list) and all(isinstance(v, str) for v in data[key])):
            raise RecordError(f"{key} must be a list of strings")
    if data["kind"] == "outlet" and not data.get("domains"):
        raise RecordError("an outlet needs at least one domain")
    if not isinstance(data["claims"], list) or not data["claims"]:
        raise RecordError("no claims")
    for i, claim in enumerate(data["claims"]):
        _check_claim(claim, i)


def claim_to_fact(claim: dict) -> dict:
    """A curated claim as a Fact object (docs/api.md) with one curated Source."""
    source = {
        "name": claim["source_name"],
        "url": claim["source_url"],
        "date": claim.get("source_date"),
        "retrieved": claim.get("retrieved"),
        "license": claim.get("license"),
        "layer": LAYER_CURATED,
    }
    return {
        "property": claim["property"],
        "value": claim["value"],
        "claim": claim["claim"],
        "where": claim.get("where"),
        "sources": [source],
        "layer": LAYER_CURATED,
    }


def parse_record(path: Path) -> Record:
    """Read and validate one TOML file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RecordError(f"not valid TOML: {exc}") from exc
    validate(data)
    return Record(
        id=data["id"],
        kind=data["kind"],
        name=data["name"].strip(),
        aliases=tuple(a.strip() for a in data.get("aliases", ())),
        domains=tuple(domain_key(d) for d in data.get("domains", ())),
        facts=tuple(claim_to_fact(c) for c in data["claims"]),
        see_also=tuple(data.get("see_also", ())),
        path=str(path),
    )


def load_curated(folder: Path) -> tuple[list[Record], list[str]]:
    """All valid records under ``folder`` (recursively) and one warning per skipped file."""
    records, warnings, seen = [], [], set()
    for path in sorted(folder.rglob("*.toml")) if folder.is_dir() else ():
        try:
            record = parse_record(path)
        except (RecordError, OSError) as exc:
            warnings.append(f"{path}: skipped ({exc})")
            continue
        if record.id in seen:
            warnings.append(f"{path}: skipped (duplicate id {record.id!r})")
            continue
        seen.add(record.id)
        records.append(record)
    for w in warnings:
        log.warning("curated: %s", w)
    return records, warnings
