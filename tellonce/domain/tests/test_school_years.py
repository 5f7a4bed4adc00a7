"""Year groups (DfE national curriculum year groups: 1 September to 31 August cohorts)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain.school_years import (
    Phase,
    academic_year_start,
    age_on,
    birthday,
    national_curriculum_year,
)

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    ("born", "label"),
    [
        (date(2021, 9, 1), "Reception"),  # turns 5 in September 2026: youngest... oldest in Reception
        (date(2022, 8, 31), "Reception"),  # the youngest in Reception, just 4
        (date(2022, 9, 1), "Nursery"),
        (date(2021, 8, 31), "Year 1"),
        (date(2015, 9, 1), "Year 6"),
        (date(2015, 8, 31), "Year 7"),
        (date(2010, 9, 1), "Year 11"),
        (date(2008, 9, 1), "Year 13"),
        (date(2008, 8, 31), "Post-19"),
        (date(2024, 2, 29), "Early years"),
    ],
)
def test_the_year_group_follows_the_september_to_august_cohort(born, label):
    assert national_curriculum_year(born, TODAY).label == label


def test_the_academic_year_starts_on_1_september():
    assert academic_year_start(date(2026, 8, 31)) == 2025
    assert academic_year_start(date(2026, 9, 1)) == 2026


@pytest.mark.parametrize(
    ("born", "day", "age"),
    [
        (date(2012, 2, 29), date(2026, 2, 28), 13),
        (date(2012, 2, 29), date(2026, 3, 1), 14),
        (date(2012, 2, 29), date(2028, 2, 29), 16),
        (date(2010, 11, 22), TODAY, 16),
        (date(2010, 11, 23), TODAY, 15),
    ],
)
def test_age_counts_whole_years_and_leap_day_birthdays_fall_on_1_march(born, day, age):
    assert age_on(born, day) == age


@pytest.mark.parametrize(
    ("born", "age", "day"),
    [
        (date(2020, 2, 29), 5, date(2025, 3, 1)),
        (date(2020, 2, 29), 4, date(2024, 2, 29)),
        (date(2021, 12, 5), 5, date(2026, 12, 5)),
        (date(2021, 2, 28), 5, date(2026, 2, 28)),
    ],
)
def test_a_birthday_is_the_day_the_age_is_reached(born, age, day):
    assert birthday(born, age) == day


@given(
    st.dates(date(1990, 1, 1), date(2030, 12, 31)),
    st.dates(date(1990, 1, 1), date(2060, 12, 31)),
    st.integers(0, 30),
)
def test_someone_is_at_least_an_age_from_that_birthday_on_and_never_before(born, day, age):
    assert (age_on(born, day) >= age) == (day >= birthday(born, age))


@pytest.mark.parametrize(
    ("born", "phase"),
    [
        (date(2023, 1, 1), Phase.EARLY_YEARS),
        (date(2019, 1, 1), Phase.PRIMARY),
        (date(2013, 1, 1), Phase.SECONDARY),
        (date(2009, 1, 1), Phase.POST_16),
        (date(2005, 1, 1), Phase.POST_19),
    ],
)
def test_each_year_group_belongs_to_a_phase(born, phase):
    assert national_curriculum_year(born, TODAY).phase is phase


@given(st.dates(date(2000, 1, 1), date(2030, 12, 31)), st.dates(date(2010, 1, 1), date(2040, 12, 31)))
def test_the_year_group_rises_by_one_each_1_september_and_holds_between(born, day):
    this_year = national_curriculum_year(born, day).value
    start = date(academic_year_start(day), 9, 1)
    assert national_curriculum_year(born, start).value == this_year
    assert national_curriculum_year(born, start - timedelta(days=1)).value == this_year - 1
    assert national_curriculum_year(born, date(start.year + 1, 8, 31)).value == this_year
