"""Where a curated fact may come from: the canonical page, never a mirror, a copy or an aggregator (issue 25).

``data/curated-sources.toml`` is an allow-list: Wikipedia in the languages it names, and the sites a reviewer
checked are the publisher's own, each with the kind of publisher it is (news, government, research, or the
subject's own site). :func:`check` lists every claim whose address is not on it or does not look like the
canonical page (tracking parameters, AMP copies, a "copy on ..." source name); tests/test_curated_sources.py
fails on any. ``python -m backstory.kb.sources --doc`` writes docs/curated-sources.md from the allow-list and
the records, so the list of sources cannot drift from what the records cite.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from ..domains import KIND_PATH, host_key, platform_of, site_of
from .curated import Record, load_curated

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SOURCES_FILE = DATA_DIR / "curated-sources.toml"
CURATED_DIR = DATA_DIR / "curated"
DOC_FILE = Path(__file__).resolve().parents[3] / "docs" / "curated-sources.md"

KIND_NEWS = "news"
KIND_GOVERNMENT = "government"
KIND_RESEARCH = "research"
KIND_SELF = "self"
KINDS = (KIND_NEWS, KIND_GOVERNMENT, KIND_RESEARCH, KIND_SELF)
WIKIPEDIA = "wikipedia"
WIKIPEDIA_SITE = "wikipedia.org"
WIKIPEDIA_NAME = re.compile(r"^Wikipedia article '(?P<title>.+)'$")
# Query keys that mark an address as a share link rather than the page (utm_source=substack ...).
TRACKING_KEYS = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|smid|igshid|ref_src)$", re.I)
# Words that say the page read was not the publisher's: "(copy on example.org)", "republished by", "via".
COPY_WORDS = re.compile(r"\b(cop(y|ies)|mirror(ed)?|republish(ed)?|repost(ed)?|reproduc(ed|tion)|scraped|cached|via)\b", re.I)
_AMP_PATH = re.compile(r"(^|/)amp(/|$)|[?&]amp(=|&|$)|\.amp(\.html)?$", re.I)


@dataclass(frozen=True)
class SourceSite:
    """One allowed source site: its registered site, what kind of publisher it is, and who."""

    site: str
    kind: str
    publisher: str
    records: tuple[str, ...] = ()  # for KIND_SELF: the records it may support
    pages: tuple[str, ...] = ()  # on a path platform (t.me): the address prefixes that are the publisher's own


@dataclass(frozen=True)
class Allowed:
    """curated-sources.toml, parsed."""

    wikipedia_languages: tuple[str, ...]
    wikipedia_license: str
    sites: dict[str, SourceSite]


class SourcesFileError(ValueError):
    """curated-sources.toml itself breaks its rules."""


def load_allowed(path: Path = SOURCES_FILE) -> Allowed:
    """Read the allow-list, raising SourcesFileError when an entry is malformed."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    wp = data.get(WIKIPEDIA) or {}
    sites: dict[str, SourceSite] = {}
    for i, entry in enumerate(data.get("site", ())):
        where = f"site {i} ({entry.get('site')!r})"
        site, kind, publisher = entry.get("site"), entry.get("kind"), entry.get("publisher")
        if not (isinstance(site, str) and isinstance(publisher, str) and publisher.strip()):
            raise SourcesFileError(f"{where}: needs site and publisher")
        if kind not in KINDS:
            raise SourcesFileError(f"{where}: kind must be one of {', '.join(KINDS)}")
        if site_of(site) != site:
            raise SourcesFileError(f"{where}: not a site as domains.site_of reads it (that would be {site_of(site)!r})")
        if site == WIKIPEDIA_SITE:
            raise SourcesFileError(f"{where}: Wikipedia is configured in [{WIKIPEDIA}], by language")
        if site in sites:
            raise SourcesFileError(f"{where}: listed twice")
        records = tuple(entry.get("records", ()))
        if (kind == KIND_SELF) != bool(records):
            raise SourcesFileError(f"{where}: `records` is required for kind self and only for it")
        pages = tuple(entry.get("pages", ()))
        platform = platform_of(site)
        if platform is not None and platform.kind == KIND_PATH and not pages:
            raise SourcesFileError(f"{where}: {platform.name} lets anyone publish on {site}: list the publisher's `pages`")
        if any(not p.startswith(site + "/") for p in pages):
            raise SourcesFileError(f"{where}: every page prefix starts with '{site}/'")
        sites[site] = SourceSite(site, kind, publisher.strip(), records, pages)
    return Allowed(tuple(wp.get("languages", ())), wp.get("license", ""), sites)


