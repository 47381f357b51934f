"""Stage 2 — outlet: which outlet published the page, and whether it republishes another's piece."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from . import domains

if TYPE_CHECKING:  # (the extract stage, trafilatura with it, is imported where a page is read: the server's
    from .extract import Extracted  # outlet card for a bare URL needs none of it, and comes in its first second)

# Google's AMP cache serves publisher pages from <dashed-host>.cdn.ampproject.org.
AMP_CACHE_SUFFIX = ".cdn.ampproject.org"
MAX_OUTLET_NAME_WORDS = 8

# Phrases that say the piece first ran elsewhere. Each captures the outlet's name as written.
_NAME = r"(?P<name>[A-Z0-9][\w.&'’\- ]{1,80}?)"
_END = r"(?=[ \t]*\n|\s*(?:[.,;:!)\]|]|$|\s+(?:on|in)\s+(?:\w+\s+)?\d|\s+(?:under|and is|with permission|and has been|and was)\b))"
SYNDICATION_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("originally_published", re.compile(
        rf"\b(?:was|were|is)?\s*(?:originally|first)\s+(?:published|posted|appeared|ran|printed)\s+(?:on|at|in|by)\s+(?-i:the\s+)?{_NAME}{_END}", re.I)),
    ("first_appeared", re.compile(rf"\b(?:article|story|piece|post|op-ed|column)\s+first\s+appeared\s+(?:on|in|at)\s+(?-i:the\s+)?{_NAME}{_END}", re.I)),
    ("republished_from", re.compile(rf"\b(?:republished|reprinted|reposted|cross-posted)\s+(?:with\s+permission\s+)?(?:from|by)\s+(?-i:the\s+)?{_NAME}{_END}", re.I)),
    ("original_source_footer", re.compile(rf"\bThe original source of this article is\s+(?-i:the\s+)?{_NAME}{_END}", re.I)),
)
# "Copyright © Lucas Leiroz, InfoBrics, 2025": an author, then an outlet, then a year.
COPYRIGHT_FOOTER = re.compile(
    r"Copyright\s*(?:©|\(c\))\s*(?P<author>[^,©]{3,60}),\s*(?P<name>[^,©]{2,60}),\s*(?:19|20)\d\d", re.I
)


@dataclass
class OutletId:
    """The outlet as the page itself tells it."""

    domain: str
    host: str
    name: str | None
    name_source: str


@dataclass
class Evidence:
    """One signal that the piece was first published elsewhere."""

    kind: str
    text: str
    start: int | None = None
    end: int | None = None


@dataclass
class Syndication:
    """The original outlet of a republished piece."""

    name: str | None
    domain: str | None
    url: str | None
    evidence: list[Evidence] = field(default_factory=list)


def ip_host(host: str) -> str | None:
    """The one spelling of an IP-literal host: '1.2.3.4', '[::1]' (IPv6 in brackets, as in a URL, zone
    dropped), and an IPv4-mapped IPv6 address as the IPv4 it stands for ('[::ffff:1.2.3.4]' -> '1.2.3.4').
    None for a host that is not an IP address."""
    try:
        ip = ipaddress.ip_address(host.strip("[]").split("%")[0])
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address):
        return str(ip.ipv4_mapped) if ip.ipv4_mapped else f"[{ip.compressed}]"
    return str(ip)


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


def _site_name(name: str | None) -> str | None:
    """'Global Research - Centre for Research on Globalization' stays; junk and over-long names go."""
    if not name:
        return None
    from .extract import normalise_space

    name = normalise_space(name)
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

    name = normalise_space(raw).strip(" .,:;\"'“”‘’")
    if not name or len(name.split()) > MAX_OUTLET_NAME_WORDS or not (name[0].isupper() or name[0].isdigit()):
        return None
    return name


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def _is_own(name: str, outlet: OutletId) -> bool:
    """'Live Science' on livescience.com, or the page's own site name: a self-reference, not syndication."""
    label = outlet.domain.split(".")[0]
    squashed = _squash(name)
    return (squashed in {label, _squash(outlet.domain), _squash(outlet.name or "-")}
            or registered_domain(name) == outlet.domain
            or (bool(outlet.name) and squashed.startswith(_squash(outlet.name or "")) and len(outlet.name or "") > 3))


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


def detect_syndication(ex: Extracted, outlet: OutletId) -> Syndication | None:
    """Signals that the piece was first published by another outlet, merged into one answer."""
    from .extract import normalise_space

    evidence: list[Evidence] = []
    names: list[str] = []

    def consider(kind: str, name_raw: str, text: str, start: int | None, end: int | None) -> None:
        name = _clean_outlet_name(name_raw)
        if not name or _is_own(name, outlet):
            return
        if any(e.text == text and e.start == start for e in evidence):
            return
        names.append(name)
        evidence.append(Evidence(kind, text, start, end))

    for kind, pattern in SYNDICATION_PATTERNS:
        for m in pattern.finditer(ex.text):
            s, e = _sentence_bounds(ex.text, m.start(), m.end())
            consider(kind, m["name"], ex.text[s:e], s, e)
        if not any(ev.kind == kind for ev in evidence):
            for m in pattern.finditer(ex.chrome_text):
                consider(kind, m["name"], normalise_space(m.group(0)), None, None)
    for m in COPYRIGHT_FOOTER.finditer(ex.chrome_text):
        consider("copyright_footer", m["name"], normalise_space(m.group(0)), None, None)

    canonical_domain = registered_domain(ex.canonical_url) if ex.canonical_url else None
    if canonical_domain and canonical_domain != outlet.domain:
        evidence.append(Evidence("canonical_elsewhere", ex.canonical_url or ""))

    if not evidence:
        return None
    name = max(set(names), key=names.count) if names else None
    url = _link_for(name, ex.links) if name else None
    domain = registered_domain(url) if url else None
    if domain == outlet.domain:
        url, domain = None, None
    if domain is None and canonical_domain and canonical_domain != outlet.domain:
        domain, url = canonical_domain, ex.canonical_url
    return Syndication(name=name, domain=domain, url=url, evidence=evidence)


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (within its paragraph) around a match."""
    left = max(text.rfind("\n", 0, start), max(text.rfind(". ", 0, start), text.rfind("? ", 0, start)) + 1)
    left = left + 1 if left >= 0 and text[left : left + 1] in {"\n", " "} else max(left, 0)
    right_candidates = [i for i in (text.find("\n", end), text.find(". ", end)) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    if right < len(text) and text[right] == ".":
        right += 1
    return left, right

