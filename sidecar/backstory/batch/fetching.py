"""Fetching a list of URLs for ``backstory batch --fetch``, politely, with the CLI's safe fetcher (fetch.py).

- one request at a time per host, and ``fetch_delay_s`` between the end of one and the start of the next;
- several hosts at once (:data:`HOSTS_AT_ONCE`), so a list of many sites is not as slow as its slowest;
- every request goes through :func:`backstory.fetch.fetch`: public addresses only (unless
  ``--allow-private``), checked redirects, size and time limits, the Backstory user agent.

Entries that are not URLs pass through in their order; fetched pages come out as they arrive.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from urllib.parse import urlsplit

from ..errors import BackstoryError
from ..fetch import fetch
from .inputs import Entry, Item, Unreadable

HOSTS_AT_ONCE = 4
# URLs read ahead of the fetches, to find other hosts to fetch meanwhile; bounds memory
LOOKAHEAD = 64


class Polite:
    """Per-host turns: :meth:`turn` blocks until this host may be asked again, then holds it."""

    def __init__(self, delay_s: float, clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep) -> None:
        self.delay_s = delay_s
        self._clock, self._sleep = clock, sleep
        self._lock = threading.Lock()
        self._hosts: dict[str, threading.Lock] = {}
        self._next: dict[str, float] = {}

    def _host_lock(self, host: str) -> threading.Lock:
        with self._lock:
            return self._hosts.setdefault(host, threading.Lock())

    def call(self, host: str, fn: Callable[[], object]) -> object:
        """Run ``fn`` in this host's turn."""
        lock = self._host_lock(host)
        with lock:
            wait_s = self._next.get(host, 0.0) - self._clock()
            if wait_s > 0:
                self._sleep(wait_s)
            try:
                return fn()
            finally:
                self._next[host] = self._clock() + self.delay_s


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def fetched(entries: Iterable[Entry], *, delay_s: float, timeout_s: float, max_bytes: int, allow_private: bool = False,
            fetcher: Callable[..., tuple[str, str]] = fetch) -> Iterator[Entry]:
    """``entries`` with each URL-list item fetched (an Item with its page, or an Unreadable with why not)."""
    polite = Polite(delay_s)

    def one(item: Item) -> Entry:
        def get() -> tuple[str, str]:
            return fetcher(item.url, timeout_s=timeout_s, max_bytes=max_bytes, allow_private=allow_private)

        try:
            final_url, html = polite.call(_host(item.url), get)  # type: ignore[misc]
        except BackstoryError as exc:
            return Unreadable(item.kind, item.source, item.key, exc.code, exc.message, item.url)
        except Exception as exc:  # noqa: BLE001 - one URL's failure is that URL's error line
            return Unreadable(item.kind, item.source, item.key, "fetch", f"could not fetch {item.url}: {type(exc).__name__}: {exc}",
                              item.url)
        return Item(item.kind, item.source, item.key, final_url, html)

    running: set[Future] = set()
    waiting: deque[Item] = deque()
    busy_hosts: dict[str, int] = {}

    def launch(pool: ThreadPoolExecutor) -> None:
        # start URLs whose host is not already being fetched, oldest first
        for _ in range(len(waiting)):
            if len(running) >= HOSTS_AT_ONCE:
                return
            item = waiting.popleft()
            host = _host(item.url)
            if busy_hosts.get(host):
                waiting.append(item)
                continue
            busy_hosts[host] = 1
            future = pool.submit(one, item)
            future.host = host  # type: ignore[attr-defined]
            running.add(future)

    def harvest(block: bool) -> Iterator[Entry]:
        if not running:
            return
        done, _ = wait(running, timeout=None if block else 0, return_when=FIRST_COMPLETED)
        for future in done:
            running.discard(future)
            busy_hosts.pop(future.host, None)  # type: ignore[attr-defined]
            yield future.result()

    with ThreadPoolExecutor(max_workers=HOSTS_AT_ONCE, thread_name_prefix="backstory-fetch") as pool:
        for entry in entries:
            if isinstance(entry, Item) and entry.html is None:
                waiting.append(entry)
                launch(pool)
                while len(waiting) >= LOOKAHEAD:
                    yield from harvest(block=True)
                    launch(pool)
            else:
                yield entry
            yield from harvest(block=False)
            launch(pool)
        while waiting or running:
            launch(pool)
            yield from harvest(block=True)
