"""The demo area's reviews: five years of them, late and patchily attended as the seed letters found,
so every review page has work in it, and the plans that should have been ceased are there to find."""

import hashlib
from collections import Counter
from datetime import UTC, date, datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from tellonce.accounts.models import User
from tellonce.domain import reviews as rules
from tellonce.domain.ceasing import Attention, CeaseReason
from tellonce.domain.phase_transfer import Transfer
from tellonce.domain.plan_content import Section
from tellonce.domain.school_years import national_curriculum_year
from tellonce.organisations.models import LocalAuthority
from tellonce.plans.models import Kind, Plan, PlanSection, PlanVersion, Status
from tellonce.reviews import measures
from tellonce.reviews.models import (
    Agency,
    AnnualReview,
    Ceasing,
    Direction,
    OutcomeProgress,
    PlanMove,
    ReviewKind,
)
from tellonce.reviews.schedule import schedule_rows, steps_under_way

TODAY = date(2026, 11, 22)
CHILDREN, SEED = 3000, 4


def _review_digest() -> str:
    rows = sorted(
        AnnualReview.objects.values_list(
            "plan__ref", "kind", "meeting_on", "held_on", "decision", "decision_notified_on", "destination"
        ),
        key=repr,
    )
    moves = sorted(PlanMove.objects.values_list("plan__ref", "direction", "moves_on"), key=repr)
    came = sorted(
        AnnualReview.objects.values_list("attendance__agency", "attendance__attended", "plan__ref"), key=repr
    )
    return hashlib.sha256(repr((rows, moves, came)).encode()).hexdigest()


def _digest_of_demo(seed: int) -> str:
    with transaction.atomic():
        call_command("demo", children=300, seed=seed, today=TODAY, stdout=StringIO())
        digest = _review_digest()
        transaction.set_rollback(True)
    return digest


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_reviews_and_another_seed_does_not():
    first = _digest_of_demo(7)
    assert _digest_of_demo(7) == first
    assert _digest_of_demo(8) != first


