"""Stage 5 — cards: one JSON document from what the other stages found (shape: docs/api.md)."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any, Protocol

from . import domains

if TYPE_CHECKING:  # (types only: the server builds outlet cards without importing spaCy, for its fast start)
    from .extract import Extracted
    from .outlet import OutletId, Syndication
    from .people import Mention, People, Person

SCHEMA_VERSION = "1"
NO_MATCH: dict[str, Any] = {"match": "none", "id": None, "facts": [], "why": None, "who": None, "name": None, "url": None,
                            "candidates": []}


class KnowledgeBaseLike(Protocol):
    """What the cards stage asks of the knowledge base (backstory.kb.KnowledgeBase)."""

    def outlet(self, domain: str, host: str | None = None) -> dict | None: ...
    def outlet_by_name(self, name: str) -> dict | None: ...
    def person(self, name: str, *, role: str | None = None, orgs: list[str] = (), outlet_domain: str | None = None,
               date: str | None = None, quoted: bool = False, author: bool = False) -> dict: ...
    def notes_for(self, target: str) -> list[dict]: ...
    def organisation(self, name: str) -> dict | None: ...
    def organisation_card(self, name: str) -> dict: ...


class Lookup:
    """How the cards offer the online lookup (settings people_lookup and wikidata_api_url; kb/lookup.py)."""

    def __init__(self, mode: str = "on-request", host: str = "www.wikidata.org", sends: str = "", language: str = "en",
                 date: str | None = None, outlet_domain: str | None = None) -> None:
        if not sends:
            from .kb.service import sends_text

            sends = sends_text(host)
        self.mode, self.host, self.sends = mode, host, sends
        self.language, self.date, self.outlet_domain = language, date, outlet_domain

    def header(self) -> dict[str, Any]:
        """The cards document's "lookup" object."""
        return {"mode": self.mode, "host": self.host, "sends": self.sends}

    def request(self, kind: str, name: str, role: str | None = None, orgs: list[str] = ()) -> dict[str, Any] | None:
        """A card's lookup_request: what the panel posts back to /v1/lookup (null when the lookup is off).
        Only the name and the language are sent to Wikidata; the rest is used here to judge the answer."""
        if self.mode == "off":
            return None
        return {"kind": kind, "name": name, "role": role, "orgs": list(orgs), "outlet_domain": self.outlet_domain,
                "date": self.date, "language": self.language}


def article_card(ex: Extracted, *, include_text: bool) -> dict[str, Any]:
    """The `article` object."""
    card: dict[str, Any] = {
        "url": ex.url,
        "canonical_url": ex.canonical_url,
        "title": ex.title,
        "published": ex.published,
        "language": ex.language,
        "site_name": ex.site_name,
        "is_article": ex.is_article,
        "not_article_reason": ex.not_article_reason,
        "word_count": ex.word_count,
        "paragraphs": [{"start": s, "end": e} for s, e in ex.paragraphs],
    }
    if include_text:
        card["text"] = ex.text
    return card


def outlet_card(outlet: OutletId, kb: KnowledgeBaseLike) -> dict[str, Any]:
    """The `outlet` object: the page's own naming, plus what the knowledge base holds for the domain."""
    known = kb.outlet(outlet.domain, outlet.host) or {}
    known, hosted_on = _hosted(outlet.domain, known)
    name, name_source = outlet.name, outlet.name_source
    if not name and known.get("name"):
        name, name_source = known["name"], known.get("name_source") or "kb"
    return {
        "name": name or outlet.domain,
        "domain": outlet.domain,
        "host": outlet.host,
        "name_source": name_source,
        "operator": known.get("operator"),
        "ratings": known.get("ratings", []),
        "raters_disagree": bool(known.get("raters_disagree", False)),
        "facts": known.get("facts", []),
        "kb_match": known.get("kb_match", "none") if known else "none",
        "hosted_on": hosted_on,
    }


