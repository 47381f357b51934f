"""The results and errors files: whole lines, a torn last line cut off, ids read without parsing the cards."""

from __future__ import annotations

import json

import pytest

from backstory.batch import store
from backstory.errors import BackstoryError

ID1, ID2, ID3 = "a" * 32, "b" * 32, "c" * 32


def _line(pid, kind="jsonl", key="line 1", **more):
    return store.dumps({"id": pid, "input": {"kind": kind, "source": "in.jsonl", "key": key}, **more})


def test_torn_last_line_is_cut_off(tmp_path):
    path = tmp_path / "r.jsonl"
    whole = _line(ID1, pipeline_version="abc") + _line(ID2)
    path.write_bytes(whole + _line(ID3)[:25])  # killed while writing the third
    assert store.repair_tail(path) == 25
    assert path.read_bytes() == whole
    assert store.repair_tail(path) == 0


def test_last_line_that_is_not_json_is_cut_off(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_bytes(_line(ID1) + b'{"id":"x", broken\n')
    store.repair_tail(path)
    assert path.read_bytes() == _line(ID1)


def test_a_single_torn_line_leaves_an_empty_file(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_bytes(_line(ID1)[:-5])
    store.repair_tail(path)
    assert path.read_bytes() == b""


def test_long_lines_repaired_across_read_steps(tmp_path):
    path = tmp_path / "r.jsonl"
    big = _line(ID1, text="x" * (3 * store._TAIL_STEP))
    path.write_bytes(big + _line(ID2, text="y" * (2 * store._TAIL_STEP))[:-10])
    store.repair_tail(path)
    assert path.read_bytes() == big


def test_head_reads_id_and_input_only():
    line = _line(ID1, kind="urls", key="https://a.example/1") [:-1] + b"\n"
    assert store.head(line) == (ID1, {"kind": "urls", "source": "in.jsonl", "key": "https://a.example/1"})
    # a line written in another order is read whole
    other = json.dumps({"input": {"kind": "warc", "key": "offset 7"}, "id": ID2}).encode()
    assert store.head(other) == (ID2, {"kind": "warc", "key": "offset 7"})


def test_scan_collects_ids_urls_and_versions(tmp_path):
    results, errors = tmp_path / "r.jsonl", tmp_path / "r.errors.jsonl"
    results.write_bytes(_line(ID1, pipeline_version="v1") + _line(ID2, kind="urls", key="https://a.example/2",
                                                                 pipeline_version="v1"))
    errors.write_bytes(_line(None, kind="urls", key="https://a.example/3") + _line(ID3))
    done = store.Done()
    store.scan(results, done, errors=False)
    store.scan(errors, done, errors=True)
    assert done.has(ID1) and done.has(ID2) and done.has(ID3) and not done.has("d" * 32)
    assert done.urls == {"https://a.example/2", "https://a.example/3"}
    assert (done.results, done.errors, dict(done.versions)) == (2, 2, {"v1": 2})


def test_scan_refuses_a_file_that_is_not_ours(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_bytes(_line(ID1) + b"hello\n" + _line(ID2))
    with pytest.raises(BackstoryError, match="line 2: not a line of a backstory batch file"):
        store.scan(path, store.Done(), errors=False)
    # an input file given as the output by mistake: JSON lines, but no page id
    path.write_bytes(b'{"url": "https://a.example/", "html": "<p>x</p>"}\n')
    with pytest.raises(BackstoryError, match="line 1: not a line of a backstory batch file"):
        store.scan(path, store.Done(), errors=False)
    store.scan(path.with_name("none.jsonl"), store.Done(), errors=False)  # no file yet: nothing done


def test_log_appends_whole_lines_and_repairs_on_open(tmp_path):
    path = tmp_path / "out" / "r.jsonl"
    log = store.Log(path)
    log.append({"id": ID1, "input": {}, "text": "é\u2028"})
    log.close()
    with path.open("ab") as fh:
        fh.write(b'{"id":"' + ID2.encode())  # torn
    log = store.Log(path)
    log.append({"id": ID3, "input": {}})
    log.close()
    assert [r["id"] for r in store.records(path)] == [ID1, ID3]