def wikipedia_language(host: str) -> str | None:
    """'en' for en.wikipedia.org; None for any other host (mobile 'en.m.wikipedia.org' included)."""
    labels = host.split(".")
    if len(labels) == 3 and labels[1:] == ["wikipedia", "org"] and re.fullmatch(r"[a-z]{2,3}(-[a-z]+)*", labels[0]):
        return labels[0]
    return None


def check_source(record_id: str, source: dict, allowed: Allowed) -> list[str]:
    """What is wrong with one cited source, as short phrases; empty when it is a canonical page we allow."""
    url, name = source.get("url") or "", source.get("name") or ""
    try:
        parts = urlsplit(url)
        host = host_key(parts.hostname or "")
        port = parts.port
    except ValueError:
        return [f"not a valid address: {url}"]
    problems = []
    if parts.scheme not in ("http", "https") or not host:
        return [f"not an http(s) address: {url}"]
    if port is not None or parts.username:
        problems.append("address carries a port or user name")
    tracking = [k for k, _ in parse_qsl(parts.query, keep_blank_values=True) if TRACKING_KEYS.match(k)]
    if tracking:
        problems.append(f"tracking parameters in the address ({', '.join(tracking)}): cite the page, not a share link")
    if host.startswith("amp.") or _AMP_PATH.search(parts.path) or _AMP_PATH.search("?" + parts.query):
        problems.append("an AMP copy: cite the publisher's page")
    if COPY_WORDS.search(name):
        problems.append(f"source name says the page read was a copy or relay ({name!r}): cite the original")
    site = site_of(host)
    if site == WIKIPEDIA_SITE or "wikipedia" in name.lower() or "dbpedia" in name.lower():
        problems += _check_wikipedia(host, parts, name, source.get("license"), allowed)
        return problems
    entry = allowed.sites.get(site or "")
    if entry is None:
        problems.append(f"{site or host} is not an allowed source site (data/curated-sources.toml)")
        return problems
    if entry.pages and not any(f"{host}{parts.path}".removeprefix("www.").startswith(p) for p in entry.pages):
        problems.append(f"only {', '.join(entry.pages)} on {site} are {entry.publisher}'s own pages")
    if entry.kind == KIND_SELF and record_id not in entry.records:
        problems.append(f"{site} is {entry.publisher}'s own site, allowed only for {', '.join(entry.records)}")
    return problems


def _check_wikipedia(host: str, parts, name: str, license: str | None, allowed: Allowed) -> list[str]:
    """A Wikipedia citation must be the article on <lang>.wikipedia.org, named after it, with the licence."""
    problems = []
    lang = wikipedia_language(host)
    if lang is None or site_of(host) != WIKIPEDIA_SITE:
        return [f"Wikipedia cited on {host}: cite the article on <lang>.wikipedia.org, not a copy"]
    if lang not in allowed.wikipedia_languages:
        problems.append(f"{lang}.wikipedia.org is not an allowed Wikipedia language")
    if not parts.path.startswith("/wiki/") or parts.query:
        problems.append("not an article address (https://<lang>.wikipedia.org/wiki/<Title>)")
    if parts.scheme != "https":
        problems.append("Wikipedia addresses are https")
    m = WIKIPEDIA_NAME.match(name)
    title = unquote(parts.path.removeprefix("/wiki/")).replace("_", " ")
    if m is None:
        problems.append("source name is not \"Wikipedia article '<Title>'\"")
    elif m.group("title") != title:
        problems.append(f"source name names {m.group('title')!r} but the address is the article {title!r}")
    if license != allowed.wikipedia_license:
        problems.append(f"licence must be {allowed.wikipedia_license!r} (Wikipedia's licence since June 2023)")
    return problems


