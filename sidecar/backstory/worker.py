"""Analysis in a child process with a hard time limit and a memory limit, started behind the server.

Python threads cannot be stopped, so a page that makes extraction or NLP run for minutes
(100,000 attributes on one tag take ~75 s inside trafilatura/lxml on a laptop) would hold the
sidecar's only analysis slot for as long as it pleases. Here the Engine lives in one warm child
process; the server sends it a page and waits at most ``time_budget_s`` plus a small grace. When
the answer does not come, the child is killed (SIGKILL) and a fresh one is started in the
background, and the request gets ``408 timeout``. The budget is also checked inside the stages and
answers sooner.

Fast start (issue 27): the child is spawned first and loads the stages, the spaCy model and the
knowledge base, then warms up (warmup.py), telling the server what it is loading; meanwhile the
server answers ``/v1/health`` (``state: "starting"``) at once and ``/v1/outlet`` as soon as its own
copy of the knowledge base is loaded (it imports no spaCy). ``/v1/analyze`` waits for the child.

A request waits for the one analysis slot without holding anything; while it waits, and while its
page is analysed, it looks every ``POLL_S`` whether its client is still there (waitress reads on
while a request runs): a withdrawn request leaves the queue, and a withdrawn analysis is stopped at
the stages' next budget check (or, failing that within ``CANCEL_GRACE_S``, with the child).

Memory (issue 24 item 11): the child's address space is limited to ``analysis_memory_mb``
(RLIMIT_AS); an allocation over it raises MemoryError in the child, which answers ``413
too_large`` with the setting's name and is replaced by a fresh child.

Cost, measured on a 2-core machine: each analysis pays ~6 ms for the pipe (162 -> 169 ms on the seed
page); the parent holds ~120 MiB, the child ~275 MiB. The start-up is in docs/benchmarks.md.

The child is started with "spawn", which re-imports the parent's main module: a script that
builds a WorkerEngine (``create_app()`` without an engine) needs the usual
``if __name__ == "__main__":`` guard. The ``backstory`` command and pytest have it.
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from . import errors
from .cache import ResultCache, cache_key
from .errors import BackstoryError, BudgetExceeded, Cancelled, InputError, MemoryLimit, ModelError, Starting
from .settings import Settings
from .versions import check_url, code_digest, pipeline_version

log = logging.getLogger(__name__)

# Loading spaCy on a busy 2-core CI machine: a ceiling, not an expectation.
STARTUP_TIMEOUT_S = 180.0
# On top of the time budget: pickling an 8 MB page both ways.
GRACE_S = 3.0
# A withdrawn analysis must reach a budget check within this long, or the child is replaced.
CANCEL_GRACE_S = 2.0
# How often a waiting request looks whether its client has hung up.
POLL_S = 0.2
# How often the server looks at the reader's notes for a change (a stat of two files).
NOTES_POLL_S = 2.0
# "spawn": the child starts clean (no copied waitress threads or locks, no fork-with-threads hazards).
START_METHOD = "spawn"


def limit_memory(megabytes: int) -> bool:
    """Limit this process's address space (RLIMIT_AS) to ``megabytes``; False where the platform refuses."""
    try:
        import resource

        limit = megabytes * 1024 * 1024
        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        return True
    except (ImportError, ValueError, OSError) as exc:
        log.warning("the analysis process's memory cannot be limited here (%s): analysis_memory_mb is ignored", exc)
        return False


def _memory_message(settings: Settings) -> str:
    return (f"the page needed more memory than an analysis may use ({settings.analysis_memory_mb:,} MiB, the "
            "analysis_memory_mb setting); it was stopped")


