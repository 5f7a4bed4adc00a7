"""The advice timeliness measure counted in one SQL query (ADR 0078) gives the figures the domain
rules give (domain.advice.timeliness over advice_facts), for every grouping and filter the page
offers, on a demo area and on requests built at the edges of the 6-week clock; and the page asks
the database the same number of questions however many requests there are. Each comparison runs
the portable form of the query (on SQLite and on PostgreSQL) and PostgreSQL's own form (ADR 0082,
in the PostgreSQL run only)."""

import os
from datetime import date, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tellonce.accounts.models import User
from tellonce.advice import measures
from tellonce.advice.models import HEALTH_SERVICES, AdviceException, AdviceRequest
from tellonce.advice.presenters import LABELS
from tellonce.domain import advice as rules
from tellonce.organisations.tests.factories import LocalAuthorityFactory, TeamFactory
from tellonce.people.tests.factories import ChildFactory

TODAY = date(2026, 11, 22)

FORMS = pytest.mark.parametrize(
    "form",
    [
        "portable",
        pytest.param(
            "postgresql",
            marks=[
                pytest.mark.postgresql,
                pytest.mark.skipif(
                    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
                    reason="PostgreSQL's own form runs in the PostgreSQL run only (scripts/with-postgres)",
                ),
            ],
        ),
    ],
)


def _by_rules(local_authority_id, *, today, group, service="", health_only=False):
    items = measures.advice_facts(local_authority_id, health_only=health_only, service=service)
    total = rules.timeliness(items, today, key=lambda i: "All")
    return rules.timeliness(items, today, key=measures.KEYS[group]), total[0] if total else None


def _same_figures(local_authority_id, *, today, form, **chosen):
    for group in ("provider", "service", "month"):
        in_sql = measures.timeliness_in_sql(local_authority_id, today=today, group=group, form=form, **chosen)
        assert in_sql == _by_rules(local_authority_id, today=today, group=group, **chosen)
    return in_sql


@FORMS
@pytest.mark.django_db
def test_the_sql_measure_gives_the_rules_figures_for_every_grouping_over_a_demo_area(form):
    call_command("demo", children=2000, seed=1, today=TODAY, stdout=StringIO())
    council = User.objects.get(username="manager").local_authority_id
    services = sorted(set(AdviceRequest.objects.values_list("service", flat=True)))
    for today in (TODAY, TODAY - timedelta(days=400), date(2022, 3, 1)):
        groups, total = _same_figures(council, today=today, form=form, health_only=False)
        assert total is not None and total.requests > 100 and total.returned and total.outstanding
        assert len(groups) > 12
        _same_figures(council, today=today, form=form, health_only=True)
        for service in services[:3]:
            _same_figures(council, today=today, form=form, health_only=False, service=service)


def _ask(child, service, requested, received=None, **where):
    return AdviceRequest.objects.create(
        child=child, service=service, requested_on=requested, received_on=received, **where
    )


@FORMS
@pytest.mark.django_db
def test_the_sql_measure_gives_the_rules_figures_at_the_edges_of_the_six_weeks(area, form):
    council = area.child.local_authority
    with_provider = TeamFactory(local_authority=council)
    unnamed = TeamFactory(local_authority=council, provider=None)
    health = sorted(HEALTH_SERVICES)[0]
    _, before = measures.timeliness_in_sql(
        council.pk, today=TODAY, group="month", health_only=False, form=form
    )
    before = before or rules.Timeliness("All", 0, 0, 0, None, 0, 0)
    christmas = date(2025, 12, 25)  # a bank holiday stops no calendar week
    _ask(area.child, health, christmas, christmas + timedelta(weeks=6), team=with_provider)  # on the day
    _ask(
        area.child, health, christmas, christmas + timedelta(weeks=6, days=1), team=with_provider
    )  # a day late
    _ask(area.child, health, date(2026, 2, 28), date(2026, 4, 11), team=unnamed)
    _ask(area.child, "educational_psychology", TODAY - timedelta(weeks=6), team=unnamed)  # due today
    _ask(area.child, "educational_psychology", TODAY - timedelta(weeks=6, days=1))  # overdue, no one named
    _ask(area.child, "educational_psychology", TODAY - timedelta(days=3), TODAY + timedelta(days=1))  # later
    _ask(area.child, "education_setting", TODAY - timedelta(days=50), TODAY, setting=area.child.setting)
    _ask(area.child, "educational_psychology", date(2026, 1, 5), date(2026, 1, 5))  # the same day
    _ask(area.child, health, date(2026, 1, 5), date(2026, 3, 1), purpose="annual_review")  # not counted
    elsewhere = ChildFactory(local_authority=LocalAuthorityFactory(code="998", name="Southmoor Council"))
    _ask(elsewhere, health, date(2026, 1, 5), date(2026, 1, 6))  # another council
    for today in (date(2026, 2, 5), date(2026, 2, 6), TODAY):
        _, total = _same_figures(council.pk, today=today, form=form, health_only=False)
        _same_figures(council.pk, today=today, form=form, health_only=True)
        _same_figures(council.pk, today=today, form=form, health_only=False, service=health)
    added = [
        (after - earlier)
        for after, earlier in (
            (total.requests, before.requests),
            (total.returned, before.returned),
            (total.returned_within_6_weeks, before.returned_within_6_weeks),
            (total.outstanding, before.outstanding),
            (total.overdue, before.overdue),
        )
    ]
    assert added == [8, 5, 3, 3, 1]
    groups, _ = measures.timeliness_in_sql(
        council.pk, today=TODAY, group="provider", health_only=False, form=form
    )
    assert {g.key for g in groups} >= {
        "Education settings",
        "Not recorded",
        with_provider.provider.name,
        unnamed.name,
    }
    assert measures.timeliness_in_sql(0, today=TODAY, group="month", health_only=False, form=form) == (
        [],
        None,
    )


