"""Item 12 — load: concurrent analyze requests from a second process against the real server give
0 errors and a bounded run. A small burst here; the 200-request run is bench/load.py, whose numbers
are in docs/benchmarks.md ("## Load")."""

import json
import subprocess
import sys
from pathlib import Path

LOAD = Path(__file__).resolve().parents[2] / "bench" / "load.py"


def test_concurrent_burst_has_no_errors():
    out = subprocess.run([sys.executable, str(LOAD), "--requests", "24", "--concurrency", "24", "--timeout", "120",
                          "--deadline", "240", "--scenario", "both", "--no-write", "--json"], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout + out.stderr
    results = json.loads(out.stdout.strip().splitlines()[-1])
    assert [r["cached"] for r in results] == [False, True]
    for result in results:
        assert result["errors"] == 0 and result["completed"] == 24 and result["healthy_after"]
        assert result["p99_ms"] is not None and result["rss_peak_total_mib"] > 0
