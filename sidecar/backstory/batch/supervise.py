"""One Engine in a child process, each page held to the server's time budget (as worker.py does for the server).

A batch of pages goes to the child, which analyses them with :meth:`Engine.analyze_many` and says before
each step which page it is on and how much of that page's budget is left. A page's own steps ("prepare":
extract and outlet; "finish": people rules and cards) get what is left of its ``time_budget_s`` plus
:data:`GRACE_S`, its share of the shared parse counted, so a page has the server's budget in all; the shared
parse (``nlp.pipe`` over the batch's texts) gets ``time_budget_s`` plus grace once per page. When a step
overruns, or the child dies (a crash, the OOM killer), the child is killed and replaced, and the run goes on:

- stuck in one page's own step: that page gets ``timeout`` (or ``crash``), the rest of the batch is sent again;
- stuck in the shared parse: the pages left are sent again one at a time, so that the one at fault is
  found alone and only it fails.

The child is a plain subprocess (``python -m backstory.batch.child``), not a multiprocessing Process: Dask's
worker processes are daemonic and may not start multiprocessing children, but may start subprocesses.
A child is also replaced after :data:`RECYCLE_AFTER_PAGES` pages, which bounds the memory a long run can
gather (spaCy's string store grows with every new word it sees).
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from multiprocessing.connection import Connection
from typing import Any

from ..errors import BackstoryError, ModelError

log = logging.getLogger(__name__)

# Loading spaCy on a busy 2-core machine: a ceiling, not an expectation (as worker.py).
STARTUP_TIMEOUT_S = 180.0
# On top of a step's budget: pickling a large page and a cards document through the pipe.
GRACE_S = 3.0
RECYCLE_AFTER_PAGES = 2000
STEP_NAMES = {"prepare": "the extract and outlet stages", "parse": "parsing the batch's texts",
              "finish": "the people stage and the cards", "start": "the start of a batch"}

Outcome = tuple  # ("ok", cards) | ("error", code, message, detail)


class EngineProcess:
    """A child process with an Engine, fed batches of (url, html) pages."""

    def __init__(self, spec: Any, *, include_text: bool = False, budget_s: float, name: str = "engine",
                 command: list[str] | None = None, recycle_after: int = RECYCLE_AFTER_PAGES) -> None:
        self.spec = spec  # a Settings, or overrides for Settings.load in the child (Dask workers)
        self.include_text = include_text
        self.budget_s = budget_s
        self.name = name
        self.command = command or [sys.executable, "-m", "backstory.batch.child"]
        self.recycle_after = recycle_after
        self.info: dict[str, Any] = {}
        self.restarts = 0  # children killed for overrunning or found dead
        self.peak_rss_kb = 0
        self._proc: subprocess.Popen | None = None
        self._inbox: Connection | None = None  # what the child sends
        self._outbox: Connection | None = None
        self._pages_in_child = 0
        self._closed = False

    # the child's life
    def start(self) -> None:
        """Start the child and wait until its Engine is loaded (ModelError when it cannot be)."""
        if self._closed:
            raise BackstoryError("the run is stopping: no new analysis process is started")
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        try:
            self._proc = subprocess.Popen([*self.command, str(to_child_r), str(from_child_w)],
                                          pass_fds=(to_child_r, from_child_w), stdin=subprocess.DEVNULL)
        finally:
            os.close(to_child_r)
            os.close(from_child_w)
        self._outbox = Connection(to_child_w, readable=False)
        self._inbox = Connection(from_child_r, writable=False)
        self._pages_in_child = 0
        try:
            self._outbox.send((self.spec, self.include_text))
            ready = self._inbox.poll(STARTUP_TIMEOUT_S)
            reply = self._inbox.recv() if ready else None
        except (EOFError, OSError) as exc:
            self._kill()
            raise ModelError(f"the analysis process exited while starting (exit code {self._exit_code()})") from exc
        if reply is None:
            self._kill()
            raise ModelError(f"the analysis process did not start within {STARTUP_TIMEOUT_S:g} s")
        if reply[0] != "ready":
            self._kill()
            raise BackstoryError(reply[2], code=reply[1])
        self.info = reply[1]

    def _exit_code(self) -> int | None:
        return None if self._proc is None else self._proc.poll()

    def _kill(self) -> None:
        for conn in (self._outbox, self._inbox):
            if conn is not None:
                conn.close()
        self._outbox = self._inbox = None
        if self._proc is not None:
            if self._proc.poll() is None:
                self._proc.kill()
            self._proc.wait()
            self._proc = None

    def close(self, *, wait: bool = True) -> None:
        """Stop the child: closing its pipes ends its loop (or its batch, at the next page); killed if it has not
        left within 10 s. Without ``wait`` (a Dask worker shutting down) the child is left to leave by itself."""
        self._closed = True
        self._retire(wait=wait)

    def _retire(self, *, wait: bool = True) -> None:
        for conn in (self._outbox, self._inbox):
            if conn is not None:
                conn.close()
        self._outbox = self._inbox = None
        proc, self._proc = self._proc, None
        if proc is None or not wait:
            return
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    # the work
    def run(self, pages: list[tuple[str, str]]) -> list[Outcome]:
        """The outcome of each page, in order. Never raises for one page's sake (only when no child can start)."""
        out: dict[int, Outcome] = {}
        queue = [list(range(len(pages)))]
        while queue:
            todo = queue.pop(0)
            stuck = self._attempt(todo, pages, out)
            if stuck is None:
                continue
            step, at, why = stuck
            left = [i for i in todo if i not in out]
            if step in ("prepare", "finish") and at is not None and todo[at] in left:
                out[todo[at]] = self._failure(why, step)
                left.remove(todo[at])
                if left:
                    queue.insert(0, left)
            elif len(left) == 1:
                out[left[0]] = self._failure(why, step)
            elif left:
                queue[0:0] = [[i] for i in left]  # find the page at fault alone
        return [out[i] for i in range(len(pages))]

    def _failure(self, why: str, step: str) -> Outcome:
        where = STEP_NAMES.get(step, step)
        if why == "timeout":
            return ("error", "timeout", f"the analysis took longer than the {self.budget_s:g} s budget and was stopped "
                    f"(during {where})", None)
        return ("error", "crash", f"the analysis process died on this page (during {where}; {why}); "
                "it was restarted and the other pages went on", None)

    def _attempt(self, todo: list[int], pages: list[tuple[str, str]], out: dict[int, Outcome]) -> tuple[str, int | None, str] | None:
        """Send one batch; None when every page was answered, else (step, index in batch, why) where it stuck."""
        if self._proc is not None and (self._proc.poll() is not None or self._pages_in_child >= self.recycle_after):
            self._retire()  # died while idle, or served its pages: a fresh one
        if self._proc is None:
            self.start()
        assert self._inbox is not None and self._outbox is not None
        step, at = "start", None
        limit = self.budget_s + GRACE_S
        try:
            self._outbox.send(("batch", [pages[i] for i in todo]))
            deadline = time.monotonic() + limit
            while True:
                if not self._inbox.poll(max(0.0, deadline - time.monotonic())):
                    log.warning("%s: a page overran the %.0f s budget during %s: process killed and restarted",
                                self.name, self.budget_s, STEP_NAMES.get(step, step))
                    self._kill()
                    self.restarts += 1
                    return step, at, "timeout"
                message = self._inbox.recv()
                kind = message[0]
                if kind == "step":
                    step, at, left = message[1], (message[2] if message[2] >= 0 else None), message[3]
                    allowed = limit * len(todo) if left is None else max(0.0, left) + GRACE_S
                    deadline = time.monotonic() + allowed
                elif kind == "result":
                    out[todo[message[1]]] = ("ok", message[2])
                elif kind == "error":
                    out[todo[message[1]]] = ("error", *message[2:])
                elif kind == "batch_done":
                    self.peak_rss_kb = max(self.peak_rss_kb, int(message[1]))
                    self._pages_in_child += len(todo)
                    return None
        except (EOFError, OSError):
            if self._closed:
                raise BackstoryError("the run is stopping") from None  # not the page's fault: no error line for it
            code = self._exit_code()
            if code is None and self._proc is not None:
                try:
                    code = self._proc.wait(5)
                except subprocess.TimeoutExpired:
                    code = None
            self._kill()
            self.restarts += 1
            signal_name = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
            log.warning("%s: the analysis process died (%s): restarted", self.name, signal_name)
            return step, at, signal_name
