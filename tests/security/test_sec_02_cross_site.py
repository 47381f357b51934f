"""Item 2 — requests from web pages: token on every route, JSON only, preflight and Origin rules,
the extension's origin paired on first use, nosniff, nothing readable without the token."""

import dataclasses
import os
import stat

import pytest

from backstory import pairing
from conftest import TOKEN

CHROME = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
FIREFOX = "moz-extension://0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
ROUTES = ["/v1/health", "/v1/analyze", "/v1/outlet", "/", "/nope", "/v1/health/../analyze", "/static/x.js"]
METHODS = ["GET", "POST", "HEAD", "PUT", "DELETE", "PATCH"]


@pytest.fixture()
def fresh(settings, engine, tmp_path):
    """An app with its own config dir: no extension origin paired yet. Returns (client, config_dir)."""
    from backstory.server import create_app

    app = create_app(dataclasses.replace(settings, config_dir=tmp_path), engine=engine, token=TOKEN)
    return app.test_client(), tmp_path


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("path", ROUTES)
def test_token_required_on_every_route_and_method(client, settings, path, method):
    host = {"Host": f"127.0.0.1:{settings.port}"}
    for headers in (host, host | {"Authorization": "Bearer wrong"}, host | {"Authorization": TOKEN},
                    host | {"Authorization": f"Basic {TOKEN}"}, host | {"Authorization": f"Bearer {TOKEN[:-1]}"},
                    host | {"Cookie": f"token={TOKEN}"}, host | {"X-Token": TOKEN}):
        r = client.open(path, method=method, headers=headers)
        assert r.status_code == 401, (path, method, headers)
        if method != "HEAD":
            assert r.get_json() == {"error": {"code": "not_paired", "message": r.get_json()["error"]["message"]}}


@pytest.mark.parametrize("query", ["token={t}", "access_token={t}", "auth={t}", "Authorization=Bearer%20{t}"])
def test_token_in_url_does_not_authenticate(client, settings, query):
    r = client.get(f"/v1/health?{query.format(t=TOKEN)}", headers={"Host": f"127.0.0.1:{settings.port}"})
    assert r.status_code == 401


def test_token_compared_in_constant_time(fresh, auth, monkeypatch):
    """Every pairing's secret is compared with hmac.compare_digest, whether one matches or none does."""
    client, config_dir = fresh
    others = {pairing.Store(config_dir).create().secret for _ in range(2)}
    seen = []
    real = pairing.hmac.compare_digest

    def spy(a, b):
        seen.append(a)
        return real(a, b)

    monkeypatch.setattr(pairing.hmac, "compare_digest", spy)
    assert client.get("/v1/health", headers=auth).status_code == 200
    assert sorted(seen) == sorted(s.encode() for s in others | {TOKEN})
    seen.clear()
    assert client.get("/v1/health", headers=auth | {"Authorization": "Bearer nope"}).status_code == 401
    assert sorted(seen) == sorted(s.encode() for s in others | {TOKEN})


@pytest.mark.parametrize("ctype", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
                                   "text/plain; charset=utf-8", "application/json-patch+json", "text/json", None])
@pytest.mark.parametrize("path", ["/v1/analyze", "/v1/outlet"])
def test_json_only(client, auth, ctype, path):
    """The three 'simple' content types a page can post without a preflight are all refused."""
    headers = auth | ({"Content-Type": ctype} if ctype else {})
    r = client.post(path, data='{"url": "https://a.example/x", "html": "<p>x</p>"}', headers=headers)
    assert r.status_code == 415 and r.get_json()["error"]["code"] == "unsupported_media_type"


def test_json_with_charset_is_accepted(client, auth):
    r = client.post("/v1/outlet", data='{"url": "https://a.example/x"}', headers=auth | {"Content-Type": "application/json; charset=utf-8"})
    assert r.status_code == 200


@pytest.mark.parametrize("origin", ["https://evil.example", "http://127.0.0.1:8000", "null", "file://",
                                    "chrome-extension://x/../../evil", f"{CHROME}/page.html", f"{CHROME}:80",
                                    "chrome-extension://", "CHROME-EXTENSION://abc", "http://localhost"])
def test_web_origins_refused_even_with_token(fresh, auth, origin):
    client, config_dir = fresh
    r = client.get("/v1/health", headers=auth | {"Origin": origin})
    assert r.status_code == 403 and r.get_json()["error"]["code"] == "forbidden_origin"
    assert "Access-Control-Allow-Origin" not in r.headers
    assert pairing.paired_origin(config_dir) is None


