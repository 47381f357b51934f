"""Item 4 — binding: loopback by default; a failed bind is an error, never a fallback; another
--host needs --allow-remote-host and prints a warning."""

import dataclasses
import socket

import pytest
from flask import Flask

from backstory import cli, server
from backstory.errors import BackstoryError
from backstory.settings import DEFAULT_HOST, Settings


class StubEngine:
    closed = started = False

    def start(self):
        self.started = True

    def close(self):
        self.closed = True


@pytest.fixture()
def stub_app(monkeypatch):
    """create_app without spaCy: serve() is tested for where it listens, not for what it answers."""
    engine = StubEngine()

    def fake_create_app(settings, engine=None):
        app = Flask("stub")
        app.extensions["backstory_engine"] = engine
        return app

    monkeypatch.setattr(server, "create_app", fake_create_app)
    monkeypatch.setattr(server, "_default_engine", lambda settings, **options: engine)
    return engine


def test_default_host_is_loopback():
    assert DEFAULT_HOST == "127.0.0.1" and Settings.load(environ={}).host == "127.0.0.1"


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "example.com", "127.0.0.1.evil.example", ""])
def test_non_loopback_host_refused_without_the_flag(settings, host, monkeypatch):
    monkeypatch.setattr(server, "create_app", lambda s, **kw: pytest.fail("no app may be built"))
    with pytest.raises(BackstoryError, match="allow-remote-host"):
        server.serve(dataclasses.replace(settings, host=host))


def test_cli_refuses_remote_host(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BACKSTORY_CONFIG_DIR", str(tmp_path))
    monkeypatch.setattr(server, "create_app", lambda s, **kw: pytest.fail("no app may be built"))
    assert cli.main(["serve", "--host", "0.0.0.0"]) == 1
    assert "allow-remote-host" in capsys.readouterr().err


def test_remote_host_with_flag_warns(settings, stub_app, monkeypatch, capsys):
    """Nothing is bound to 0.0.0.0 here: make_server is replaced once the warning is out."""
    seen = {}

    def fake_make_server(app, s, **kw):
        seen["host"] = s.host
        raise BackstoryError("stop here")

    monkeypatch.setattr(server, "make_server", fake_make_server)
    with pytest.raises(BackstoryError, match="stop here"):
        server.serve(dataclasses.replace(settings, host="0.0.0.0"), allow_remote_host=True)
    assert seen["host"] == "0.0.0.0"
    assert "warning" in capsys.readouterr().err and stub_app.closed


def test_port_in_use_is_an_error_not_a_fallback(settings, stub_app, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(BackstoryError, match=f"cannot listen on 127.0.0.1:{port}"):
            server.serve(dataclasses.replace(settings, port=port))
    assert "listening" not in capsys.readouterr().out  # never claims to be up elsewhere
    assert stub_app.closed and not stub_app.started  # no analysis process is started for a server that cannot listen


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("[::1]", True),
                                                ("localhost", True), ("0.0.0.0", False), ("::", False), ("10.0.0.1", False),
                                                ("localhost.evil.example", False)])
def test_is_loopback(host, loopback):
    assert server.is_loopback(host) is loopback
