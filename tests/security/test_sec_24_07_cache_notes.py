"""Issue 24 item 7 — the cache follows the reader's notes: a new note is shown, a deleted note is never served
again, and the deleted note's text is gone from the cache's files (read byte by byte, compressed values
inflated), not merely unreachable."""

import dataclasses
import time
import zlib
from pathlib import Path

import pytest

from backstory.kb.user import UserStore
from conftest import SEED_URL

SECRET = "Zebra-7 my private remark on this outlet"
# A short article: its compressed answer (~1.5 KB) fits in one SQLite page, so it lies in the file in one
# piece and the inflating reader below can find the note's text in it (a longer answer is spread over
# overflow pages with their pointers between the pieces; secure_delete zeroes those too).
SMALL_URL = "https://www.globalresearch.ca/a-short-piece/1"
SMALL_PAGE = ("<html><head><title>A short piece</title></head><body><article><h1>A short piece</h1>"
              + "".join(f"<p>The council met on Tuesday to discuss item {i} of the budget, and residents were asked "
                        "to comment on it before the vote next week.</p>" for i in range(8))
              + "</article></body></html>")


def readable_texts(folder: Path) -> bytes:
    """Every byte of every file in the cache folder, plus every zlib stream found in them inflated (the
    cache stores answers zlib-compressed, so a note's text is not visible in the raw bytes)."""
    out = []
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        out.append(data)
        start = data.find(b"\x78")
        while start != -1:
            try:
                out.append(zlib.decompressobj().decompress(data[start:start + 4_000_000]))
            except zlib.error:
                pass
            start = data.find(b"\x78", start + 1)
    return b"\n".join(out)


def outlet_notes(doc):
    return [n["text"] for n in doc["user_notes"]]  # (the notes on the page's outlet)


@pytest.fixture()
def own_settings(settings, tmp_path):
    return dataclasses.replace(settings, cache_dir=tmp_path / "cache", data_dir=tmp_path / "data")


def test_in_process_engine_follows_notes_and_forgets_deleted_text(own_settings):
    """`backstory check`'s engine: answers follow the notes, and a deleted note leaves the files."""
    from backstory.pipeline import Engine

    engine = Engine(own_settings)
    try:
        store = UserStore(own_settings.data_dir)
        note = store.add_note("outlet:globalresearch.ca", SECRET)
        doc = engine.analyze(SMALL_URL, SMALL_PAGE)
        assert outlet_notes(doc) == [SECRET] and engine.analyze(SMALL_URL, SMALL_PAGE)["cached"]
        assert SECRET.encode() in readable_texts(own_settings.cache_dir)  # (the check can see it)
        store.remove_note(note["id"])
        doc = engine.analyze(SMALL_URL, SMALL_PAGE)
        assert outlet_notes(doc) == [] and not doc["cached"]
        assert SECRET.encode() not in readable_texts(own_settings.cache_dir)
    finally:
        engine.close()


@pytest.fixture()
def worker(own_settings):
    from backstory.worker import WorkerEngine

    engine = WorkerEngine(own_settings)
    yield engine
    engine.close()


def test_server_cache_follows_notes(worker, own_settings, seed_html):
    """The server's engine: before, a cache hit was keyed with the version the child last reported, so a
    new note was missing and a deleted one still served until some other page was analysed."""
    first = worker.analyze(SEED_URL, seed_html)
    assert outlet_notes(first) == []
    store = UserStore(own_settings.data_dir)
    note = store.add_note("outlet:globalresearch.ca", SECRET)
    added = worker.analyze(SEED_URL, seed_html)
    assert outlet_notes(added) == [SECRET] and added["pipeline_version"] != first["pipeline_version"]
    assert worker.pipeline_version == added["pipeline_version"]
    assert worker.analyze(SEED_URL, seed_html)["cached"]
    store.remove_note(note["id"])
    removed = worker.analyze(SEED_URL, seed_html)
    assert outlet_notes(removed) == [] and not removed["cached"]


def test_server_purges_a_deleted_note_without_another_request(worker, own_settings):
    """`backstory note remove` while the sidecar runs: the text leaves the cache's files within seconds,
    without waiting for the next analysis."""
    store = UserStore(own_settings.data_dir)
    note = store.add_note("outlet:globalresearch.ca", SECRET)
    assert outlet_notes(worker.analyze(SMALL_URL, SMALL_PAGE)) == [SECRET]
    assert SECRET.encode() in readable_texts(own_settings.cache_dir)
    store.remove_note(note["id"])
    deadline = time.monotonic() + 30  # a hang guard: the watcher looks every 2 s
    while SECRET.encode() in readable_texts(own_settings.cache_dir):
        assert time.monotonic() < deadline, "the deleted note's text is still in the cache's files"
        time.sleep(0.5)

