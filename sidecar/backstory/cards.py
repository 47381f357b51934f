"""Stage 5 — cards: one JSON document from what the other stages found (shape: docs/api.md)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, Protocol

from .extract import Extracted
from .outlet import OutletId, Syndication, registered_domain
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
    """The `outlet` object: always the outlet of the tab's host, as the knowledge base names it (or its domain). What
    the page calls itself (og:site_name, its JSON-LD publisher) never names the heading: a page can claim any name. It
    is shown only as "the page calls itself …", and only where it differs (issue 24, item 5)."""
    known = kb.outlet(outlet.domain) or {}
    name = known.get("name") or outlet.domain
    return {
        "name": name,
        "domain": outlet.domain,
        "host": outlet.host,
        "name_source": "kb" if known.get("name") and known.get("name_source") != "domain" else "domain",
        "page_calls_itself": page_calls_itself(outlet, name),
        "operator": known.get("operator"),
        "ratings": known.get("ratings", []),
        "raters_disagree": bool(known.get("raters_disagree", False)),
        "facts": known.get("facts", []),
        "kb_match": known.get("kb_match", "none") if known else "none",
    }


PAGE_NAME_SOURCES = frozenset({"og:site_name", "json-ld"})


def _squash(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def page_calls_itself(outlet: OutletId, heading: str) -> dict[str, Any] | None:
    """The page's own name for itself, labelled as the page's claim, when it says more than the heading: not the same
    name, nor the heading with a tagline ('Global Research - Centre for Research on Globalization'), nor its domain."""
    claimed = outlet.name
    if not claimed or outlet.name_source not in PAGE_NAME_SOURCES:
        return None  # (trafilatura's guess at a site name is read off an address, not what the page calls itself)
    said, shown = _squash(claimed), {_squash(heading), _squash(outlet.domain), _squash(outlet.domain.split(".")[0])}
    if not said or said in shown or any(k and (said.startswith(k) or k.startswith(said)) for k in shown):
        return None
    return {"name": claimed, "source": outlet.name_source, "label": f"the page calls itself “{claimed}”"}


def syndication_card(syn: Syndication | None, kb: KnowledgeBaseLike) -> dict[str, Any] | None:
    """The `syndicated_from` object: the original the page names and the evidence, labelled as the page's own claim.

    A page can claim any original ('originally published on Reuters' on evil.example), so the claim never lends the
    page the original's ratings by itself. They are shown (``outlet``) only when a check confirms the claim, and the
    check is shown as the evidence (``confirmed_by``):

    * the page's canonical link (or og:url) is on the original's registered domain, or
    * a link inside the credit itself goes to the original's registered domain.

    The original's domain is the one the knowledge base gives for the name the page writes; where the knowledge base
    does not know the name, a domain whose name is the outlet's ('Foo News' and foonews.com). Backstory fetches
    nothing: a confirmation is still the page's word, only in a form a copy would not write by mistake, and the card
    says so (docs/api.md)."""
    if syn is None:
        return None
    by_name = kb.outlet_by_name(syn.name) if syn.name else None
    domain = (by_name or {}).get("domain") or syn.domain
    confirmed_by = _confirmation(syn, (by_name or {}).get("domain"))
    if confirmed_by is not None:
        domain = registered_domain(confirmed_by["url"]) or domain
    known = (kb.outlet(domain) if domain else None) or by_name if confirmed_by is not None else None
    name = syn.name or (known or {}).get("name") or domain
    in_words = any(e.kind != "canonical_elsewhere" for e in syn.evidence)
    claim = f"the page says this piece first ran in {name}" if in_words else f"the page's canonical link points to {domain}"
    if confirmed_by is None:
        label = f"{claim}; not confirmed, so {name}'s ratings are not shown"
    elif confirmed_by["kind"] == "credit_link":
        label = f"{claim}, and links to {domain} in that credit; the ratings shown are {name}'s, not this page's"
    else:
        label = (f"{claim}" + (f", and its canonical link points to {domain}" if in_words else "")
                 + f"; the ratings shown are {name}'s, not this page's")
    return {
        "name": name,
        "domain": domain,
        # (an address only the check gives: a link elsewhere on the page that names the original proves nothing)
        "url": None if confirmed_by is None else confirmed_by["url"],
        "claim": claim,
        "confirmed": confirmed_by is not None,
        "confirmed_by": confirmed_by,
        "label": label,
        "evidence": [asdict(e) for e in syn.evidence],
        "outlet": known,
    }


def _confirmation(syn: Syndication, kb_domain: str | None) -> dict[str, str] | None:
    """The check that confirms a republication claim, or None (see syndication_card)."""
    def original(url: str) -> bool:
        domain = registered_domain(url)
        if not domain:
            return False
        if kb_domain:
            return domain == kb_domain
        # (the knowledge base does not know the name: the domain must be the name's own, 'Foo News' -> foonews.com)
        return bool(syn.name) and _squash(domain.split(".")[0]) == _squash(syn.name or "")

    for e in syn.evidence:
        if e.kind == "canonical_elsewhere" and e.text and (original(e.text) or not syn.name):
            return {"kind": "canonical_link", "url": e.text, "text": f"the page's canonical link to {registered_domain(e.text)}"}
    for e in syn.evidence:
        for link in e.links:
            if original(link):
                return {"kind": "credit_link", "url": link, "text": f"a link to {registered_domain(link)} in the credit itself"}
    return None


def _mentions(mentions: list[Mention]) -> list[dict[str, Any]]:
    return [asdict(m) for m in mentions]


def author_cards(ex: Extracted, people: People, kb: KnowledgeBaseLike, domain: str) -> list[dict[str, Any]]:
    """One card per author, with the claims of their bio labelled as the article's own words."""
    cards = []
    for author in ex.authors:
        name, source = author
        bio = people.bios.get(name)
        orgs = [c.organisation for c in bio.claims if c.organisation] if bio else []
        cards.append({
            "name": name,
            "source": source,
            # (where the name was read and why it was kept: the declared rules' ids, and the text it was read from)
            "rule": getattr(author, "rule", None),
            "decided_by": getattr(author, "decided_by", None),
            "evidence": getattr(author, "evidence", None),
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
