"""Fetching a list of URLs for ``backstory batch --fetch``, politely, with the CLI's safe fetcher (fetch.py).

- one request at a time per host, and ``fetch_delay_s`` between the end of one and the start of the next
  (or the site's ``Crawl-delay`` when longer);
- each site's robots.txt is read first and obeyed (RFC 9309; ``--ignore-robots`` for a researcher who has the
  site's permission): a URL it disallows is an error line with code ``robots``;
- several hosts at once (:data:`HOSTS_AT_ONCE`), so a list of many sites is not as slow as its slowest;
- every request goes through :func:`backstory.fetch.fetch`: public addresses only (unless
  ``--allow-private``), checked redirects, size and time limits, the Backstory user agent.

Entries that are not URLs pass through in their order; fetched pages come out as they arrive.
"""

from __future__ import annotations

import re
import threading
import time
import urllib.robotparser
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from urllib.parse import urlsplit

from ..errors import BackstoryError, FetchError
from ..fetch import fetch
from .inputs import Entry, Item, Unreadable

HOSTS_AT_ONCE = 4
# the product token robots.txt rules are matched against (fetch.USER_AGENT starts with it)
ROBOTS_AGENT = "Backstory"
# RFC 9309 2.5: parse at least the first 500 KiB
ROBOTS_MAX_BYTES = 512 * 1024
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

    def call(self, host: str, fn: Callable[[], object], *, delay_s: float | None = None) -> object:
        """Run ``fn`` in this host's turn; the host's next turn comes ``delay_s`` (default: the run's) after it ends."""
        lock = self._host_lock(host)
        with lock:
            wait_s = self._next.get(host, 0.0) - self._clock()
            if wait_s > 0:
                self._sleep(wait_s)
            try:
                return fn()
            finally:
                self._next[host] = self._clock() + max(self.delay_s, delay_s or 0.0)


def robots_rules(text: str | None, *, unreachable: bool = False) -> urllib.robotparser.RobotFileParser:
    """A site's rules: its robots.txt, or none (everything allowed: no robots.txt, a 4xx answer), or, when the
    file could not be reached (a 5xx answer, a timeout), everything disallowed, as RFC 9309 2.3.1 asks."""
    rules = urllib.robotparser.RobotFileParser()
    rules.parse((text or "").splitlines())
    rules.disallow_all = unreachable
    return rules


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def fetched(entries: Iterable[Entry], *, delay_s: float, timeout_s: float, max_bytes: int, allow_private: bool = False,
            robots: bool = True, fetcher: Callable[..., tuple[str, str]] = fetch) -> Iterator[Entry]:
    """``entries`` with each URL-list item fetched (an Item with its page, or an Unreadable with why not)."""
    polite = Polite(delay_s)
    sites: dict[str, urllib.robotparser.RobotFileParser] = {}  # by origin; one URL per host is fetched at a time
    unreachable: dict[str, str] = {}

    def rules_for(url: str) -> urllib.robotparser.RobotFileParser:
        origin = _origin(url)
        if origin not in sites:
            def get() -> tuple[str, str]:
                return fetcher(origin + "/robots.txt", timeout_s=timeout_s, max_bytes=ROBOTS_MAX_BYTES, allow_private=allow_private)

            try:
                _, text = polite.call(_host(url), get)  # type: ignore[misc]
                sites[origin] = robots_rules(text)
            except FetchError as exc:
                status = re.search(r"answered (\d{3})", exc.message)
                if (status and status.group(1).startswith("4")) or exc.message.startswith("refusing to fetch"):
                    # no robots.txt (4xx): everything allowed; an address we refuse: the page's own fetch says why
                    sites[origin] = robots_rules(None)
                else:
                    sites[origin] = robots_rules(None, unreachable=True)
                    unreachable[origin] = exc.message
            except BackstoryError:  # too large: RFC 9309 allows reading a part; we read none and allow
                sites[origin] = robots_rules(None)
        return sites[origin]

    def one(item: Item) -> Entry:
        def get() -> tuple[str, str]:
            return fetcher(item.url, timeout_s=timeout_s, max_bytes=max_bytes, allow_private=allow_private)

        crawl_delay = None
        try:
            if robots:
                rules = rules_for(item.url)
                if not rules.can_fetch(ROBOTS_AGENT, item.url):
                    why = (f"could not be read ({unreachable.get(_origin(item.url))}; RFC 9309: then nothing may be fetched)"
                           if rules.disallow_all else "disallows it")
                    return Unreadable(item.kind, item.source, item.key, "robots",
                                      f"the site's robots.txt {why}; --ignore-robots if you have the site's permission", item.url)
                crawl_delay = float(rules.crawl_delay(ROBOTS_AGENT) or 0) or None
            final_url, html = polite.call(_host(item.url), get, delay_s=crawl_delay)  # type: ignore[misc]
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
