"""Does a domain belong to a named source? The name/domain check behind the Wikipedia lists' domains.

The 2021 perennial-sources snapshot took every external link of a source's Wikipedia article as one of
the source's domains, so the US National Library of Medicine's catalogue, the Library of Congress and a
journal-abbreviation tool on GitHub Pages all became "JAMA". A domain belongs to a named source when
its site's own label spells the source's name: in full ('reuters' for Reuters), as a part of it
('jamanetwork' holds 'JAMA'), or as an abbreviation built from the name's words in order, each word
giving a prefix of itself ('nytimes' = n[ew] y[ork] times, 'ft' = f[inancial] t[imes]), with a few
words news sites add to their names ('apnews', 'sputniknews'). Rows that fail are read by a person and
decided in data/open/domain-decisions.toml (build_open.py refuses to build while one is undecided).
"""

from __future__ import annotations

import functools
import re

from ..domains import extractor, site_of
from .names import domains_in_text, fold, split_aliases

# Words a site's domain adds to its name ('apnews', 'jamanetwork', 'usmagazine'); each counts only
# where the name does not already have it. Kept short on purpose: every word here lets more pass.
DOMAIN_AFFIXES = ("the", "news", "daily", "online", "tv", "media", "mag", "magazine", "web", "net", "radio",
                  "press", "journal", "network", "live", "today", "hq", "digital", "official", "english", "en")
MIN_PART_CHARS = 4  # a name or label shorter than this must equal the other, not merely sit inside it
_NON_ALNUM = re.compile(r"[^a-z0-9]")


def site_label(domain: str) -> str:
    """The label a site is known by: 'jamanetwork' for jama.jamanetwork.com, 'bbc' for bbc.co.uk, '' for none."""
    site = site_of(domain)
    if not site:
        return ""
    # a platform's own site is itself a suffix ('wordpress.com'): its first label is its name
    return _NON_ALNUM.sub("", extractor()(site).domain or site.split(".")[0])


def aliases(name: str) -> list[str]:
    """Every name an entry goes by: 'CNET (2020–2022); CNET (pre-2020)' and 'TASS (ITAR-TASS)' split up."""
    return [alias for part in name.split(";") for alias in split_aliases(part)]


def abbreviates(label: str, words: tuple[str, ...]) -> bool:
    """True when ``label`` is built from prefixes of ``words`` in order (skipping some), plus DOMAIN_AFFIXES."""
    affixes = tuple(a for a in DOMAIN_AFFIXES if a not in words)

    @functools.cache
    def go(i: int, j: int, used: int) -> bool:
        if i == len(label):
            return used > 0
        for affix in affixes:
            if label.startswith(affix, i) and go(i + len(affix), j, used):
                return True
        for k in range(j, len(words)):
            word = words[k]
            n = 0
            while n < len(word) and i + n < len(label) and label[i + n] == word[n]:
                n += 1
                if go(i + n, k + 1, used + n):
                    return True
        return False

    return go(0, 0, 0)


def fits(name: str, domain: str) -> bool:
    """True when ``domain`` is plausibly the named source's own (see the module's doc)."""
    site = site_of(domain)
    label = site_label(domain)
    if not site or not label:
        return False
    if any(site_of(d) == site for d in domains_in_text(name)):
        return True
    for alias in aliases(name):
        words = tuple(_NON_ALNUM.sub("", w) for w in fold(alias.replace("&", " and ")).split())
        words = tuple(w for w in words if w)
        squashed = "".join(words)
        if not squashed:
            continue
        if label == squashed or (len(label) >= MIN_PART_CHARS and label in squashed) \
                or (len(squashed) >= MIN_PART_CHARS and squashed in label):
            return True
        if abbreviates(label, words):
            return True
    return False