@FORMS
@pytest.mark.django_db
def test_the_sql_measure_gives_the_rules_medians_for_one_two_or_three_returns_and_leap_days(area, form):
    council = area.child.local_authority
    leap = date(2024, 2, 29)
    due = leap + timedelta(weeks=6)
    one = _ask(area.child, "occupational_therapy", leap, due)  # alone: the last day of the clock
    AdviceException.objects.create(advice=one, reason="PERSONAL_CIRCS", starts_on=leap, ends_on=due)
    _ask(area.child, "physiotherapy", leap, leap + timedelta(days=3))  # two returned: the mean of 3 and 8
    _ask(area.child, "physiotherapy", date(2024, 3, 1), date(2024, 3, 9))
    _ask(area.child, "physiotherapy", date(2024, 3, 2), TODAY + timedelta(days=5))  # returned after today
    for days in (2, 10, 43):  # three returned: the middle one, 10
        _ask(
            area.child, "speech_and_language_therapy", date(2024, 1, 10), date(2024, 1, 10) + timedelta(days)
        )
    _ask(area.child, "speech_and_language_therapy", date(2024, 1, 11))  # not returned, overdue
    for today in (due - timedelta(days=1), due, due + timedelta(days=1), TODAY):
        groups, total = _same_figures(council.pk, today=today, form=form, health_only=False)
        _same_figures(council.pk, today=today, form=form, health_only=False, service="physiotherapy")
        _same_figures(council.pk, today=today, form=form, health_only=True, service="occupational_therapy")
    by_service = {
        g.key: g
        for g in measures.timeliness_in_sql(
            council.pk, today=TODAY, group="service", health_only=False, form=form
        )[0]
    }
    assert [by_service[LABELS[s]].median_days for s in ("occupational_therapy", "physiotherapy")] == [42, 5.5]
    assert by_service[LABELS["speech_and_language_therapy"]].median_days == 10
    assert by_service[LABELS["occupational_therapy"]].returned_within_6_weeks == 1
    nothing = measures.timeliness_in_sql(
        council.pk, today=TODAY, group="provider", health_only=False, service="not_a_service", form=form
    )
    assert nothing == ([], None)
    single = measures.timeliness_in_sql(
        council.pk, today=due, group="month", health_only=False, service="occupational_therapy", form=form
    )
    assert single == (
        [rules.Timeliness("2024-02", 1, 1, 1, 42, 0, 0)],
        rules.Timeliness("All", 1, 1, 1, 42, 0, 0),
    )


@pytest.mark.django_db
def test_the_timeliness_page_asks_the_same_number_of_queries_for_3_or_60_requests(area, client):
    for n in range(3):
        _ask(area.child, "educational_psychology", date(2025, 1, 1) + timedelta(days=9 * n), date(2025, 3, 1))
    client.force_login(area.users["analyst"])
    with time_machine.travel(TODAY, tick=False):
        client.get("/advice/timeliness/")
        with CaptureQueriesContext(connection) as few:
            assert client.get("/advice/timeliness/?group=month").status_code == 200
        for n in range(57):
            _ask(area.child, "speech_and_language_therapy", date(2024, 1, 1) + timedelta(days=11 * n))
        with CaptureQueriesContext(connection) as many:
            page = client.get("/advice/timeliness/?group=month")
    assert page.status_code == 200 and "2024-01" in page.content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)
