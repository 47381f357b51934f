"""The in-stage time budget (sidecar/backstory/budget.py)."""

from __future__ import annotations

import time

import pytest

from backstory import budget
from backstory.errors import BudgetExceeded


def test_check_outside_a_budget_does_nothing():
    assert budget.remaining() is None
    budget.check("anywhere")


def test_check_raises_once_the_budget_is_spent():
    with budget.limit(0.05):
        budget.check("early")
        assert 0 < budget.remaining() <= 0.05
        time.sleep(0.06)
        with pytest.raises(BudgetExceeded, match=r"0.05 s budget \(during the loop\)"):
            budget.check("the loop")
    assert budget.remaining() is None


def test_an_inner_budget_never_extends_the_outer_one():
    with budget.limit(0.05):
        with budget.limit(60):
            assert budget.remaining() <= 0.05
        with budget.limit(0.01):
            assert budget.remaining() <= 0.01
        assert 0.01 < budget.remaining() <= 0.05
