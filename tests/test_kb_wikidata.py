"""The offline pack built from a small dump in the real dump's shape (tests/fixtures/kb/wikidata-20261118-sample.json)."""

from __future__ import annotations

import argparse
import bz2
import gzip
import json
import shutil
from pathlib import Path

import pytest

from backstory.kb import KnowledgeBase
from backstory.kb.cli import register_cli
from backstory.kb.wikidata import WIKIDATA_FILE, DumpError, WikidataLayer, dump_date, import_dump

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "kb" / "wikidata-20261118-sample.json"
BUNDLED_OPEN = Path(__file__).resolve().parents[1] / "sidecar" / "backstory" / "data" / "open"


def _compressed(tmp_path: Path, suffix: str) -> Path:
    raw = FIXTURE.read_bytes()
    target = tmp_path / (FIXTURE.name + suffix)
    target.write_bytes(gzip.compress(raw) if suffix == ".gz" else bz2.compress(raw))
    return target


@pytest.fixture()
def imported(tmp_path) -> Path:
    user = tmp_path / "user"
    import_dump(_compressed(tmp_path, ".gz"), user, progress=False)
    return user


def test_fixture_has_the_real_dump_shape():
    lines = FIXTURE.read_text().splitlines()
    assert lines[0] == "[" and lines[-1] == "]" and all(line.endswith(",") for line in lines[1:-2])
    entity = json.loads(lines[3].rstrip(","))
    statement = entity["claims"]["P31"][0]
    assert {"mainsnak", "rank", "type", "id", "references"} <= set(statement)
    assert statement["mainsnak"]["datatype"] == "wikibase-item"


@pytest.mark.parametrize("suffix", [".gz", ".bz2"])
def test_import_keeps_outlets_people_and_their_organisations(tmp_path, suffix):
    counts = import_dump(_compressed(tmp_path, suffix), tmp_path / "user", progress=False)
    # journalists are kept; the footballer and the human with an unknown occupation are not;
    # Example Daily is an outlet and, as Jane Quill's employer, an organisation record too
    assert counts == {"outlets": 1, "people": 3, "organisations": 1, "dump_date": "2026-11-18"}
    layer = WikidataLayer.load(tmp_path / "user")
    assert layer.meta["license"] == "CC0 1.0" and layer.dump_date == "2026-11-18"
    assert layer.meta["source_file"] == FIXTURE.name + suffix
    outlet = layer.outlet_by_domain("example-daily.co.uk")
    assert outlet == layer.outlet_by_name("the example daily")
    assert layer.outlet_by_name("old gazette") is None  # its only news class is deprecated
    assert outlet["label"] == "Example Daily" and outlet["domains"] == ["example-daily.co.uk"]
    assert outlet["owners"] == [{"qid": "Q990010", "label": "Example Holdings"}]
    assert outlet["countries"] == [{"qid": "Q145", "label": "United Kingdom"}] and outlet["inception"] == "1901"
    person, date, _ = layer.store.record("Q990002")
    assert date == "2026-11-18"
    assert person["label"] == "Jane Quill" and person["aliases"] == ["J. Quill"]
    assert person["employers"] == [{"qid": "Q990001", "start": "2010-03", "end": "2015-06-30"}]
    assert person["citizenship"] == ["Q145"] and layer.store.labels(["Q145"]) == {"Q145": "United Kingdom"}
    assert person["enwiki"] == "https://en.wikipedia.org/wiki/Jane_Quill"
    assert layer.store.record("Q990003") is None  # footballer


def _kb(tmp_path: Path, user: Path) -> KnowledgeBase:
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    if not (data / "open").exists():
        (data / "open").symlink_to(BUNDLED_OPEN)
    (data / "curated").mkdir(exist_ok=True)
    return KnowledgeBase.load(data_dir=data, user_dir=user)


def test_import_changes_the_version(tmp_path):
    user = tmp_path / "user"
    before = _kb(tmp_path, user).version
    import_dump(FIXTURE, user, dump_date_text="2026-11-18", progress=False)
    assert _kb(tmp_path, user).version != before


def test_imported_layer_feeds_lookups(tmp_path, imported):
    kb = _kb(tmp_path, imported)
    assert kb.stats()["wikidata"]["people"] == 3
    outlet = kb.outlet("example-daily.co.uk")
    assert outlet["operator"]["value"] == "Example Holdings"
    assert {f["layer"] for f in outlet["facts"]} == {"wikidata"}
    person = kb.person("Jane Quill", outlet_domain="example-daily.co.uk", author=True)
    assert person["match"] == "exact" and person["id"] == "wikidata:Q990002" and "Example Daily" in person["why"]
    assert person["url"] == "https://www.wikidata.org/wiki/Q990002" and person["who"] == "British journalist (test fixture)"
    employer = next(f for f in person["facts"] if f["property"] == "employer")
    assert "2010-03" in employer["claim"] and "2015-06-30" in employer["claim"]
    assert employer["sources"][0] == {"name": "Wikidata Q990002, P108 (employer)", "url": "https://www.wikidata.org/wiki/Q990002",
                                      "date": "2026-11-18", "retrieved": kb.wikidata.imported, "license": "CC0 1.0", "layer": "wikidata",
                                      "property": "P108"}
    assert kb.person("Peter Kick")["match"] == "none"  # footballer: not imported


