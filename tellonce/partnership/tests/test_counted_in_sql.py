"""The measures counted in the database give the figures of their Python references: the
partnership dashboard's measures in COUNTED_IN_SQL against `items` counted by domain.partnership,
the plan quality tally against domain.plan_quality.tally, and the waiting lists against
waiting_lists.measures, on hand-built edge cases and on the demo area."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from tellonce.domain import partnership as p
from tellonce.domain import plan_quality
from tellonce.domain.plan_quality import Check
from tellonce.feedback.models import Answer, Question, Response, Survey, Trigger
from tellonce.organisations.models import LocalAuthority
from tellonce.organisations.tests.factories import LocalAuthorityFactory
from tellonce.partnership import figures
from tellonce.partnership.figures import COUNTED_IN_SQL, Window
from tellonce.people.tests.factories import ChildFactory
from tellonce.plans import measures as quality
from tellonce.plans.models import Kind, Plan, PlanVersion, Status, VersionFinding
from tellonce.reviews.models import Agency, AnnualReview, ReviewAttendance
from tellonce.waiting_lists import counted, measures
from tellonce.waiting_lists.models import WaitingService

TODAY = date(2026, 11, 20)
SHOULD = next(c.value for c, i in plan_quality.CHECKS.items() if i.severity == plan_quality.Severity.SHOULD)
WINDOW = Window(date(2023, 12, 1), date(2026, 11, 30), today=TODAY)


def _reference(la_id: int, window: Window, key: str) -> dict:
    found = figures.items(la_id, window, [key])[key]
    return p.by_month((day, good) for day, good, _ in found)


def _assert_the_same(la_id: int, window: Window) -> None:
    for key, count in COUNTED_IN_SQL.items():
        assert count(la_id, window) == _reference(la_id, window, key), key


@pytest.fixture
def edges(db):
    la = LocalAuthorityFactory()
    child, other = (
        ChildFactory(local_authority=la),
        ChildFactory(local_authority=LocalAuthorityFactory(code="998", name="Southbridge Council")),
    )
    plan = Plan.objects.create(ref="E1", child=child)
    elsewhere = Plan.objects.create(ref="E2", child=other)
    versions = [
        ([], date(2026, 1, 31)),
        ([SHOULD], date(2026, 2, 1)),  # a "should" finding: still without one that must
        ([Check.NO_NAMED_OFFICER.value], date(2026, 2, 28)),  # a "must" finding
        (["a_check_since_retired"], date(2026, 11, 30)),  # the last day of the window
        ([Check.NO_NAMED_OFFICER.value], date(2023, 11, 30)),  # the day before it
    ]
    for number, (codes, issued) in enumerate(versions, start=1):
        version = PlanVersion.objects.create(
            plan=plan,
            number=number,
            kind=Kind.FINAL,
            status=Status.ISSUED,
            issued_on=issued,
            finding_codes=codes,
        )
        VersionFinding.objects.keep([version], new=True)
    PlanVersion.objects.create(plan=plan, number=9, kind=Kind.FINAL, status=Status.WORKING, issued_on=None)
    PlanVersion.objects.create(
        plan=elsewhere, number=1, kind=Kind.FINAL, status=Status.ISSUED, issued_on=date(2026, 1, 5)
    )
    # Health at reviews: came; invited twice, one came; invited, nobody came; not yet held but
    # planned in the window; planned after today; held in the window though planned before it;
    # no health invited at all; another council's.
    reviews = [
        (date(2026, 3, 2), None, [(True, False)]),
        (date(2026, 3, 9), None, [(False, False), (False, True)]),
        (date(2026, 4, 1), None, [(False, False)]),
        (None, date(2026, 5, 5), [(False, False)]),
        (None, date(2026, 11, 25), [(True, False)]),
        (date(2024, 1, 3), date(2023, 11, 20), [(True, True)]),
        (date(2026, 6, 1), None, []),
    ]
    for held, meeting, invited in reviews:
        review = AnnualReview.objects.create(plan=plan, held_on=held, meeting_on=meeting or held)
        for n, (came, advice) in enumerate(invited):
            ReviewAttendance.objects.create(
                review=review, agency=Agency.HEALTH, name=f"Health {n}", attended=came, sent_advice=advice
            )
        ReviewAttendance.objects.create(review=review, agency=Agency.EDUCATION, name="School", attended=True)
    review = AnnualReview.objects.create(
        plan=elsewhere, held_on=date(2026, 3, 2), meeting_on=date(2026, 3, 2)
    )
    ReviewAttendance.objects.create(review=review, agency=Agency.HEALTH, name="Health", attended=True)
    # Families' answers: every score, one outside the window, one to a question of another kind.
    survey = Survey.objects.create(local_authority=la, title="Families", trigger=Trigger.OPEN)
    agree = Question.objects.create(survey=survey, text="Agree?", kind=Question.Kind.AGREE, order=1)
    words = Question.objects.create(survey=survey, text="Say more", kind=Question.Kind.TEXT, order=2)
    for score, on in [
        (0, date(2026, 2, 2)),
        *((s, date(2026, 2, 2)) for s in range(1, 6)),
        (5, date(2023, 1, 1)),
    ]:
        response = Response.objects.create(survey=survey, child=child, submitted_on=on)
        Answer.objects.create(response=response, question=agree, score=score)
        Answer.objects.create(response=response, question=words, score=score, text="…")
    return la


def test_the_dashboards_measures_counted_in_sql_are_the_items_counted_by_month(edges):
    _assert_the_same(edges.pk, WINDOW)
    assert figures.monthly(edges.pk, WINDOW, ["plans_without_findings"])["plans_without_findings"] == {
        "2026-01": p.Figure(1, 1),
        "2026-02": p.Figure(1, 2),
        "2026-11": p.Figure(1, 1),
    }


def test_the_dashboard_reads_one_query_a_measure_counted_in_sql(edges, django_assert_num_queries):
    with django_assert_num_queries(len(COUNTED_IN_SQL)):
        figures.monthly(edges.pk, WINDOW, list(COUNTED_IN_SQL))


@pytest.mark.django_db
def test_on_the_demo_area_every_measure_counted_in_sql_gives_its_references_figures():
    call_command("demo", children=300, seed=7, today=TODAY, stdout=StringIO())
    council = LocalAuthority.objects.get(code="999")
    _assert_the_same(council.pk, WINDOW)
    _assert_the_same(council.pk, Window(date(2025, 1, 1), date(2025, 12, 31), today=date(2025, 12, 31)))
    in_force = PlanVersion.objects.in_force(TODAY).filter(source="tellonce")
    assert in_force.exists()
    assert quality.tally(in_force) == plan_quality.tally(
        in_force.values_list("finding_codes", "findings_checked_on")
    )
    services = list(WaitingService.objects.filter(local_authority=council))
    assert services
    for la_id in (None, council.pk):
        found = counted.count(
            services, TODAY, local_authority_id=la_id, flows_from=measures.flows_start(TODAY)
        )
        for service in services:
            items = measures.waits(service, local_authority_id=la_id)
            summary = measures.summary(service, TODAY, items)
            assert found[service.pk] == counted.Counted(
                summary["snapshot"],
                summary["seen_recently"],
                summary["referred_recently"],
                measures.by_locality(service, TODAY, items)[0],
                measures.flows(service, TODAY, items),
            )
