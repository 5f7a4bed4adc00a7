"""The DfE headline measures from the return's records, on the same due dates as every page."""

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain import timescales as t
from tellonce.domain.assessment import CaseFacts, Decision, decision_measure, twenty_week_measure
from tellonce.domain.sen2 import records as r
from tellonce.domain.sen2.census import collection
from tellonce.domain.sen2.headline import KEYS, Figure, headline
from tellonce.domain.sen2.scope import PlanFacts, RequestFacts, needs_of, request_record

D = date
C2026 = collection(2026)


def person(*requests: r.Request) -> r.Person:
    return r.Person("Smith", "Ava", D(2015, 3, 1), "F", "WBRI", upn="A123456789012", requests=requests)


def issued(start: date, final: date, *, week20: bool = False) -> r.Request:
    return r.Request(
        "Y",
        received_date=start,
        source_code="1",
        outcome_date=start + timedelta(weeks=5),
        assessment=r.Assessment("Y", final, week20=week20, plan=r.NamedPlan(final)),
    )


def test_the_measures_have_the_agreed_keys():
    assert tuple(headline([], year=2025)) == KEYS


def test_a_decision_on_its_six_week_due_date_is_on_time_and_a_day_later_is_not():
    due = t.decision_due(D(2025, 3, 3)).due
    on_time = r.Request("N", received_date=D(2025, 3, 3), outcome_date=due)
    late = replace(on_time, outcome_date=due + timedelta(days=1))
    other_year = replace(on_time, received_date=D(2024, 3, 3), outcome_date=D(2024, 4, 1))
    figures = headline([person(on_time, late, other_year)], year=2025)
    assert figures["requests_decided_in_6_weeks"] == Figure(1, 2)


def test_the_twenty_week_measure_counts_with_and_without_exceptions():
    start = D(2025, 1, 6)
    due = t.final_plan_due(start).due
    plans = [
        issued(start, due),
        issued(start, due + timedelta(days=1)),
        issued(start, due + timedelta(days=30), week20=True),
    ]
    figures = headline([person(*plans)], year=2025)
    assert figures["plans_in_20_weeks_including_exceptions"] == Figure(1, 3)
    assert figures["plans_in_20_weeks_excluding_exceptions"] == Figure(1, 2)


def test_review_decisions_within_four_weeks_of_the_meeting():
    meeting = D(2025, 5, 1)
    on_time = r.Request(
        "H", active_plans=r.ActivePlans(review_meeting=meeting, last_review=meeting + timedelta(weeks=4))
    )
    late = r.Request(
        "H", active_plans=r.ActivePlans(review_meeting=meeting, last_review=meeting + timedelta(weeks=5))
    )
    undecided = r.Request("H", active_plans=r.ActivePlans(review_meeting=meeting))
    figures = headline([person(on_time, late, undecided)], year=2025)
    assert figures["review_decisions_in_4_weeks"] == Figure(1, 2)


def test_plans_ceased_in_the_year_are_counted_by_reason():
    def ceased(on: date, reason: str) -> r.Request:
        return r.Request(
            "H",
            assessment=r.Assessment("H", plan=r.NamedPlan(D(2019, 1, 1), cease_date=on, cease_reason=reason)),
        )

    figures = headline(
        [
            person(
                ceased(D(2025, 7, 31), "3"),
                ceased(D(2025, 8, 1), "3"),
                ceased(D(2025, 2, 1), "5"),
                ceased(D(2024, 2, 1), "5"),
            )
        ],
        year=2025,
    )
    assert figures["ceased_by_reason"] == {"3": 2, "5": 1}


cases = st.builds(
    lambda start, decide, issue, exception: CaseFacts(
        start=start,
        decision=Decision.ASSESS,
        decision_notified=start + timedelta(days=decide),
        final_issued=start + timedelta(days=decide + issue),
        exceptions=(t.ClaimedException(t.ExceptionReason.PERSONAL_CIRCS, start, start + timedelta(days=40)),)
        if exception
        else (),
    ),
    st.dates(D(2024, 6, 1), D(2025, 10, 1)),
    st.integers(1, 70),
    st.integers(1, 150),
    st.booleans(),
)


@given(st.lists(cases, max_size=12))
def test_the_return_gives_the_same_figures_as_the_assessment_pages_measures(facts):
    """One definition: the figures from the return equal domain.assessment's measures over the same cases."""
    requests = [
        request_record(
            RequestFacts(case, source_code="1", plan=PlanFacts(started=case.final_issued)),
            needs_of("ASD", ""),
            C2026,
        )
        for case in facts
    ]
    figures = headline([person(*requests)], year=2025)
    twenty = twenty_week_measure([c for c in facts if c.final_issued <= C2026.reference_date], 2025)
    decisions = decision_measure(facts, 2025)
    assert figures["plans_in_20_weeks_including_exceptions"] == Figure(twenty.within_20_weeks, twenty.issued)
    assert figures["plans_in_20_weeks_excluding_exceptions"] == Figure(
        twenty.within_20_weeks_excluding_exceptions, twenty.issued_excluding_exceptions
    )
    assert figures["requests_decided_in_6_weeks"] == Figure(decisions.within_6_weeks, decisions.decided)
