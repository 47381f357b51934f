"""The CLI's only network use: fetching a page whose URL the user typed.

A URL typed (or pasted from a chat) can point into the user's own network: a router admin page,
a cloud metadata service at 169.254.169.254, a dev server on 127.0.0.1. So, following the OWASP
SSRF prevention cheat sheet:

- http(s) only, no ``user:password@`` in URLs;
- the host is resolved here and **every** address must be global (no loopback, private, link-local,
  CGNAT 100.64/10, multicast, reserved, IPv4-mapped and IPv4-compatible IPv6, 6to4, Teredo, NAT64); numeric hosts in odd
  encodings (``127.1``, ``0177.0.0.1``, ``2130706433``, ``0x7f000001``) are decoded the way the C
  resolver would and checked as what they are;
- the connection goes to the address that was checked (pinned): the URL's host is replaced by the
  IP, the ``Host`` header and TLS SNI keep the name, and the certificate is verified against the name;
  there is no second lookup an attacker's DNS could answer differently (DNS rebinding);
- redirects are followed by hand, each hop checked again; no proxy from the environment;
- a total time limit and a size cap; TLS verification always on; the body is not decompressed
  (we ask for ``identity`` and refuse anything else) and is decoded to text here, so that only text
  reaches the extract stage.

``allow_private=True`` (``backstory check --allow-private``) drops the address rule, for a user who
means to read a page on their own network; everything else still applies.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import time
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

import httpx

from . import __version__
from .errors import FetchError, TooLarge

MAX_REDIRECTS = 5
USER_AGENT = f"Backstory/{__version__} (+local news-context tool; fetches only URLs its user types)"
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w.:-]+)""", re.I)
# What inet_aton accepts besides dotted quads: 1 to 4 parts, decimal, octal (0…) or hex (0x…).
_NUMERIC_HOST = re.compile(r"(?:0x[0-9a-f]+|[0-9]+)(?:\.(?:0x[0-9a-f]+|[0-9]+)){0,3}\.?", re.I)
# Networks refused although Python's is_global may not say so (or to make the rule visible).
_BLOCKED = tuple(ipaddress.ip_network(n) for n in (
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
    "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
    "::/96", "::1/128", "::ffff:0:0/96", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "2001::/32",
    "2002::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
))

Resolver = Callable[[str, int], list[str]]


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for ``host``."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {host}: {exc}") from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def numeric_host(host: str) -> str | None:
    """The dotted-quad an IPv4 host written in any inet_aton form stands for ('127.1' -> '127.0.0.1'), else None."""
    if not _NUMERIC_HOST.fullmatch(host):
        return None
    try:
        return socket.inet_ntoa(socket.inet_aton(host.rstrip(".")))
    except OSError:
        raise FetchError(f"{host!r} is not a valid address") from None


def refusal(address: str) -> str | None:
    """Why this address may not be fetched, or None when it is a global unicast address."""
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return f"{address!r} is not an IP address"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return f"{ip} is an IPv4-mapped IPv6 address"
        if ip.sixtofour is not None:
            return f"{ip} is a 6to4 address"
        if ip.teredo is not None:
            return f"{ip} is a Teredo address"
    if ip.version == 4 and ip == ipaddress.IPv4Address("169.254.169.254"):
        return f"{ip} is the cloud metadata service"
    if any(ip in net for net in _BLOCKED if net.version == ip.version):
        return f"{ip} is a loopback, private, link-local, shared or reserved address"
    if not ip.is_global or ip.is_multicast:
        return f"{ip} is not a public address"
    return None


def _check_url(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of an http(s) URL, or FetchError."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"not a valid URL: {url[:100]!r}") from exc
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise FetchError(f"only http:// and https:// URLs can be fetched, not {url[:100]!r}")
    if parts.username is not None or parts.password is not None:
        raise FetchError("URLs with a user name or password in them are not fetched")
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80)


def resolve_checked(host: str, port: int, *, resolver: Resolver, allow_private: bool) -> str:
    """The address to connect to: every address of the host must pass :func:`refusal`."""
    literal = numeric_host(host)
    if literal is None:
        try:
            literal = str(ipaddress.ip_address(host.strip("[]").split("%")[0]))
        except ValueError:
            literal = None
    addresses = [literal] if literal else resolver(host.rstrip("."), port)
    if not addresses:
        raise FetchError(f"{host} has no address")
    if not allow_private:
        for address in addresses:
            why = refusal(address)
            if why:
                raise FetchError(f"refusing to fetch {host}: {why} (use --allow-private if you mean it)")
    return addresses[0]


