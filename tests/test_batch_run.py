"""backstory batch end to end: every input kind, errors never lost, resume after kill -9, Dask equal to local."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from backstory.batch import store
from backstory.batch.inputs import page_id
from backstory.batch.run import Options, run

from batch_support import FAULT_CHILD, story, story_servers, write_warc
from conftest import FIXTURES

pytestmark = pytest.mark.slow
BACKSTORY = Path(sys.executable).with_name("backstory")


def _jsonl(path: Path, pages: list[tuple[str, str]], extra: list[str] = ()) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for url, html in pages:
            fh.write(json.dumps({"url": url, "html": html}) + "\n")
        for line in extra:
            fh.write(line + "\n")
    return path


def _without_timings(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k != "timings_ms"}


def _by_id(path: Path) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for rec in store.records(path):
        assert rec["id"] not in out, f"{rec['id']} twice in {path.name}"
        out[rec["id"]] = rec
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict:
    """Inputs of every kind, with a duplicate, a WARC record that is no page, and three inputs that must fail."""
    base = tmp_path_factory.mktemp("batch-inputs")
    folder = base / "saved"
    folder.mkdir()
    for name in ("aljazeera-afghanistan-helicopter.html", "bbc-taylor-swift-big-machine.html"):
        shutil.copy(FIXTURES / "pages" / name, folder / name)
    write_warc(base / "crawl.warc.gz", [("response", *story(1)[:1], 200, "text/html; charset=utf-8", story(1)[1].encode()),
                                        ("response", "https://news.example.com/logo.png", 200, "image/png", b"\x89PNG"),
                                        ("response", *story(2)[:1], 200, "text/html", story(2)[1].encode())])
    jsonl = _jsonl(base / "pages.jsonl", [story(3), story(1), ("ftp://news.example.com/x", story(4)[1])], ["{oops"])
    return {"inputs": [folder, base / "crawl.warc.gz", jsonl],
            "pages": [(p.name, None) for p in sorted(folder.iterdir())] + [story(1), story(2), story(3)]}


@pytest.fixture(scope="module")
def local_run(corpus, settings, tmp_path_factory):
    out = tmp_path_factory.mktemp("batch-local") / "results.jsonl"
    summary = run(Options(inputs=corpus["inputs"], output=out, workers=1, batch_size=3, progress=False), settings)
    return summary, out


def test_every_input_kind_gives_the_cards_of_check(local_run, engine):
    summary, out = local_run
    results = _by_id(out)
    kinds = sorted(r["input"]["kind"] for r in results.values())
    assert kinds == ["folder", "folder", "jsonl", "warc", "warc"]
    for rec in results.values():
        assert rec["id"] == page_id(rec["article"]["url"], _html_of(rec)), rec["input"]
        expected = engine.analyze(rec["article"]["url"], _html_of(rec), use_cache=False)
        expected.pop("cached")
        got = {k: v for k, v in rec.items() if k not in ("id", "input", "content_sha256")}
        assert _without_timings(got) == _without_timings(expected), rec["input"]
    assert (summary.analysed, summary.articles, summary.duplicates, summary.not_pages) == (5, 5, 1, 1)


def _html_of(rec: dict) -> str:
    where = rec["input"]
    if where["kind"] == "folder":
        return (Path(where["source"]) / where["key"]).read_text(encoding="utf-8")
    n = int(rec["article"]["url"].rsplit("/", 1)[1])
    return story(n)[1]


def test_errors_are_counted_and_written(local_run):
    summary, out = local_run
    errors = list(store.records(out.with_name("results.errors.jsonl")))
    assert sorted((e["input"]["kind"], e["input"]["key"], e["error"]["code"]) for e in errors) == [
        ("jsonl", "line 3", "bad_request"), ("jsonl", "line 4", "bad_request")]
    [bad_url] = [e for e in errors if e["input"]["key"] == "line 3"]
    assert bad_url["url"] == "ftp://news.example.com/x" and "absolute http(s) URL" in bad_url["error"]["message"]
    assert bad_url["id"] == page_id("ftp://news.example.com/x", story(4)[1])
    assert summary.errors == 2 and dict(summary.errors_by_code) == {"bad_request": 2}
    # every input is accounted for: 2 saved pages, 3 WARC records, 4 JSONL lines
    assert summary.analysed + summary.errors + summary.duplicates + summary.not_pages == 9
    assert any("2 errors (bad_request 2)" in line for line in summary.lines())


def test_rerun_skips_what_is_done(local_run, corpus, settings, tmp_path):
    _, out = local_run
    copy = tmp_path / "results.jsonl"
    shutil.copy(out, copy)
    shutil.copy(out.with_name("results.errors.jsonl"), tmp_path / "results.errors.jsonl")
    before = copy.read_bytes()

    class Idle:
        def map(self, batches):
            for batch in batches:
                raise AssertionError(f"{len(batch)} pages sent again")
            return iter(())

        def stats(self):
            return [], 0

        def close(self):
            pass

    summary = run(Options(inputs=corpus["inputs"], output=copy, progress=False), settings, pool_factory=Idle)
    # 5 pages, the duplicate of one of them, 2 errors
    assert (summary.analysed, summary.errors, summary.done_before) == (0, 0, 8)
    assert copy.read_bytes() == before


class FakePool:
    """Answers every page with a minimal cards document (no engine), noting which pages it was sent."""

    def __init__(self):
        self.sent = []

    def map(self, batches):
        for batch in batches:
            self.sent += [p.item.url for p in batch]
            yield batch, [("ok", {"version": "1", "pipeline_version": "fake", "article": {"url": p.item.url, "is_article": True},
                                  "outlet": {}}) for p in batch]

    def stats(self):
        return [], 0

    def close(self):
        pass


def test_retry_errors_sends_only_the_failed_pages_again(settings, tmp_path):
    pages = [story(n) for n in range(4)]
    inp = _jsonl(tmp_path / "in.jsonl", pages)
    out = tmp_path / "r.jsonl"
    store.Log(out).close()
    errors = store.Log(tmp_path / "r.errors.jsonl")
    errors.append({"id": page_id(*pages[2]), "input": {"kind": "jsonl", "source": str(inp), "key": "line 3"},
                   "url": pages[2][0], "error": {"code": "timeout", "message": "…"}})
    errors.close()
    first = FakePool()
    run(Options(inputs=[inp], output=out, progress=False), settings, pool_factory=lambda: first)
    assert first.sent == [pages[0][0], pages[1][0], pages[3][0]]  # the page that failed is not tried again
    retry = FakePool()
    summary = run(Options(inputs=[inp], output=out, progress=False, retry_errors=True), settings, pool_factory=lambda: retry)
    assert retry.sent == [pages[2][0]] and (summary.analysed, summary.done_before) == (1, 3)
    assert sorted(r["id"] for r in store.records(out)) == sorted(page_id(u, h) for u, h in pages)


def test_a_hanging_or_crashing_page_fails_alone(settings, tmp_path, monkeypatch):
    """The server's time budget per page: a page that hangs is stopped, its process replaced, the run goes on."""
    from backstory.batch import supervise

    monkeypatch.setattr(supervise, "GRACE_S", 0.5)
    pages = [story(1), story(2, "HANG-IN-EXTRACT"), story(3), story(4, "HANG-IN-PARSE"), story(5, "CRASH-IN-EXTRACT"),
             story(6, "HANG-IN-PEOPLE"), story(7)]
    out = tmp_path / "r.jsonl"
    summary = run(Options(inputs=[_jsonl(tmp_path / "in.jsonl", pages)], output=out, batch_size=3, progress=False,
                          child_command=FAULT_CHILD), replace(settings, time_budget_s=6.0))
    ok = sorted(int(r["article"]["url"].rsplit("/", 1)[1]) for r in store.records(out))
    assert ok == [1, 3, 7]
    errors = {int(e["url"].rsplit("/", 1)[1]): e["error"] for e in store.records(tmp_path / "r.errors.jsonl")}
    assert {n: e["code"] for n, e in errors.items()} == {2: "timeout", 4: "timeout", 5: "crash", 6: "timeout"}
    assert "6 s budget" in errors[2]["message"] and "extract" in errors[2]["message"]
    assert "parsing" in errors[4]["message"] and "people stage" in errors[6]["message"]
    assert "exit code 70" in errors[5]["message"]
    assert summary.restarts >= 4 and summary.errors == 4


