"""Audit every bundled dataset's domain keys: is each key a site a rater rated, and can a page reach it?

    .venv/bin/python bench/audit_domain_keys.py            # prints the tables docs/knowledge-base.md holds

For each dataset (Lin et al., CRED-1, OpenSources, the two Wikipedia lists, the curated layer, the Wikidata
outlets of the test dump) it sorts the keys by what domains.site_of makes of them today and by what the
previous rule (the PSL's ICANN section alone, no hosting list) made of them:

- site: the key is a site (a registered domain, with the PSL's private section and our hosting list);
- hosted site: a site on a platform (someone.blogspot.com); before, it folded into the platform, so the
  row could never be reached and the platform's own rating was shown instead;
- platform: the platform's own site (blogspot.com, wordpress.com, medium.com): shown on the platform's own
  pages only, and withheld on platforms where anyone publishes at a path;
- host under a site: a row for one host (economictimes.indiatimes.com); before, lookups went by registered
  domain and never reached it; now a page on that host gets it;
- no registered domain: an IP address, a public suffix (nhs.uk) or an unknown TLD: looked up by the
  page's host as it is, as before;
- malformed: no host can ever be it ('silver-coin-investor. com').

For the Wikipedia lists and the curated layer it also counts the rows the name check flags and the
decisions taken on them (data/open/domain-decisions.toml).
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path

import tldextract

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "sidecar"))

from backstory import domains  # noqa: E402
from backstory.kb.build_open import load_decisions  # noqa: E402
from backstory.kb.curated import load_curated  # noqa: E402
from backstory.kb.sitenames import fits  # noqa: E402

OPEN = REPO / "sidecar" / "backstory" / "data" / "open"
SHARED_OUTLETS = REPO.parent / "shared" / "data" / "outlets"
WIKIDATA_FIXTURE = REPO / "tests" / "fixtures" / "kb" / "wikidata-20261118-sample.json"
CATEGORIES = ("site", "hosted site", "platform", "host under a site", "no registered domain", "malformed")
_OLD = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)  # the previous rule: ICANN section only


def category(key: str) -> str:
    """Where a key stands under today's rule."""
    if not re.fullmatch(r"[a-z0-9.-]+|\[[0-9a-f:.]+\]", key):
        return "malformed"
    site = domains.site_of(key)
    if site is None:
        return "no registered domain"
    if key != site:
        return "host under a site"
    platform = domains.platform_of(site)
    if platform is not None and platform.kind == domains.KIND_SUBDOMAIN:
        return "hosted site"
    own = domains.extractor()(site)
    if platform is not None or not own.domain:
        return "platform"
    return "site"


def reached_before(key: str) -> bool:
    """True when the previous rule's registered domain of the key was the key itself."""
    parts = _OLD(key)
    return bool(parts.domain and parts.suffix) and f"{parts.domain}.{parts.suffix}" == key


def path_rows(path: Path, column: str | int) -> int:
    """Rows of a source file that rate a path ('cato.org/blog'): left out by the build."""
    if not path.is_file():
        return -1
    with path.open(encoding="utf-8") as fh:
        rows = csv.DictReader(fh) if isinstance(column, str) else csv.reader(fh)
        return sum(1 for r in rows if r and "/" in (r[column] or "").strip().split("://")[-1].strip("/"))


def table_row(name: str, keys: list[str], path_qualified: int | None = None) -> str:
    counts = Counter(category(k) for k in keys)
    unreachable_before = sum(1 for k in keys if category(k) in ("hosted site", "host under a site")
                             and not reached_before(k))
    cells = [name, f"{len(keys):,}"] + [f"{counts[c]:,}" for c in CATEGORIES]
    cells += [f"{unreachable_before:,}", "—" if path_qualified is None else f"{path_qualified:,}"]
    return "| " + " | ".join(cells) + " |"


def main() -> int:
    data = json.loads((OPEN / "outlets.json").read_text(encoding="utf-8"))
    records, _ = load_curated(OPEN.parent / "curated")
    curated_keys = [d for r in records if r.kind in ("outlet", "organisation") for d in r.domains]
    print("| dataset | keys | " + " | ".join(CATEGORIES) + " | never reached before | path rows left out |")
    print("|---|" + "---:|" * (len(CATEGORIES) + 3))
    print(table_row("Lin et al. 2023", list(data["lin2023"]),
                    path_rows(SHARED_OUTLETS / "lin2023-domain-quality" / "domain_ratings.csv", "domain")))
    print(table_row("CRED-1", list(data["cred1"]), path_rows(SHARED_OUTLETS / "cred1" / "cred1_current.csv", "domain")))
    print(table_row("OpenSources", list(data["opensources"]), path_rows(SHARED_OUTLETS / "opensources" / "sources.csv", 0)))
    for key, rows in data["wikipedia"].items():
        print(table_row(f"Wikipedia ({key})", list(rows)))
    print(table_row("curated outlets and organisations", curated_keys))
    if WIKIDATA_FIXTURE.is_file():
        from backstory.kb.wikidata import outlet_record

        sites = []
        for line in WIKIDATA_FIXTURE.read_text(encoding="utf-8").splitlines():
            line = line.strip().rstrip(",")
            if line.startswith("{") and (rec := outlet_record(json.loads(line))) is not None:
                sites += rec["domains"]
        print(table_row("Wikidata outlets (test dump)", sites))

    decisions = load_decisions()
    print()
    print("| list | entry/site rows in the source | flagged by the name check | kept | dropped | moved to a host "
          "| bundled rows | bundled rows that do not spell their entry's name |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    review = None
    if SHARED_OUTLETS.is_dir():
        from backstory.kb.build_open import DomainReview, build_kudusch, build_kynoptic

        review = {}
        for key, build, folder in (("wp-rsp-2021", build_kudusch, "wp-rsp-kudusch"),
                                   ("wp-rsp-2026", build_kynoptic, "wp-rsp-kynoptic")):
            review[key] = DomainReview(decisions)
            build(SHARED_OUTLETS / folder, review[key])
    for key, rows in data["wikipedia"].items():
        mine = Counter(v.decision for (lst, _, _), v in decisions.items() if lst == key)
        source = f"{review[key].rows} | {review[key].flagged}" if review else "— | —"
        unfit = sum(1 for d, row in rows.items() if not fits(row[4], d))
        print(f"| {key} | {source} | {mine['keep']} | {mine['drop']} | {mine['move']} | {len(rows)} | {unfit} |")
    cur = Counter(v.decision for (lst, _, _), v in decisions.items() if lst == "curated")
    flagged = sum(1 for r in records if r.kind in ("outlet", "organisation") for d in r.domains
                  if not fits(" ; ".join((r.name, *r.aliases)), d))
    print(f"| curated | {len(curated_keys)} | {flagged} | {cur['keep']} | {cur['drop']} | {cur['move']} | "
          f"{len(curated_keys)} | {flagged} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
