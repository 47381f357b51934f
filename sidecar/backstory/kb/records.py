"""Wikidata entities (a dump line or a ``wbgetentities`` answer: the same Wikibase JSON) as compact records.

One shape for every way a person or organisation arrives — the offline pack, the online lookup and
the bundled officials — so matching and the cards read one thing. Items a record points to (employers,
positions, parties, countries) are kept as QIDs; their labels are resolved separately (the pack's
``labels`` table, or a second ``wbgetentities`` call online).

The Wikibase JSON model (https://doc.wikimedia.org/Wikibase/master/php/docs_topics_json.html): an
entity has ``labels``/``descriptions`` ({lang: {language, value}}), ``aliases`` ({lang: [..]}),
``claims`` ({P: [statement]}) and ``sitelinks``; a statement has a ``mainsnak`` (``snaktype`` value /
somevalue / novalue, ``datavalue`` {value, type}), ``qualifiers`` ({P: [snak]}) and a ``rank``
(preferred / normal / deprecated). Deprecated statements are dropped; when a property has a
preferred statement, its normal ones are still kept (a former employer is normal rank beside a
preferred current one) and the order puts preferred first.
"""

from __future__ import annotations

import re
from typing import Any

from .names import PersonName

LANG = "en"
# Wikidata's language-neutral label (2024): some items (Q42) carry their name only there.
FALLBACK_LANG = "mul"
MAX_ALIASES = 10
ENTITY_URL = "https://www.wikidata.org/wiki/{qid}"
HUMAN = "Q5"
_QID = re.compile(r"^Q[1-9]\d*$")
# Wikidata time precision codes: 9 year, 10 month, 11 day (coarser ones are kept as the year).
TIME_CHARS = {9: 4, 10: 7, 11: 10}

# Properties read from people (each is https://www.wikidata.org/wiki/Property:<P>).
P_INSTANCE, P_OCCUPATION, P_POSITION, P_EMPLOYER = "P31", "P106", "P39", "P108"
P_PARTY, P_MEMBER_OF, P_AFFILIATION, P_CITIZENSHIP = "P102", "P463", "P1416", "P27"
P_BIRTH, P_DEATH = "P569", "P570"
# Qualifiers: start time, end time, "of" (the body a generic position belongs to), electoral district.
Q_START, Q_END, Q_OF, Q_DISTRICT = "P580", "P582", "P642", "P768"
# Properties read from organisations.
P_COUNTRY, P_INCEPTION, P_OWNER, P_PARENT, P_WEBSITE = "P17", "P571", "P127", "P749", "P856"
PERSON_LINKS = {"positions": P_POSITION, "employers": P_EMPLOYER, "parties": P_PARTY,
                "memberships": P_MEMBER_OF, "affiliations": P_AFFILIATION}


def is_qid(value: object) -> bool:
    """True for 'Q123'."""
    return isinstance(value, str) and bool(_QID.match(value))


def statements(entity: dict, prop: str) -> list[dict]:
    """A property's statements, deprecated ones dropped, preferred ones first."""
    claims = entity.get("claims")
    found = claims.get(prop, ()) if isinstance(claims, dict) else ()
    kept = [s for s in found if isinstance(s, dict) and s.get("rank") != "deprecated" and isinstance(s.get("mainsnak"), dict)]
    return sorted(kept, key=lambda s: s.get("rank") != "preferred")


def snak_value(snak: dict) -> Any:
    """The value of a 'value' snak: a QID, a string, or a time dict; None for somevalue/novalue."""
    if not isinstance(snak, dict) or snak.get("snaktype") != "value":
        return None
    datavalue = snak.get("datavalue")
    value = datavalue.get("value") if isinstance(datavalue, dict) else None
    if isinstance(value, dict) and "id" in value:
        return value["id"]
    return value


def time_text(value: Any) -> str | None:
    """'+2001-05-12T00:00:00Z' at its precision: '2001', '2001-05' or '2001-05-12' (None when unreadable)."""
    if not isinstance(value, dict) or not isinstance(value.get("time"), str):
        return None
    raw = value["time"]
    if raw.startswith("-"):
        return None  # before the common era: no article is dated there
    precision = value.get("precision", 11)
    chars = TIME_CHARS.get(precision, 4) if isinstance(precision, int) else 4
    text = raw.lstrip("+")[:chars]
    # precision 10 or 11 with a zero month or day ('2001-00-00') means the year only
    text = re.sub(r"-00.*$", "", text)
    return text if re.fullmatch(r"\d{4}(-\d{2}){0,2}", text) else None


def items(entity: dict, prop: str) -> list[str]:
    """QIDs of a property's statements, in rank order, without repeats."""
    out = [v for s in statements(entity, prop) if is_qid(v := snak_value(s["mainsnak"]))]
    return list(dict.fromkeys(out))


def qualifier(statement: dict, prop: str) -> Any:
    """First value of a qualifier."""
    quals = statement.get("qualifiers")
    for snak in (quals.get(prop, ()) if isinstance(quals, dict) else ()):
        value = snak_value(snak)
        if value is not None:
            return value
    return None


