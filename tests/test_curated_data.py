"""Validation of the curated and cited knowledge-base layer (issue 3, layer 2).

Every TOML file under sidecar/backstory/data/curated/{outlets,organisations,people}/ holds one
entity. Each is loaded with tomllib and checked against schema.json, plus the rules the schema
cannot express: ids equal file stems and are unique, kinds match their folder, URLs are http(s),
dates are real ISO dates not in the future, every claim names where in its source it is supported,
claims stay short, and no claim text is shared between two records (a cheap offline guard
against pasting the same sentence, copied from a source, into many records).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from pathlib import Path
from urllib.parse import urlparse

import pytest

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parents[1]
CURATED = ROOT / "sidecar" / "backstory" / "data" / "curated"
SCHEMA_PATH = CURATED / "schema.json"
FOLDERS = {"outlets": "outlet", "organisations": "organisation", "people": "person"}
MAX_CLAIM_CHARS = 300
# A claim may not be dated after the day the test runs (allowing one day for time zones).
TODAY = dt.date.today() + dt.timedelta(days=1)


def _files() -> list[Path]:
    return sorted(p for folder in FOLDERS for p in (CURATED / folder).glob("*.toml"))


def _load(path: Path) -> dict:
    with path.open("rb") as fh:
        return tomllib.load(fh)


FILES = _files()


@pytest.fixture(scope="module")
def schema() -> dict:
    data = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(data)
    return data


@pytest.fixture(scope="module")
def records() -> dict[Path, dict]:
    return {p: _load(p) for p in FILES}


def test_there_are_records() -> None:
    assert FILES, f"no curated records found under {CURATED}"
    for folder in FOLDERS:
        assert (CURATED / folder).is_dir(), f"missing folder {folder}/"


def test_no_stray_files() -> None:
    """Only .toml files live in the kind folders (a typo'd extension would be silently skipped)."""
    for folder in FOLDERS:
        for p in (CURATED / folder).iterdir():
            assert p.suffix == ".toml", f"unexpected file {p.relative_to(ROOT)}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_record_matches_schema(path: Path, schema: dict) -> None:
    record = _load(path)
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(record), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(
        f"{path.name}: {'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in errors
    )


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_id_and_kind_match_location(path: Path) -> None:
    record = _load(path)
    assert record.get("id") == path.stem, f"{path.name}: id {record.get('id')!r} != file stem"
    assert record.get("kind") == FOLDERS[path.parent.name], (
        f"{path.name}: kind {record.get('kind')!r} does not belong in {path.parent.name}/"
    )


def test_ids_unique(records: dict[Path, dict]) -> None:
    seen: dict[str, Path] = {}
    for path, rec in records.items():
        rid = rec.get("id")
        assert rid not in seen, f"duplicate id {rid!r}: {seen.get(rid)} and {path}"
        seen[rid] = path


def test_domains_unique_across_records(records: dict[Path, dict]) -> None:
    """A domain belongs to one record, or the matcher could attach the wrong card."""
    owner: dict[str, str] = {}
    for rec in records.values():
        for d in rec.get("domains", []):
            assert d not in owner, f"domain {d!r} claimed by both {owner[d]} and {rec['id']}"
            owner[d] = rec["id"]


def test_see_also_points_to_existing_records(records: dict[Path, dict]) -> None:
    ids = {rec["id"] for rec in records.values()}
    for rec in records.values():
        for other in rec.get("see_also", []):
            assert other in ids, f"{rec['id']}: see_also {other!r} is not a record"
            assert other != rec["id"], f"{rec['id']}: see_also points to itself"


def _claims(records: dict[Path, dict]):
    for path, rec in records.items():
        for i, claim in enumerate(rec.get("claims", [])):
            yield path, i, claim


def test_urls_are_http(records: dict[Path, dict]) -> None:
    for path, i, claim in _claims(records):
        url = claim.get("source_url", "")
        parsed = urlparse(url)
        assert parsed.scheme in {"http", "https"}, f"{path.name} claim {i}: bad scheme in {url!r}"
        assert parsed.netloc and "." in parsed.netloc, f"{path.name} claim {i}: no host in {url!r}"
        assert not re.search(r"\s", url), f"{path.name} claim {i}: whitespace in URL"


def test_dates_are_iso_and_not_in_future(records: dict[Path, dict]) -> None:
    for path, i, claim in _claims(records):
        assert "retrieved" in claim, f"{path.name} claim {i}: retrieved is required"
        for key in ("source_date", "retrieved"):
            if key not in claim:
                continue
            value = claim[key]
            assert isinstance(value, str), (
                f"{path.name} claim {i}: {key} must be a quoted ISO string, got {type(value).__name__}"
            )
            parsed = dt.date.fromisoformat(value)  # raises on 2020-02-30 etc.
            assert parsed.isoformat() == value, f"{path.name} claim {i}: {key} {value!r} not YYYY-MM-DD"
            assert parsed <= TODAY, f"{path.name} claim {i}: {key} {value} is in the future"
        if "source_date" in claim:
            assert claim["source_date"] <= claim["retrieved"], (
                f"{path.name} claim {i}: source_date after retrieved"
            )


def test_claims_are_short_and_located(records: dict[Path, dict]) -> None:
    for path, i, claim in _claims(records):
        text = claim.get("claim", "")
        assert len(text) <= MAX_CLAIM_CHARS, f"{path.name} claim {i}: {len(text)} chars"
        assert claim.get("where", "").strip(), f"{path.name} claim {i}: no 'where'"
        assert claim.get("source_url", "").strip(), f"{path.name} claim {i}: no source_url"
        # 'where' locates; it must not smuggle in a quotation from the source.
        assert '"' not in claim["where"] and "\u201c" not in claim["where"], (
            f"{path.name} claim {i}: 'where' looks like a quotation; describe the location instead"
        )


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def test_claim_texts_not_shared_between_records(records: dict[Path, dict]) -> None:
    """Offline stand-in for a copy check: each claim sentence is written for its own record."""
    first: dict[str, str] = {}
    for path, i, claim in _claims(records):
        key = _norm(claim.get("claim", ""))
        rid = records[path]["id"]
        if key in first and first[key] != rid:
            pytest.fail(f"claim text shared by {first[key]} and {rid}: {claim['claim']!r}")
        first.setdefault(key, rid)


def test_claims_within_record_distinct(records: dict[Path, dict]) -> None:
    for path, rec in records.items():
        texts = [_norm(c["claim"]) for c in rec.get("claims", [])]
        assert len(texts) == len(set(texts)), f"{path.name}: repeated claim text"
