"""The author bench's sorting of exact misses (bench/eval_metadata.py --show exact): each miss is put in the kind
that explains it, so the gold's own conventions (capitals kept, co-authors joined its way) are counted apart from
real errors."""

from __future__ import annotations

import pytest

from conftest import load_bench

M = load_bench("eval_metadata.py")


@pytest.mark.parametrize(("got", "gold", "kind"), [
    ("Ally Mutnick", "Ally Mutnick", None),
    ("Ally Mutnick", "ALLY MUTNICK", "capitals"),
    ("David Brand; Ramsey Khalifeh", "David Brand and Ramsey Khalifeh", "joined"),
    ("Ibtisam Mahdi; Ruwaida Kamal Amer", "Ibtisam Mahdi, Ruwaida Kamal Amer", "joined"),
    (None, "Staff Writer", "missed"),
    ("", "Bryan Walsh", "missed"),
    ("April Roach; Daniel O'Mahony", "Daniel O'Mahony", "other"),
    ("James Lynch", "James Lynch from University of Michigan", "other"),
])
def test_an_exact_miss_is_sorted_by_kind(got, gold, kind):
    assert M.miss_kind(got, gold) == kind


def test_every_kind_is_explained():
    assert set(M.MISS_KINDS) == {"capitals", "joined", "missed", "other"}
    assert all(M.MISS_KINDS.values())