class DemoReviewsTests(TestCase):
    """One demo area for every check below (built once, inside the class's transaction)."""

    @classmethod
    def setUpTestData(cls):
        call_command("demo", children=CHILDREN, seed=SEED, today=TODAY, stdout=StringIO())
        cls.la = LocalAuthority.objects.get()

    def test_every_review_is_dated_consistently(self):
        first_issued = {}
        for plan_id, issued in (
            PlanVersion.objects.filter(status=Status.ISSUED)
            .order_by("plan_id", "number")
            .values_list("plan_id", "issued_on")
        ):
            first_issued.setdefault(plan_id, issued)
        reviews = list(AnnualReview.objects.select_related("amendment_version"))
        assert len(reviews) > 2 * Plan.objects.count()
        assert [
            (r.pk, problem)
            for r in reviews
            for problem in rules.problems(r.facts(), plan_issued=first_issued[r.plan_id])
        ] == []
        assert all(r.invitations_sent_on <= r.meeting_on for r in reviews if r.invitations_sent_on)
        assert all(r.held_on <= TODAY for r in reviews if r.held_on)
        assert all(r.held_on <= r.report_sent_on <= TODAY for r in reviews if r.report_sent_on)
        assert min(r.meeting_on for r in reviews) >= date(2021, 11, 22)

    def test_the_schedule_has_overdue_reviews_reviews_due_this_term_and_phase_transfers(self):
        rows = schedule_rows(PlanVersion.objects.all(), today=TODAY)
        statuses = Counter(row.schedule.status for row in rows)
        assert statuses[rules.ScheduleStatus.OVERDUE] > 0 and statuses[rules.ScheduleStatus.THIS_TERM] > 0
        assert statuses[rules.ScheduleStatus.OVERDUE] < len(rows) / 3
        transfers = {row.schedule.transfer for row in rows}
        assert {Transfer.PRIMARY_TO_SECONDARY, Transfer.SECONDARY_TO_POST_16} <= transfers
        assert any(row.open_review_id for row in rows)

    def test_this_years_phase_transfer_reviews_have_some_amended_plans_issued_and_some_not(self):
        autumn = AnnualReview.objects.filter(kind=ReviewKind.PHASE_TRANSFER, meeting_on__gte=date(2026, 9, 1))
        amending = [
            r for r in autumn.select_related("amendment_version") if r.decision == rules.Decision.AMEND
        ]
        issued = [r for r in amending if r.amended_final_on]
        assert issued and len(issued) < len(amending)
        assert autumn.filter(held_on__isnull=False, decision_notified_on__isnull=True).exists()
        amended = PlanVersion.objects.filter(pk__in=[r.amended_version().pk for r in issued])
        names = {v.content().placement.name for v in amended}
        assert all(names), "a phase-transfer amendment names the next school or college"

    def test_timeliness_shows_decisions_on_time_and_late_and_amendments_on_time_and_late(self):
        groups, invited, present = measures.timeliness(self.la.pk, TODAY)
        total = Counter()
        for counts in groups["month"].values():
            total.update(counts)
        assert 0.3 < total["decided_on_time"] / total["decided"] < 0.6
        assert 0 < total["amended_on_time"] < total["amended"]
        assert 0 < total["in_time"] < total["reviews"]
        assert len(groups["coordinator"]) >= 6

    def test_health_and_social_care_attend_far_less_than_education(self):
        _, invited, present = measures.timeliness(self.la.pk, TODAY)
        rate = {agency: present[(agency, "came")] / invited[agency] for agency in invited}
        assert rate[Agency.EDUCATION] > 0.9
        assert rate[Agency.HEALTH] < 0.5 and rate[Agency.SOCIAL_CARE] < 0.5
        assert present[(Agency.HEALTH, "advice")] > 0 and present[(Agency.SOCIAL_CARE, "advice")] > 0

    def test_the_cease_queue_has_every_reason_a_plan_needs_attention(self):
        queue = measures.attention_queue(PlanVersion.objects.all(), TODAY)
        assert {reason.code for _, reasons in queue for reason in reasons} == set(Attention)

    def test_moves_out_cease_the_plan_and_moves_in_are_recorded(self):
        moved = PlanMove.objects.filter(direction=Direction.OUT, transferred_on__isnull=False)
        assert moved.exists() and PlanMove.objects.filter(direction=Direction.IN).exists()
        for move in moved.select_related("plan"):
            assert move.plan.ceased_on == move.transferred_on
            assert move.plan.ceasings.get().reason == CeaseReason.MOVED_IN_ENGLAND
        assert (
            Ceasing.objects.exclude(reason=CeaseReason.MOVED_IN_ENGLAND)
            .filter(notice_sent_on__isnull=False)
            .exists()
        )

    def test_the_adulthood_lists_and_destinations_are_filled_in(self):
        adult_care, transitions = measures.adulthood(PlanVersion.objects.all(), TODAY)
        assert adult_care and transitions
        known = [destination for *_, destination in transitions if destination]
        assert known and len(known) < len(transitions)
        held = AnnualReview.objects.filter(held_on__isnull=False).values_list(
            "held_on", "plan__child__date_of_birth", "adulthood_discussed"
        )
        by_year = Counter(
            (national_curriculum_year(born, on).value >= 9, discussed) for on, born, discussed in held
        )
        assert by_year[(True, True)] > 3 * by_year[(True, False)]
        assert by_year[(False, True)] == 0

    def test_progress_is_recorded_against_the_plans_outcomes_and_amendments_have_every_section(self):
        keys = {
            item["key"]
            for data in PlanSection.objects.filter(code="E", plan_version__status=Status.ISSUED).values_list(
                "data", flat=True
            )
            for item in data.get("items", [])
        }
        recorded = set(OutcomeProgress.objects.values_list("outcome_key", flat=True))
        assert recorded and recorded <= keys
        amendments = PlanVersion.objects.filter(kind__in=[Kind.PROPOSED_AMENDMENT, Kind.AMENDED])
        assert amendments.exists()
        assert not amendments.annotate(n=Count("sections")).exclude(n=len(Section)).exists()

    def test_every_demo_sign_in_has_work_on_their_review_pages(self):
        open_now = AnnualReview.objects.filter(held_on__isnull=False, decision_notified_on__isnull=True)
        assert open_now.exists()
        for senco in User.objects.filter(role="senco"):
            assert AnnualReview.objects.for_setting(senco).filter(decision_notified_on__isnull=True).exists()
        coordinator = User.objects.get(username="coordinator")
        assert open_now.filter(plan__coordinator=coordinator).exists()
        pages = [
            ("manager", "/reviews/", "amend before"),
            ("manager", "/reviews/?status=overdue", "govuk-tag--red"),
            ("manager", "/reviews/?status=this_term", "govuk-tag--yellow"),
            ("coordinator", "/reviews/", "Open the review"),
            ("manager", "/reviews/timeliness/", "%"),
            ("manager", "/reviews/attention/", "Last reviewed"),
            ("manager", "/reviews/adulthood/", 'href="/plans/'),
            ("senco", "/reviews/our-pupils/", "Reviews waiting for a decision"),
        ]
        with time_machine.travel(datetime(2026, 11, 22, 12, tzinfo=UTC), tick=False):
            for username, path, text in pages:
                self.client.force_login(User.objects.get(username=username))
                response = self.client.get(path)
                assert response.status_code == 200, (username, path)
                assert text in response.content.decode(), (username, path)

    def test_the_schedule_and_the_measures_read_a_few_queries_however_many_reviews(self):
        manager = User.objects.get(username="manager")
        reviews = AnnualReview.objects.filter(plan__in=PlanVersion.objects.values("plan"))
        for read in (
            lambda: schedule_rows(PlanVersion.objects.all(), today=TODAY),
            lambda: steps_under_way(reviews, today=TODAY, shown=50),
            lambda: measures.timeliness(self.la.pk, TODAY),
            lambda: measures.attention_queue(PlanVersion.objects.visible_to(manager), TODAY),
            lambda: measures.adulthood(PlanVersion.objects.visible_to(manager), TODAY),
        ):
            with CaptureQueriesContext(connection) as queries:
                read()
            assert len(queries) <= 6, [q["sql"][:200] for q in queries]
