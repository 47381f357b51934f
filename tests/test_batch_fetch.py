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
