"""Item 5 — no debug mode, no Werkzeug dev server: waitress with our body limit, a connection
limit and a channel timeout."""

import dataclasses

import pytest
import werkzeug.serving
from flask import Flask

from backstory import server
from backstory.errors import BackstoryError
from conftest import TOKEN


def test_debug_is_off_even_when_flask_debug_is_set(settings, engine, monkeypatch, auth):
    monkeypatch.setenv("FLASK_DEBUG", "1")
    app = server.create_app(settings, engine=engine, token=TOKEN)
    assert app.debug is False and app.config["DEBUG"] is False and app.config["PROPAGATE_EXCEPTIONS"] is False

    def boom(*a, **k):
        raise RuntimeError("internal detail")

    monkeypatch.setattr(engine, "analyze", boom)
    r = app.test_client().post("/v1/analyze", data='{"url": "https://a.example/x", "html": "x"}',
                               content_type="application/json", headers=auth)
    text = r.get_data(as_text=True)
    assert r.status_code == 500 and "Traceback" not in text and "internal detail" not in text
    assert "Werkzeug Debugger" not in text and "__debugger__" not in text


def test_debugger_console_route_does_not_exist(client, auth):
    r = client.get("/console", headers=auth)
    assert r.status_code == 404
    r = client.get("/?__debugger__=yes&cmd=resource&f=style.css", headers=auth)
    assert r.status_code == 404


def test_serve_uses_waitress_with_our_limits(settings, monkeypatch):
    import waitress.server

    captured = {}

    def fake_create_server(app, **kw):
        captured.update(kw)
        raise OSError(98, "stop here")

    def no_dev_server(*a, **k):
        pytest.fail("the Werkzeug development server must never run")

    class Stub:
        def close(self):
            pass

    def fake_create_app(s, engine=None):
        app = Flask("stub")
        app.extensions["backstory_engine"] = engine
        return app

    monkeypatch.setattr(werkzeug.serving, "run_simple", no_dev_server)
    monkeypatch.setattr(Flask, "run", no_dev_server)
    monkeypatch.setattr(waitress.server, "create_server", fake_create_server)
    monkeypatch.setattr(server, "create_app", fake_create_app)
    monkeypatch.setattr(server, "_default_engine", lambda s, **kw: Stub())  # (no analysis process for this test)
    s = dataclasses.replace(settings, max_body_bytes=1234567)
    with pytest.raises(BackstoryError, match="cannot listen"):
        server.serve(s)
    assert captured["max_request_body_size"] == 1234567
    assert captured["connection_limit"] == server.WAITRESS_OPTIONS["connection_limit"] <= 64
    assert 0 < captured["channel_timeout"] <= 60
    assert captured["expose_tracebacks"] is False
    assert captured["trusted_proxy"] is None and captured["clear_untrusted_proxy_headers"] is True
    assert captured["host"] == "127.0.0.1" and captured["ident"] == "backstory"
    assert captured["max_request_header_size"] <= 64 * 1024


def test_app_has_the_body_limit_too(app, settings):
    assert app.config["MAX_CONTENT_LENGTH"] == settings.max_body_bytes
