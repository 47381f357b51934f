"""``backstory batch --dask ADDRESS|local``: partitions of the inputs analysed on a Dask cluster.

The client (this process) reads the inputs and sends partitions of ``batch_size`` pages as Dask tasks; a
task runs on a worker in :func:`analyze_partition`, which keeps one :class:`EngineProcess` per worker
thread for the worker's whole life (the model is loaded once per engine, not per task) and gives back
each page's outcome. The pages go to the same code as a local run (EngineProcess.run), in the same
partitions, so the results are the same apart from timings.

At most two partitions per worker thread are in flight, so the client's memory stays bounded however
large the inputs. A task whose worker dies is retried by Dask on another worker; one Dask gives up on
becomes an error line for each of its pages (code ``worker_lost``), never a silent gap.

Dask is optional (``pip install 'backstory[dask]'``); nothing else imports this module.
"""

from __future__ import annotations

import atexit
import os
import queue
import threading
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import BackstoryError
from ..settings import Settings
from .run import Page, analysis_overrides
from .supervise import EngineProcess, Outcome

INSTALL_HINT = "pip install 'backstory[dask]'  (in a checkout: .venv/bin/pip install -e '.[dask]')"
IN_FLIGHT_PER_THREAD = 2
# Dask's own periodic work, which a LocalCluster does in the command's process (and in worker processes, when
# there are any) while the engines analyse: its statistical profiler samples every thread's stack every 10 ms,
# its event-loop health check runs every 20 ms, its system monitor (and GIL monitor) every 500 ms, a worker's
# memory check every 100 ms. On 2 cores that time is taken from the two engines: on 96 AEB pages with
# --dask local --workers 2, the Dask processes used 107 ms of CPU per page (engines: 257 ms per page) with
# Dask's defaults. None of it is needed to run our tasks; the dashboard (where the profile is shown) is off.
QUIET_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.admin.system-monitor.gil.enabled": False,
    "distributed.worker.memory.monitor-interval": "1s",
}

# the worker side: engines kept between tasks, one per thread using them
_ENGINES: queue.SimpleQueue[EngineProcess] = queue.SimpleQueue()
_ALL: list[EngineProcess] = []
_ALL_LOCK = threading.Lock()


def _close_engines(wait: bool = False) -> None:
    with _ALL_LOCK:
        for engine in _ALL:
            engine.close(wait=wait)  # (a worker's nanny gives it seconds to leave: there the engines leave on their own)
        _ALL.clear()
    while True:
        try:
            _ENGINES.get_nowait()
        except queue.Empty:
            break


atexit.register(_close_engines)


def analyze_partition(pages: list[tuple[str, str]], overrides: dict[str, Any], include_text: bool) -> dict[str, Any]:
    """Run on a Dask worker: the outcome of each page, with the engine's memory and restart counts."""
    try:
        engine = _ENGINES.get_nowait()
        if engine.spec != overrides or engine.include_text != include_text:
            engine.close()
            raise queue.Empty
    except queue.Empty:
        engine = EngineProcess(overrides, include_text=include_text, budget_s=float(overrides["time_budget_s"]),
                               name=f"dask engine {os.getpid()}")
        with _ALL_LOCK:
            _ALL.append(engine)
    try:
        outcomes = engine.run(pages)
    finally:
        _ENGINES.put(engine)
    return {"outcomes": outcomes, "peak_rss_kb": engine.peak_rss_kb, "restarts": engine.restarts,
            "engine": f"{os.uname().nodename}:{os.getpid()}:{id(engine)}"}


def warm_engine(overrides: dict[str, Any], include_text: bool, pages: list[tuple[str, str]] | None = None) -> dict[str, Any]:
    """Run on a Dask worker: start an engine (load the model), have it analyse ``pages`` (answers dropped), and keep
    it for the tasks that follow."""
    engine = EngineProcess(overrides, include_text=include_text, budget_s=float(overrides["time_budget_s"]),
                           name=f"dask engine {os.getpid()}")
    with _ALL_LOCK:
        _ALL.append(engine)
    try:
        engine.start()
        if pages:
            engine.run(pages)
    finally:
        _ENGINES.put(engine)
    return {"engine": f"{os.uname().nodename}:{os.getpid()}:{id(engine)}"}


def import_distributed() -> Any:
    """dask.distributed, or a BackstoryError saying how to install it."""
    try:
        import distributed
    except ImportError as exc:
        raise BackstoryError(f"--dask needs Dask, which is not installed: {INSTALL_HINT}", code="missing_extra") from exc
    return distributed


