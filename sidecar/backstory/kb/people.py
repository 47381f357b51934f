"""Matching a name in an article to a person in the knowledge base, without mistaking a namesake.

Rule (docs/knowledge-base.md, section "Matching"):

* names agree when the family names share a token and the first names agree (rapidfuzz ratio, or an
  initial), after case and diacritic folding; middle names and particles are ignored, so
  "Lucas Leiroz de Almeida" and "Lucas Leiroz" agree;
* a signal agrees when the article's role, an organisation named with the person, or the outlet
  matches what the knowledge base knows of them;
* facts are attached for "exact", and for "possible" only when nothing contradicts (a common name
  with no other signal); never when a signal contradicts, a surname stands alone, or several match;
* "exact": one candidate, and either a signal agrees or the name is distinctive and nothing
  contradicts it; "possible": a name match alone on a common name (a frequent surname, or a surname
  only), a contradicting role, or several candidates that nothing tells apart; "none" otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .names import PersonName, fold

FIRST_NAME_MIN = 88  # rapidfuzz ratio: "jose" vs "josé" folds equal; "andrew" vs "andrei" (83) does not
ROLE_MIN = 80  # token_set_ratio: "analyst" vs "political analyst" = 100
STRONG_SIGNALS = frozenset({"organisation", "outlet"})  # outweigh a differently worded role
ORG_MIN = 90  # token_sort_ratio: "center for geostrategic studies" vs "centre for ..." = 97


@dataclass
class PersonEntry:
    """One person the knowledge base knows, from one layer."""

    id: str
    name: str
    aliases: tuple[str, ...]
    layer: str
    roles: list[str]
    orgs: list[str]
    domains: set[str]
    facts: Callable[[], list[dict]]
    variants: list[PersonName] = field(default_factory=list)
    parsed: list | None = None  # [[first, [family tokens]], ...] per name, when parsed earlier (Wikidata import)

    def __post_init__(self) -> None:
        names = [n for n in (self.name, *self.aliases) if n.strip()]
        if self.parsed is not None and len(self.parsed) == len(names):
            self.variants = [PersonName(n, (first, family)) for n, (first, family) in zip(names, self.parsed)]
        else:
            self.variants = [PersonName(n) for n in names]


def first_names_agree(a: str, b: str) -> bool:
    """First names agree when fuzzy-equal, or when one is the other's initial."""
    if not a or not b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return fuzz.ratio(a, b) >= FIRST_NAME_MIN


def names_agree(query: PersonName, known: PersonName) -> bool:
    """Family names share a token (a middle initial is none) and first names agree."""
    if not ({t for t in query.family if len(t) > 1} & {t for t in known.family if len(t) > 1}):
        return False
    return first_names_agree(query.first, known.first)


class PeopleIndex:
    """People from every layer, indexed by folded family-name token."""

    def __init__(self, entries: list[PersonEntry], common_surnames: frozenset[str],
                 extra: Callable[[PersonName], list[PersonEntry]] | None = None) -> None:
        self.entries = entries
        self.common_surnames = common_surnames
        self.extra = extra  # more candidates on demand (the Wikidata import, kept on disk)
        self.by_token: dict[str, list[int]] = {}
        for i, entry in enumerate(entries):
            for v in entry.variants:
                for token in v.family:
                    bucket = self.by_token.setdefault(token, [])
                    if not bucket or bucket[-1] != i:
                        bucket.append(i)

    def candidates(self, query: PersonName) -> list[PersonEntry]:
        """Entries whose name (or an alias) agrees with the query."""
        seen, out = set(), []
        for token in query.family:
            for i in self.by_token.get(token, ()):
                if i in seen:
                    continue
                seen.add(i)
                if any(names_agree(query, v) for v in self.entries[i].variants):
                    out.append(self.entries[i])
        for entry in self.extra(query) if self.extra else ():
            if any(names_agree(query, v) for v in entry.variants):
                out.append(entry)
        return out

    def is_common(self, query: PersonName) -> bool:
        """A surname alone, or a surname among the most frequent ones, is not distinctive."""
        return query.is_single or query.surname in self.common_surnames


def signals(entry: PersonEntry, role: str | None, org_keys: list[str], outlet_domain: str | None,
            same_org: Callable[[str, str], bool]) -> tuple[list[str], list[str]]:
    """(what agrees, what contradicts) between the article's context and what we know of ``entry``."""
    agree, contra = [], []
    if role and entry.roles:
        if any(fuzz.token_set_ratio(fold(role), fold(r)) >= ROLE_MIN for r in entry.roles):
            agree.append("role")
        else:
            contra.append(f"the article calls them '{role}', the knowledge base knows them as '{entry.roles[0]}'")
    if org_keys and any(same_org(q, known) for q in org_keys for known in entry.orgs):
        agree.append("organisation")
    if outlet_domain and outlet_domain in entry.domains:
        agree.append("outlet")
    return agree, contra


def _supported(agree: list[str], contra: list[str]) -> bool:
    """Some signal agrees, and a contradicting role is outweighed by an agreeing organisation or outlet."""
    return bool(agree) and (not contra or bool(set(agree) & STRONG_SIGNALS))


def _join(words: list[str]) -> str:
    """'name', 'name and role', 'name, role and outlet'."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def kb_person(match: str, entry: PersonEntry | None, why: str | None, *, with_facts: bool) -> dict:
    """The KbPerson object (docs/api.md)."""
    return {"match": match, "id": entry.id if entry else None,
            "facts": entry.facts() if (entry and with_facts) else [], "why": why}


def decide(index: PeopleIndex, name: str, role: str | None, org_keys: list[str], outlet_domain: str | None,
           same_org: Callable[[str, str], bool]) -> dict:
    """Apply the matching rule to one name with its context."""
    query = PersonName(name)
    if not query.family:
        return kb_person("none", None, None, with_facts=False)
    found = index.candidates(query)
    if not found:
        return kb_person("none", None, None, with_facts=False)
    judged = [(e, *signals(e, role, org_keys, outlet_domain, same_org)) for e in found]
    if len(judged) > 1:
        supported = [j for j in judged if _supported(j[1], j[2])]
        if len(supported) == 1:
            entry, agree, _ = supported[0]
            return kb_person("exact", entry, f"{_join(['name', *agree])} agree; {len(judged) - 1} namesake(s) ruled out", with_facts=True)
        detail = (f"the article's details fit {len(supported)} of them" if supported
                  else "nothing in the article tells them apart")
        return kb_person("possible", None, f"{len(judged)} people in the knowledge base share this name and {detail}", with_facts=False)
    entry, agree, contra = judged[0]
    if _supported(agree, contra):
        note = f" ({contra[0]})" if contra else ""
        return kb_person("exact", entry, f"{_join(['name', *agree])} agree{note}", with_facts=True)
    if contra:
        # Likely a namesake: say who it might be, but attach none of their facts.
        return kb_person("possible", entry, f"name agrees but {contra[0]}", with_facts=False)
    if query.is_single:
        return kb_person("possible", entry, "only a surname was given and nothing else agrees", with_facts=False)
    if index.is_common(query):
        return kb_person("possible", entry, "common name and nothing else agrees: could be a namesake", with_facts=True)
    return kb_person("exact", entry, "distinctive name and nothing contradicts it", with_facts=True)
