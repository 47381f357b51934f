"""Issue 24 item 11 — the analysis process's memory is bounded (analysis_memory_mb, RLIMIT_AS): a page that
needs more gets a clear 413 naming the setting, the process is replaced, and the next page is analysed.
Before, the child grew to 1.1-1.3 GB on 8 MB pages until the time limit killed it."""

import dataclasses
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEED_URL, TOKEN

# 8 MB of small paragraphs: lxml's tree and trafilatura's copies of it take ~400 MB more than the
# warm process (measured: VmPeak 553 -> 924 MiB)
HUGE = ("<html><body>" + "<p>Plain words here, said Ann Lee.</p>" * 250_000)[: 8 * 1024 * 1024 - 200] + "</body></html>"


def vm_peak_mib(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"^VmPeak:\s+(\d+) kB", status, re.M).group(1)) // 1024


def test_limit_memory_makes_an_allocation_over_it_a_memory_error():
    code = ("from backstory.worker import limit_memory\n"
            "assert limit_memory(300)\n"
            "try:\n    block = bytearray(600 * 1024 * 1024)\nexcept MemoryError:\n    print('MemoryError')\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "MemoryError", out.stderr


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the child's memory from /proc (Linux)")
def test_an_analysis_over_the_limit_is_413_and_the_process_is_replaced(settings, tmp_path, auth):
    from backstory.server import create_app
    from backstory.worker import WorkerEngine

    own = dataclasses.replace(settings, cache_dir=tmp_path / "cache", data_dir=tmp_path / "data",
                              config_dir=tmp_path / "config", time_budget_s=300.0, analysis_memory_mb=0)
    calibrate = WorkerEngine(own)  # a warm analysis process without a limit: how much it needs to start
    try:
        warm = vm_peak_mib(calibrate._proc.pid)
    finally:
        calibrate.close()
    limited = dataclasses.replace(own, analysis_memory_mb=warm + 200)
    engine = WorkerEngine(limited)
    try:
        client = create_app(limited, engine=engine, token=TOKEN).test_client()
        r = client.post("/v1/analyze", data=json.dumps({"url": "https://news.example/a/b", "html": HUGE}),
                        content_type="application/json", headers=auth)
        error = r.get_json()["error"]
        assert r.status_code == 413 and error["code"] == "too_large", error
        assert f"{warm + 200:,} MiB, the analysis_memory_mb setting" in error["message"]
        assert engine.restarts == 1
        r = client.post("/v1/analyze", data=json.dumps({"url": SEED_URL, "html": "<p>Some words here.</p>"}),
                        content_type="application/json", headers=auth)
        assert r.status_code == 200
        assert vm_peak_mib(engine._proc.pid) <= warm + 200
    finally:
        engine.close()
