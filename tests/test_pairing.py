"""Pairing per browser: `backstory pair`, `pairs`, `unpair`, `token [--rotate]`, the store behind them,
the migration of the files of single-browser pairing, and a running server following every change."""

import dataclasses
import json
import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from backstory import cli, pairing
from conftest import TOKEN

CHROME = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
FIREFOX = "moz-extension://0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
FIREFOX2 = "moz-extension://99999999-4b5a-6978-8796-a5b4c3d2e1f0"
FIREFOX_UA = "Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0"
CHROME_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36"


@pytest.fixture()
def config(tmp_path, monkeypatch):
    monkeypatch.setenv("BACKSTORY_CONFIG_DIR", str(tmp_path / "config"))
    return tmp_path / "config"


@pytest.fixture()
def server(settings, engine, config):
    """A test client of an app reading the pairings from ``config`` (no fixed token)."""
    from backstory.server import create_app

    app = create_app(dataclasses.replace(settings, config_dir=config), engine=engine)
    client = app.test_client()
    host = f"127.0.0.1:{settings.port}"

    def get(token, origin=None, ua=None):
        headers = {"Host": host, "Authorization": f"Bearer {token}"}
        if origin:
            headers["Origin"] = origin
        if ua:
            headers["User-Agent"] = ua
        return client.get("/v1/health", headers=headers)

    get.app = app
    return get


def run(capsys, *argv):
    code = cli.main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_pair_prints_a_new_token_alone_on_the_last_line(config, capsys):
    code, out, err = run(capsys, "pair", "--label", "laptop  Firefox")
    assert code == 0
    token = out.splitlines()[-1]
    assert out == token + "\n" and len(token) == 43  # alone: `backstory pair | tail -1` is the token
    assert "paste this token" in err
    pairs = pairing.Store(config).load()
    assert set(pairs) == {"default", next(p.id for p in pairs.values() if p.secret == token)}
    new = next(p for p in pairs.values() if p.secret == token)
    assert new.label == "laptop Firefox" and new.origin is None and new.created
    assert token != pairing.load_or_create(config)  # not the default pairing's token
    for f in ("pairs.json", "token", ".pairs.lock"):
        assert mode(config / f) == 0o600, f
    assert mode(config) == 0o700
    assert not [p for p in config.iterdir() if p.name.endswith(".tmp")]


def test_each_pair_has_its_own_id_and_secret(config):
    store = pairing.Store(config)
    made = [store.create() for _ in range(30)]
    assert len({p.id for p in made}) == 30 and len({p.secret for p in made}) == 30
    assert len({p.kid for p in made}) == 30
    assert all(pairing.PAIR_ID.fullmatch(p.id) and p.id != "default" for p in made)


def test_pairs_lists_every_pairing_without_secrets(config, capsys, server):
    _, token_a, _ = run(capsys, "pair", "--label", "work")
    token_a = token_a.strip()
    assert server(token_a, FIREFOX, FIREFOX_UA).status_code == 200
    assert server(pairing.load_or_create(config), CHROME, CHROME_UA).status_code == 200
    code, out, _ = run(capsys, "pairs")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "BROWSER", "ORIGIN", "CREATED", "LAST", "SEEN", "LABEL"]
    default = next(line for line in lines if line.startswith("default"))
    assert "Chrome 156" in default and CHROME in default and "never" not in default
    other = next(line for line in lines[1:] if not line.startswith("default"))
    assert "Firefox 153" in other and FIREFOX in other and other.rstrip().endswith("work")
    code, out, _ = run(capsys, "pairs", "--json")
    listed = json.loads(out)
    assert [p["id"] for p in listed][0] == "default" and len(listed) == 2
    assert {p["origin"] for p in listed} == {FIREFOX, CHROME}
    assert all(set(p) == {"id", "origin", "browser", "label", "created", "last_seen"} for p in listed)
    for secret in (token_a, pairing.load_or_create(config)):
        assert secret not in out
        _, text, err = run(capsys, "pairs")
        assert secret not in text and secret not in err


