"""The reader's layer: notes, atomic writes that survive a crash, context lists, and the CLI."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from backstory.kb import KnowledgeBase
from backstory.kb import user as user_mod
from backstory.kb.cli import register_cli
from backstory.kb.user import ListError, UserStore, atomic_write_json, parse_list_file, validate_list

BUNDLED_OPEN = Path(__file__).resolve().parents[1] / "sidecar" / "backstory" / "data" / "open"
NOTE_KEYS = {"target", "text", "created", "layer"}
GOOD_LIST = {
    "format": "backstory-context-list",
    "name": "Newsroom watchlist",
    "version": "2026.11.1",
    "maintainer": "Example Newsroom <desk@example.org>",
    "entries": [
        {"target": "outlet:globalresearch.ca", "text": "Our desk does not cite this site.",
         "sources": [{"name": "Desk policy", "url": "https://example.org/policy"}]},
        {"target": "outlet:globalresearch.ca",
         "facts": [{"property": "other", "value": "on our blocklist", "claim": "The desk blocklists this site.",
                    "sources": [{"name": "Desk blocklist", "url": "https://example.org/blocklist", "date": "2026-10-01"}]}]},
        {"target": "person:Andrew Korybko", "text": "Ask the Moscow desk before quoting.",
         "sources": [{"name": "Desk memo", "url": "https://example.org/memo"}]},
    ],
}
WRITER = """
import sys
from pathlib import Path
from backstory.kb.user import UserStore
store = UserStore(Path(sys.argv[1]))
i = len(store.notes)  # carry on numbering after the notes a killed run left
while True:
    i += 1
    store.add_note("outlet:example.com", f"note {i} " + "x" * 4000)
    print(i, flush=True)
"""


@pytest.fixture()
def kb(tmp_path) -> KnowledgeBase:
    data = tmp_path / "data"
    data.mkdir()
    (data / "open").symlink_to(BUNDLED_OPEN)
    (data / "curated").mkdir()
    return KnowledgeBase.load(data_dir=data, user_dir=tmp_path / "user")


@pytest.fixture()
def cli(tmp_path, capsys):
    parser = argparse.ArgumentParser(prog="backstory")
    register_cli(parser.add_subparsers(dest="command"))

    def run(*argv: str) -> tuple[int, str, str]:
        args = parser.parse_args([*argv, "--user-dir", str(tmp_path / "user")])
        code = args.func(args)
        out = capsys.readouterr()
        return code, out.out, out.err
    return run


def test_notes_appear_for_their_target_only(kb):
    before = kb.version
    kb.user.add_note("outlet:www.GlobalResearch.ca", "Republishes InfoBrics pieces.")
    kb.user.add_note("person:Andrew Korybko", "Seen on RT panels.")
    assert kb.version != before
    notes = kb.notes_for("outlet:globalresearch.ca")
    assert [n["text"] for n in notes] == ["Republishes InfoBrics pieces."]
    assert set(notes[0]) == NOTE_KEYS and notes[0]["layer"] == "user" and notes[0]["created"].endswith("Z")
    assert [n["text"] for n in kb.notes_for("person:andrew korybko")] == ["Seen on RT panels."]
    assert kb.notes_for("outlet:rt.com") == [] and kb.notes_for("nonsense") == []


def test_notes_written_by_another_process_are_seen(kb, tmp_path):
    version = kb.version
    UserStore(tmp_path / "user").add_note("outlet:rt.com", "from another process")
    assert kb.version != version
    assert kb.notes_for("outlet:rt.com")[0]["text"] == "from another process"


def test_failed_write_leaves_the_old_file_intact(tmp_path, monkeypatch):
    store = UserStore(tmp_path)
    store.add_note("outlet:example.com", "first")
    before = store.notes_path.read_bytes()

    def crash(*_args, **_kwargs):
        raise OSError("disk full")
    monkeypatch.setattr(user_mod.os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        store.add_note("outlet:example.com", "second")
    assert store.notes_path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".lock", "notes.json"]  # no temp file left behind


def test_half_serialised_data_never_reaches_the_file(tmp_path):
    path = tmp_path / "notes.json"
    atomic_write_json(path, {"notes": ["kept"]})
    with pytest.raises(TypeError):
        atomic_write_json(path, {"notes": ["a" * 100_000, object()]})  # json fails midway through writing
    assert json.loads(path.read_text()) == {"notes": ["kept"]}


@pytest.mark.slow
def test_notes_survive_a_killed_writer(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "sidecar")}
    total = 0
    for delay in (0.3, 0.45, 0.6):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path)], stdout=subprocess.PIPE, env=env, text=True)
        try:
            first = proc.stdout.readline()  # at least one note is on disk
            assert first.strip()
            time.sleep(delay)
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            proc.stdout.close()
        notes = json.loads((tmp_path / "notes.json").read_text())["notes"]  # parses: never torn
        numbers = [int(n["text"].split()[1]) for n in notes]
        # every note whose write returned is there, in order, none lost or duplicated
        assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) > total
        total = len(numbers)
    assert not [p for p in tmp_path.iterdir() if p.name not in ("notes.json", ".lock") and not p.name.endswith(".tmp")]


ADDER = """
import sys
from pathlib import Path
from backstory.kb.user import UserStore
store = UserStore(Path(sys.argv[1]))
for i in range(25):
    store.add_note("outlet:example.com", f"{sys.argv[2]} {i}")
