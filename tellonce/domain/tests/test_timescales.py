"""Statutory clocks, each worked example citing its source (SEND Regulations 2014; CoP ch. 9;
shared/domain/send-rules.md sections 0-2). Weeks are calendar weeks: bank holidays, Christmas and
leap days never move a due date; only a listed exception excuses missing one."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain import timescales as t

D = date


@pytest.mark.parametrize(
    ("rule", "start", "due", "basis"),
    [
        # reg 5(1): 6 weeks from receipt. Received Mon 3 Nov 2025 -> Mon 15 Dec 2025.
        (t.decision_due, D(2025, 11, 3), D(2025, 12, 15), "reg. 5(1)"),
        # Across Christmas and New Year: holidays do not stop the clock (send-rules.md section 0).
        (t.decision_due, D(2025, 12, 1), D(2026, 1, 12), "reg. 5(1)"),
        # reg 8(1): advice 6 weeks from the day the adviser receives the request; across Easter 2026.
        (t.advice_due, D(2026, 3, 2), D(2026, 4, 13), "reg. 8(1)"),
        # reg 10(1): 16 weeks; across the leap day of 2028.
        (t.not_to_issue_due, D(2028, 1, 10), D(2028, 5, 1), "reg. 10(1)"),
        # reg 13(2): 20 weeks. Received 1 Sep 2025 -> 19 Jan 2026 (CoP flow chart: week 20).
        (t.final_plan_due, D(2025, 9, 1), D(2026, 1, 19), "reg. 13(2)"),
        # 20 weeks across 29 February 2024: 1 Feb 2024 + 140 days = 20 Jun 2024.
        (t.final_plan_due, D(2024, 2, 1), D(2024, 6, 20), "reg. 13(2)"),
        # Across the summer holiday (no exception claimed): 1 Jul 2026 -> 18 Nov 2026.
        (t.final_plan_due, D(2026, 7, 1), D(2026, 11, 18), "reg. 13(2)"),
        # reg 13(1)(a): 15 days beginning with the day of service; served 2 Mar 2026 -> ends 16 Mar 2026.
        (t.draft_response_ends, D(2026, 3, 2), D(2026, 3, 16), "reg. 13(1)(a)"),
        # Served 20 Dec 2026: the window runs over Christmas and ends 3 Jan 2027.
        (t.draft_response_ends, D(2026, 12, 20), D(2027, 1, 3), "reg. 13(1)(a)"),
        # Served 15 Feb 2028 (leap year): day 15 is 29 Feb 2028.
        (t.draft_response_ends, D(2028, 2, 15), D(2028, 2, 29), "reg. 13(1)(a)"),
        # reg 27(3): re-assessment, 14 weeks.
        (t.reassessment_due, D(2026, 1, 5), D(2026, 4, 13), "reg. 27(3)"),
    ],
)
def test_each_deadline_matches_its_worked_example_and_names_its_regulation(rule, start, due, basis):
    deadline = rule(start)
    assert deadline.due == due
    assert basis in deadline.basis


def test_the_decision_16_and_20_week_clocks_share_one_start_date():
    start = D(2026, 2, 9)
    assert t.decision_due(start).due == start + timedelta(weeks=6)
    assert t.not_to_issue_due(start).due == start + timedelta(weeks=16)
    assert t.final_plan_due(start).due == start + timedelta(weeks=20)


@given(st.dates(D(2000, 1, 1), D(2090, 12, 31)))
def test_no_due_date_ever_falls_before_its_start(start):
    for rule in (
        t.decision_due,
        t.advice_due,
        t.not_to_issue_due,
        t.draft_response_ends,
        t.final_plan_due,
        t.reassessment_due,
    ):
        assert rule(start).due > start


@given(st.dates(D(2000, 1, 1), D(2090, 12, 31)))
def test_week_clocks_always_end_on_the_weekday_they_started(start):
    for rule in (t.decision_due, t.advice_due, t.not_to_issue_due, t.final_plan_due, t.reassessment_due):
        assert rule(start).due.weekday() == start.weekday()


@given(st.dates(D(2000, 1, 1), D(2090, 12, 31)))
def test_the_clocks_come_in_statutory_order(start):
    assert (
        t.decision_due(start).due
        < t.reassessment_due(start).due
        < t.not_to_issue_due(start).due
        < t.final_plan_due(start).due
    )


@pytest.mark.parametrize(
    ("due", "done", "today", "expected"),
    [
        (D(2026, 3, 1), D(2026, 3, 1), D(2026, 5, 1), True),  # done on the due date is on time
        (D(2026, 3, 1), D(2026, 2, 1), D(2026, 5, 1), True),  # early is on time ("in any event within")
        (D(2026, 3, 1), D(2026, 3, 2), D(2026, 5, 1), False),  # a day late
        (D(2026, 3, 1), None, D(2026, 3, 1), None),  # not done, due today: not late yet
        (D(2026, 3, 1), None, D(2026, 3, 2), False),  # not done, due date passed
    ],
)
def test_a_step_is_on_time_late_or_not_yet_known(due, done, today, expected):
    assert t.is_on_time(due, done, today) is expected


def test_a_step_no_longer_needed_is_neither_on_time_nor_late():
    assert t.is_on_time(D(2026, 3, 1), None, D(2027, 1, 1), not_needed=True) is None


@pytest.mark.parametrize(
    ("due", "today", "status"),
    [
        (D(2026, 12, 7), D(2026, 11, 22), t.Status.ON_TRACK),  # 15 days left
        (D(2026, 12, 6), D(2026, 11, 22), t.Status.DUE_SOON),  # 14 days left
        (D(2026, 11, 22), D(2026, 11, 22), t.Status.DUE_SOON),  # due today
        (D(2026, 11, 21), D(2026, 11, 22), t.Status.OVERDUE),
    ],
)
def test_the_status_is_due_soon_within_two_weeks_and_overdue_after_the_due_date(due, today, status):
    assert t.status_on(due, today) is status


START = D(2026, 1, 5)
FINAL = t.final_plan_due(START)  # 25 May 2026


@pytest.mark.parametrize(
    ("reason", "step", "applies"),
    [
        (t.ExceptionReason.SCHOOL_CLOSURE, t.Step.DECIDE_WHETHER_TO_ASSESS, True),  # reg 5(4)(a)
        (t.ExceptionReason.SCHOOL_CLOSURE, t.Step.ISSUE_FINAL_PLAN, True),  # reg 13(3) applying 10(4)(a)
        (t.ExceptionReason.SCHOOL_CLOSURE, t.Step.GIVE_ADVICE, False),  # not in reg 8(2)
        (t.ExceptionReason.EY_CLOSURE, t.Step.DECIDE_WHETHER_TO_ASSESS, False),  # not in reg 5(4) (verify)
        (t.ExceptionReason.EY_CLOSURE, t.Step.ISSUE_FINAL_PLAN, True),  # reg 10(4)(b)
        (t.ExceptionReason.PERSONAL_CIRCS, t.Step.GIVE_ADVICE, True),  # reg 8(2)(a)
        (t.ExceptionReason.PERSONAL_CIRCS, t.Step.FINISH_REASSESSMENT, True),  # reg 27(3)(c)
        (t.ExceptionReason.ABSENT_4WK, t.Step.DECIDE_NOT_TO_ISSUE, True),  # reg 10(4)(d)
        (t.ExceptionReason.MISSED_APPT, t.Step.GIVE_ADVICE, True),  # reg 8(2)(c)
        (t.ExceptionReason.MISSED_APPT, t.Step.ISSUE_FINAL_PLAN, False),  # advice duty only
        (t.ExceptionReason.COVID, t.Step.ISSUE_FINAL_PLAN, True),  # SI 2020/471
    ],
)
def test_each_exception_applies_only_to_the_steps_its_regulation_names(reason, step, applies):
    assert (step in t.EXCEPTION_BASIS[reason]) is applies


def test_an_exception_counts_only_if_its_period_falls_within_the_clock():
    during = t.ClaimedException(t.ExceptionReason.PERSONAL_CIRCS, D(2026, 2, 1), D(2026, 3, 1))
    before = t.ClaimedException(t.ExceptionReason.PERSONAL_CIRCS, D(2025, 6, 1), D(2025, 7, 1))
    after = t.ClaimedException(t.ExceptionReason.PERSONAL_CIRCS, D(2026, 6, 1), D(2026, 7, 1))
    ongoing = t.ClaimedException(t.ExceptionReason.ABSENT_4WK, D(2026, 5, 1))
    assert during.excuses(FINAL, START) and ongoing.excuses(FINAL, START)
    assert not before.excuses(FINAL, START) and not after.excuses(FINAL, START)


def test_the_coronavirus_exception_covers_only_1_may_to_25_september_2020():
    covid = t.ClaimedException(t.ExceptionReason.COVID, D(2020, 3, 1), D(2020, 12, 31))
    assert covid.excuses(t.final_plan_due(D(2020, 4, 1)), D(2020, 4, 1))
    assert not covid.excuses(t.final_plan_due(D(2020, 10, 1)), D(2020, 10, 1))


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("SCHOOL_CLOSURE", "SCHOOL_CLOSURE"),
        ("personal_circs", "PERSONAL_CIRCS"),
        ("Personal circumstances", "PERSONAL_CIRCS"),
        ("absent-4wk", "ABSENT_4WK"),
        ("covid", "COVID"),
    ],
)
def test_exception_reasons_are_read_from_their_codes_or_plain_names(text, reason):
    assert t.parse_exception_reason(text) == reason


@pytest.mark.parametrize("text", ["holiday", "", "ABSENT_2WK"])
def test_anything_outside_the_closed_list_is_not_an_exception(text):
    with pytest.raises(t.UnknownExceptionReason):
        t.parse_exception_reason(text)