def test_an_engine_process_is_replaced_after_its_pages(settings):
    from backstory.batch.supervise import EngineProcess

    engine = EngineProcess(settings, budget_s=settings.time_budget_s, recycle_after=2)
    try:
        first = engine.run([story(1), story(2)])
        pid = engine.info["pid"]
        second = engine.run([story(3)])
        assert engine.info["pid"] != pid and engine.restarts == 0  # replaced on schedule, not after a failure
    finally:
        engine.close()
    assert [o[0] for o in first + second] == ["ok", "ok", "ok"]
    assert [o[1]["article"]["title"] for o in second] == ["Council 3 approves budget"]


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BACKSTORY_")}
    env.update({f"BACKSTORY_{d.upper()}": str(tmp_path / d) for d in ("config_dir", "data_dir", "cache_dir")})
    return env


def _lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def _default_sigint() -> None:
    # a job started in the background by a non-interactive shell (make test under nohup, some CI runners)
    # inherits SIGINT ignored, and Python then keeps it ignored: give the command a terminal's Ctrl-C back
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start_and_wait(cmd: list[str], env: dict[str, str], out: Path, lines: int) -> subprocess.Popen:
    proc = subprocess.Popen(cmd, env=env, start_new_session=True, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_default_sigint)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and _lines(out) < lines:
        assert proc.poll() is None, proc.stderr.read()
        time.sleep(0.05)
    return proc


