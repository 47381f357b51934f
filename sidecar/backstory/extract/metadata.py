"""Step 2 — the page's metadata: its JSON-LD objects (a @graph flattened, references to its nodes resolved) and its
<meta> tags, and what they say of the site: its name and its publisher."""

from __future__ import annotations

import html
import json
import re
import weakref
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from lxml import etree

from .limits import MAX_JSONLD_CHARS
from .rules import declare
from .selectors import META_SITE_NAME
from .text import normalise_space

if TYPE_CHECKING:
    from .result import Extracted

# schema.org types, lower-cased
ORG_TYPES = {"organization", "newsmediaorganization", "corporation", "organisation"}
ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
                 "blogposting", "backgroundnewsarticle", "reviewnewsarticle", "socialmediaposting", "liveblogposting"}
# other authored works whose JSON-LD author is read when no article-typed object names one ('MedicalWebPage')
AUTHORED_TYPES = {"webpage", "medicalwebpage", "scholarlyarticle", "medicalscholarlyarticle", "techarticle", "report",
                  "satiricalarticle", "creativework"}

_SINGLE_QUOTED = declare(
    "jsonld.single-quoted-string", "A JSON-LD string value written in single quotes, as some pages do.",
    r"(?<=[:\[,{])\s*'([^'\"\\]*)'", fires_on=["{\"name\": 'Ann Lee'}"], never_on=["{\"name\": \"Ann's\"}"])


def lenient_json(raw: str) -> object | None:
    """JSON-LD as pages write it: sometimes with stray control chars or single-quoted strings."""
    raw = raw.strip()
    if not raw or len(raw) > MAX_JSONLD_CHARS:
        return None
    for candidate in (raw, _SINGLE_QUOTED.sub(r'"\1"', raw)):
        try:
            return json.loads(candidate, strict=False)
        except (json.JSONDecodeError, RecursionError):
            continue
    return None


def jsonld_objects(tree: etree._Element) -> list[dict]:
    """Every JSON-LD object on the page, @graph flattened."""
    found: list[dict] = []

    def walk(node: object, depth: int = 0) -> None:
        if depth > 6:
            return
        if isinstance(node, list):
            for item in node[:200]:
                walk(item, depth + 1)
        elif isinstance(node, dict):
            found.append(node)
            if "@graph" in node:
                walk(node["@graph"], depth + 1)

    for script in tree.xpath('//script[@type="application/ld+json"]')[:20]:
        walk(lenient_json(script.text or ""))
    # an author or publisher given as a reference to another node of the graph ('"author": {"@id":
    # "https://site/#/schema/person/…"}', as WordPress SEO plugins write it) is replaced by that node
    # (only people and organisations: a reference to the page or the article itself names nobody)
    nodes = {obj["@id"]: obj for obj in found if isinstance(obj.get("@id"), str) and types(obj) & (ORG_TYPES | {"person"})}

    def resolve(value: object) -> object:
        if isinstance(value, list):
            return [resolve(v) for v in value[:20]]
        if isinstance(value, dict) and set(value) == {"@id"} and isinstance(value["@id"], str):
            return nodes.get(value["@id"], value)
        return value

    if nodes:
        for obj in found:
            for prop in ("author", "publisher"):
                if prop in obj:
                    obj[prop] = resolve(obj[prop])
    return found


def types(obj: dict) -> set[str]:
    """An object's schema.org types, lower-cased."""
    # ('type' without its '@': schema.org's context makes it the same key, and some sites write it so)
    t = obj.get("@type") if "@type" in obj else obj.get("type")
    return {str(x).lower() for x in (t if isinstance(t, list) else [t]) if x}


def names(value: object) -> list[str]:
    """Names from a JSON-LD author/publisher value (string, object or list)."""
    # (a page may escape its JSON-LD strings as HTML: 'Redacci&oacute;n')
    if isinstance(value, str):
        return [html.unescape(value)]
    if isinstance(value, dict):
        name = value.get("name")
        return [html.unescape(name)] if isinstance(name, str) else []
    if isinstance(value, list):
        return [n for v in value[:20] for n in names(v)]
    return []


