"""Which site a page belongs to, and whether that site lives on someone else's platform.

A rating belongs to the site a rater rated. ``someone.github.io`` is not GitHub's page and
``sites.psu.edu/someone`` is not Penn State's publication, so neither may borrow a platform's rating.
Three sources decide where one site ends and another begins (docs/knowledge-base.md, "Sites, hosting
platforms and ratings"):

- the Public Suffix List, its private section included (``github.io``, ``blogspot.com``), read from
  tldextract's bundled snapshot: nothing is downloaded;
- ``data/open/hosting.toml``: hosting domains the PSL lacks (``wordpress.com``, Blogger's country domains),
  platforms where anyone publishes at a path of the platform's own host (``medium.com/@someone``), and
  the rule for universities' hosting hosts (``sites.psu.edu``, ``students.washington.edu``);
- nothing else: every place that needs a registered domain (the outlet stage, the knowledge base, the
  open-data build, the Wikidata import) asks :func:`site_of`.
"""

from __future__ import annotations

import functools
import importlib.resources
import ipaddress
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import tldextract

HOSTING_FILE = Path(__file__).resolve().parent / "data" / "open" / "hosting.toml"
PSL_SNAPSHOT = ".tld_set_snapshot"  # tldextract's bundled copy of the Public Suffix List
PSL_PRIVATE_BEGIN = "// ===BEGIN PRIVATE DOMAINS==="
PSL_PRIVATE_END = "// ===END PRIVATE DOMAINS==="
LISTED_BY_PSL = "public-suffix-list"
LISTED_BY_BACKSTORY = "backstory"
KIND_SUBDOMAIN = "subdomain"  # someone.github.io: each subdomain is its own site
KIND_PATH = "path"  # medium.com/@someone: anyone publishes at a path of the platform's host
# A website address whose path is only one of these is the site itself, not a page on it.
_SITE_ROOT_PATH = re.compile(r"^/?(?:(?:[a-z]{2}(?:[-_][a-z]{2})?|index\.\w{2,5}|home)/?)?$", re.I)


@dataclass(frozen=True)
class Platform:
    """A domain under which independent sites live, and who runs it."""

    domain: str  # "github.io", "sites.psu.edu"
    name: str  # "GitHub Pages"; the PSL's organisation when we know no product name; the host for a university's
    kind: str  # KIND_SUBDOMAIN or KIND_PATH
    listed_by: str  # LISTED_BY_PSL or LISTED_BY_BACKSTORY
    academic_of: str | None = None  # "psu.edu" for sites.psu.edu
    named: bool = True  # False when only the PSL's organisation name is known ('uk.com', run by CentralNic)

    def described(self) -> str:
        """The platform in a phrase: 'GitHub Pages', 'sites.psu.edu, where psu.edu hosts its members' own sites'."""
        if self.academic_of:
            return f"{self.domain}, where {self.academic_of} hosts its members' own sites"
        if not self.named:
            run_by = f" (run by {self.name}, per the Public Suffix List)" if self.name != self.domain else ""
            return f"{self.domain}, a domain shared by independent sites{run_by}"
        return self.name + (", where anyone can publish" if self.kind == KIND_PATH else "")


@dataclass(frozen=True)
class HostingList:
    """hosting.toml, parsed."""

    names: dict[str, str]  # platform suffix -> name (PSL-listed and ours)
    extra: frozenset[str]  # suffixes the PSL lacks (given to tldextract as extra suffixes)
    path_hosts: dict[str, str]  # host -> name, where anyone publishes at a path
    academic_first_labels: frozenset[str]
    academic_labels: frozenset[str]


