"""Issue 24 item 9: page URLs of every shape, IP literals above all, get an answer or a clear 400 from
/v1/outlet and /v1/analyze, and an answer or a clear error from the CLI; never a 500 or a traceback."""

import io
import json
import os
import sys

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from backstory import cli, outlet
from backstory.kb.names import domain_key
from conftest import SessionEngine

PAGE = ("<html><head><title>A note</title></head><body><article><h1>A note</h1><p>The council met on Tuesday "
        "and agreed the budget, officials said.</p></article></body></html>")
IP_URLS = {
    "http://[::1]/x": "[::1]",
    "http://[::ffff:1.2.3.4]/": "1.2.3.4",
    "https://[0:0:0:0:0:0:0:1]:8080/a?b=c": "[::1]",
    "http://[2001:DB8::1]/story": "[2001:db8::1]",
    "http://[fe80::1%25eth0]/": "[fe80::1]",
    "http://127.0.0.1:8765/x": "127.0.0.1",
    "http://1.2.3.4/": "1.2.3.4",
    "http://user:pw@[::1]:80/": "[::1]",
}


def post(client, path, body, auth):
    return client.post(path, data=json.dumps(body), content_type="application/json", headers=auth)


@pytest.mark.parametrize("url", sorted(IP_URLS))
def test_ip_literal_hosts_have_one_spelling(url):
    assert outlet.host_of(url) == IP_URLS[url]
    assert outlet.registered_domain(url) is None  # an address has no registered domain
    assert domain_key(url) == IP_URLS[url] and domain_key(IP_URLS[url]) == IP_URLS[url]


@pytest.mark.parametrize("url", sorted(IP_URLS))
def test_ip_literal_urls_are_answered_by_the_api(client, auth, url):
    r = post(client, "/v1/outlet", {"url": url}, auth)
    assert r.status_code == 200, r.get_data(as_text=True)
    assert r.get_json()["outlet"]["domain"] == IP_URLS[url]
    r = post(client, "/v1/analyze", {"url": url, "html": PAGE, "no_cache": True}, auth)
    assert r.status_code == 200, r.get_data(as_text=True)
    assert r.get_json()["outlet"]["domain"] == IP_URLS[url]


def test_a_note_on_an_ipv6_host_is_its_own(tmp_path):
    """'[::1]' is a key of its own: before, every IPv6 host folded to '' (and '[::1]' to '[')."""
    from backstory.kb.user import UserStore, normalise_target

    assert normalise_target("outlet:[::1]") == "outlet:[::1]"
    store = UserStore(tmp_path)
    store.add_note("outlet:[::1]", "my own test server")
    assert [n["text"] for n in store.notes_for("outlet:[0::1]")] == ["my own test server"]
    assert store.notes_for("outlet:[::2]") == []


@pytest.mark.parametrize("url", ["http://[::1]/x", "http://[::ffff:1.2.3.4]/"])
def test_ip_literal_urls_in_the_cli(engine, monkeypatch, capsys, url):
    import backstory.pipeline

    monkeypatch.setattr(backstory.pipeline, "Engine", SessionEngine(engine))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PAGE.encode())))
    code = cli.main(["check", "-", "--url", url, "--json", "--no-cache"])
    out = capsys.readouterr()
    assert code in (cli.EXIT_OK, cli.EXIT_NOT_ARTICLE), out.err  # (the page is short: maybe 'not an article')
    assert "Traceback" not in out.err
    assert json.loads(out.out)["outlet"]["domain"] == IP_URLS[url]


EXAMPLES = int(os.environ.get("BACKSTORY_FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=not os.environ.get("BACKSTORY_FUZZ_RANDOM"),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
HOSTS = st.one_of(
    st.ip_addresses(v=4).map(str),
    st.ip_addresses(v=6).map(lambda ip: f"[{ip}]"),
    st.ip_addresses(v=6).map(lambda ip: f"[{ip.exploded.upper()}]"),
    st.ip_addresses(v=4).map(lambda ip: f"[::ffff:{ip}]"),
    st.tuples(st.ip_addresses(v=6), st.from_regex(r"[a-z0-9%]{1,8}", fullmatch=True)).map(lambda t: f"[{t[0]}%25{t[1]}]"),
    st.from_regex(r"[a-z0-9][a-z0-9.-]{0,30}", fullmatch=True),
    st.from_regex(r"(www\.)?[a-z0-9-]{1,12}\.(com|co\.uk|github\.io|xn--p1ai|local)\.?", fullmatch=True),
    st.text(max_size=20),  # anything: brackets, colons, spaces, IDN, controls
    st.sampled_from(["[", "]", "[::1", "::1]", "[]", "[::1]]", "[v1.x]", "[::1]:", "0x7f.1", "2130706433", "%00",
                     "[::ffff:999.1.1.1]", "localhost.", "ex ample.com", "xn--", "münchen.de", "[fe80::1%eth0]"]),
)
PORTS = st.one_of(st.just(""), st.integers(0, 99_999).map(lambda p: f":{p}"), st.text(max_size=6).map(lambda t: f":{t}"))
URLS = st.builds(lambda scheme, user, host, port, path: f"{scheme}://{user}{host}{port}/{path}",
                 st.sampled_from(["http", "https", "HTTP", "ftp", ""]),
                 st.sampled_from(["", "user@", "user:pw@", "@"]), HOSTS, PORTS, st.text(max_size=12))


@FUZZ
@given(url=URLS)
@example(url="http://[::1]/x")
@example(url="http://[::ffff:1.2.3.4]/")
def test_fuzz_url_shapes(client, auth, url):
    for path, body in (("/v1/outlet", {"url": url}), ("/v1/analyze", {"url": url, "html": PAGE, "no_cache": True})):
        r = post(client, path, body, auth)
        assert r.status_code in (200, 400), (path, url, r.get_data(as_text=True)[:300])
        data = r.get_json()
        if r.status_code == 200:
            card = data["outlet"] if path == "/v1/outlet" else data["outlet"]
            assert isinstance(card["domain"], str) and card["domain"], (url, card)
        else:
            assert data["error"]["code"] == "bad_request"
