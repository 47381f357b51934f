"""The time budget of one analysis, visible inside every stage.

The pipeline opens a budget around an analysis (``with budget.limit(seconds):``); long loops inside
the stages call :func:`check` now and then, so a page that makes one stage run long is stopped with
:class:`~backstory.errors.BudgetExceeded` while the stage runs, not only once it has ended. Outside a
``limit`` block (a stage called alone, in tests or benchmarks) :func:`check` does nothing.

The same checks stop an analysis whose request was withdrawn (the reader's browser hung up): a ``limit``
may carry a ``cancelled`` test, and :func:`check` raises :class:`~backstory.errors.Cancelled` once it says so.

The worker process's hard kill (worker.py) stays the last resort for work that never reaches a check
(a single call into lxml or spaCy).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from .errors import BudgetExceeded, Cancelled

_DEADLINE: ContextVar[tuple[float, float, Callable[[], bool] | None] | None] = ContextVar("backstory_deadline", default=None)


@contextmanager
def limit(seconds: float, *, cancelled: Callable[[], bool] | None = None) -> Iterator[None]:
    """Run the block under a budget of ``seconds`` (nested blocks keep the earlier deadline), and, when
    given, stop it once ``cancelled()`` is true (nested blocks keep an outer block's test)."""
    outer = _DEADLINE.get()
    deadline = time.perf_counter() + seconds
    if outer is not None and outer[0] < deadline:
        deadline, seconds = outer[0], outer[1]
    if cancelled is None and outer is not None:
        cancelled = outer[2]
    token = _DEADLINE.set((deadline, seconds, cancelled))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def remaining() -> float | None:
    """Seconds left in the current budget, None outside one."""
    current = _DEADLINE.get()
    return None if current is None else current[0] - time.perf_counter()


def check(where: str) -> None:
    """Raise BudgetExceeded when the current budget has run out; ``where`` names the step for the message."""
    current = _DEADLINE.get()
    if current is None:
        return
    if time.perf_counter() > current[0]:
        raise BudgetExceeded(f"analysis took longer than the {current[1]:g} s budget (during {where})")
    if current[2] is not None and current[2]():
        raise Cancelled(f"the request was withdrawn; the analysis stopped (during {where})")
