"""Where every bundled fact comes from: one declared entry per dataset, and the Source objects built from it.

The dates are the dates of each dataset's data (see ../shared/data/README.md and each SOURCE.txt),
not the date we copied it.
"""

from __future__ import annotations

from dataclasses import dataclass

LAYER_OPEN = "open-data"
LAYER_CURATED = "curated"
LAYER_WIKIDATA = "wikidata"
LAYER_USER = "user"
LAYERS = (LAYER_OPEN, LAYER_CURATED, LAYER_WIKIDATA, LAYER_USER)

RSP_URL = "https://en.wikipedia.org/wiki/Wikipedia:Reliable_sources/Perennial_sources"
WIKIDATA_LICENSE = "CC0 1.0"


@dataclass(frozen=True)
class Dataset:
    """One bundled open dataset: the rater's name, where to read about it, its date and license."""

    key: str
    rater: str
    source_name: str
    url: str
    date: str
    license: str | None
    retrieved: str | None = None

    def source(self, *, url: str | None = None) -> dict:
        """A Source object (docs/api.md) for a fact taken from this dataset."""
        return {
            "name": self.source_name,
            "url": url or self.url,
            "date": self.date,
            "retrieved": self.retrieved,
            "license": self.license,
            "layer": LAYER_OPEN,
        }


# Retrieved = the date the copy in ../shared/data was made (the commit we took is in each SOURCE.txt).
SHARED_RETRIEVED = "2026-11-24"

LIN2023 = Dataset(
    key="lin2023",
    rater="Lin et al. 2023 (aggregate of expert ratings)",
    source_name=(
        "Lin, Lasser, Lewandowsky, Cole, Gully, Rand & Pennycook (2023), High level of correspondence "
        "across different news domain quality rating sets, PNAS Nexus 2(9) pgad286"
    ),
    url="https://doi.org/10.1093/pnasnexus/pgad286",
    date="2023-09-14",
    # The data repository states no license, only "Feel free to reuse the data"; the article is CC BY 4.0.
    license="no license stated (authors: 'feel free to reuse the data'); article CC BY 4.0",
    retrieved=SHARED_RETRIEVED,
)
CRED1 = Dataset(
    key="cred1",
    rater="CRED-1",
    source_name="CRED-1 domain credibility dataset (Loth, Kappes & Pahl), release 2026.8.4",
    url="https://github.com/aloth/cred-1",
    date="2026-08-04",
    license="CC BY 4.0",
    retrieved=SHARED_RETRIEVED,
)
WP_KUDUSCH = Dataset(
    key="wp-rsp-2021",
    rater="Wikipedia perennial sources",
    source_name=(
        "Wikipedia contributors, 'Wikipedia:Reliable sources/Perennial sources' "
        "(snapshot by Kudusch/wikipedia-perennial-sources)"
    ),
    url=RSP_URL,
    date="2021-03-17",
    license="CC BY-SA 3.0",
    retrieved=SHARED_RETRIEVED,
)
WP_KYNOPTIC = Dataset(
    key="wp-rsp-2026",
    rater="Wikipedia perennial sources",
    source_name=(
        "Wikipedia contributors, 'Wikipedia:Reliable sources/Perennial sources' and WikiProject source "
        "lists (ratings table of kynoptic/wikipedia-reliable-sources)"
    ),
    url=RSP_URL,
    date="2026-08-13",
    license="CC BY-SA 4.0",
    retrieved=SHARED_RETRIEVED,
)
OPENSOURCES = Dataset(
    key="opensources",
    rater="OpenSources",
    source_name="OpenSources (opensources.co) source list v2.1.0 — not updated since 2017",
    url="https://github.com/BigMcLargeHuge/opensources",
    date="2017-04-28",
    license="LGPL-3.0",
    retrieved=SHARED_RETRIEVED,
)
NEWSMAP = Dataset(
    key="newsmap",
    rater="Wikidata (via newsmap)",
    source_name="Wikidata news-media items as collected by sherzod-hakimov/ru-ua-news-discourse-twitter",
    url="https://github.com/sherzod-hakimov/ru-ua-news-discourse-twitter",
    date="2024-04-07",
    license="CC0 1.0 (Wikidata); repository MIT",
    retrieved=SHARED_RETRIEVED,
)
CENSUS_NAMES = Dataset(
    key="census1990",
    rater="US Census 1990 name frequencies",
    source_name="US Census Bureau 1990 name frequency files (as shipped in the 'names' package 0.3.0)",
    url="https://pypi.org/project/names/0.3.0/",
    date="1990",
    license="public domain",
    retrieved=SHARED_RETRIEVED,
)

GIVEN_NAMES = Dataset(
    key="faker-given-names",
    rater="Given names by locale (Faker)",
    source_name="the given-name lists of Faker's person providers, every locale (Faker 40.63.0)",
    url="https://github.com/joke2k/faker",
    date="2026-11-25",
    license="MIT",
    retrieved="2026-11-25",
)

DATASETS = {d.key: d for d in (LIN2023, CRED1, WP_KUDUSCH, WP_KYNOPTIC, OPENSOURCES, NEWSMAP, CENSUS_NAMES, GIVEN_NAMES)}

CONGRESS = Dataset(
    key="congress-legislators",
    rater="US Congress and executive (congress-legislators)",
    source_name="congress-legislators (the @unitedstates project): members of the current US Congress, US presidents and vice presidents",
    url="https://github.com/unitedstates/congress-legislators",
    date="2026-06-15",
    license="CC0 1.0",
    retrieved=SHARED_RETRIEVED,
)
