"""What a person or organisation card says, from a record (kb/records.py) and the labels of what it points to.

A person card: one line answering "who" (the office held at the article's date, else the record's
description), then facts, each with its source: positions and employers with their dates (those
around the article's date first), party, memberships and affiliations, country of citizenship, the
English Wikipedia article. An organisation card: what it is, country, founded, owner or parent,
official website, Wikipedia.

Every Wikidata fact's Source names the item and the property it was read from
(``https://www.wikidata.org/wiki/Q…``, ``P39``), the date of the data (the dump's date for a pack,
the retrieval date for an online answer), and CC0. Facts from the bundled officials name that dataset.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .datasets import LAYER_WIKIDATA, WIKIDATA_LICENSE
from .records import ENTITY_URL

MAX_LINK_FACTS = 8  # per kind (positions, employers, ...): a card is a summary, the item page has the rest
PROPERTY_NAMES = {
    "P39": "position held", "P108": "employer", "P102": "member of political party", "P463": "member of",
    "P1416": "affiliation", "P27": "country of citizenship", "P106": "occupation", "P31": "instance of",
    "P17": "country", "P571": "inception", "P127": "owned by", "P749": "parent organization",
    "P856": "official website", "P570": "date of death", "description": "description", "sitelink": "enwiki sitelink",
}


@dataclass(frozen=True)
class Origin:
    """Where a record came from: its layer, the date of its data, when it was retrieved, a name prefix."""

    layer: str = LAYER_WIKIDATA
    date: str | None = None
    retrieved: str | None = None
    how: str = "Wikidata"  # short name used in claims: "Wikidata" (pack or lookup) or a bundled dataset's
    url: str | None = None  # a bundled dataset's own URL (Wikidata facts cite the item)
    license: str = WIKIDATA_LICENSE
    source_name: str | None = None  # a bundled dataset's full name for its Source (default: how)
    where: str | None = None  # where in a bundled dataset the facts are read

    def source(self, qid: str | None, prop: str) -> dict:
        """A Source for one property of one item."""
        if self.layer == LAYER_WIKIDATA and qid:
            return {"name": f"Wikidata {qid}, {prop} ({PROPERTY_NAMES.get(prop, prop)})", "url": ENTITY_URL.format(qid=qid),
                    "date": self.date, "retrieved": self.retrieved, "license": self.license, "layer": self.layer,
                    "property": prop}
        return {"name": self.source_name or self.how, "url": self.url or (ENTITY_URL.format(qid=qid) if qid else None), "date": self.date,
                "retrieved": self.retrieved, "license": self.license, "layer": self.layer, "property": None}


def _pad(d: str, low: bool) -> str:
    """'2001' -> '2001-01-01' (low) or '2001-12-31' (high)."""
    tail = "-01-01" if low else "-12-31"
    return d + tail[len(d) - 4:] if len(d) < 10 else d


def held_at(link: Mapping, when: str | None) -> bool:
    """True when a dated link (position, employer) spans the date ``when`` (YYYY[-MM[-DD]])."""
    if not when or not (link.get("start") or link.get("end")):
        return False
    lo = _pad(link["start"], True) if link.get("start") else "0000-01-01"
    end = link.get("end") or link.get("term_ends")
    hi = _pad(end, False) if end else "9999-12-31"
    return lo <= _pad(when, True) <= hi or lo <= _pad(when, False) <= hi


def distance(link: Mapping, when: str | None) -> int:
    """Years between a link's span and the date (0 when it spans it); undated links come last."""
    if not when:
        return 0 if not link.get("end") else 1
    if held_at(link, when):
        return 0
    year = int(when[:4])
    ends = [int(link[k][:4]) for k in ("start", "end") if link.get(k)]
    return min(abs(year - y) for y in ends) + 1 if ends else 999


def span(link: Mapping) -> str:
    """'from 2010 until 2015', 'since 2019', 'until 2001', ''."""
    start, end = link.get("start"), link.get("end")
    if start and link.get("term_ends") and not end:
        return f"since {start} (term ends {link['term_ends']})"
    if start and end:
        return f"from {start} until {end}"
    if start:
        return f"since {start}"
    if end:
        return f"until {end}"
    return ""


def _label(link: Mapping, labels: Mapping[str, str], key: str = "qid") -> str | None:
    """A linked item's label: given in the link (bundled data) or resolved from labels."""
    return link.get(f"{key}_label") or link.get("label" if key == "qid" else "") or labels.get(link.get(key) or "")


def _fact(origin: Origin, qid: str | None, prop: str, key: str, value: str, claim: str, **extra) -> dict:
    return {"property": key, "value": value, "claim": claim,
            "where": f"{origin.how} item {qid}, {prop}" if qid and origin.layer == LAYER_WIKIDATA else (origin.where or origin.how),
            "sources": [origin.source(qid, prop)], "layer": origin.layer, **extra}


def position_text(link: Mapping, labels: Mapping[str, str]) -> str | None:
    """'United States senator (Washington)' — the position and, when given, the body or district."""
    name = _label(link, labels)
    if not name:
        return None
    where = [x for x in (_label(link, labels, "of"), _label(link, labels, "district")) if x and x not in name]
    return f"{name} ({', '.join(where)})" if where else name


