"""The assessment timeliness measures counted in one SQL query (ADR 0078) give the figures the
domain rules give (decision_measure and twenty_week_measure over every case's facts), on a demo
area and on cases built at the edges: the last day and the day after, the turn of the year,
exceptions to the timescale of every reason (COVID's own period, an exception ending before the
request, one starting after the deadline, one still going on), withdrawn and re-assessment cases,
and a case of another council; and the page asks the same number of queries however many cases."""

import itertools
from datetime import date, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tellonce.accounts.models import User
from tellonce.assessments import measures
from tellonce.assessments.models import AssessmentRequest, Kind, TimescaleException
from tellonce.domain import timescales
from tellonce.organisations.tests.factories import LocalAuthorityFactory
from tellonce.people.tests.factories import ChildFactory

TODAY = date(2026, 11, 22)
_refs = itertools.count()


@pytest.mark.django_db
def test_the_sql_measures_give_the_rules_figures_over_a_demo_area():
    call_command("demo", children=2000, seed=1, today=TODAY, stdout=StringIO())
    council = User.objects.get(username="manager").local_authority_id
    for today, years in ((TODAY, 5), (TODAY, 12), (date(2023, 6, 30), 3)):
        in_sql = measures.by_year(council, today=today, years=years)
        assert in_sql == measures.by_year_by_rules(council, today=today, years=years)
    assert sum(plans.issued for _, _, plans in in_sql) > 50
    assert sum(d.decided for _, d, _ in measures.by_year(council, today=TODAY, years=5)) > 100
    assert TimescaleException.objects.exists()


def _case(child, received, *, final=None, notified=None, exceptions=(), **more):
    case = AssessmentRequest.objects.create(
        ref=f"EDGE-{next(_refs)}",
        child=child,
        requested_by="parent",
        received_on=received,
        decision="assess" if notified else "",
        decision_notified_on=notified,
        final_issued_on=final,
        **more,
    )
    for reason, starts, ends in exceptions:
        TimescaleException.objects.create(assessment=case, reason=reason, starts_on=starts, ends_on=ends)
    return case


@pytest.mark.django_db
def test_the_sql_measures_give_the_rules_figures_at_the_edges(area):
    child, R = area.child, timescales.ExceptionReason
    start = date(2024, 6, 3)
    due, decision_due = start + timedelta(weeks=20), start + timedelta(weeks=6)
    _case(child, start, final=due, notified=decision_due)  # both on the last day
    _case(child, start, final=due + timedelta(days=1), notified=decision_due + timedelta(days=1))
    _case(
        child, date(2025, 8, 8), final=date(2025, 12, 31), notified=date(2025, 9, 19)
    )  # the turn of the year
    _case(child, date(2025, 8, 22), final=date(2026, 1, 1), notified=date(2025, 10, 3))
    for reason in R:  # each reason, inside the clock
        _case(
            child,
            start,
            final=due + timedelta(days=9),
            exceptions=[(reason, start, start + timedelta(weeks=5))],
        )
    _case(
        child,
        start,
        final=due + timedelta(days=3),
        exceptions=[(R.ABSENT_4WK, date(2024, 1, 1), start - timedelta(days=1))],
    )
    _case(
        child,
        start,
        final=due + timedelta(days=3),
        exceptions=[(R.PERSONAL_CIRCS, due + timedelta(days=1), None)],
    )
    _case(child, start, final=due + timedelta(days=3), exceptions=[(R.SCHOOL_CLOSURE, due, None)])
    _case(child, start, final=due, exceptions=[(R.EY_CLOSURE, start - timedelta(days=1), start)])
    covid = date(2020, 3, 2)
    _case(child, covid, final=date(2020, 8, 1), exceptions=[(R.COVID, date(2020, 3, 10), None)])  # clamped in
    _case(
        child,
        date(2019, 10, 1),
        final=date(2020, 4, 20),
        exceptions=[(R.COVID, date(2019, 12, 1), date(2020, 4, 30))],
    )
    _case(child, date(2020, 9, 26), final=date(2021, 3, 1), exceptions=[(R.COVID, date(2020, 9, 1), None)])
    _case(child, start, final=due, notified=decision_due, kind=Kind.REASSESSMENT)  # never counted
    _case(child, start, notified=decision_due, withdrawn_on=due - timedelta(days=30))  # withdrawn, decided
    _case(child, start, withdrawn_on=start + timedelta(days=5))
    _case(child, TODAY - timedelta(weeks=3))  # not yet due
    _case(
        child, TODAY - timedelta(weeks=30), notified=TODAY - timedelta(weeks=20)
    )  # decided late, no plan yet
    elsewhere = ChildFactory(local_authority=LocalAuthorityFactory(code="998", name="Southmoor Council"))
    _case(elsewhere, start, final=due, notified=decision_due)
    council = area.child.local_authority_id
    for today, years in ((TODAY, 5), (date(2021, 12, 31), 3), (date(2024, 12, 31), 1)):
        in_sql = measures.by_year(council, today=today, years=years)
        assert in_sql == measures.by_year_by_rules(council, today=today, years=years)
    (_, _, in_2021), (_, _, in_2020), _ = measures.by_year(council, today=date(2021, 12, 31), years=3)
    assert (in_2020.issued, in_2020.issued_excluding_exceptions) == (2, 1)  # COVID only from 1 May
    assert (in_2021.issued, in_2021.issued_excluding_exceptions) == (1, 1)
    ((_, _, in_2024),) = measures.by_year(council, today=date(2024, 12, 31), years=1)
    # Four reasons apply to the 20-week deadline (not a missed appointment, nor COVID in 2024), a
    # closure from the last day, and one ending on the first day.
    assert in_2024.issued - in_2024.issued_excluding_exceptions == 4 + 2


@pytest.mark.django_db
def test_the_timeliness_page_asks_the_same_number_of_queries_for_3_or_60_cases(area, client):
    def add(n):
        for k in range(n):
            received = date(2023, 1, 2) + timedelta(days=13 * k)
            _case(
                area.child,
                received,
                final=received + timedelta(weeks=19),
                notified=received + timedelta(weeks=7),
            )

    add(3)
    client.force_login(area.users["analyst"])
    with time_machine.travel(TODAY, tick=False):
        client.get("/assessments/timeliness/")
        with CaptureQueriesContext(connection) as few:
            assert client.get("/assessments/timeliness/").status_code == 200
        add(57)
        with CaptureQueriesContext(connection) as many:
            page = client.get("/assessments/timeliness/")
    assert page.status_code == 200 and "2023" in page.content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)
