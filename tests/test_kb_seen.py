"""Seen before: local only, off by default, bounded by retention, erased by `backstory forget`."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import datetime, timedelta, timezone

from backstory.cli import main
from backstory.kb.seen import SEEN_FILE, SeenStore, apply


def _doc(domain: str, cited: list[tuple[str, str | None]], authors=(), published="2025-03-18", is_article=True) -> dict:
    return {"article": {"published": published, "is_article": is_article}, "outlet": {"domain": domain},
            "authors": [{"name": a} for a in authors], "cited": [{"name": n, "role": r} for n, r in cited]}


def test_off_by_default_records_nothing(settings, tmp_path):
    local = replace(settings, data_dir=tmp_path)
    doc = apply(_doc("globalresearch.ca", [("Andrew Korybko", "political analyst")]), "https://a.example/1", local)
    assert doc["cited"][0]["seen_before"] is None and not (tmp_path / SEEN_FILE).exists()


def test_cards_say_where_else_a_person_was_cited(settings, tmp_path):
    on = replace(settings, data_dir=tmp_path, seen_before=True)
    for i in range(3):
        apply(_doc("globalresearch.ca", [("Andrew Korybko", "political analyst")]), f"https://www.globalresearch.ca/{i}", on)
    apply(_doc("globalresearch.ca", [("Andrew Korybko", "political analyst")]), "https://www.globalresearch.ca/0", on)  # same page again
    apply(_doc("infobrics.org", [], authors=["Andrew Korybko"]), "https://infobrics.org/x", on)
    doc = apply(_doc("example.org", [("Andrew Korybko", "analyst")]), "https://example.org/new", on)
    seen = doc["cited"][0]["seen_before"]
    assert seen["count"] == 4
    assert seen["by_outlet"] == [{"domain": "globalresearch.ca", "count": 3, "as": ["political analyst"]},
                                 {"domain": "infobrics.org", "count": 1, "as": ["author"]}]
    assert seen["text"] == "cited in 4 other articles you read: globalresearch.ca ×3 (as 'political analyst'), infobrics.org ×1 (as 'author')"
    # nothing of it is the page's own address
    raw = (tmp_path / SEEN_FILE).read_bytes()
    assert b"globalresearch.ca/0" not in raw and b"https://" not in raw


def test_retention_bounds_it(settings, tmp_path):
    on = replace(settings, data_dir=tmp_path, seen_before=True, seen_retention_days=30)
    apply(_doc("a.example", [("Ann Example", "expert")]), "https://a.example/1", on)
    db = sqlite3.connect(tmp_path / SEEN_FILE)
    old = (datetime.now(timezone.utc) - timedelta(days=40)).isoformat()
    db.execute("UPDATE sightings SET seen_at = ?", (old,))
    db.commit()
    db.close()
    doc = apply(_doc("b.example", [("Ann Example", "expert")]), "https://b.example/2", on)
    assert doc["cited"][0]["seen_before"] is None  # the 40-day-old sighting was dropped


def test_forget_erases_everything_from_the_file(settings, tmp_path, capsys):
    on = replace(settings, data_dir=tmp_path, seen_before=True)
    apply(_doc("a.example", [("Zelda Quasimodo-Example", "expert")]), "https://a.example/1", on)
    apply(_doc("a.example", [("Other Person", "expert")]), "https://a.example/2", on)
    assert main(["forget", "--person", "Other Person", "--user-dir", str(tmp_path)]) == 0
    assert SeenStore(tmp_path, 365).count() == 1
    assert main(["forget", "--user-dir", str(tmp_path)]) == 0
    assert "erased 1 sighting" in capsys.readouterr().out
    assert SeenStore(tmp_path, 365).count() == 0
    assert b"Quasimodo" not in (tmp_path / SEEN_FILE).read_bytes()


def test_engine_applies_it_also_to_cached_pages(engine, seed_html, tmp_path):
    from conftest import SEED_URL

    original = engine.settings
    engine.settings = replace(original, seen_before=True, data_dir=tmp_path)
    try:
        engine.analyze("https://other.example/a", seed_html, use_cache=False)
        first = engine.analyze(SEED_URL, seed_html)
        again = engine.analyze(SEED_URL, seed_html)
    finally:
        engine.settings = original
    assert again["cached"] is True
    for doc in (first, again):
        seen = doc["cited"][0]["seen_before"]
        assert seen["count"] == 1 and seen["by_outlet"][0]["domain"] == "other.example"


def test_the_servers_cache_keeps_no_seen_before(settings, tmp_path, seed_html):
    """The server's cache (in its own process, beside the analysis process) holds the cards without the
    reader's history: the summary is made again for each answer, and a page's cached copy says nothing of
    where else its people were seen."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent / "security"))
    from security_helpers import seen_child

    from backstory.cache import cache_key
    from backstory.worker import WorkerEngine

    (tmp_path / "data").mkdir()
    own = replace(settings, cache_dir=tmp_path / "cache", data_dir=tmp_path / "data", config_dir=tmp_path / "config",
                  seen_before=True)
    engine = WorkerEngine(own, wait=True, target=seen_child)
    try:
        url = "https://news.example/a"
        first = engine.analyze(url, seed_html)
        assert first["cited"][0]["seen_before"] == {"count": 3, "by_outlet": []}  # (the analysis process's answer)
        kept = engine.cache.get(cache_key(url, seed_html, engine.pipeline_version, False))
        assert kept is not None and kept["cited"][0]["seen_before"] is None
        again = engine.analyze(url, seed_html)
        assert again["cached"] is True and again["cited"][0]["seen_before"] != {"count": 3, "by_outlet": []}
    finally:
        engine.close()
