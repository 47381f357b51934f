"""The API door: a Flask app factory, served by waitress on loopback.

Access rules follow Jupyter Server's check_host / check_origin / token model: the Host header
must name loopback with our port (DNS rebinding), browser Origins other than an extension's are
refused (cross-site requests), and every request carries the pairing token.
"""

from __future__ import annotations

import ipaddress
import logging
import threading
from typing import Any

from flask import Flask, Response, g, jsonify, request
from werkzeug.exceptions import HTTPException

from . import __version__, pairing
from .errors import AccessDenied, BackstoryError, InputError, UnsupportedMediaType
from .pipeline import Engine
from .settings import Settings

log = logging.getLogger(__name__)

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
EXTENSION_SCHEMES = ("chrome-extension://", "moz-extension://", "safari-web-extension://")
HTTP_CODES = {400: "bad_request", 401: "not_paired", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
              408: "timeout", 413: "too_large", 415: "unsupported_media_type", 500: "internal"}
# waitress: few connections (one reader, one extension), short idle timeout.
WAITRESS_OPTIONS = {"threads": 4, "connection_limit": 32, "channel_timeout": 30, "cleanup_interval": 10}


def allowed_hosts(port: int) -> frozenset[str]:
    """The exact Host header values we answer to."""
    return frozenset(f"{name}:{port}" for name in LOOPBACK_NAMES)


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and 'localhost'."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _error(code: str, message: str, status: int) -> Response:
    response = jsonify({"error": {"code": code, "message": message}})
    response.status_code = status
    return response


def create_app(settings: Settings | None = None, *, engine: Engine | None = None, token: str | None = None) -> Flask:
    """Build the app. Nothing heavy happens at import time; the engine is made here unless given."""
    settings = settings or Settings.load()
    app = Flask(__name__)
    app.config.update(MAX_CONTENT_LENGTH=settings.max_body_bytes, JSON_SORT_KEYS=False)
    engine = engine or Engine(settings)
    token = token or pairing.load_or_create(settings.config_dir)
    hosts = allowed_hosts(settings.port)
    nlp_lock = threading.Lock()  # one analysis at a time: spaCy pipelines are not meant to be shared by threads

    @app.before_request
    def guard() -> Response | None:
        if request.host not in hosts:
            return _error("forbidden_host", "this service answers only on 127.0.0.1, localhost or [::1] with its own port", 403)
        origin = request.headers.get("Origin")
        if origin is not None and not origin.startswith(EXTENSION_SCHEMES):
            return _error("forbidden_origin", "requests from web pages are not accepted", 403)
        if request.method == "OPTIONS":
            return None  # CORS preflight from the extension carries no token by design
        auth = request.headers.get("Authorization", "")
        given = auth[7:].strip() if auth[:7].lower() == "bearer " else None
        if not pairing.matches(token, given):
            raise AccessDenied("missing or wrong pairing token: paste the token `backstory token` prints into the extension's options")
        if request.method == "POST":
            if request.mimetype != "application/json":
                raise UnsupportedMediaType("send the request body as application/json")
            if request.headers.get("Content-Encoding", "identity").lower() != "identity":
                raise UnsupportedMediaType("compressed request bodies are not accepted")
        return None

    @app.after_request
    def headers(response: Response) -> Response:
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Cache-Control"] = "no-store"
        origin = request.headers.get("Origin")
        if origin and origin.startswith(EXTENSION_SCHEMES):
            response.headers["Access-Control-Allow-Origin"] = origin
            response.headers["Access-Control-Allow-Headers"] = "Authorization, Content-Type"
            response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
            response.headers["Vary"] = "Origin"
        return response

    def body() -> dict[str, Any]:
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            raise InputError("the body must be a JSON object")
        g.body = data
        return data

    @app.get("/v1/health")
    def health() -> Response:
        return jsonify({"ok": True, "version": __version__, "pipeline_version": engine.pipeline_version, "model": engine.model})

    @app.post("/v1/outlet")
    def outlet() -> Response:
        data = body()
        return jsonify({"outlet": engine.outlet_only(data.get("url"))})

    @app.post("/v1/analyze")
    def analyze() -> Response:
        data = body()
        html = data.get("html")
        if not isinstance(html, str):
            raise InputError("html must be a string: the page's serialised DOM")
        with nlp_lock:
            doc = engine.analyze(data.get("url"), html, include_text=bool(data.get("include_text")),
                                 use_cache=not data.get("no_cache"))
        return jsonify(doc)

    @app.errorhandler(BackstoryError)
    def on_backstory_error(exc: BackstoryError) -> Response:
        return _error(exc.code, exc.message, exc.status)

    @app.errorhandler(HTTPException)
    def on_http_error(exc: HTTPException) -> Response:
        status = exc.code or 500
        message = "the request body is over the size limit" if status == 413 else (exc.description or exc.name)
        return _error(HTTP_CODES.get(status, "error"), message, status)

    @app.errorhandler(Exception)
    def on_unexpected(exc: Exception) -> Response:
        log.exception("unexpected error while answering %s %s", request.method, request.path)
        return _error("internal", "something went wrong inside Backstory; the log has the details", 500)

    return app


def serve(settings: Settings, *, allow_remote_host: bool = False) -> None:
    """Run the sidecar with waitress (never Flask's development server)."""
    import waitress

    if not is_loopback(settings.host):
        if not allow_remote_host:
            raise BackstoryError(f"refusing to listen on {settings.host}: only loopback is allowed without --allow-remote-host")
        log.warning("listening on %s: other machines can reach this port", settings.host)
    app = create_app(settings)
    print(f"Backstory {__version__} listening on http://{settings.host}:{settings.port} (Ctrl-C to stop)", flush=True)
    try:
        waitress.serve(app, host=settings.host, port=settings.port, max_request_body_size=settings.max_body_bytes,
                       ident="backstory", **WAITRESS_OPTIONS)
    except OSError as exc:
        raise BackstoryError(f"cannot listen on {settings.host}:{settings.port}: {exc.strerror or exc}") from exc
