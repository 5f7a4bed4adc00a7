"""A case's stage, next deadline, on-time flags and the DfE 20-week measure."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain import timescales as t
from tellonce.domain.assessment import (
    CaseFacts,
    Decision,
    Stage,
    clock,
    decision_measure,
    problems,
    twenty_week_measure,
)

D = date
START = D(2026, 1, 5)  # decision due 16 Feb, not-to-issue 27 Apr, final 25 May 2026


def test_a_new_request_is_waiting_for_a_decision_due_in_six_weeks():
    c = clock(CaseFacts(start=START), today=D(2026, 1, 20))
    assert c.stage is Stage.AWAITING_DECISION and c.is_open
    assert c.next_deadline.due == D(2026, 2, 16)
    assert (c.decision_on_time, c.final_on_time, c.has_exception) == (None, None, False)


def test_a_decision_made_late_is_flagged_and_the_next_step_is_the_issue_decision():
    facts = CaseFacts(start=START, decision=Decision.ASSESS, decision_notified=D(2026, 2, 17))
    c = clock(facts, today=D(2026, 3, 1))
    assert c.decision_on_time is False
    assert c.stage is Stage.ASSESSING and c.next_deadline.step is t.Step.DECIDE_NOT_TO_ISSUE
    assert c.next_deadline.due == D(2026, 4, 27)


def test_an_undecided_request_past_six_weeks_is_late_before_anything_happens():
    assert clock(CaseFacts(start=START), today=D(2026, 2, 17)).decision_on_time is False
    assert clock(CaseFacts(start=START), today=D(2026, 2, 16)).decision_on_time is None


def test_a_draft_opens_the_fifteen_day_window_and_the_final_plan_is_next():
    facts = CaseFacts(
        start=START, decision=Decision.ASSESS, decision_notified=D(2026, 2, 10), draft_issued=D(2026, 4, 20)
    )
    c = clock(facts, today=D(2026, 4, 21))
    assert c.draft_response.due == D(2026, 5, 4)
    assert c.stage is Stage.DRAFT_ISSUED and c.next_deadline.due == D(2026, 5, 25)


def test_a_final_plan_on_the_last_day_is_on_time_and_one_day_later_is_not():
    base = dict(
        start=START, decision=Decision.ASSESS, decision_notified=D(2026, 2, 1), draft_issued=D(2026, 4, 1)
    )
    assert clock(CaseFacts(**base, final_issued=D(2026, 5, 25)), D(2026, 6, 1)).final_on_time is True
    late = clock(CaseFacts(**base, final_issued=D(2026, 5, 26)), D(2026, 6, 1))
    assert late.final_on_time is False and late.stage is Stage.FINAL_ISSUED and late.next_deadline is None


def test_a_refusal_or_a_decision_not_to_issue_leaves_the_final_plan_flag_empty():
    refused = clock(
        CaseFacts(start=START, decision=Decision.REFUSE, decision_notified=D(2026, 2, 1)), D(2027, 1, 1)
    )
    assert (
        refused.stage is Stage.REFUSED and refused.final_on_time is None and refused.decision_on_time is True
    )
    no_plan = CaseFacts(
        start=START,
        decision=Decision.ASSESS,
        decision_notified=D(2026, 2, 1),
        not_to_issue_notified=D(2026, 4, 20),
    )
    assert clock(no_plan, D(2027, 1, 1)).final_on_time is None


def test_a_request_withdrawn_before_a_deadline_is_neither_on_time_nor_late_for_it():
    c = clock(CaseFacts(start=START, withdrawn=D(2026, 1, 30)), D(2026, 12, 1))
    assert c.stage is Stage.WITHDRAWN and not c.is_open
    assert (c.decision_on_time, c.final_on_time) == (None, None)
    late_then_withdrawn = clock(CaseFacts(start=START, withdrawn=D(2026, 3, 1)), D(2026, 12, 1))
    assert late_then_withdrawn.decision_on_time is False


def test_a_reassessment_runs_on_the_fourteen_week_clock():
    c = clock(CaseFacts(start=START, reassessment=True), D(2026, 1, 6))
    assert c.stage is Stage.ASSESSING and c.next_deadline.due == D(2026, 4, 13)
    assert c.decision_on_time is None


def test_a_lawful_exception_in_the_window_sets_the_week20_flag():
    excused = t.ClaimedException(t.ExceptionReason.ABSENT_4WK, D(2026, 3, 1), D(2026, 4, 15))
    advice_only = t.ClaimedException(t.ExceptionReason.MISSED_APPT, D(2026, 3, 1), D(2026, 3, 1))
    assert clock(CaseFacts(start=START, exceptions=(excused,)), D(2026, 3, 2)).has_exception
    assert not clock(CaseFacts(start=START, exceptions=(advice_only,)), D(2026, 3, 2)).has_exception


@pytest.mark.parametrize(
    ("facts", "words"),
    [
        (CaseFacts(start=START, decision=Decision.ASSESS, final_issued=D(2025, 12, 1)), "before the request"),
        (
            CaseFacts(start=START, decision=Decision.REFUSE, final_issued=D(2026, 5, 1)),
            "decided not to assess",
        ),
        (
            CaseFacts(
                start=START, decision=Decision.ASSESS, draft_issued=D(2026, 5, 1), final_issued=D(2026, 4, 1)
            ),
            "before draft_issued",
        ),
        (
            CaseFacts(
                start=START,
                decision=Decision.ASSESS,
                not_to_issue_notified=D(2026, 4, 1),
                final_issued=D(2026, 5, 1),
            ),
            "both issue a plan and decide not to",
        ),
        (CaseFacts(start=START, final_issued=D(2026, 5, 1)), "no decision to assess"),
        (
            CaseFacts(
                start=START,
                decision=Decision.ASSESS,
                decision_notified=D(2026, 3, 1),
                draft_issued=D(2026, 2, 1),
            ),
            "before the decision was notified",
        ),
        (
            CaseFacts(
                start=START,
                exceptions=(
                    t.ClaimedException(t.ExceptionReason.PERSONAL_CIRCS, D(2026, 3, 1), D(2026, 2, 1)),
                ),
            ),
            "ends",
        ),
    ],
)
def test_impossible_dates_are_reported(facts, words):
    assert any(words in problem for problem in problems(facts))


def test_a_coherent_case_has_no_problems():
    facts = CaseFacts(
        start=START,
        decision=Decision.ASSESS,
        decision_notified=D(2026, 2, 1),
        draft_issued=D(2026, 4, 1),
        final_issued=D(2026, 5, 1),
    )
    assert problems(facts) == []


def test_the_twenty_week_measure_is_published_with_and_without_exceptions():
    exc = (t.ClaimedException(t.ExceptionReason.PERSONAL_CIRCS, D(2026, 2, 1), D(2026, 3, 1)),)
    base = dict(decision=Decision.ASSESS)
    cases = [
        CaseFacts(start=START, final_issued=D(2026, 5, 20), **base),  # on time
        CaseFacts(start=START, final_issued=D(2026, 7, 1), **base),  # late
        CaseFacts(start=START, final_issued=D(2026, 8, 1), exceptions=exc, **base),  # late, excused
        CaseFacts(start=D(2025, 6, 2), final_issued=D(2025, 10, 1), **base),  # issued another year
        CaseFacts(start=START, decision=Decision.REFUSE),
    ]
    m = twenty_week_measure(cases, 2026)
    assert (m.issued, m.within_20_weeks) == (3, 1)
    assert (m.issued_excluding_exceptions, m.within_20_weeks_excluding_exceptions) == (2, 1)
    assert m.percent_excluding_exceptions == 50.0
    assert round(m.percent_including_exceptions, 1) == 33.3


@given(st.dates(D(2015, 1, 1), D(2035, 12, 31)), st.integers(0, 400), st.integers(0, 400))
def test_the_next_deadline_never_falls_before_the_request(start, a, b):
    facts = CaseFacts(start=start, decision=Decision.ASSESS, decision_notified=start + timedelta(days=a))
    c = clock(facts, start + timedelta(days=a + b))
    assert c.next_deadline is None or c.next_deadline.due > start
    assert c.decision_on_time is (a <= 42)


def test_the_six_week_measure_counts_decisions_notified_in_the_year():
    cases = [
        CaseFacts(start=START, decision=Decision.ASSESS, decision_notified=D(2026, 2, 16)),  # on the due date
        CaseFacts(start=START, decision=Decision.REFUSE, decision_notified=D(2026, 2, 17)),  # a day late
        CaseFacts(start=D(2025, 11, 3), decision=Decision.ASSESS, decision_notified=D(2025, 12, 1)),  # 2025
        CaseFacts(start=START),  # undecided
    ]
    m = decision_measure(cases, 2026)
    assert (m.decided, m.within_6_weeks, m.percent) == (2, 1, 50.0)


def test_the_twenty_week_measure_over_a_rolling_year_counts_plans_issued_in_that_span():
    from tellonce.domain.assessment import CaseFacts, twenty_week_measure, twenty_week_measure_between

    cases = [
        CaseFacts(start=date(2025, 3, 3), final_issued=date(2025, 7, 1)),  # on time, last year
        CaseFacts(start=date(2025, 9, 1), final_issued=date(2026, 3, 2)),  # late, this year
        CaseFacts(start=date(2026, 1, 5), final_issued=date(2026, 5, 1)),  # on time, this year
    ]
    rolling = twenty_week_measure_between(cases, date(2025, 6, 1), date(2026, 5, 31))
    assert (rolling.issued, rolling.within_20_weeks, rolling.year) == (3, 2, 2026)
    assert twenty_week_measure_between(cases, date(2026, 1, 1), date(2026, 12, 31)) == twenty_week_measure(
        cases, 2026
    )
