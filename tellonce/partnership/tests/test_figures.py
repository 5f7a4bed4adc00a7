"""The dashboard's figures counted from records built by hand, the expected numbers worked out by
hand from the dates (6 weeks, 20 weeks and 4 weeks as the regulations count them)."""

from datetime import date
from itertools import count

import pytest

from tellonce.assessments.models import AssessmentRequest, Kind, TimescaleException
from tellonce.domain.partnership import Figure
from tellonce.organisations.tests.factories import LocalAuthorityFactory
from tellonce.partnership.figures import Window, annual_figures, items
from tellonce.people.tests.factories import ChildFactory
from tellonce.plans.models import Kind as PlanKind
from tellonce.plans.models import Plan, PlanVersion, Status
from tellonce.reviews.models import AnnualReview

pytestmark = pytest.mark.django_db
refs = count(1)


def _case(child, received, *, notified=None, final=None, kind=Kind.INITIAL, exception=None):
    case = AssessmentRequest.objects.create(
        ref=f"R{next(refs)}",
        child=child,
        kind=kind,
        requested_by="parent",
        received_on=received,
        decision="assess" if notified else "",
        decision_notified_on=notified,
        final_issued_on=final,
    )
    if exception:
        TimescaleException.objects.create(
            assessment=case, reason="PERSONAL_CIRCS", starts_on=exception[0], ends_on=exception[1]
        )
    return case


def _plan(child, *, ceased_on=None, reason="", issued=date(2022, 5, 3)):
    """A plan made (its first final version issued) on `issued`."""
    plan = Plan.objects.create(ref=f"P{next(refs)}", child=child, ceased_on=ceased_on, cease_reason=reason)
    PlanVersion.objects.create(
        plan=plan, number=1, kind=PlanKind.FINAL, status=Status.ISSUED, issued_on=issued
    )
    return plan


def _review(plan, meeting, notified):
    return AnnualReview.objects.create(
        plan=plan, meeting_on=meeting, decision="maintain", decision_notified_on=notified
    )


@pytest.fixture
def council():
    la = LocalAuthorityFactory()
    a, b, c, d, e = (ChildFactory(local_authority=la) for _ in range(5))
    # Requests: a decided in 5 weeks, b in 8 weeks, c received in 2024 and decided in 5 weeks in
    # 2025, d decided in 2026, e a reassessment (never counted).
    _case(a, date(2025, 1, 6), notified=date(2025, 2, 10), final=date(2025, 5, 19))  # plan in 19 weeks
    _case(
        b,
        date(2025, 1, 6),
        notified=date(2025, 3, 3),
        final=date(2025, 9, 1),  # 34 weeks, with a lawful exception on the way
        exception=(date(2025, 3, 10), date(2025, 4, 10)),
    )
    _case(c, date(2024, 12, 2), notified=date(2025, 1, 6), final=date(2025, 6, 30))  # 30 weeks
    _case(d, date(2025, 11, 3), notified=date(2026, 1, 5))
    _case(e, date(2025, 2, 3), notified=date(2025, 2, 10), final=date(2025, 3, 3), kind=Kind.REASSESSMENT)
    _case(a, date(2024, 6, 3), notified=date(2024, 7, 1), final=date(2024, 10, 1))  # all in 2024
    # Reviews: one decided in 3 weeks, one in 6 weeks, one in 2024.
    plan_a, plan_b = _plan(a), _plan(b)
    _review(plan_a, date(2025, 3, 3), date(2025, 3, 24))
    _review(plan_b, date(2025, 3, 3), date(2025, 4, 14))
    _review(plan_a, date(2024, 12, 2), date(2024, 12, 20))
    # Ceased: two moved to another council, one at the maximum age, one with no reason, one in 2024.
    _plan(c, ceased_on=date(2025, 7, 31), reason="1")
    _plan(c, ceased_on=date(2025, 8, 15), reason="5")
    _plan(d, ceased_on=date(2025, 9, 1), reason="5")
    _plan(d, ceased_on=date(2025, 3, 1))
    _plan(e, ceased_on=date(2024, 7, 31), reason="1")
    # Another council's records count for nothing here.
    elsewhere = ChildFactory(local_authority=LocalAuthorityFactory(code="998", name="Southbridge Council"))
    _case(elsewhere, date(2025, 1, 6), notified=date(2025, 1, 13), final=date(2025, 2, 3))
    _plan(elsewhere, ceased_on=date(2025, 5, 1), reason="5")
    return la


def test_the_annual_figures_are_the_dfe_measures_for_the_calendar_year(council):
    figures = annual_figures(council, 2025)
    assert list(figures) == [
        "requests_decided_in_6_weeks",
        "plans_in_20_weeks_including_exceptions",
        "plans_in_20_weeks_excluding_exceptions",
        "review_decisions_in_4_weeks",
        "ceased_by_reason",
    ]
    assert figures["requests_decided_in_6_weeks"] == Figure(2, 3)
    assert figures["plans_in_20_weeks_including_exceptions"] == Figure(1, 3)
    assert figures["plans_in_20_weeks_excluding_exceptions"] == Figure(1, 2)
    assert figures["review_decisions_in_4_weeks"] == Figure(1, 2)
    assert figures["ceased_by_reason"] == {"1": 1, "5": 2, "unknown": 1}


def test_a_year_before_counts_only_its_own_records(council):
    figures = annual_figures(council, 2024)
    assert figures["requests_decided_in_6_weeks"] == Figure(1, 1)
    assert figures["plans_in_20_weeks_including_exceptions"] == Figure(1, 1)
    assert figures["review_decisions_in_4_weeks"] == Figure(1, 1)
    assert figures["ceased_by_reason"] == {"1": 1}


def test_each_item_behind_a_figure_names_its_child_and_month(council):
    window = Window(date(2025, 2, 1), date(2025, 2, 28), today=date(2025, 12, 31))
    found = items(council.pk, window, ["requests_decided_in_6_weeks"])["requests_decided_in_6_weeks"]
    assert len(found) == 1
    day, good, child_id = found[0]
    assert (day, good) == (date(2025, 2, 10), True)
    assert AssessmentRequest.objects.filter(child_id=child_id, received_on=date(2025, 1, 6)).exists()


def test_the_figures_read_a_fixed_number_of_queries_however_many_cases(
    council, django_assert_max_num_queries
):
    with django_assert_max_num_queries(9):
        annual_figures(council, 2025)


def test_the_dashboard_and_the_timeliness_page_give_the_same_yearly_figures(council):
    from tellonce.assessments.measures import by_year

    figures = annual_figures(council, 2025)
    ((year, decisions, plans),) = by_year(council.pk, today=date(2025, 12, 31), years=1)
    assert year == 2025
    assert figures["requests_decided_in_6_weeks"] == Figure(decisions.within_6_weeks, decisions.decided)
    assert figures["plans_in_20_weeks_including_exceptions"] == Figure(plans.within_20_weeks, plans.issued)
    assert figures["plans_in_20_weeks_excluding_exceptions"] == Figure(
        plans.within_20_weeks_excluding_exceptions, plans.issued_excluding_exceptions
    )
