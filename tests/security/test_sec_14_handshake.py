"""Item 14 (issue 24 item 6) — the sidecar proves itself before the extension sends anything: the
handshake (an HMAC over both nonces, the key id, the origin and the port, under the pairing secret), a
per-exchange key, signed requests and signed answers. The impostor tests of the extension's own client
are in extension/test/unit/sidecar-client.test.js; here: the sidecar's side, and a relay."""

import base64
import dataclasses
import hashlib
import hmac
import http.client
import http.server
import json
import threading
from pathlib import Path

import pytest

from backstory import handshake, pairing
from conftest import TOKEN
from security_helpers import ThreadedServer

CHROME = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
FIREFOX = "moz-extension://0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
FIREFOX_UA = "Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0"
VECTORS = json.loads((Path(__file__).resolve().parents[1] / "fixtures" / "handshake-vectors.json").read_text())


@pytest.fixture()
def fresh(settings, engine, tmp_path):
    """An app with its own config dir (default secret TOKEN, nothing bound). Returns (client, config_dir, port)."""
    from backstory.server import create_app

    app = create_app(dataclasses.replace(settings, config_dir=tmp_path), engine=engine, token=TOKEN)
    return app.test_client(), tmp_path, settings.port


def hello(client, port, c, origin=None, ua=FIREFOX_UA):
    headers = {"Host": f"127.0.0.1:{port}", "Origin": origin or c.origin, "User-Agent": ua}
    return client.post(handshake.PATH, json=c.hello(), headers=headers)


def signed(client, port, c, method, path, body=b"", *, origin="same", sign_as=None, headers=None):
    """A request signed for the session ``c`` holds. ``sign_as`` = (method, path, body) signs something else."""
    m, p, b = sign_as or (method, path, body)
    h = {"Host": f"127.0.0.1:{port}", "Authorization": c.authorization(m, p, b)}
    if method == "POST":
        h["Content-Type"] = "application/json"
        h["Origin"] = c.origin if origin == "same" else origin
    elif origin != "same":
        h["Origin"] = origin
    return client.open(path, method=method, data=body, headers=h | (headers or {}))


def exchange(client, port, c, method="GET", path="/v1/health", body=b""):
    r = hello(client, port, c)
    assert r.status_code == 200, r.get_json()
    assert c.accept(r.get_json())
    return signed(client, port, c, method, path, body)


def test_vectors_match_the_protocol_as_documented():
    """tests/fixtures/handshake-vectors.json, recomputed here from the formulas in the docs (not with the
    module's own helpers), and with the module: both ends of the protocol (the JS test reads the same file)."""
    v = VECTORS

    def mac(key, *fields):
        return hmac.new(key, "\n".join(fields).encode(), hashlib.sha256).digest()

    def b64(raw):
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    secret = v["secret"].encode()
    assert hmac.new(secret, b"backstory-pair-v1 key-id", hashlib.sha256).hexdigest()[:16] == v["kid"]
    key = mac(secret, "backstory-pair-v1 session", v["kid"], v["origin"], str(v["port"]), v["client_nonce"], v["server_nonce"])
    assert key.hex() == v["session_key_hex"]
    for proof in (v["proof"], v["proof_unbound"]):
        assert b64(mac(key, "backstory-pair-v1 server", proof["result"], proof["pair"], proof["browser"] or "")) == proof["mac"]
    for req in (v["request"], v["request_get"]):
        digest = hashlib.sha256(req["body"].encode()).hexdigest()
        assert b64(mac(key, "backstory-pair-v1 request", req["method"], req["path"], digest)) == req["mac"]
    resp = v["response"]
    assert b64(mac(key, "backstory-pair-v1 response", str(resp["status"]), hashlib.sha256(resp["body"].encode()).hexdigest())) == resp["mac"]
    # the module agrees
    assert pairing.key_id(v["secret"]) == v["kid"]
    mkey = handshake.session_key(v["secret"], kid=v["kid"], origin=v["origin"], port=v["port"],
                                 client_nonce=v["client_nonce"], server_nonce=v["server_nonce"])
    assert mkey == key
    assert handshake.server_proof(key, result="ok", pair_id=v["proof"]["pair"], browser=v["proof"]["browser"]) == v["proof"]["mac"]
    assert handshake.request_signature(key, "POST", "/v1/outlet", v["request"]["body"].encode()) == v["request"]["mac"]
    assert handshake.response_signature(key, 200, resp["body"].encode()) == resp["mac"]


