"""Open outlet data: one Rating per rater, each with its own date and source, never averaged.

Disagreement rule (``raters_disagree``): every rating gets a stance — "high", "low" or none
(middling, mixed, no consensus, imputed, or a tag that says nothing about accuracy). Raters
disagree when at least one says high and at least one says low. Imputed values never vote.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..domains import lookup_keys
from .datasets import CRED1, DATASETS, LAYER_OPEN, LIN2023, NEWSMAP, OPENSOURCES, WP_KUDUSCH, WP_KYNOPTIC, Dataset
from .names import fold

OUTLETS_FILE = "outlets.json"
# Lin et al. pc1 is 0 (lowest) to 1 (highest quality); Reuters is 1.0, NYT 0.86, Fox News 0.53, RT 0.29.
LIN_HIGH = 0.70
LIN_LOW = 0.35
LIN_RATER_COUNT = 5  # rating sets in the public file: AFM, fact-checkers, MBFC, Lasser et al., Iffy/MisinfoMe
LIN_DOMAIN_COUNT = 11_520
LIN_RATER_LABELS = {
    "afm": "Ad Fontes Media",
    "fc": "professional fact-checkers",
    "mbfc": "Media Bias/Fact Check",
    "lasser": "Lasser et al. 2022",
    "iffy": "Iffy.news/MisinfoMe list",
}
LIN_GRADED = frozenset({"afm", "fc", "mbfc", "lasser"})  # rating sets with a scale, unlike the 0/1 Iffy list
CRED1_STANCE = {"reliable": "high", "fake": "low", "conspiracy": "low", "unreliable": "low"}
WIKIPEDIA_STANCE = {
    "generally reliable": "high",
    "generally unreliable": "low",
    "deprecated": "low",
    "blacklisted": "low",
}
OPENSOURCES_LOW = frozenset({"fake", "conspiracy", "junksci", "hate", "unreliable", "clickbait", "rumor"})
OPENSOURCES_HIGH = frozenset({"reliable"})
STANCE_KEY = "_stance"  # internal; stripped before a rating leaves the knowledge base


def _rating(ds: Dataset, verdict: str, *, score=None, percentile=None, raters_observed=None,
            imputed=None, url: str | None = None, stance: str | None = None) -> dict:
    """A Rating object (docs/api.md) plus its internal stance."""
    source = ds.source(url=url)
    return {
        "rater": ds.rater, "verdict": verdict, "score": score, "percentile": percentile,
        "raters_observed": raters_observed, "imputed": imputed, "date": ds.date,
        "url": source["url"], "license": ds.license, "layer": LAYER_OPEN, "source": source,
        STANCE_KEY: stance,
    }


def lin_rating(row: list) -> dict:
    """Lin et al. 2023: pc1 and its percentile, how many rating sets really rated the domain.

    The score counts as a rating only when at least one graded rating set (not just the binary
    Iffy/MisinfoMe list) rated the domain; otherwise it is the authors' imputation and says so.
    """
    pc1, percentile, observed = row
    n = len(observed)
    graded = [c for c in observed if c in LIN_GRADED]
    if not graded:
        listed = " (it is on that list of unreliable sites)" if observed else ""
        who = f"only the {LIN_RATER_LABELS['iffy']} rated this domain{listed}" if observed else "no rating set in the study rated this domain"
        verdict = f"{who}: the aggregate score {pc1:.2f} is imputed by the authors' model, not anyone's rating"
        return _rating(LIN2023, verdict, score=pc1, percentile=percentile, raters_observed=n, imputed=True)
    level = "high" if pc1 >= LIN_HIGH else "low" if pc1 <= LIN_LOW else "middling"
    who = ", ".join(LIN_RATER_LABELS[c] for c in observed)
    missing = LIN_RATER_COUNT - n
    rest = "" if not missing else f"; {missing} other rating set{' was' if missing == 1 else 's were'} imputed"
    verdict = (f"{level} aggregate quality {pc1:.2f} of 1 (percentile {percentile:g} of the study's "
               f"{LIN_DOMAIN_COUNT:,} domains), from {n} of {LIN_RATER_COUNT} rating sets ({who}){rest}")
    stance = level if level in ("high", "low") else None
    return _rating(LIN2023, verdict, score=pc1, percentile=percentile, raters_observed=n, imputed=False, stance=stance)


def cred1_rating(row: list) -> dict:
    """CRED-1: category and composite score (MBFC-derived columns are not bundled)."""
    category, score, n_lists = row
    verdict = f"{category} (listed by {n_lists} source list{'s' if n_lists != 1 else ''})"
    return _rating(CRED1, verdict, score=score, stance=CRED1_STANCE.get(category))


def wikipedia_rating(row: list) -> dict:
    """Wikipedia's reliable-sources status (status only, no summary text)."""
    statuses, name, key = row[:3]
    ds = DATASETS[key]
    verdict = "; ".join(statuses) + f" (entry: {name})"
    stances = {WIKIPEDIA_STANCE.get(s) for s in statuses} - {None}
    stance = stances.pop() if len(stances) == 1 else None
    return _rating(ds, verdict, stance=stance)


