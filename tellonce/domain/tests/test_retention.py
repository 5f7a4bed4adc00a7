"""The retention schedule (IRMS Retention Guidelines for Local Authorities; UK GDPR art. 5(1)(e))."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain.retention import (
    DEFAULT_SCHEDULE,
    Blocker,
    RecordKind,
    UnknownRecordKind,
    anniversary,
    blockers,
    schedule,
    year_of_birth_only,
)
from tellonce.domain.school_years import age_on

EHC = DEFAULT_SCHEDULE[RecordKind.EHC_RECORD]
days = st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31))


def test_the_childs_record_is_due_on_their_31st_birthday_and_not_the_day_before():
    born = date(1995, 6, 14)
    assert not EHC.is_due(born, date(2026, 6, 13))
    assert EHC.is_due(born, date(2026, 6, 14))


def test_someone_born_on_29_february_reaches_it_on_1_march():
    assert EHC.due_on(date(1996, 2, 29)) == date(2027, 3, 1)
    assert not EHC.is_due(date(1996, 2, 29), date(2027, 2, 28))


@pytest.mark.parametrize(
    ("kind", "years"),
    [
        (RecordKind.EHC_RECORD, 31),
        (RecordKind.ONLINE_REFERRAL, 2),
        (RecordKind.FEEDBACK, 3),
        (RecordKind.ACCESS_LOG, 7),
    ],
)
def test_the_default_periods(kind, years):
    assert DEFAULT_SCHEDULE[kind].years == years


def test_every_kind_has_a_rule_that_says_why_and_what_disposal_does():
    for kind in RecordKind:
        rule = DEFAULT_SCHEDULE[kind]
        assert rule.kind == kind and rule.basis and rule.disposal and rule.after


def test_the_installations_and_then_the_councils_settings_override_the_defaults():
    rules = schedule({"feedback": 5, "access_log": 8}, {"feedback": 4})
    assert rules[RecordKind.FEEDBACK].years == 4
    assert rules[RecordKind.ACCESS_LOG].years == 8
    assert rules[RecordKind.EHC_RECORD].years == 31


@pytest.mark.parametrize(
    "override", [{"plans": 10}, {"feedback": 0}, {"feedback": 101}, {"feedback": "3"}, {"feedback": True}]
)
def test_an_unknown_kind_or_a_period_that_is_not_whole_years_is_refused(override):
    with pytest.raises(UnknownRecordKind):
        schedule(override)


def test_a_legal_hold_and_an_appeal_each_keep_a_due_record():
    assert blockers(legal_hold=False, appeal_in_progress=False) == ()
    assert blockers(legal_hold=True, appeal_in_progress=True) == (Blocker.LEGAL_HOLD, Blocker.APPEAL)


def test_an_anonymised_record_keeps_only_the_year_of_birth():
    assert year_of_birth_only(date(2001, 10, 17)) == date(2001, 1, 1)


@given(event=days, today=days, years=st.integers(1, 40))
def test_one_date_filters_the_same_records_as_the_rule(event, today, years):
    rule = schedule({"feedback": years})[RecordKind.FEEDBACK]
    assert rule.is_due(event, today) == (event <= rule.latest_due_event(today))


@given(born=days, today=days)
def test_the_childs_record_is_due_exactly_when_they_are_31(born, today):
    assert EHC.is_due(born, today) == (age_on(born, today) >= 31)


@given(event=days, years=st.integers(1, 40))
def test_disposal_is_never_due_before_the_period_has_run(event, years):
    due = anniversary(event, years)
    assert due.year == event.year + years and due > event
    assert not schedule({"access_log": years})[RecordKind.ACCESS_LOG].is_due(event, due - timedelta(days=1))
