"""Each step of an annual review, a decision to cease, and a move between councils, as the Code of
Practice names them. Every step checks its dates make sense (no decision before the meeting),
saves with a version check, and writes the audit row and the family's timeline in one transaction.
Amendments are written as plan versions (plans.services), so the review reads their dates."""

from collections.abc import Mapping
from datetime import date
from typing import TypedDict

from django.conf import settings
from django.db import transaction

from tellonce.accounts.actors import Actor
from tellonce.advice.models import AdviceRequest
from tellonce.audit.services import record_change
from tellonce.core.refusals import InvalidStep
from tellonce.core.time import working_days
from tellonce.domain import ceasing as ceasing_rules
from tellonce.domain import reviews as rules
from tellonce.domain.plan_content import Section
from tellonce.feedback.services import invite_after
from tellonce.organisations.models import Setting, Team
from tellonce.people.models import Child, ProfessionalInvolvement
from tellonce.people.services import add_timeline_event, record_event
from tellonce.plans import services as plan_services
from tellonce.plans.models import Kind, Plan, PlanSection, PlanVersion, Status
from tellonce.reviews.models import (
    PAPERWORK_FIELDS,
    AnnualReview,
    Ceasing,
    Direction,
    OutcomeProgress,
    PlanMove,
    ReviewAttendance,
    ReviewKind,
)


class Attended(TypedDict):
    """Whether one person invited to the review came, or sent advice instead."""

    pk: int
    attended: bool
    sent_advice: bool


def _not_future(day: date | None, today: date, what: str) -> list[str]:
    return [f"{what} must be today or in the past"] if day and day > today else []


def _issued_on(plan: Plan) -> date | None:
    first = plan.versions.filter(status=Status.ISSUED).order_by("number").first()
    return first.issued_on if first else None


def _check(problems: list[str]) -> None:
    if problems:
        raise InvalidStep(problems)


@transaction.atomic
def schedule_review(
    plan: Plan, *, by: Actor, meeting_on: date, kind: str = ReviewKind.ANNUAL, today: date
) -> AnnualReview:
    """Arrange the review meeting of a plan in force."""
    issued = _issued_on(plan)
    problems = []
    if issued is None or plan.ceased_on and plan.ceased_on <= today:
        problems.append("Only a plan in force can be reviewed")
    elif meeting_on < issued:
        problems.append(f"The meeting cannot be before the plan was issued ({issued.day} {issued:%B %Y})")
    if plan.reviews.filter(decision_notified_on__isnull=True).exists():
        problems.append("This plan already has a review under way: finish it first")
    _check(problems)
    review = AnnualReview.objects.create(
        plan=plan, kind=kind, meeting_on=meeting_on, coordinator=plan.coordinator or by.user
    )
    record_event(
        plan.child,
        by=by,
        what=f"Arranged the {review.get_kind_display().lower()} of {plan.ref}",
        kind="review",
        title=f"{review.get_kind_display()} meeting arranged for {meeting_on.day} {meeting_on:%B %Y}",
        occurred_on=today,
    )
    return review


def _save(
    review: AnnualReview, *, by: Actor, expected_version: int, what: str, fields: list[str]
) -> AnnualReview:
    review.save_versioned(expected_version=expected_version, fields=fields)
    record_change(by, review.plan.child, f"{what} ({review.plan.ref})")
    return review


@transaction.atomic
def record_invitations(
    review: AnnualReview,
    *,
    by: Actor,
    sent_on: date,
    invitees: list[dict[str, str]],
    expected_version: int,
    today: date,
) -> AnnualReview:
    """The invitations went out (at least 2 weeks before the meeting, reg. 20(3)), to these people."""
    _check(_not_future(sent_on, today, "The date the invitations were sent"))
    review.invitations_sent_on = sent_on
    for person in invitees:
        ReviewAttendance.objects.update_or_create(
            review=review,
            agency=person["agency"],
            name=person["name"],
            defaults={"role": person.get("role", "")},
        )
    return _save(
        review,
        by=by,
        expected_version=expected_version,
        what="Sent the review invitations",
        fields=["invitations_sent_on"],
    )