def opensources_rating(tags: list[str]) -> dict:
    """OpenSources tags, with the list's 2017 date in the verdict."""
    verdict = f"tagged {', '.join(tags)} (list from 2017, no longer maintained)"
    tagset = set(tags)
    stance = "low" if tagset & OPENSOURCES_LOW else "high" if tagset & OPENSOURCES_HIGH else None
    return _rating(OPENSOURCES, verdict, stance=stance)


def raters_disagree(ratings: list[dict]) -> bool:
    """True when one rater says high and another says low (imputed values never count)."""
    stances = {r.get(STANCE_KEY) for r in ratings if not r.get("imputed")}
    return {"high", "low"} <= stances


def public(rating: dict) -> dict:
    """A rating without internal keys."""
    return {k: v for k, v in rating.items() if k != STANCE_KEY}


def _first(table: dict, keys: list[str]):
    """The row of the first key the table has, else None."""
    return next((table[k] for k in keys if k in table), None)


class OpenData:
    """The bundled open datasets, loaded once from data/open/outlets.json."""

    def __init__(self, data: dict) -> None:
        self.lin = data.get("lin2023", {})
        self.cred1 = data.get("cred1", {})
        wp = data.get("wikipedia", {})
        self.wp_new = wp.get(WP_KYNOPTIC.key, {})
        self.wp_old = wp.get(WP_KUDUSCH.key, {})
        self.wp_names = data.get("wikipedia_names", {})
        self.opensources = data.get("opensources", {})
        self.newsmap = data.get("newsmap", {})

    @classmethod
    def load(cls, folder: Path) -> OpenData:
        """Read the bundled file; an empty layer when it is missing."""
        path = Path(folder) / OUTLETS_FILE
        return cls(json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {})

    def wikipedia_row(self, domain: str, host: str | None = None) -> list | None:
        """The newest Wikipedia status for a site (2026 table first, then the 2021 snapshot); with ``host``,
        the most specific row from the host down to the site ('abcnews.go.com' before 'go.com')."""
        keys = lookup_keys(host or "", domain)
        return _first(self.wp_new, keys) or _first(self.wp_old, keys)

    def ratings(self, domain: str, host: str | None = None) -> list[dict]:
        """Every rater's rating of one site, in a fixed order. With ``host`` (a host of the site), each
        rater's most specific row from the host down to the site counts: Lin et al. rate
        economictimes.indiatimes.com apart from indiatimes.com (an imputed Lin row never beats a rated one).
        Never a row above the site: a page on someone.github.io never gets a rating of github.io."""
        keys = lookup_keys(host or "", domain)
        out = []
        if (row := self._lin_row(keys)) is not None:
            out.append(lin_rating(row))
        if (row := _first(self.cred1, keys)) is not None:
            out.append(cred1_rating(row))
        if (row := self.wikipedia_row(domain, host)) is not None:
            out.append(wikipedia_rating(row))
        if (tags := _first(self.opensources, keys)) is not None:
            out.append(opensources_rating(tags))
        return out

    def _lin_row(self, keys: list[str]) -> list | None:
        """Lin et al. list every domain, most with imputed values only: a host's row wins over its domain's
        only when a graded rating set really rated it (edition.cnn.com is imputed; cnn.com is rated)."""
        rows = [self.lin[k] for k in keys if k in self.lin]
        return next((r for r in rows if LIN_GRADED & set(r[2])), rows[0] if rows else None)

    def wikipedia_name(self, domain: str) -> str | None:
        """The outlet's name as Wikipedia's list gives it."""
        row = self.wikipedia_row(domain)
        return row[1] if row else None

    def newsmap_facts(self, names: list[str]) -> list[dict]:
        """Wikidata QID and country from the newsmap file, when one of the names matches exactly one item."""
        for name in names:
            row = self.newsmap.get(fold(name))
            if row:
                qid, label, countries = row
                source = NEWSMAP.source(url=f"https://www.wikidata.org/wiki/{qid}")
                facts = [{"property": "other", "value": qid, "claim": f"{label} is Wikidata item {qid}.",
                          "where": f"newsmap entry '{label}'", "sources": [source], "layer": LAYER_OPEN}]
                facts += [{"property": "country", "value": c, "claim": f"Wikidata gives {c} as {label}'s country.",
                           "where": f"newsmap entry '{label}'", "sources": [source], "layer": LAYER_OPEN} for c in countries]
                return facts
        return []

    def counts(self) -> dict[str, int]:
        """Entries per dataset (for `kb stats`)."""
        return {
            LIN2023.key: len(self.lin), CRED1.key: len(self.cred1), WP_KYNOPTIC.key: len(self.wp_new),
            WP_KUDUSCH.key: len(self.wp_old), OPENSOURCES.key: len(self.opensources), NEWSMAP.key: len(self.newsmap),
        }
