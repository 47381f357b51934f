"""Issue 24 item 8: a notes.json (or lists.json) that is valid JSON of the wrong shape is refused with a
message that says what is wrong and how to fix it; analyses go on without the notes (and say so), the
CLI prints no traceback, and the file is never rewritten."""

import argparse
import dataclasses
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backstory.kb.cli import register_cli
from backstory.kb.user import StoreError, UserStore
from conftest import SEED_URL

GOOD_NOTE = {"id": "a1b2c3d4", "target": "outlet:globalresearch.ca", "text": "Republishes InfoBrics.", "created": "2026-11-24T10:00:00Z"}
WRONG_SHAPES = {
    "notes is a string": ({"notes": "oops"}, "'notes' must be a list of notes, but it is a string"),
    "a list at the top": ([None], "holds a list, but it must be a JSON object"),
    "a null note": ({"notes": [None]}, "note 1 of 1 is null"),
    "a note without a target": ({"notes": [{"id": "x", "text": "t", "created": "c"}]}, "'target' must be a non-empty string, but it is missing"),
    "a number as text": ({"notes": [GOOD_NOTE, {**GOOD_NOTE, "text": 5}]}, "note 2 of 2 (id 'a1b2c3d4'): 'text' must be a non-empty string, but it is a number"),
    "a bad target": ({"notes": [{**GOOD_NOTE, "target": "planet:Mars"}]}, "must look like 'outlet:example.com'"),
    "a typo for notes": ({"note": [GOOD_NOTE]}, "there is no 'notes' list in it (found 'note')"),
}


def cli_runner(user_dir, capsys):
    parser = argparse.ArgumentParser(prog="backstory")
    register_cli(parser.add_subparsers(dest="command"))

    def run(*argv):
        args = parser.parse_args([*argv, "--user-dir", str(user_dir)])
        code = args.func(args)
        out = capsys.readouterr()
        return code, out.out, out.err
    return run


@pytest.mark.parametrize("case", sorted(WRONG_SHAPES))
def test_wrong_shape_is_named_and_the_file_kept(tmp_path, capsys, case):
    data, message = WRONG_SHAPES[case]
    path = tmp_path / "notes.json"
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    store = UserStore(tmp_path)
    assert store.error and message in store.error and "move the file aside" in store.error
    assert store.notes_for("outlet:globalresearch.ca") == []  # lookups see nothing, and do not raise
    with pytest.raises(StoreError, match="nothing was changed"):
        store.add_note("outlet:example.com", "a new note")
    run = cli_runner(tmp_path, capsys)
    for argv in (("note", "list"), ("note", "remove", "a1b2c3d4"), ("note", "outlet", "example.com", "hello")):
        code, out, err = run(*argv)
        assert code != 0 and message in err and "Traceback" not in err, (argv, err)
    assert path.read_bytes() == before  # the reader's file is kept exactly


def test_wrong_shape_of_lists_file(tmp_path):
    (tmp_path / "lists.json").write_text(json.dumps({"lists": [{"name": "x"}]}))
    store = UserStore(tmp_path)
    assert store.error and "list 1 of 1 ('x'): missing field(s)" in store.error
    assert store.list_facts_for("outlet:example.com") == []


def test_analyze_answers_without_the_notes_and_says_why(settings, client, auth, seed_html, tmp_path):
    """Before: every /v1/analyze was a 500 (TypeError) while notes.json had the wrong shape."""
    from backstory.pipeline import Engine
    from backstory.server import create_app

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "notes.json").write_text('{"notes": "oops"}')
    own = dataclasses.replace(settings, data_dir=tmp_path / "data", cache_dir=tmp_path / "cache")
    engine = Engine(own)
    try:
        app = create_app(own, engine=engine, token=auth["Authorization"][7:])
        r = app.test_client().post("/v1/analyze", data=json.dumps({"url": SEED_URL, "html": seed_html}),
                                   content_type="application/json", headers=auth)
        assert r.status_code == 200, r.get_data(as_text=True)
        doc = r.get_json()
        assert any("'notes' must be a list of notes" in w for w in doc["warnings"]), doc["warnings"]
        assert doc["outlet"]["domain"] == "globalresearch.ca"
    finally:
        engine.close()


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=12),
                    lambda c: st.lists(c, max_size=4) | st.dictionaries(st.sampled_from(["notes", "id", "target", "text", "created", "x"]), c, max_size=5),
                    max_leaves=12)


@settings(max_examples=int(os.environ.get("BACKSTORY_FUZZ_EXAMPLES", "200")), deadline=None, database=None,
          derandomize=not os.environ.get("BACKSTORY_FUZZ_RANDOM"), suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=JSON)
def test_fuzz_notes_file_shapes(tmp_path, data):
    """Any JSON in notes.json: the store either loads notes of the right shape or reports an error; lookups never raise."""
    (tmp_path / "notes.json").write_text(json.dumps(data))
    store = UserStore(tmp_path)
    if store.error is None:
        assert all(isinstance(n, dict) and all(isinstance(n[k], str) for k in ("id", "target", "text", "created")) for n in store.notes)
    else:
        assert "nothing was changed" in store.error
    store.notes_for("outlet:example.com")
    store.notes_for("person:Ann Lee")
    store.export_list()
