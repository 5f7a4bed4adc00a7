"""A review through the services: arranged for a plan in force, invitations and advice, the
setting's report, the meeting, the decision within 4 weeks, amendments written as the plan's next
version, and a decision to cease kept in force during an appeal."""

from datetime import date, timedelta

import pytest
import time_machine

from tellonce.advice.models import AdviceRequest
from tellonce.audit.models import AccessEvent
from tellonce.conftest import acting
from tellonce.core.refusals import InvalidStep
from tellonce.domain import reviews as rules
from tellonce.plans import services as plan_services
from tellonce.plans.models import Kind, Plan
from tellonce.reviews import services
from tellonce.reviews.models import AnnualReview, Ceasing, Progress, ReviewAttendance
from tellonce.reviews.tests.builders import ISSUED, plan_in_force

TODAY = date(2026, 11, 22)
MEETING = date(2026, 10, 19)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def plan(area):
    return plan_in_force(area, today=TODAY)


def _review(area, plan, meeting=MEETING):
    return services.schedule_review(
        plan, by=acting(area.users["coordinator"]), meeting_on=meeting, today=TODAY
    )


def test_a_review_is_arranged_once_at_a_time_and_not_before_the_plan(area, plan):
    review = _review(area, plan)
    assert review.coordinator == plan.coordinator
    with pytest.raises(InvalidStep, match="already has a review under way"):
        _review(area, plan)
    review.delete()
    with pytest.raises(InvalidStep, match="before the plan was issued"):
        _review(area, plan, meeting=ISSUED - timedelta(days=1))


def test_advice_for_a_review_is_due_two_weeks_before_the_meeting_and_shows_the_team_the_child(area, plan):
    review = _review(area, plan)
    advice = services.request_review_advice(
        review,
        by=acting(area.users["coordinator"]),
        service="speech_and_language_therapy",
        team=area.users["therapist asked to help"].team,
        requested_on=date(2026, 9, 21),
    )
    advice = AdviceRequest.objects.get(pk=advice.pk)
    assert advice.purpose == "annual_review" and advice.assessment is None
    assert advice.deadline.due == date(2026, 10, 5) and "20(4)" in advice.deadline.basis
    assert (
        AdviceRequest.objects.visible_to(area.users["therapist asked to help"]).filter(pk=advice.pk).exists()
    )


def _through_the_meeting(area, review):
    coordinator = area.users["coordinator"]
    services.record_invitations(
        review,
        by=acting(coordinator),
        sent_on=date(2026, 10, 1),
        expected_version=review.version,
        today=TODAY,
        invitees=[
            {"agency": "education", "name": "Ms Hill", "role": "SENCO"},
            {"agency": "health", "name": "Dr Rao"},
        ],
    )
    review.refresh_from_db()
    outcomes = plan_outcomes(review.plan)
    services.submit_paperwork(
        review,
        by=acting(area.users["SENCO at the school"]),
        today=date(2026, 10, 26),
        expected_version=review.version,
        values={
            "child_views": "I like my group",
            "family_views": "Going well",
            "recommendations": "More speech therapy",
        },
        progress=[
            {"outcome_key": o.key, "outcome_text": o.text, "progress": Progress.ON_TRACK} for o in outcomes
        ],
        attendance=[
            {"pk": a.pk, "attended": a.agency == "education", "sent_advice": a.agency == "health"}
            for a in review.attendance.all()
        ],
    )
    review.refresh_from_db()
    return review


def plan_outcomes(plan):
    return plan.in_force().content().outcomes


def test_the_settings_report_records_views_progress_and_who_came(area, plan):
    review = _through_the_meeting(area, _review(area, plan))
    assert review.report_sent_on == date(2026, 10, 26) and review.held_on == MEETING
    assert [p.progress for p in review.progress.all()] == [Progress.ON_TRACK]
    came = {a.agency: (a.attended, a.sent_advice) for a in ReviewAttendance.objects.filter(review=review)}
    assert came == {"education": (True, False), "health": (False, True)}


def test_the_report_waits_for_the_meeting(area, plan):
    review = _review(area, plan, meeting=TODAY + timedelta(days=10))
    with pytest.raises(InvalidStep, match="once the meeting has been held"):
        services.submit_paperwork(
            review,
            by=acting(area.users["SENCO at the school"]),
            values={},
            progress=[],
            attendance=[],
            expected_version=review.version,
            today=TODAY,
        )


def test_a_decision_dated_before_the_meeting_is_refused_and_nothing_is_saved(area, plan):
    review = _through_the_meeting(area, _review(area, plan))
    with pytest.raises(InvalidStep) as refused:
        services.decide(
            review,
            by=acting(area.users["coordinator"]),
            decision="maintain",
            notified_on=MEETING - timedelta(days=1),
            expected_version=review.version,
            today=TODAY,
        )
    assert "before the meeting" in str(refused.value)
    review.refresh_from_db()
    assert review.decision == "" and review.decision_notified_on is None


