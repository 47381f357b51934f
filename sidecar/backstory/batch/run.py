"""One run of ``backstory batch``: inputs streamed in batches to engine processes (local, or on Dask), each
page's outcome written as soon as it is known, progress on the terminal, a summary at the end.

    inputs ─> (--fetch: polite fetcher) ─> skip what is done ─> batches of ``batch_size`` pages
        ─> LocalPool (N EngineProcess, one thread each)  or  DaskPool (partitions on the cluster's workers)
        ─> results.jsonl / errors.jsonl (store.Log)  +  tqdm

Memory stays bounded: at most ``3 × workers`` batches are held (two in flight, one held back for the end), a page is dropped once written, and
what is kept per page is the 16 bytes of its id (to skip it on resume and to drop duplicates).
"""

from __future__ import annotations

import logging
import queue
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Protocol

from ..errors import InputError
from ..settings import Settings
from . import DEFAULT_BATCH_SIZE
from . import inputs as inputs_mod
from . import store
from .inputs import Entry, Item, NotAPage, Unreadable, content_sha256, page_id
from .supervise import EngineProcess, Outcome

log = logging.getLogger(__name__)



@dataclass
class Options:
    """What ``backstory batch`` was asked to do."""

    inputs: list[Path]
    output: Path
    errors: Path | None = None  # default: beside the output, ``<name>.errors.jsonl``
    workers: int = 1
    batch_size: int = DEFAULT_BATCH_SIZE
    dask: str | None = None  # "local" or a scheduler's address
    fetch: bool = False
    allow_private: bool = False
    robots: bool = True
    retry_errors: bool = False
    include_text: bool = False
    progress: bool = True
    child_command: list[str] | None = None  # tests: a child with planted faults

    def errors_path(self) -> Path:
        if self.errors is not None:
            return self.errors
        name = self.output.name
        stem = name[: -len(".jsonl")] if name.endswith(".jsonl") else name
        return self.output.with_name(stem + ".errors.jsonl")


@dataclass
class Page:
    """A page on its way to an engine."""

    item: Item
    id: str
    sha256: str


@dataclass
class Summary:
    """What a run did (printed at the end, returned to tests and the benchmark)."""

    analysed: int = 0
    articles: int = 0
    errors: int = 0
    errors_by_code: Counter = field(default_factory=Counter)
    done_before: int = 0
    duplicates: int = 0
    not_pages: int = 0
    elapsed_s: float = 0.0
    versions: Counter = field(default_factory=Counter)
    peak_rss_kb: list[int] = field(default_factory=list)
    restarts: int = 0
    interrupted: bool = False
    output: Path | None = None
    errors_file: Path | None = None

    def lines(self) -> list[str]:
        rate = self.analysed / self.elapsed_s if self.elapsed_s > 0 else 0.0
        out = [f"analysed {self.analysed:,} pages in {self.elapsed_s:,.1f} s ({rate:.2f} pages/s): "
               f"{self.articles:,} articles, {self.analysed - self.articles:,} not articles; results in {self.output}"]
        if self.errors:
            codes = ", ".join(f"{code} {n:,}" for code, n in self.errors_by_code.most_common())
            out.append(f"{self.errors:,} errors ({codes}): written to {self.errors_file}")
        else:
            out.append("no errors")
        if self.done_before:
            out.append(f"{self.done_before:,} inputs skipped: done by an earlier run")
        if self.duplicates:
            out.append(f"{self.duplicates:,} inputs skipped: the same URL and content as another input")
        if self.not_pages:
            out.append(f"{self.not_pages:,} WARC records skipped: not an HTML page with status 200")
        if self.restarts:
            out.append(f"{self.restarts:,} times an analysis process was stopped (time budget) or died, and was replaced")
        if self.interrupted:
            out.append("interrupted: what is written is kept; run the same command again to go on")
        if len(self.versions) > 1:
            out.append("warning: the results file mixes pipeline versions "
                       + ", ".join(f"{v} ({n:,} pages)" for v, n in self.versions.most_common())
                       + ": pages analysed by different code or models")
        return out


class Pool(Protocol):
    """Where batches are analysed: :class:`LocalPool` or dask_pool.DaskPool."""

    slots: int  # batches analysed at once (engines)

    def map(self, batches: Iterable[list[Page]]) -> Iterator[tuple[list[Page], list[Outcome]]]: ...
    def stats(self) -> tuple[list[int], int]: ...
    def close(self) -> None: ...


def analysis_overrides(settings: Settings) -> dict[str, Any]:
    """The settings that change an answer, for engines that resolve the rest themselves (Dask workers)."""
    return {name: getattr(settings, name) for name in ("model", "max_body_bytes", "max_text_chars", "max_tokens", "time_budget_s")}