def _child(conn: Any, settings: Settings, cancel: Any = None) -> None:
    """The child's loop: build and warm the Engine (saying what it loads), then answer (op, args, kwargs)
    messages until the pipe closes. ``cancel``: a shared flag the server sets when a request is withdrawn."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent stops us by closing the pipe

    def loading(what: str) -> None:
        conn.send(("loading", what))

    try:
        if settings.analysis_memory_mb > 0:
            limit_memory(settings.analysis_memory_mb)
        loading("the analysis libraries (trafilatura, spaCy)")
        from .pipeline import Engine

        loading(f"the spaCy model {settings.model} and the knowledge base")
        engine = Engine(settings, use_cache=False)  # (the server keeps the cache: it knows the notes' version)
        loading("warm-up: the date parser, the public-suffix list and a first analysis")
        engine.warm_up()
    except BackstoryError as exc:
        conn.send(("error", type(exc).__name__, exc.message, exc.code, exc.status))
        return
    except MemoryError:
        conn.send(("error", "ModelError", f"the analysis process could not start within its memory limit "
                   f"({settings.analysis_memory_mb:,} MiB, the analysis_memory_mb setting)", "model", 500))
        return
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which raises ModelError
        traceback.print_exc()
        conn.send(("error", "ModelError", f"the analysis engine could not start: {exc}", "model", 500))
        return
    conn.send(("ok", {"model": engine.model}))
    cancelled = (lambda: bool(cancel.value)) if cancel is not None else None
    try:
        while True:
            try:
                op, args, kwargs = conn.recv()
            except (EOFError, OSError):
                break  # the server went away (even by SIGKILL): leave with it
            if op == "analyze" and cancelled is not None:
                kwargs = {**kwargs, "cancelled": cancelled}
            try:
                reply: tuple = ("ok", getattr(engine, op)(*args, **kwargs))
            except BackstoryError as exc:
                reply = ("error", type(exc).__name__, exc.message, exc.code, exc.status)
            except MemoryError:
                # over the limit: whatever was half built is dropped with this process; the server starts a fresh one
                reply = ("memory",)
            except Exception:  # noqa: BLE001 - the traceback goes to the log, never to the client
                traceback.print_exc()
                reply = ("crash",)
            try:
                conn.send(reply)
            except (BrokenPipeError, OSError):
                break
            if reply[0] == "memory":
                break
    finally:
        engine.close()


def _raise(reply: tuple) -> None:
    if reply[0] == "error":
        _, name, message, code, status = reply
        cls = getattr(errors, name, BackstoryError)
        if not (isinstance(cls, type) and issubclass(cls, BackstoryError)):
            cls = BackstoryError
        raise cls(message, code=code, status=status)
    raise RuntimeError("the analysis process failed; its log has the traceback")


class WorkerEngine:
    """Same surface as :class:`pipeline.Engine` (analyze, outlet_only, model, pipeline_version, close),
    plus :meth:`status`, with the analysis in a child process that is killed when it overruns the time
    budget. ``wait=False`` returns at once and loads behind (``backstory serve``); ``on_progress`` is told
    what is being loaded while starting, ``on_failure`` when the start fails."""

    def __init__(self, settings: Settings, *, kb: Any = None, wait: bool = True, start: bool = True, target: Any = None,
                 on_progress: Callable[[str], None] | None = None,
                 on_failure: Callable[[BackstoryError], None] | None = None) -> None:
        self.settings = settings
        self._target = target or _child  # the child's main function: (conn, settings, cancel); tests give stand-ins
        self._say = on_progress or (lambda text: log.info("%s", text))
        self._on_failure = on_failure
        self.limit_s = settings.time_budget_s + GRACE_S
        self._ctx = multiprocessing.get_context(START_METHOD)
        self._lock = threading.Lock()  # one analysis at a time, as with the in-process engine
        self._cancel = self._ctx.Value("b", 0, lock=False)
        self._proc: Any = None
        self._conn: Any = None
        self._ready = False
        self._info: dict[str, str] = {}
        self.restarts = 0
        self.state, self.loading, self.error = "starting", "the analysis process", None
        self._started_at = time.monotonic()
        self._up = threading.Event()  # set once the child is up (or its start failed) and the knowledge base loaded
        self._kb_ready = threading.Event()
        self._kb_error: str | None = None
        self._closing = threading.Event()
        self.kb = kb
        self.cache = ResultCache(settings.cache_dir, settings.cache_size_bytes)
        if start:
            self.start(wait=wait)

    def start(self, *, wait: bool = False) -> None:
        """Spawn the analysis process and load the knowledge base, behind (``wait``: until ready).
        ``backstory serve`` calls this once it listens, so that nothing competes with its first answers."""
        self._started_at = time.monotonic()
        self._start()
        if self.kb is None:
            threading.Thread(target=self._load_kb, name="backstory-kb-load", daemon=True).start()
        else:
            self._kb_ready.set()
        boot = threading.Thread(target=self._boot, name="backstory-boot", daemon=True)
        boot.start()
        threading.Thread(target=self._watch_notes, name="backstory-notes-watch", daemon=True).start()
        if wait:
            boot.join()
            if self.state == "failed":
                raise self._failure

    # start-up
    def _load_kb(self) -> None:
        """The server's own knowledge base and the outlet card's code (no spaCy), for /v1/outlet."""
        try:
            from .kb import KnowledgeBase

            self.kb = KnowledgeBase.load(user_dir=self.settings.data_dir)
            for module in ("cards", "outlet"):  # imported now rather than on the first /v1/outlet (neither imports a stage)
                importlib.import_module(f"{__package__}.{module}")
        except Exception as exc:  # noqa: BLE001 - said by /v1/outlet and health, not raised in a thread
            log.exception("the knowledge base could not be loaded")
            self._kb_error = str(exc)
        finally:
            self._kb_ready.set()

    def _boot(self) -> None:
        try:
            with self._lock:
                self._wait_ready()
            self._kb_ready.wait()
            if self._kb_error:
                raise ModelError(f"the knowledge base could not be loaded: {self._kb_error}")
        except BackstoryError as exc:
            self.state, self.error, self._failure = "failed", exc.message, exc
            self._up.set()
            log.error("could not start: %s", exc.message)
            if self._on_failure is not None:
                self._on_failure(exc)
            return
        self.state, self.loading = "ready", None
        self._up.set()
        self._say(f"ready in {time.monotonic() - self._started_at:.1f} s: {self.model}, pipeline {self.pipeline_version}")

    def status(self) -> dict[str, Any]:
        """What /v1/health says: ``ready``, ``state`` ("starting", "ready" or "failed") and ``loading``."""
        out: dict[str, Any] = {"ready": self.state == "ready", "state": self.state,
                               "loading": self.loading if self.state == "starting" else None}
        if self.error:
            out["error"] = self.error
        return out

    def _wait_up(self, cancelled: Callable[[], bool] | None) -> None:
        """Wait until the child has started (a request that arrives while the sidecar starts)."""
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while not self._up.wait(POLL_S):
            if cancelled is not None and cancelled():
                raise Cancelled("the request was withdrawn while the sidecar was starting")
            if time.monotonic() > deadline:
                raise Starting("the sidecar is still starting; try again in a moment")
        if self.state == "failed":
            raise ModelError(self.error or "the analysis process could not start")

    def _watch_notes(self) -> None:
        """Empty the cache soon after the reader's notes change (a note deleted with `backstory note remove`
        while the sidecar runs): its text must not stay in the cache's files until the next request."""
        while not self._closing.wait(NOTES_POLL_S):
            if self.kb is None:
                continue
            try:
                self.cache.sync(self.kb.version)
            except Exception:  # noqa: BLE001 - a watcher must not die; the next request syncs too
                log.exception("could not check the reader's notes for changes")

    # the child's life
    def _start(self) -> None:
        parent, child = self._ctx.Pipe(duplex=True)
        self._proc = self._ctx.Process(target=self._target, args=(child, self.settings, self._cancel),
                                       name="backstory-analysis", daemon=True)
        self._proc.start()
        child.close()
        self._conn, self._ready = parent, False

    def _kill(self) -> None:
        if self._proc is not None and self._proc.is_alive():
            self._proc.kill()
        if self._proc is not None:
            self._proc.join(5)
        if self._conn is not None:
            self._conn.close()
        self._proc = self._conn = None
        self._ready = False

    def _restart(self) -> None:
        self._kill()
        self.restarts += 1
        self._start()

    def _wait_ready(self) -> None:
        """Read the child's start-up messages (what it is loading) until it is ready; the caller holds the lock."""
        if self._ready:
            return
        if self._proc is None:
            self._start()
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not self._conn.poll(left):
                self._kill()
                raise ModelError(f"the analysis process did not start within {STARTUP_TIMEOUT_S:g} s")
            try:
                reply = self._conn.recv()
            except (EOFError, OSError) as exc:
                self._kill()
                raise ModelError("the analysis process exited while starting; the log says why") from exc
            if reply[0] == "loading":
                self.loading = reply[1]
                if self.state == "starting":
                    self._say(f"loading {reply[1]}…")
                else:
                    log.info("analysis process restarting: loading %s", reply[1])
                continue
            if reply[0] != "ok":
                self._kill()
                _raise(reply)
            self._info.update(reply[1])
            self._ready = True
            return

    def _acquire(self, cancelled: Callable[[], bool] | None) -> None:
        """Take the analysis slot; give up (Cancelled) as soon as the request's client has gone."""
        if cancelled is None:
            self._lock.acquire()
            return
        while not self._lock.acquire(timeout=POLL_S):
            if cancelled():
                raise Cancelled("the request was withdrawn while it waited for the analysis")
        if cancelled():
            self._lock.release()
            raise Cancelled("the request was withdrawn while it waited for the analysis")

    def _answer(self, cancelled: Callable[[], bool] | None) -> tuple[tuple | None, bool]:
        """The child's reply (None when it did not come in time) and whether the request was withdrawn."""
        now = time.monotonic()
        deadline, withdrawn = now + self.limit_s, False
        while True:
            if not withdrawn and cancelled is not None and cancelled():
                self._cancel.value = 1  # the stages stop at their next budget check
                withdrawn, deadline = True, min(deadline, time.monotonic() + CANCEL_GRACE_S)
            left = deadline - time.monotonic()
            if left <= 0:
                return None, withdrawn
            if self._conn.poll(min(POLL_S, left) if cancelled is not None else left):
                return self._conn.recv(), withdrawn

    def _died(self) -> str:
        """Why the child went away, as far as can be told."""
        proc = self._proc
        code = None
        if proc is not None:
            proc.join(1)
            code = proc.exitcode
        why = "the analysis process died on this page; it has been restarted"
        if code is not None and code < 0 and self.settings.analysis_memory_mb > 0:
            why += f" (it may have needed more than its {self.settings.analysis_memory_mb:,} MiB memory limit)"
        return why

    def _call(self, op: str, *args: Any, cancelled: Callable[[], bool] | None = None, **kwargs: Any) -> Any:
        self._acquire(cancelled)
        try:
            if self._proc is not None and not self._proc.is_alive():
                self._restart()  # died while idle (the OOM killer, a signal): this page deserves a fresh child
            self._wait_ready()
            self._cancel.value = 0
            try:
                self._conn.send((op, args, kwargs))
                reply, withdrawn = self._answer(cancelled)
            except (EOFError, OSError) as exc:
                why = self._died()
                self._restart()
                raise BackstoryError(why) from exc
            if reply is None:
                self._restart()
                if withdrawn:
                    log.info("withdrawn request: the analysis did not stop at a budget check; analysis process restarted")
                    raise Cancelled("the request was withdrawn; its analysis was stopped")
                log.warning("analysis over %.1f s: analysis process killed and restarted", self.limit_s)
                raise BudgetExceeded(f"the analysis took longer than the {self.settings.time_budget_s:g} s budget and was stopped")
            if reply[0] == "memory":
                self._restart()
                raise MemoryLimit(_memory_message(self.settings))
            if reply[0] != "ok":
                _raise(reply)
            return reply[1]
        finally:
            self._cancel.value = 0
            self._lock.release()

    # the Engine surface
    @property
    def model(self) -> str:
        """Name and version of the spaCy pipeline the child uses ('' until it has started)."""
        return self._info.get("model", "")

    @property
    def pipeline_version(self) -> str:
        """Computed here as the child's Engine does, with the knowledge base's version as of now (the
        reader's notes may have changed since the child last answered); '' until the sidecar is ready."""
        if "model" not in self._info or self.kb is None:
            return ""
        return pipeline_version(self._info["model"], self.kb.version, self.settings, code_digest())

    def analyze(self, url: str, html: str, *, include_text: bool = False, use_cache: bool = True,
                cancelled: Callable[[], bool] | None = None) -> dict[str, Any]:
        """Engine.analyze in the child, under the hard time limit. The cache is kept here: a page already
        analysed is answered without a round trip through the child, under a key that names the notes'
        version of this moment. ``cancelled``: true once the request's client has gone."""
        url = check_url(url)
        if not isinstance(html, str):
            raise InputError("html must be a string")
        self._wait_up(cancelled)
        self.cache.sync(self.kb.version)
        version = self.pipeline_version
        if use_cache:
            hit = self.cache.get(cache_key(url, html, version, include_text))
            if hit is not None:
                hit["cached"] = True
                from .kb import seen

                return seen.apply(hit, url, self.settings)
        doc = self._call("analyze", url, html, include_text=include_text, use_cache=False, cancelled=cancelled)
        after = self.pipeline_version
        if isinstance(doc, dict) and doc.get("pipeline_version") == after:  # (not when the notes changed meanwhile)
            self.cache.set(cache_key(url, html, after, include_text), _without_seen_before(doc))
        return doc

    def outlet_only(self, url: str) -> dict[str, Any]:
        """The outlet card from the server's own knowledge base: no NLP, no waiting for the child."""
        url = check_url(url)
        kb = self.knowledge_base()
        from . import cards, outlet

        return cards.outlet_card(outlet.identify_url(url), kb)

    def knowledge_base(self) -> Any:
        """The server's own knowledge base (outlet cards, lookups, the reader's decisions), once loaded: while
        it loads at start this waits (up to the start-up timeout, then ``Starting``)."""
        if not self._kb_ready.wait(STARTUP_TIMEOUT_S):
            raise Starting("the sidecar is still loading its knowledge base; try again in a moment")
        if self.kb is None:
            raise ModelError(f"the knowledge base could not be loaded: {self._kb_error}")
        return self.kb

    def close(self) -> None:
        """Stop the child (closing the pipe ends its loop; kill if it does not leave). Does not wait for a
        running analysis or start-up: the child goes with its pipe."""
        self._closing.set()
        conn, proc = self._conn, self._proc
        if conn is not None:
            conn.close()
        if proc is not None:
            proc.join(5)
            if proc.is_alive():
                proc.kill()
                proc.join(5)
        self.cache.close()


def _without_seen_before(doc: dict[str, Any]) -> dict[str, Any]:
    """The cards as the cache keeps them: "seen before" is the reader's history, made again for each answer
    (seen.apply), never stored with the page."""
    kept = dict(doc)
    for part in ("authors", "cited"):
        if part in doc:
            kept[part] = [{**card, "seen_before": None} for card in doc[part]]
    return kept
