"""Item 11 — the cache: JSON only (never pickle, not even from a tampered file), a private directory,
keys that change with the pipeline and knowledge-base versions, and a corrupted cache that is moved
aside and rebuilt while the request still succeeds."""

import json
import os
import pickle
import sqlite3
import stat
import types

import pytest

from backstory.cache import ResultCache, cache_key
from backstory.pipeline import Engine
from conftest import SEED_URL


def test_values_are_stored_as_json(tmp_path):
    cache = ResultCache(tmp_path / "c", 10_000_000)
    cache.set("k", {"a": [1, "ü"]})
    cache.close()
    with sqlite3.connect(tmp_path / "c" / "cache.db") as db:
        rows = db.execute("SELECT mode, value, filename FROM Cache").fetchall()
    import zlib

    (mode, value, filename), = rows
    assert filename is None and json.loads(zlib.decompress(value)) == {"a": [1, "ü"]}


def test_a_planted_pickle_is_never_loaded(tmp_path):
    """Rewrite the row as a pickle whose loading would run code: it is refused and the cache rebuilt."""
    cache = ResultCache(tmp_path / "c", 10_000_000)
    cache.set("k", {"a": 1})
    cache.close()
    marker = tmp_path / "pwned"
    payload = b"cos\nsystem\n(S'touch " + str(marker).encode() + b"'\ntR."  # the classic os.system pickle
    assert b"system" in pickle.dumps(os.system)  # (pickle is what it would take)
    with sqlite3.connect(tmp_path / "c" / "cache.db") as db:
        db.execute("UPDATE Cache SET mode = 4, value = ?", (payload,))
    cache = ResultCache(tmp_path / "c", 10_000_000)
    assert cache.get("k") is None
    assert not marker.exists()
    cache.close()


def test_directory_is_private_even_if_it_existed(tmp_path):
    d = tmp_path / "c"
    d.mkdir(mode=0o755)
    os.chmod(d, 0o755)
    ResultCache(d, 10_000_000).close()
    assert stat.S_IMODE(os.stat(d).st_mode) == 0o700


def test_key_includes_pipeline_and_knowledge_base_versions(settings):
    """pipeline_version hashes code version, model, knowledge-base version and text limit; the key hashes it."""
    def version(model, kb_version):
        fake = types.SimpleNamespace(model=model, kb=types.SimpleNamespace(version=kb_version), settings=settings)
        return Engine.pipeline_version.fget(fake)

    base = version("m 1", "kb-1")
    assert base != version("m 1", "kb-2") and base != version("m 2", "kb-1")
    assert cache_key("u", "h", base, False) != cache_key("u", "h", version("m 1", "kb-2"), False)


def test_kb_version_changes_with_a_user_note(tmp_path):
    from backstory.kb import KnowledgeBase
    from backstory.kb.user import UserStore

    kb = KnowledgeBase.load(user_dir=tmp_path)
    before = kb.version
    UserStore(tmp_path).add_note("outlet:example.com", "my note")
    assert KnowledgeBase.load(user_dir=tmp_path).version != before


@pytest.mark.parametrize("damage", ["garbage_file", "garbage_middle", "truncated", "bad_value"])
def test_corrupted_cache_while_serving_still_answers(client, auth, engine, seed_html, tmp_path, monkeypatch, damage):
    cache = ResultCache(tmp_path / "cache", 50_000_000)
    monkeypatch.setattr(engine, "cache", cache)
    body = json.dumps({"url": SEED_URL, "html": seed_html})
    r = client.post("/v1/analyze", data=body, content_type="application/json", headers=auth)
    assert r.status_code == 200
    db = tmp_path / "cache" / "cache.db"
    if damage == "garbage_file":
        db.write_bytes(b"this is not a sqlite database" * 1000)
    elif damage == "garbage_middle":
        raw = bytearray(db.read_bytes())
        raw[0:100] = os.urandom(100)
        db.write_bytes(bytes(raw))
    elif damage == "truncated":
        with open(db, "r+b") as fh:
            fh.truncate(50)
    else:
        with sqlite3.connect(db) as con:
            con.execute("UPDATE Cache SET value = ?", (b"\x00not zlib at all",))
    # while running (SQLite may still answer from its WAL and page cache) …
    r = client.post("/v1/analyze", data=body, content_type="application/json", headers=auth)
    assert r.status_code == 200 and r.get_json()["cited"]
    # … and after a restart, when the damage is certainly seen
    engine.cache.close()
    monkeypatch.setattr(engine, "cache", ResultCache(tmp_path / "cache", 50_000_000))
    r = client.post("/v1/analyze", data=body, content_type="application/json", headers=auth)
    assert r.status_code == 200 and r.get_json()["cited"]
    r = client.post("/v1/analyze", data=body, content_type="application/json", headers=auth)
    assert r.status_code == 200 and r.get_json()["cached"] is True  # the rebuilt cache works
    if damage in ("garbage_file", "truncated"):  # (a damaged header alone may be healed from the WAL)
        assert any(p.name.startswith("cache.corrupt-") for p in tmp_path.iterdir())
    engine.cache.close()