"""


def test_concurrent_writers_lose_no_note(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "sidecar")}
    procs = [subprocess.Popen([sys.executable, "-c", ADDER, str(tmp_path), tag], env=env) for tag in ("a", "b")]
    assert [p.wait(timeout=60) for p in procs] == [0, 0]
    texts = {n["text"] for n in UserStore(tmp_path).notes}
    assert texts == {f"{tag} {i}" for tag in ("a", "b") for i in range(25)}


def test_remove_note(kb):
    note = kb.user.add_note("outlet:rt.com", "temporary")
    assert kb.user.remove_note("nope") is False
    assert kb.user.remove_note(note["id"]) is True
    assert kb.notes_for("outlet:rt.com") == []


def test_context_list_round_trip(kb, tmp_path):
    path = tmp_path / "list.json"
    path.write_text(json.dumps(GOOD_LIST))
    kb.user.import_list(parse_list_file(path))
    notes = kb.notes_for("outlet:globalresearch.ca")
    assert len(notes) == 1 and "Newsroom watchlist" in notes[0]["text"]
    facts = [f for f in kb.outlet("globalresearch.ca")["facts"] if f["layer"] == "user"]
    assert facts[0]["value"] == "on our blocklist"
    assert facts[0]["sources"][0] == {"name": "Desk blocklist", "url": "https://example.org/blocklist", "date": "2026-10-01",
                                      "retrieved": None, "license": None, "layer": "user"}
    assert kb.user.export_list("Newsroom watchlist") == GOOD_LIST


def test_list_facts_reach_a_curated_person_by_any_of_their_names(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "open").symlink_to(BUNDLED_OPEN)
    shutil.copytree(Path(__file__).resolve().parent / "fixtures" / "kb" / "curated", data / "curated")
    kb = KnowledgeBase.load(data_dir=data, user_dir=tmp_path / "user")
    entry = {"target": "person:Lucas Leiroz", "facts": [{"property": "other", "value": "speaker at our panel",
             "sources": [{"name": "Panel page", "url": "https://example.org/panel"}]}]}
    kb.user.import_list({**GOOD_LIST, "entries": [entry]})
    facts = kb.person("Lucas Leiroz de Almeida")["facts"]
    assert [f["value"] for f in facts if f["layer"] == "user"] == ["speaker at our panel"]
    assert kb.person("Andrew Korybko")["facts"] and all(f["layer"] != "user" for f in kb.person("Andrew Korybko")["facts"])


@pytest.mark.parametrize("breakage, message", [
    (lambda d: d.pop("maintainer"), "missing field"),
    (lambda d: d["entries"][0].pop("sources"), "entry 0: needs a non-empty 'sources'"),
    (lambda d: d["entries"][1].update(target="planet:mars"), "entry 1: target"),
    (lambda d: d["entries"][2]["sources"][0].update(url="ftp://x"), "entry 2, source 0"),
    (lambda d: d["entries"][2]["sources"][0].pop("name"), "entry 2, source 0: needs a 'name'"),
    (lambda d: d["entries"][1]["facts"][0].pop("value"), "entry 1, fact 0"),
    (lambda d: d.update(format="adblock"), "'format'"),
    (lambda d: d.update(entries="none"), "'entries' must be a list"),
])
def test_malformed_list_is_rejected_with_a_clear_message(breakage, message):
    data = json.loads(json.dumps(GOOD_LIST))
    breakage(data)
    with pytest.raises(ListError, match=message):
        validate_list(data)


def test_malformed_list_changes_nothing(cli, tmp_path):
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(json.dumps(GOOD_LIST))
    assert cli("lists", "import", str(good))[0] == 0
    stored = (tmp_path / "user" / "lists.json").read_bytes()
    bad.write_text('{"name": "x", "version": "1", "maintainer": "y", "entries": [')
    code, _, err = cli("lists", "import", str(bad))
    assert code == 1 and "rejected, nothing changed" in err and "not valid JSON" in err
    broken = {**GOOD_LIST, "name": "Newsroom watchlist", "entries": [{"target": "outlet:x.com", "text": "no sources"}]}
    bad.write_text(json.dumps(broken))
    code, _, err = cli("lists", "import", str(bad))
    assert code == 1 and "entry 0" in err
    bad.write_text('{"name": "x", "entries": ' + "[" * 100_000 + "]" * 100_000 + "}")  # (past the JSON parser's depth)
    code, _, err = cli("lists", "import", str(bad))
    assert code == 1 and "nested too deeply" in err and "Traceback" not in err
    assert (tmp_path / "user" / "lists.json").read_bytes() == stored


def test_note_cli(cli, tmp_path):
    code, out, _ = cli("note", "outlet", "globalresearch.ca", "Mirror of CRG content.")
    assert code == 0 and "outlet:globalresearch.ca" in out
    assert cli("note", "person", "Andrew Korybko", "Analyst.")[0] == 0
    code, out, _ = cli("note", "list")
    assert "Mirror of CRG content." in out and "person:Andrew Korybko" in out
    note_id = out.split()[0]
    assert cli("note", "remove", note_id)[0] == 0
    assert "Mirror of CRG" not in cli("note", "list")[1]
    code, _, err = cli("note", "remove", "doesnotexist")
    assert code == 1 and "no note" in err
    code, _, err = cli("note", "outlet", "example.com", "   ")
    assert code == 1


def test_lists_cli_export_and_show(cli, tmp_path):
    assert cli("note", "outlet", "rt.com", "State broadcaster.")[0] == 0
    out_file = tmp_path / "mine.json"
    assert cli("lists", "export", str(out_file))[0] == 0
    exported = json.loads(out_file.read_text())
    validate_list(exported)  # our own export is a valid list to share
    assert exported["entries"][0]["target"] == "outlet:rt.com"
    code, out, _ = cli("lists", "show")
    assert code == 0 and "no context lists" in out


def test_kb_show_and_stats_cli(cli):
    code, out, _ = cli("kb", "show", "globalresearch.ca")
    assert code == 0 and "rating by" in out and "source:" in out
    code, out, _ = cli("kb", "stats")
    assert code == 0 and "open-data" in out and "lin2023: 11473" in out
    code, _, err = cli("kb", "show", "no-such-thing-anywhere.example")
    assert code == 1 and "nothing" in err


def test_unreadable_notes_file_is_never_overwritten(tmp_path, cli):
    user = tmp_path / "user"
    user.mkdir()
    (user / "notes.json").write_text('{"notes": [{"id": "1", "target": "outlet:a.com", "text": "keep me"')  # hand-edit gone wrong
    data = tmp_path / "data"
    data.mkdir()
    (data / "open").symlink_to(BUNDLED_OPEN)
    (data / "curated").mkdir()
    kb = KnowledgeBase.load(data_dir=data, user_dir=user)
    assert any("notes.json is not valid JSON" in w for w in kb.warnings)
    assert kb.notes_for("outlet:a.com") == []
    with pytest.raises(user_mod.StoreError, match="move it aside"):
        kb.user.add_note("outlet:a.com", "new")
    code, _, err = cli("note", "outlet", "a.com", "new")
    assert code == 1 and "not valid JSON" in err
    assert (user / "notes.json").read_text().endswith('"keep me"')
