"""Draw the held-out quarter of the gold set (run once, before any tuning).

Method: sort the annotation names, then ``random.Random(SEED).sample(names, k=ceil(n / 4))``.
Refuses to overwrite an existing split.json. Pages added later must be split separately with the same
method over the new names only (existing assignments never change).
"""
from __future__ import annotations

import json
import math
import random
import sys
from pathlib import Path

SEED = 20261124
GOLD_DIR = Path(__file__).resolve().parent


def draw(names: list[str], seed: int = SEED) -> tuple[list[str], list[str]]:
    names = sorted(names)
    held = sorted(random.Random(seed).sample(names, k=math.ceil(len(names) / 4)))
    tune = [n for n in names if n not in held]
    return tune, held


def main() -> int:
    out = GOLD_DIR / "split.json"
    if out.exists() and "--force" not in sys.argv:
        print("split.json exists; the split is fixed once drawn (use --force only before any tuning)")
        return 1
    names = [p.stem for p in (GOLD_DIR / "annotations").glob("*.json")]
    tune, held = draw(names)
    out.write_text(json.dumps({
        "method": "random.Random(seed).sample(sorted(names), k=ceil(n/4)) over the annotation names; "
                  "drawn before any tuning (tests/gold/make_split.py)",
        "seed": SEED,
        "drawn_utc": "2026-11-24",
        "tune": tune,
        "heldout": held,
    }, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(tune)} tune, {len(held)} heldout")
    return 0


if __name__ == "__main__":
    sys.exit(main())
