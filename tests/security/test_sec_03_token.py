"""Item 3 — the token: secrets-strength, stored 0600, never in URLs or logs, `backstory token --rotate`."""

import dataclasses
import logging
import os
import re
import stat

import pytest

from backstory import cli, pairing
from conftest import TOKEN


def test_token_is_strong_and_private(tmp_path):
    config = tmp_path / "new-config"
    token = pairing.load_or_create(config)
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", token)  # 32 bytes from secrets, url-safe base64
    assert stat.S_IMODE(os.stat(pairing.token_path(config)).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(config).st_mode) == 0o700  # a config dir we create is private too
    assert pairing.load_or_create(config) == token
    assert len({pairing.rotate(config) for _ in range(20)}) == 20


def test_loose_permissions_are_tightened(tmp_path):
    pairing.token_path(tmp_path).write_text(TOKEN + "\n")
    os.chmod(pairing.token_path(tmp_path), 0o644)
    assert pairing.load_or_create(tmp_path) == TOKEN
    assert stat.S_IMODE(os.stat(pairing.token_path(tmp_path)).st_mode) == 0o600


def test_weak_token_file_is_replaced(tmp_path):
    pairing.token_path(tmp_path).write_text("hunter2\n")
    token = pairing.load_or_create(tmp_path)
    assert token != "hunter2" and len(token) == 43


def test_cli_token_and_rotate(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BACKSTORY_CONFIG_DIR", str(tmp_path))
    assert cli.main(["token"]) == 0
    first = capsys.readouterr().out.strip()
    assert first == pairing.load_or_create(tmp_path)
    pairing.record_origin(tmp_path, "moz-extension://1234")
    assert cli.main(["token", "--rotate"]) == 0
    out = capsys.readouterr()
    second = out.out.strip()
    assert second != first and len(second) == 43 and pairing.load_or_create(tmp_path) == second
    assert pairing.paired_origin(tmp_path) is None and "forgotten" in out.err
    assert stat.S_IMODE(os.stat(pairing.token_path(tmp_path)).st_mode) == 0o600


def test_running_server_follows_a_rotation(settings, engine, tmp_path):
    """No token given to create_app: it reads the file, and notices `token --rotate` without a restart."""
    from backstory.server import create_app

    client = create_app(dataclasses.replace(settings, config_dir=tmp_path), engine=engine).test_client()
    host = {"Host": f"127.0.0.1:{settings.port}"}
    old = pairing.load_or_create(tmp_path)
    assert client.get("/v1/health", headers=host | {"Authorization": f"Bearer {old}"}).status_code == 200
    new = pairing.rotate(tmp_path)
    assert client.get("/v1/health", headers=host | {"Authorization": f"Bearer {old}"}).status_code == 401
    assert client.get("/v1/health", headers=host | {"Authorization": f"Bearer {new}"}).status_code == 200


def test_token_never_in_logs_or_answers(client, auth, engine, monkeypatch, caplog):
    def boom(*a, **k):
        raise RuntimeError("boom")

    monkeypatch.setattr(engine, "analyze", boom)
    caplog.set_level(logging.DEBUG)
    r = client.post(f"/v1/analyze?token={TOKEN}", data='{"url": "https://a.example/x", "html": "<p>x</p>"}',
                    content_type="application/json", headers=auth)
    assert r.status_code == 500
    assert caplog.records, "the unexpected error is logged"
    assert TOKEN not in caplog.text and TOKEN not in r.get_data(as_text=True)
    for bad in ({"Authorization": "Bearer " + TOKEN[::-1]}, {"Authorization": f"Bearer {TOKEN}x"}):
        r = client.get("/v1/health", headers=auth | bad)
        assert r.status_code == 401 and TOKEN not in r.get_data(as_text=True) and TOKEN[::-1] not in r.get_data(as_text=True)
    assert TOKEN not in caplog.text


@pytest.mark.parametrize("argv", [["serve", "--help"], ["check", "--help"]])
def test_no_cli_flag_takes_a_token(argv, capsys):
    """A token on the command line would sit in `ps` output and shell history: there is no such flag."""
    with pytest.raises(SystemExit):
        cli.main(argv)
    assert "token" not in capsys.readouterr().out.lower()