def check(records: list[Record], allowed: Allowed) -> list[str]:
    """Every problem in the records' sources and in the allow-list, one line each; empty when all is well."""
    problems, used = [], set()
    ids = {r.id for r in records}
    for r in records:
        for i, fact in enumerate(r.facts):
            for source in fact["sources"]:
                host = host_key(urlsplit(source["url"]).hostname or "")
                used.add(site_of(host))
                problems += [f"{r.id} claim {i} ({fact['property']}): {p}" for p in check_source(r.id, source, allowed)]
    for site, entry in allowed.sites.items():
        if site not in used:
            problems.append(f"curated-sources.toml: {site} is listed but no claim cites it")
        for rid in entry.records:
            if rid not in ids:
                problems.append(f"curated-sources.toml: {site} names record {rid!r}, which does not exist")
    return problems


# --- docs/curated-sources.md -------------------------------------------------------------------------------

_SECTIONS = (
    (WIKIPEDIA, "Wikipedia articles"),
    (KIND_GOVERNMENT, "Governments, parliaments and public bodies"),
    (KIND_RESEARCH, "Research institutes, watchdogs, academic publishers and awards bodies"),
    (KIND_NEWS, "News publishers"),
    (KIND_SELF, "The subjects' own sites"),
)


def render_doc(records: list[Record], allowed: Allowed) -> str:
    """docs/curated-sources.md: how sources are chosen, then every source grouped by kind, with what it supports."""
    by_url: dict[str, dict] = {}
    supports: dict[str, list[str]] = defaultdict(list)
    retrieved = set()
    for r in sorted(records, key=lambda r: r.name.lower()):
        for fact in r.facts:
            for s in fact["sources"]:
                by_url.setdefault(s["url"], s)
                supports[s["url"]].append(f"{r.name} — {fact['property']}: {fact['value']}")
                if s.get("retrieved"):
                    retrieved.add(s["retrieved"])
    groups: dict[str, list[dict]] = defaultdict(list)
    for url, s in by_url.items():
        site = site_of(host_key(urlsplit(url).hostname or ""))
        groups[WIKIPEDIA if site == WIKIPEDIA_SITE else allowed.sites[site].kind].append(s)
    n_claims = sum(len(r.facts) for r in records)
    sites = {site_of(host_key(urlsplit(u).hostname or "")) for u in by_url}
    first, last = min(retrieved), max(retrieved)
    out = [
        "# Sources of the curated knowledge-base layer",
        "",
        "<!-- Generated by `python -m backstory.kb.sources --doc` from sidecar/backstory/data/curated-sources.toml",
        "     and the records under sidecar/backstory/data/curated/. Edit those, then regenerate; a test fails when",
        "     this file is out of date. -->",
        "",
        "Every source cited by a record under `sidecar/backstory/data/curated/`, with what it supports.",
        f"{len(records)} records, {n_claims} claims, {len(by_url)} distinct sources on {len(sites)} sites.",
        "The claims are our own wording; each record gives the exact place (`where`) in its source. Dates",
        "are the sources' own publication dates where the source shows one.",
        "",
        "## Canonical pages only",
        "",
        "A claim cites the page its publisher put out: the Wikipedia article on `en.wikipedia.org`, the",
        "newspaper's or the government's own page, the organisation's own site. Never a mirror of Wikipedia",
        "(wiki.gravy.cc, owiki.org, piglix.com, nina.az, Kiwix hosts, DBpedia browsers), a scraper that",
        "reposts news stories, an aggregator, a proxy, an AMP copy, a link shortener or a share link with",
        "tracking parameters. A copy can be stale, altered or gone tomorrow, and citing it launders where a",
        "fact came from. A wire story that a newspaper publishes under licence (The Associated Press in the",
        "La Crosse Tribune) is that newspaper's publication and counts as its own page.",
        "",
        "`sidecar/backstory/data/curated-sources.toml` lists the sites a claim may cite, each with its kind",
        "(news, government, research, or the subject's own site) and publisher; a subject's own site may",
        "support only the records it names. It is an allow-list, not a list of mirrors to refuse: copies",
        "appear faster than anyone can list them, so a deny-list is always one mirror behind, while a",
        "new site on the allow-list is the moment a reviewer asks whether it is the canonical page.",
        "`tests/test_curated_sources.py` runs `backstory.kb.sources.check` over every claim and fails on an",
        "address off the list, a Wikipedia citation that is not the article itself (mobile, other host,",
        "title not the one in `source_name`, licence not CC BY-SA 4.0), tracking parameters, AMP copies,",
        "and source names that say the page read was a copy or came \"via\" somewhere.",
        "",
        f"Claims were read between {first} and {last} (each claim's `retrieved`). In the 2026-12-07 review,",
        "which replaced every mirror, scraper copy and aggregator the layer cited, most pages were read",
        "through the stored public copies the project's search tool holds; where only a copy of the text",
        "was stored, the passage was checked in that copy (or in several) and the canonical address is",
        "cited. Claims no canonical source could be found for were dropped, not kept on a copy.",
        "",
    ]
    for kind, title in _SECTIONS:
        items = groups.get(kind, [])
        if not items:
            continue
        out += [f"## {title}", ""]
        for s in sorted(items, key=lambda s: (s["name"].lower(), s["url"])):
            site = site_of(host_key(urlsplit(s["url"]).hostname or ""))
            extra = [s["date"]] if s.get("date") else []
            if s.get("license"):
                extra.append(s["license"])
            publisher = "" if kind == WIKIPEDIA else f" — {allowed.sites[site].publisher}"
            out.append(f"- **{s['name']}**{' (' + ', '.join(extra) + ')' if extra else ''}{publisher}")
            out.append(f"  <{s['url']}>")
            out.append(f"  Supports: {'; '.join(supports[s['url']])}.")
        out.append("")
    out += ["## Allowed source sites", "", "| site | kind | publisher | sources cited |", "|---|---|---|---|"]
    count = defaultdict(int)
    for url in by_url:
        count[site_of(host_key(urlsplit(url).hostname or ""))] += 1
    langs = ", ".join(f"{lang}.wikipedia.org" for lang in allowed.wikipedia_languages)
    out.append(f"| {langs} | wikipedia | Wikipedia ({allowed.wikipedia_license}) | {count[WIKIPEDIA_SITE]} |")
    for site, e in sorted(allowed.sites.items(), key=lambda kv: (KINDS.index(kv[1].kind), kv[0])):
        who = e.publisher + (f"; pages {', '.join(e.pages)}" if e.pages else "")
        who += f"; for {', '.join(e.records)}" if e.records else ""
        out.append(f"| {site} | {e.kind} | {who} | {count[site]} |")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    """`--check`: print problems, exit 1 if any. `--doc`: (re)write docs/curated-sources.md."""
    ap = argparse.ArgumentParser(prog="python -m backstory.kb.sources", description=__doc__.splitlines()[0])
    ap.add_argument("--doc", action="store_true", help="write docs/curated-sources.md")
    ap.add_argument("--check", action="store_true", help="list sources that are not canonical pages we allow")
    args = ap.parse_args(argv)
    records, warnings = load_curated(CURATED_DIR)
    allowed = load_allowed()
    problems = warnings + check(records, allowed)
    for p in problems:
        print(p, file=sys.stderr)
    if args.doc:
        if problems:
            print("not writing the doc while sources have problems", file=sys.stderr)
            return 1
        DOC_FILE.write_text(render_doc(records, allowed), encoding="utf-8")
        print(f"wrote {DOC_FILE}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
