"""Phase transfers (SEND Regulations 2014 reg. 2 and reg. 18(1); send-rules.md section 4 P1-P2):
which year groups move next September, and the date the plan must be amended before."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain.phase_transfer import LAST_YEAR, Transfer, transfer_after, transfer_deadline
from tellonce.domain.school_years import NURSERY

D = date


@pytest.mark.parametrize(
    ("nc_year", "kind", "transfer"),
    [
        (NURSERY, "early_years", Transfer.EARLY_YEARS_TO_SCHOOL),
        (NURSERY, None, Transfer.EARLY_YEARS_TO_SCHOOL),
        (2, "infant", Transfer.INFANT_TO_JUNIOR),
        (4, "first", Transfer.PRIMARY_TO_MIDDLE),
        (6, "junior", Transfer.PRIMARY_TO_SECONDARY),
        (6, "primary", Transfer.PRIMARY_TO_SECONDARY),
        (6, None, Transfer.PRIMARY_TO_SECONDARY),
        (8, "middle", Transfer.MIDDLE_TO_SECONDARY),
        (11, "secondary", Transfer.SECONDARY_TO_POST_16),
        (11, None, Transfer.SECONDARY_TO_POST_16),
    ],
)
def test_each_national_curriculum_transition_is_a_transfer_year(nc_year, kind, transfer):
    assert transfer_after(nc_year, kind) == transfer


@pytest.mark.parametrize(
    ("nc_year", "kind"),
    [
        (5, "primary"),
        (6, "all_through"),  # primary to secondary inside one school is no transfer
        (11, "all_through"),  # staying on in a school's sixth form is no transfer (CFA s83)
        (11, "secondary_with_sixth_form"),
        (13, "secondary_with_sixth_form"),  # leaving school, not a reg. 18 transfer
        (12, "post_16"),  # post-16 moves are timed from the move (reg. 18(2))
        (2, "primary"),
        (0, None),
        (14, None),
    ],
)
def test_other_years_and_moves_within_one_setting_are_not_transfer_years(nc_year, kind):
    assert transfer_after(nc_year, kind) is None


@pytest.mark.parametrize(
    ("transfer", "academic_year", "before", "basis"),
    [
        # Year 6 in 2026/27 moves in September 2027: amend before 15 February 2027 (reg. 18(1)(b)).
        (Transfer.PRIMARY_TO_SECONDARY, 2026, D(2027, 2, 15), "reg. 18(1)(b)"),
        (Transfer.EARLY_YEARS_TO_SCHOOL, 2027, D(2028, 2, 15), "reg. 18(1)(b)"),
        # Year 11 in 2026/27 moves to college in September 2027: before 31 March 2027 (reg. 18(1)(a)).
        (Transfer.SECONDARY_TO_POST_16, 2026, D(2027, 3, 31), "reg. 18(1)(a)"),
    ],
)
def test_the_plan_must_be_amended_before_15_february_or_31_march_of_the_year_of_the_move(
    transfer, academic_year, before, basis
):
    deadline = transfer_deadline(transfer, academic_year)
    assert deadline.before == before and basis in deadline.basis
    assert deadline.last_day == D(before.year, before.month, before.day - 1)


@given(st.integers(-3, 16), st.sampled_from([None, *LAST_YEAR, "post_16"]))
def test_a_child_is_in_at_most_the_last_year_of_their_setting_when_they_transfer(nc_year, kind):
    transfer = transfer_after(nc_year, kind)
    if transfer is not None and kind in LAST_YEAR:
        assert nc_year == LAST_YEAR[kind]
