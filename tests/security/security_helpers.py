"""Helpers for tests/security: a waitress server in a thread, raw HTTP, a real `backstory serve`.

(Not named conftest.py: tests/ has no packages, and a second conftest module would shadow the first.)
"""

from __future__ import annotations

import dataclasses
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from conftest import TOKEN  # noqa: E402  (tests/conftest.py, on sys.path under pytest)
STARTUP_LIMIT_S = 120  # loading spaCy on a busy CI machine: a ceiling, not a performance check


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ThreadedServer:
    """Our waitress server (make_server: our options and the request deadline) in a thread."""

    def __init__(self, app_factory, settings, **overrides):
        from backstory.server import make_server

        self.port = free_port()
        self.settings = dataclasses.replace(settings, port=self.port)
        self.app = app_factory(self.settings)
        self.server = make_server(self.app, self.settings, **overrides)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()

    def close(self):
        """Close every socket from the server's own loop thread (closing them from here races its select(),
        which then fails with EBADF), let the loop end, then stop the worker threads."""
        from waitress import wasyncore

        try:
            self.server.trigger.pull_trigger(lambda: wasyncore.close_all(self.server._map))
        except OSError:  # (EBADF: the loop has already ended and closed its sockets, the trigger among them)
            pass
        self.thread.join(10)
        self.server.task_dispatcher.shutdown()


def raw_request(port: int, data: bytes, *, read_timeout: float = 20.0) -> bytes:
    """Send bytes, read until the server closes or the timeout; return what came back."""
    with socket.create_connection(("127.0.0.1", port), timeout=read_timeout) as s:
        s.sendall(data)
        return read_all(s)


def read_all(s: socket.socket) -> bytes:
    chunks = []
    while True:
        try:
            chunk = s.recv(65536)
        except (socket.timeout, ConnectionResetError):
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def status_of(response: bytes) -> int:
    line = response.split(b"\r\n", 1)[0].split()
    return int(line[1]) if len(line) > 1 else 0


def hanging_child(conn, settings, *_):
    """A stand-in for worker._child that reports ready and then never answers (a hang it cannot escape)."""
    conn.send(("ok", {"pipeline_version": "test", "model": "none"}))
    while True:
        conn.recv()
        time.sleep(3600)


def serve_env(base: Path, port: int) -> dict[str, str]:
    """Environment of a `backstory serve` whose config, cache and data dirs are under ``base``."""
    (base / "config").mkdir(parents=True, exist_ok=True)
    token_file = base / "config" / "token"
    if not token_file.exists():
        token_file.write_text(TOKEN + "\n")
        os.chmod(token_file, 0o600)
    return os.environ | {"BACKSTORY_CONFIG_DIR": str(base / "config"), "BACKSTORY_CACHE_DIR": str(base / "cache"),
                         "BACKSTORY_DATA_DIR": str(base / "data"), "BACKSTORY_PORT": str(port)}


def backstory_exe() -> str:
    return str(Path(sys.executable).with_name("backstory"))


def start_serve(base: Path, port: int) -> subprocess.Popen:
    """`backstory serve` as a real process; returns once it accepts connections and /v1/health answers."""
    proc = subprocess.Popen([backstory_exe(), "serve"], env=serve_env(base, port), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + STARTUP_LIMIT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"backstory serve exited: {proc.stdout.read()}")
        try:
            status, _ = call(port, "/v1/health", timeout=5)
            if status == 200:
                return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise AssertionError("backstory serve did not start")


def call(port: int, path: str, body: dict | None = None, *, token: str = TOKEN, timeout: float = 60,
         headers: dict | None = None) -> tuple[int, dict]:
    """One request with http.client (loopback only)."""
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        hdrs = {"Authorization": f"Bearer {token}", "Host": f"127.0.0.1:{port}"} | (headers or {})
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            hdrs["Content-Type"] = "application/json"
        conn.request("POST" if body is not None else "GET", path, body=data, headers=hdrs)
        r = conn.getresponse()
        raw = r.read()
        try:
            return r.status, json.loads(raw)
        except ValueError:
            return r.status, {"raw": raw.decode("latin-1")}
    finally:
        conn.close()


def child_pids(pid: int) -> list[int]:
    """Direct children of a process, from /proc (Linux)."""
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(x) for x in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


def pid_alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def dying_child(conn, settings, *_):
    """A stand-in for worker._child that reports ready and dies on the first request (a crash in C code)."""
    conn.send(("ok", {"pipeline_version": "test", "model": "none"}))
    conn.recv()
    os._exit(70)


STANDIN_MODEL = "stand-in 1.0"


def _standin_loop(conn, settings, cancel, seconds: float) -> None:
    """Answer analyses like the real child, each taking ``seconds`` unless the server withdraws it (the
    shared ``cancel`` flag, which the real stages see through their budget checks); each one that reached
    the child is counted, one line per analysis, in ``data_dir/analyses``."""
    counter = Path(settings.data_dir) / "analyses"
    while True:
        try:
            op, args, kwargs = conn.recv()
        except (EOFError, OSError):
            return
        with counter.open("a") as fh:
            fh.write(f"{op} {args[0] if args else ''}\n")
        reply = ("ok", {"standin": True, "url": args[0] if args else None})
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if cancel is not None and cancel.value:
                reply = ("error", "Cancelled", "withdrawn", "client_gone", 499)
                break
            time.sleep(0.02)
        conn.send(reply)


def analyses_run(settings) -> list[str]:
    path = Path(settings.data_dir) / "analyses"
    return path.read_text().splitlines() if path.exists() else []


def slow_start_child(conn, settings, cancel=None):
    """Says what it loads, and is ready only once ``data_dir/go`` exists; then each analysis takes 0.2 s."""
    conn.send(("loading", "a stand-in model"))
    go = Path(settings.data_dir) / "go"
    while not go.exists():
        time.sleep(0.05)
    conn.send(("ok", {"model": STANDIN_MODEL}))
    _standin_loop(conn, settings, cancel, 0.2)


def slow_child(conn, settings, cancel=None):
    """Ready at once; each analysis takes 5 s unless withdrawn (a slow page)."""
    conn.send(("ok", {"model": STANDIN_MODEL}))
    _standin_loop(conn, settings, cancel, 5.0)


def stubborn_child(conn, settings, cancel=None):
    """Ready at once; each analysis takes 3 s and never looks at the cancel flag (one long call into C)."""
    conn.send(("ok", {"model": STANDIN_MODEL}))
    _standin_loop(conn, settings, None, 3.0)


def seen_child(conn, settings, cancel=None):
    """Ready at once; each analysis answers a cards document whose cited person carries a 'seen before'
    summary (the reader's history, as the real child adds it), under the pipeline version the server expects."""
    from backstory.kb import KnowledgeBase
    from backstory.versions import code_digest, pipeline_version

    conn.send(("ok", {"model": STANDIN_MODEL}))
    version = pipeline_version(STANDIN_MODEL, KnowledgeBase.load(user_dir=settings.data_dir).version, settings, code_digest())
    while True:
        try:
            op, args, kwargs = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(("ok", {"url": args[0], "pipeline_version": version, "article": {"is_article": True},
                          "authors": [], "cited": [{"name": "Ann Lee", "seen_before": {"count": 3, "by_outlet": []}}]}))
