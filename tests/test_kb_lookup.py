"""The online lookup against a local mock of Wikidata's action API (tests/wikidata_mock.py) on 127.0.0.1.

Every online path goes through a real socket to the mock: the client's rules (hosts, redirects, size,
time, retries) run for real. Socket guards prove that `off` and offline mode open no connection at all,
and the mock's request log proves that only the name and the language leave the machine.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from backstory.kb import KnowledgeBase
from backstory.kb.lookup import CACHE_FILE, USER_AGENT, LookupConfigError, check_api_url
from backstory.kb.service import KbService, LookupOff
from backstory.kb.store import RecordStore
from backstory.settings import Settings
from wikidata_mock import MockWikidata

ROOT = Path(__file__).resolve().parents[1]
SENATOR = {"kind": "person", "name": "John Smith", "role": "Republican senator from Ohio", "orgs": [],
           "outlet_domain": "example-news.com", "date": "2024-05-01", "language": "en"}
ECONOMIST = {"kind": "person", "name": "John Smith", "role": "economist at the Fraser Example Institute", "orgs": [],
             "outlet_domain": "example-news.ca", "date": "2022-11-20", "language": "en"}
ORG = {"kind": "organisation", "name": "Fraser Example Institute", "language": "en"}
# what may appear in a request to Wikidata: the API's own parameters, the name and the language
ALLOWED_PARAMS = {"action", "search", "language", "uselang", "type", "limit", "format", "ids", "props", "languages", "sitefilter"}


@pytest.fixture()
def mock():
    with MockWikidata() as server:
        yield server


def _settings(tmp_path: Path, url: str, **overrides) -> Settings:
    values = {"data_dir": str(tmp_path / "data"), "cache_dir": str(tmp_path / "cache"), "config_dir": str(tmp_path / "config"),
              "wikidata_api_url": url, **{k: v for k, v in overrides.items()}}
    return Settings.load(values, environ={})


def _service(tmp_path: Path, url: str, **overrides) -> KbService:
    settings = _settings(tmp_path, url, **overrides)
    return KbService(settings, KnowledgeBase.load(user_dir=settings.data_dir))


def _validate(body: dict, path: str) -> None:
    """An answer of a route against its 200 schema in openapi.yaml."""
    import jsonschema
    import yaml

    spec = yaml.safe_load((ROOT / "sidecar" / "backstory" / "openapi.yaml").read_text())
    schema = spec["paths"][path]["post"]["responses"]["200"]["content"]["application/json"]["schema"]
    jsonschema.validate(body, {**schema, "components": spec["components"]}, cls=jsonschema.Draft202012Validator)


class NoSockets:
    """Any attempt to open a TCP or UDP socket (or to resolve a name) fails the test."""

    def __init__(self, monkeypatch) -> None:
        self.tries: list = []

        def refuse(*args, **kwargs):
            self.tries.append(args)
            raise AssertionError(f"a connection was attempted: {args[:2]}")
        monkeypatch.setattr(socket.socket, "connect", lambda self, addr: refuse(addr))
        monkeypatch.setattr(socket, "create_connection", refuse)
        monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_lookup_finds_matches_and_cites_every_fact(tmp_path, mock):
    service = _service(tmp_path, mock.url)
    answers = service.lookup([SENATOR, ECONOMIST, ORG])
    _validate({"lookup": service.header(), "items": answers}, "/v1/lookup")
    senator, economist, org = answers
    assert senator["status"] == "ok" and senator["message"] is None
    kb = senator["kb"]
    assert kb["match"] == "exact" and kb["id"] == "wikidata:Q99000101", kb["why"]
    assert kb["who"].startswith("United States senator (Ohio), since 2015-01-03")
    assert kb["url"] == "https://www.wikidata.org/wiki/Q99000101"
    props = {f["property"] for f in kb["facts"]}
    assert {"description", "position", "party", "occupation", "citizenship", "wikipedia"} <= props
    for fact in kb["facts"]:
        (src,) = fact["sources"]
        assert src["url"] == "https://www.wikidata.org/wiki/Q99000101" and src["license"] == "CC0 1.0"
        assert src["layer"] == "wikidata" and src["retrieved"] and src["date"] == src["retrieved"]
        assert src["property"] in ("description", "P39", "P102", "P106", "P27", "sitelink", "P108", "P569")
    position = next(f for f in kb["facts"] if f["property"] == "position")
    assert position["at_article_date"] is True and position["start"] == "2015-01-03"
    assert economist["kb"]["id"] == "wikidata:Q99000103"
    assert org["kb"]["match"] == "exact" and org["kb"]["who"] == "Canadian think tank (test fixture)"


def test_only_the_name_and_language_leave_the_machine(tmp_path, mock):
    service = _service(tmp_path, mock.url)
    service.lookup([SENATOR, ECONOMIST, ORG])
    assert mock.requests
    sent = json.dumps(mock.requests)
    for secret in ("Republican", "senator", "example-news", "2024-05-01", "Fraser Example Institute\"", "economist", "Ohio"):
        assert secret not in sent.replace('"search": "Fraser Example Institute"', ""), secret
    for params in mock.requests:
        assert set(params) <= ALLOWED_PARAMS
        if params["action"] == "wbsearchentities":
            assert params["search"] in ("John Smith", "Fraser Example Institute") and params["language"] == "en"
    assert all(h["User-Agent"] == USER_AGENT and h["User-Agent"].startswith("Backstory/") for h in mock.headers)


def test_one_round_per_page(tmp_path, mock):
    """Searches for each distinct name, then one wbgetentities for all candidates and one for labels."""
    service = _service(tmp_path, mock.url)
    service.lookup([SENATOR, ECONOMIST, ORG, dict(SENATOR)])
    actions = [r["action"] for r in mock.requests]
    searches = actions.count("wbsearchentities")
    # 'John Smith' (a label as written: no other spelling searched) and 'Fraser Example Institute'; the repeat is not searched again
    assert searches == 2
    assert actions[searches:] == ["wbgetentities", "wbgetentities"]
    assert "claims" in mock.requests[searches]["props"] and mock.requests[searches + 1]["props"] == "labels"


def test_other_spellings_are_searched_only_when_needed(tmp_path, mock):
    service = _service(tmp_path, mock.url)
    service.lookup([{"kind": "person", "name": "Bill Hartman"}, {"kind": "person", "name": "Minghua Zhang"}])
    searched = [r["search"] for r in mock.requests if r["action"] == "wbsearchentities"]
    assert searched == ["Bill Hartman", "William Hartman", "Hartman Bill", "Minghua Zhang", "Zhang Minghua"]


def test_cached_answer_is_reused_offline_with_no_connection(tmp_path, mock, monkeypatch):
    first = _service(tmp_path, mock.url).lookup([SENATOR])[0]
    guard = NoSockets(monkeypatch)
    again = _service(tmp_path, mock.url, offline=True).lookup([SENATOR, dict(SENATOR, name="Zebulon Quixote")])
    assert again[0]["status"] == "cached" and again[0]["kb"] == first["kb"]
    assert again[1]["status"] == "offline" and "offline mode" in again[1]["message"]
    assert guard.tries == []
    # and the analysis-side knowledge base reads the cache too (a card painted later already knows)
    kb = KnowledgeBase.load(user_dir=tmp_path / "data")
    assert kb.person("John Smith", role="Republican senator from Ohio", date="2024-05-01")["id"] == "wikidata:Q99000101"


def test_off_refuses_and_opens_no_connection(tmp_path, monkeypatch):
    guard = NoSockets(monkeypatch)
    service = _service(tmp_path, "https://www.wikidata.org/w/api.php", people_lookup="off")
    with pytest.raises(LookupOff, match="off"):
        service.lookup([SENATOR])
    assert guard.tries == [] and not (tmp_path / "data" / CACHE_FILE).exists()


def test_offline_mode_opens_no_connection(tmp_path, monkeypatch):
    guard = NoSockets(monkeypatch)
    answers = _service(tmp_path, "https://www.wikidata.org/w/api.php", offline=True).lookup([SENATOR, ORG])
    assert [a["status"] for a in answers] == ["offline", "offline"] and guard.tries == []


@pytest.mark.parametrize("url, ok", [
    ("https://www.wikidata.org/w/api.php", True), ("http://127.0.0.1:9/w/api.php", True), ("http://[::1]:9/api", True),
    ("http://localhost:9/api", True), ("http://www.wikidata.org/w/api.php", False), ("http://10.0.0.1/api", False),
    ("ftp://www.wikidata.org/", False), ("https:///nohost", False), ("http://127.0.0.1:99999/", False),
])
def test_plain_http_only_to_loopback(url, ok):
    if ok:
        assert check_api_url(url) == url
    else:
        with pytest.raises(LookupConfigError):
            check_api_url(url)


def test_redirect_off_host_is_refused(tmp_path, mock):
    mock.redirect_to = "https://elsewhere.example/w/api.php"
    (answer,) = _service(tmp_path, mock.url).lookup([SENATOR])
    assert answer["status"] == "failed" and "redirected to another host" in answer["message"]
    assert answer["kb"]["match"] != "exact"  # nothing from nowhere
    assert len(mock.requests) == 1  # the redirect was not followed


def test_same_host_redirect_is_followed(tmp_path, mock):
    mock.redirect_to = mock.url.replace("/w/api.php", "/w/api.php?moved=1")
    service = _service(tmp_path, mock.url)
    mock_requests = mock.requests

    # the mock redirects every request: after MAX_REDIRECTS the client gives up with a clear message
    (answer,) = service.lookup([SENATOR])
    assert answer["status"] == "failed" and "redirect" in answer["message"]
    assert len(mock_requests) == 4  # the first request and three redirects, all to the same host


def test_oversize_answer_is_refused(tmp_path, mock):
    mock.oversize = True
    (answer,) = _service(tmp_path, mock.url, lookup_max_bytes=1_000_000).lookup([SENATOR])
    assert answer["status"] == "failed" and "byte limit" in answer["message"]


def test_compressed_answer_is_capped_after_inflating(tmp_path, mock):
    mock.gzip_bomb = True
    (answer,) = _service(tmp_path, mock.url, lookup_max_bytes=1_000_000).lookup([SENATOR])
    assert answer["status"] == "failed" and "byte limit" in answer["message"]


def test_slow_answer_times_out(tmp_path, mock):
    mock.slow_s = 2.0
    (answer,) = _service(tmp_path, mock.url, lookup_timeout_s=0.3).lookup([SENATOR])
    assert answer["status"] == "failed" and "did not answer" in answer["message"]


def test_malformed_json_is_a_failed_lookup(tmp_path, mock):
    mock.malformed = True
    (answer,) = _service(tmp_path, mock.url).lookup([SENATOR])
    assert answer["status"] == "failed" and "not valid JSON" in answer["message"]
    assert answer["kb"]["facts"] == []


def test_429_and_503_are_retried_with_backoff(tmp_path, mock, monkeypatch):
    waits = []
    monkeypatch.setattr("backstory.kb.lookup.time.sleep", waits.append)
    mock.statuses = [429, 503]
    (answer,) = _service(tmp_path, mock.url).lookup([SENATOR])
    assert answer["status"] == "ok" and answer["kb"]["id"] == "wikidata:Q99000101"
    assert waits == [1.0, 2.0]  # backoff doubles; Retry-After: 0 never shortens it


def test_busy_after_every_retry_fails_clearly(tmp_path, mock, monkeypatch):
    monkeypatch.setattr("backstory.kb.lookup.time.sleep", lambda s: None)
    mock.statuses = [503] * 10
    (answer,) = _service(tmp_path, mock.url).lookup([SENATOR])
    assert answer["status"] == "failed" and "HTTP 503" in answer["message"]


@pytest.mark.parametrize("body, message", [
    ({"items": []}, "non-empty list"), ({"items": "x"}, "non-empty list"), ({"items": [{"name": ""}]}, "items[0].name"),
    ({"items": [{"name": "A B", "kind": "place"}]}, "kind"), ({"items": [{"name": "A B", "date": "May 2024"}]}, "date"),
    ({"items": [{"name": "A B", "language": "english!"}]}, "language"), ({"items": [{"name": "A B", "orgs": "X"}]}, "orgs"),
    ({"items": [{"name": "A B"}] * 101}, "at most 100"),
])
def test_bad_lookup_bodies_are_400(client, auth, body, message):
    r = client.post("/v1/lookup", json=body, headers=auth)
    assert r.status_code == 400 and message in r.get_json()["error"]["message"]


def test_lookup_route_and_analysis_unharmed_by_a_failed_lookup(tmp_path, settings, seed_html, auth, mock):
    """A broken Wikidata answer: the lookup says it failed; the analysis answers as before."""
    from backstory.pipeline import Engine
    from backstory.server import create_app
    from conftest import SEED_URL, TOKEN

    mock.malformed = True
    local = replace(settings, wikidata_api_url=mock.url, data_dir=tmp_path / "data", cache_dir=tmp_path / "cache")
    engine = Engine(local, use_cache=False)
    try:
        client = create_app(local, engine=engine, token=TOKEN).test_client()
        r = client.post("/v1/lookup", json={"items": [SENATOR]}, headers=auth)
        assert r.status_code == 200
        body = r.get_json()
        assert body["lookup"]["host"] == f"127.0.0.1:{mock.server.server_address[1]}"
        assert "Only the name" in body["lookup"]["sends"]
        assert body["items"][0]["status"] == "failed"
        _validate(body, "/v1/lookup")
        doc = client.post("/v1/analyze", json={"url": SEED_URL, "html": seed_html}, headers=auth).get_json()
        assert [c["name"] for c in doc["cited"]] == ["Andrew Korybko"] and doc["cited"][0]["kb"]["match"] == "exact"
    finally:
        engine.close()


def test_lookup_off_is_403(tmp_path, settings, auth):
    from backstory.pipeline import Engine
    from backstory.server import create_app
    from conftest import TOKEN

    off = replace(settings, people_lookup="off", data_dir=tmp_path / "data")
    engine = Engine(off, use_cache=False)
    try:
        client = create_app(off, engine=engine, token=TOKEN).test_client()
        r = client.post("/v1/lookup", json={"items": [SENATOR]}, headers=auth)
        assert r.status_code == 403 and r.get_json()["error"]["code"] == "lookup_off"
    finally:
        engine.close()


def test_cards_offer_the_lookup_per_mode(engine, seed_html):
    from conftest import SEED_URL

    doc = engine.analyze(SEED_URL, seed_html, use_cache=False)
    assert doc["lookup"]["mode"] == "on-request" and doc["lookup"]["host"] == "www.wikidata.org"
    request = doc["cited"][0]["lookup_request"]
    assert request == {"kind": "person", "name": "Andrew Korybko", "role": "political analyst", "orgs": [],
                       "outlet_domain": "globalresearch.ca", "date": "2025-03-18", "language": "en"}
    assert all(o["lookup_request"]["kind"] == "organisation" for o in doc["organisations"])
    original = engine.settings
    engine.settings = replace(original, people_lookup="off")
    try:
        off = engine.analyze(SEED_URL, seed_html, use_cache=False)
    finally:
        engine.settings = original
    assert off["lookup"]["mode"] == "off"
    assert all(c["lookup_request"] is None for c in off["cited"] + off["authors"] + off["organisations"])


def test_decision_confirms_and_rejects(tmp_path, mock):
    service = _service(tmp_path, mock.url)
    unsure = service.lookup([dict(SENATOR, role=None)])[0]["kb"]
    assert unsure["match"] == "possible" and unsure["facts"] == [] and len(unsure["candidates"]) >= 2
    chosen = unsure["candidates"][1]["id"]
    result = service.decision({"name": "John Smith", "id": chosen, "decision": "confirm"})
    assert result["note"]["target"] == "person:John Smith" and chosen.split(":")[1] in result["note"]["text"]
    kb = KnowledgeBase.load(user_dir=tmp_path / "data")
    confirmed = kb.person("John Smith")
    assert confirmed["match"] == "exact" and confirmed["id"] == chosen and "confirmed" in confirmed["why"] and confirmed["facts"]
    service.decision({"name": "John Smith", "id": "wikidata:Q99000101", "decision": "reject"})
    kb = KnowledgeBase.load(user_dir=tmp_path / "data")
    assert kb.person("John Smith", role="Republican senator from Ohio", date="2024-05-01")["id"] != "wikidata:Q99000101"
    for bad in ({"name": "John Smith", "id": "x y", "decision": "confirm"}, {"name": "", "id": chosen, "decision": "confirm"},
                {"name": "John Smith", "id": chosen, "decision": "maybe"}):
        with pytest.raises(Exception, match="must"):
            service.decision(bad)


def test_decision_route(client, auth):
    r = client.post("/v1/kb/decision", json={"name": "Ann Example", "id": "wikidata:Q42", "decision": "reject"}, headers=auth)
    assert r.status_code == 200 and r.get_json()["decision"] == "reject"
    _validate(r.get_json(), "/v1/kb/decision")
    r = client.post("/v1/kb/decision", json={"name": "Ann Example", "id": "wikidata:Q42", "decision": "?"}, headers=auth)
    assert r.status_code == 400


def test_refresh_renews_old_answers(tmp_path, mock):
    service = _service(tmp_path, mock.url)
    service.lookup([SENATOR])
    before = len(mock.requests)
    assert service.refresh(older_than_days=1) == {"renewed": 0, "failed": 0}  # nothing is a day old yet
    done = service.refresh(older_than_days=0)
    assert done["renewed"] == 1 and len(mock.requests) > before


def test_cli_check_lookup_puts_answers_in_the_json(tmp_path, mock, monkeypatch, capsys):
    from backstory.cli import main

    monkeypatch.setenv("BACKSTORY_WIKIDATA_API_URL", mock.url)
    for key in ("data_dir", "cache_dir", "config_dir"):
        monkeypatch.setenv(f"BACKSTORY_{key.upper()}", str(tmp_path / key))
    page = ROOT / "tests" / "fixtures" / "globalresearch-cpc-attack.html"
    assert main(["check", str(page), "--json", "--lookup", "--no-cache"]) == 0
    doc = json.loads(capsys.readouterr().out)
    looked = [c for c in doc["authors"] + doc["cited"] + doc["organisations"] if "lookup" in c]
    assert looked and all(c["lookup"]["status"] == "ok" for c in looked)
    assert {r["search"] for r in mock.requests if r["action"] == "wbsearchentities"} >= {"Andrew Korybko", "Lucas Leiroz"}
    # the curated people keep every fact they had: the lookup found no one else of their names
    assert doc["cited"][0]["kb"]["match"] == "exact" and doc["cited"][0]["kb"]["id"] == "andrew-korybko"


def test_cache_survives_kill_9_while_writing(tmp_path, mock):
    """A process saving lookups is killed with SIGKILL: every answer it finished saving is still there."""
    script = textwrap.dedent(f"""
        import sys
        sys.path[:0] = [{str(ROOT / 'tests')!r}, {str(ROOT / 'sidecar')!r}]
        from pathlib import Path
        from backstory.kb.store import RecordStore
        store = RecordStore(Path({str(tmp_path / CACHE_FILE)!r}), writable=True)
        i = 0
        while True:
            rec = {{"qid": f"Q{{1000 + i}}", "kind": "person", "label": f"Person {{i}} Example", "aliases": [],
                    "names": [["person", ["example"]]]}}
            store.save([(rec, "2026-12-01", "2026-12-01")], {{}}, "2026-12-01", {{(f"person {{i}}", "en"): [rec["qid"]]}})
            print(i, flush=True)
            i += 1
    """)
    done = _kill_after(script, 200)
    store = RecordStore(tmp_path / CACHE_FILE)
    assert store.counts()["people"] >= done + 1
    assert all(store.search(f"person {i}", "en") == ([f"Q{1000 + i}"], "2026-12-01") for i in range(done + 1))


def test_seed_page_cards_keep_every_fact_they_had(seed_doc):
    """Every fact the seed page's person and bio-claim cards showed before issue 25 is still shown, same source,
    unless every source it had is one the curated-sources check refuses (a mirror, scraper copy or aggregator,
    issue 25's "Sources of curated facts"): a fact with no canonical source is dropped, never kept on a copy."""
    from urllib.parse import urlsplit

    from backstory.domains import site_of
    from backstory.kb.sources import WIKIPEDIA_SITE, load_allowed

    allowed = load_allowed()
    before = json.loads((ROOT / "tests" / "fixtures" / "kb" / "seed-facts-before.json").read_text())["cards"]
    now = {c["name"]: c["kb"] for c in seed_doc["authors"] + seed_doc["cited"]}
    for author in seed_doc["authors"]:
        for claim in (author.get("bio") or {}).get("claims", ()):
            now["claim:" + claim["text"]] = claim["kb"]
    for key, card in before.items():
        assert now[key]["match"] == card["match"] and now[key]["id"] == card["id"], key
        # a source's address may have been made canonical (tracking parameters dropped): the fact is what must stay
        shown = {(f["property"], f["value"], f["claim"]) for f in now[key]["facts"]}
        kept = 0
        for fact in card["facts"]:
            # refused for where it is, not for how it was named: its site is neither Wikipedia nor an allowed source
            refused = all(site_of(urlsplit(u).hostname or "") not in (*allowed.sites, WIKIPEDIA_SITE) for u in fact["urls"])
            if (fact["property"], fact["value"], fact["claim"]) in shown:
                kept += 1
            else:
                assert fact["urls"] and refused, (key, fact["claim"])
        assert kept or not card["facts"], key


def test_offline_mode_refuses_to_fetch_a_url(tmp_path, monkeypatch, capsys):
    from backstory.cli import main

    guard = NoSockets(monkeypatch)
    monkeypatch.setenv("BACKSTORY_OFFLINE", "true")
    monkeypatch.setenv("BACKSTORY_CONFIG_DIR", str(tmp_path))
    assert main(["check", "https://www.example.org/story"]) == 1
    assert "offline mode" in capsys.readouterr().err and guard.tries == []


@pytest.mark.parametrize("raw, value", [("true", True), ("1", True), ("off", False), ("no", False)])
def test_offline_setting_reads_words(raw, value, tmp_path):
    assert Settings.load({"config_dir": str(tmp_path)}, environ={"BACKSTORY_OFFLINE": raw}).offline is value


def test_bad_lookup_settings_are_clear_errors(tmp_path):
    from backstory.errors import ConfigError

    with pytest.raises(ConfigError, match="people_lookup"):
        Settings.load({"config_dir": str(tmp_path)}, environ={"BACKSTORY_PEOPLE_LOOKUP": "sometimes"})
    with pytest.raises(ConfigError, match="offline"):
        Settings.load({"config_dir": str(tmp_path)}, environ={"BACKSTORY_OFFLINE": "perhaps"})
    with pytest.raises(ConfigError, match="wikidata_api_url"):
        _service(tmp_path, "http://www.wikidata.org/w/api.php")


def test_organisation_cards_of_the_seed_page(seed_doc):
    orgs = {o["name"]: o for o in seed_doc["organisations"]}
    assert orgs["Center for Geostrategic Studies"]["named_in"] == [{"person": "Lucas Leiroz", "as": "bio"}]
    assert orgs["Center for Geostrategic Studies"]["kb"]["facts"] and orgs["Center for Geostrategic Studies"]["outlet"] is None
    research = orgs["Global Research"]
    assert research["outlet"]["domain"] == "globalresearch.ca" and research["outlet"]["ratings"]
    assert all(r["date"] and r["rater"] for r in research["outlet"]["ratings"])


def test_decisions_and_their_notes_survive_kill_9(tmp_path):
    """A process recording decisions is killed with SIGKILL: each decision it finished is still there, and as a note."""
    script = textwrap.dedent(f"""
        import sys
        sys.path[:0] = [{str(ROOT / 'sidecar')!r}]
        from pathlib import Path
        from backstory.kb import KnowledgeBase
        kb = KnowledgeBase.load(user_dir=Path({str(tmp_path)!r}))
        i = 0
        while True:
            kb.record_decision(f"Person Number{{i}}", f"wikidata:Q{{100 + i}}", "confirm")
            print(i, flush=True)
            i += 1
    """)
    done = _kill_after(script, 15)
    kb = KnowledgeBase.load(user_dir=tmp_path)
    assert kb.warnings == []
    for i in range(done + 1):
        assert kb.decisions_for(f"Person Number{i}") == ({f"wikidata:Q{100 + i}"}, set())
        assert any(f"Q{100 + i}" in n["text"] for n in kb.notes_for(f"person:Person Number{i}"))


@pytest.mark.parametrize("mode, flag, looked_up", [("automatic", [], True), ("off", ["--lookup"], False)])
def test_cli_check_follows_the_lookup_mode(tmp_path, mock, monkeypatch, capsys, mode, flag, looked_up):
    from backstory.cli import main

    monkeypatch.setenv("BACKSTORY_WIKIDATA_API_URL", mock.url)
    monkeypatch.setenv("BACKSTORY_PEOPLE_LOOKUP", mode)
    for key in ("data_dir", "cache_dir", "config_dir"):
        monkeypatch.setenv(f"BACKSTORY_{key.upper()}", str(tmp_path / key))
    page = ROOT / "tests" / "fixtures" / "globalresearch-cpc-attack.html"
    assert main(["check", str(page), "--json", "--no-cache", *flag]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert bool(mock.requests) is looked_up
    assert all(("lookup" in c) is looked_up for c in doc["cited"] + doc["authors"])
    if not looked_up:
        assert doc["lookup"]["mode"] == "off" and all(c["lookup_request"] is None for c in doc["cited"])


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"decisions": "oops"}', '{"decisions": {"john smith": "x"}}', "[" * 100000])
def test_a_broken_decisions_file_is_ignored(tmp_path, content):
    (tmp_path / "kb-decisions.json").write_text(content)
    kb = KnowledgeBase.load(user_dir=tmp_path)
    assert kb.decisions_for("John Smith") == (set(), set())
    assert kb.person("Maria Cantwell", role="senator", date="2025-01-01")["match"] == "exact"
    with pytest.raises(ValueError, match="nothing was changed"):
        kb.record_decision("John Smith", "wikidata:Q1", "confirm")
    assert (tmp_path / "kb-decisions.json").read_text() == content


def _kill_after(script: str, writes: int) -> int:
    """Run ``script`` (which prints a counter after each write) and SIGKILL it once it has printed ``writes``;
    return the last counter it printed."""
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    done = -1
    for line in proc.stdout:
        done = int(line)
        if done >= writes:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    return done