def test_two_browsers_each_with_its_own_token(config, capsys, server):
    """The issue's case: Chrome paired first, then Firefox. Each gets answers with its own token; neither
    can use the other's."""
    chrome_token = run(capsys, "token")[1].strip()
    assert server(chrome_token, CHROME).status_code == 200
    firefox_token = run(capsys, "pair")[1].strip()
    r = server(chrome_token, FIREFOX)
    assert r.status_code == 403 and r.get_json()["error"]["code"] == "paired_elsewhere"
    assert "backstory pair" in r.get_json()["error"]["message"]
    assert server(firefox_token, FIREFOX).status_code == 200
    assert server(firefox_token, CHROME).status_code == 403
    assert server(chrome_token, CHROME).status_code == 200
    assert server(firefox_token).status_code == 200 and server(chrome_token).status_code == 200  # the CLI: no Origin


def test_running_server_follows_pair_unpair_and_rotate(config, capsys, server):
    """No restart: a new pairing works at once, a removed one stops at once, a rotation swaps tokens."""
    pairing.load_or_create(config)
    new = run(capsys, "pair")[1].strip()
    assert server(new, FIREFOX).status_code == 200  # the server picked up the new pairing
    pid = next(p.id for p in pairing.Store(config).load().values() if p.secret == new)
    code, out, _ = run(capsys, "unpair", pid)
    assert code == 0 and "removed" in out and "Firefox" in out
    assert server(new, FIREFOX).status_code == 401
    assert server(new).status_code == 401


def test_rotating_one_pairing_does_not_break_the_others(config, capsys, server):
    default = pairing.load_or_create(config)
    a = run(capsys, "pair")[1].strip()
    b = run(capsys, "pair")[1].strip()
    assert server(default, CHROME).status_code == 200
    assert server(a, FIREFOX).status_code == 200
    assert server(b, FIREFOX2).status_code == 200
    a_id = next(p.id for p in pairing.Store(config).load().values() if p.secret == a)
    code, out, err = run(capsys, "pair", "--rotate", a_id)
    a2 = out.strip()
    assert code == 0 and len(a2) == 43 and a2 != a and a_id in err
    assert server(a, FIREFOX).status_code == 401
    assert server(b, FIREFOX2).status_code == 200 and server(default, CHROME).status_code == 200
    assert pairing.Store(config).get(a_id).origin is None  # its browser is forgotten: the next to use it is paired
    assert server(a2, FIREFOX).status_code == 200
    # and `token --rotate` is the same for the default pairing: the others go on
    code, out, err = run(capsys, "token", "--rotate")
    assert "Other pairings" in err
    new_default = out.strip()
    assert server(default, CHROME).status_code == 401 and server(new_default, FIREFOX2 + "0").status_code == 200
    assert server(a2, FIREFOX).status_code == 200 and server(b, FIREFOX2).status_code == 200


def test_unpair_default_resets_it(config, capsys, server):
    old = pairing.load_or_create(config)
    assert server(old, CHROME).status_code == 200
    code, out, _ = run(capsys, "unpair", "default")
    assert code == 0 and "backstory token" in out
    new = pairing.load_or_create(config)
    assert new != old and server(old).status_code == 401
    assert server(new, FIREFOX).status_code == 200  # unbound: the next browser is paired


@pytest.mark.parametrize("argv", [["unpair", "nope"], ["unpair", "../token"], ["pair", "--rotate", "nope"]])
def test_unknown_pairing_id_is_a_clear_error(config, capsys, argv):
    pairing.load_or_create(config)
    code, out, err = run(capsys, *argv)
    assert code == 1 and "no pairing has the ID" in err and "backstory pairs" in err and "Traceback" not in err


