from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain.audit_sampling import age_in_months, draw


@given(st.lists(st.integers(), unique=True, min_size=1, max_size=80), st.integers(1, 90), st.integers())
def test_the_same_seed_draws_the_same_plans_whatever_order_they_come_in(plans, size, seed):
    first = draw(plans, size=size, seed=seed)
    again = draw(list(reversed(plans)), size=size, seed=seed)
    assert first == again
    assert len(first) == min(size, len(plans))
    assert set(first) <= set(plans)


def test_different_seeds_usually_draw_different_plans():
    plans = list(range(200))
    assert draw(plans, size=10, seed=1) != draw(plans, size=10, seed=2)


def test_a_sample_of_nothing_is_refused():
    with pytest.raises(ValueError):
        draw([1, 2], size=0, seed=1)


@pytest.mark.parametrize(
    ("issued", "today", "months"),
    [
        (date(2025, 1, 31), date(2025, 2, 28), 0),
        (date(2025, 1, 15), date(2025, 2, 15), 1),
        (date(2024, 6, 1), date(2026, 5, 31), 23),
    ],
)
def test_a_plans_age_is_counted_in_whole_months(issued, today, months):
    assert age_in_months(issued, today) == months
