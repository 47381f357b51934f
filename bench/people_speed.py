"""Time of the people stage's own rules on real pages, and against another version of the code.

The people stage is spaCy's parse plus Backstory's own rules. The parse is the same whatever the rules
do, so this script parses each page once and times ``find_people(..., doc=doc)``: the rules alone
(CPU time of this process, the least of ``--repeat`` runs, so that other work on a shared machine
weighs little). ``--against REF`` loads the people stage as it is at git ``REF`` (a commit, a branch)
beside the current one and times both on the same parsed documents, interleaved page by page, and
checks that both find the same people, quotes, roles and unnamed sourcing (fields the older code does
not have, such as ``rule``, are left out of the comparison).

Pages: the article text of what the pipeline reads as an English article among the ScrapingHub
corpus (``../shared/eval/scrapinghub_aeb``), the PolNeAR dev texts as the snapshot posts them, and the
gold set's tuning pages (never its held-back quarter), each cut at ``max_text_chars`` as the pipeline
cuts it.

Writes docs/benchmarks.md, section "## People stage" (other sections are kept), unless ``--no-write``.

    .venv/bin/python bench/people_speed.py [--against main] [--repeat 3] [--only aeb,polnear,gold] [--no-write]
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DOCS, REPO, NoNetwork, command_line, machine, percentile, publish, utc_now  # noqa: E402
from snapshot import pages  # noqa: E402

SECTION = "## People stage"
SOURCES = ("aeb", "polnear", "gold")


class _Parsed:
    """Stands in for the spaCy pipeline in code that parses the text itself: hands back the parsed Doc."""

    def __init__(self, nlp: Any, doc: Any) -> None:
        self.pipe_names = nlp.pipe_names
        self._doc = doc

    def __call__(self, text: str) -> Any:
        return self._doc


def load_version(ref: str) -> ModuleType:
    """The people stage as it is at git ``ref``: the single module ``people.py`` of older code, or the
    ``people/`` package, loaded beside the current one as ``backstory._people_<ref>``."""
    files = subprocess.run(["git", "ls-tree", "-r", "--name-only", ref, "sidecar/backstory/people.py",
                            "sidecar/backstory/people"], cwd=REPO, check=True, capture_output=True, text=True).stdout.split()
    if not files:
        raise SystemExit(f"no people stage at {ref}")
    root = Path(tempfile.mkdtemp(prefix="backstory-people-"))
    name = "backstory._people_" + re.sub(r"\W", "_", ref)
    for shared in ("data", "lexicon"):  # (read through paths beside the code)
        (root / shared).symlink_to(REPO / "sidecar" / "backstory" / shared)
    for path in files:
        source = subprocess.run(["git", "show", f"{ref}:{path}"], cwd=REPO, check=True, capture_output=True,
                                text=True).stdout
        # (spaCy refuses a second component of the same name; the current code's components parse the pages)
        source = re.sub(r"^@Language\.component\(.*\)\n", "", source, flags=re.M)
        # (the package's absolute imports of itself become imports of the copy)
        source = source.replace("backstory.people.", f"{name}.").replace("from backstory.people ", f"from {name} ")
        rel = Path(path).relative_to("sidecar/backstory")
        target = root / (Path("people") / rel.relative_to("people") if rel.parts[0] == "people" else rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(source, encoding="utf-8")
    entry = root / "people" / "__init__.py" if (root / "people").is_dir() else root / "people.py"
    spec = importlib.util.spec_from_file_location(name, entry, submodule_search_locations=[str(entry.parent)]
                                                  if entry.name == "__init__.py" else None)
    module = importlib.util.module_from_spec(spec)
    module.__package__ = name if entry.name == "__init__.py" else "backstory"
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def plain(value: Any, drop: frozenset[str]) -> Any:
    """A result as plain data, without the fields in ``drop`` (for comparing two versions)."""
    if dataclasses.is_dataclass(value):
        return {f.name: plain(getattr(value, f.name), drop) for f in dataclasses.fields(value) if f.name not in drop}
    if isinstance(value, dict):
        return {k: plain(v, drop) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v, drop) for v in value]
    return value


def fields_of(module: ModuleType) -> frozenset[str]:
    names: set[str] = set()
    for cls in (module.Quote, module.Person, module.UnnamedSource):
        names |= {f.name for f in dataclasses.fields(cls)}
    return frozenset(names)


def run_once(module: ModuleType, nlp: Any, page: dict) -> tuple[float, Any]:
    """CPU seconds of one ``find_people`` on an already parsed page, and its result."""
    if "doc" in module.find_people.__code__.co_varnames[: module.find_people.__code__.co_argcount
                                                         + module.find_people.__code__.co_kwonlyargcount]:
        started = time.process_time()
        found = module.find_people(nlp, page["text"], page["paragraphs"], page["authors"], doc=page["doc"])
    else:
        stand_in = _Parsed(nlp, page["doc"])
        started = time.process_time()
        found = module.find_people(stand_in, page["text"], page["paragraphs"], page["authors"])
    return time.process_time() - started, found


def texts(only: set[str], limit: int) -> list[dict]:
    """The article text, paragraphs and authors of each English article among the chosen pages."""
    from backstory import extract
    from backstory.settings import Settings

    settings = Settings.load(environ={})
    max_chars = settings.max_text_chars
    out = []
    for key, url, html in pages(only):
        if key.startswith("gold/") and not key.startswith("gold/tune/"):
            continue  # (the held-back quarter is never used, not even for timing)
        with NoNetwork():
            ex = extract.extract(url, html, max_chars=settings.max_body_bytes)
        if not ex.is_article or (ex.language and ex.language != "en") or not ex.text.strip():
            continue
        text = ex.text[:max_chars]
        paragraphs = [(s, min(e, len(text))) for s, e in ex.paragraphs if s < len(text)]
        out.append({"key": key, "text": text, "paragraphs": paragraphs, "authors": [n for n, _ in ex.authors]})
        if limit and len(out) >= limit:
            break
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--against", help="a git ref whose people stage is timed beside the current one")
    ap.add_argument("--repeat", type=int, default=3, help="runs per page and version (the least counts)")
    ap.add_argument("--only", default=",".join(SOURCES), help=f"comma-separated sources ({', '.join(SOURCES)})")
    ap.add_argument("--pages", type=int, default=0, help="at most this many pages (0: all)")
    ap.add_argument("--no-write", action="store_true", help="print the section without writing docs/benchmarks.md")
    args = ap.parse_args(argv)
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    if only - set(SOURCES):
        ap.error(f"unknown source(s): {', '.join(sorted(only - set(SOURCES)))}")

    from backstory import people
    from backstory.nlp import load_model
    from backstory.settings import default_model

    nlp = people.with_paragraph_breaks(load_model(default_model()))
    versions: dict[str, ModuleType] = {"current": people}
    if args.against:
        versions = {args.against: load_version(args.against), "current": people}
    found = texts(only, args.pages)
    if not found:
        print("people_speed.py: skipped: no pages (../shared/eval not found?); nothing was written.")
        return 0
    print(f"{len(found)} pages; parsing …", file=sys.stderr)
    parse_s = []
    for page in found:
        started = time.process_time()
        page["doc"] = nlp(page["text"])
        parse_s.append(time.process_time() - started)
    drop = frozenset().union(*(fields_of(m) for m in versions.values())) - frozenset.intersection(
        *(fields_of(m) for m in versions.values()))
    times: dict[str, list[float]] = {v: [] for v in versions}
    differ = []
    for n, page in enumerate(found, 1):
        best: dict[str, float] = {}
        results: dict[str, Any] = {}
        for _ in range(args.repeat):
            for label, module in versions.items():  # (interleaved: drift on a shared machine hits both alike)
                page["doc"].user_data.pop("backstory_sent_index", None)
                spent, results[label] = run_once(module, nlp, page)
                best[label] = min(best.get(label, float("inf")), spent)
        for label, spent in best.items():
            times[label].append(spent)
        if len(versions) > 1 and len({repr(plain(r, drop)) for r in results.values()}) > 1:
            differ.append(page["key"])
        if n % 25 == 0:
            print(f"  {n}/{len(found)}", file=sys.stderr)

    chars = sum(len(p["text"]) for p in found)
    rows = ["| code | pages | total s | ms per page: median | p90 | max | µs per 1,000 chars |", "|---|---:|---:|---:|---:|---:|---:|"]
    for label, values in times.items():
        ms = [v * 1000 for v in values]
        rows.append(f"| {label} | {len(ms)} | {sum(values):.2f} | {statistics.median(ms):.1f} | {percentile(ms, 90):.1f} "
                    f"| {max(ms):.1f} | {sum(values) * 1e6 / chars * 1000:.0f} |")
    lines = [
        f"Measured {utc_now()} on {machine()}, with",
        "",
        f"    {command_line()}",
        "",
        f"The rules of the people stage alone, on the parsed text of {len(found)} English articles "
        f"({', '.join(sorted(only))}; {chars:,} characters): CPU time of `find_people(..., doc=doc)`, the least of "
        f"{args.repeat} runs per page{', both versions interleaved page by page' if len(versions) > 1 else ''}. "
        f"spaCy's parse of the same texts, which the stage also does, took {sum(parse_s):.1f} s (one run).",
        "",
        *rows,
    ]
    if len(versions) > 1:
        before, after = (sum(times[v]) for v in versions)
        lines += ["", f"Ratio current / {args.against}: {after / before:.3f}. Pages whose people differ between the "
                      f"two (fields only one version has left out): {len(differ)}"
                      + (f" ({', '.join(differ[:10])}{' …' if len(differ) > 10 else ''})" if differ else "") + "."]
    publish(DOCS / "benchmarks.md", SECTION, "\n".join(lines), title="Benchmarks", skip="--no-write" if args.no_write else None)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
