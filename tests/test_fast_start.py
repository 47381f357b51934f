"""Issue 27, fast start: the sidecar answers /v1/health (saying it is starting and what it loads) and
/v1/outlet while the analysis process loads; /v1/analyze waits for it; `backstory serve` says on stdout
what it is loading. Interface 1 of the coordination notes: ready, state, loading."""

import dataclasses
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import jsonschema
import pytest

from conftest import SEED_URL, TOKEN
from test_openapi import schema

sys.path.insert(0, str(Path(__file__).parent / "security"))  # (the stand-in analysis processes live there)
from security_helpers import STANDIN_MODEL, backstory_exe, call, free_port, serve_env, slow_start_child  # noqa: E402


def post(client, path, body, auth):
    return client.post(path, data=json.dumps(body), content_type="application/json", headers=auth)


@pytest.fixture()
def starting(settings, tmp_path):
    """An app whose analysis process is still loading until data_dir/go exists."""
    from backstory.server import create_app
    from backstory.worker import WorkerEngine

    (tmp_path / "data").mkdir()
    own = dataclasses.replace(settings, cache_dir=tmp_path / "cache", data_dir=tmp_path / "data", config_dir=tmp_path / "config")
    engine = WorkerEngine(own, wait=False, target=slow_start_child)
    yield create_app(own, engine=engine, token=TOKEN).test_client(), engine, tmp_path / "data" / "go"
    engine.close()


def test_health_outlet_and_analyze_while_starting(starting, auth):
    client, engine, go = starting
    health = client.get("/v1/health", headers=auth).get_json()
    assert health == {"ok": True, "ready": False, "state": "starting", "loading": health["loading"],
                      "version": health["version"], "pipeline_version": None, "model": None}
    jsonschema.validate(health, schema("Health"), cls=jsonschema.Draft202012Validator)  # (openapi.yaml says so too)
    deadline = time.monotonic() + 60  # (the stand-in says what it loads as soon as it runs)
    while client.get("/v1/health", headers=auth).get_json()["loading"] != "a stand-in model":
        assert time.monotonic() < deadline
        time.sleep(0.05)
    r = post(client, "/v1/outlet", {"url": SEED_URL}, auth)  # the server's own knowledge base: no model needed
    assert r.status_code == 200 and r.get_json()["outlet"]["domain"] == "globalresearch.ca"

    answers = []
    waiting = threading.Thread(target=lambda: answers.append(post(client, "/v1/analyze", {"url": SEED_URL, "html": "<p>x</p>"}, auth)))
    waiting.start()
    waiting.join(1.0)
    assert waiting.is_alive() and not answers  # /v1/analyze waits for the model …
    assert client.get("/v1/health", headers=auth).get_json()["state"] == "starting"
    go.touch()
    waiting.join(60)
    assert answers and answers[0].status_code == 200  # … and then answers
    health = client.get("/v1/health", headers=auth).get_json()
    assert health["ready"] is True and health["state"] == "ready" and health["loading"] is None
    assert health["model"] == STANDIN_MODEL and health["pipeline_version"]


def test_a_withdrawn_request_does_not_wait_for_the_start(starting):
    _, engine, _ = starting
    from backstory.errors import Cancelled

    with pytest.raises(Cancelled):
        engine.analyze(SEED_URL, "<p>x</p>", cancelled=lambda: True)


def test_serve_answers_while_the_model_loads(tmp_path, seed_html):
    """The real `backstory serve`: its first health answer says 'starting' (before, nothing answered until
    the model was loaded, 6-20 s), the outlet card comes before the model, stdout says what loads."""
    port = free_port()
    proc = subprocess.Popen([backstory_exe(), "serve"], env=serve_env(tmp_path, port) | {"PYTHONUNBUFFERED": "1"},
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True).start()
    try:
        deadline = time.monotonic() + 180  # (a hang guard for a loaded machine, not a performance check)
        first = None
        while first is None:
            assert proc.poll() is None and time.monotonic() < deadline, "".join(lines)
            try:
                first = call(port, "/v1/health", timeout=5)[1]
            except OSError:
                time.sleep(0.05)
        assert first["state"] == "starting" and first["ready"] is False and first["model"] is None, first
        status, body = call(port, "/v1/outlet", {"url": SEED_URL}, timeout=60)
        assert status == 200 and body["outlet"]["domain"] == "globalresearch.ca"
        status, doc = call(port, "/v1/analyze", {"url": SEED_URL, "html": seed_html}, timeout=180)  # waits for the model
        assert status == 200 and [c["name"] for c in doc["cited"]] == ["Andrew Korybko"]
        health = call(port, "/v1/health")[1]
        assert health["state"] == "ready" and health["model"] and health["pipeline_version"] == doc["pipeline_version"]
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    out = "".join(lines)
    assert "listening on" in out and "loading the spaCy model" in out and "ready in" in out, out
    assert out.index("listening on") < out.index("loading the spaCy model") < out.index("ready in")


