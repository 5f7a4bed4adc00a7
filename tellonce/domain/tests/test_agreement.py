"""Cohen's kappa and its interval against published worked examples."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain.agreement import NotEnoughPairs, cohen_kappa, kappa_from_table

SCALE = ["outstanding", "good", "requires_improvement", "inadequate"]


def test_cohens_1960_worked_example_gives_kappa_of_0_49():
    # Cohen (1960), table 1: 200 cases, proportions .44 .07 .09 / .05 .20 .05 / .01 .03 .06.
    kappa = kappa_from_table([[88, 14, 18], [10, 40, 10], [2, 6, 12]])
    assert kappa.observed == pytest.approx(0.70)
    assert kappa.expected == pytest.approx(0.41)
    assert kappa.value == pytest.approx(0.492, abs=0.0005)


def test_the_fleiss_cohen_and_everitt_diagnosis_example_gives_its_standard_error():
    # Fleiss, Cohen and Everitt (1969), and Fleiss, Levin and Paik (2003) table 18.1: two
    # psychiatrists, 100 patients, proportions .75 .01 .04 / .05 .04 .01 / .00 .00 .10.
    kappa = kappa_from_table([[75, 1, 4], [5, 4, 1], [0, 0, 10]])
    assert kappa.value == pytest.approx(0.676, abs=0.0005)
    assert kappa.standard_error == pytest.approx(0.088, abs=0.0005)
    assert (kappa.low, kappa.high) == pytest.approx((0.504, 0.848), abs=0.001)


def test_the_common_two_by_two_textbook_example_gives_kappa_of_0_4():
    # 50 proposals read by two readers: 20 both yes, 15 both no, 5 and 10 split.
    pairs = [("yes", "yes")] * 20 + [("yes", "no")] * 5 + [("no", "yes")] * 10 + [("no", "no")] * 15
    kappa = cohen_kappa(pairs, ["yes", "no"])
    assert kappa.value == pytest.approx(0.4)
    assert kappa.pairs == 50
    assert kappa.strength == "fair"


def test_complete_agreement_is_a_kappa_of_one_with_no_spread():
    pairs = [("good", "good")] * 6 + [("inadequate", "inadequate")] * 4
    kappa = cohen_kappa(pairs, SCALE)
    assert kappa.value == pytest.approx(1.0)
    assert kappa.standard_error == pytest.approx(0.0, abs=1e-9)


def test_weighted_kappa_counts_a_near_miss_as_closer_than_a_far_one():
    near = [("good", "outstanding")] * 3 + [("good", "good")] * 5 + [("inadequate", "inadequate")] * 4
    far = [("good", "inadequate")] * 3 + [("good", "good")] * 5 + [("inadequate", "inadequate")] * 4
    assert cohen_kappa(near, SCALE, weights="linear").value > cohen_kappa(far, SCALE, weights="linear").value
    assert cohen_kappa(near, SCALE).value == pytest.approx(cohen_kappa(near, SCALE, weights="none").value)


def test_weighted_kappa_with_two_grades_is_the_same_as_kappa():
    table = [[20, 5], [10, 15]]
    assert kappa_from_table(table, weights="quadratic").value == pytest.approx(kappa_from_table(table).value)


def test_no_pairs_or_a_single_grade_throughout_is_not_enough():
    with pytest.raises(NotEnoughPairs):
        cohen_kappa([], SCALE)
    with pytest.raises(NotEnoughPairs):
        cohen_kappa([("good", "good")] * 5, SCALE)


def test_a_table_that_is_not_square_is_refused():
    with pytest.raises(ValueError, match="square"):
        kappa_from_table([[1, 2], [3]])


pairs_strategy = st.lists(st.tuples(st.sampled_from(SCALE), st.sampled_from(SCALE)), min_size=2, max_size=60)


@given(pairs_strategy, st.sampled_from(["none", "linear", "quadratic"]))
def test_kappa_is_never_above_one_and_its_interval_contains_it(pairs, weights):
    try:
        kappa = cohen_kappa(pairs, SCALE, weights=weights)
    except NotEnoughPairs:
        return
    assert kappa.value <= 1 + 1e-9
    assert kappa.low <= kappa.value <= kappa.high


@given(pairs_strategy)
def test_swapping_the_two_auditors_leaves_kappa_unchanged(pairs):
    try:
        one = cohen_kappa(pairs, SCALE)
    except NotEnoughPairs:
        return
    other = cohen_kappa([(b, a) for a, b in pairs], SCALE)
    assert one.value == pytest.approx(other.value)
    assert one.standard_error == pytest.approx(other.standard_error)
