"""backstory batch --fetch: URL lists fetched with the safe fetcher, one request at a time per host, spaced."""

from __future__ import annotations

import pytest

from backstory.batch.fetching import fetched
from backstory.batch.inputs import Item, Unreadable

from batch_support import story_servers

DELAY = 0.3


@pytest.fixture()
def servers():
    """Two sites on this machine: 127.0.0.1 and 127.0.0.2 (both loopback)."""
    with story_servers("127.0.0.1", "127.0.0.2") as made:
        yield made


def _base(srv):
    host, port = srv.server_address[:2]
    return f"http://{host}:{port}"


def test_polite_per_host_and_parallel_across_hosts(servers):
    a, b = (_base(s) for s in servers)
    entries = [Item("urls", "urls.txt", f"{base}/story/{n}", f"{base}/story/{n}", None)
               for n in range(4) for base in (a, b)]
    entries.insert(3, Unreadable("urls", "urls.txt", "line 9", "bad_request", "not an http(s) URL"))
    entries.append(Item("urls", "urls.txt", f"{a}/missing", f"{a}/missing", None))
    got = list(fetched(entries, delay_s=DELAY, timeout_s=10, max_bytes=1_000_000, allow_private=True))
    assert len(got) == len(entries)  # nothing dropped
    pages = [e for e in got if isinstance(e, Item)]
    assert sorted(p.key for p in pages) == sorted(e.key for e in entries if isinstance(e, Item) and "story" in e.key)
    assert all(p.html and "Council" in p.html and p.url == p.key for p in pages)
    [missing] = [e for e in got if isinstance(e, Unreadable) and e.key.endswith("/missing")]
    assert missing.code == "fetch" and "404" in missing.message
    assert any(isinstance(e, Unreadable) and e.key == "line 9" for e in got)
    log = sorted(servers[0].log + servers[1].log, key=lambda r: r[2])
    for host in ("127.0.0.1", "127.0.0.2"):
        visits = [r for r in log if r[0] == host]
        for before, after in zip(visits, visits[1:]):
            assert after[2] >= before[3] + DELAY * 0.9, "two requests to one host closer than the delay"
    # the two hosts were fetched at the same time, not one after the other
    first_b = min(r[2] for r in log if r[0] == "127.0.0.2")
    last_a = max(r[2] for r in log if r[0] == "127.0.0.1")
    assert first_b < last_a


def test_private_addresses_refused_without_allow_private(servers):
    url = f"{_base(servers[0])}/story/1"
    [got] = fetched([Item("urls", "urls.txt", url, url, None)], delay_s=0, timeout_s=5, max_bytes=1_000_000)
    assert isinstance(got, Unreadable) and got.code == "fetch" and "loopback" in got.message
    assert servers[0].log == []


def _items(base, paths):
    return [Item("urls", "urls.txt", f"{base}{p}", f"{base}{p}", None) for p in paths]


def test_robots_txt_is_read_once_and_obeyed(servers):
    srv = servers[0]
    srv.robots = "User-agent: *\nDisallow: /story/2\n\nUser-agent: Backstory\nDisallow: /story/3\nCrawl-delay: 1\n"
    got = list(fetched(_items(_base(srv), ["/story/1", "/story/2", "/story/3", "/story/4"]), delay_s=0, timeout_s=5,
                       max_bytes=1_000_000, allow_private=True))
    codes = {e.key.rsplit("/", 1)[1]: (e.code if isinstance(e, Unreadable) else "ok") for e in got}
    assert codes == {"1": "ok", "2": "ok", "3": "robots", "4": "ok"}  # our own group, not '*', applies to us
    assert [p for _, p, _, _ in srv.log] == ["/robots.txt", "/story/1", "/story/2", "/story/4"]
    # Crawl-delay: 1 s between requests, although the run's delay is 0 (Python's parser reads whole seconds only)
    starts = [start for _, p, start, _ in srv.log[1:]]
    ends = [end for _, p, _, end in srv.log[1:]]
    assert all(b >= a + 0.95 for a, b in zip(ends, starts[1:]))
    [refused] = [e for e in got if isinstance(e, Unreadable)]
    assert "robots.txt disallows it" in refused.message and "--ignore-robots" in refused.message


def test_robots_txt_server_error_means_nothing_is_fetched(servers):
    srv = servers[0]
    srv.robots = (503, b"busy")
    got = list(fetched(_items(_base(srv), ["/story/1"]), delay_s=0, timeout_s=5, max_bytes=1_000_000, allow_private=True))
    assert got[0].code == "robots" and "503" in got[0].message
    assert [p for _, p, _, _ in srv.log] == ["/robots.txt"]
    again = list(fetched(_items(_base(srv), ["/story/1"]), delay_s=0, timeout_s=5, max_bytes=1_000_000, allow_private=True,
                         robots=False))
    assert isinstance(again[0], Item)  # --ignore-robots
