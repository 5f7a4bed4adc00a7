"""Spend and its variance: volume, mix and price add up to actual minus budget."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain.spend import Line, Target, spend, variance


def test_spend_is_caseload_times_unit_cost():
    assert spend({"mainstream": Line(100, 8000), "independent": Line(10, 64000)}) == 800000 + 640000


def test_more_plans_at_the_same_mix_and_prices_is_all_volume():
    v = variance({"a": Line(100, 10), "b": Line(100, 30)}, {"a": Line(110, 10), "b": Line(110, 30)})
    assert (v.volume, v.mix, v.price, v.total) == (400, 0, 0, 400)


def test_the_same_number_moving_to_dearer_places_is_all_mix():
    v = variance({"a": Line(100, 10), "b": Line(100, 30)}, {"a": Line(90, 10), "b": Line(110, 30)})
    assert (v.volume, v.mix, v.price) == (0, 200, 0)


def test_dearer_places_for_the_same_children_is_all_price():
    v = variance({"a": Line(100, 10)}, {"a": Line(100, 12)})
    assert (v.volume, v.mix, v.price) == (0, 0, 200)


lines = st.dictionaries(
    st.sampled_from(["mainstream", "special", "independent", "fe"]),
    st.builds(Line, st.floats(0, 5000), st.floats(0, 80000)),
    max_size=4,
)


@given(lines, lines)
def test_volume_mix_and_price_always_add_up_to_the_variance(budget, actual):
    v = variance(budget, actual)
    assert v.volume + v.mix + v.price == pytest.approx(v.total, abs=1e-3, rel=1e-9)


def test_a_target_is_met_or_not_once_there_is_an_actual():
    assert Target("Independent special places", 2027, 40, 38).met is True
    assert Target("Independent special places", 2027, 40, 45).met is False
    assert Target("Plans in mainstream", 2027, 50, None, lower_is_better=False).met is None
