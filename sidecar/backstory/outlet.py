"""Stage 2 — outlet: which outlet published the page, and whether it republishes another's piece."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from . import domains
from .domains import ip_host

# the phrases a page writes in its text or around it (the page's chrome counts only where the text says nothing of
# the kind); the credits of wire copy count wherever they stand
PHRASE_KINDS = frozenset({"originally_published", "first_appeared", "republished_from", "original_source_footer"})

if TYPE_CHECKING:  # (the extract stage, trafilatura with it, is imported where a page is read: the server's
    from .extract import Extracted  # outlet card for a bare URL needs none of it, and comes in its first second)
    from .extract.syndication import Signal

# Google's AMP cache serves publisher pages from <dashed-host>.cdn.ampproject.org.
AMP_CACHE_SUFFIX = ".cdn.ampproject.org"
MAX_OUTLET_NAME_WORDS = 8


@dataclass
class OutletId:
    """The outlet as the page itself tells it."""

    domain: str
    host: str
    name: str | None
    name_source: str


@dataclass
class Evidence:
    """One signal that the piece was first published elsewhere, and the declared rule that read it."""

    kind: str
    text: str
    start: int | None = None
    end: int | None = None
    rule: str | None = None
    links: list[str] = field(default_factory=list)  # addresses linked inside the credit itself


@dataclass
class Syndication:
    """The original outlet of a republished piece."""

    name: str | None
    domain: str | None
    url: str | None
    evidence: list[Evidence] = field(default_factory=list)


def host_of(url: str) -> str:
    """Lower-case host of a URL, with AMP-cache hosts turned back into the publisher's host; an
    IP-literal host in its one spelling (:func:`ip_host`)."""
    try:
        host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""
    literal = ip_host(host)
    if literal is not None:
        return literal
    if host.endswith(AMP_CACHE_SUFFIX):
        # www-bbc-com.cdn.ampproject.org -> www.bbc.com ("--" stands for a literal "-")
        label = host[: -len(AMP_CACHE_SUFFIX)]
        host = label.replace("--", "\x00").replace("-", ".").replace("\x00", "-")
    return host


def registered_domain(url_or_host: str) -> str | None:
    """'https://amp.theguardian.com/x' -> 'theguardian.com', 'https://someone.github.io/' -> 'someone.github.io'
    (the private section of the suffix list and our hosting list count: domains.site_of); None for IPs and bare words."""
    host = host_of(url_or_host) if "/" in url_or_host else url_or_host.lower().strip().rstrip(".")
    if ip_host(host) is not None:
        return None
    return domains.site_of(host)


# an address is no name: a page's og:site_name or article:publisher is often its Facebook page's URL
_ADDRESS = re.compile(r"^(?:https?:)?//|^www\.|^[\w-]+(?:\.[\w-]+)*\.(?:com|net|org)/", re.I)


def _site_name(name: str | None) -> str | None:
    """'Global Research - Centre for Research on Globalization' stays; junk, over-long names and addresses go."""
    if not name:
        return None
    from .extract import normalise_space

    name = normalise_space(name)
    if _ADDRESS.search(name):
        return None  # ('https://www.facebook.com/…' as a German page's site name)
    return name if 0 < len(name.split()) <= MAX_OUTLET_NAME_WORDS else None


def identify_url(url: str) -> OutletId:
    """The outlet behind a URL alone, with no page to read (the server's /v1/outlet): registered domain
    (subdomains, AMP and mobile hosts folded), no name."""
    host = host_of(url)
    return OutletId(domain=registered_domain(host) or host or "unknown", host=host, name=None, name_source="domain")


def identify(ex: Extracted) -> OutletId:
    """The outlet behind the page URL (:func:`identify_url`) and the name the page gives it."""
    bare = identify_url(ex.url)
    name = _site_name(ex.site_name)
    return OutletId(domain=bare.domain, host=bare.host, name=name, name_source=ex.site_name_source if name else "domain")


def _clean_outlet_name(raw: str) -> str | None:
    from .extract import normalise_space
    from .extract.syndication import AGENCY_NAMES

    name = normalise_space(raw).strip(" .,:;\"'“”‘’")
    if name in AGENCY_NAMES.values():
        return name  # (a news agency's own name, 'dpa' lower-cased too)
    if not name or len(name.split()) > MAX_OUTLET_NAME_WORDS or not (name[0].isupper() or name[0].isdigit()):
        return None
    if not any(c.isalpha() for c in name):
        return None  # a year or a number is no outlet ('first appeared in 2014')
    return name


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def _is_own(name: str, outlet: OutletId) -> bool:
    """'Live Science' on livescience.com, or the page's own site name: a self-reference, not syndication."""
    from .extract.syndication import AGENCY_DOMAINS

    label = outlet.domain.split(".")[0]
    squashed = _squash(name)
    if outlet.domain in AGENCY_DOMAINS.get(name, ()):
        return True  # an agency's own site ('(AP)' on apnews.com or hosted.ap.org)
    return (squashed in {label, _squash(outlet.domain), _squash(outlet.name or "-")}
            or registered_domain(name) == outlet.domain
            or (bool(outlet.name) and squashed.startswith(_squash(outlet.name or "")) and len(outlet.name or "") > 3))


def _same_brand(domain: str, other: str) -> bool:
    """Two registered domains of one brand in other countries' suffixes ('businessinsider.de', 'businessinsider.com')."""
    return domain.split(".", 1)[0] == other.split(".", 1)[0]


def _link_for(name: str, links: list[tuple[str, str]]) -> str | None:
    """The URL of a link whose text is the outlet's name (or its domain)."""
    key = name.casefold()
    for label, href in links:
        if label.casefold() == key and href.startswith(("http://", "https://")):
            return href
    for label, href in links:
        if key in label.casefold() and href.startswith(("http://", "https://")) and len(label) < len(name) + 30:
            return href
    if re.fullmatch(r"[\w-]+(\.[\w-]+)+", name):  # the name is itself a domain ("infobrics.org")
        return f"https://{name.lower()}/"
    return None


CANONICAL_ELSEWHERE = "syndication.canonical-elsewhere"  # (a step declared in extract/syndication.py, with its doc)


def detect_syndication(ex: Extracted, outlet: OutletId) -> Syndication | None:
    """Signals that the piece was first published by another outlet, merged into one answer."""
    from .extract import normalise_space
    from .extract.syndication import signals

    evidence: list[Evidence] = []
    names: list[str] = []

    def consider(sig: Signal) -> None:
        name = _clean_outlet_name(sig.name)
        if not name or _is_own(name, outlet):
            return
        if any(e.text == sig.text and e.start == sig.start for e in evidence):
            return
        names.append(name)
        evidence.append(Evidence(sig.kind, sig.text, sig.start, sig.end, sig.rule, list(sig.links)))

    found = ex.signals if ex.signals is not None else signals(ex)
    for kind in dict.fromkeys(s.kind for s in found):
        of_kind = [s for s in found if s.kind == kind]
        for sig in of_kind:
            if sig.in_text or sig.kind not in PHRASE_KINDS:
                consider(sig)
        # (a phrase in the page around the text counts when the text itself gives none of its kind)
        if kind in PHRASE_KINDS and not any(ev.kind == kind for ev in evidence):
            for sig in of_kind:
                if not sig.in_text:
                    consider(sig)

    canonical_domain = registered_domain(ex.canonical_url) if ex.canonical_url else None
    if canonical_domain and _same_brand(canonical_domain, outlet.domain):
        canonical_domain = None  # the same outlet's other edition ('businessinsider.com' for 'businessinsider.de')
    if canonical_domain and canonical_domain != outlet.domain:
        evidence.append(Evidence("canonical_elsewhere", ex.canonical_url or "", rule=CANONICAL_ELSEWHERE))

    if not evidence:
        return None
    name = max(names, key=names.count) if names else None  # (the most named; of a tie, the first)
    url = _link_for(name, ex.links) if name else None
    domain = registered_domain(url) if url else None
    if domain == outlet.domain:
        url, domain = None, None
    if domain is None and canonical_domain and canonical_domain != outlet.domain:
        domain, url = canonical_domain, ex.canonical_url
    return Syndication(name=name, domain=domain, url=url, evidence=evidence)