def text(entity: dict, key: str, lang: str = LANG) -> str | None:
    """Label or description in ``lang`` (labels fall back to the language-neutral 'mul')."""
    table = entity.get(key)
    if not isinstance(table, dict):
        return None
    for code in (lang, LANG, FALLBACK_LANG) if key == "labels" else (lang, LANG):
        value = table.get(code, {}).get("value") if isinstance(table.get(code), dict) else None
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def aliases(entity: dict, lang: str = LANG) -> list[str]:
    """Aliases in ``lang`` (and 'mul'), at most MAX_ALIASES."""
    table = entity.get("aliases")
    if not isinstance(table, dict):
        return []
    out = []
    for code in dict.fromkeys((lang, LANG, FALLBACK_LANG)):
        out += [a["value"] for a in table.get(code, ()) if isinstance(a, dict) and isinstance(a.get("value"), str)]
    return list(dict.fromkeys(out))[:MAX_ALIASES]


def enwiki(entity: dict) -> str | None:
    """The English Wikipedia article's URL, from the enwiki sitelink."""
    sitelinks = entity.get("sitelinks")
    link = sitelinks.get("enwiki") if isinstance(sitelinks, dict) else None
    title = link.get("title") if isinstance(link, dict) else None
    return f"https://en.wikipedia.org/wiki/{title.replace(' ', '_')}" if isinstance(title, str) and title else None


def _links(entity: dict, prop: str) -> list[dict]:
    """Statements pointing at items, with their start/end (and for positions: of, district)."""
    out = []
    for s in statements(entity, prop):
        qid = snak_value(s["mainsnak"])
        if not is_qid(qid):
            continue
        link = {"qid": qid, "start": time_text(qualifier(s, Q_START)), "end": time_text(qualifier(s, Q_END))}
        if prop == P_POSITION:
            of, district = qualifier(s, Q_OF), qualifier(s, Q_DISTRICT)
            link["of"] = of if is_qid(of) else None
            link["district"] = district if is_qid(district) else None
        out.append(link)
    return out


def _first_time(entity: dict, prop: str) -> str | None:
    return next((t for s in statements(entity, prop) if (t := time_text(snak_value(s["mainsnak"])))), None)


def is_human(entity: dict) -> bool:
    """Instance of human (Q5)."""
    return HUMAN in items(entity, P_INSTANCE)


def person_names(label: str, alias_list: list[str]) -> list[list]:
    """[[first, [family tokens]], ...] for the label and each alias (parsed once, stored with the record)."""
    return [list(PersonName.split(n)) for n in [label, *alias_list] if n.strip()]


def person_record(entity: dict, lang: str = LANG) -> dict | None:
    """A person record for a human with a label; None for anything else."""
    if not isinstance(entity, dict) or not is_qid(entity.get("id")) or not is_human(entity):
        return None
    label = text(entity, "labels", lang)
    if not label:
        return None
    alias_list = [a for a in aliases(entity, lang) if a != label]
    rec = {
        "qid": entity["id"], "kind": "person", "label": label, "description": text(entity, "descriptions", lang),
        "aliases": alias_list, "occupations": items(entity, P_OCCUPATION),
        "citizenship": items(entity, P_CITIZENSHIP),
        "birth": _first_time(entity, P_BIRTH), "death": _first_time(entity, P_DEATH),
        "enwiki": enwiki(entity),
    }
    for key, prop in PERSON_LINKS.items():
        rec[key] = _links(entity, prop)
    rec["names"] = person_names(label, alias_list)
    return rec


def organisation_record(entity: dict, lang: str = LANG) -> dict | None:
    """An organisation record (anything with a label that is not a human)."""
    if not isinstance(entity, dict) or not is_qid(entity.get("id")) or is_human(entity):
        return None
    label = text(entity, "labels", lang)
    if not label:
        return None
    sites = [v for s in statements(entity, P_WEBSITE) if isinstance(v := snak_value(s["mainsnak"]), str) and v.startswith(("http://", "https://"))]
    return {
        "qid": entity["id"], "kind": "organisation", "label": label, "description": text(entity, "descriptions", lang),
        "aliases": [a for a in aliases(entity, lang) if a != label], "classes": items(entity, P_INSTANCE),
        "countries": items(entity, P_COUNTRY), "inception": _first_time(entity, P_INCEPTION),
        "owners": items(entity, P_OWNER), "parents": items(entity, P_PARENT),
        "websites": list(dict.fromkeys(sites))[:3], "enwiki": enwiki(entity),
    }


def references(rec: dict) -> set[str]:
    """QIDs whose labels a record needs."""
    refs: set[str] = set()
    for key in ("occupations", "citizenship", "classes", "countries", "owners", "parents"):
        refs.update(q for q in rec.get(key, ()) if is_qid(q))
    for key in PERSON_LINKS:
        for link in rec.get(key, ()):
            refs.update(q for q in (link.get("qid"), link.get("of"), link.get("district")) if is_qid(q))
    return refs


def label_of(entity: dict, lang: str = LANG) -> str | None:
    """An item's display label (for the items a record points to)."""
    return text(entity, "labels", lang) if isinstance(entity, dict) else None
