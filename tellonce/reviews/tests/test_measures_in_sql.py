"""Review timeliness counted in one SQL query (ADR 0078) gives the figures the domain rules give
(timeliness_by_rules: every count by month and by coordinator, and the attendance by agency), on a
demo area and on reviews built at the edges: 29 February, the last day of the 12 months and the
day after, two decisions on one day, a plan whose first issued version has no date, amendments
written in Tellonce (issued, still being written) or imported, an amended plan not yet due, a
review with no meeting, a plan of another council and a review just outside the two years; and the
page asks the same number of queries however many reviews there are."""

import itertools
from datetime import date, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tellonce.accounts.models import User
from tellonce.organisations.tests.factories import LocalAuthorityFactory
from tellonce.people.tests.factories import ChildFactory
from tellonce.plans.models import Kind, Plan, PlanVersion, Status
from tellonce.reviews import measures
from tellonce.reviews.models import AnnualReview

TODAY = date(2026, 11, 22)
_refs = itertools.count()


@pytest.mark.django_db
def test_the_sql_measure_gives_the_rules_figures_over_a_demo_area():
    call_command("demo", children=2000, seed=1, today=TODAY, stdout=StringIO())
    council = User.objects.get(username="manager").local_authority_id
    for today in (TODAY, TODAY - timedelta(days=200), date(2025, 2, 28)):
        groups, invited, present = measures.timeliness(council, today)
        assert (groups, invited, present) == measures.timeliness_by_rules(council, today)
    months = groups["month"].values()
    assert sum(c["reviews"] for c in months) > 100
    assert all(sum(c[name] for c in months) for name in ("in_time", "decided_on_time", "amended_on_time"))
    assert len(groups["coordinator"]) > 2 and invited


def _plan(child, *issued, coordinator=None):
    plan = Plan.objects.create(ref=f"EDGE-{next(_refs)}", child=child, coordinator=coordinator)
    for number, on in enumerate(issued, start=1):
        PlanVersion.objects.create(
            plan=plan,
            number=number,
            kind=Kind.FINAL if number == 1 else Kind.AMENDED,
            status=Status.ISSUED,
            issued_on=on,
        )
    return plan


def _review(plan, notified, *, meeting=None, decision="maintain", **more):
    return AnnualReview.objects.create(
        plan=plan,
        coordinator=plan.coordinator,
        meeting_on=meeting,
        decision=decision,
        decision_notified_on=notified,
        **more,
    )


@pytest.mark.django_db
def test_the_sql_measure_gives_the_rules_figures_at_the_edges(area):
    council, coordinator = area.child.local_authority, area.users["coordinator"]

    def child():
        return ChildFactory(local_authority=council, setting=area.child.setting)

    leap = _plan(child(), date(2024, 2, 29), coordinator=coordinator)
    _review(leap, date(2025, 2, 28), meeting=date(2025, 2, 1))  # 29 February's year ends on the 28th
    _review(leap, date(2026, 3, 1), meeting=date(2026, 2, 1))  # a day late
    late = _plan(child(), date(2024, 3, 31), coordinator=area.users["other coordinator"])
    _review(late, date(2025, 3, 31), meeting=date(2025, 3, 2))  # the last day; decision 4 weeks and a day
    _review(late, date(2025, 3, 31), meeting=date(2025, 3, 10))  # the same day again
    _review(late, date(2026, 4, 1), meeting=date(2026, 3, 20))
    undated = _plan(child(), None, coordinator=coordinator)
    _review(undated, date(2025, 6, 2), meeting=date(2025, 5, 20))
    _review(_plan(child(), date(2024, 9, 1)), date(2025, 8, 20))  # no meeting recorded, no coordinator
    written = _plan(child(), date(2024, 10, 1), coordinator=coordinator)
    proposed = PlanVersion.objects.create(
        plan=written,
        number=2,
        kind=Kind.PROPOSED_AMENDMENT,
        status=Status.SERVED,
        served_on=date(2025, 9, 20),
    )
    PlanVersion.objects.create(
        plan=written,
        number=3,
        kind=Kind.AMENDED,
        status=Status.ISSUED,
        based_on=proposed,
        issued_on=date(2025, 11, 15),
    )
    _review(
        written, date(2025, 9, 19), meeting=date(2025, 9, 1), decision="amend", amendment_version=proposed
    )
    drafting = _plan(child(), date(2024, 10, 1), coordinator=coordinator)
    working = PlanVersion.objects.create(
        plan=drafting, number=2, kind=Kind.PROPOSED_AMENDMENT, status=Status.WORKING
    )
    _review(
        drafting,
        date(2025, 9, 19),
        meeting=date(2025, 9, 1),
        decision="amend",
        amendment_version=working,
        imported_amendment_notice_on=date(2025, 9, 25),
    )
    imported = _plan(child(), date(2025, 1, 10), coordinator=coordinator)
    _review(
        imported,
        date(2026, 1, 9),
        meeting=date(2025, 12, 12),
        decision="amend",
        imported_amendment_notice_on=date(2026, 1, 12),
        imported_amended_final_on=date(2026, 3, 6),  # 12 weeks from the meeting
    )
    not_yet = _plan(child(), date(2025, 11, 1), coordinator=coordinator)
    _review(not_yet, TODAY - timedelta(days=10), meeting=TODAY - timedelta(days=30), decision="amend")
    _review(not_yet, TODAY - timedelta(days=3 * 365), meeting=TODAY - timedelta(days=3 * 365 + 20))  # too old
    elsewhere = ChildFactory(local_authority=LocalAuthorityFactory(code="998", name="Southmoor Council"))
    _review(_plan(elsewhere, date(2024, 1, 5)), date(2025, 1, 4), meeting=date(2024, 12, 20))
    for today in (date(2026, 1, 10), date(2026, 3, 8), TODAY):
        found = measures.timeliness(council.pk, today)
        assert found == measures.timeliness_by_rules(council.pk, today)
    months = found[0]["month"]
    assert months["2025-02"]["in_time"] == 1 and months["2026-03"]["in_time"] == 0
    assert months["2025-03"]["reviews"] == 2 and months["2025-03"]["in_time"] == 2
    assert months["2025-03"]["decided"] == 2 and months["2025-03"]["decided_on_time"] == 1
    assert months["2025-06"]["in_time"] == 0  # the plan's first issue has no date
    assert months["2025-08"]["decided"] == 0 and "Not allocated" in found[0]["coordinator"]
    assert months["2025-09"]["amended"] == 2 and months["2025-09"]["amended_on_time"] == 1
    assert months["2026-01"]["amended_on_time"] == 1
    assert months[f"{TODAY - timedelta(days=10):%Y-%m}"]["amended"] == 0  # not yet due


@pytest.mark.django_db
def test_the_timeliness_page_asks_the_same_number_of_queries_for_3_or_60_reviews(area, client):
    def add(n):
        for k in range(n):
            plan = _plan(
                ChildFactory(local_authority=area.child.local_authority), date(2024, 1, 1) + timedelta(days=k)
            )
            _review(
                plan,
                date(2025, 1, 1) + timedelta(days=5 * k),
                meeting=date(2024, 12, 10) + timedelta(days=5 * k),
            )

    add(3)
    client.force_login(area.users["manager"])
    with time_machine.travel(TODAY, tick=False):
        client.get("/reviews/timeliness/")
        with CaptureQueriesContext(connection) as few:
            assert client.get("/reviews/timeliness/").status_code == 200
        add(57)
        with CaptureQueriesContext(connection) as many:
            page = client.get("/reviews/timeliness/")
    assert page.status_code == 200 and "2025-" in page.content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)
