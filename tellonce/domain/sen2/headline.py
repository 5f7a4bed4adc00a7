"""The DfE's headline measures, computed from the return's own records as the DfE computes them.

Source: DfE "Education, health and care plans" methodology (explore-education-statistics),
send-rules.md section 10: requests decided in the calendar year and the share within 6 weeks;
plans issued in the year and the share within 20 weeks, including and excluding the plans with a
20-week exception (Week20 = 1); annual review decisions in the year made within 4 weeks of the
meeting; plans ceased in the year by reason. Due dates come from the same helpers as every
other page (domain.timescales, domain.reviews), so a step done on its due date is on time.
"""

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date

from tellonce.domain import reviews as review_rules
from tellonce.domain import timescales
from tellonce.domain.partnership import Figure
from tellonce.domain.sen2 import records as r

KEYS = (
    "requests_decided_in_6_weeks",
    "plans_in_20_weeks_including_exceptions",
    "plans_in_20_weeks_excluding_exceptions",
    "review_decisions_in_4_weeks",
    "ceased_by_reason",
)


def _timed(done: date | None, due: Callable[[date], date], start: date | None, year: int) -> bool | None:
    """None when the step was not done in `year` (or has no start), else whether it was on time."""
    if done is None or start is None or done.year != year:
        return None
    return done <= due(start)


def _request_decision(request: r.Request, year: int) -> bool | None:
    if request.outcome not in ("Y", "N"):
        return None
    return _timed(request.outcome_date, lambda d: timescales.decision_due(d).due, request.received_date, year)


def _plan_issued(request: r.Request, year: int) -> bool | None:
    assessment = request.assessment
    if assessment is None or assessment.outcome != "Y":
        return None
    return _timed(
        assessment.outcome_date, lambda d: timescales.final_plan_due(d).due, request.received_date, year
    )


def _review_decision(request: r.Request, year: int) -> bool | None:
    active = request.active_plans
    if active is None:
        return None
    return _timed(active.last_review, lambda d: review_rules.decision_due(d).due, active.review_meeting, year)


def headline(persons: Iterable[r.Person], *, year: int) -> dict[str, Figure | dict[str, int]]:
    """The measures for calendar year `year` (the flow year: the 2026 collection reports 2025)."""
    decisions: list[bool] = []
    issued: list[tuple[bool, bool]] = []
    reviews: list[bool] = []
    ceased: Counter[str] = Counter()
    for person in persons:
        for request in person.requests:
            if (decided := _request_decision(request, year)) is not None:
                decisions.append(decided)
            if (on_time := _plan_issued(request, year)) is not None:
                assert request.assessment is not None
                issued.append((on_time, bool(request.assessment.week20)))
            if (reviewed := _review_decision(request, year)) is not None:
                reviews.append(reviewed)
            plan = request.assessment.plan if request.assessment else None
            if plan is not None and plan.cease_date is not None and plan.cease_date.year == year:
                ceased[plan.cease_reason or "unknown"] += 1
    without_exceptions = [on_time for on_time, excepted in issued if not excepted]
    return {
        "requests_decided_in_6_weeks": Figure(sum(decisions), len(decisions)),
        "plans_in_20_weeks_including_exceptions": Figure(sum(t for t, _ in issued), len(issued)),
        "plans_in_20_weeks_excluding_exceptions": Figure(sum(without_exceptions), len(without_exceptions)),
        "review_decisions_in_4_weeks": Figure(sum(reviews), len(reviews)),
        "ceased_by_reason": dict(sorted(ceased.items())),
    }