def _hosted(domain: str, known: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """What the knowledge base knows, and the ``hosted_on`` object when the site is on someone's platform.

    A page on a platform where anyone publishes at a path (medium.com/@someone, sites.psu.edu/someone)
    is not the platform's publication: the platform's own ratings are withheld (domains.py)."""
    platform = domains.platform_of(domain)
    if platform is None:
        return known, None
    withheld = platform.kind == domains.KIND_PATH and bool(known.get("ratings"))
    if withheld:
        known = {**known, "ratings": [], "raters_disagree": False}
    return known, domains.hosted_on(domain, rated=bool(known.get("ratings")), withheld=withheld)


def syndication_card(syn: Syndication | None, kb: KnowledgeBaseLike) -> dict[str, Any] | None:
    """The `syndicated_from` object, with the original outlet's knowledge-base view when known."""
    if syn is None:
        return None
    known = (kb.outlet(syn.domain) if syn.domain else None) or (kb.outlet_by_name(syn.name) if syn.name else None)
    return {
        "name": syn.name or (known or {}).get("name"),
        "domain": syn.domain or (known or {}).get("domain"),
        "url": syn.url,
        "evidence": [asdict(e) for e in syn.evidence],
        "outlet": known,
    }


def _mentions(mentions: list[Mention]) -> list[dict[str, Any]]:
    return [asdict(m) for m in mentions]


def author_cards(ex: Extracted, people: People, kb: KnowledgeBaseLike, domain: str, lookup: Lookup | None = None) -> list[dict[str, Any]]:
    """One card per author, with the claims of their bio labelled as the article's own words."""
    lookup = lookup or Lookup()
    cards = []
    for name, source in ex.authors:
        bio = people.bios.get(name)
        orgs = [c.organisation for c in bio.claims if c.organisation] if bio else []
        cards.append({
            "name": name,
            "source": source,
            "bio": None if bio is None else {
                "text": bio.text, "start": bio.start, "end": bio.end,
                "label": "the author's bio says",
                "claims": [asdict(c) | {"kb": organisation_match(c.organisation, name, kb)} for c in bio.claims],
            },
            "kb": kb.person(name, orgs=orgs, outlet_domain=domain, date=lookup.date, author=True) or NO_MATCH,
            "lookup_request": lookup.request("person", name, None, orgs),
            "user_notes": kb.notes_for(f"person:{name}"),
        })
    return cards


def organisation_match(org: str | None, author: str, kb: KnowledgeBaseLike) -> dict[str, Any]:
    """What the knowledge base holds on an organisation a bio names. A name match alone is only a
    'possible' match (several bodies share names like 'Center for Geostrategic Studies'); it is
    'exact' when the record itself names the author."""
    found = kb.organisation(org) if org else None
    if not found:
        return NO_MATCH
    surname = author.split()[-1].casefold()
    names_author = any(surname in (f.get("claim") or "").casefold() for f in found.get("facts", []))
    return {
        "match": "exact" if names_author else "possible",
        "id": found.get("id"),
        "name": found.get("name"),
        "facts": found.get("facts", []),
        "why": f"the record names {author}" if names_author else "same name only: it may be a different organisation",
    }


def cited_card(person: Person, kb: KnowledgeBaseLike, domain: str, lookup: Lookup | None = None) -> dict[str, Any]:
    """A card for a person the article quotes or paraphrases."""
    lookup = lookup or Lookup()
    orgs = role_orgs(person.role)
    return {
        "name": person.name,
        "role": person.role,
        "role_evidence": asdict(person.role_span) if person.role_span else None,
        "role_rule": person.role_rule,  # the role strategy that found it (backstory.people.roles)
        "mentions": _mentions(person.mentions),
        "quotes": [asdict(q) for q in person.quotes],
        "kb": kb.person(person.name, role=person.role, orgs=orgs, outlet_domain=domain, date=lookup.date,
                        quoted=bool(person.quotes)) or NO_MATCH,
        "lookup_request": lookup.request("person", person.name, person.role, orgs),
        "user_notes": kb.notes_for(f"person:{person.name}"),
    }


def role_orgs(role: str | None) -> list[str]:
    """Organisations a role names ('scholar at the American Enterprise Institute')."""
    from .kb.match import orgs_in_role

    return orgs_in_role(role)


def organisation_cards(authors: list[dict], cited: list[dict], kb: KnowledgeBaseLike, lookup: Lookup) -> list[dict[str, Any]]:
    """One card per organisation named in a cited person's role or an author's bio."""
    named: dict[str, dict[str, Any]] = {}
    for card in cited:
        for org in role_orgs(card.get("role")):
            named.setdefault(org, {"name": org, "named_in": []})["named_in"].append({"person": card["name"], "as": "role"})
    for card in authors:
        for claim in (card.get("bio") or {}).get("claims", ()):
            if org := claim.get("organisation"):
                named.setdefault(org, {"name": org, "named_in": []})["named_in"].append({"person": card["name"], "as": "bio"})
    out = []
    for org, card in named.items():
        out.append({**card, "kb": kb.organisation_card(org), "lookup_request": lookup.request("organisation", org),
                    # an organisation that is a known news outlet carries its ratings, each with its rater and date
                    "outlet": kb.outlet_by_name(org),
                    "user_notes": kb.notes_for(f"organisation:{org}")})
    return out


def build(
    ex: Extracted,
    outlet: OutletId,
    syn: Syndication | None,
    people: People,
    kb: KnowledgeBaseLike,
    *,
    pipeline_version: str,
    include_text: bool = False,
    warnings: list[str] | None = None,
    lookup: Lookup | None = None,
) -> dict[str, Any]:
    """The whole cards document."""
    lookup = lookup or Lookup()
    lookup.date, lookup.language, lookup.outlet_domain = ex.published, ex.language or "en", outlet.domain
    authors = author_cards(ex, people, kb, outlet.domain, lookup)
    cited = [cited_card(p, kb, outlet.domain, lookup) for p in people.cited]
    return {
        "version": SCHEMA_VERSION,
        "pipeline_version": pipeline_version,
        "article": article_card(ex, include_text=include_text),
        "outlet": outlet_card(outlet, kb),
        "syndicated_from": syndication_card(syn, kb),
        "lookup": lookup.header(),
        "authors": authors,
        "cited": cited,
        "mentioned": [
            {"name": p.name, "mentions": _mentions(p.mentions),
             "kb": kb.person(p.name, outlet_domain=outlet.domain, date=lookup.date) or NO_MATCH,
             "lookup_request": lookup.request("person", p.name),
             "user_notes": kb.notes_for(f"person:{p.name}")}
            for p in people.mentioned
        ],
        "organisations": organisation_cards(authors, cited, kb, lookup),
        "unnamed_sources": [asdict(u) for u in people.unnamed],
        "user_notes": kb.notes_for(f"outlet:{outlet.domain}"),
        "warnings": list(warnings or []),
    }