def test_deciding_to_amend_then_writing_sending_and_issuing_the_amendments(area, plan):
    coordinator = area.users["coordinator"]
    review = _through_the_meeting(area, _review(area, plan))
    services.decide(
        review,
        by=acting(coordinator),
        decision="amend",
        notified_on=date(2026, 11, 2),
        expected_version=review.version,
        today=TODAY,
    )
    review.refresh_from_db()
    assert review.clock(TODAY).decision_on_time is True
    version = services.start_amendment(review, by=acting(coordinator), today=TODAY)
    assert version.kind == Kind.PROPOSED_AMENDMENT and version.based_on.kind == Kind.FINAL
    with pytest.raises(InvalidStep):
        services.start_amendment(review, by=acting(coordinator), today=TODAY)
    plan_services.serve(
        version,
        by=acting(coordinator),
        served_on=date(2026, 11, 2),
        today=TODAY,
        expected_version=version.version,
    )
    review = AnnualReview.objects.get(pk=review.pk)
    assert review.amendment_notice_on == date(2026, 11, 2)
    assert review.clock(TODAY).amended_final_due.due == date(2026, 12, 28)  # 8 weeks from the notice
    amended = plan_services.prepare_next(plan, kind=Kind.AMENDED, by=acting(coordinator), today=TODAY)
    amended.refresh_from_db()
    plan_services.issue(
        amended, by=acting(coordinator), issued_on=TODAY, today=TODAY, expected_version=amended.version
    )
    review = AnnualReview.objects.get(pk=review.pk)
    assert review.amended_final_on == TODAY and review.clock(TODAY).amended_final_on_time is True
    assert rules.next_review_due(ISSUED, [review.facts()]).due == date(2027, 11, 2)


def test_amending_needs_a_decision_to_amend(area, plan):
    review = _through_the_meeting(area, _review(area, plan))
    with pytest.raises(InvalidStep, match="Decide to amend"):
        services.start_amendment(review, by=acting(area.users["coordinator"]), today=TODAY)


def test_a_decision_to_cease_keeps_the_plan_in_force_until_the_appeal_period_ends_or_an_appeal_is_decided(
    area, plan
):
    coordinator = area.users["coordinator"]
    review = _through_the_meeting(area, _review(area, plan))
    with pytest.raises(InvalidStep, match="why the plan is to stop"):
        services.decide(
            review,
            by=acting(coordinator),
            decision="cease",
            notified_on=date(2026, 11, 2),
            expected_version=review.version,
            today=TODAY,
        )
    services.decide(
        review,
        by=acting(coordinator),
        decision="cease",
        notified_on=date(2026, 11, 2),
        cease_reason="2",
        expected_version=review.version,
        today=TODAY,
    )
    ceasing = Ceasing.objects.get(plan=plan)
    # The last day to appeal: 2 months is Saturday 2 January 2027, so the next working day.
    assert Plan.objects.get(pk=plan.pk).ceased_on == date(2027, 1, 4)
    services.record_appeal(
        ceasing,
        by=acting(coordinator),
        lodged_on=date(2026, 11, 20),
        expected_version=ceasing.version,
        today=TODAY,
    )
    assert Plan.objects.get(pk=plan.pk).ceased_on is None
    ceasing.refresh_from_db()
    services.record_appeal(
        ceasing,
        by=acting(coordinator),
        decided_on=TODAY,
        upheld=True,
        expected_version=ceasing.version,
        today=TODAY,
    )
    assert Plan.objects.get(pk=plan.pk).ceased_on is None


def test_a_mediation_certificate_about_ceasing_keeps_the_plan_in_force_a_month_after_it(area, plan):
    coordinator = area.users["coordinator"]
    review = _through_the_meeting(area, _review(area, plan))
    services.decide(
        review,
        by=acting(coordinator),
        decision="cease",
        notified_on=date(2026, 10, 21),
        cease_reason="2",
        expected_version=review.version,
        today=TODAY,
    )
    ceasing = Ceasing.objects.get(plan=plan)
    assert Plan.objects.get(pk=plan.pk).ceased_on == date(2026, 12, 21)
    with pytest.raises(InvalidStep, match="before the notice"):
        services.record_mediation_certificate(
            ceasing,
            by=acting(coordinator),
            certificate_on=date(2026, 10, 1),
            expected_version=ceasing.version,
            today=TODAY,
        )
    services.record_mediation_certificate(
        ceasing,
        by=acting(coordinator),
        certificate_on=date(2026, 11, 20),
        expected_version=ceasing.version,
        today=TODAY,
    )
    # A month from 20 November, 20 December 2026, is a Sunday: Monday 21 December.
    assert Plan.objects.get(pk=plan.pk).ceased_on == date(2026, 12, 21)
    ceasing.refresh_from_db()
    services.record_mediation_certificate(
        ceasing,
        by=acting(coordinator),
        certificate_on=TODAY,
        expected_version=ceasing.version,
        today=TODAY,
    )
    # A month from 22 November is Tuesday 22 December 2026.
    assert Plan.objects.get(pk=plan.pk).ceased_on == date(2026, 12, 22)
    assert AccessEvent.objects.filter(child_id=plan.child_id, what__contains="mediation certificate").exists()


