"""``backstory report results.jsonl -o report/``: what a researcher wants from a corpus of cards.

Tables (CSV, every row) and ``index.html`` (the top rows and plots; one file, no script, plots inlined as
SVG drawn by matplotlib, so it opens offline and from a mail attachment):

- ``people.csv`` — cited people, most cited first: on how many pages, by how many outlets, how many quotes,
  and how the articles described them (each description with its count);
- ``people_by_outlet.csv`` — the same per outlet;
- ``unnamed_by_outlet.csv`` — per outlet, claims attributed to named people (their quotes) and to unnamed
  sourcing ("some experts believe…"), and the share resting on unnamed sourcing;
- ``republication.csv`` — who republishes whom: the publishing outlet, the outlet it credits as the original,
  pages, and the kinds of evidence;
- ``outlet_ratings.csv`` — every rating the knowledge base holds for the outlets in the corpus (publishers and
  originals), with its rater, date, URL and license;
- ``errors.csv`` — the pages that failed, by error code (from the errors file beside each results file).

Descriptions and quotes come from the articles themselves (an example page's URL is given); ratings carry
their source. The results are streamed: memory grows with the number of distinct people and outlets,
not with the number of pages.
"""

from __future__ import annotations

import csv
import html
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..errors import InputError
from . import store

MAX_DESCRIPTIONS = 8  # descriptions listed per person in the tables
OUTLETS_SHOWN = 6  # outlets whose most-cited people the page shows (the CSV has all)
PEOPLE_PER_OUTLET = 5


@dataclass
class _Person:
    name: str
    pages: int = 0
    quotes: int = 0
    outlets: set[str] = field(default_factory=set)
    roles: Counter = field(default_factory=Counter)
    example_url: str = ""


@dataclass
class _Outlet:
    domain: str
    name: str = ""
    pages: int = 0
    articles: int = 0
    named_claims: int = 0
    unnamed_claims: int = 0
    ratings: list[dict[str, Any]] = field(default_factory=list)
    as_original: int = 0


@dataclass
class Corpus:
    """What the report is made of, gathered in one pass over the results."""

    pages: int = 0
    articles: int = 0
    people: dict[str, _Person] = field(default_factory=dict)
    by_outlet: dict[tuple[str, str], _Person] = field(default_factory=dict)
    outlets: dict[str, _Outlet] = field(default_factory=dict)
    republished: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    errors: Counter = field(default_factory=Counter)
    versions: Counter = field(default_factory=Counter)
    sources: list[str] = field(default_factory=list)


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _outlet(corpus: Corpus, domain: str, name: str | None, ratings: list[dict[str, Any]] | None) -> _Outlet:
    entry = corpus.outlets.get(domain)
    if entry is None:
        entry = corpus.outlets[domain] = _Outlet(domain)
    if name and not entry.name:
        entry.name = name
    if ratings and not entry.ratings:
        entry.ratings = ratings
    return entry


def _add_person(table: dict, key: Any, name: str, role: str | None, quotes: int, outlet: str, url: str) -> None:
    person = table.get(key)
    if person is None:
        person = table[key] = _Person(name)
    person.pages += 1
    person.quotes += quotes
    person.outlets.add(outlet)
    if role:
        person.roles[" ".join(role.split())] += 1
    if not person.example_url:
        person.example_url = url


def gather(paths: list[Path]) -> Corpus:
    """Read the results files (and their errors files) once."""
    corpus = Corpus()
    seen: set[str] = set()
    for path in paths:
        if not path.is_file():
            raise InputError(f"{path}: no such results file")
        corpus.sources.append(str(path))
        for number, record in enumerate(_records(path), 1):
            if not isinstance(record, dict) or "outlet" not in record or "article" not in record:
                raise InputError(f"{path}, line {number}: not a cards document of backstory batch")
            rid = record.get("id")
            if rid in seen:
                continue  # the same page in two results files
            if rid:
                seen.add(rid)
            _add_page(corpus, record)
        errors = path.with_name((path.name[:-6] if path.name.endswith(".jsonl") else path.name) + ".errors.jsonl")
        if errors.is_file():
            last: dict[str, str] = {}
            for record in _records(errors):
                where = record.get("input") or {}
                last[record.get("id") or f"{where.get('source')}|{where.get('key')}"] = (record.get("error") or {}).get("code", "?")
            corpus.errors.update(code for rid, code in last.items() if rid not in seen)
    return corpus


