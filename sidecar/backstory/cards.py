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
        # the organisation the byline credits when it names no person ('JIJI'): never a person card, never looked up
        "credited_to": ex.credited_to,
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
    known = kb.outlet(outlet.domain, outlet.host) or {}
    known, hosted_on = _hosted(outlet.domain, known)
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
        "hosted_on": hosted_on,
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
    from .outlet import registered_domain

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
    from .outlet import registered_domain

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


def author_cards(ex: Extracted, people: People, kb: KnowledgeBaseLike, domain: str, lookup: Lookup | None = None) -> list[dict[str, Any]]:
    """One card per author, with the claims of their bio labelled as the article's own words."""
    lookup = lookup or Lookup()
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