class DaskPool:
    """Partitions analysed on a Dask cluster: ``local`` starts a LocalCluster of ``workers`` workers.

    The LocalCluster's workers are threads of this process (``processes=False``; ``processes=True`` gives each
    its own process, as a remote cluster's workers are), talking over 127.0.0.1 only: the analysis happens in each
    worker thread's engine process anyway, so worker processes would only add their own Dask upkeep and a
    copy of every page and result between processes. On 96 AEB pages with --workers 2 (Dask's periodic work
    quietened as :data:`QUIET_CONFIG` says), the Dask side used 10 ms of CPU per page with thread workers and 20 ms
    with worker processes (engines: about 250 ms per page; load average 14)."""

    def __init__(self, address: str, settings: Settings, *, workers: int = 1, include_text: bool = False,
                 processes: bool = False) -> None:
        distributed = import_distributed()
        import dask

        self._distributed = distributed
        self.cluster = None
        self.cluster_in_process = address == "local" and not processes
        self._quiet: Any = None
        if address == "local":
            # one thread per worker: the work happens in the thread's engine process, one batch at a time
            # (kept for the pool's life: read as the scheduler and workers start, sent to worker processes)
            self._quiet = dask.config.set(QUIET_CONFIG)
            try:
                self.cluster = distributed.LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=processes,
                                                        protocol="tcp://", host="127.0.0.1", dashboard_address=None)
            except BaseException:
                self._quiet.__exit__(None, None, None)
                raise
            self.client = distributed.Client(self.cluster)
        else:
            try:
                self.client = distributed.Client(address, timeout="30s")
            except (OSError, TimeoutError) as exc:
                raise BackstoryError(f"cannot reach the Dask scheduler at {address}: {exc}", code="dask") from exc
        self.overrides = analysis_overrides(settings)
        self.include_text = include_text
        self.slots = max(1, sum(self.client.nthreads().values()))
        self._rss: dict[str, int] = {}
        self._restarts: dict[str, int] = {}

    def warm(self, pages: list[tuple[str, str]] | None = None) -> None:
        """Start an engine on every worker thread now and have it analyse ``pages`` (answers dropped): the benchmark
        times the analysis without the model's loading and the first calls' one-time costs."""
        futures = [self.client.submit(warm_engine, self.overrides, self.include_text, pages, workers=[address], pure=False,
                                      allow_other_workers=False)
                   for address, threads in self.client.nthreads().items() for _ in range(threads)]
        self.client.gather(futures)

    def map(self, batches: Iterable[list[Page]]) -> Iterator[tuple[list[Page], list[Outcome]]]:
        distributed = self._distributed
        threads = max(1, sum(self.client.nthreads().values()))
        limit = IN_FLIGHT_PER_THREAD * threads
        pending: dict[Any, list[Page]] = {}
        source = iter(batches)
        finished = distributed.as_completed()

        def submit_one() -> bool:
            batch = next(source, None)
            if batch is None:
                return False
            future = self.client.submit(analyze_partition, [(p.item.url, p.item.html or "") for p in batch],
                                        self.overrides, self.include_text, pure=False)
            pending[future] = batch
            finished.add(future)
            return True

        more = True
        while more and len(pending) < limit:
            more = submit_one()
        try:
            for future in finished:
                batch = pending.pop(future)
                try:
                    answer = future.result()
                except BackstoryError as exc:  # the engine could not start there (no model, a bad setting): stop the run
                    raise BackstoryError(f"a Dask worker could not start the analysis engine: {exc.message}", code=exc.code) from exc
                except Exception as exc:  # noqa: BLE001 - Dask gave up on the task (KilledWorker, a lost worker)
                    outcomes = [("error", "worker_lost", f"the Dask task of this page failed: {type(exc).__name__}: {exc}", None)
                                for _ in batch]
                else:
                    outcomes = answer["outcomes"]
                    self._rss[answer["engine"]] = answer["peak_rss_kb"]
                    self._restarts[answer["engine"]] = answer["restarts"]
                future.release()
                yield batch, outcomes
                while more and len(pending) < limit:
                    more = submit_one()
        finally:
            for future in list(pending):
                future.cancel()

    def stats(self) -> tuple[list[int], int]:
        return list(self._rss.values()), sum(self._restarts.values())

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
            if self.cluster_in_process:  # the workers were threads of this process: their engines are ours to stop
                _close_engines(wait=True)
        if self._quiet is not None:
            self._quiet.__exit__(None, None, None)
            self._quiet = None
