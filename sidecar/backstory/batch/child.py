"""The engine process of ``backstory batch``: ``python -m backstory.batch.child READ_FD WRITE_FD``.

It loads the Engine once, then answers batches of pages sent by :class:`~backstory.batch.supervise.EngineProcess`
until its pipe closes. Messages (pickled, over the two pipes the parent made):

    parent -> child   (settings or overrides, include_text)      once, first
                      ("batch", [(url, html), …])                 then any number
    child -> parent   ("ready", {pipeline_version, model, pid}) | ("fatal", code, message)
                      ("step", step, index, seconds left)         before each step of Engine.analyze_many
                      ("result", index, cards) | ("error", index, code, message, detail)
                      ("batch_done", peak_rss_kb)

The parent kills this process when a step overruns the time budget: nothing here needs to be interruptible.
"""

from __future__ import annotations

import os
import resource
import signal
import sys
import traceback
from multiprocessing.connection import Connection
from typing import Any


def describe(exc: BaseException) -> tuple[str, str, str | None]:
    """(code, message, detail) of a page's failure: a BackstoryError's own code, else 'internal' with the traceback."""
    from ..errors import BackstoryError

    if isinstance(exc, BackstoryError):
        return exc.code, exc.message, None
    detail = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return "internal", f"the analysis failed ({type(exc).__name__}: {exc}); the traceback is in 'detail'", detail


def peak_rss_kb() -> int:
    """This process's peak resident memory, in KiB (Linux's unit for ru_maxrss)."""
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def serve(inbox: Connection, outbox: Connection) -> int:
    """The child's loop."""
    from ..errors import BackstoryError
    from ..pipeline import Engine
    from ..settings import Settings
    from .attributes import quicken_attribute_ruler

    spec, include_text = inbox.recv()
    try:
        settings = spec if isinstance(spec, Settings) else Settings.load(spec)
        engine = Engine(settings, use_cache=False)
        quicken_attribute_ruler(engine.nlp)  # the same parse, about 4 % less CPU per AEB page (attributes.py)
    except BackstoryError as exc:
        outbox.send(("fatal", exc.code, exc.message))
        return 1
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which stops the run with it
        outbox.send(("fatal", "model", f"the analysis engine could not start: {type(exc).__name__}: {exc}"))
        return 1
    outbox.send(("ready", {"pipeline_version": engine.pipeline_version, "model": engine.model, "pid": os.getpid()}))

    def step(name: str, index: int, seconds_left: float | None) -> None:
        outbox.send(("step", name, index, seconds_left))

    try:
        while True:
            try:
                message: Any = inbox.recv()
            except (EOFError, OSError):
                break  # the parent closed the pipe (or died): leave with it
            if message[0] != "batch":
                break
            for index, result in engine.analyze_many(message[1], include_text=include_text, on_step=step):
                if isinstance(result, dict):
                    outbox.send(("result", index, result))
                else:
                    outbox.send(("error", index, *describe(result)))
            outbox.send(("batch_done", peak_rss_kb()))
    except (BrokenPipeError, OSError):
        pass
    finally:
        engine.close()
    return 0


def main(argv: list[str]) -> int:
    # Ctrl-C (and a job scheduler's SIGTERM) reach the whole group: the parent stops us by closing the pipe, so
    # that a page in progress is not taken for a crash
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    inbox = Connection(int(argv[0]), writable=False)
    outbox = Connection(int(argv[1]), readable=False)
    return serve(inbox, outbox)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