def decode(body: bytes, header_charset: str | None) -> str:
    """Bytes to text: the header's charset, else the page's <meta charset>, else UTF-8 (bad bytes replaced)."""
    candidates = [header_charset]
    m = _META_CHARSET.search(body[:4096])
    if m:
        candidates.append(m.group(1).decode("ascii", "replace"))
    for enc in candidates:
        if enc:
            try:
                return body.decode(enc)
            except (LookupError, UnicodeDecodeError):
                continue
    return body.decode("utf-8", "replace")


def _pinned_request(client: httpx.Client, url: str, scheme: str, host: str, port: int, address: str) -> httpx.Request:
    """A GET for ``url`` sent to ``address``, with the name kept for Host and TLS (SNI and certificate)."""
    ip_host = address.split("%")[0]
    default_port = 443 if scheme == "https" else 80
    host_header = (f"[{host}]" if ":" in host else host) + ("" if port == default_port else f":{port}")
    target = httpx.URL(url).copy_with(host=ip_host, port=None if port == default_port else port)
    extensions = {"sni_hostname": host} if scheme == "https" else {}
    return client.build_request("GET", target, headers={"Host": host_header}, extensions=extensions)


def fetch(url: str, *, timeout_s: float, max_bytes: int, transport: httpx.BaseTransport | None = None,
          resolver: Resolver | None = None, allow_private: bool = False) -> tuple[str, str]:
    """GET a page: (final URL, decoded HTML). Raises FetchError or TooLarge with a readable message."""
    resolver = resolver or system_resolver
    deadline = time.monotonic() + timeout_s
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
               "Accept-Encoding": "identity"}
    # trust_env=False: no proxy or .netrc from the environment (a proxy would undo the address pinning).
    with httpx.Client(transport=transport, timeout=timeout_s, verify=True, follow_redirects=False, headers=headers,
                      trust_env=False) as client:
        for _ in range(MAX_REDIRECTS + 1):
            scheme, host, port = _check_url(url)
            address = resolve_checked(host, port, resolver=resolver, allow_private=allow_private)
            request = _pinned_request(client, url, scheme, host, port, address)
            try:
                response = client.send(request, stream=True)
                try:
                    if response.is_redirect:
                        url = urljoin(url, response.headers.get("Location", ""))
                        continue
                    return url, _read_page(response, url, max_bytes=max_bytes, deadline=deadline, timeout_s=timeout_s)
                finally:
                    response.close()
            except httpx.TimeoutException as exc:
                raise FetchError(f"timed out after {timeout_s:g} s fetching {url}") from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"could not fetch {url}: {exc}") from exc
    raise FetchError(f"more than {MAX_REDIRECTS} redirects starting at the URL given")


def _read_page(response: httpx.Response, url: str, *, max_bytes: int, deadline: float, timeout_s: float) -> str:
    """Check the answer and read its body under the size cap and the total time limit."""
    if response.status_code >= 400:
        raise FetchError(f"the server answered {response.status_code} {response.reason_phrase} for {url}")
    ctype = response.headers.get("Content-Type", "text/html")
    if not any(t in ctype for t in ("html", "xml", "text/plain")):
        raise FetchError(f"{url} is not a web page (Content-Type: {ctype})")
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise TooLarge(f"the page is {int(declared):,} bytes; the limit is {max_bytes:,}")
    if response.headers.get("Content-Encoding", "identity").lower() not in {"identity", ""}:
        raise FetchError("the server sent a compressed body although we asked for none")
    chunks, size = [], 0
    for chunk in response.iter_bytes():  # identity encoding checked above: nothing is inflated
        size += len(chunk)
        if size > max_bytes:
            raise TooLarge(f"the page is over the {max_bytes:,}-byte limit")
        if time.monotonic() > deadline:
            raise FetchError(f"timed out after {timeout_s:g} s fetching {url}")
        chunks.append(chunk)
    return decode(b"".join(chunks), response.charset_encoding)
