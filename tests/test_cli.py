"""The command-line door, run in-process through main()."""

import json
import os
import stat

import pytest

from backstory.cli import main, parser

from conftest import FIXTURES, SEED_URL


@pytest.fixture()
def env(monkeypatch, session_dirs, tmp_path):
    monkeypatch.setenv("BACKSTORY_CACHE_DIR", str(session_dirs["cache_dir"]))
    monkeypatch.setenv("BACKSTORY_DATA_DIR", str(session_dirs["data_dir"]))
    monkeypatch.setenv("BACKSTORY_CONFIG_DIR", str(tmp_path / "config"))
    return tmp_path


def test_check_file_json(env, capsys):
    assert main(["check", str(FIXTURES / "globalresearch-cpc-attack.html"), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["article"]["url"] == SEED_URL  # taken from the saved page's canonical link
    assert doc["outlet"]["domain"] == "globalresearch.ca"
    assert [c["name"] for c in doc["cited"]] == ["Andrew Korybko"]


def test_check_file_readable(env, capsys):
    assert main(["check", str(FIXTURES / "globalresearch-cpc-attack.html")]) == 0
    out = capsys.readouterr().out
    assert "OUTLET  Global Research (globalresearch.ca)" in out
    assert "ORIGINALLY PUBLISHED BY  InfoBrics (infobrics.org)" in out
    assert "CITED  Andrew Korybko — political analyst" in out
    assert "the author's bio says:" in out and "Center for Geostrategic Studies" in out
    assert "MENTIONED (not cited)  Donald Trump" in out
    assert "UNNAMED SOURCING (Some experts)" in out


def test_check_stdin_with_url(env, capsys, monkeypatch, seed_html):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(seed_html.encode("utf-8"))))
    assert main(["check", "-", "--url", "https://mirror.example.net/copy", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["outlet"]["domain"] == "example.net"


def test_not_an_article_exit_code(env, capsys, tmp_path):
    page = tmp_path / "home.html"
    page.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert main(["check", str(page), "--url", "https://news.example/"]) == 3
    assert "Not an article" in capsys.readouterr().out


def test_missing_file_is_a_clear_error(env, capsys):
    assert main(["check", "/no/such/page.html"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("backstory: error:") and "no such file" in err and "Traceback" not in err


def test_non_http_url_refused(env, capsys):
    assert main(["check", "ftp://example.com/a"]) == 1  # treated as a path that does not exist
    assert main(["check", "/etc/hostname", "--url", "file:///etc/hostname"]) == 1
    assert "http(s)" in capsys.readouterr().err
    assert main(["check", "/etc/hostname", "--url", "http://[a.example/x"]) == 1  # (an unclosed IPv6 bracket)
    err = capsys.readouterr().err
    assert "not a valid URL" in err and "Traceback" not in err


def test_token_created_private_and_stable(env, capsys):
    assert main(["token"]) == 0
    first = capsys.readouterr().out.strip()
    path = env / "config" / "token"
    assert path.read_text().strip() == first and len(first) >= 43
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert main(["token"]) == 0
    assert capsys.readouterr().out.strip() == first
    assert main(["token", "--rotate"]) == 0
    rotated = capsys.readouterr().out.strip()
    assert rotated != first and path.read_text().strip() == rotated


def test_serve_refuses_non_loopback_host(env, capsys):
    assert main(["serve", "--host", "0.0.0.0"]) == 1
    assert "--allow-remote-host" in capsys.readouterr().err


def test_settings_lists_every_setting(env, capsys):
    from backstory.settings import SETTINGS

    assert main(["settings"]) == 0
    out = capsys.readouterr().out
    for s in SETTINGS:
        assert s.name in out


def test_help_lists_commands():
    text = parser().format_help()
    for command in ("check", "serve", "token"):
        assert command in text
