"""``backstory batch`` and ``backstory report`` (registered by backstory.cli)."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from ..errors import InputError
from . import DEFAULT_BATCH_SIZE

EXIT_OK, EXIT_INTERRUPTED = 0, 130


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def cmd_batch(args: argparse.Namespace) -> int:
    from ..settings import Settings
    from .run import Options, run

    settings = Settings.load({"model": args.model})
    if settings.fetch_delay_s < 0:
        raise InputError(f"fetch_delay_s must be 0 or more, not {settings.fetch_delay_s:g}")
    if args.dask:
        from .dask_pool import import_distributed

        import_distributed()  # says how to install Dask before anything else happens
    options = Options(inputs=[Path(p) for p in args.inputs], output=Path(args.output),
                      errors=Path(args.errors) if args.errors else None,
                      workers=args.workers or (os.cpu_count() or 1), batch_size=args.batch_size, dask=args.dask,
                      fetch=args.fetch, allow_private=args.allow_private, robots=not args.ignore_robots,
                      retry_errors=args.retry_errors,
                      include_text=args.include_text, progress=not args.quiet)
    # SIGTERM (kill, a cluster's job scheduler) stops the run as cleanly as Ctrl-C: the summary, then exit
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        summary = run(options, settings)
    finally:
        signal.signal(signal.SIGTERM, previous)
    for line in summary.lines():
        print(line, file=sys.stderr)
    return EXIT_INTERRUPTED if summary.interrupted else EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from .report import write_report

    written = write_report([Path(p) for p in args.results], Path(args.output), top=args.top)
    for path in written:
        print(path)
    return EXIT_OK


def register_cli(sub: argparse._SubParsersAction) -> None:
    """Add the two subcommands to the ``backstory`` parser."""
    batch = sub.add_parser(
        "batch", help="analyse many pages: folders, WARC files, JSONL, lists of URLs (resumable; local cores or Dask)",
        description="Analyse many pages into a JSONL file of cards documents, one per line, each with a stable id "
                    "(URL plus content hash). Failures go to an errors JSONL file. Run it again to resume: what is "
                    "done is skipped. See docs/batch.md.")
    batch.add_argument("inputs", nargs="+", metavar="INPUT",
                       help="a folder of saved pages, a saved page, a WARC (.warc, .warc.gz), a JSONL file of "
                            '{"url", "html"} (.jsonl), or a text file of URLs (needs --fetch)')
    batch.add_argument("-o", "--output", required=True, help="results file (JSONL); appended to, so a rerun resumes")
    batch.add_argument("--errors", help="errors file (default: OUTPUT's name with .errors.jsonl)")
    batch.add_argument("--workers", type=_positive, help="engine processes (default: one per core); with --dask local, "
                                                         "the LocalCluster's workers")
    batch.add_argument("--batch-size", type=_positive, default=DEFAULT_BATCH_SIZE,
                       help="pages per nlp.pipe batch and per Dask partition (default %(default)s)")
    batch.add_argument("--dask", metavar="SCHEDULER",
                       help="run on Dask: a scheduler's address (tcp://host:8786) or 'local' for a LocalCluster")
    batch.add_argument("--fetch", action="store_true",
                       help="fetch the URLs of URL lists (one request at a time per host, fetch_delay_s apart)")
    batch.add_argument("--allow-private", action="store_true",
                       help="with --fetch: allow loopback and private addresses (refused by default)")
    batch.add_argument("--ignore-robots", action="store_true",
                       help="with --fetch: do not read the sites' robots.txt (only with the sites' permission)")
    batch.add_argument("--retry-errors", action="store_true", help="analyse again the inputs the errors file lists")
    batch.add_argument("--include-text", action="store_true", help="include each article's text in its cards")
    batch.add_argument("--model", help="spaCy pipeline to use")
    batch.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    batch.set_defaults(func=cmd_batch)

    report = sub.add_parser("report", help="tables (CSV) and an HTML page of plots from batch results",
                            description="Summarise batch results: most-cited people (overall and per outlet, with "
                                        "how each was described), unnamed sourcing per outlet, who republishes whom, "
                                        "the outlets' ratings. Writes CSV files and index.html (works offline).")
    report.add_argument("results", nargs="+", help="results file(s) of backstory batch")
    report.add_argument("-o", "--output", required=True, help="folder to write the report into")
    report.add_argument("--top", type=_positive, default=20, help="rows in each plot (the CSV files have every row)")
    report.set_defaults(func=cmd_report)