def test_imported_namesakes_next_to_curated_people(tmp_path, imported):
    data = tmp_path / "data"
    data.mkdir()
    (data / "open").symlink_to(BUNDLED_OPEN)
    shutil.copytree(FIXTURE.parent / "curated", data / "curated")
    kb = KnowledgeBase.load(data_dir=data, user_dir=imported)
    # a distinctive name in both layers is one person: the curated record still matches alone
    assert kb.person("Andrew Korybko")["id"] == "andrew-korybko"
    assert kb.person("Andrew Korybko")["match"] == "exact"
    # a common name in both layers: two people, told apart only by what the article says
    both = kb.person("John Smith")
    assert both["match"] == "possible" and both["id"] is None and both["facts"] == []
    assert {c["id"] for c in both["candidates"]} == {"john-smith-times", "wikidata:Q990007"}
    assert kb.person("John Smith", outlet_domain="example-times.test")["id"] == "john-smith-times"
    sports = kb.person("John Smith", outlet_domain="example-daily.co.uk", author=True)
    assert sports["id"] == "wikidata:Q990007" and sports["match"] == "exact"


def test_dump_date_from_option_or_name(tmp_path):
    assert dump_date(Path("latest-all.json.gz"), "2026-01-05") == "2026-01-05"
    assert dump_date(Path("wikidata-20250102-all.json.bz2"), None) == "2025-01-02"
    with pytest.raises(DumpError, match="--dump-date"):
        dump_date(Path("latest-all.json.gz"), None)


def test_truncated_dump_is_reported_and_writes_nothing(tmp_path):
    broken = tmp_path / "wikidata-20261118-broken.json.gz"
    broken.write_bytes(gzip.compress(FIXTURE.read_bytes())[:-40])
    with pytest.raises(DumpError, match="cannot read|cut short"):
        import_dump(broken, tmp_path / "user", progress=False)
    assert list((tmp_path / "user").iterdir()) == []  # no import file, no temp file


def test_dump_cut_at_a_line_end_is_refused(tmp_path):
    """A dump cut exactly between two entities parses line by line: only the missing ']' tells."""
    lines = FIXTURE.read_text().splitlines()
    cut = tmp_path / "wikidata-20261118-cut.json"
    cut.write_text("\n".join(lines[:5]) + "\n")
    with pytest.raises(DumpError, match="cut short"):
        import_dump(cut, tmp_path / "user", progress=False)


def test_failed_reimport_keeps_the_previous_import(tmp_path, imported):
    before = (imported / WIKIDATA_FILE).read_bytes()
    broken = tmp_path / "wikidata-20261119-broken.json.gz"
    broken.write_bytes(gzip.compress(FIXTURE.read_bytes())[:-40])
    with pytest.raises(DumpError, match="previous pack is unchanged"):
        import_dump(broken, imported, progress=False)
    assert (imported / WIKIDATA_FILE).read_bytes() == before
    assert [p.name for p in imported.iterdir()] == [WIKIDATA_FILE]


def test_namesakes_in_wikidata_make_a_match_possible(tmp_path, imported):
    kb = _kb(tmp_path, imported)
    assert kb.person("J. Quill", role="journalist")["id"] == "wikidata:Q990002"  # alias with an initial, role agrees
    assert kb.person("J. Quill")["match"] == "possible"  # a name alone never makes a Wikidata match
    assert kb.person("Quill", role="journalist")["match"] == "possible"  # surname alone
    assert kb.person("Jane Quill", role="footballer")["facts"] == []


def test_cli_import(tmp_path, capsys):
    parser = argparse.ArgumentParser(prog="backstory")
    register_cli(parser.add_subparsers(dest="command"))
    dump = tmp_path / "latest-all.json"
    shutil.copyfile(FIXTURE, dump)
    args = parser.parse_args(["kb", "import-wikidata", str(dump), "--dump-date", "2026-11-18", "--no-progress",
                              "--user-dir", str(tmp_path / "u")])
    assert args.func(args) == 0
    assert "1 outlets, 3 people and 1 organisations" in capsys.readouterr().out
    args = parser.parse_args(["kb", "import-wikidata", str(dump), "--user-dir", str(tmp_path / "v")])
    assert args.func(args) == 1 and "--dump-date" in capsys.readouterr().err