def test_handshake_then_signed_requests_and_signed_answers(fresh):
    client, config, port = fresh
    c = handshake.Client(TOKEN, origin=FIREFOX, port=port)
    r = hello(client, port, c)
    answer = r.get_json()
    assert r.status_code == 200 and answer["result"] == "ok" and answer["pair"] == "default" and answer["browser"] is None
    assert TOKEN not in r.get_data(as_text=True) and c.accept(answer)
    r = signed(client, port, c, "GET", "/v1/health")
    assert r.status_code == 200 and r.get_json()["ok"] is True
    assert c.answer_is_signed(200, r.get_data(), r.headers.get(handshake.SIGNATURE_HEADER))
    assert not c.answer_is_signed(200, r.get_data() + b" ", r.headers.get(handshake.SIGNATURE_HEADER))
    # the first proven request binds the pairing to the handshake's origin
    assert pairing.paired_origin(config) == FIREFOX
    assert pairing.Store(config, TOKEN).get("default").browser == "Firefox 153"
    body = json.dumps({"url": "https://www.globalresearch.ca/x"}).encode()
    r = exchange(client, port, c, "POST", "/v1/outlet", body)
    assert r.status_code == 200 and r.get_json()["outlet"]["domain"] == "globalresearch.ca"
    assert c.answer_is_signed(200, r.get_data(), r.headers[handshake.SIGNATURE_HEADER])
    # once bound, the proof names the browser
    c2 = handshake.Client(TOKEN, origin=FIREFOX, port=port)
    answer = hello(client, port, c2).get_json()
    assert answer["browser"] == "Firefox 153" and c2.accept(answer)


def test_errors_after_the_handshake_are_signed_too(fresh):
    client, _, port = fresh
    c = handshake.Client(TOKEN, origin=FIREFOX, port=port)
    r = exchange(client, port, c, "POST", "/v1/analyze", b'{"url": "https://a.example/", "html": 3}')
    assert r.status_code == 400 and c.answer_is_signed(400, r.get_data(), r.headers[handshake.SIGNATURE_HEADER])
    r = exchange(client, port, c, "GET", "/v1/nothing-here")
    assert r.status_code == 404 and c.answer_is_signed(404, r.get_data(), r.headers[handshake.SIGNATURE_HEADER])


def test_a_session_serves_one_request(fresh):
    client, _, port = fresh
    c = handshake.Client(TOKEN, origin=FIREFOX, port=port)
    assert exchange(client, port, c).status_code == 200
    r = signed(client, port, c, "GET", "/v1/health")  # replayed
    assert r.status_code == 401 and r.get_json()["error"]["code"] == "session_expired"
    assert handshake.SIGNATURE_HEADER not in r.headers


def test_a_session_expires(fresh, monkeypatch):
    client, _, port = fresh
    clock = [100.0]
    monkeypatch.setattr(handshake.time, "monotonic", lambda: clock[0])
    c = handshake.Client(TOKEN, origin=FIREFOX, port=port)
    assert c.accept(hello(client, port, c).get_json())
    clock[0] += handshake.SESSION_TTL_S + 1
    r = signed(client, port, c, "GET", "/v1/health")
    assert r.status_code == 401 and r.get_json()["error"]["code"] == "session_expired"


@pytest.mark.parametrize("tamper", ["method", "path", "body", "signature", "session"])
def test_the_signature_covers_method_path_and_body(fresh, tamper):
    client, _, port = fresh
    c = handshake.Client(TOKEN, origin=FIREFOX, port=port)
    assert c.accept(hello(client, port, c).get_json())
    body = b'{"url": "https://a.example/x"}'
    if tamper == "method":
        r = signed(client, port, c, "POST", "/v1/outlet", body, sign_as=("GET", "/v1/outlet", body))
    elif tamper == "path":
        r = signed(client, port, c, "POST", "/v1/outlet", body, sign_as=("POST", "/v1/analyze", body))
    elif tamper == "body":
        r = signed(client, port, c, "POST", "/v1/outlet", b'{"url": "https://b.example/x"}', sign_as=("POST", "/v1/outlet", body))
    else:
        auth = c.authorization("POST", "/v1/outlet", body)
        sid, sig = auth.split(" ", 1)[1].split(".")
        auth = f"Backstory-Signed {sid}.{sig[::-1]}" if tamper == "signature" else f"Backstory-Signed {sid[::-1]}.{sig}"
        r = client.post("/v1/outlet", data=body, headers={"Host": f"127.0.0.1:{port}", "Authorization": auth,
                                                          "Content-Type": "application/json", "Origin": FIREFOX})
    assert r.status_code == 401
    assert r.get_json()["error"]["code"] == ("session_expired" if tamper == "session" else "bad_signature")
    assert "outlet" not in r.get_json()


