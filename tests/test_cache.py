import os
import stat

from backstory.cache import ResultCache, cache_key


def test_round_trip_is_json_and_dir_private(tmp_path):
    cache = ResultCache(tmp_path / "c", 10_000_000)
    cache.set("k", {"a": [1, 2], "b": "ü"})
    assert cache.get("k") == {"a": [1, 2], "b": "ü"}
    assert stat.S_IMODE(os.stat(tmp_path / "c").st_mode) == 0o700
    cache.close()


def test_key_depends_on_everything():
    base = cache_key("https://a/x", "<p>x</p>", "v1", False)
    assert base != cache_key("https://a/y", "<p>x</p>", "v1", False)
    assert base != cache_key("https://a/x", "<p>y</p>", "v1", False)
    assert base != cache_key("https://a/x", "<p>x</p>", "v2", False)
    assert base != cache_key("https://a/x", "<p>x</p>", "v1", True)


def test_corrupted_cache_is_moved_aside_and_rebuilt(tmp_path):
    cache = ResultCache(tmp_path / "c", 10_000_000)
    cache.set("k", {"a": 1})
    cache.close()
    db = tmp_path / "c" / "cache.db"
    db.write_bytes(b"this is not a sqlite database" * 100)
    cache = ResultCache(tmp_path / "c", 10_000_000)
    assert cache.get("k") is None
    cache.set("k", {"a": 2})
    assert cache.get("k") == {"a": 2}
    assert any(p.name.startswith("c.corrupt-") for p in tmp_path.iterdir())
    cache.close()
