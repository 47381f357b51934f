from pathlib import Path

import pytest

from backstory.errors import ConfigError
from backstory.settings import SETTINGS, Settings, default_model

DOCS = Path(__file__).resolve().parents[1] / "docs" / "settings.md"


def test_every_setting_is_documented():
    text = DOCS.read_text(encoding="utf-8")
    for s in SETTINGS:
        assert f"`{s.name}`" in text, f"{s.name} missing from docs/settings.md"
        assert f"BACKSTORY_{s.name.upper()}" in text


def test_every_setting_is_a_field():
    fields = set(Settings.__dataclass_fields__)
    assert {s.name for s in SETTINGS} == fields


def test_precedence(tmp_path):
    (tmp_path / "config.toml").write_text('port = 9000\nmodel = "from_file"\n')
    s = Settings.load({"config_dir": str(tmp_path)}, environ={"BACKSTORY_PORT": "9100"})
    assert s.port == 9100 and s.model == "from_file"
    s = Settings.load({"config_dir": str(tmp_path), "port": 9200}, environ={"BACKSTORY_PORT": "9100"})
    assert s.port == 9200


def test_bad_values_are_clear_errors(tmp_path):
    with pytest.raises(ConfigError, match="port"):
        Settings.load({"config_dir": str(tmp_path)}, environ={"BACKSTORY_PORT": "eighty"})
    (tmp_path / "config.toml").write_text("colour = 'blue'\n")
    with pytest.raises(ConfigError, match="unknown setting"):
        Settings.load({"config_dir": str(tmp_path)}, environ={})
    (tmp_path / "config.toml").write_text("port = = 1\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        Settings.load({"config_dir": str(tmp_path)}, environ={})


def test_default_model_is_installed():
    import importlib.util

    assert importlib.util.find_spec(default_model()) is not None
