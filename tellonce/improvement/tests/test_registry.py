"""Live measures: a later module registers its own and a priority cites it with no change to the
improvement app; the existing 20-week and advice measures are registered and give values."""

from datetime import date, timedelta

import pytest

from tellonce.assessments import services as case_services
from tellonce.conftest import acting
from tellonce.improvement import registry, services
from tellonce.improvement.models import ImprovementPlan, PriorityMeasure
from tellonce.improvement.presenters import measure_view

TODAY = date(2026, 11, 20)


@pytest.fixture(autouse=True)
def registered_measures_are_put_back():
    before = dict(registry._MEASURES)
    yield
    registry._MEASURES.clear()
    registry._MEASURES.update(before)


def test_the_existing_measures_are_registered_when_django_starts():
    keys = {m.key for m in registry.all_measures()}
    assert {
        "assessments.plans_within_20_weeks",
        "advice.within_6_weeks",
        "advice.health_within_6_weeks",
    } <= keys


def test_a_key_cannot_be_taken_by_a_different_measure():
    first = registry.Measure("test.same", "Same", "%", lambda la, day: 1.0)
    registry.register(first)
    registry.register(first)
    with pytest.raises(ValueError, match="already registered"):
        registry.register(registry.Measure("test.same", "Other", "%", lambda la, day: 2.0))


@pytest.mark.django_db
def test_a_later_modules_measure_attaches_to_a_priority_and_shows_its_value_and_trend(area):
    registry.register(
        registry.Measure(
            "reviews.on_time",
            "Annual reviews held on time",
            "%",
            lambda la, day: 40.0 + (day - date(2026, 1, 1)).days / 10,
            source="A later module",
        )
    )
    plan = ImprovementPlan.objects.create(local_authority=area.child.local_authority, title="Plan")
    priority = services.add_priority(plan, by=None, title="Reviews are late")
    link = services.cite_measure(priority, by=None, key="reviews.on_time", target=90)
    view = measure_view(link, plan.local_authority_id, TODAY)
    assert view.current == f"{40.0 + (TODAY - date(2026, 1, 1)).days / 10:.1f}%" and view.target == "90.0%"
    assert (
        view.direction == "Improving" and len(view.points) == 7 and view.points[-1][0] == "20 November 2026"
    )


@pytest.mark.django_db
def test_a_measure_no_longer_registered_is_shown_as_unavailable(area):
    plan = ImprovementPlan.objects.create(local_authority=area.child.local_authority, title="Plan")
    priority = services.add_priority(plan, by=None, title="Something")
    view = measure_view(
        PriorityMeasure.objects.create(priority=priority, key="gone.away"), plan.local_authority_id, TODAY
    )
    assert view.current == "No longer available"


@pytest.mark.django_db
def test_the_twenty_week_measure_counts_the_councils_plans_in_the_year_to_the_date(area):
    by = area.users["coordinator"]
    received = TODAY - timedelta(weeks=30)
    case = case_services.record_request(
        area.child, by=acting(by), received_on=received, requested_by="parent", today=TODAY
    )
    case_services.decide_to_assess(
        case, by=acting(by), notified_on=received + timedelta(weeks=5), expected_version=1, today=TODAY
    )
    case_services.issue_draft_plan(
        case, by=acting(by), served_on=received + timedelta(weeks=14), expected_version=2, today=TODAY
    )
    case_services.issue_final_plan(
        case, by=acting(by), issued_on=received + timedelta(weeks=19), expected_version=3, today=TODAY
    )
    measure = registry.get("assessments.plans_within_20_weeks")
    la = area.child.local_authority_id
    assert measure.value(la, TODAY) == 100.0
    assert measure.values(la, [received, TODAY]) == [None, 100.0]
    assert registry.get("advice.within_6_weeks").value(la, TODAY) is None