def _records(path: Path):  # noqa: ANN202 - a generator of dicts
    try:
        yield from store.records(path)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not a JSONL file of backstory batch ({exc})") from exc


def _add_page(corpus: Corpus, doc: dict[str, Any]) -> None:
    corpus.pages += 1
    corpus.versions[doc.get("pipeline_version")] += 1
    article, outlet = doc.get("article") or {}, doc.get("outlet") or {}
    url = article.get("url") or ""
    domain = outlet.get("domain") or "(unknown)"
    entry = _outlet(corpus, domain, outlet.get("name"), outlet.get("ratings"))
    entry.pages += 1
    if article.get("is_article"):
        corpus.articles += 1
        entry.articles += 1
    for person in doc.get("cited") or []:
        name = person.get("name")
        if not name:
            continue
        quotes = len(person.get("quotes") or [])
        entry.named_claims += quotes
        _add_person(corpus.people, _key(name), name, person.get("role"), quotes, domain, url)
        _add_person(corpus.by_outlet, (domain, _key(name)), name, person.get("role"), quotes, domain, url)
    entry.unnamed_claims += len(doc.get("unnamed_sources") or [])
    syn = doc.get("syndicated_from")
    if syn:
        original = syn.get("domain") or syn.get("name") or "(unnamed)"
        known = syn.get("outlet") or {}
        orig = _outlet(corpus, original, syn.get("name") or known.get("name"), known.get("ratings"))
        orig.as_original += 1
        pair = corpus.republished.setdefault((domain, original), {"pages": 0, "evidence": Counter(), "example_url": url,
                                                                   "original_name": syn.get("name") or ""})
        pair["pages"] += 1
        pair["evidence"].update(e.get("kind") for e in syn.get("evidence") or [] if e.get("kind"))


def _roles(person: _Person) -> str:
    return "; ".join(f"{role} ({n})" for role, n in person.roles.most_common(MAX_DESCRIPTIONS))


def _ranked(people: list[_Person]) -> list[_Person]:
    return sorted(people, key=lambda p: (-p.pages, -p.quotes, p.name.casefold()))


def tables(corpus: Corpus) -> dict[str, tuple[list[str], list[list[Any]]]]:
    """Each table's header and rows."""
    people = [[p.name, p.pages, len(p.outlets), p.quotes, _roles(p), p.example_url] for p in _ranked(list(corpus.people.values()))]
    by_outlet = sorted(((domain, p) for (domain, _), p in corpus.by_outlet.items()),
                       key=lambda dp: (dp[0], -dp[1].pages, -dp[1].quotes, dp[1].name.casefold()))
    per_outlet = [[domain, p.name, p.pages, p.quotes, _roles(p), p.example_url] for domain, p in by_outlet]
    unnamed = []
    for o in sorted(corpus.outlets.values(), key=lambda o: (-(o.named_claims + o.unnamed_claims), o.domain)):
        if o.pages == 0:
            continue
        claims = o.named_claims + o.unnamed_claims
        share = f"{o.unnamed_claims / claims:.3f}" if claims else ""
        unnamed.append([o.domain, o.name, o.pages, o.articles, o.named_claims, o.unnamed_claims, share])
    republication = [[rep, orig, info["original_name"], info["pages"],
                      "; ".join(f"{k} ({n})" for k, n in info["evidence"].most_common()), info["example_url"]]
                     for (rep, orig), info in sorted(corpus.republished.items(), key=lambda kv: (-kv[1]["pages"], kv[0]))]
    ratings = []
    for o in sorted(corpus.outlets.values(), key=lambda o: (-o.pages, -o.as_original, o.domain)):
        role = "publisher and original" if o.pages and o.as_original else ("publisher" if o.pages else "original")
        if not o.ratings:
            ratings.append([o.domain, o.name, role, o.pages, o.as_original, "", "(no rater in the knowledge base)", "", "", "", ""])
        for r in o.ratings:
            ratings.append([o.domain, o.name, role, o.pages, o.as_original, r.get("rater", ""), r.get("verdict", ""),
                            "" if r.get("score") is None else r.get("score"), r.get("date") or "", r.get("url") or "",
                            r.get("license") or ""])
    errors = [[code, n] for code, n in corpus.errors.most_common()]
    return {
        "people": (["name", "pages", "outlets", "quotes", "described_as", "example_url"], people),
        "people_by_outlet": (["outlet", "name", "pages", "quotes", "described_as", "example_url"], per_outlet),
        "unnamed_by_outlet": (["outlet", "outlet_name", "pages", "articles", "named_claims", "unnamed_claims",
                               "unnamed_share"], unnamed),
        "republication": (["republisher", "original", "original_name", "pages", "evidence", "example_url"], republication),
        "outlet_ratings": (["outlet", "outlet_name", "in_corpus_as", "pages_published", "pages_crediting_it_as_original",
                            "rater", "verdict", "score", "date", "url", "license"], ratings),
        "errors": (["code", "pages"], errors),
    }


