"""bench/batch.py writes docs/benchmarks.md's Batch section: a run that measures only part keeps the rest's record."""

from __future__ import annotations

from backstory.settings import Settings

from conftest import load_bench


def write_section(*args, **kwargs):
    from _common import write_section as write  # (bench/ is on the path once a bench script is loaded)

    return write(*args, **kwargs)

OLD = """# Benchmarks

## Batch

intro, rewritten by each run

### Throughput

the throughput of an earlier run

### Kill and resume at 10,000 pages

the 10,000-page record

### Earlier runs

notes kept as they are

## People stage

not ours
"""

ROW = {"corpus": "aeb", "how": "--workers 1", "workers": 1, "pages": 24, "errors": 0, "startup_s": 6.7, "analysis_s": 14.6,
       "rate": 1.64, "per_worker": 1.64, "cpu_ms": {"engines": 197.0, "other": 2.0}, "rss_mb": [456.0], "errors_by_code": {}}
RESUME = {"pages": 120, "kills": [48, 80], "results": 120, "errors": 0, "error_codes": {}, "lost": 0, "duplicated": 0,
          "wall_s": 112.0, "summary": ["analysed 40 pages in 30.0 s (1.33 pages/s)", "no errors"]}


def _render(bench, tmp_path, rows, resume):
    doc = tmp_path / "benchmarks.md"
    doc.write_text(OLD, encoding="utf-8")
    body = bench.render(rows, resume, started="2026-12-07 22:00 UTC", load_before="1.0 / 1.0 / 1.0",
                        load_after="1.0 / 1.0 / 1.0", settings=Settings.load(), batch_size=16, kept=bench.subsections(doc))
    write_section(doc, bench.HEADING, body, title="Benchmarks")
    return doc.read_text(encoding="utf-8")


def test_a_throughput_run_keeps_the_kill_and_resume_record(tmp_path):
    bench = load_bench("batch.py")
    text = _render(bench, tmp_path, [ROW], None)
    assert "the throughput of an earlier run" not in text
    assert "| aeb | `--workers 1` | 24 | 0 | 6.7 | 14.6 | 1.64 | 1.64 | 197 | 2 | 456 |" in text
    assert "### Kill and resume at 10,000 pages\n\nthe 10,000-page record" in text
    assert "### Earlier runs\n\nnotes kept as they are" in text and "## People stage\n\nnot ours" in text
    assert text.index("### Throughput") < text.index("### Kill and resume") < text.index("### Earlier runs")


def test_a_kill_and_resume_run_keeps_the_throughput_record(tmp_path):
    bench = load_bench("batch.py")
    text = _render(bench, tmp_path, [], RESUME)
    assert "### Throughput\n\nthe throughput of an earlier run" in text
    assert "the 10,000-page record" not in text and "### Kill and resume at 120 pages" in text
    assert "**0 lost, 0 duplicated**" in text and "    no errors" in text
    assert text.count("### ") == 3
