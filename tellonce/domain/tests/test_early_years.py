"""Notifications from health under s23: who is under compulsory school age, why a notification is
refused, and how quickly the council acted."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain.calendar import WorkingDays
from tellonce.domain.early_years import (
    ACKNOWLEDGE_WORKING_DAYS,
    Refusal,
    acknowledge_by,
    compulsory_school_age_from,
    first_contact_by,
    is_under_compulsory_school_age,
    refusals,
    summarise,
    timeliness,
)

NO_HOLIDAYS = WorkingDays(frozenset())
CHRISTMAS = WorkingDays(frozenset({date(2026, 12, 25), date(2026, 12, 28)}))


@pytest.mark.parametrize(
    ("born", "from_day"),
    [
        # Education (Start of Compulsory School Age) Order 1998: the prescribed day on or after the fifth birthday.
        (date(2021, 1, 10), date(2026, 3, 31)),
        (date(2021, 3, 31), date(2026, 3, 31)),
        (date(2021, 4, 1), date(2026, 8, 31)),
        (date(2021, 8, 31), date(2026, 8, 31)),
        (date(2021, 9, 1), date(2026, 12, 31)),
        (date(2021, 12, 31), date(2026, 12, 31)),
        (date(2020, 2, 29), date(2025, 3, 31)),
    ],
)
def test_a_child_reaches_compulsory_school_age_on_the_prescribed_day_after_turning_five(born, from_day):
    assert compulsory_school_age_from(born) == from_day


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)))
def test_compulsory_school_age_starts_between_the_fifth_birthday_and_five_months_later(born):
    starts = compulsory_school_age_from(born)
    assert starts.year in (born.year + 5,)
    assert (starts.month, starts.day) in ((3, 31), (8, 31), (12, 31))
    assert date(born.year + 5, 1, 1) <= starts
    assert (starts - born).days <= 5 * 366 + 153


@given(st.dates(min_value=date(2015, 1, 1), max_value=date(2026, 12, 31)), st.integers(0, 3000))
def test_a_child_is_under_school_age_from_birth_until_the_prescribed_day(born, days):
    on = born + timedelta(days=days)
    assert is_under_compulsory_school_age(born, on) == (on < compulsory_school_age_from(born))


def test_a_notification_needs_a_child_under_school_age_a_parent_told_and_the_service_named():
    assert (
        refusals(
            date_of_birth=date(2024, 5, 1),
            notified_on=date(2026, 11, 2),
            parent_told=True,
            service_named=True,
        )
        == []
    )
    found = refusals(
        date_of_birth=date(2019, 5, 1), notified_on=date(2026, 11, 2), parent_told=False, service_named=False
    )
    assert found == [Refusal.OF_SCHOOL_AGE, Refusal.PARENT_NOT_TOLD, Refusal.SERVICE_NOT_NAMED]


def test_a_child_not_yet_born_cannot_be_notified():
    found = refusals(
        date_of_birth=date(2027, 1, 1), notified_on=date(2026, 11, 2), parent_told=True, service_named=True
    )
    assert found == [Refusal.NOT_BORN]


def test_timeliness_counts_working_days_and_leaves_what_is_not_done_open():
    done = timeliness(
        date(2026, 12, 21),
        acknowledged_on=date(2026, 12, 29),
        first_contact_on=None,
        calendar=CHRISTMAS,
    )
    # 22, 23, 24, 29 December: Christmas Day, the weekend and the bank holiday do not count.
    assert done.to_acknowledge == 4 and done.acknowledged_in_time is True
    assert done.to_first_contact is None and done.contacted_in_time is None


def test_acknowledging_after_the_standard_is_late():
    late = timeliness(
        date(2026, 11, 2), acknowledged_on=date(2026, 11, 10), first_contact_on=None, calendar=NO_HOLIDAYS
    )
    assert late.to_acknowledge == ACKNOWLEDGE_WORKING_DAYS + 1 and late.acknowledged_in_time is False


@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31)))
def test_the_days_to_act_by_are_working_days_and_in_time_on_the_day(notified):
    due = acknowledge_by(notified, NO_HOLIDAYS)
    assert due.weekday() < 5
    assert timeliness(
        notified, acknowledged_on=due, first_contact_on=None, calendar=NO_HOLIDAYS
    ).acknowledged_in_time
    contact = first_contact_by(notified, NO_HOLIDAYS)
    assert timeliness(
        notified, acknowledged_on=None, first_contact_on=contact, calendar=NO_HOLIDAYS
    ).contacted_in_time
    assert contact > due


def test_a_summary_counts_each_outcome_and_the_middle_of_the_working_days():
    items = [
        (
            timeliness(
                date(2026, 11, 2),
                acknowledged_on=date(2026, 11, 3),
                first_contact_on=date(2026, 11, 9),
                calendar=NO_HOLIDAYS,
            ),
            "setting_support",
        ),
        (
            timeliness(
                date(2026, 11, 2),
                acknowledged_on=date(2026, 11, 12),
                first_contact_on=None,
                calendar=NO_HOLIDAYS,
            ),
            "",
        ),
        (
            timeliness(date(2026, 11, 2), acknowledged_on=None, first_contact_on=None, calendar=NO_HOLIDAYS),
            "",
        ),
    ]
    found = summarise(items)
    assert (found.count, found.acknowledged, found.acknowledged_in_time) == (3, 2, 1)
    assert (found.contacted, found.contacted_in_time) == (1, 1)
    assert found.median_to_acknowledge == 4.5 and found.median_to_first_contact == 5
    assert found.outcomes == {"setting_support": 1}
    assert summarise([]).median_to_acknowledge is None