def write_report(paths: list[Path], out_dir: Path, *, top: int = 20) -> list[Path]:
    """Write the CSV tables and index.html into ``out_dir``; the paths written."""
    corpus = gather(paths)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    data = tables(corpus)
    for name, (header, rows) in data.items():
        path = out_dir / f"{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            writer.writerows(rows)
        written.append(path)
    page = out_dir / "index.html"
    page.write_text(render_html(corpus, data, top=top), encoding="utf-8")
    written.append(page)
    return written


# ---------------------------------------------------------------- the HTML page


def _svg_bar(labels: list[str], values: list[float], *, title: str, xlabel: str, fmt: str = "{:g}",
             xlim: tuple[float, float] | None = None, counts: bool = False) -> str:
    """A horizontal bar chart as inline SVG (text drawn as paths: no font or file needed to show it)."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    if not labels:
        return "<p class=empty>Nothing to plot.</p>"
    with matplotlib.rc_context({"svg.fonttype": "path", "font.size": 9, "svg.hashsalt": "backstory"}):
        fig, ax = plt.subplots(figsize=(7.5, 0.32 * len(labels) + 1.1))
        try:
            y = list(range(len(labels)))[::-1]
            ax.barh(y, values, color="#3b6ea8")
            ax.set_yticks(y, [label if len(label) <= 48 else label[:47] + "…" for label in labels])
            ax.set_xlabel(xlabel)
            ax.set_title(title, loc="left", fontsize=10)
            if xlim:
                ax.set_xlim(*xlim)
            if counts:
                from matplotlib.ticker import MaxNLocator

                ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            for yy, v in zip(y, values):
                ax.text(v, yy, " " + fmt.format(v), va="center", fontsize=8)
            ax.spines[["top", "right"]].set_visible(False)
            fig.tight_layout()
            buf = io.StringIO()
            fig.savefig(buf, format="svg", metadata={"Date": None})
        finally:
            plt.close(fig)
    svg = buf.getvalue()
    return svg[svg.index("<svg"):]  # drop the XML prolog and doctype: the SVG sits inside the HTML


def _table(header: list[str], rows: list[list[Any]], top: int, link_cols: tuple[str, ...] = ("example_url", "url")) -> str:
    if not rows:
        return "<p class=empty>None in this corpus.</p>"
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = []
    for row in rows[:top]:
        cells = []
        for h, v in zip(header, row):
            text = html.escape(str(v))
            if h in link_cols and str(v).startswith(("http://", "https://")):
                text = f'<a href="{html.escape(str(v), quote=True)}">{text}</a>'
            cells.append(f"<td>{text}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    more = f"<p class=more>{len(rows) - top:,} more rows in the CSV file.</p>" if len(rows) > top else ""
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{more}"


_CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1c1c1c}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2.2rem;border-bottom:1px solid #ddd}
.meta{color:#555}table{border-collapse:collapse;font-size:12.5px;margin:.6rem 0;width:100%}
th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}th{background:#f3f5f8}
td{overflow-wrap:anywhere}.plot svg{max-width:100%;height:auto}.empty,.more{color:#666;font-style:italic}
.note{color:#444;max-width:52rem}h3{font-size:1rem;margin:1.2rem 0 .2rem}h3.sub{font-size:1.05rem}
"""