@pytest.mark.parametrize("label", ["a\x00b", "bell\x07", "x" * 81])
def test_bad_labels_are_refused(config, capsys, label):
    code, _, err = run(capsys, "pair", "--label", label)
    assert code == 1 and "label" in err
    assert not [p for p in pairing.Store(config).load() if p != "default"]


def test_token_keeps_working_for_the_default_pairing(config, capsys, server):
    token = run(capsys, "token")[1].strip()
    assert token == pairing.token_path(config).read_text().strip()
    err = run(capsys, "token")[2]
    assert "not used yet" in err
    assert server(token, FIREFOX, FIREFOX_UA).status_code == 200
    err = run(capsys, "token")[2]
    assert "Firefox 153" in err and FIREFOX in err


def test_migration_keeps_a_paired_reader_paired(settings, engine, tmp_path):
    """Files as single-browser pairing left them: `token` and `paired-origin`. The paired browser keeps
    working with its token, other extensions are still refused, and paired-origin becomes pairs.json."""
    from backstory.server import create_app

    config = tmp_path / "config"
    config.mkdir(mode=0o700)
    (config / "token").write_text(TOKEN + "\n")
    (config / "paired-origin").write_text(FIREFOX + "\n")
    os.chmod(config / "token", 0o600)
    os.chmod(config / "paired-origin", 0o600)
    client = create_app(dataclasses.replace(settings, config_dir=config), engine=engine).test_client()
    host = {"Host": f"127.0.0.1:{settings.port}", "Authorization": f"Bearer {TOKEN}"}
    assert client.get("/v1/health", headers=host | {"Origin": FIREFOX}).status_code == 200
    r = client.get("/v1/health", headers=host | {"Origin": CHROME})
    assert r.status_code == 403 and r.get_json()["error"]["code"] == "paired_elsewhere"
    assert not (config / "paired-origin").exists()
    data = json.loads((config / "pairs.json").read_text())
    assert data["pairs"]["default"]["origin"] == FIREFOX and data["pairs"]["default"]["browser"] == "Firefox"
    assert mode(config / "pairs.json") == 0o600
    assert (config / "token").read_text().strip() == TOKEN  # the token the reader pasted is unchanged


def test_a_migration_cut_short_loses_nothing(tmp_path):
    """Killed after pairs.json was written but before paired-origin was removed: the next load finishes."""
    config = tmp_path
    (config / "token").write_text(TOKEN + "\n")
    (config / "paired-origin").write_text(FIREFOX + "\n")
    assert pairing.Store(config).load()["default"].origin == FIREFOX
    (config / "paired-origin").write_text(FIREFOX + "\n")  # as if the unlink never happened
    assert pairing.Store(config).load()["default"].origin == FIREFOX
    assert not (config / "paired-origin").exists()


def test_a_junk_paired_origin_is_not_migrated(tmp_path):
    (tmp_path / "token").write_text(TOKEN + "\n")
    (tmp_path / "paired-origin").write_text("https://evil.example\n")
    assert pairing.Store(tmp_path).load()["default"].origin is None
    assert not (tmp_path / "paired-origin").exists()


@pytest.mark.parametrize("content", [
    "{oops", "[null]", '{"notes": "oops"}', '{"version": 1, "pairs": []}', '{"version": 2, "pairs": {}}',
    '{"version": 1, "pairs": {"abc": {"secret": "short"}}}',
    '{"version": 1, "pairs": {"abc": {"secret": "' + "s" * 43 + '", "origin": "https://evil.example"}}}',
    '{"version": 1, "pairs": {"../x": {"secret": "' + "s" * 43 + '"}}}',
    '{"version": 1, "pairs": {"default": {"secret": "' + "s" * 43 + '"}}}',
    '{"version": 1, "pairs": {"abc": {"secret": "' + "s" * 43 + '", "label": 3}}}',
    "[" * 100000,
])
def test_a_damaged_pairs_file_is_kept_aside_with_a_clear_error(config, capsys, caplog, server, content):
    """Nothing is lost (the file is moved aside, not overwritten), the default pairing still works, and
    the error says what is wrong and what to do."""
    token = pairing.load_or_create(config)
    (config / "pairs.json").write_text(content)
    caplog.set_level(logging.ERROR)
    assert server(token, FIREFOX).status_code == 200
    aside = [p for p in config.iterdir() if p.name.startswith("pairs.json.damaged-")]
    assert len(aside) == 1 and aside[0].read_text() == content
    assert "damaged" in caplog.text and "backstory pair" in caplog.text
    code, out, _ = run(capsys, "pairs")
    assert code == 0 and "default" in out