@transaction.atomic
def request_review_advice(
    review: AnnualReview,
    *,
    by: Actor,
    service: str,
    requested_on: date,
    team: Team | None = None,
    setting: Setting | None = None,
) -> AdviceRequest:
    """Ask a service for advice for the review; the team then sees the child."""
    plan = review.plan
    if team is None and service != "education_setting":
        teams = list(
            Team.objects.filter(local_authority_id=plan.child.local_authority_id, service=service)[:2]
        )
        team = teams[0] if len(teams) == 1 else None
    advice = AdviceRequest.objects.create(
        child=plan.child,
        purpose="annual_review",
        review=review,
        service=service,
        team=team,
        setting=setting or (plan.child.setting if service == "education_setting" else None),
        requested_on=requested_on,
    )
    if team is not None:
        ProfessionalInvolvement.objects.create(
            child=plan.child,
            team=team,
            reason=f"Asked for advice for the review of {plan.ref}",
            started_on=requested_on,
        )
    record_change(
        by,
        plan.child,
        f"Asked {advice.service_label} for advice for the review of {plan.ref}",
    )
    return advice


@transaction.atomic
def record_advice_circulated(
    review: AnnualReview, *, by: Actor, circulated_on: date, expected_version: int, today: date
) -> AnnualReview:
    _check(_not_future(circulated_on, today, "The date the advice was circulated"))
    review.advice_circulated_on = circulated_on
    return _save(
        review,
        by=by,
        expected_version=expected_version,
        what="Circulated the advice for the review",
        fields=["advice_circulated_on"],
    )


@transaction.atomic
def submit_paperwork(
    review: AnnualReview,
    *,
    by: Actor,
    values: Mapping[str, object],
    progress: list[dict[str, str]],
    attendance: list[Attended],
    expected_version: int,
    today: date,
) -> AnnualReview:
    """The setting's review report: the views, progress against each outcome, who came, and what
    should change. Sent within 2 weeks of the meeting (reg. 20(7))."""
    problems = []
    if review.decision_notified_on:
        problems.append("The council has already decided the outcome of this review")
    meeting = review.held_on or review.meeting_on
    if meeting and meeting > today:
        problems.append("The review report can be sent only once the meeting has been held")
    left_education_on = values.get("left_education_on")
    if isinstance(left_education_on, date) and left_education_on > today:
        problems.append("The date they left education must be today or in the past")
    _check(problems)
    for name in PAPERWORK_FIELDS:
        setattr(review, name, values.get(name, getattr(review, name)))
    review.report_sent_on, review.report_by = today, by.user
    if review.held_on is None:
        review.held_on = review.meeting_on
    for item in progress:
        OutcomeProgress.objects.update_or_create(
            review=review,
            outcome_key=item["outcome_key"],
            defaults={
                "outcome_text": item["outcome_text"],
                "progress": item["progress"],
                "evidence": item.get("evidence", ""),
            },
        )
    for person in attendance:
        ReviewAttendance.objects.filter(review=review, pk=person["pk"]).update(
            attended=person["attended"], sent_advice=person["sent_advice"]
        )
    return _save(
        review,
        by=by,
        expected_version=expected_version,
        what="Sent the review report",
        fields=[*PAPERWORK_FIELDS, "report_sent_on", "report_by", "held_on"],
    )


@transaction.atomic
def record_meeting(
    review: AnnualReview,
    *,
    by: Actor,
    held_on: date,
    attendance: list[Attended],
    expected_version: int,
    today: date,
) -> AnnualReview:
    """The meeting took place on this day, with these people there or sending advice."""
    issued = _issued_on(review.plan)
    problems = _not_future(held_on, today, "The date of the meeting")
    if issued and held_on < issued:
        problems.append("The meeting cannot be before the plan was issued")
    if review.decision_notified_on and held_on > review.decision_notified_on:
        problems.append("The meeting cannot be after the decision")
    _check(problems)
    review.held_on = held_on
    for person in attendance:
        ReviewAttendance.objects.filter(review=review, pk=person["pk"]).update(
            attended=person["attended"], sent_advice=person["sent_advice"]
        )
    add_timeline_event(
        review.plan.child,
        kind="review",
        title=f"{review.get_kind_display()} meeting held",
        occurred_on=held_on,
        by=by,
    )
    return _save(
        review,
        by=by,
        expected_version=expected_version,
        what="Recorded the review meeting",
        fields=["held_on"],
    )


