"""The offline pack: a dump of the test world imported, exported, shared and imported again; bad files refused."""

from __future__ import annotations

import argparse
import gzip
import json
import sqlite3
from pathlib import Path

import pytest

from backstory.kb import KnowledgeBase
from backstory.kb.cli import register_cli
from backstory.kb.store import StoreError
from backstory.kb.wikidata import WIKIDATA_FILE, WikidataLayer, export_pack, import_dump, import_pack

WORLD = Path(__file__).resolve().parent / "fixtures" / "kb" / "world-entities.json"


def write_dump(path: Path) -> Path:
    """The test world as a Wikidata JSON dump: '[', one entity per line ending in ',', ']'."""
    entities = list(json.loads(WORLD.read_text(encoding="utf-8"))["entities"].values())
    lines = ["["] + [json.dumps(e, separators=(",", ":"), ensure_ascii=False) + "," for e in entities]
    lines[-1] = lines[-1].rstrip(",")
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines + ["]"]) + "\n")
    return path


@pytest.fixture(scope="module")
def dump(tmp_path_factory) -> Path:
    return write_dump(tmp_path_factory.mktemp("dump") / "wikidata-20261201-all.json.gz")


@pytest.fixture()
def pack(tmp_path, dump) -> Path:
    user = tmp_path / "user"
    import_dump(dump, user, progress=False)
    return user


def test_import_keeps_the_people_news_cites_and_their_organisations(pack):
    layer = WikidataLayer.load(pack)
    counts = layer.counts()
    # politicians, diplomats, judges, journalists, economists, scholars are kept; footballers, a singer, actors,
    # a cricketer and a physicist (no listed occupation, no position held) are left out: 38 humans, 29 kept
    people = {rec["label"] for rec, _, _ in (layer.store.record(q) for q in
              [r[0] for r in layer.store.rows("SELECT qid FROM records WHERE kind = 'person'")])}
    assert "Ahmed Khan" in people and "Priya Raman" in people and "William Hartman" in people
    assert layer.store.record("Q99000104") is None  # the footballer John Smith
    assert layer.store.record("Q99000203") is None  # the singer
    assert layer.store.record("Q99000101")[0]["positions"][0]["district"] == "Q99100004"
    assert counts["people"] == 29 and counts["dump_date"] == "2026-12-01"
    left_out = ["Q99000104", "Q99000203", "Q99000303", "Q99000402", "Q99000502", "Q99000802", "Q99000902", "Q99001002", "Q99001202"]
    assert all(layer.store.record(q) is None for q in left_out)
    # the organisations people belong to are full records: an organisation named in a bio gets a card offline
    assert layer.store.record("Q99100002")[0]["description"] == "Canadian think tank (test fixture)"


def test_pack_answers_cards_with_the_dump_date(pack):
    kb = KnowledgeBase.load(user_dir=pack)
    senator = kb.person("John Smith", role="Republican senator from Ohio", date="2024-05-01")
    assert senator["match"] == "exact" and senator["id"] == "wikidata:Q99000101"
    assert {s["date"] for f in senator["facts"] for s in f["sources"]} == {"2026-12-01"}
    org = kb.organisation_card("Fraser Example Institute")
    assert org["match"] == "exact" and org["url"] == "https://www.wikidata.org/wiki/Q99100002"
    assert any(f["property"] == "description" for f in org["facts"])


def test_progress_bar_shows_eta(tmp_path, dump, capsys):
    import_dump(dump, tmp_path / "user", progress=True)
    err = capsys.readouterr().err
    assert "pass 1 of 2" in err and "pass 2 of 2" in err
    assert "<" in err and "B" in err  # tqdm's elapsed<remaining over the file's bytes


def test_export_and_import_round_trip(tmp_path, pack):
    shared = tmp_path / "team-pack.sqlite"
    meta = export_pack(pack, shared)
    assert meta["dump_date"] == "2026-12-01"
    other = tmp_path / "colleague"
    assert import_pack(shared, other)["dump_date"] == "2026-12-01"
    a, b = WikidataLayer.load(pack), WikidataLayer.load(other)
    assert a.counts() == b.counts()
    assert a.store.record("Q99000101") == b.store.record("Q99000101")
    kb = KnowledgeBase.load(user_dir=other)
    assert kb.person("Chris Morvan", role="Democratic senator from Connecticut", date="2020-01-01")["id"] == "wikidata:Q99001201"


def _damaged(tmp_path: Path, good: Path) -> dict[str, Path]:
    cut = tmp_path / "cut.sqlite"
    cut.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    noise = tmp_path / "noise.sqlite"
    noise.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 64)
    other = tmp_path / "other.sqlite"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE t (x)")
    db.commit()
    db.close()
    old = tmp_path / "old-format.sqlite"
    old.write_bytes(good.read_bytes())
    db = sqlite3.connect(old)
    db.execute("UPDATE meta SET value = '1' WHERE key = 'format_version'")
    db.commit()
    db.close()
    text = tmp_path / "text.sqlite"
    text.write_text("not a database at all")
    return {"cut": cut, "noise": noise, "other": other, "old": old, "text": text, "missing": tmp_path / "nope.sqlite"}


def test_bad_pack_files_are_refused_and_change_nothing(tmp_path, pack):
    shared = tmp_path / "good.sqlite"
    export_pack(pack, shared)
    before = (pack / WIKIDATA_FILE).read_bytes()
    for kind, path in _damaged(tmp_path, shared).items():
        with pytest.raises(StoreError):
            import_pack(path, pack)
        assert (pack / WIKIDATA_FILE).read_bytes() == before, kind
    assert sorted(p.name for p in pack.iterdir()) == [WIKIDATA_FILE]  # no temporary files left


def test_a_damaged_installed_pack_is_ignored_with_a_warning(tmp_path, pack):
    (pack / WIKIDATA_FILE).write_bytes(b"garbage" * 100)
    kb = KnowledgeBase.load(user_dir=pack)
    assert any("pack is ignored" in w for w in kb.warnings)
    assert kb.person("John Smith", role="senator")["match"] in ("none", "possible")


def test_cli_export_and_import(tmp_path, pack, capsys):
    parser = argparse.ArgumentParser(prog="backstory")
    register_cli(parser.add_subparsers(dest="command"))
    out = tmp_path / "p.sqlite"
    args = parser.parse_args(["kb", "export-pack", str(out), "--user-dir", str(pack)])
    assert args.func(args) == 0 and "2026-12-01" in capsys.readouterr().out
    args = parser.parse_args(["kb", "import-pack", str(out), "--user-dir", str(tmp_path / "new")])
    assert args.func(args) == 0 and (tmp_path / "new" / WIKIDATA_FILE).is_file()
    (tmp_path / "bad.sqlite").write_text("x")
    args = parser.parse_args(["kb", "import-pack", str(tmp_path / "bad.sqlite"), "--user-dir", str(tmp_path / "new")])
    assert args.func(args) == 1 and "unchanged" in capsys.readouterr().err
    args = parser.parse_args(["kb", "export-pack", str(out), "--user-dir", str(tmp_path / "empty")])
    assert args.func(args) == 1 and "no pack to export" in capsys.readouterr().err
