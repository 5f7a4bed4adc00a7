"""Cohen's kappa and its interval against published worked examples."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain.agreement import NotEnoughPairs, cohen_kappa, kappa_from_table

SCALE = ["outstanding", "good", "requires_improvement", "inadequate"]


# Cohen (1968), "Weighted kappa", Psychological Bulletin 70, Table 1: two judges, 200 cases, three
# diagnoses (personality disorder, neurosis, psychosis); Judge B's rows 88 10 2 / 14 40 6 / 18 10 12,
# proportions .44 .05 .01 / .07 .20 .03 / .09 .05 .06. Cohen reports p_o = .70, p_c = .41 and
# kappa = .492; so does the R package psych's documentation of cohen.kappa ("cohen reports .492",
# https://www.rdocumentation.org/packages/psych/versions/1.8.10/topics/cohen.kappa). The R package
# DMAR's vignette "Weighted Kappa: Cohen's 1968 Illustration, Worked in Full" (K. Kelley,
# https://stat.ethz.ch/CRAN/web/packages/DMAR/vignettes/weighted_kappa.html) reproduces the same
# table cell for cell and prints, with the Fleiss, Cohen and Everitt (1969) standard error:
# kappa .492, SE .051, 95% interval .392 to .591; quadratic weights, kappa .4545.
COHEN_1968_TABLE_1 = [[88, 10, 2], [14, 40, 6], [18, 10, 12]]


def test_cohens_1968_table_1_gives_the_kappa_of_0_492_he_reports():
    kappa = kappa_from_table(COHEN_1968_TABLE_1)
    assert kappa.observed == pytest.approx(0.70)
    assert kappa.expected == pytest.approx(0.41)
    assert kappa.value == pytest.approx(0.492, abs=0.0005)
    assert kappa.pairs == 200


def test_cohens_1968_table_1_gives_the_published_fleiss_cohen_and_everitt_interval():
    # DMAR's vignette, "Unweighted Kappa": se 0.051, lower limit 0.392, upper limit 0.591.
    kappa = kappa_from_table(COHEN_1968_TABLE_1)
    assert kappa.standard_error == pytest.approx(0.051, abs=0.0005)
    assert (kappa.low, kappa.high) == pytest.approx((0.392, 0.591), abs=0.0005)


def test_cohens_1968_table_1_with_quadratic_weights_gives_the_published_0_4545():
    # DMAR's vignette, "Linear and Quadratic Weights for Ordinal Categories": 0.4545455, the same
    # with disagreement weights (i - j) squared as with its "quadratic" agreement weights.
    kappa = kappa_from_table(COHEN_1968_TABLE_1, weights="quadratic")
    assert kappa.value == pytest.approx(0.4545455, abs=1e-6)


def test_turning_the_table_round_leaves_cohens_kappa_and_its_interval_unchanged():
    # The same Table 1 read with Judge A on the rows (as psych's example enters it).
    turned = [list(column) for column in zip(*COHEN_1968_TABLE_1, strict=True)]
    one, other = kappa_from_table(COHEN_1968_TABLE_1), kappa_from_table(turned)
    assert (other.value, other.standard_error) == pytest.approx((one.value, one.standard_error))


def test_the_wikipedia_grant_proposals_example_gives_kappa_of_0_4():
    # Wikipedia, "Cohen's kappa", section "Simple example": 50 grant proposals each read by two
    # readers, 20 both yes, 15 both no, 5 and 10 split; p_o = 0.7, p_e = 0.5, kappa = 0.4.
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