def test_concurrent_pair_commands_lose_nothing(config):
    """Eight `backstory pair` at once: each one's pairing is in pairs.json (the lock serialises them)."""
    pairing.load_or_create(config)
    exe = str(Path(sys.executable).with_name("backstory"))
    env = os.environ | {"BACKSTORY_CONFIG_DIR": str(config)}
    procs = [subprocess.Popen([exe, "pair"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(8)]
    tokens = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        tokens.append(out.strip())
    secrets = {p.secret for p in pairing.Store(config).load().values()}
    assert set(tokens) <= secrets and len(set(tokens)) == 8


def test_last_seen_is_recorded_at_most_once_a_minute(config, server, monkeypatch):
    token = pairing.load_or_create(config)
    clock = [1000.0]
    monkeypatch.setattr(pairing.time, "monotonic", lambda: clock[0])
    assert server(token, FIREFOX).status_code == 200
    first = pairing.Store(config).get("default").last_seen
    assert first
    written = (config / "pairs.json").stat().st_mtime_ns
    for _ in range(5):
        clock[0] += 5
        assert server(token).status_code == 200
    assert (config / "pairs.json").stat().st_mtime_ns == written  # throttled: no write per request
    clock[0] += pairing.LAST_SEEN_EVERY_S
    monkeypatch.setattr(pairing, "_now", lambda: "2999-01-01T00:00:00Z")
    assert server(token).status_code == 200
    assert pairing.Store(config).get("default").last_seen == "2999-01-01T00:00:00Z"


def test_pending_last_seen_is_written_at_shutdown(config, server, monkeypatch):
    token = pairing.load_or_create(config)
    assert server(token, FIREFOX).status_code == 200
    monkeypatch.setattr(pairing, "_now", lambda: "2999-01-01T00:00:00Z")
    assert server(token).status_code == 200
    assert pairing.Store(config).get("default").last_seen != "2999-01-01T00:00:00Z"
    server.app.extensions["backstory_pairing"].flush()
    assert pairing.Store(config).get("default").last_seen == "2999-01-01T00:00:00Z"


@pytest.mark.parametrize(("origin", "ua", "name"), [
    (FIREFOX, FIREFOX_UA, "Firefox 153"),
    (CHROME, CHROME_UA, "Chrome 156"),
    (CHROME, "Mozilla/5.0 … Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0", "Edge 130"),
    (CHROME, FIREFOX_UA, "Chromium"),  # the User-Agent contradicts the origin: the origin wins
    (FIREFOX, None, "Firefox"),
    (CHROME, "x" * 100000, "Chromium"),
    ("safari-web-extension://ABCD-1234", "Safari/605.1.15", "Safari"),
])
def test_browser_name(origin, ua, name):
    assert pairing.browser_name(origin, ua) == name


def test_binding_needs_the_pairing_unchanged(config):
    """A rotation between a request's check and its binding wins: the old secret binds nothing."""
    store = pairing.Store(config)
    pair = store.create()
    stale_kid = pair.kid
    store.rotate(pair.id)
    assert store.bind(pair.id, FIREFOX, browser="Firefox", key=stale_kid) == ""
    assert store.get(pair.id).origin is None
    assert store.bind("gone", FIREFOX, browser="Firefox", key=None) == ""