def load_hosting(path: Path = HOSTING_FILE) -> HostingList:
    """Read the hosting list; a malformed file is a packaging error and raises."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    names: dict[str, str] = {}
    extra: set[str] = set()
    for entry in data.get("platform", ()):
        for suffix in entry["suffixes"]:
            names[suffix] = entry["name"]
            if not entry["psl"]:
                extra.add(suffix)
    path_hosts = {host: entry["name"] for entry in data.get("path_platform", ()) for host in entry["hosts"]}
    academic = data.get("academic", {})
    return HostingList(names, frozenset(extra), path_hosts,
                       frozenset(academic.get("suffix_first_labels", ())), frozenset(academic.get("labels", ())))


@functools.cache
def hosting_list() -> HostingList:
    """The bundled hosting list, read once."""
    return load_hosting()


@functools.cache
def extractor() -> tldextract.TLDExtract:
    """tldextract with its bundled suffix list (private section included) and our extra hosting suffixes.

    Never touches the network: no suffix-list URL, no cache directory."""
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True,
                                 include_psl_private_domains=True, extra_suffixes=sorted(hosting_list().extra))


_KEYED_HOST = re.compile(r"(?!www\.)[a-z0-9_-]+(?:\.[a-z0-9_-]+)*")  # already a key: the lookups' usual case
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")


def ip_host(host: str) -> str | None:
    """The one spelling of an IP-literal host: '1.2.3.4', '[::1]' (IPv6 in brackets, as in a URL, compressed,
    zone dropped), and an IPv4-mapped IPv6 address as the IPv4 it stands for ('[::ffff:1.2.3.4]' -> '1.2.3.4').
    None for a host that is not an IP address."""
    try:
        ip = ipaddress.ip_address(host.strip("[]").split("%")[0])
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address):
        return str(ip.ipv4_mapped) if ip.ipv4_mapped else f"[{ip.compressed}]"
    return str(ip)


def host_key(host: str) -> str:
    """A host as sites are keyed: lower case, no scheme, user, port, path, trailing dot or leading 'www.'; an IP
    literal in its one spelling (:func:`ip_host`)."""
    if _KEYED_HOST.fullmatch(host):
        return host
    h = host.strip().lower()
    h = _SCHEME.sub("", h).split("/")[0].rpartition("@")[2].rstrip(".")
    literal = h[1 : h.index("]")] if h.startswith("[") and "]" in h else h if h.count(":") > 1 else None
    if literal is not None:  # an IPv6 literal ('[::1]:8080', '::1'): its colons are not a port's
        return ip_host(literal) or f"[{literal}]"
    h = h.split(":")[0]
    return h[4:] if h.startswith("www.") else h


def _academic_host(parts: tldextract.tldextract.ExtractResult) -> str | None:
    """'sites.psu.edu' when the host is on (or under) a university's hosting host, else None."""
    hl = hosting_list()
    if not parts.subdomain or not (parts.suffix == "edu" or parts.suffix.split(".")[0] in hl.academic_first_labels):
        return None
    label = parts.subdomain.split(".")[-1]
    return f"{label}.{parts.domain}.{parts.suffix}" if label in hl.academic_labels else None


def site_of(host: str) -> str | None:
    """The site a host belongs to, 'www.bbc.co.uk' -> 'bbc.co.uk', 'someone.github.io' -> 'someone.github.io',
    'a.b.sites.psu.edu' -> 'b.sites.psu.edu', a hosting domain itself -> itself ('github.io', 'sites.psu.edu').

    None for IP addresses, bare names ('localhost') and public suffixes that nobody's site is ('co.uk')."""
    key = host_key(host)
    if not key or key.startswith("["):
        return None
    parts = extractor()(key)
    if not parts.suffix:
        return None
    if not parts.domain:  # the host is itself a suffix: a platform's own site, or nobody's
        return key if (parts.is_private or key in hosting_list().extra) else None
    academic = _academic_host(parts)
    if academic:
        below = key[: -len(academic)].rstrip(".").split(".") if key != academic else []
        return f"{below[-1]}.{academic}" if below and below[-1] else academic
    return f"{parts.domain}.{parts.suffix}"


def site_of_url(url: str) -> str | None:
    """The site a website address stands for, or None when it is a page on a platform where anyone
    publishes at a path ('https://www.facebook.com/SomeOutlet' is not facebook.com)."""
    try:
        parts = urlsplit(url.strip() if "://" in url else f"http://{url.strip()}")
        host = parts.hostname or ""
    except ValueError:
        return None
    site = site_of(host)
    if site is None:
        return None
    platform = platform_of(site)
    if platform is not None and platform.kind == KIND_PATH and _SITE_ROOT_PATH.match(parts.path or "/") is None:
        return None
    return site