@pytest.mark.parametrize("origin", ["https://evil.example", "null", "http://localhost:3000"])
def test_preflight_refused_for_web_origins(fresh, settings, origin):
    client, _ = fresh
    r = client.options("/v1/analyze", headers={"Host": f"127.0.0.1:{settings.port}", "Origin": origin,
                                               "Access-Control-Request-Method": "POST",
                                               "Access-Control-Request-Headers": "authorization,content-type",
                                               "Access-Control-Request-Private-Network": "true"})
    assert r.status_code == 403
    assert not any(h.lower().startswith("access-control-allow") for h in r.headers.keys())


def test_preflight_answered_for_the_extension(fresh, settings):
    client, config_dir = fresh
    r = client.options("/v1/analyze", headers={"Host": f"127.0.0.1:{settings.port}", "Origin": FIREFOX,
                                               "Access-Control-Request-Method": "POST"})
    assert r.status_code == 204 and r.get_data() == b""
    assert r.headers["Access-Control-Allow-Origin"] == FIREFOX
    assert "Authorization" in r.headers["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Private-Network" not in r.headers
    assert "Access-Control-Allow-Credentials" not in r.headers
    assert pairing.paired_origin(config_dir) is None  # a preflight carries no token: it pairs nothing


def test_first_extension_with_the_token_is_paired_others_refused(fresh, auth, settings):
    client, config_dir = fresh
    # a wrong token pairs nothing
    assert client.get("/v1/health", headers=auth | {"Authorization": "Bearer no", "Origin": CHROME}).status_code == 401
    assert pairing.paired_origin(config_dir) is None
    # trust on first use: the first extension origin with the valid token
    r = client.get("/v1/health", headers=auth | {"Origin": FIREFOX})
    assert r.status_code == 200 and r.headers["Access-Control-Allow-Origin"] == FIREFOX
    assert pairing.paired_origin(config_dir) == FIREFOX
    assert stat.S_IMODE(os.stat(pairing.pairs_path(config_dir)).st_mode) == 0o600
    # another extension, even with the token, is refused; so is its preflight
    r = client.get("/v1/health", headers=auth | {"Origin": CHROME})
    assert r.status_code == 403 and r.get_json()["error"]["code"] == "paired_elsewhere"
    assert "backstory pair" in r.get_json()["error"]["message"]
    r = client.options("/v1/analyze", headers={"Host": auth["Host"], "Origin": CHROME, "Access-Control-Request-Method": "POST"})
    assert r.status_code == 403
    # the paired one keeps working; requests without Origin (the CLI, curl) still need only the token
    assert client.get("/v1/health", headers=auth | {"Origin": FIREFOX}).status_code == 200
    assert client.get("/v1/health", headers=auth).status_code == 200


def test_rotate_unpairs_the_origin(fresh, auth):
    client, config_dir = fresh
    assert client.get("/v1/health", headers=auth | {"Origin": FIREFOX}).status_code == 200
    pairing.rotate(config_dir)
    assert pairing.paired_origin(config_dir) is None


def test_pairing_is_remembered_across_restarts(settings, engine, tmp_path, auth):
    from backstory.server import create_app

    s = dataclasses.replace(settings, config_dir=tmp_path)
    assert create_app(s, engine=engine, token=TOKEN).test_client().get("/v1/health", headers=auth | {"Origin": CHROME}).status_code == 200
    again = create_app(s, engine=engine, token=TOKEN).test_client()
    assert again.get("/v1/health", headers=auth | {"Origin": FIREFOX}).status_code == 403
    assert again.get("/v1/health", headers=auth | {"Origin": CHROME}).status_code == 200


@pytest.mark.parametrize("request_kw", [
    {"method": "GET", "path": "/v1/health", "headers": {}},
    {"method": "GET", "path": "/v1/health", "headers": {"Origin": "https://evil.example"}},
    {"method": "GET", "path": "/nope", "headers": {}},
    {"method": "POST", "path": "/v1/analyze", "headers": {"Content-Type": "text/plain"}},
    {"method": "GET", "path": "/v1/health", "headers": {"Host": "evil.example"}},
])
def test_nosniff_and_json_on_every_answer(client, auth, request_kw):
    """Including refusals, so no answer can be read as a script or an image by a page that embeds it."""
    r = client.open(request_kw["path"], method=request_kw["method"], headers=auth | request_kw["headers"])
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.mimetype == "application/json"
    assert r.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", ["/v1/health", "/v1/analyze", "/v1/outlet", "/"])
def test_no_data_without_the_token(client, settings, path):
    """What a <script src> or <img> tag can make the browser fetch: no token, so only the refusal."""
    r = client.get(path, headers={"Host": f"127.0.0.1:{settings.port}", "Sec-Fetch-Dest": "script", "Referer": "https://evil.example/"})
    assert r.status_code == 401
    assert set(r.get_json()) == {"error"} and "version" not in r.get_data(as_text=True)