def who_line(rec: Mapping, labels: Mapping[str, str], when: str | None) -> str | None:
    """The office held at the article's date, else the description. A description we derived from a
    dataset's latest office (the bundled officials) is not timeless: at another date the nearest office
    is named as former or later, so a 2016 article never reads as if he were already a senator."""
    held = [p for p in rec.get("positions", ()) if held_at(p, when)]
    if held and (text := position_text(held[0], labels)):
        return f"{text}, {span(held[0])}" if span(held[0]) else text
    if rec.get("description_derived") and when and rec.get("positions"):
        nearest = min(rec["positions"], key=lambda link: distance(link, when))
        text = position_text(nearest, labels)
        if text and nearest.get("start") and _pad(nearest["start"], True) > _pad(when, False):
            return f"later {text}, from {nearest['start']}"
        if text:
            return f"former {text}" + (f", {span(nearest)}" if span(nearest) else "")
    return rec.get("description") or None


def person_facts(rec: Mapping, labels: Mapping[str, str], origin: Origin, when: str | None) -> list[dict]:
    """The sourced facts of a person card."""
    q, name = rec.get("qid"), rec.get("label")
    facts = []
    if rec.get("description"):
        claim = (f"{origin.how}: {name}'s latest office and party: {rec['description']}." if rec.get("description_derived")
                 else f"{origin.how} describes {name} as: {rec['description']}.")
        facts.append(_fact(origin, q, "description", "description", rec["description"], claim))
    for key, prop, noun in (("positions", "P39", "position"), ("employers", "P108", "employer")):
        links = sorted(rec.get(key, ()), key=lambda link: distance(link, when))[:MAX_LINK_FACTS]
        for link in links:
            value = position_text(link, labels) if key == "positions" else _label(link, labels)
            if not value:
                continue
            dates = span(link)
            at = " (at the article's date)" if held_at(link, when) else ""
            verb = "held the position" if key == "positions" else "was employed by"
            facts.append(_fact(origin, q, prop, "position" if key == "positions" else "employer", value,
                               f"{origin.how}: {name} {verb} {value}{(' ' + dates) if dates else ''}{at}.",
                               start=link.get("start"), end=link.get("end"), at_article_date=bool(at)))
    for key, prop, prop_key, verb in (("parties", "P102", "party", "a member of"),
                                      ("memberships", "P463", "member_of", "a member of"),
                                      ("affiliations", "P1416", "affiliation", "affiliated with")):
        for link in sorted(rec.get(key, ()), key=lambda link: distance(link, when))[:MAX_LINK_FACTS]:
            if value := _label(link, labels):
                dates = span(link)
                facts.append(_fact(origin, q, prop, prop_key, value, f"{origin.how}: {name} was {verb} {value}{(' ' + dates) if dates else ''}.",
                                   start=link.get("start"), end=link.get("end")))
    for occ in rec.get("occupations", ())[:MAX_LINK_FACTS]:
        if value := (labels.get(occ) if isinstance(occ, str) else None):
            facts.append(_fact(origin, q, "P106", "occupation", value, f"{origin.how} lists {name}'s occupation as {value}."))
    for c in rec.get("citizenship", ()):
        if value := (labels.get(c) if isinstance(c, str) else None):
            facts.append(_fact(origin, q, "P27", "citizenship", value, f"{origin.how} gives {name}'s citizenship as {value}."))
    if rec.get("death"):
        facts.append(_fact(origin, q, "P570", "died", rec["death"], f"{origin.how} gives {rec['death']} as {name}'s date of death."))
    if rec.get("enwiki"):
        facts.append(_fact(origin, q, "sitelink", "wikipedia", rec["enwiki"], f"{name} has an English Wikipedia article."))
    return facts


def organisation_facts(rec: Mapping, labels: Mapping[str, str], origin: Origin) -> list[dict]:
    """The sourced facts of an organisation card."""
    q, name = rec.get("qid"), rec.get("label")
    facts = []
    if rec.get("description"):
        facts.append(_fact(origin, q, "description", "description", rec["description"], f"{origin.how} describes {name} as: {rec['description']}."))
    kinds = [labels[c] for c in rec.get("classes", ()) if labels.get(c)]
    if kinds:
        facts.append(_fact(origin, q, "P31", "instance_of", ", ".join(kinds[:4]), f"{origin.how} lists {name} as: {', '.join(kinds[:4])}."))
    for key, prop, prop_key, template in (("countries", "P17", "country", "gives {v} as {n}'s country"),
                                          ("owners", "P127", "owner", "gives {v} as an owner of {n}"),
                                          ("parents", "P749", "parent", "gives {v} as the parent organisation of {n}")):
        for ref in rec.get(key, ())[:MAX_LINK_FACTS]:
            if value := labels.get(ref):
                facts.append(_fact(origin, q, prop, prop_key, value, f"{origin.how} {template.format(v=value, n=name)}."))
    if rec.get("inception"):
        facts.append(_fact(origin, q, "P571", "founded", rec["inception"], f"{origin.how} dates {name}'s founding to {rec['inception']}."))
    for site in rec.get("websites", ()):
        facts.append(_fact(origin, q, "P856", "website", site, f"{origin.how} gives {site} as {name}'s official website."))
    if rec.get("enwiki"):
        facts.append(_fact(origin, q, "sitelink", "wikipedia", rec["enwiki"], f"{name} has an English Wikipedia article."))
    return facts
