"""The API door: a Flask app factory, served by waitress on loopback.

Who may talk to it, and how it proves itself to the extension, is the access guard in access.py
(Host allowlist, extension Origins, one pairing per browser, the signed handshake); the threat
model, defence by defence, is docs/security.md.
"""

from __future__ import annotations

import ipaddress
import logging
import sys
import time
from typing import Any

from flask import Flask, Response, g, jsonify, request
from werkzeug.exceptions import HTTPException

from . import __version__, access
from .errors import BackstoryError, InputError
from .settings import Settings

log = logging.getLogger(__name__)

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
HTTP_CODES = {400: "bad_request", 401: "not_paired", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
              408: "timeout", 413: "too_large", 415: "unsupported_media_type", 500: "internal", 503: "starting"}
# waitress: few connections (one reader, one extension), short idle timeout, no proxy headers
# trusted, tracebacks never sent. max_request_body_size is set from settings.max_body_bytes.
# channel_request_lookahead: waitress reads on while a request runs, so it notices a client that has
# hung up (environ["waitress.client_disconnected"]), and a queued analysis is dropped (issue 24 item 3).
WAITRESS_OPTIONS = {"threads": 4, "connection_limit": 32, "channel_timeout": 30, "cleanup_interval": 10,
                    "max_request_header_size": 64 * 1024, "expose_tracebacks": False, "trusted_proxy": None,
                    "clear_untrusted_proxy_headers": True, "ident": "backstory", "channel_request_lookahead": 1}
# Requests that never wait for an analysis, answered by threads of their own besides waitress's
# ``threads``: however many analyses are queued (each holding a thread while it waits), these answer.
# (the extension's handshake comes before each of its requests: health's included)
LIGHT_PATHS = frozenset({"/v1/health", "/v1/outlet", "/v1/handshake"})
LIGHT_THREADS = 2
# A request (headers and body) must arrive within this many seconds of its first byte: a sender
# that trickles a byte every few seconds never trips channel_timeout (which counts silence), so
# slow senders are cut here with a 408. 8 MiB over loopback takes milliseconds.
REQUEST_DEADLINE_S = 30.0
PREFLIGHT_MAX_AGE_S = 600
# Set in a request's WSGI environ to have waitress close the connection once the answer is sent (a WSGI
# app may not send 'Connection' itself). Every refusal (401, 403) closes: a refused client holding its
# connection open would hold one of waitress's connection_limit slots (issue 24 item 4).
CLOSE_AFTER = "backstory.close_connection"
REFUSAL_STATUSES = frozenset({401, 403})
_TIMEOUT_BODY = b'{"error": {"code": "timeout", "message": "the request took too long to arrive"}}'
_TIMEOUT_RESPONSE = (b"HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json\r\nConnection: close\r\n"
                     b"X-Content-Type-Options: nosniff\r\nContent-Length: " + str(len(_TIMEOUT_BODY)).encode() + b"\r\n\r\n"
                     + _TIMEOUT_BODY)


def allowed_hosts(port: int, host: str | None = None) -> frozenset[str]:
    """The exact Host header values we answer to: loopback names with our port (and --host's own name)."""
    names = set(LOOPBACK_NAMES)
    if host and host not in ("0.0.0.0", "::"):
        names.add(f"[{host}]" if ":" in host else host)
    return frozenset(f"{name}:{port}" for name in names)


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


def _default_engine(settings: Settings, **options: Any) -> Any:
    """The production engine: analysis in a child process under a hard time limit (options: WorkerEngine's)."""
    from .worker import WorkerEngine

    return WorkerEngine(settings, **options)