@functools.cache
def _psl_private_organisations() -> dict[str, str]:
    """Private-section suffix -> the organisation the PSL names for it ('github.io' -> 'GitHub, Inc.')."""
    try:
        text = importlib.resources.files("tldextract").joinpath(PSL_SNAPSHOT).read_text(encoding="utf-8")
    except (OSError, ModuleNotFoundError):
        return {}
    out: dict[str, str] = {}
    private, org = False, ""
    for line in text.splitlines():
        line = line.strip()
        if line == PSL_PRIVATE_BEGIN:
            private = True
        elif line == PSL_PRIVATE_END:
            break
        elif not private:
            continue
        elif not line:
            org = ""
        elif line.startswith("//"):
            comment = line[2:].strip()
            if not org and comment and not comment.startswith(("Submitted by", "(Note:", "Confirmed by")):
                org = comment.split(" : ")[0].strip()
        else:
            out[line.lstrip("!").removeprefix("*.")] = org
    return out


def psl_private_suffixes() -> frozenset[str]:
    """Every suffix of the bundled PSL's private section (wildcards without their '*.')."""
    return frozenset(_psl_private_organisations())


def _platform_suffix(site: str) -> tuple[str, bool] | None:
    """(the suffix a site sits under, whether the PSL lists it) when that suffix is a hosting domain."""
    parts = extractor()(site)
    if not parts.domain or not parts.suffix:
        return None
    if parts.is_private:
        return parts.suffix, True
    if parts.suffix in hosting_list().extra:
        return parts.suffix, False
    return None


def platform_of(site: str) -> Platform | None:
    """The platform a site is hosted on, or None when the site is nobody's guest.

    ``someone.github.io`` is on GitHub Pages; ``medium.com`` (and ``facebook.com``, ``sites.psu.edu``) is a
    platform whose pages anyone publishes; ``github.io`` or ``wordpress.com`` on its own is the platform's
    own site and is nobody's guest."""
    hl = hosting_list()
    if site in hl.path_hosts:
        return Platform(site, hl.path_hosts[site], KIND_PATH, LISTED_BY_BACKSTORY)
    parts = extractor()(site)
    academic = _academic_host(parts) if parts.domain else None
    if academic:
        kind = KIND_PATH if site == academic else KIND_SUBDOMAIN
        return Platform(academic, academic, kind, LISTED_BY_BACKSTORY, academic_of=academic.split(".", 1)[1])
    found = _platform_suffix(site)
    if found is None:
        return None
    suffix, in_psl = found
    listed_by = LISTED_BY_PSL if in_psl else LISTED_BY_BACKSTORY
    if suffix in hl.names:
        return Platform(suffix, hl.names[suffix], KIND_SUBDOMAIN, listed_by)
    orgs = _psl_private_organisations()
    org = orgs.get(suffix) or orgs.get(suffix.split(".", 1)[-1]) or suffix
    return Platform(suffix, org, KIND_SUBDOMAIN, listed_by, named=False)


def lookup_keys(host: str, site: str) -> list[str]:
    """Keys to look a page up by, most specific first, never above its site:
    ('economictimes.indiatimes.com', 'indiatimes.com') -> both; ('a.someone.github.io', ...) stops at
    'someone.github.io', so the platform's own rows are never reached."""
    key, site = host_key(host or ""), host_key(site)
    if not key or key == site or not key.endswith("." + site):
        return [site]
    labels = key[: -len(site) - 1].split(".")
    return [".".join([*labels[i:], site]) for i in range(len(labels))] + [site]


def hosted_on(site: str, *, rated: bool, withheld: bool = False) -> dict | None:
    """The outlet card's ``hosted_on`` object (docs/api.md), or None when the site is nobody's guest.

    ``rated``: the site itself has ratings; ``withheld``: the platform's own ratings were not shown."""
    platform = platform_of(site)
    if platform is None:
        return None
    if platform.kind == KIND_PATH:
        note = f"a page on {platform.described()}; no rater has rated it"
        if withheld:
            note += f" (the ratings of {platform.name} as a whole are not about this page's author)"
    elif rated:
        note = f"a site hosted on {platform.described()}; the ratings are of this site, not of {platform.name}"
    else:
        note = f"a site hosted on {platform.described()}; no rater has rated it"
    return {"platform": platform.name, "platform_domain": platform.domain, "kind": platform.kind,
            "listed_by": platform.listed_by, "note": note}