def test_resume_after_ctrl_c_sigterm_and_kill_9_gives_each_input_once(tmp_path):
    pages = [story(n) for n in range(16)]
    inp = _jsonl(tmp_path / "in.jsonl", pages)
    out = tmp_path / "r.jsonl"
    cmd = [str(BACKSTORY), "batch", str(inp), "-o", str(out), "--workers", "1", "--batch-size", "1", "-q"]
    # Ctrl-C (SIGINT to the process group, as a terminal sends it): a clean stop that says how to go on
    proc = _start_and_wait(cmd, _env(tmp_path), out, 2)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130 and "interrupted: what is written is kept" in err
    # SIGTERM to the group (as a job scheduler sends it): the same clean stop, and no page is taken for a crash
    proc = _start_and_wait(cmd, _env(tmp_path), out, _lines(out) + 2)
    os.killpg(proc.pid, signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130 and "interrupted: what is written is kept" in err and "no errors" in err
    assert not (tmp_path / "r.errors.jsonl").read_bytes()
    # kill -9 of the run and its engine process, mid-work
    proc = _start_and_wait(cmd, _env(tmp_path), out, _lines(out) + 2)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stderr.close()
    first = _lines(out)
    assert 6 <= first < len(pages), "the run was not stopped mid-way"
    with out.open("ab") as fh:
        fh.write(b'{"id":"' + b"f" * 32 + b'","input":{"kind":"jsonl"')  # as if killed inside a write
    done = subprocess.run(cmd, env=_env(tmp_path), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert f"{first:,} inputs skipped: done by an earlier run" in done.stderr
    ids = [rec["id"] for rec in store.records(out)]
    assert sorted(ids) == sorted(page_id(u, h) for u, h in pages)  # each once: none lost, none twice


def test_fetch_end_to_end_and_resume(settings, tmp_path):
    with story_servers("127.0.0.1") as (srv,):
        host, port = srv.server_address[:2]
        urls = tmp_path / "urls.txt"
        urls.write_text(f"# sample\nhttp://{host}:{port}/story/1\nhttp://{host}:{port}/missing\n", encoding="utf-8")
        out = tmp_path / "r.jsonl"
        opts = Options(inputs=[urls], output=out, fetch=True, allow_private=True, progress=False)
        fast = replace(settings, fetch_delay_s=0.0)
        summary = run(opts, fast)
        [rec] = store.records(out)
        assert rec["input"] == {"kind": "urls", "source": str(urls), "key": f"http://{host}:{port}/story/1"}
        assert rec["cited"][0]["name"] == "John Carter"
        [err] = store.records(tmp_path / "r.errors.jsonl")
        assert err["error"]["code"] == "fetch" and err["url"].endswith("/missing")
        assert (summary.analysed, summary.errors) == (1, 1)
        requests = len(srv.log)
        again = run(opts, fast)
        assert (again.analysed, again.errors, again.done_before) == (0, 0, 2)
        assert len(srv.log) == requests  # nothing fetched again


def test_two_local_workers_equal_one(local_run, corpus, settings, tmp_path):
    _, one_out = local_run
    out = tmp_path / "results.jsonl"
    summary = run(Options(inputs=corpus["inputs"], output=out, workers=2, batch_size=3, progress=False), settings)
    one, two = _by_id(one_out), _by_id(out)
    assert sorted(two) == sorted(one)
    assert all(_without_timings(rec) == _without_timings(one[pid]) for pid, rec in two.items())
    assert len(summary.peak_rss_kb) == 2 and all(kb > 0 for kb in summary.peak_rss_kb)  # both engines worked


@pytest.mark.parametrize("processes", [False, True], ids=["thread-workers", "worker-processes"])
def test_dask_local_cluster_equals_local_run(local_run, corpus, settings, tmp_path, processes):
    """``--dask local`` (workers as threads, each with its engine process) and a LocalCluster of worker processes
    (pages and results pickled between processes, as on a real cluster) both give the local run's results."""
    pytest.importorskip("distributed")
    _, local_out = local_run
    import dask

    from backstory.batch.dask_pool import QUIET_CONFIG, DaskPool

    out = tmp_path / "results.jsonl"
    pools = []

    def local_cluster():
        pools.append(DaskPool("local", settings, workers=2, processes=processes))
        info = pools[0].client.scheduler_info()
        assert len(info["workers"]) == 2
        # a LocalCluster listens on loopback only: the pages it is sent stay on this machine
        assert pools[0].cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        assert all(addr.startswith("tcp://127.0.0.1:") for addr in info["workers"])
        # Dask's profiler and monitors are quietened (in the worker processes too, when there are any)
        seen = pools[0].client.run(lambda: {k: dask.config.get(k) for k in QUIET_CONFIG})
        assert list(seen.values()) == [QUIET_CONFIG] * 2
        pools[0].warm([story(9)])  # (as the benchmark does: an engine per worker, started and warmed before the run)
        return pools[0]

    summary = run(Options(inputs=corpus["inputs"], output=out, workers=2, batch_size=3, dask="local", progress=False), settings,
                  pool_factory=local_cluster)
    local, remote = _by_id(local_out), _by_id(out)
    assert sorted(remote) == sorted(local)
    for pid, rec in remote.items():
        assert _without_timings(rec) == _without_timings(local[pid])
    strip = lambda e: {k: v for k, v in e.items() if k != "at"}  # noqa: E731
    assert sorted(map(json.dumps, map(strip, store.records(tmp_path / "results.errors.jsonl")))) == \
        sorted(map(json.dumps, map(strip, store.records(local_out.with_name("results.errors.jsonl")))))
    assert summary.analysed == 5 and len(summary.peak_rss_kb) >= 1


def test_output_that_is_an_input_is_refused(settings, tmp_path):
    from backstory.errors import InputError

    inp = _jsonl(tmp_path / "in.jsonl", [story(1)])
    with pytest.raises(InputError, match="both an input and where results or errors are written"):
        run(Options(inputs=[inp], output=inp, progress=False), settings, pool_factory=FakePool)
    assert inp.read_text(encoding="utf-8").count("\n") == 1


def test_cli_says_how_to_install_dask(monkeypatch, capsys, tmp_path):
    from backstory import cli

    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    code = cli.main(["batch", str(tmp_path), "-o", str(tmp_path / "r.jsonl"), "--dask", "local"])
    err = capsys.readouterr().err
    assert code == 1 and "pip install 'backstory[dask]'" in err
    assert not (tmp_path / "r.jsonl").exists()