def create_app(settings: Settings | None = None, *, engine: Any = None, token: str | None = None) -> Flask:
    """Build the app. Nothing heavy happens at import time; the engine is made here unless given."""
    settings = settings or Settings.load()
    app = Flask(__name__)
    # Never debug, whatever FLASK_DEBUG says: the debugger is remote code execution (CVE-2024-34069).
    app.debug = False
    app.config.update(MAX_CONTENT_LENGTH=settings.max_body_bytes, JSON_SORT_KEYS=False, DEBUG=False,
                      PROPAGATE_EXCEPTIONS=False, TRAP_HTTP_EXCEPTIONS=False)
    engine = engine or _default_engine(settings)
    app.extensions["backstory_engine"] = engine
    from .kb.service import KbService

    kb_service = KbService(settings, engine.knowledge_base)  # (asked on each use: the server's loads behind its first answers)
    app.extensions["backstory_kb"] = kb_service
    access.install(app, settings, hosts=allowed_hosts(settings.port, settings.host), token=token)

    @app.after_request
    def headers(response: Response) -> Response:
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Cache-Control"] = "no-store"
        response.headers["Vary"] = "Origin"
        if response.status_code in REFUSAL_STATUSES:
            request.environ[CLOSE_AFTER] = True
        origin = g.get("cors_origin")
        if origin:
            response.headers["Access-Control-Allow-Origin"] = origin
            response.headers["Access-Control-Allow-Headers"] = "Authorization, Content-Type"
            response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
            response.headers["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE_S)
        return response

    def body() -> dict[str, Any]:
        try:
            data = request.get_json(silent=True)
        except RecursionError:  # ('[[[[…' thousands deep: the JSON parser recurses, and 'silent' catches only ValueError)
            raise InputError("the body is nested too deeply to be read") from None
        if not isinstance(data, dict):
            raise InputError("the body must be a JSON object")
        g.body = data
        return data

    @app.get("/v1/health")
    def health() -> Response:
        # While the model loads (fast start): "ready": false, "state": "starting" and what is "loading".
        status = getattr(engine, "status", None)
        state = status() if status is not None else {"ready": True, "state": "ready", "loading": None}
        ready = state["ready"]
        return jsonify({"ok": True, **state, "version": __version__,
                        "pipeline_version": (engine.pipeline_version or None) if ready else None,
                        "model": (engine.model or None) if ready else None})

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
        # each engine runs one analysis at a time itself; cache hits do not wait for a running analysis.
        # A request whose client hangs up while it waits (or runs) is dropped: nobody would read the answer.
        doc = engine.analyze(data.get("url"), html, include_text=bool(data.get("include_text")),
                             use_cache=not data.get("no_cache"), cancelled=request.environ.get("waitress.client_disconnected"))
        return jsonify(doc)

    @app.post("/v1/lookup")
    def lookup() -> Response:
        # network I/O in the server process, outside the analysis worker: an analysis never waits for Wikidata
        return jsonify({"lookup": kb_service.header(), "items": kb_service.lookup(body().get("items"))})

    @app.post("/v1/kb/decision")
    def kb_decision() -> Response:
        return jsonify(kb_service.decision(body()))

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


def waitress_options(settings: Settings) -> dict[str, Any]:
    """Every waitress option we set, in one place (tests read it)."""
    return {**WAITRESS_OPTIONS, "host": settings.host, "port": settings.port,
            "max_request_body_size": settings.max_body_bytes}


def _install_channel(server: Any, deadline_s: float) -> None:
    """Our waitress channel: answer 408 and close a connection whose request has been arriving for longer
    than ``deadline_s``; close a connection after an answer whose request was marked ``CLOSE_AFTER``."""
    from waitress.channel import HTTPChannel
    from waitress.parser import HTTPRequestParser
    from waitress.task import WSGITask

    class ClosingTask(WSGITask):
        def build_response_header(self) -> bytes:
            if self.environ is not None and self.environ.get(CLOSE_AFTER):
                self.set_close_on_finish()  # ('Connection: close', and waitress hangs up once the answer is sent)
            return super().build_response_header()

    class TimedParser(HTTPRequestParser):
        def __init__(self, adj: Any) -> None:
            super().__init__(adj)
            self.started = time.time()  # waitress's maintenance() is given time.time()

    class DeadlineChannel(HTTPChannel):
        parser_class = TimedParser
        task_class = ClosingTask

    idle_maintenance = server.maintenance

    def maintenance(now: float) -> None:
        idle_maintenance(now)
        for channel in list(server.active_channels.values()):
            req = channel.request
            if req is not None and not req.completed and now - getattr(req, "started", now) > deadline_s:
                if not (channel.will_close or channel.close_when_flushed):
                    channel.request = None
                    try:
                        channel.write_soon(_TIMEOUT_RESPONSE)
                    except Exception:  # noqa: BLE001 - the client is gone already
                        channel.will_close = True
                    channel.close_when_flushed = True

    server.channel_class = DeadlineChannel
    server.maintenance = maintenance


def _light(channel: Any) -> bool:
    """Whether the request a waitress channel is about to serve is one that never waits for an analysis."""
    try:
        req = channel.requests[0]
    except (AttributeError, IndexError):
        return False
    return bool(req.error) or req.command in ("GET", "HEAD", "OPTIONS") or (req.path or "").rstrip("/") in LIGHT_PATHS


def _dispatcher(threads: int, light_threads: int) -> Any:
    """waitress's task dispatcher with a second queue: requests that never wait for an analysis (health,
    the outlet card, preflights, refusals) go first, and ``light_threads`` extra threads serve only them,
    so they are answered however many analyses hold the ``threads`` general ones (issue 24 item 3)."""
    from collections import deque

    from waitress.task import ThreadedTaskDispatcher

    class Dispatcher(ThreadedTaskDispatcher):
        def __init__(self) -> None:
            super().__init__()
            self.light: deque = deque()

        def add_task(self, task: Any) -> None:
            with self.lock:
                (self.light if _light(task) else self.queue).append(task)
                self.queue_cv.notify_all()  # (a light-only thread must not be the one woken for a heavy task)

        def handler_thread(self, thread_no: int) -> None:
            light_only = thread_no >= threads
            while True:
                with self.lock:
                    while not (self.light or (self.queue and not light_only)) and self.stop_count == 0:
                        self.active_count -= 1
                        self.queue_cv.wait()
                        self.active_count += 1
                    if self.stop_count > 0:
                        self.active_count -= 1
                        self.stop_count -= 1
                        self.threads.discard(thread_no)
                        self.thread_exit_cv.notify()
                        break
                    task = self.light.popleft() if self.light else self.queue.popleft()
                try:
                    task.service()
                except BaseException:
                    self.logger.exception("Exception when servicing %r", task)

        def shutdown(self, cancel_pending: bool = True, timeout: float = 5) -> bool:
            with self.lock:
                self.queue.extend(self.light)
                self.light.clear()
            return super().shutdown(cancel_pending, timeout)

    dispatcher = Dispatcher()
    dispatcher.set_thread_count(threads + light_threads)
    return dispatcher


def make_server(app: Flask, settings: Settings, *, deadline_s: float = REQUEST_DEADLINE_S, **overrides: Any) -> Any:
    """A bound waitress server (not yet running). Binding failures raise BackstoryError: no fallback."""
    import waitress.server

    options = waitress_options(settings) | overrides
    dispatcher = _dispatcher(options["threads"], LIGHT_THREADS)
    try:
        server = waitress.server.create_server(app, _dispatcher=dispatcher, **options)
    except (OSError, ValueError) as exc:  # ValueError: waitress could not resolve the host
        dispatcher.shutdown()
        raise BackstoryError(f"cannot listen on {settings.host}:{settings.port}: {getattr(exc, 'strerror', None) or exc}") from exc
    _install_channel(server, deadline_s)
    return server


def serve(settings: Settings, *, allow_remote_host: bool = False) -> None:
    """Run the sidecar with waitress (never Flask's development server)."""
    if not is_loopback(settings.host):
        if not allow_remote_host:
            raise BackstoryError(f"refusing to listen on {settings.host}: only loopback is allowed without --allow-remote-host")
        print(f"backstory: warning: listening on {settings.host}: other machines can reach this port "
              "(the token and Host rules still apply)", file=sys.stderr, flush=True)
        log.warning("listening on %s: other machines can reach this port", settings.host)
    # Fast start (issue 27): the analysis process loads behind a server that answers at once.
    failed: list[BackstoryError] = []
    holder: dict[str, Any] = {}

    def say(text: str) -> None:
        print(f"backstory: {text}", flush=True)

    def stop(exc: BackstoryError) -> None:  # the analysis process could not start: nothing to serve
        failed.append(exc)
        server = holder.get("server")
        if server is not None:
            from waitress import wasyncore

            server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))  # (from the server's own loop)

    engine = _default_engine(settings, start=False, on_progress=say, on_failure=stop)
    try:
        app = create_app(settings, engine=engine)
        server = holder["server"] = make_server(app, settings)
        print(f"Backstory {__version__} listening on http://{settings.host}:{settings.port} (Ctrl-C to stop); "
              "the model loads in the background", flush=True)
        engine.start()
        try:
            server.run()
        finally:
            server.close()
    finally:
        if "backstory_pairing" in app.extensions:
            app.extensions["backstory_pairing"].flush()  # last-seen times not yet written
        engine.close()
    if failed:
        raise failed[0]