class LocalPool:
    """N engine processes on this machine, each fed by its own thread."""

    def __init__(self, settings: Settings, workers: int, *, include_text: bool, command: list[str] | None = None) -> None:
        # each engine starts (loads the model) when its first batch comes: a rerun with nothing left to do starts none
        self.engines = [EngineProcess(settings, include_text=include_text, budget_s=settings.time_budget_s,
                                      name=f"engine {n + 1}", command=command) for n in range(workers)]
        self.slots = len(self.engines)

    def map(self, batches: Iterable[list[Page]]) -> Iterator[tuple[list[Page], list[Outcome]]]:
        todo: queue.Queue = queue.Queue(maxsize=len(self.engines))
        done: queue.Queue = queue.Queue()
        stop = threading.Event()
        _END = object()

        def feed() -> None:
            try:
                for batch in batches:
                    while not stop.is_set():
                        try:
                            todo.put(batch, timeout=0.2)
                            break
                        except queue.Full:
                            continue
                    if stop.is_set():
                        return
            except BaseException as exc:  # noqa: BLE001 - an input that cannot be read at all stops the run
                done.put(exc)
            finally:
                for _ in self.engines:
                    todo.put(_END)

        def drive(engine: EngineProcess) -> None:
            try:
                while True:
                    batch = todo.get()
                    if batch is _END or stop.is_set():
                        return
                    done.put((batch, engine.run([(p.item.url, p.item.html or "") for p in batch])))
            except BaseException as exc:  # noqa: BLE001 - passed to the main thread
                done.put(exc)
            finally:
                done.put(_END)

        threads = [threading.Thread(target=feed, daemon=True, name="backstory-batch-feed")]
        threads += [threading.Thread(target=drive, args=(e,), daemon=True, name=e.name) for e in self.engines]
        for t in threads:
            t.start()
        ended = 0
        try:
            while ended < len(self.engines):
                got = done.get()
                if got is _END:
                    ended += 1
                elif isinstance(got, BaseException):
                    raise got
                else:
                    yield got
        finally:
            stop.set()
            while True:  # unblock the feeder if it waits on a full queue
                try:
                    todo.get_nowait()
                except queue.Empty:
                    break

    def warm(self, pages: list[tuple[str, str]] | None = None) -> None:
        """Start every engine now, side by side, and have each analyse ``pages`` (answers dropped): the benchmark times
        the analysis without the model's loading and the first calls' one-time costs."""
        failed: list[BaseException] = []

        def start(engine: EngineProcess) -> None:
            try:
                engine.start()
                if pages:
                    engine.run(pages)
            except BaseException as exc:  # noqa: BLE001 - raised below, in the caller's thread
                failed.append(exc)

        threads = [threading.Thread(target=start, args=(e,), daemon=True) for e in self.engines]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if failed:
            raise failed[0]

    def stats(self) -> tuple[list[int], int]:
        return [e.peak_rss_kb for e in self.engines], sum(e.restarts for e in self.engines)

    def close(self) -> None:
        for e in self.engines:
            e.close()


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Writer:
    """Writes outcomes to the two files and keeps the counts (one thread: the run's)."""

    def __init__(self, options: Options, summary: Summary, progress: Any) -> None:
        self.results = store.Log(options.output)
        self.errors = store.Log(options.errors_path())
        self.summary = summary
        self.progress = progress
        self._lock = threading.Lock()  # the feeding thread writes unreadable inputs, the run's thread outcomes

    def error(self, page_id: str | None, where: dict[str, str], url: str | None, code: str, message: str,
              detail: str | None = None) -> None:
        record: dict[str, Any] = {"id": page_id, "input": where, "url": url, "error": {"code": code, "message": message}}
        if detail:
            record["detail"] = detail
        record["at"] = _now()
        with self._lock:
            self.errors.append(record)
            self.summary.errors += 1
            self.summary.errors_by_code[code] += 1
            self._tick()

    def outcome(self, page: Page, outcome: Outcome) -> None:
        if outcome[0] == "ok":
            doc = dict(outcome[1])
            doc.pop("cached", None)
            with self._lock:
                self.results.append({"id": page.id, "input": page.item.where, "content_sha256": page.sha256, **doc})
                self.summary.analysed += 1
                self.summary.articles += bool(doc.get("article", {}).get("is_article"))
                self.summary.versions[doc.get("pipeline_version")] += 1
                self._tick()
        else:
            _, code, message, detail = outcome
            self.error(page.id, page.item.where, page.item.url, code, message, detail)

    def skipped(self, *, duplicate: bool = False) -> None:
        with self._lock:
            if duplicate:
                self.summary.duplicates += 1
            else:
                self.summary.done_before += 1
            self._tick()

    def not_a_page(self) -> None:
        with self._lock:
            self.summary.not_pages += 1

    def _tick(self) -> None:
        if self.progress is not None:
            s = self.summary
            self.progress.set_postfix_str(f"errors={s.errors} skipped={s.done_before + s.duplicates}", refresh=False)
            self.progress.update(1)

    def close(self) -> None:
        self.results.close()
        self.errors.close()


def _entries(options: Options, settings: Settings) -> Iterator[Entry]:
    for path in options.inputs:
        yield from inputs_mod.read(path, max_bytes=settings.max_body_bytes, fetch=options.fetch)


