"""Education settings: the year groups a setting teaches from GIAS's statutory ages (DfE national
curriculum year groups), what those years can be for each kind of setting, and which settings are
post-16 institutions (CFA 2014 s83)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain.education_settings import (
    EARLIEST_YEAR,
    PHASE_LABELS,
    PHASE_YEAR_BOUNDS,
    POST_19,
    TYPICAL_YEARS,
    SettingPhase,
    SettingYears,
    year_label,
    years_from_ages,
    years_problems,
)
from tellonce.domain.school_years import NURSERY, RECEPTION

P = SettingPhase


@pytest.mark.parametrize(
    ("low", "high", "years"),
    [
        (4, 11, (RECEPTION, 6)),  # primary: 4 in Reception, 11 during Year 6
        (3, 11, (NURSERY, 6)),  # primary with a nursery class
        (4, 7, (RECEPTION, 2)),  # infant
        (7, 11, (3, 6)),  # junior
        (4, 9, (RECEPTION, 4)),  # first
        (9, 13, (5, 8)),  # middle, deemed secondary
        (8, 12, (4, 7)),  # middle, deemed primary
        (11, 16, (7, 11)),  # secondary without a sixth form
        (11, 18, (7, 13)),  # with one
        (2, 19, (NURSERY - 1, POST_19)),  # special school
        (16, 99, (12, POST_19)),  # further education college
        (0, 5, (EARLIEST_YEAR, RECEPTION)),
        (4, 4, (RECEPTION, RECEPTION)),  # one age, one year group
    ],
)
def test_statutory_ages_give_the_year_groups_a_setting_teaches(low, high, years):
    assert years_from_ages(low, high) == years


@given(st.integers(0, 99), st.integers(0, 99))
def test_year_groups_from_ages_are_always_real_year_groups_in_the_same_order_as_the_ages(low, high):
    lowest, highest = years_from_ages(low, high)
    assert EARLIEST_YEAR <= lowest <= POST_19 and EARLIEST_YEAR <= highest <= POST_19
    if low <= high:
        assert lowest <= highest


@pytest.mark.parametrize(("phase", "years"), list(TYPICAL_YEARS.items()))
def test_the_typical_years_of_each_phase_are_years_it_can_teach(phase, years):
    assert years_problems(SettingYears(years.lowest, years.highest, years.sixth_form, phase)) == []


def test_every_phase_has_a_label_typical_years_and_bounds():
    assert set(PHASE_LABELS) == set(TYPICAL_YEARS) == set(PHASE_YEAR_BOUNDS) == set(SettingPhase)


@pytest.mark.parametrize(
    ("years", "problem"),
    [
        (SettingYears(7, 6), "The lowest year group (Year 7) is after the highest (Year 6)"),
        (SettingYears(7, 11, sixth_form=True), "A setting with a sixth form teaches Year 12"),
        (SettingYears(-9, 6), "Year groups run from early years to post-19"),
        (SettingYears(0, 20), "Year groups run from early years to post-19"),
        (SettingYears(7, 11, phase=P.INFANT), "Infant schools do not teach Year 7 to Year 11"),
        (SettingYears(RECEPTION, 13, phase=P.SIXTH_FORM_COLLEGE), "Sixth-form colleges do not teach"),
        (SettingYears(RECEPTION, 6, phase=P.SECONDARY), "Secondary schools do not teach Reception to Year 6"),
    ],
)
def test_years_that_make_no_sense_are_described(years, problem):
    assert any(problem in found for found in years_problems(years))


@pytest.mark.parametrize(
    ("years", "post_16"),
    [
        (SettingYears(12, POST_19, phase=P.FE_COLLEGE), True),
        (SettingYears(10, POST_19, phase=P.FE_COLLEGE), True),  # a college with 14-16 provision
        (SettingYears(12, 13, phase=P.SIXTH_FORM_COLLEGE), True),
        (SettingYears(12, POST_19, phase=P.SPECIAL), True),  # a special post-16 institution
        (SettingYears(7, 13, sixth_form=True, phase=P.SECONDARY), False),  # a school's sixth form
        (SettingYears(RECEPTION, POST_19, phase=P.SPECIAL), False),
    ],
)
def test_colleges_and_settings_that_start_at_year_12_are_post_16_institutions_and_schools_are_not(
    years, post_16
):
    assert years.is_post_16_institution == post_16


def test_a_setting_teaching_year_12_lets_a_year_11_pupil_stay_on_with_or_without_a_sixth_form_flag():
    assert SettingYears(7, 13).teaches_post_16 and SettingYears(7, 13, sixth_form=True).teaches_post_16
    assert not SettingYears(7, 11).teaches_post_16


@pytest.mark.parametrize(
    ("year", "label"),
    [
        (-3, "Early years"),
        (NURSERY, "Nursery"),
        (RECEPTION, "Reception"),
        (9, "Year 9"),
        (POST_19, "Post-19"),
    ],
)
def test_year_groups_are_named_as_schools_name_them(year, label):
    assert year_label(year) == label
