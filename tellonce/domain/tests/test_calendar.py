"""Working days exclude weekends and England and Wales bank holidays; weeks and months are calendar."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain.calendar import WorkingDays, add_months, add_weeks, england_and_wales

CALENDAR = england_and_wales(range(2015, 2035))
days = st.dates(date(2016, 1, 1), date(2033, 12, 31))


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (
            date(2025, 12, 23),
            2,
            date(2025, 12, 29),
        ),  # Wed 24th, then skips 25 and 26 December and the weekend
        (date(2026, 4, 2), 1, date(2026, 4, 7)),  # Good Friday 3 April, Easter Monday 6 April 2026
        (date(2026, 5, 1), 1, date(2026, 5, 5)),  # early May bank holiday, 4 May 2026
        (date(2026, 12, 24), 1, date(2026, 12, 29)),  # Boxing Day 2026 is a Saturday: observed on the 28th
        (date(2026, 11, 20), 15, date(2026, 12, 11)),  # 15 working days (reg 15 transfers) with no holiday
        (date(2026, 11, 20), 0, date(2026, 11, 20)),
    ],
)
def test_working_days_skip_weekends_and_bank_holidays(start, n, expected):
    assert CALENDAR.add(start, n) == expected


def test_a_council_can_add_its_own_closure_days():
    closed = WorkingDays(CALENDAR.bank_holidays | {date(2026, 11, 23)})
    assert closed.add(date(2026, 11, 20), 1) == date(2026, 11, 24)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 3, 15), 12, date(2027, 3, 15)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
    ],
)
def test_calendar_months_end_on_the_last_day_when_the_day_does_not_exist(start, months, expected):
    assert add_months(start, months) == expected


def test_weeks_are_calendar_weeks_whatever_the_holidays():
    assert add_weeks(date(2025, 12, 1), 6) == date(2026, 1, 12)


@given(days, st.integers(1, 60))
def test_adding_working_days_never_lands_on_a_weekend_or_bank_holiday(start, n):
    end = CALENDAR.add(start, n)
    assert end.weekday() < 5 and end not in CALENDAR.bank_holidays
    assert end > start


@given(days, st.integers(0, 60))
def test_counting_undoes_adding(start, n):
    assert CALENDAR.count_between(start, CALENDAR.add(start, n)) == n


@given(days, st.integers(0, 90), st.integers(0, 90))
def test_working_day_counts_add_up_over_adjacent_ranges(start, a, b):
    middle, end = start + timedelta(days=a), start + timedelta(days=a + b)
    assert CALENDAR.count_between(start, end) == CALENDAR.count_between(
        start, middle
    ) + CALENDAR.count_between(middle, end)


@given(days)
def test_a_saturday_or_sunday_is_never_a_working_day(day):
    if day.weekday() >= 5:
        assert not CALENDAR.is_working_day(day)