def tail_size(batch_size: int) -> int:
    """Pages per batch at the end of a run with several workers: a quarter of a batch (see :func:`batches`)."""
    return max(1, -(-batch_size // 4))


def batches(entries: Iterable[Entry], *, done: store.Done, writer: Writer, batch_size: int,
            workers: int = 1) -> Iterator[list[Page]]:
    """Pages not done yet, in batches; what is not a page to analyse is written or counted on the way.

    With several workers the last pages go out in small batches (:func:`tail_size`), so that the workers finish
    together: ``workers`` full batches are held back until more pages follow them, and when the inputs end, the
    held-back pages are sent a quarter batch at a time, taken by whichever worker is free. With batches of 16,
    a worker otherwise sat idle for up to a whole batch (~3 s on AEB pages) while the other finished its last
    one. How pages are grouped changes no result: ``nlp.pipe`` parses each text alone, whatever the batch."""
    scheduled: set[bytes] = set()
    batch: list[Page] = []
    held: deque[list[Page]] = deque()
    for entry in entries:
        if isinstance(entry, NotAPage):
            writer.not_a_page()
            continue
        if isinstance(entry, Unreadable):
            if (entry.kind == "urls" and entry.key in done.urls) or (entry.source, entry.key) in done.places:
                writer.skipped()
                continue
            writer.error(None, entry.where, entry.url, entry.code, entry.message)
            continue
        if entry.html is None:
            continue  # a URL without --fetch never gets here (inputs.read refuses the list)
        sha = content_sha256(entry.html)
        pid = page_id(entry.url, entry.html)
        key = bytes.fromhex(pid)
        if key in done.ids:
            writer.skipped()
            continue
        if key in scheduled:
            writer.skipped(duplicate=True)
            continue
        scheduled.add(key)
        batch.append(Page(entry, pid, sha))
        if len(batch) >= batch_size:
            if workers <= 1:
                yield batch
            else:
                held.append(batch)
                if len(held) > workers:
                    yield held.popleft()
            batch = []
    rest = [page for b in held for page in b] + batch
    step = tail_size(batch_size) if workers > 1 else batch_size
    for start in range(0, len(rest), step):
        yield rest[start:start + step]


def _fetch_filter(entries: Iterable[Entry], done: store.Done, writer: Writer) -> Iterator[Entry]:
    """URLs answered by an earlier run are not fetched again."""
    for entry in entries:
        if isinstance(entry, Item) and entry.html is None and entry.key in done.urls:
            writer.skipped()
            continue
        yield entry


def _total(options: Options) -> int | None:
    counts = [inputs_mod.count(p) for p in options.inputs]
    return None if any(c is None for c in counts) else sum(counts)  # type: ignore[arg-type]


def run(options: Options, settings: Settings, *, pool_factory: Callable[[], Pool] | None = None) -> Summary:
    """Run the batch; the summary of what it did."""
    for path in options.inputs:  # every input checked before any work: a typo fails at once
        inputs_mod.check(path, fetch=options.fetch)
        if path.resolve() in (options.output.resolve(), options.errors_path().resolve()):
            raise InputError(f"{path} is both an input and where results or errors are written: give another -o")
    done = store.Done()
    for path in (options.output,):
        store.repair_tail(path)
        store.scan(path, done, errors=False)
    errors_path = options.errors_path()
    store.repair_tail(errors_path)
    if not options.retry_errors:
        store.scan(errors_path, done, errors=True)
    summary = Summary(output=options.output, errors_file=errors_path)
    summary.versions.update(done.versions)
    progress = None
    if options.progress:
        from tqdm import tqdm

        progress = tqdm(total=_total(options), unit="page", dynamic_ncols=True, mininterval=0.5, file=sys.stderr,
                        desc="backstory batch")
    start = time.monotonic()
    pool: Pool | None = None
    writer = Writer(options, summary, progress)
    try:
        pool = pool_factory() if pool_factory else _pool(options, settings)
        entries: Iterable[Entry] = _entries(options, settings)
        if options.fetch:
            from .fetching import fetched

            entries = fetched(_fetch_filter(entries, done, writer), delay_s=settings.fetch_delay_s,
                              timeout_s=settings.fetch_timeout_s, max_bytes=settings.fetch_max_bytes,
                              allow_private=options.allow_private, robots=options.robots)
        for batch, outcomes in pool.map(batches(entries, done=done, writer=writer, batch_size=options.batch_size,
                                                         workers=getattr(pool, "slots", options.workers))):
            for page, outcome in zip(batch, outcomes):
                writer.outcome(page, outcome)
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        writer.close()
        if progress is not None:
            progress.close()
        if pool is not None:
            summary.peak_rss_kb, summary.restarts = pool.stats()
            pool.close()
        summary.elapsed_s = time.monotonic() - start
    return summary


def _pool(options: Options, settings: Settings) -> Pool:
    if options.dask:
        from .dask_pool import DaskPool

        return DaskPool(options.dask, settings, workers=options.workers, include_text=options.include_text)
    return LocalPool(settings, options.workers, include_text=options.include_text, command=options.child_command)
