"""Batch analysis for researchers: ``backstory batch`` and ``backstory report`` (issue 29).

    inputs.py     the inputs, streamed: folders of saved pages, WARC files, JSONL of {"url", "html"},
                  lists of URLs (fetched politely by fetching.py, only with --fetch)
    store.py      results.jsonl and errors.jsonl: one line per page, resumable after a kill -9
    supervise.py  one Engine in a child process, each page held to the server's time budget
    child.py      that child's main loop (Engine.analyze_many: the texts parsed with nlp.pipe)
    run.py        the run: N local engine processes or a Dask cluster, progress and the summary
    dask_pool.py  the Dask side (optional: ``pip install 'backstory[dask]'``)
    report.py     tables (CSV) and a static HTML page from a results file
    cli.py        the two subcommands

docs/batch.md is the researcher's guide.
"""

# pages per nlp.pipe batch and per Dask partition (16 parsed together took an engine to 604-621 MB on AEB pages, 8 to
# 479 MB at the same CPU per page: docs/benchmarks.md, Batch)
DEFAULT_BATCH_SIZE = 8
