"""Response rates, percentages with their counts, and whose voice is missing."""

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain.voice import Share, Verdict, agreement, compare, response_rate


def test_a_response_rate_is_answers_over_invitations_with_its_counts():
    rate = response_rate(sent=80, answered=20)
    assert rate.percent == 25 and rate.text() == "25% (20 of 80)"
    with pytest.raises(ValueError):
        response_rate(sent=5, answered=6)
    assert response_rate(0, 0).text() == "No answers"


def test_agreement_counts_4_and_5_and_leaves_out_dont_know():
    assert agreement([5, 4, 3, 2, 1, 0, None]).text() == "40% (2 of 5)"


def test_the_wilson_interval_matches_a_worked_example():
    # 8 of 10: Wilson 95% interval 49.0% to 94.3% (Newcombe 1998, table I, method 3)
    low, high = Share(8, 10).interval()
    assert round(low, 1) == 49.0 and round(high, 1) == 94.3


@given(st.integers(0, 500), st.integers(1, 500))
def test_the_interval_always_holds_the_observed_share(count, extra):
    total = count + extra
    low, high = Share(count, total).interval()
    assert 0 <= low <= 100 * count / total <= high <= 100


def test_a_group_heard_far_less_than_its_share_of_the_cohort_is_flagged():
    cohort = ["White British"] * 600 + ["Pakistani"] * 200 + ["Black African"] * 200
    voices = ["White British"] * 90 + ["Pakistani"] * 5 + ["Black African"] * 5
    verdicts = {c.group: c.verdict for c in compare(voices, cohort)}
    assert verdicts == {
        "White British": Verdict.OVER,
        "Pakistani": Verdict.UNDER,
        "Black African": Verdict.UNDER,
    }


def test_groups_given_as_counts_compare_as_the_same_groups_listed_one_by_one():
    cohort = ["White British"] * 600 + ["Pakistani"] * 200 + ["Black African"] * 200
    voices = ["White British"] * 90 + ["Pakistani"] * 5 + ["Black African"] * 5
    counted = compare(Counter(voices), Counter(cohort))
    assert counted == compare(voices, cohort)
    assert [(c.group, c.voices.count, c.verdict) for c in counted][1] == ("Pakistani", 5, Verdict.UNDER)


def test_a_group_heard_in_proportion_is_in_line():
    cohort = ["A"] * 500 + ["B"] * 500
    voices = ["A"] * 26 + ["B"] * 24
    assert {c.verdict for c in compare(voices, cohort)} == {Verdict.IN_LINE}


def test_too_few_voices_are_not_judged():
    result = compare(["A"] * 3, ["A"] * 50 + ["B"] * 50)
    assert {c.verdict for c in result} == {Verdict.TOO_FEW}
    assert [c.group for c in result] == ["A", "B"] and result[1].voices.count == 0