def render_html(corpus: Corpus, data: dict[str, tuple[list[str], list[list[Any]]]], *, top: int) -> str:
    """The report page: one self-contained HTML file."""
    people_h, people = data["people"]
    unnamed_h, unnamed = data["unnamed_by_outlet"]
    rep_h, rep = data["republication"]
    rat_h, rat = data["outlet_ratings"]
    per_h, per = data["people_by_outlet"]
    err_h, errs = data["errors"]
    top_people = people[:top]
    plot_people = _svg_bar([r[0] for r in top_people], [r[1] for r in top_people],
                           title=f"Most-cited people (top {len(top_people)})", xlabel="pages citing them", counts=True)
    with_claims = [r for r in unnamed if r[6] != ""][:top]
    plot_unnamed = _svg_bar([r[0] for r in with_claims], [float(r[6]) for r in with_claims],
                            title="Share of claims resting on unnamed sourcing, per outlet (outlets with most claims)",
                            xlabel="unnamed claims / all attributed claims", fmt="{:.2f}", xlim=(0, 1.1))
    plot_rep = _svg_bar([f"{r[0]} → {r[1]}" for r in rep[:top]], [r[3] for r in rep[:top]],
                        title="Republication: publisher → the outlet it credits as the original", xlabel="pages",
                        counts=True)
    lin = [(r[0], float(r[7])) for r in rat if r[7] != "" and str(r[5]).startswith("Lin et al.")][:top]
    plot_ratings = _svg_bar([d for d, _ in lin], [s for _, s in lin],
                            title="Lin et al. 2023 aggregate quality score of the corpus's outlets", xlabel="score (0 to 1)",
                            fmt="{:.2f}", xlim=(0, 1.1))
    versions = ", ".join(f"{v} ({n:,})" for v, n in corpus.versions.most_common())
    sources = ", ".join(html.escape(s) for s in corpus.sources)
    failed = sum(corpus.errors.values())
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    busiest = [o.domain for o in sorted(corpus.outlets.values(), key=lambda o: (-o.pages, o.domain)) if o.pages][:OUTLETS_SHOWN]
    per_outlet = "".join(
        f"<h3>{html.escape(domain)}</h3>" + _table(per_h[1:], [r[1:] for r in per if r[0] == domain], PEOPLE_PER_OUTLET)
        for domain in busiest if any(r[0] == domain for r in per))
    per_outlet_note = (f"<h3 class=sub>Per outlet (the {len(busiest)} outlets with most pages; all of them in "
                       f"<a href=people_by_outlet.csv>people_by_outlet.csv</a>, {len(per):,} rows)</h3>{per_outlet}")
    return f"""<!doctype html>
<html lang=en><head><meta charset=utf-8><title>Backstory report</title>
<meta name=viewport content="width=device-width, initial-scale=1"><style>{_CSS}</style></head>
<body>
<h1>Backstory report</h1>
<p class=meta>{corpus.pages:,} pages ({corpus.articles:,} articles) from {sources}; {failed:,} pages failed
(<a href=errors.csv>errors.csv</a>). Pipeline version(s): {html.escape(versions) or "none"}. Generated {generated}.</p>
<p class=note>Names, descriptions, quotes and unnamed sourcing come from the articles themselves, as Backstory's
rules read them (each row gives an example page); ratings come from the knowledge base, each with its rater, date,
source URL and license. Every table is in full in its CSV file.</p>

<h2 id=people>Most-cited people</h2>
<div class=plot>{plot_people}</div>
{_table(people_h, people, top)}
{per_outlet_note}

<h2 id=unnamed>Unnamed sourcing per outlet</h2>
<p class=note>A claim is a quote attributed to a named person or a sentence resting on unnamed sourcing
("some experts believe…"); the share is unnamed claims over both.</p>
<div class=plot>{plot_unnamed}</div>
{_table(unnamed_h, unnamed, top)}

<h2 id=republication>Who republishes whom</h2>
<div class=plot>{plot_rep}</div>
{_table(rep_h, rep, top)}

<h2 id=ratings>Ratings of the outlets in the corpus</h2>
<div class=plot>{plot_ratings}</div>
{_table(rat_h, rat, top * 3)}

<h2 id=errors>Pages that failed</h2>
{_table(err_h, errs, top)}
</body></html>
"""
