"""The API door: access rules, JSON-only bodies, limits, and errors that never leak a traceback."""

import json

import pytest

from conftest import SEED_URL, TOKEN


def post(client, path, body, headers, **kw):
    return client.post(path, data=json.dumps(body), content_type="application/json", headers=headers, **kw)


def test_health(client, auth):
    r = client.get("/v1/health", headers=auth)
    assert r.status_code == 200
    data = r.get_json()
    assert data["ok"] is True and data["model"] and data["pipeline_version"]
    assert r.headers["X-Content-Type-Options"] == "nosniff"


def test_analyze_seed(client, auth, seed_html):
    r = post(client, "/v1/analyze", {"url": SEED_URL, "html": seed_html}, auth)
    assert r.status_code == 200
    doc = r.get_json()
    assert doc["outlet"]["domain"] == "globalresearch.ca"
    assert [c["name"] for c in doc["cited"]] == ["Andrew Korybko"]
    assert "text" not in doc["article"]


def test_outlet_endpoint_refuses_an_unreadable_url(client, auth):
    r = client.post("/v1/outlet", data='{"url": "http://[a.example/x"}', content_type="application/json", headers=auth)
    assert r.status_code == 400 and r.get_json()["error"]["code"] == "bad_request"


def test_outlet_endpoint_needs_no_page(client, auth):
    r = post(client, "/v1/outlet", {"url": "https://www.globalresearch.ca/anything"}, auth)
    assert r.status_code == 200
    assert r.get_json()["outlet"]["domain"] == "globalresearch.ca"


@pytest.mark.parametrize("path", ["/v1/health", "/v1/analyze", "/v1/outlet", "/nope"])
def test_token_required_everywhere(client, settings, path):
    host = {"Host": f"127.0.0.1:{settings.port}"}
    for headers in (host, host | {"Authorization": "Bearer wrong"}, host | {"Authorization": TOKEN}):
        r = client.get(path, headers=headers)
        assert r.status_code == 401
        assert r.get_json()["error"]["code"] == "not_paired"


@pytest.mark.parametrize("host", ["evil.example:{port}", "", ":{port}", "LOCALHOST.:{port}", "127.1:{port}",
                                  "0x7f000001:{port}", "127.0.0.1:1", "localhost"])
def test_host_allowlist(client, settings, host):
    r = client.get("/v1/health", headers={"Authorization": f"Bearer {TOKEN}", "Host": host.format(port=settings.port)})
    assert r.status_code == 403
    assert r.get_json()["error"]["code"] == "forbidden_host"


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]"])
def test_loopback_hosts_allowed(client, settings, host):
    r = client.get("/v1/health", headers={"Authorization": f"Bearer {TOKEN}", "Host": f"{host}:{settings.port}"})
    assert r.status_code == 200


@pytest.fixture()
def fresh_client(settings, engine, tmp_path):
    """A client whose config dir is its own, so that no extension origin is paired yet."""
    import dataclasses

    from backstory.server import create_app

    app = create_app(dataclasses.replace(settings, config_dir=tmp_path), engine=engine, token=TOKEN)
    return app.test_client()


def test_web_origin_refused_extension_origin_allowed(fresh_client, auth):
    r = fresh_client.get("/v1/health", headers=auth | {"Origin": "https://evil.example"})
    assert r.status_code == 403 and r.get_json()["error"]["code"] == "forbidden_origin"
    origin = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
    r = fresh_client.get("/v1/health", headers=auth | {"Origin": origin})
    assert r.status_code == 200 and r.headers["Access-Control-Allow-Origin"] == origin


def test_preflight_for_extension_only(fresh_client, settings):
    host = {"Host": f"127.0.0.1:{settings.port}"}
    ok = fresh_client.options("/v1/analyze", headers=host | {"Origin": "moz-extension://1234", "Access-Control-Request-Method": "POST"})
    assert ok.status_code == 204 and "Authorization" in ok.headers["Access-Control-Allow-Headers"]
    bad = fresh_client.options("/v1/analyze", headers=host | {"Origin": "https://news.example", "Access-Control-Request-Method": "POST"})
    assert bad.status_code == 403 and "Access-Control-Allow-Origin" not in bad.headers


@pytest.mark.parametrize("ctype", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"])
def test_json_only(client, auth, ctype):
    r = client.post("/v1/analyze", data='{"url": "https://a.example/x", "html": "<p>x</p>"}', content_type=ctype, headers=auth)
    assert r.status_code == 415


@pytest.mark.parametrize(
    "body",
    ['{"url": "https://a.example/x"}', '{"html": "<p>x</p>"}', "[1, 2]", "not json", '{"url": 5, "html": "x"}',
     '{"url": "file:///etc/passwd", "html": "x"}', '{"url": "https://a.example/x", "html": ["x"]}',
     '{"url": "http://[a.example/x", "html": "<p>x</p>"}'],  # (a URL Python's parser refuses: an unclosed IPv6 bracket)
)
def test_bad_bodies_are_400(client, auth, body):
    r = client.post("/v1/analyze", data=body, content_type="application/json", headers=auth)
    assert r.status_code == 400
    err = r.get_json()["error"]
    assert err["code"] == "bad_request" and "Traceback" not in err["message"]


@pytest.mark.parametrize("body", [
    "[" * 100_000 + "]" * 100_000,
    '{"url": ' + "[" * 50_000 + "]" * 50_000 + ', "html": "x"}',
    '{"url": "https://a.example/x", "html": "x", "include_text": ' + '{"a": ' * 30_000 + "1" + "}" * 30_000 + "}",
])
def test_deeply_nested_json_is_400(client, auth, body):
    """JSON nested thousands deep makes the parser recurse past Python's limit: a clear 400, not a 500."""
    for path in ("/v1/analyze", "/v1/outlet"):
        r = client.post(path, data=body, content_type="application/json", headers=auth)
        assert r.status_code == 400, path
        assert r.get_json()["error"]["code"] == "bad_request" and "nested" in r.get_json()["error"]["message"]


def test_body_over_limit_is_413(client, auth, settings):
    big = "x" * (settings.max_body_bytes + 10)
    r = post(client, "/v1/analyze", {"url": "https://a.example/x", "html": big}, auth)
    assert r.status_code == 413 and r.get_json()["error"]["code"] == "too_large"


def test_compressed_body_refused(client, auth):
    r = client.post("/v1/analyze", data=b"\x1f\x8b\x08\x00", content_type="application/json",
                    headers=auth | {"Content-Encoding": "gzip"})
    assert r.status_code == 415


def test_unknown_route_and_method(client, auth):
    assert client.get("/v1/nothing", headers=auth).status_code == 404
    r = client.get("/v1/analyze", headers=auth)
    assert r.status_code == 405 and r.get_json()["error"]["code"] == "method_not_allowed"


def test_unexpected_error_is_500_without_traceback(client, auth, engine, monkeypatch):
    def boom(*a, **k):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(engine, "analyze", boom)
    r = post(client, "/v1/analyze", {"url": "https://a.example/x", "html": "<p>x</p>"}, auth)
    assert r.status_code == 500
    assert "secret internal detail" not in r.get_data(as_text=True)
    assert r.get_json()["error"]["code"] == "internal"
