"""Phase transfers (SEND Regulations 2014 reg. 2 and reg. 18(1); CFA 2014 s83; send-rules.md
section 4 P1-P2): which year groups move next September, worked out from the years the child's
setting teaches and where they are going, and the date the plan must be amended before."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain.education_settings import (
    EARLIEST_YEAR,
    POST_19,
    TYPICAL_YEARS,
    SettingPhase,
    SettingYears,
)
from tellonce.domain.phase_transfer import Transfer, transfer_after, transfer_deadline
from tellonce.domain.school_years import NURSERY, RECEPTION

D = date
P = SettingPhase

NURSERY_SCHOOL = SettingYears(NURSERY - 1, NURSERY, phase=P.NURSERY)
INFANT = SettingYears(RECEPTION, 2, phase=P.INFANT)  # 4-7
FIRST = SettingYears(RECEPTION, 4, phase=P.FIRST)  # 4-9
JUNIOR = SettingYears(3, 6, phase=P.JUNIOR)  # 7-11
PRIMARY = SettingYears(NURSERY, 6, phase=P.PRIMARY)  # 3-11
MIDDLE_8_12 = SettingYears(4, 7, phase=P.MIDDLE)
MIDDLE_9_13 = SettingYears(5, 8, phase=P.MIDDLE)
SECONDARY_11_16 = SettingYears(7, 11, phase=P.SECONDARY)
SECONDARY_11_18 = SettingYears(7, 13, sixth_form=True, phase=P.SECONDARY)
UPPER_13_18 = SettingYears(9, 13, sixth_form=True, phase=P.SECONDARY)
ALL_THROUGH = SettingYears(RECEPTION, 13, sixth_form=True, phase=P.ALL_THROUGH)
SPECIAL_4_19 = SettingYears(RECEPTION, POST_19, phase=P.SPECIAL)
SPECIAL_4_11 = SettingYears(RECEPTION, 6, phase=P.SPECIAL)
SPECIAL_11_16 = SettingYears(7, 11, phase=P.SPECIAL)
PRU_11_16 = SettingYears(7, 11, phase=P.ALTERNATIVE_PROVISION)
PRU_5_11 = SettingYears(1, 6, phase=P.ALTERNATIVE_PROVISION)
COLLEGE = SettingYears(12, POST_19, phase=P.FE_COLLEGE)
COLLEGE_14_PLUS = SettingYears(10, POST_19, phase=P.FE_COLLEGE)
SIXTH_FORM_COLLEGE = SettingYears(12, 13, phase=P.SIXTH_FORM_COLLEGE)
SPECIALIST_POST_16 = SettingYears(12, POST_19, phase=P.SPECIAL)  # a special post-16 institution, 16-25


@pytest.mark.parametrize(
    ("nc_year", "setting", "next_setting", "transfer"),
    [
        (NURSERY, NURSERY_SCHOOL, None, Transfer.EARLY_YEARS_TO_SCHOOL),
        (NURSERY, None, None, Transfer.EARLY_YEARS_TO_SCHOOL),
        (2, INFANT, None, Transfer.INFANT_TO_JUNIOR),
        (4, FIRST, None, Transfer.PRIMARY_TO_MIDDLE),
        (6, JUNIOR, None, Transfer.PRIMARY_TO_SECONDARY),
        (6, PRIMARY, None, Transfer.PRIMARY_TO_SECONDARY),
        (6, None, None, Transfer.PRIMARY_TO_SECONDARY),
        (7, MIDDLE_8_12, None, Transfer.MIDDLE_TO_SECONDARY),
        (8, MIDDLE_9_13, None, Transfer.MIDDLE_TO_SECONDARY),
        (11, SECONDARY_11_16, None, Transfer.SECONDARY_TO_POST_16),
        (11, SECONDARY_11_16, COLLEGE, Transfer.SECONDARY_TO_POST_16),
        (11, None, None, Transfer.SECONDARY_TO_POST_16),
        # A sixth form's Year 11 pupil moving to a college transfers; one staying on does not.
        (11, ALL_THROUGH, COLLEGE, Transfer.SECONDARY_TO_POST_16),
        (11, SECONDARY_11_18, SIXTH_FORM_COLLEGE, Transfer.SECONDARY_TO_POST_16),
        (11, UPPER_13_18, SPECIALIST_POST_16, Transfer.SECONDARY_TO_POST_16),
        (11, SPECIAL_4_19, COLLEGE_14_PLUS, Transfer.SECONDARY_TO_POST_16),
        # Special schools and alternative provision by the years they teach.
        (6, SPECIAL_4_11, None, Transfer.PRIMARY_TO_SECONDARY),
        (11, SPECIAL_11_16, None, Transfer.SECONDARY_TO_POST_16),
        (11, PRU_11_16, None, Transfer.SECONDARY_TO_POST_16),
        (6, PRU_5_11, None, Transfer.PRIMARY_TO_SECONDARY),
    ],
)
def test_a_child_in_the_last_year_their_setting_teaches_transfers_to_the_next_phase(
    nc_year, setting, next_setting, transfer
):
    assert transfer_after(nc_year, setting, next_setting) == transfer


@pytest.mark.parametrize(
    ("nc_year", "setting", "next_setting"),
    [
        (5, PRIMARY, None),
        (2, PRIMARY, None),
        (1, INFANT, None),
        (2, JUNIOR, None),
        (6, ALL_THROUGH, None),  # primary to secondary inside one school is no transfer
        (6, SPECIAL_4_19, None),  # a special school teaching 4-19 is like an all-through school
        (11, ALL_THROUGH, None),  # staying on in a school's sixth form is no transfer (CFA s83)
        (11, ALL_THROUGH, ALL_THROUGH),
        (11, SECONDARY_11_18, SECONDARY_11_18),
        (11, SPECIAL_4_19, None),
        (11, SECONDARY_11_18, UPPER_13_18),  # to another school's sixth form: not a post-16 institution
        (13, SECONDARY_11_18, COLLEGE),  # leaving school, not a reg. 18(1) transfer
        (12, COLLEGE, None),  # post-16 moves are timed from the move (reg. 18(2))
        (11, COLLEGE_14_PLUS, None),
        (12, SIXTH_FORM_COLLEGE, COLLEGE),
        (NURSERY - 1, NURSERY_SCHOOL, None),
        (10, PRU_11_16, None),
        (0, None, None),
        (14, None, None),
    ],
)
def test_other_years_and_moves_within_one_setting_are_not_transfer_years(nc_year, setting, next_setting):
    assert transfer_after(nc_year, setting, next_setting) is None


@pytest.mark.parametrize(
    ("transfer", "academic_year", "before", "basis"),
    [
        # Year 6 in 2026/27 moves in September 2027: amend before 15 February 2027 (reg. 18(1)(b)).
        (Transfer.PRIMARY_TO_SECONDARY, 2026, D(2027, 2, 15), "reg. 18(1)(b)"),
        (Transfer.INFANT_TO_JUNIOR, 2026, D(2027, 2, 15), "reg. 18(1)(b)"),
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


years = st.integers(EARLIEST_YEAR, POST_19)


@st.composite
def settings(draw):
    low, high = sorted((draw(years), draw(years)))
    sixth_form = draw(st.booleans()) and high >= 12
    return SettingYears(low, high, sixth_form, draw(st.none() | st.sampled_from(SettingPhase)))


any_setting = st.none() | settings() | st.sampled_from(list(TYPICAL_YEARS.values()))


def _in_a_transfer_year(nc_year, setting, next_setting) -> bool:
    if setting is None:
        return nc_year in (NURSERY, 6, 11)
    if nc_year == 11 and setting.teaches_post_16:
        return next_setting is not None and next_setting.is_post_16_institution
    return nc_year == setting.highest


@given(st.integers(-5, 16), any_setting, any_setting)
def test_no_child_outside_a_transfer_year_has_a_transfer(nc_year, setting, next_setting):
    if not _in_a_transfer_year(nc_year, setting, next_setting):
        assert transfer_after(nc_year, setting, next_setting) is None


@given(st.integers(-5, 16), any_setting, any_setting, st.integers(2015, 2040))
def test_31_march_is_only_for_secondary_to_post_16_and_every_other_transfer_is_15_february(
    nc_year, setting, next_setting, academic_year
):
    transfer = transfer_after(nc_year, setting, next_setting)
    if transfer is None:
        return
    before = transfer_deadline(transfer, academic_year).before
    if transfer == Transfer.SECONDARY_TO_POST_16:
        assert nc_year == 11 and before == D(academic_year + 1, 3, 31)
    else:
        assert nc_year < 11 and before == D(academic_year + 1, 2, 15)


@given(st.integers(-5, 16), settings(), any_setting)
def test_a_child_at_a_post_16_institution_or_staying_on_in_a_sixth_form_never_transfers(
    nc_year, setting, next_setting
):
    staying = (
        setting.teaches_post_16
        and nc_year == 11
        and not (next_setting and next_setting.is_post_16_institution)
    )
    if setting.is_post_16_institution or staying or nc_year > 11:
        assert transfer_after(nc_year, setting, next_setting) is None


@given(st.integers(-5, 16), settings(), settings())
def test_where_the_child_goes_next_matters_only_in_year_11_of_a_setting_with_a_sixth_form(
    nc_year, setting, next_setting
):
    if not (nc_year == 11 and setting.teaches_post_16):
        assert transfer_after(nc_year, setting, next_setting) == transfer_after(nc_year, setting)
