"""Shared fixtures. The network is blocked for every test: only loopback connections pass."""

from __future__ import annotations

import ipaddress
import socket
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED_URL = "https://www.globalresearch.ca/ukraine-attacks-us-linked-facilities-russia/5882377"
TOKEN = "test-token-0123456789abcdefghijklmnopqrstuvwxyz"



def load_bench(script: str):
    """A bench/ script as a module (the quality gates score with the benchmarks' own code)."""
    import importlib.util
    import sys

    name = f"bench_{Path(script).stem}"
    if name in sys.modules:
        return sys.modules[name]
    bench = Path(__file__).resolve().parents[1] / "bench"
    if str(bench) not in sys.path:
        sys.path.insert(0, str(bench))
    spec = importlib.util.spec_from_file_location(name, bench / script)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


_real_connect = socket.socket.connect


def _guarded_connect(self, address):  # noqa: ANN001
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and self.family in (socket.AF_INET, socket.AF_INET6):
        try:
            if not ipaddress.ip_address(host.split("%")[0]).is_loopback:
                raise OSError(f"tests may not use the network (tried {host})")
        except ValueError as exc:
            raise OSError(f"tests may not use the network (tried {host})") from exc
    return _real_connect(self, address)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)


@pytest.fixture(scope="session")
def seed_html() -> str:
    return (FIXTURES / "globalresearch-cpc-attack.html").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def session_dirs(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("backstory")
    return {name: base / name for name in ("cache_dir", "config_dir", "data_dir")}


@pytest.fixture(scope="session")
def settings(session_dirs):
    from backstory.settings import Settings

    return Settings.load({k: str(v) for k, v in session_dirs.items()}, environ={})


class SessionEngine:
    """For code that builds an Engine per call (``backstory check``): hands it the session's, which it must
    not close (closing it is the session's job)."""

    def __init__(self, engine):
        self._engine = engine

    def __call__(self, settings):
        return self

    def analyze(self, *a, **k):
        return self._engine.analyze(*a, **k)

    def close(self):
        pass


@pytest.fixture(scope="session")
def engine(settings):
    """One engine for the whole run: loading the spaCy model takes seconds."""
    from backstory.pipeline import Engine

    eng = Engine(settings)
    yield eng
    eng.close()


@pytest.fixture(scope="session")
def nlp(engine):
    return engine.nlp


@pytest.fixture(scope="session")
def seed_doc(engine, seed_html):
    return engine.analyze(SEED_URL, seed_html, include_text=True, use_cache=False)


@pytest.fixture()
def app(settings, engine):
    from backstory.server import create_app

    app = create_app(settings, engine=engine, token=TOKEN)
    app.config["TESTING"] = True
    return app


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def auth(settings) -> dict[str, str]:
    """Headers of a well-formed request from the paired extension."""
    return {"Authorization": f"Bearer {TOKEN}", "Host": f"127.0.0.1:{settings.port}"}