def test_unknown_token_gets_no_proof(fresh):
    client, config, port = fresh
    c = handshake.Client("x" * 43, origin=FIREFOX, port=port)
    r = hello(client, port, c)
    assert r.status_code == 401 and r.get_json()["error"]["code"] == "unknown_token"
    assert "proof" not in r.get_json() and not c.accept(r.get_json())
    assert "backstory pairs" in r.get_json()["error"]["message"]
    assert pairing.paired_origin(config) is None


def test_another_browsers_token_is_a_proven_refusal(fresh):
    """Firefox was paired with the default token; Chrome presents it. The answer says so, with a proof
    Chrome can check (so the options page can say it truthfully), and gives no session."""
    client, config, port = fresh
    assert exchange(client, port, handshake.Client(TOKEN, origin=FIREFOX, port=port)).status_code == 200
    c = handshake.Client(TOKEN, origin=CHROME, port=port)
    r = hello(client, port, c)
    answer = r.get_json()
    assert r.status_code == 403 and answer["error"]["code"] == "paired_elsewhere"
    assert answer["result"] == "paired_elsewhere" and answer["browser"] == "Firefox 153" and "session" not in answer
    assert c.accept(answer) and "backstory pair" in answer["error"]["message"]
    assert pairing.paired_origin(config) == FIREFOX


def test_a_handshake_alone_binds_nothing(fresh):
    """Anyone can ask for a proof; only a request signed with the secret binds the pairing."""
    client, config, port = fresh
    mallory = handshake.Client("not-the-secret-" * 3, origin=CHROME, port=port)
    mallory.kid = pairing.key_id(TOKEN)  # knows the key id (it is sent in the clear), not the secret
    r = hello(client, port, mallory)
    assert r.status_code == 200 and not mallory.accept(r.get_json())
    mallory.key, mallory.session = b"\0" * 32, r.get_json()["session"]  # forge with a guessed key
    r = signed(client, port, mallory, "GET", "/v1/health")
    assert r.status_code == 401 and r.get_json()["error"]["code"] == "bad_signature"
    assert pairing.paired_origin(config) is None
    assert exchange(client, port, handshake.Client(TOKEN, origin=FIREFOX, port=port)).status_code == 200
    assert pairing.paired_origin(config) == FIREFOX


def test_the_request_must_come_from_the_handshakes_origin(fresh):
    client, config, port = fresh
    c = handshake.Client(TOKEN, origin=FIREFOX, port=port)
    assert c.accept(hello(client, port, c).get_json())
    r = signed(client, port, c, "POST", "/v1/outlet", b'{"url": "https://a.example/"}', origin=CHROME)
    assert r.status_code == 403 and r.get_json()["error"]["code"] == "forbidden_origin"
    assert pairing.paired_origin(config) is None


@pytest.mark.parametrize("origin", [None, "https://evil.example", "null"])
def test_the_handshake_is_for_extensions_only(fresh, origin):
    client, _, port = fresh
    c = handshake.Client(TOKEN, origin=FIREFOX, port=port)
    headers = {"Host": f"127.0.0.1:{port}"} | ({"Origin": origin} if origin else {})
    r = client.post(handshake.PATH, json=c.hello(), headers=headers)
    assert r.status_code in (400, 403) and "proof" not in r.get_json()


@pytest.mark.parametrize("body", [
    {}, {"v": 2, "kid": "0" * 16, "nonce": "A" * 43}, {"v": 1, "kid": "0" * 15, "nonce": "A" * 43},
    {"v": 1, "kid": "0" * 16, "nonce": "short"}, {"v": 1, "kid": "0" * 16, "nonce": "A" * 43 + "\n"},
    {"v": 1, "kid": "0" * 16, "nonce": "A" * 200}, {"v": 1, "kid": ["x"], "nonce": None}, [1, 2],
])
def test_bad_handshakes_are_400(fresh, body):
    client, _, port = fresh
    r = client.post(handshake.PATH, json=body, headers={"Host": f"127.0.0.1:{port}", "Origin": FIREFOX})
    assert r.status_code == 400 and r.get_json()["error"]["code"] == "bad_request"