def test_serve_stops_with_a_clear_error_when_the_model_is_missing(tmp_path):
    port = free_port()
    env = serve_env(tmp_path, port) | {"BACKSTORY_MODEL": "no_such_model_xyz"}
    out = subprocess.run([backstory_exe(), "serve"], env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 1
    assert "backstory: error: spaCy model 'no_such_model_xyz' is not installed" in out.stderr
    assert "Traceback" not in out.stderr + out.stdout


def test_the_server_process_never_imports_spacy_or_trafilatura():
    """What the server process imports for health and the outlet card (the knowledge base, the outlet
    stage's host rules, the cards) leaves the extract stage and spaCy to the analysis process: importing
    them took seconds of the start (spaCy ~1 s, the extract stage with trafilatura ~0.8 s on a busy machine)."""
    code = ("import sys\n"
            "import backstory.cli, backstory.server, backstory.worker\n"
            "from backstory import cards, outlet\n"
            "from backstory.kb import KnowledgeBase\n"
            "outlet.identify_url('https://www.globalresearch.ca/x')\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc', 'trafilatura', 'htmldate') "
            "or m == 'backstory.extract'))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0 and out.stdout.strip() == "[]", out.stdout[:500] + out.stderr[-2000:]


def test_check_loads_only_what_one_analysis_needs(tmp_path):
    """`backstory check` runs one analysis: no web server, no knowledge-base commands, no warm-up analysis
    (the sidecar warms up so that its first page is fast; a single check would only pay twice)."""
    page = Path(__file__).parent / "fixtures" / "globalresearch-cpc-attack.html"
    code = ("import sys\n"
            "from backstory import cli\n"
            f"code = cli.main(['check', {str(page)!r}, '--no-cache', '--json'])\n"
            "unwanted = ('flask', 'waitress', 'backstory.kb.cli', 'backstory.warmup', 'backstory.server', 'backstory.worker')\n"
            "print('LOADED', code, sorted(m for m in sys.modules if m in unwanted))\n")
    env = {**serve_env(tmp_path, 1), "PYTHONUNBUFFERED": "1"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600, env=env)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "LOADED 0 []"


def test_lookup_and_decision_answer_while_the_model_loads(settings, tmp_path, auth):
    """The server's knowledge base loads behind its first answers: the lookup service must use it once
    loaded (it was handed the worker's knowledge base of the moment, None, and every lookup was a 500)."""
    from backstory.server import create_app
    from backstory.worker import WorkerEngine

    (tmp_path / "data").mkdir()
    own = dataclasses.replace(settings, cache_dir=tmp_path / "cache", data_dir=tmp_path / "data",
                              config_dir=tmp_path / "config", offline=True, people_lookup="on-request")
    engine = WorkerEngine(own, wait=False, target=slow_start_child)  # (its model waits for data/go: never made here)
    try:
        assert engine.kb is None
        client = create_app(own, engine=engine, token=TOKEN).test_client()
        item = {"kind": "person", "name": "Andrew Korybko", "role": "political analyst", "orgs": [],
                "outlet_domain": "globalresearch.ca", "date": None, "language": "en"}
        r = post(client, "/v1/lookup", {"items": [item]}, auth)
        assert r.status_code == 200, r.get_json()
        answer = r.get_json()["items"][0]
        assert answer["name"] == "Andrew Korybko" and answer["status"] == "offline" and answer["kb"]["match"]
        assert client.get("/v1/health", headers=auth).get_json()["state"] == "starting"  # (the model never loaded)
        r = post(client, "/v1/kb/decision", {"name": "Andrew Korybko", "id": "wikidata:Q1", "decision": "reject"}, auth)
        assert r.status_code == 200, r.get_json()
    finally:
        engine.close()