DECISION_EVENTS = {
    rules.Decision.MAINTAIN: "The council decided to keep the EHC plan as it is",
    rules.Decision.AMEND: "The council decided to amend the EHC plan",
    rules.Decision.CEASE: "The council decided to stop maintaining the EHC plan",
}


@transaction.atomic
def decide(
    review: AnnualReview,
    *,
    by: Actor,
    decision: str,
    notified_on: date,
    reason: str = "",
    cease_reason: str = "",
    expected_version: int,
    today: date,
) -> AnnualReview:
    """Tell the family whether the plan is kept, amended or ceased (within 4 weeks, CoP 9.176). A
    decision to cease starts the ceasing record with its notice."""
    chosen = rules.Decision(decision)
    meeting = review.held_on or review.meeting_on
    problems = _not_future(notified_on, today, "The date the family was told")
    if review.held_on is None:
        problems.append("Record the meeting before the decision")
    problems += rules.problems(
        rules.ReviewFacts(meeting=meeting, decision=chosen, decision_notified=notified_on)
    )
    if review.decision_notified_on:
        problems.append("The decision has already been recorded")
    if chosen == rules.Decision.CEASE and not cease_reason:
        problems.append("Select why the plan is to stop")
    _check([p[0].upper() + p[1:] for p in problems])
    review.decision, review.decision_notified_on, review.decision_reason = chosen.value, notified_on, reason
    _save(
        review,
        by=by,
        expected_version=expected_version,
        what=DECISION_EVENTS[chosen],
        fields=["decision", "decision_notified_on", "decision_reason"],
    )
    add_timeline_event(
        review.plan.child, kind="review", title=DECISION_EVENTS[chosen], occurred_on=notified_on, by=by
    )
    invite_after(
        review.plan.child,
        trigger="after_review",
        on=notified_on,
        reason=f"After the review of {review.plan.ref}",
    )
    if chosen == rules.Decision.CEASE:
        ceasing = Ceasing.objects.create(
            plan=review.plan,
            reason=cease_reason,
            considered_on=meeting,
            decided_on=notified_on,
            notice_sent_on=notified_on,
            by=by.user,
            notes=reason,
        )
        _update_ceased_on(ceasing)
    return review


@transaction.atomic
def start_amendment(review: AnnualReview, *, by: Actor, today: date) -> PlanVersion:
    """Write the proposed amendments as the plan's next version, linked to the review."""
    if review.decision != rules.Decision.AMEND:
        raise InvalidStep(["Decide to amend the plan first"])
    if review.amendment_version_id:
        raise InvalidStep(["The proposed amendments have already been started"])
    version = plan_services.prepare_next(review.plan, kind=Kind.PROPOSED_AMENDMENT, by=by, today=today)
    AnnualReview.objects.filter(pk=review.pk).update(amendment_version=version)
    review.amendment_version = version
    return version


# Ceasing ------------------------------------------------------------------------------------------


def _update_ceased_on(ceasing: Ceasing) -> None:
    """The plan's cease date follows the decision: none while an appeal can still change it."""
    plan = ceasing.plan
    until = None if ceasing.withdrawn_on else ceasing_rules.in_force_until(ceasing.facts(), working_days())
    reason = ceasing.reason if until else ""
    Plan.objects.filter(pk=plan.pk).update(ceased_on=until, cease_reason=reason)
    plan.ceased_on, plan.cease_reason = until, reason


@transaction.atomic
def consider_ceasing(
    plan: Plan,
    *,
    by: Actor,
    reason: str,
    considered_on: date,
    setting_consulted_on: date | None,
    notes: str = "",
    today: date,
) -> Ceasing:
    """Tell the family the council is considering ceasing the plan, and consult them and the setting."""
    problems = _not_future(considered_on, today, "The date the family was told") + _not_future(
        setting_consulted_on, today, "The date the setting was consulted"
    )
    if plan.ceasings.filter(withdrawn_on__isnull=True).exclude(appeal_upheld=True).exists():
        problems.append("Ceasing this plan is already being considered or has been decided")
    _check(problems)
    ceasing = Ceasing.objects.create(
        plan=plan,
        reason=reason,
        considered_on=considered_on,
        setting_consulted_on=setting_consulted_on,
        notes=notes,
        by=by.user,
    )
    record_event(
        plan.child,
        by=by,
        what=f"Considering ceasing {plan.ref}: {ceasing.get_reason_display()}",
        kind="plan",
        title="The council is considering stopping the EHC plan",
        occurred_on=considered_on,
    )
    return ceasing


