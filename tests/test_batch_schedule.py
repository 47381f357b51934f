"""How backstory batch groups pages for its workers: full batches, and small ones at the end so that the
workers finish together (a worker otherwise idles through the other's whole last batch)."""

from __future__ import annotations

from backstory.batch import store
from backstory.batch.inputs import Item
from backstory.batch.run import Options, Summary, Writer, batches, tail_size


def _items(n: int) -> list[Item]:
    return [Item("jsonl", "in.jsonl", f"line {i + 1}", f"https://news.example.com/{i}", f"<p>page {i}</p>")
            for i in range(n)]


def _batches(tmp_path, n: int, *, batch_size: int, workers: int) -> list[list[str]]:
    writer = Writer(Options(inputs=[], output=tmp_path / "r.jsonl"), Summary(), None)
    try:
        return [[p.item.key for p in b]
                for b in batches(_items(n), done=store.Done(), writer=writer, batch_size=batch_size, workers=workers)]
    finally:
        writer.close()


def test_the_last_pages_go_out_in_quarter_batches_with_several_workers(tmp_path):
    got = _batches(tmp_path, 150, batch_size=16, workers=2)
    # 9 full batches and 6 pages: 2 full batches are held back until the end, then go out 4 pages at a time
    assert [len(b) for b in got] == [16] * 7 + [4] * 9 + [2]
    assert [key for b in got for key in b] == [f"line {i + 1}" for i in range(150)]  # each page once, in order
    assert tail_size(16) == 4 and tail_size(3) == 1 and tail_size(1) == 1


def test_one_worker_keeps_whole_batches(tmp_path):
    got = _batches(tmp_path, 150, batch_size=16, workers=1)
    assert [len(b) for b in got] == [16] * 9 + [6]
    assert [key for b in got for key in b] == [f"line {i + 1}" for i in range(150)]


def test_a_short_run_with_several_workers_is_shared_out(tmp_path):
    got = _batches(tmp_path, 20, batch_size=16, workers=2)
    assert [len(b) for b in got] == [4] * 5  # not one batch of 16 and one of 4
