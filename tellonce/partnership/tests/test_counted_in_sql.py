"""The measures counted in the database give the figures of their Python references: the
partnership dashboard's measures in COUNTED_IN_SQL against `items` counted by domain.partnership,
the plan quality tally against domain.plan_quality.tally, and the waiting lists against
waiting_lists.measures, on hand-built edge cases and on the demo area."""

import itertools
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from tellonce.advice.models import AdviceRequest
from tellonce.assessments.models import AssessmentRequest, TimescaleException
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
        assert count(la_id, window)[key] == _reference(la_id, window, key), key


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


_refs = itertools.count(1)


def _plan(child, issued: date | None, *, ceased: date | None = None, final: date | None = None) -> Plan:
    """A plan of a new child of `child`'s council, made on `issued` (its first issued version), or
    from a case's final plan on `final`."""
    child = ChildFactory(local_authority_id=child.local_authority_id)
    case = None
    if final:
        case = AssessmentRequest.objects.create(
            ref=f"P-{next(_refs)}",
            child=child,
            requested_by="parent",
            received_on=final - timedelta(weeks=19),
        )
        case.final_issued_on = final
        case.save()
    plan = Plan.objects.create(ref=f"R-{next(_refs)}", child=child, ceased_on=ceased, assessment=case)
    if issued:
        PlanVersion.objects.create(
            plan=plan, number=1, kind=Kind.FINAL, status=Status.ISSUED, issued_on=issued
        )
    return plan


def _review(plan: Plan, met: date | None, decided: date | None, decision: str = "maintain", **more):
    return AnnualReview.objects.create(
        plan=plan,
        held_on=met,
        meeting_on=more.pop("meeting_on", met),
        decision=decision if decided else "",
        decision_notified_on=decided,
        **more,
    )