@transaction.atomic
def decide_to_cease(
    ceasing: Ceasing,
    *,
    by: Actor,
    decided_on: date,
    notice_sent_on: date,
    ceases_on: date,
    expected_version: int,
    today: date,
) -> Ceasing:
    problems = _not_future(decided_on, today, "The date of the decision") + _not_future(
        notice_sent_on, today, "The date the notice was sent"
    )
    if decided_on < ceasing.considered_on:
        problems.append("The decision cannot be before the family was told it was being considered")
    if notice_sent_on < decided_on:
        problems.append("The notice cannot be sent before the decision")
    if ceases_on < notice_sent_on:
        problems.append("The plan cannot cease before the notice was sent")
    _check(problems)
    ceasing.decided_on, ceasing.notice_sent_on, ceasing.ceases_on = decided_on, notice_sent_on, ceases_on
    ceasing.save_versioned(
        expected_version=expected_version, fields=["decided_on", "notice_sent_on", "ceases_on"]
    )
    _update_ceased_on(ceasing)
    record_event(
        ceasing.plan.child,
        by=by,
        what=f"Decided to cease {ceasing.plan.ref}",
        kind="plan",
        title="The council decided to stop the EHC plan",
        occurred_on=notice_sent_on,
    )
    return ceasing


@transaction.atomic
def record_appeal(
    ceasing: Ceasing,
    *,
    by: Actor,
    lodged_on: date | None = None,
    decided_on: date | None = None,
    upheld: bool | None = None,
    expected_version: int,
    today: date,
) -> Ceasing:
    """An appeal keeps the plan in force until it is decided (s45(4))."""
    problems = _not_future(lodged_on, today, "The date of the appeal") + _not_future(
        decided_on, today, "The date of the decision"
    )
    if ceasing.notice_sent_on is None:
        problems.append("Record the decision to cease before an appeal")
    lodged = lodged_on or ceasing.appeal_lodged_on
    if decided_on and lodged is None:
        problems.append("Record the appeal before its outcome")
    if lodged and ceasing.notice_sent_on and lodged < ceasing.notice_sent_on:
        problems.append("The appeal cannot be before the notice")
    if decided_on and lodged and decided_on < lodged:
        problems.append("The outcome cannot be before the appeal")
    _check(problems)
    ceasing.appeal_lodged_on = lodged
    if decided_on:
        ceasing.appeal_decided_on, ceasing.appeal_upheld = decided_on, upheld
    ceasing.save_versioned(
        expected_version=expected_version, fields=["appeal_lodged_on", "appeal_decided_on", "appeal_upheld"]
    )
    _update_ceased_on(ceasing)
    record_change(by, ceasing.plan.child, f"Recorded the appeal against ceasing {ceasing.plan.ref}")
    return ceasing


@transaction.atomic
def record_mediation_certificate(
    ceasing: Ceasing, *, by: Actor, certificate_on: date | None, expected_version: int, today: date
) -> Ceasing:
    """A mediation certificate about the decision to cease: the family then has a month from it
    to appeal if that is later, and the plan stays in force until then (s45(4)). None takes a
    certificate recorded in error away."""
    problems = _not_future(certificate_on, today, "The date of the certificate")
    if ceasing.notice_sent_on is None:
        problems.append("Record the decision to cease before a mediation certificate")
    elif certificate_on and certificate_on < ceasing.notice_sent_on:
        problems.append("The certificate cannot be before the notice to cease")
    _check(problems)
    ceasing.mediation_certificate_on = certificate_on
    ceasing.save_versioned(expected_version=expected_version, fields=["mediation_certificate_on"])
    _update_ceased_on(ceasing)
    record_change(
        by, ceasing.plan.child, f"Recorded the mediation certificate about ceasing {ceasing.plan.ref}"
    )
    return ceasing