def test_a_deeply_nested_handshake_is_400(fresh):
    client, _, port = fresh
    r = client.post(handshake.PATH, data="[" * 100000, headers={"Host": f"127.0.0.1:{port}", "Origin": FIREFOX,
                                                                 "Content-Type": "application/json"})
    assert r.status_code == 400 and r.get_json()["error"]["code"] == "bad_request"


def test_handshake_needs_json(fresh):
    client, _, port = fresh
    r = client.post(handshake.PATH, data="v=1", headers={"Host": f"127.0.0.1:{port}", "Origin": FIREFOX,
                                                         "Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 415


def test_open_handshakes_are_bounded(fresh):
    client, _, port = fresh
    sessions = client.application.extensions["backstory_sessions"]
    c = handshake.Client(TOKEN, origin=FIREFOX, port=port)
    for _ in range(handshake.MAX_SESSIONS + 50):
        assert hello(client, port, c).status_code == 200
    assert len(sessions) == handshake.MAX_SESSIONS


def test_removing_a_pairing_ends_its_open_sessions(fresh):
    client, config, port = fresh
    extra = pairing.Store(config, TOKEN).create()
    c = handshake.Client(extra.secret, origin=CHROME, port=port)
    assert c.accept(hello(client, port, c).get_json())
    pairing.Store(config, TOKEN).remove(extra.id)
    r = signed(client, port, c, "GET", "/v1/health")
    assert r.status_code == 401 and r.get_json()["error"]["code"] == "unknown_token"


def test_bearer_still_works_for_the_cli(fresh):
    client, config, port = fresh
    extra = pairing.Store(config, TOKEN).create()
    for token in (TOKEN, extra.secret):
        r = client.get("/v1/health", headers={"Host": f"127.0.0.1:{port}", "Authorization": f"Bearer {token}"})
        assert r.status_code == 200 and handshake.SIGNATURE_HEADER not in r.headers


class Relay(http.server.BaseHTTPRequestHandler):
    """An impostor on the extension's port that forwards the handshake to the real sidecar elsewhere."""

    target = 0
    seen: list = []

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        Relay.seen.append((self.path, dict(self.headers), body))
        conn = http.client.HTTPConnection("127.0.0.1", Relay.target, timeout=10)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")}
        conn.request("POST", self.path, body=body, headers=headers | {"Host": f"127.0.0.1:{Relay.target}"})
        r = conn.getresponse()
        data = r.read()
        self.send_response(r.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def test_a_relay_to_the_real_sidecar_on_another_port_fails_the_proof(settings, engine, tmp_path):
    """The port the sidecar listens on is in the proof: an impostor holding the extension's port cannot
    pass the real sidecar's proof off as its own (and then read the page sent after it)."""
    from backstory.server import create_app

    real = ThreadedServer(lambda s: create_app(dataclasses.replace(s, config_dir=tmp_path), engine=engine, token=TOKEN), settings)
    relay = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Relay)
    Relay.target, Relay.seen = real.port, []
    threading.Thread(target=relay.serve_forever, daemon=True).start()
    try:
        def ask(port):
            c = handshake.Client(TOKEN, origin=FIREFOX, port=port)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("POST", handshake.PATH, body=json.dumps(c.hello()),
                         headers={"Content-Type": "application/json", "Origin": FIREFOX, "Host": f"127.0.0.1:{port}"})
            r = conn.getresponse()
            answer = json.loads(r.read())
            return r.status, answer, c.accept(answer)

        status, answer, ok = ask(relay.server_address[1])
        assert status == 200 and "proof" in answer  # the relay got a genuine answer…
        assert not ok  # …which proves nothing on this port
        assert ask(real.port)[2]  # the same sidecar, dialled directly, passes
        assert all(TOKEN.encode() not in body and TOKEN not in json.dumps(h) for _, h, body in Relay.seen)
    finally:
        relay.shutdown()
        relay.server_close()
        real.close()
