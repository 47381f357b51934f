"""The access guard: who may talk to the sidecar, and how the sidecar proves itself to the extension.

Follows Jupyter Server's check_host / check_origin / token model, with one secret per browser:

- the ``Host`` header must name loopback with our port (DNS rebinding);
- a browser ``Origin`` must be an extension's (web pages are refused) and, once a pairing is bound to
  an origin, that pairing's secret works from that origin only;
- the browser extension authenticates with the handshake of :mod:`backstory.handshake` (the sidecar
  proves itself first; the secret never crosses the wire) and its requests and our answers are signed;
- requests without an ``Origin`` (the CLI, curl) may send a pairing's secret as ``Authorization: Bearer``.

The threat model, defence by defence, is docs/security.md.
"""

from __future__ import annotations

import logging
import secrets
from typing import Any

from flask import Flask, Response, g, jsonify, request

from . import handshake, pairing
from .errors import AccessDenied, UnsupportedMediaType

log = logging.getLogger(__name__)

NO_TOKEN = ("missing or wrong pairing token: paste what `backstory pair` prints (or `backstory token`, for the "
            "first browser) into the extension's options")


def _error(code: str, message: str, status: int, **extra: Any) -> Response:
    response = jsonify({"error": {"code": code, "message": message}, **extra})
    response.status_code = status
    return response


def _elsewhere(pair: pairing.Pair) -> str:
    return (f"this token is paired with another browser ({pair.browser or 'unknown'}); run `backstory pair` "
            "and paste the token it prints into this browser's Backstory options")


def _signed_path() -> str:
    query = request.query_string.decode("latin-1")
    return request.path + (f"?{query}" if query else "")


def install(app: Flask, settings: Any, *, hosts: frozenset[str], token: str | None = None) -> pairing.Pairing:
    """Guard every request of ``app``, add the handshake route and sign answers to signed requests.
    ``token`` fixes the default pairing's secret (tests, embedders); the rest is read from the config dir."""
    pairs = pairing.Pairing(settings.config_dir, token)
    sessions = handshake.Sessions()
    app.extensions["backstory_pairing"] = pairs
    app.extensions["backstory_sessions"] = sessions

    @app.before_request
    def guard() -> Response | None:
        # Host header exactly as sent (request.host would fill in SERVER_NAME when it is missing).
        if request.environ.get("HTTP_HOST") not in hosts:
            return _error("forbidden_host", "this service answers only on 127.0.0.1, localhost or [::1] with its own port", 403)
        origin = request.headers.get("Origin")
        if origin is not None and not pairing.is_extension_origin(origin):
            return _error("forbidden_origin", "requests from web pages are not accepted", 403)
        if request.method == "OPTIONS" and origin is not None:
            # CORS preflight: carries no credentials by design, so it binds nothing and returns no data.
            if not pairs.preflight_allowed(origin):
                return _error("forbidden_origin", "no pairing of this sidecar belongs to this extension", 403)
            g.cors_origin = origin
            return Response(status=204)
        if request.path == handshake.PATH and request.method == "POST":
            _json_only()
            if origin is not None:
                g.cors_origin = origin
            return None  # the handshake route authenticates the sidecar, not the caller
        auth = request.headers.get("Authorization", "")
        user_agent = request.headers.get("User-Agent")
        if auth[:7].lower() == "bearer ":
            pair = pairs.by_token(auth[7:].strip())
            if pair is None:
                raise AccessDenied(NO_TOKEN)
            if origin is not None:
                if not pairs.bind(pair, origin, user_agent):
                    return _error("paired_elsewhere", _elsewhere(pairs.pairs().get(pair.id, pair)), 403)
                g.cors_origin = origin
            pairs.seen(pair)
        else:
            signed = handshake.parse_authorization(auth)
            if signed is None:
                raise AccessDenied(NO_TOKEN)
            session = sessions.take(signed[0])
            if session is None:
                return _error("session_expired", "the handshake for this request expired or was used already; start again", 401)
            pair = pairs.pairs().get(session.pair_id)
            if pair is None or pair.kid != session.kid:
                return _error("unknown_token", "this token was removed or rotated while the request was on its way", 401)
            body = request.get_data(cache=True)  # over the size limit: 413 here
            expected = handshake.request_signature(session.key, request.method, _signed_path(), body)
            if not handshake.equal(expected, signed[1]):
                return _error("bad_signature", "the request's signature does not match its handshake", 401)
            if origin is not None and origin != session.origin:
                return _error("forbidden_origin", "the request comes from another origin than its handshake", 403)
            if not pairs.bind(pair, session.origin, session.browser_hint or user_agent):
                return _error("paired_elsewhere", _elsewhere(pairs.pairs().get(pair.id, pair)), 403)
            g.session_key = session.key
            if origin is not None:
                g.cors_origin = origin
            pairs.seen(pair)
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            _json_only()
        return None

    def _json_only() -> None:
        if request.mimetype != "application/json":
            raise UnsupportedMediaType("send the request body as application/json")
        if request.headers.get("Content-Encoding", "identity").lower() != "identity":
            raise UnsupportedMediaType("compressed request bodies are not accepted")

    def hello() -> Response:
        origin = request.headers.get("Origin")
        if not pairing.is_extension_origin(origin):
            return _error("bad_request", "the handshake is for the browser extension; other clients send a pairing "
                          "token as `Authorization: Bearer`", 400)
        try:
            data = request.get_json(silent=True)
        except RecursionError:  # '[[[[…' thousands deep ('silent' catches only ValueError)
            data = None
        if not isinstance(data, dict) or data.get("v") != 1:
            return _error("bad_request", 'the handshake body must be {"v": 1, "kid": …, "nonce": …}', 400)
        kid, nonce = data.get("kid"), data.get("nonce")
        if not isinstance(kid, str) or not handshake.KID.fullmatch(kid) or not handshake.valid_nonce(nonce):
            return _error("bad_request", "kid must be 16 hex digits and nonce base64url of 16 to 64 bytes", 400)
        pair = pairs.by_kid(kid)
        if pair is None:
            return _error("unknown_token", "this sidecar has no pairing with this token: it was removed or rotated "
                          "(`backstory pairs` lists them), or it belongs to another sidecar", 401)
        result = "ok" if pair.origin is None or pair.origin == origin else "paired_elsewhere"
        browser = pair.browser if pair.origin else None
        server_nonce = handshake.b64url(secrets.token_bytes(handshake.NONCE_BYTES))
        key = handshake.session_key(pair.secret, kid=kid, origin=origin, port=settings.port, client_nonce=nonce,
                                    server_nonce=server_nonce)
        answer = {"v": 1, "result": result, "pair": pair.id, "browser": browser, "nonce": server_nonce,
                  "proof": handshake.server_proof(key, result=result, pair_id=pair.id, browser=browser)}
        if result != "ok":
            return _error("paired_elsewhere", _elsewhere(pair), 403, **answer)
        answer["session"] = sessions.open(pair_id=pair.id, kid=kid, origin=origin,
                                          browser_hint=request.headers.get("User-Agent"), key=key)
        answer["expires_in"] = int(sessions.ttl_s)
        return jsonify(answer)

    app.add_url_rule(handshake.PATH, "handshake", hello, methods=["POST"])

    @app.after_request
    def sign(response: Response) -> Response:
        key = g.get("session_key")
        if key is not None:
            response.headers[handshake.SIGNATURE_HEADER] = handshake.response_signature(
                key, response.status_code, response.get_data())
        if g.get("cors_origin"):
            response.headers["Access-Control-Expose-Headers"] = handshake.SIGNATURE_HEADER
        return response

    return pairs
