"""Stage 5 — cards: one JSON document from what the other stages found (shape: docs/api.md)."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # (types only: the server builds outlet cards without importing spaCy, for its fast start)
    from .extract import Extracted
    from .outlet import OutletId, Syndication
    from .people import Mention, People, Person

SCHEMA_VERSION = "1"
NO_MATCH: dict[str, Any] = {"match": "none", "id": None, "facts": [], "why": None}


class KnowledgeBaseLike(Protocol):
    """What the cards stage asks of the knowledge base (backstory.kb.KnowledgeBase)."""

    def outlet(self, domain: str) -> dict | None: ...
    def outlet_by_name(self, name: str) -> dict | None: ...
    def person(self, name: str, *, role: str | None = None, orgs: list[str] = (), outlet_domain: str | None = None) -> dict: ...
    def notes_for(self, target: str) -> list[dict]: ...
    def organisation(self, name: str) -> dict | None: ...


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
    known = kb.outlet(outlet.domain) or {}
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
    }


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


def author_cards(ex: Extracted, people: People, kb: KnowledgeBaseLike, domain: str) -> list[dict[str, Any]]:
    """One card per author, with the claims of their bio labelled as the article's own words."""
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
            "kb": kb.person(name, orgs=orgs, outlet_domain=domain) or NO_MATCH,
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


def cited_card(person: Person, kb: KnowledgeBaseLike, domain: str) -> dict[str, Any]:
    """A card for a person the article quotes or paraphrases."""
    return {
        "name": person.name,
        "role": person.role,
        "role_evidence": asdict(person.role_span) if person.role_span else None,
        "mentions": _mentions(person.mentions),
        "quotes": [asdict(q) for q in person.quotes],
        "kb": kb.person(person.name, role=person.role, outlet_domain=domain) or NO_MATCH,
        "user_notes": kb.notes_for(f"person:{person.name}"),
    }


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
) -> dict[str, Any]:
    """The whole cards document."""
    return {
        "version": SCHEMA_VERSION,
        "pipeline_version": pipeline_version,
        "article": article_card(ex, include_text=include_text),
        "outlet": outlet_card(outlet, kb),
        "syndicated_from": syndication_card(syn, kb),
        "authors": author_cards(ex, people, kb, outlet.domain),
        "cited": [cited_card(p, kb, outlet.domain) for p in people.cited],
        "mentioned": [
            {"name": p.name, "mentions": _mentions(p.mentions), "kb": kb.person(p.name, outlet_domain=outlet.domain) or NO_MATCH,
             "user_notes": kb.notes_for(f"person:{p.name}")}
            for p in people.mentioned
        ],
        "unnamed_sources": [asdict(u) for u in people.unnamed],
        "user_notes": kb.notes_for(f"outlet:{outlet.domain}"),
        "warnings": list(warnings or []),
    }
