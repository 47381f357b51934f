"""Analysis in a child process with a hard time limit (issue 5, item 8).

Python threads cannot be stopped, so a page that makes extraction or NLP run for minutes
(100,000 attributes on one tag take ~75 s inside trafilatura/lxml on a laptop) would hold the
sidecar's only analysis slot for as long as it pleases. Here the Engine lives in one warm child
process; the server sends it a page and waits at most ``time_budget_s`` plus a small grace. When
the answer does not come, the child is killed (SIGKILL) and a fresh one is started in the
background, and the request gets ``408 timeout``. The stage-boundary checks of the pipeline's
own clock still run inside the child and answer sooner when a stage ends late.

Cost, measured on a 2-core machine: the child is ready 1.7 s after start (0.8 s for the same
Engine in-process) and again 1.6 s after a kill; each analysis pays ~6 ms for the pipe (162 → 169 ms
on the seed page); the parent holds ~120 MiB, the child ~275 MiB. The outlet card needs no NLP,
so the parent answers it from its own copy of the knowledge base (~50 ms to load) without
waiting for an analysis in progress.

The child is started with "spawn", which re-imports the parent's main module: a script that
builds a WorkerEngine (``create_app()`` without an engine) needs the usual
``if __name__ == "__main__":`` guard. The ``backstory`` command and pytest have it.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
import traceback
from typing import Any

from . import cards, errors, extract, outlet
from .errors import BackstoryError, BudgetExceeded, InputError, ModelError
from .kb import KnowledgeBase
from .cache import ResultCache, cache_key
from .settings import Settings
from .versions import check_url, code_digest, pipeline_version

log = logging.getLogger(__name__)

# Loading spaCy on a busy 2-core CI machine: a ceiling, not an expectation.
STARTUP_TIMEOUT_S = 180.0
# On top of the time budget: pickling an 8 MB page both ways and the cache lookup.
GRACE_S = 3.0
# How often the server looks at the reader's notes for a change (a stat of two files).
NOTES_POLL_S = 2.0
# "spawn": the child starts clean (no copied waitress threads or locks, no fork-with-threads hazards).
START_METHOD = "spawn"


def _child(conn: Any, settings: Settings) -> None:
    """The child's loop: build the Engine, then answer (op, args, kwargs) messages until the pipe closes."""
    import signal

    from .pipeline import Engine

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent stops us by closing the pipe

    try:
        engine = Engine(settings, use_cache=False)  # (the server keeps the cache: it knows the notes' version)
    except BackstoryError as exc:
        conn.send(("error", type(exc).__name__, exc.message, exc.code, exc.status))
        return
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which raises ModelError
        conn.send(("error", "ModelError", f"the analysis engine could not start: {exc}", "model", 500))
        return
    conn.send(("ok", {"pipeline_version": engine.pipeline_version, "model": engine.model}))
    try:
        while True:
            try:
                op, args, kwargs = conn.recv()
            except (EOFError, OSError):
                break  # the server went away (even by SIGKILL): leave with it
            try:
                reply: tuple = ("ok", getattr(engine, op)(*args, **kwargs))
            except BackstoryError as exc:
                reply = ("error", type(exc).__name__, exc.message, exc.code, exc.status)
            except Exception:  # noqa: BLE001 - the traceback goes to the log, never to the client
                traceback.print_exc()
                reply = ("crash",)
            try:
                conn.send(reply)
            except (BrokenPipeError, OSError):
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
    with the analysis in a child process that is killed when it overruns the time budget."""

    def __init__(self, settings: Settings, *, kb: KnowledgeBase | None = None, wait: bool = True,
                 target: Any = None) -> None:
        self.settings = settings
        self._target = target or _child  # the child's main function (tests give one that hangs)
        self.kb = kb if kb is not None else KnowledgeBase.load(user_dir=settings.data_dir)
        self.limit_s = settings.time_budget_s + GRACE_S
        self._ctx = multiprocessing.get_context(START_METHOD)
        self._lock = threading.Lock()  # one analysis at a time, as with the in-process engine
        self._proc: Any = None
        self._conn: Any = None
        self._ready = False
        self._info: dict[str, str] = {}
        self.restarts = 0
        self.cache = ResultCache(settings.cache_dir, settings.cache_size_bytes)
        self._closing = threading.Event()
        self._start()
        if wait:
            with self._lock:
                self._wait_ready()
        threading.Thread(target=self._watch_notes, name="backstory-notes-watch", daemon=True).start()

    def _watch_notes(self) -> None:
        """Empty the cache soon after the reader's notes change (a note deleted with `backstory note remove`
        while the sidecar runs): its text must not stay in the cache's files until the next request."""
        while not self._closing.wait(NOTES_POLL_S):
            try:
                self.cache.sync(self.kb.version)
            except Exception:  # noqa: BLE001 - a watcher must not die; the next request syncs too
                log.exception("could not check the reader's notes for changes")

    # the child's life
    def _start(self) -> None:
        parent, child = self._ctx.Pipe(duplex=True)
        self._proc = self._ctx.Process(target=self._target, args=(child, self.settings), name="backstory-analysis", daemon=True)
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
        if self._ready:
            return
        if self._proc is None:
            self._start()
        if not self._conn.poll(STARTUP_TIMEOUT_S):
            self._kill()
            raise ModelError(f"the analysis process did not start within {STARTUP_TIMEOUT_S:g} s")
        try:
            reply = self._conn.recv()
        except (EOFError, OSError) as exc:
            self._kill()
            raise ModelError("the analysis process exited while starting; the log says why") from exc
        if reply[0] != "ok":
            self._kill()
            _raise(reply)
        self._info.update(reply[1])
        self._ready = True

    def _call(self, op: str, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            if self._proc is not None and not self._proc.is_alive():
                self._restart()  # died while idle (the OOM killer, a signal): this page deserves a fresh child
            self._wait_ready()
            try:
                self._conn.send((op, args, kwargs))
                answered = self._conn.poll(self.limit_s)
                reply = self._conn.recv() if answered else None
            except (EOFError, OSError) as exc:
                self._restart()
                raise BackstoryError("the analysis process died on this page; it has been restarted") from exc
            if reply is None:
                log.warning("analysis over %.1f s: analysis process killed and restarted", self.limit_s)
                self._restart()
                raise BudgetExceeded(f"the analysis took longer than the {self.settings.time_budget_s:g} s budget and was stopped")
            if reply[0] != "ok":
                _raise(reply)
            return reply[1]

    # the Engine surface
    @property
    def model(self) -> str:
        """Name and version of the spaCy pipeline the child uses."""
        return self._info.get("model", "")

    @property
    def pipeline_version(self) -> str:
        """Computed here as the child's Engine does, with the knowledge base's version as of now (the
        reader's notes may have changed since the child last answered); '' until the child has started."""
        if "model" not in self._info:
            return ""
        return pipeline_version(self._info["model"], self.kb.version, self.settings, code_digest())

    def analyze(self, url: str, html: str, *, include_text: bool = False, use_cache: bool = True) -> dict[str, Any]:
        """Engine.analyze in the child, under the hard time limit. The cache is kept here: a page already
        analysed is answered without a round trip through the child, under a key that names the notes'
        version of this moment."""
        url = check_url(url)
        if not isinstance(html, str):
            raise InputError("html must be a string")
        self.cache.sync(self.kb.version)
        version = self.pipeline_version
        if use_cache and version:
            hit = self.cache.get(cache_key(url, html, version, include_text))
            if hit is not None:
                hit["cached"] = True
                return hit
        doc = self._call("analyze", url, html, include_text=include_text, use_cache=False)
        after = self.pipeline_version
        if isinstance(doc, dict) and doc.get("pipeline_version") == after:  # (not when the notes changed meanwhile)
            self.cache.set(cache_key(url, html, after, include_text), doc)
        return doc

    def outlet_only(self, url: str) -> dict[str, Any]:
        """The outlet card from the parent's own knowledge base: no NLP, no waiting for the child."""
        url = check_url(url)
        return cards.outlet_card(outlet.identify(extract.Extracted(url=url)), self.kb)

    def close(self) -> None:
        """Stop the child (closing the pipe ends its loop; kill if it does not leave)."""
        self._closing.set()
        self.cache.close()
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
            if self._proc is not None:
                self._proc.join(5)
                if self._proc.is_alive():
                    self._proc.kill()
                    self._proc.join(5)
                self._proc = None
