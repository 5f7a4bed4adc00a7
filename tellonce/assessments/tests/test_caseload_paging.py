"""The caseload pages count, filter, sort and page in SQL from each case's kept next step
(ADR 0077): 50 rows a page, soonest deadline first, and the same number of queries however many
cases there are."""

from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tellonce.assessments import services, stored
from tellonce.assessments.models import AssessmentRequest
from tellonce.conftest import acting
from tellonce.people.tests.factories import ChildFactory

TODAY = date(2026, 11, 22)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


def _cases(area, n: int, *, first: int = 0) -> list[AssessmentRequest]:
    """`n` requests received a day apart, each for a child of the coordinator's caseload."""
    made = []
    for i in range(first, first + n):
        child = ChildFactory(
            local_authority=area.child.local_authority, coordinator=area.users["coordinator"]
        )
        made.append(
            services.record_request(
                child,
                by=acting(area.users["coordinator"]),
                received_on=TODAY - timedelta(days=i),
                requested_by="parent",
                today=TODAY,
            )
        )
    return made


def _refs_in(page: str, cases) -> list[str]:
    found = sorted((page.index(case.ref), case.ref) for case in cases if case.ref in page)
    return [ref for _, ref in found]


def test_the_caseload_shows_50_cases_a_page_soonest_deadline_first(client, area):
    cases = _cases(area, 60)
    client.force_login(area.users["manager"])
    first = client.get("/caseload/").content.decode()
    second = client.get("/caseload/?page=2").content.decode()
    soonest_first = [c.ref for c in sorted(cases, key=lambda c: (c.next_step_due, c.ref))]
    assert _refs_in(first, cases) == soonest_first[:50]
    assert _refs_in(second, cases) == soonest_first[50:]
    assert "60 open cases" in first and "govuk-pagination" in first


def test_the_caseload_counts_and_filters_by_status_and_stage_in_the_database(client, area):
    cases = _cases(area, 60)  # due 42 working days after receipt: the oldest are overdue
    overdue = [c for c in cases if c.next_step_due < TODAY]
    soon = [c for c in cases if TODAY <= c.next_step_due <= TODAY + timedelta(days=14)]
    assert overdue and soon
    services.decide_to_assess(
        cases[0], by=acting(area.users["coordinator"]), notified_on=TODAY, expected_version=1, today=TODAY
    )
    cases[0].refresh_from_db()
    assert cases[0].stage == "assessing" and cases[0].next_step_due > TODAY
    client.force_login(area.users["manager"])
    page = client.get("/caseload/").content.decode()
    still_overdue = [c for c in overdue if c != cases[0]]
    assert f"<strong>{len(still_overdue)}</strong> overdue" in page
    late = client.get("/caseload/overdue/").content.decode()
    assert len(still_overdue) <= 50
    assert _refs_in(late, cases) == [
        c.ref for c in sorted(still_overdue, key=lambda c: (c.next_step_due, c.ref))
    ]
    assessing = client.get("/caseload/", {"stage": "assessing"}).content.decode()
    assert _refs_in(assessing, cases) == [cases[0].ref]
    due_soon = client.get("/caseload/", {"status": "due_soon"}).content.decode()
    assert set(_refs_in(due_soon, cases)) == {c.ref for c in soon if c != cases[0]}


def test_the_caseload_asks_the_same_number_of_queries_for_3_or_60_cases(client, area):
    _cases(area, 3)
    client.force_login(area.users["manager"])
    client.get("/caseload/")  # the first request of a session reads what later ones have cached
    with CaptureQueriesContext(connection) as few:
        assert client.get("/caseload/").status_code == 200
    _cases(area, 57, first=3)
    with CaptureQueriesContext(connection) as many:
        page = client.get("/caseload/")
    assert "60 open cases" in page.content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_write_that_bypasses_the_services_is_put_right_by_the_rebuild(area):
    (case,) = _cases(area, 1)
    AssessmentRequest.objects.filter(pk=case.pk).update(stage="", next_step="", next_step_due=None)
    assert stored.rebuild() == 1
    case.refresh_from_db()
    assert case.stage == "awaiting_decision" and case.next_step_due == case.clock(TODAY).decision.due