@transaction.atomic
def withdraw_ceasing(
    ceasing: Ceasing, *, by: Actor, withdrawn_on: date, expected_version: int, today: date
) -> Ceasing:
    _check(_not_future(withdrawn_on, today, "The date"))
    ceasing.withdrawn_on = withdrawn_on
    ceasing.save_versioned(expected_version=expected_version, fields=["withdrawn_on"])
    _update_ceased_on(ceasing)
    record_event(
        ceasing.plan.child,
        by=by,
        what=f"Decided not to cease {ceasing.plan.ref}",
        kind="plan",
        title="The council decided to keep the EHC plan",
        occurred_on=withdrawn_on,
    )
    return ceasing


# Moves ---------------------------------------------------------------------------------------------


@transaction.atomic
def record_move_out(
    plan: Plan,
    *,
    by: Actor,
    other_council: str,
    other_code: str,
    moves_on: date,
    known_on: date,
    transferred_on: date | None,
    today: date,
) -> PlanMove:
    """The family moved to another council in England: the plan transfers (reg. 15) and, once
    transferred, this council stops maintaining it (SEN2 cease reason 5)."""
    problems = _not_future(known_on, today, "The date the council became aware") + _not_future(
        transferred_on, today, "The date the plan was transferred"
    )
    if transferred_on and transferred_on < known_on:
        problems.append("The plan cannot be transferred before the council knew of the move")
    _check(problems)
    move = PlanMove.objects.create(
        plan=plan,
        direction=Direction.OUT,
        other_council=other_council,
        other_code=other_code,
        moves_on=moves_on,
        known_on=known_on,
        transferred_on=transferred_on,
        by=by.user,
    )
    if transferred_on:
        Ceasing.objects.create(
            plan=plan,
            reason=ceasing_rules.CeaseReason.MOVED_IN_ENGLAND,
            considered_on=known_on,
            decided_on=transferred_on,
            ceases_on=transferred_on,
            by=by.user,
            notes=f"Transferred to {other_council}",
        )
        Plan.objects.filter(pk=plan.pk).update(
            ceased_on=transferred_on, cease_reason=ceasing_rules.CeaseReason.MOVED_IN_ENGLAND
        )
    record_event(
        plan.child,
        by=by,
        what=f"Recorded a move to {other_council} ({plan.ref})",
        kind="plan",
        title=f"Moved to {other_council}",
        occurred_on=moves_on,
    )
    return move


@transaction.atomic
def record_move_in(
    child: Child,
    *,
    by: Actor,
    other_council: str,
    other_code: str,
    plan_made_on: date,
    moves_on: date,
    known_on: date,
    transferred_on: date,
    today: date,
) -> Plan:
    """A plan transferred from another council is treated as made on its original date (reg. 15(3));
    its content arrives as the old council's document, so the version holds no sections yet."""
    problems = _not_future(transferred_on, today, "The date the plan was transferred")
    if plan_made_on > transferred_on:
        problems.append("The plan cannot have been made after it was transferred")
    if child.plans.filter(ceased_on__isnull=True).exists():
        problems.append(f"{child.full_name} already has an EHC plan here")
    _check(problems)
    plan = Plan.objects.create(
        ref=plan_services._next_ref(today), child=child, coordinator=child.coordinator or by.user
    )
    version = PlanVersion.objects.create(
        plan=plan,
        number=1,
        kind=Kind.FINAL,
        status=Status.ISSUED,
        issued_on=plan_made_on,
        created_by=by.user,
        source="transferred",
    )
    PlanSection.objects.bulk_create(PlanSection(plan_version=version, code=s.value, data={}) for s in Section)
    PlanMove.objects.create(
        plan=plan,
        direction=Direction.IN,
        other_council=other_council,
        other_code=other_code,
        moves_on=moves_on,
        known_on=known_on,
        transferred_on=transferred_on,
        by=by.user,
    )
    if child.sen_status != "EHC_PLAN":
        type(child).objects.filter(pk=child.pk).update(sen_status="EHC_PLAN")
    record_event(
        child,
        by=by,
        what=f"EHC plan transferred in from {other_council} ({plan.ref})",
        kind="plan",
        title=f"EHC plan transferred from {other_council}",
        occurred_on=transferred_on,
    )
    return plan


def under_five_months() -> int:
    return settings.TELLONCE_UNDER_FIVE_REVIEW_MONTHS