def person_names(value: object) -> list[str]:
    """Author names from JSON-LD, leaving out authors typed as organisations ('Al Jazeera')."""
    items = value if isinstance(value, list) else [value]
    # (a node typed both Person and Organization, as a personal site's owner is, counts as a person)
    return [n for item in items[:20] if not (isinstance(item, dict) and types(item) & ORG_TYPES and "person" not in types(item))
            for n in names(item)]


def typed_person(value: object, name: str) -> bool:
    """Whether the JSON-LD author called ``name`` is explicitly a schema.org Person."""
    items = value if isinstance(value, list) else [value]
    return any(isinstance(i, dict) and "person" in types(i) and names(i) == [name] for i in items)


def addresses(obj: dict) -> list[str]:
    """The addresses a JSON-LD object gives for itself: url, @id, mainEntityOfPage (a string or a node)."""
    found = [obj.get("url"), obj.get("@id")]
    main = obj.get("mainEntityOfPage")
    found += [main.get("@id"), main.get("url")] if isinstance(main, dict) else [main]
    return [a for a in found if isinstance(a, str) and a.strip()]


def url_path(address: str, base: str) -> str:
    """The path of an address, relative ones read against ``base``; '' for one that cannot be read ('http://[x')."""
    try:
        return urlsplit(urljoin(base, address.strip())).path.rstrip("/")
    except ValueError:
        return ""


def this_article(ex: Extracted, objects: list[dict]) -> list[dict]:
    """Of several article objects in the page's JSON-LD (a news site may describe every teaser on the page
    as a NewsArticle), the ones about this page: the page's own address (or its canonical one), or its
    headline. Empty when none can be told apart."""
    from .title import title_key

    pages = {url_path(u, ex.url) for u in (ex.url, ex.canonical_url) if u} - {""}
    title = title_key(ex.title or "")

    def about_this(obj: dict) -> bool:
        if any((path := url_path(a, ex.url)) and path in pages for a in addresses(obj) if not a.startswith("#")):
            return True
        headline = obj.get("headline") or obj.get("name")
        return bool(title) and isinstance(headline, str) and title_key(html.unescape(headline)) == title

    return [o for o in objects if about_this(o)]


def meta(tree: etree._Element, *keys: str) -> str | None:
    """The first non-empty <meta> content for the keys, in their order (property, then name, then itemprop)."""
    index = _META_INDEX.get(tree)
    if index is None:
        index = {}
        for el in tree.iter("meta"):
            content = el.get("content")
            if content and content.strip():
                for attr in ("property", "name", "itemprop"):
                    if (key := el.get(attr)) is not None:
                        index.setdefault((attr, key), normalise_space(content))
        _META_INDEX[tree] = index  # (one walk over the page instead of an XPath per key and attribute)
    for key in keys:
        for attr in ("property", "name", "itemprop"):
            if (attr, key) in index:
                return index[(attr, key)]
    return None


_META_INDEX: "weakref.WeakKeyDictionary[etree._Element, dict[tuple[str, str], str]]" = weakref.WeakKeyDictionary()


def publishers(ex: Extracted) -> list[object]:
    """Every JSON-LD publisher value on the page, lists flattened."""
    return [p for o in ex.jsonld for p in (o.get("publisher") if isinstance(o.get("publisher"), list) else [o.get("publisher")])
            if p is not None]


def read_publisher(ex: Extracted, tree: etree._Element, found: dict) -> None:
    """The site's name as the page gives it (og:site_name, then the JSON-LD publisher, then trafilatura's guess),
    and the JSON-LD publisher."""
    og_site = meta(tree, *META_SITE_NAME)
    # (an organisation before a person: a site may name both its company and its owner)
    ld_pub = next((n for p in sorted(publishers(ex), key=lambda p: isinstance(p, dict) and "person" in types(p))
                   for n in names(p)), None)
    if og_site:
        ex.site_name, ex.site_name_source = og_site, "og:site_name"
    elif ld_pub:
        ex.site_name, ex.site_name_source = normalise_space(ld_pub), "json-ld"
    elif found.get("sitename"):
        ex.site_name, ex.site_name_source = normalise_space(found["sitename"]), "trafilatura"
    ex.publisher = normalise_space(ld_pub) if ld_pub else None
