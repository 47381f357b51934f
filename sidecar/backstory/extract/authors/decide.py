"""Step 6 — the authors: the candidates every source gives, weighed in a stated order."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from lxml import etree

from ..metadata import AUTHORED_TYPES, ARTICLE_TYPES, ORG_TYPES, meta, names, person_names, publishers, this_article, \
    typed_person, types
from ..selectors import META_AUTHOR, META_DESCRIPTION
from ..text import folded, name_key, owner_key
from . import sources
from .grammar import COPYRIGHT, ENTITY_PIECE, OFFICIAL_SITE, WEB_ADDRESS
from .names import ARTICLES, given_first, looks_like_name, split_authors
from .spelling import as_shown, full_name, with_middle, with_periods, without_avatar

if TYPE_CHECKING:
    from ..result import Extracted


def read_authors(ex: Extracted, tree: etree._Element, meta_found: dict) -> None:
    """Authors, in order of trust: trafilatura's, then JSON-LD, then meta; labelled by where they appear."""
    byline, teaser_only = sources.byline_names(tree)
    key = name_key

    # a publisher that is a person is a personal site's owner ('Helge Fahrnberger' on helge.at): their
    # name is theirs even where it is also the site's
    owners = {key(n) for p in publishers(ex) if isinstance(p, dict) and "person" in types(p)
              for n in names(p) if looks_like_name(n)}
    # so is a site that names itself after a person and calls itself their official website ('Pamela Anderson':
    # 'The Official Website of Pamela Anderson')
    said = " ".join([meta(tree, *META_DESCRIPTION) or "", tree.findtext(".//title") or ""]
                    + [str(o.get("description") or "") for o in ex.jsonld if "website" in types(o)])
    owners |= {key(m.group(1)) for m in OFFICIAL_SITE.finditer(said) if looks_like_name(m.group(1))
               and key(m.group(1)) in {key(n) for n in (ex.site_name, ex.publisher) if n}}
    outlets = tuple(n for n in (ex.site_name, ex.publisher) if n and key(n) not in owners)

    def names_in(objects: list[dict]) -> list[str]:
        # (a JSON-LD author typed Person may go by one name: 'Kay' on a food blog)
        return [n for o in objects for a in person_names(o.get("author"))
                for n in split_authors(given_first(a), outlet_names=outlets,
                                       min_words=1 if typed_person(o.get("author"), a) else 2)]

    # several article objects, some of them this page's: the others describe teasers for other stories, and
    # their authors are not this article's (trafilatura reads them all: 'Glory Global Solutions Germany',
    # an advertiser, beside the page's own 'Lebensmittel Praxis')
    articles = [o for o in ex.jsonld if types(o) & ARTICLE_TYPES]
    own = this_article(ex, articles) if len(articles) > 1 else []
    others_only: set[str] = set()
    if own and len(own) < len(articles):
        own_ids = {id(o) for o in own}
        others_only = {key(n) for n in names_in([o for o in articles if id(o) not in own_ids])}
        others_only -= {key(n) for n in names_in(own)}
        articles = own
    ld = names_in(articles) or names_in([o for o in ex.jsonld if types(o) & AUTHORED_TYPES])
    meta_raw = given_first(meta(tree, *META_AUTHOR) or "")
    meta_author = split_authors(meta_raw, outlet_names=outlets)
    # trafilatura has already weighed the page's metadata: its one-word names are kept ('Kay' on a food blog)
    traf_parts = (meta_found.get("author") or "").split(";")
    if len(traf_parts) == 2 and (flipped := given_first(", ".join(p.strip() for p in traf_parts))) in ld + meta_author:
        traf_parts = [flipped]  # ('Doe; Jane': trafilatura split a name written surname first)
    traf = [n for part in traf_parts for n in split_authors(part, outlet_names=outlets, min_words=1)]
    if any(ENTITY_PIECE.search(part) for part in traf_parts):
        traf = []  # trafilatura split a name at an HTML entity the page left escaped ('Redacci; Oacute')
    traf = [n for n in traf if key(n) not in others_only]
    # 'Victor Tangermann; Futurism': the one word is a credit; so is 'Bildung' in 'Eidgenössisches Departement für
    # Wirtschaft; Bildung; Forschung WBF', a ministry's name split at its commas, whose other parts are no names
    if any(len(part.split()) > 1 for part in traf_parts):
        traf = [n for n in traf if len(n.split()) > 1]

    def as_written(name: str) -> tuple[str, str]:
        """The page's own spelling of a name ('Trevor J. Mitchell', not 'Trevor J Mitchell') and where it stood."""
        for label, found in (("byline", byline), ("json-ld", ld), ("meta", meta_author)):
            for n in found:
                if key(n) == key(name):
                    return n, label
        for label, found in (("byline", byline), ("json-ld", ld), ("meta", meta_author)):
            for n in found:  # 'Finian Cunningham Sputnik International' where the page says 'Finian Cunningham. Sputnik …'
                if len(key(n)) < 6 or n == name:
                    continue
                if len(n) > len(name) and key(n).startswith(key(name)) and not n[len(name):len(name) + 1].isspace():
                    return n, label  # trafilatura cut the name short ('Lindsey O' -> "Lindsey O'Donnell")
                if len(n) < len(name) and name.casefold().startswith(n.casefold() + " "):
                    return n, label  # 'Finian Cunningham Sputnik International' -> 'Finian Cunningham'
        return name, "trafilatura"

    org_names = {key(n) for o in ex.jsonld if types(o) & ORG_TYPES for n in names(o)}
    org_names |= {key(n) for o in ex.jsonld for n in names(o.get("publisher"))}
    org_names -= owners
    # the copyright holder in the footer is the publisher ('© 2019 Condé Nast'), not an author, unless the
    # page's byline markup names them too (a personal blog: '© Regan' and 'by Regan'); only applied when
    # another author remains (a personal site's only name is its owner: '© Jürgen Heitmann')
    in_byline = {key(b) for b in byline}
    holders: set[str] = set()
    for m in COPYRIGHT.finditer(ex.chrome_text):
        holders |= {key(n) for n in split_authors(m.group(1), min_words=1)} | {key(m.group(1).strip())}
    holders |= owners  # (the owner of a site is its publisher too, and may publish others' pieces)
    holders -= in_byline
    if WEB_ADDRESS.search(meta_raw):  # 'Deutsche Welle (www.dw.com)': an organisation signs with its address
        org_names |= {key(n) for n in split_authors(WEB_ADDRESS.sub(" ", meta_raw), min_words=1)}
    vouched = {key(n) for n in ld + meta_author + byline}
    # a name found only in the bylines of teasers for other stories is not this article's author
    teasers = {key(n) for n in teaser_only} - vouched

    site_words = {w.casefold() for n in outlets for w in re.findall(r"[A-Za-z]{3,}", n)} - {"the", "news"}
    site_names = [n.casefold() for n in outlets]

    def desk(name: str) -> bool:
        """'Telegraph Sport', 'Beachbody': a byline that opens with the outlet's own name is a desk's,
        unless the site is that person's own ('Daniel Lemire' on "Daniel Lemire's blog")."""
        if key(name) in owners or any(re.search(rf"\b{re.escape(name.casefold())}['’]s\b", n) for n in site_names):
            return False
        return name.split()[0].casefold() in site_words

    host = (urlsplit(ex.url).hostname or "").casefold()
    host_key = re.sub(r"[\W_]", "", host.removeprefix("www."))
    host_label = host.removeprefix("www.").split(".")[0]

    def usable(found: list[str]) -> list[str]:
        # (a name that is the site's own address, 'Practical Horseman' on practicalhorsemanmag.com, is the outlet)
        return [n for n in found if key(n) not in org_names and key(n) not in teasers and not desk(n)
                and not (len(key(n)) >= 6 and key(n) in host_key and key(n) not in owners)
                and not sources.site_initials(n, host_label, outlets)]

    # trafilatura joins the article's JSON-LD authors and the <meta name="author">: when the meta tag names none of
    # the people the JSON-LD lists, its name is the publisher's account ('Condé Nast' beside 'Fiona Bornhöft'); when
    # it names them and more, the others are co-authors ('April Roach' in both, "Daniel O'Mahony" in the meta tag)
    meta_keys, ld_keys = {key(n) for n in meta_author}, {key(n) for n in ld}
    if ld and meta_keys and not meta_keys & ld_keys:
        kept = ld_keys | {key(b) for b in byline}
        traf = [n for n in traf if key(n) in kept or key(n) not in meta_keys]
    # (trafilatura may take a name from the readers' comments: not when the page shows it nowhere else)
    in_comments = sources.only_in_comments(tree, ex.chrome_text, traf) if traf else set()
    traf = [n for n in traf if n not in in_comments]
    chosen = usable(traf or ld or meta_author or byline)
    visible = folded(key(ex.chrome_text))

    @functools.cache
    def folded_chrome() -> str:
        return folded(ex.chrome_text.casefold())

    @functools.cache
    def shown(name: str) -> bool:
        """Whether the page shows the name, with or without its accents and middle names."""
        words = name.split()
        if len(words) == 1:
            # not as the letters of a handle: 'Rmb' is trafilatura's reading of 'rmb8090', which the page shows
            letters = r"[\W_]*".join(map(re.escape, folded(key(name))))
            return bool(letters) and re.search(rf"(?<!\d){letters}(?!\d)", folded_chrome()) is not None
        if sources.credited_only(name, ex.chrome_text):
            return False  # (the page shows them only as its editor or photographer)
        return (folded(key(name)) in visible or folded(key(words[0] + words[-1])) in visible
                or with_middle(name, ex.chrome_text) is not None)

    fallback, institutional = None, False
    if any(shown(n) for n in chosen):
        # names the page shows win over names only its metadata holds (the account that posted it)
        chosen = [n if folded(key(n)) in visible else with_middle(n, ex.chrome_text) or n for n in chosen if shown(n)]
        fuller = sources.fuller_byline(ex.chrome_text, chosen, key)
        if fuller:
            chosen, fallback = usable(fuller) or chosen, "byline"
        # the byline under the headline names other people than the metadata: the visible byline wins (the
        # metadata may name who contributed reporting or who posted it)
        headed = usable(sources.headline_byline(ex)) if not byline else []
        if headed and not {key(n) for n in headed} & {key(n) for n in chosen}:
            chosen, fallback = headed, "byline"
        # the byline under the headline is an agency's or the newsroom's, and the metadata's names are not in it
        # ('By The Associated Press' on a page whose metadata names the producer who posted it): nobody
        elif not byline and sources.institutional_byline(under := sources.under_headline(ex), outlets) \
                and not any(key(n) in key(under) for n in chosen):
            chosen, institutional = [], True
    elif chosen:
        # none of the metadata's names is on the page: a byline the page does show wins (only strong
        # evidence: the article's own opening 'By X:' or sign-off, or an element classed as the author;
        # a lone 'By …' line may be a programme's title, 'By Any Means Necessary')
        # Otherwise nobody: a name the page never shows is the account that posted it, the site's
        # owner or a newsroom's login far more often than the article's author (on trafilatura's
        # evaluation corpus, 49 of 50 such names were not the author its annotators recorded).
        on_page, how = sources.in_text_byline(ex)
        on_page = usable(on_page or sources.class_author(tree))
        chosen, fallback = on_page, how or "byline"
    if not chosen and not institutional:  # no metadata: a byline the page only shows as text
        chosen, fallback = sources.in_text_byline(ex)
        chosen = usable(chosen)
    if not chosen and not institutional:
        chosen, fallback = usable(sources.byline_line(ex.chrome_text) or sources.headline_byline(ex) or sources.class_author(tree)
                                  or sources.href_author(tree)), "byline"
    if not chosen and not institutional:
        # a personal site named after its owner ('gregoryszorc.com', 'guenter-pilger.de'): the owner, named by
        # the metadata or the copyright line, wrote what it publishes
        # (a name only the copyright line gives must also be in the page's <title>: 'Gregory Szorc's Digital Home',
        # '… | Wolfgang Michal'; '© 2022 Petri Heil' on a fishing magazine's site is not enough)
        title = (tree.findtext(".//title") or "").casefold()
        copyright_names = [n for m in COPYRIGHT.finditer(ex.chrome_text) for n in split_authors(m.group(1))
                           if n.casefold() in title]
        labels = {re.sub(r"[\W_]", "", label) for label in host.split(".")[:-1]}
        outlet_keys = {k for n in (ex.site_name, ex.publisher) if n for k in owner_key(n)} | org_names
        chosen = [n for n in dict.fromkeys(traf + ld + meta_author + copyright_names)
                  if owner_key(n) & labels and not owner_key(n) & outlet_keys and looks_like_name(n)
                  and n.split()[0].casefold() not in ARTICLES][:1]
        fallback = "site-owner"
    others = [n for n in usable(byline) if key(n) not in holders]
    # 'Amelie Marie Nishizawa Tokyo-based French' beside 'Amelie Marie Nishizawa': the longer one is a bio's start
    chosen = [n for n in chosen if not any(o != n and n.startswith(o + " ") for o in chosen)]
    # a label before the name the byline shows ('FOCUS-Online-Experte Robin Tschöpe' for 'Robin Tschöpe')
    chosen = [next((b for b in byline if n.endswith(" " + b)), n) for n in chosen]
    if any(key(n) not in holders for n in chosen):
        chosen = [n for n in chosen if key(n) not in holders]
    elif chosen and others:
        chosen, fallback = others, "byline"  # the metadata names only the publisher; the byline names people
    seen: set[str] = set()
    for name in chosen:
        name, source = as_written(name)
        name = without_avatar(full_name(as_shown(with_periods(name, ex.chrome_text), ex.chrome_text), ex.chrome_text),
                              ex.chrome_text)
        if fallback is not None and source == "trafilatura":
            source = fallback
        if key(name) not in seen:
            seen.add(key(name))
            ex.authors.append((name, source))