def test_ceasing_is_considered_decided_and_can_be_withdrawn(area, plan):
    coordinator = area.users["coordinator"]
    ceasing = services.consider_ceasing(
        plan,
        by=acting(coordinator),
        reason="3",
        considered_on=date(2026, 10, 1),
        setting_consulted_on=date(2026, 10, 2),
        today=TODAY,
    )
    with pytest.raises(InvalidStep, match="already being considered"):
        services.consider_ceasing(
            plan,
            by=acting(coordinator),
            reason="3",
            considered_on=date(2026, 10, 1),
            setting_consulted_on=None,
            today=TODAY,
        )
    with pytest.raises(InvalidStep, match="before the notice"):
        services.decide_to_cease(
            ceasing,
            by=acting(coordinator),
            decided_on=date(2026, 10, 20),
            notice_sent_on=date(2026, 10, 21),
            ceases_on=date(2026, 10, 1),
            expected_version=ceasing.version,
            today=TODAY,
        )
    services.decide_to_cease(
        ceasing,
        by=acting(coordinator),
        decided_on=date(2026, 10, 20),
        notice_sent_on=date(2026, 10, 21),
        ceases_on=date(2027, 7, 31),
        expected_version=ceasing.version,
        today=TODAY,
    )
    assert Plan.objects.get(pk=plan.pk).ceased_on == date(2027, 7, 31)
    ceasing.refresh_from_db()
    services.withdraw_ceasing(
        ceasing, by=acting(coordinator), withdrawn_on=TODAY, expected_version=ceasing.version, today=TODAY
    )
    assert Plan.objects.get(pk=plan.pk).ceased_on is None


def test_a_move_out_transfers_and_ceases_the_plan_and_a_move_in_makes_one_reviewed_by_reg_15(area, plan):
    coordinator = area.users["coordinator"]
    services.record_move_out(
        plan,
        by=acting(coordinator),
        other_council="Kent",
        other_code="886",
        moves_on=date(2026, 9, 1),
        known_on=date(2026, 8, 20),
        transferred_on=date(2026, 9, 1),
        today=TODAY,
    )
    assert Plan.objects.get(pk=plan.pk).ceased_on == date(2026, 9, 1)
    assert Ceasing.objects.get(plan=plan).reason == "5"
    other = area.other_child
    moved_in = services.record_move_in(
        other,
        by=acting(area.users["other coordinator"]),
        other_council="Surrey",
        other_code="936",
        plan_made_on=date(2025, 6, 1),
        moves_on=date(2026, 3, 20),
        known_on=date(2026, 3, 1),
        transferred_on=date(2026, 3, 23),
        today=TODAY,
    )
    version = moved_in.in_force()
    assert version.source == "transferred" and version.issued_on == date(2025, 6, 1)
    from tellonce.plans.models import PlanVersion
    from tellonce.reviews.schedule import schedule_rows

    [row] = schedule_rows(PlanVersion.objects.filter(plan=moved_in), today=TODAY)
    assert row.schedule.review_due.due == date(2026, 6, 23)  # 3 months from the transfer is later


def test_deciding_a_review_invites_the_family_to_the_survey_after_a_review(area, plan):
    from tellonce.feedback.models import Invitation, Survey

    survey = Survey.objects.create(
        local_authority=area.child.local_authority,
        title="After your review",
        trigger="after_review",
        is_active=True,
    )
    review = _through_the_meeting(area, _review(area, plan))
    services.decide(
        review,
        by=acting(area.users["coordinator"]),
        decision="maintain",
        notified_on=date(2026, 11, 2),
        expected_version=review.version,
        today=TODAY,
    )
    assert Invitation.objects.filter(survey=survey, child=area.child, invited=area.users["parent"]).exists()


def test_an_amended_plan_cannot_be_started_without_proposed_amendments_sent_to_the_family(area, plan):
    coordinator = area.users["coordinator"]
    with pytest.raises(InvalidStep, match="cannot follow"):
        plan_services.prepare_next(plan, kind=Kind.AMENDED, by=acting(coordinator), today=TODAY)
    proposed = plan_services.prepare_next(
        plan, kind=Kind.PROPOSED_AMENDMENT, by=acting(coordinator), today=TODAY
    )
    with pytest.raises(InvalidStep, match="cannot follow"):
        plan_services.prepare_next(plan, kind=Kind.AMENDED, by=acting(coordinator), today=TODAY)
    assert list(plan.versions.values_list("kind", flat=True).order_by("number")) == [
        "draft",
        "final",
        proposed.kind,
    ]