@pytest.fixture
def review_edges(edges):
    """Reviews at the edges of the DfE's count and of the amended plan's clock, cases at the edges
    of 6 and 20 weeks, and advice at the edge of 6 weeks, in the council of `edges`."""
    child = ChildFactory(local_authority=edges)
    # Two reviews in 2024: only the later one (late, 31 days) counts for 2024.
    twice = _plan(child, date(2023, 3, 1))
    _review(twice, date(2024, 2, 10), date(2024, 3, 9))  # the last day of 4 weeks
    _review(twice, date(2024, 10, 1), date(2024, 11, 1))
    # Met in December 2025, decided in January 2026: not 2025's (decided in the next year); it is
    # 2026's, being the latest meeting by the 2027 census day.
    _review(_plan(child, date(2022, 5, 1)), date(2025, 12, 15), date(2026, 1, 10))
    # The same, with a meeting in November 2026 still undecided: nothing counts for either year.
    later = _plan(child, date(2022, 5, 1))
    _review(later, date(2025, 12, 15), date(2026, 1, 10))
    _review(later, date(2026, 11, 2), None)
    # Decided after the 2026 census day (15 January): not reported for 2025.
    _review(_plan(child, date(2022, 5, 1)), date(2025, 12, 1), date(2026, 1, 20))
    # 29 February: 28 days after 1 February 2024 (on time), and 29 days after 2 February (late).
    _review(_plan(child, date(2023, 1, 5)), date(2024, 2, 1), date(2024, 2, 29))
    _review(_plan(child, date(2023, 1, 5)), date(2024, 2, 2), date(2024, 3, 2))
    # Ceased in the year: still in that year's return; ceased the year before: not.
    _review(_plan(child, date(2021, 9, 1), ceased=date(2025, 6, 30)), date(2025, 3, 1), date(2025, 3, 29))
    _review(_plan(child, date(2021, 9, 1), ceased=date(2024, 12, 31)), date(2025, 2, 1), date(2025, 2, 20))
    # Ceased after census day: in force on it.
    _review(_plan(child, date(2021, 9, 1), ceased=date(2026, 1, 20)), date(2025, 5, 1), date(2025, 5, 30))
    # Never made: not in the return; made from the case's final plan with no version: in it.
    _review(_plan(child, None), date(2025, 4, 1), date(2025, 4, 10))
    _review(_plan(child, None, final=date(2023, 6, 1)), date(2025, 4, 1), date(2025, 4, 10))
    # Two meetings the same day: the first recorded is the one reported.
    tie = _plan(child, date(2023, 1, 5))
    _review(tie, date(2025, 7, 1), date(2025, 8, 20))
    _review(tie, date(2025, 7, 1), date(2025, 7, 10))
    # Planned but not held: the planned day is the meeting.
    _review(_plan(child, date(2023, 1, 5)), None, date(2025, 9, 29), meeting_on=date(2025, 9, 1))
    # Amended plans: on the last day of 8 weeks from the notice and a day late; on the last day of
    # 12 weeks from the meeting; not issued and past due; not issued and not yet due; kept as it
    # is; written in Tellonce (the first issued amendment by number); decided outside the window.
    amend = _plan(child, date(2022, 1, 10))
    notice = date(2025, 1, 6)
    for final in (notice + timedelta(weeks=8), notice + timedelta(weeks=8, days=1)):
        _review(
            amend,
            date(2024, 12, 20),
            date(2025, 1, 3),
            "amend",
            imported_amendment_notice_on=notice,
            imported_amended_final_on=final,
        )
    _review(
        amend,
        date(2025, 3, 3),
        date(2025, 3, 28),
        "amend",
        imported_amendment_notice_on=date(2025, 4, 20),
        imported_amended_final_on=date(2025, 3, 3) + timedelta(weeks=12),
    )
    _review(amend, date(2026, 5, 4), date(2026, 5, 29), "amend")
    _review(amend, TODAY - timedelta(days=20), TODAY - timedelta(days=5), "amend")
    _review(amend, date(2026, 2, 2), date(2026, 2, 27), imported_amendment_notice_on=date(2026, 3, 2))
    _review(amend, date(2023, 10, 2), date(2023, 10, 20), "amend", imported_amended_final_on=date(2024, 1, 5))
    proposed = PlanVersion.objects.create(
        plan=amend, number=2, kind=Kind.PROPOSED_AMENDMENT, status=Status.SERVED, served_on=date(2025, 9, 20)
    )
    for number, issued in ((4, date(2025, 12, 30)), (3, date(2025, 11, 15))):
        PlanVersion.objects.create(
            plan=amend,
            number=number,
            kind=Kind.AMENDED,
            status=Status.ISSUED,
            based_on=proposed,
            issued_on=issued,
        )
    _review(amend, date(2025, 9, 1), date(2025, 9, 19), "amend", amendment_version=proposed)
    # Cases: decided and issued on the last day of 6 and 20 weeks and a day late, excused by an
    # exception, a reassessment (not counted), and one received before the window.
    for late in (0, 1):
        start = date(2024, 6, 3)
        _case = AssessmentRequest.objects.create(
            ref=f"C-{next(_refs)}",
            child=child,
            requested_by="parent",
            received_on=start,
            decision="assess",
            decision_notified_on=start + timedelta(weeks=6, days=late),
            final_issued_on=start + timedelta(weeks=20, days=late),
        )
    excused = AssessmentRequest.objects.create(
        ref=f"C-{next(_refs)}",
        child=child,
        requested_by="parent",
        received_on=date(2025, 1, 6),
        decision="assess",
        decision_notified_on=date(2025, 2, 10),
        final_issued_on=date(2025, 7, 1),
    )
    TimescaleException.objects.create(
        assessment=excused, reason="PERSONAL_CIRCS", starts_on=date(2025, 3, 1), ends_on=date(2025, 3, 28)
    )
    AssessmentRequest.objects.create(
        ref=f"C-{next(_refs)}",
        child=child,
        kind="reassessment",
        requested_by="parent",
        received_on=date(2025, 1, 6),
        decision="assess",
        decision_notified_on=date(2025, 3, 10),
        final_issued_on=date(2025, 9, 1),
    )
    AssessmentRequest.objects.create(
        ref=f"C-{next(_refs)}",
        child=child,
        requested_by="parent",
        received_on=date(2023, 10, 2),
        decision="assess",
        decision_notified_on=date(2023, 11, 30),
        final_issued_on=date(2024, 2, 29),
    )
    # Advice: received on the last day of 6 weeks and a day late, by health and by social care;
    # received after today; asked for a review (not counted).
    for service in ("occupational_therapy", "social_care"):
        for late in (0, 1):
            AdviceRequest.objects.create(
                child=child,
                service=service,
                requested_on=date(2024, 1, 18),
                received_on=date(2024, 2, 29) + timedelta(days=late),
            )
    AdviceRequest.objects.create(
        child=child, service="social_care", requested_on=TODAY, received_on=TODAY + timedelta(days=5)
    )
    AdviceRequest.objects.create(
        child=child,
        service="social_care",
        purpose="annual_review",
        requested_on=date(2025, 1, 6),
        received_on=date(2025, 1, 8),
    )
    return edges


def test_each_measure_counted_in_sql_gives_its_references_figures_at_the_edges(review_edges):
    for window in (
        WINDOW,
        *(Window(date(y, 1, 1), date(y, 12, 31), today=date(y, 12, 31)) for y in range(2024, 2027)),
    ):
        _assert_the_same(review_edges.pk, window)
    decisions = figures.monthly(review_edges.pk, WINDOW, ["review_decisions_in_4_weeks"])
    assert decisions["review_decisions_in_4_weeks"]["2024-11"] == p.Figure(0, 1)
    assert decisions["review_decisions_in_4_weeks"]["2024-02"] == p.Figure(1, 1)
    assert "2024-03" in decisions["review_decisions_in_4_weeks"]  # 29 days after 2 February: late
    assert decisions["review_decisions_in_4_weeks"]["2025-08"] == p.Figure(0, 1)  # the first recorded
    assert "2025-07" not in decisions["review_decisions_in_4_weeks"]
    amended = figures.monthly(review_edges.pk, WINDOW, ["amendments_on_time"])["amendments_on_time"]
    assert amended["2025-03"] == p.Figure(1, 2)


def test_the_dashboards_measures_counted_in_sql_are_the_items_counted_by_month(edges):
    _assert_the_same(edges.pk, WINDOW)
    assert figures.monthly(edges.pk, WINDOW, ["plans_without_findings"])["plans_without_findings"] == {
        "2026-01": p.Figure(1, 1),
        "2026-02": p.Figure(1, 2),
        "2026-11": p.Figure(1, 1),
    }


def test_the_dashboard_reads_one_query_a_measure_counted_in_sql(edges, django_assert_num_queries):
    with django_assert_num_queries(len(set(COUNTED_IN_SQL.values()))):
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
