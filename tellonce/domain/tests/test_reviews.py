"""Annual reviews, decisions, amendments and phase transfers, each worked example citing its source
(CFA 2014 s44; SEND Regulations 2014 regs 18, 20, 22; CoP 9.176; L, M, P v Devon [2022];
send-rules.md section 4)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain import reviews as r
from tellonce.domain.education_settings import SettingPhase, SettingYears
from tellonce.domain.phase_transfer import Transfer

D = date


@pytest.mark.parametrize(
    ("basis", "due"),
    [
        (D(2026, 1, 10), D(2027, 1, 10)),  # s44(1): within 12 months of the plan being made
        (D(2024, 2, 29), D(2025, 2, 28)),  # leap day: the next year has no 29 February
        (D(2023, 2, 28), D(2024, 2, 28)),  # into a leap year: 28 February, not the 29th
        (D(2023, 3, 1), D(2024, 3, 1)),
        (D(2027, 2, 28), D(2028, 2, 28)),
        (D(2025, 12, 31), D(2026, 12, 31)),
    ],
)
def test_a_review_is_due_within_12_months_of_the_plan_or_the_last_review_across_leap_years(basis, due):
    deadline = r.review_due(basis)
    assert deadline.due == due and "s44(1)" in deadline.basis


def test_a_council_may_review_under_fives_more_often():
    assert r.review_due(D(2026, 1, 10), months=6).due == D(2026, 7, 10)


def test_the_next_review_runs_from_the_latest_decision_notified_not_from_the_meeting():
    # IPSEA: a review concludes when the council notifies its decision; that starts the next 12 months.
    reviews = [
        r.ReviewFacts(meeting=D(2025, 1, 6), decision=r.Decision.MAINTAIN, decision_notified=D(2025, 1, 27)),
        r.ReviewFacts(meeting=D(2026, 1, 12), decision=r.Decision.AMEND, decision_notified=D(2026, 2, 20)),
    ]
    assert r.next_review_due(D(2024, 3, 1), reviews).due == D(2027, 2, 20)
    assert r.next_review_due(D(2024, 3, 1), []).due == D(2025, 3, 1)
    in_progress = [r.ReviewFacts(meeting=D(2025, 2, 20))]
    assert r.next_review_due(D(2024, 3, 1), in_progress).due == D(2025, 3, 1)


@pytest.mark.parametrize(
    ("rule", "meeting", "due", "basis"),
    [
        (r.invitations_due, D(2026, 3, 16), D(2026, 3, 2), "reg. 20(3)"),  # at least 2 weeks' notice
        (r.advice_circulated_due, D(2026, 3, 16), D(2026, 3, 2), "reg. 20(4)"),
        (r.report_due, D(2026, 3, 16), D(2026, 3, 30), "reg. 20(7)"),  # within 2 weeks of the meeting
        (r.decision_due, D(2026, 3, 16), D(2026, 4, 13), "9.176"),  # within 4 weeks, over Easter
        (r.decision_due, D(2026, 12, 14), D(2027, 1, 11), "9.176"),  # over Christmas: holidays do not stop it
    ],
)
def test_each_review_deadline_matches_its_worked_example(rule, meeting, due, basis):
    deadline = rule(meeting)
    assert deadline.due == due and basis in deadline.basis


def test_the_family_has_15_days_to_answer_proposed_amendments_counting_the_day_sent():
    assert r.amendment_response_ends(D(2026, 4, 1)).due == D(2026, 4, 15)


@pytest.mark.parametrize(
    ("notice", "meeting", "due", "basis"),
    [
        # Notice sent with the decision, 3 weeks after the meeting: 8 weeks from the notice comes first.
        (D(2026, 3, 23), D(2026, 3, 2), D(2026, 5, 18), "reg. 22(3)"),
        # Notice sent late, 6 weeks after the meeting: 12 weeks from the meeting still binds (Devon).
        (D(2026, 4, 13), D(2026, 3, 2), D(2026, 5, 25), "Devon"),
        (D(2026, 4, 13), None, D(2026, 6, 8), "reg. 22(3)"),
        (None, D(2026, 3, 2), D(2026, 5, 25), "Devon"),
    ],
)
def test_the_amended_plan_is_due_8_weeks_from_the_notice_and_within_12_weeks_of_the_meeting(
    notice, meeting, due, basis
):
    deadline = r.amended_final_due(notice=notice, meeting=meeting)
    assert deadline.due == due and basis in deadline.basis


def test_no_amended_plan_is_due_without_a_meeting_or_a_notice():
    assert r.amended_final_due(notice=None, meeting=None) is None


def test_a_review_clock_flags_a_late_decision_and_a_late_amended_plan():
    facts = r.ReviewFacts(
        meeting=D(2026, 3, 2),
        decision=r.Decision.AMEND,
        decision_notified=D(2026, 4, 6),  # 5 weeks: late
        amendment_notice=D(2026, 4, 6),
        amended_final_issued=D(2026, 5, 26),  # after 12 weeks from the meeting (25 May)
    )
    c = r.clock(facts, D(2026, 6, 1))
    assert (c.decision_due.due, c.decision_on_time) == (D(2026, 3, 30), False)
    assert (c.amended_final_due.due, c.amended_final_on_time) == (D(2026, 5, 25), False)


def test_a_review_clock_is_silent_until_a_step_is_due_and_owes_no_amendment_when_maintained():
    facts = r.ReviewFacts(meeting=D(2026, 3, 2))
    assert r.clock(facts, D(2026, 3, 10)).decision_on_time is None
    assert r.clock(facts, D(2026, 3, 31)).decision_on_time is False
    kept = r.ReviewFacts(
        meeting=D(2026, 3, 2), decision=r.Decision.MAINTAIN, decision_notified=D(2026, 3, 30)
    )
    c = r.clock(kept, D(2026, 6, 1))
    assert c.decision_on_time is True and c.amended_final_due is None and c.amended_final_on_time is None


@pytest.mark.parametrize(
    ("facts", "message"),
    [
        (
            r.ReviewFacts(
                meeting=D(2026, 3, 2), decision=r.Decision.MAINTAIN, decision_notified=D(2026, 3, 1)
            ),
            "before the meeting",
        ),
        (
            r.ReviewFacts(
                meeting=D(2026, 3, 2), decision=r.Decision.AMEND, amended_final_issued=D(2026, 4, 1)
            ),
            "without an amendment notice",
        ),
        (
            r.ReviewFacts(
                meeting=D(2026, 3, 2), decision=r.Decision.MAINTAIN, amendment_notice=D(2026, 3, 10)
            ),
            "decision was to maintain",
        ),
        (
            r.ReviewFacts(meeting=D(2026, 3, 2), decision=r.Decision.AMEND, amendment_notice=D(2026, 3, 1)),
            "notice (2026-03-01) is before the meeting",
        ),
        (
            r.ReviewFacts(
                decision=r.Decision.AMEND, amendment_notice=D(2026, 3, 10), amended_final_issued=D(2026, 3, 9)
            ),
            "before the amendment notice",
        ),
        (r.ReviewFacts(decision_notified=D(2026, 3, 10)), "without the decision"),
    ],
)
def test_a_review_that_cannot_be_true_is_described(facts, message):
    assert any(message in p for p in r.problems(facts))


def test_a_meeting_before_the_plan_was_issued_is_a_problem():
    assert r.problems(r.ReviewFacts(meeting=D(2026, 1, 1)), plan_issued=D(2026, 2, 1))


@pytest.mark.parametrize(
    ("nc_year", "today", "transfer", "before"),
    [
        (6, D(2026, 10, 1), Transfer.PRIMARY_TO_SECONDARY, D(2027, 2, 15)),  # reg. 18(1)(b)
        (6, D(2027, 3, 1), Transfer.PRIMARY_TO_SECONDARY, D(2027, 2, 15)),  # still in Year 6, deadline passed
        (11, D(2026, 9, 1), Transfer.SECONDARY_TO_POST_16, D(2027, 3, 31)),  # reg. 18(1)(a)
        (-1, D(2027, 1, 5), Transfer.EARLY_YEARS_TO_SCHOOL, D(2027, 2, 15)),
    ],
)
def test_a_child_in_a_transfer_year_has_the_fixed_deadline_of_that_year(nc_year, today, transfer, before):
    deadline = r.phase_transfer_due(nc_year, today)
    assert (deadline.transfer, deadline.before) == (transfer, before)


def test_other_year_groups_have_no_phase_transfer_deadline():
    assert r.phase_transfer_due(7, D(2026, 10, 1)) is None
    all_through = SettingYears(0, 13, sixth_form=True)
    assert r.phase_transfer_due(6, D(2026, 10, 1), setting=all_through) is None
    assert r.phase_transfer_due(11, D(2026, 10, 1), setting=all_through) is None


def test_a_sixth_form_pupil_moving_to_a_college_has_the_31_march_deadline_in_the_schedule():
    college = SettingYears(12, 14, phase=SettingPhase.FE_COLLEGE)
    all_through = SettingYears(0, 13, sixth_form=True)
    found = r.schedule(
        plan_issued=D(2026, 6, 1),
        reviews=[],
        nc_year=11,
        today=D(2026, 10, 1),
        setting=all_through,
        next_setting=college,
    )
    assert (found.transfer, found.transfer_before) == (Transfer.SECONDARY_TO_POST_16, D(2027, 3, 31))


@pytest.mark.parametrize(
    ("due", "today", "status"),
    [
        (D(2026, 10, 1), D(2026, 10, 2), r.ScheduleStatus.OVERDUE),
        (D(2026, 12, 31), D(2026, 10, 2), r.ScheduleStatus.THIS_TERM),
        (D(2027, 1, 1), D(2026, 10, 2), r.ScheduleStatus.NEXT_TERM),
        (D(2027, 3, 31), D(2026, 10, 2), r.ScheduleStatus.NEXT_TERM),
        (D(2027, 4, 1), D(2026, 10, 2), r.ScheduleStatus.LATER),
        (D(2026, 8, 31), D(2026, 4, 20), r.ScheduleStatus.THIS_TERM),
    ],
)
def test_reviews_are_grouped_by_term(due, today, status):
    assert r.schedule_status(due, today) == status


def test_the_schedule_puts_phase_transfers_first_by_their_fixed_dates():
    today = D(2026, 10, 1)
    transfer = r.schedule(plan_issued=D(2026, 6, 1), reviews=[], nc_year=6, today=today)
    overdue = r.schedule(plan_issued=D(2025, 6, 1), reviews=[], nc_year=3, today=today)
    later = r.schedule(plan_issued=D(2026, 9, 1), reviews=[], nc_year=3, today=today)
    assert sorted([later, overdue, transfer], key=lambda s: s.priority) == [transfer, overdue, later]
    assert transfer.transfer_before == D(2027, 2, 15) and overdue.status == r.ScheduleStatus.OVERDUE


@given(st.dates(D(2015, 1, 1), D(2040, 12, 31)))
def test_a_review_is_due_on_the_same_day_a_year_later_or_the_last_day_of_february(basis):
    due = r.review_due(basis).due
    assert (due.year, due.month) == (basis.year + 1, basis.month)
    assert due.day == basis.day or (basis.month, basis.day, due.day) == (2, 29, 28)


@given(st.dates(D(2015, 1, 1), D(2040, 12, 31)), st.integers(0, 120))
def test_the_amended_plan_is_never_due_later_than_12_weeks_after_the_meeting(meeting, days_to_notice):
    deadline = r.amended_final_due(notice=meeting + timedelta(days=days_to_notice), meeting=meeting)
    assert deadline.due <= meeting + timedelta(weeks=12)


def test_a_plan_transferred_in_is_reviewed_by_the_later_of_its_own_due_date_and_3_months_from_the_transfer():
    # reg. 15(5): made 1 June 2025, transferred 23 March 2026 -> 23 June 2026 (later than 1 June 2026).
    due = r.next_review_due(D(2025, 6, 1), [], transferred_in=D(2026, 3, 23))
    assert due.due == D(2026, 6, 23) and "15(5)" in due.basis
    assert r.next_review_due(D(2025, 12, 1), [], transferred_in=D(2026, 3, 23)).due == D(2026, 12, 1)
