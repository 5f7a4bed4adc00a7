"""Advice timeliness by provider and month, and the age of advice (reg. 8; reg. 6(4))."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain.advice import AdviceFacts, ReminderKind, age_flags, month_of, reminder_due, timeliness

D = date
TODAY = D(2026, 11, 22)


def test_timeliness_is_counted_per_group_with_median_days_outstanding_and_overdue():
    items = [
        AdviceFacts(D(2026, 9, 1), D(2026, 10, 13), "slt", "Trust A"),  # 42 days: on the due date
        AdviceFacts(D(2026, 9, 1), D(2026, 10, 14), "slt", "Trust A"),  # 43 days: late
        AdviceFacts(D(2026, 9, 1), None, "slt", "Trust A"),  # overdue now
        AdviceFacts(D(2026, 11, 1), None, "slt", "Trust A"),  # outstanding, not yet due
        AdviceFacts(D(2026, 9, 1), D(2026, 9, 20), "ep", "Council EPS"),
    ]
    rows = {row.key: row for row in timeliness(items, TODAY, key=lambda i: i.provider)}
    a = rows["Trust A"]
    assert (a.requests, a.returned, a.returned_within_6_weeks, a.outstanding, a.overdue) == (4, 2, 1, 2, 1)
    assert a.median_days == 42.5 and a.percent_within_6_weeks == 50.0
    assert rows["Council EPS"].percent_within_6_weeks == 100.0


def test_advice_received_after_today_counts_as_outstanding_as_at_today():
    [row] = timeliness([AdviceFacts(D(2026, 11, 1), D(2026, 11, 30))], TODAY, key=month_of)
    assert (row.key, row.returned, row.outstanding, row.percent_within_6_weeks) == ("2026-11", 0, 1, None)


@given(
    st.lists(
        st.tuples(st.dates(D(2020, 1, 1), D(2026, 11, 1)), st.integers(0, 200), st.booleans()), max_size=40
    )
)
def test_every_request_is_either_returned_or_outstanding_and_overdue_is_part_of_outstanding(rows):
    items = [AdviceFacts(r, min(TODAY, r + timedelta(days=d)) if got else None) for r, d, got in rows]
    for row in timeliness(items, TODAY, key=month_of):
        assert row.returned + row.outstanding == row.requests
        assert 0 <= row.overdue <= row.outstanding and 0 <= row.returned_within_6_weeks <= row.returned


def test_advice_older_than_the_limit_or_reused_or_undated_is_flagged():
    assert [f.code for f in age_flags(assessed_on=D(2024, 11, 21), on=TODAY)] == ["old"]
    assert age_flags(assessed_on=D(2024, 11, 22), on=TODAY) == []
    assert [f.code for f in age_flags(assessed_on=D(2014, 1, 1), on=TODAY, reused=True)] == ["old", "reused"]
    assert [f.code for f in age_flags(assessed_on=None, on=TODAY)] == ["no_assessment_date"]
    assert age_flags(assessed_on=D(2025, 11, 22), on=TODAY, max_age_months=6)[0].code == "old"


@pytest.mark.parametrize(
    ("today", "kind"),
    [
        (D(2026, 10, 5), None),  # requested 1 Oct, due 12 Nov
        (D(2026, 11, 4), None),  # 8 days before
        (D(2026, 11, 5), ReminderKind.DUE_SOON),  # 7 days before
        (D(2026, 11, 12), ReminderKind.DUE_SOON),  # due today
        (D(2026, 11, 13), ReminderKind.OVERDUE),
        (D(2026, 11, 26), ReminderKind.OVERDUE),  # 14 days after
        (D(2026, 11, 27), ReminderKind.STILL_OVERDUE),
    ],
)
def test_one_reminder_fits_each_day_before_and_after_the_due_date(today, kind):
    assert reminder_due(D(2026, 10, 1), today) == kind
