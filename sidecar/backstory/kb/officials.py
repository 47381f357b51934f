"""The bundled US officials (data/people/us-officials.json, built by kb/build_people.py): held in memory, indexed by name."""

from __future__ import annotations

import json
from pathlib import Path

from .card import Origin
from .datasets import CONGRESS, LAYER_OPEN
from .names import PersonName

OFFICIALS_FILE = Path("people") / "us-officials.json"


class Officials:
    """People of one bundled dataset, by folded family-name token."""

    def __init__(self, people: list[dict], origin: Origin) -> None:
        self.people = people
        self.origin = origin
        self.by_token: dict[str, list[int]] = {}
        for i, rec in enumerate(people):
            for _, family in rec.get("names", ()):
                for token in family:
                    bucket = self.by_token.setdefault(token, [])
                    if not bucket or bucket[-1] != i:
                        bucket.append(i)

    @classmethod
    def load(cls, data_dir: Path) -> Officials:
        path = data_dir / OFFICIALS_FILE
        data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {"people": []}
        origin = Origin(layer=LAYER_OPEN, date=data.get("date", CONGRESS.date), retrieved=CONGRESS.retrieved,
                        how="congress-legislators", source_name=CONGRESS.source_name, url=CONGRESS.url,
                        license=data.get("license", CONGRESS.license),
                        where="legislators-current.yaml and executive.yaml: the person's terms (type, dates, state, district, party)")
        return cls(data.get("people", []), origin)

    def candidates(self, query: PersonName) -> list[tuple[dict, dict, Origin]]:
        """Records sharing a family-name token with the query (the matcher checks the rest)."""
        seen: set[int] = set()
        out = []
        for token in (*query.family, query.first):
            for i in self.by_token.get(token, ()):
                if i not in seen:
                    seen.add(i)
                    out.append((self.people[i], {}, self.origin))
        return out
