"""Each step of an EHC needs assessment, as the Code of Practice names it. Every step checks the
case still makes sense (no final plan before the request...), saves with a version check, writes
the audit row and the timeline event in one transaction."""

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Any, TypedDict, Unpack

from django.db import transaction
from django.db.models import F

from tellonce.accounts.actors import Actor
from tellonce.accounts.models import User
from tellonce.advice.models import AdviceRequest
from tellonce.assessments.models import AssessmentRequest, Kind, SettingConsultation, TimescaleException
from tellonce.core.refusals import InvalidStep
from tellonce.domain import assessment as rules
from tellonce.domain import timescales
from tellonce.domain.identifiers import la_code_problem
from tellonce.feedback.services import invite_after
from tellonce.organisations.models import Setting, Team
from tellonce.people.models import Child, ProfessionalInvolvement
from tellonce.people.services import record_event


def _next_ref(received_on: date) -> str:
    count = AssessmentRequest.objects.filter(ref__startswith=f"EHC-{received_on.year}-").count()
    return f"EHC-{received_on.year}-{count + 1:05d}"


def _check(facts: rules.CaseFacts, today: date) -> None:
    found = rules.problems(facts)
    dates = [
        facts.decision_notified,
        facts.draft_issued,
        facts.not_to_issue_notified,
        facts.final_issued,
        facts.withdrawn,
        facts.start,
    ]
    if any(d is not None and d > today for d in dates):
        found.append("a date is in the future")
    if found:
        raise InvalidStep(found)


@transaction.atomic
def record_request(
    child: Child,
    *,
    by: Actor,
    received_on: date,
    requested_by: str,
    kind: str = Kind.INITIAL,
    brought_to_attention: bool = False,
    today: date,
) -> AssessmentRequest:
    _check(rules.CaseFacts(start=received_on), today)
    case = AssessmentRequest.objects.create(
        ref=_next_ref(received_on),
        child=child,
        kind=kind,
        requested_by=requested_by,
        received_on=received_on,
        brought_to_attention=brought_to_attention,
        coordinator=child.coordinator,
    )
    what = (
        "Brought to the council's attention"
        if brought_to_attention
        else "Request for an EHC needs assessment"
    )
    record_event(
        child,
        by=by,
        what=f"{what} recorded ({case.ref})",
        kind="assessment",
        title=f"{what} received",
        occurred_on=received_on,
    )
    return case


class _Changes(TypedDict, total=False):
    """The fields of a case a step may change."""

    decision: str
    decision_notified_on: date
    draft_issued_on: date
    not_to_issue_notified_on: date
    final_issued_on: date
    withdrawn_on: date
    withdrawn_reason: str
    named_setting_requested: str
    youth_accommodation: bool
    exported_to: str


def _changed(facts: rules.CaseFacts, changes: _Changes) -> rules.CaseFacts:
    """The case's facts as they will be once `changes` are made."""
    decision = changes.get("decision")
    return replace(
        facts,
        decision=rules.Decision(decision) if decision is not None else facts.decision,
        decision_notified=changes.get("decision_notified_on", facts.decision_notified),
        draft_issued=changes.get("draft_issued_on", facts.draft_issued),
        not_to_issue_notified=changes.get("not_to_issue_notified_on", facts.not_to_issue_notified),
        final_issued=changes.get("final_issued_on", facts.final_issued),
        withdrawn=changes.get("withdrawn_on", facts.withdrawn),
    )


def _apply(
    case: AssessmentRequest,
    *,
    by: Actor,
    expected_version: int,
    today: date,
    title: str,
    occurred_on: date,
    **changes: Unpack[_Changes],
) -> AssessmentRequest:
    _check(_changed(case.facts(), changes), today)
    for name, value in changes.items():
        setattr(case, name, value)
    case.save_versioned(expected_version=expected_version, fields=list(changes))
    record_event(
        case.child,
        by=by,
        what=f"{title} ({case.ref})",
        kind="assessment",
        title=title,
        occurred_on=occurred_on,
    )
    return case


@transaction.atomic
def decide_to_assess(
    case: AssessmentRequest, *, by: Actor, notified_on: date, expected_version: int, today: date
) -> AssessmentRequest:
    return _apply(
        case,
        by=by,
        expected_version=expected_version,
        today=today,
        title="Decided to carry out an EHC needs assessment",
        occurred_on=notified_on,
        decision=rules.Decision.ASSESS.value,
        decision_notified_on=notified_on,
    )


@transaction.atomic
def refuse_to_assess(
    case: AssessmentRequest, *, by: Actor, notified_on: date, expected_version: int, today: date
) -> AssessmentRequest:
    return _apply(
        case,
        by=by,
        expected_version=expected_version,
        today=today,
        title="Decided not to carry out an EHC needs assessment",
        occurred_on=notified_on,
        decision=rules.Decision.REFUSE.value,
        decision_notified_on=notified_on,
    )


@transaction.atomic
def issue_draft_plan(
    case: AssessmentRequest, *, by: Actor, served_on: date, expected_version: int, today: date
) -> AssessmentRequest:
    return _apply(
        case,
        by=by,
        expected_version=expected_version,
        today=today,
        title="Draft EHC plan sent to the family",
        occurred_on=served_on,
        draft_issued_on=served_on,
    )


@transaction.atomic
def decide_not_to_issue(
    case: AssessmentRequest, *, by: Actor, notified_on: date, expected_version: int, today: date
) -> AssessmentRequest:
    return _apply(
        case,
        by=by,
        expected_version=expected_version,
        today=today,
        title="Decided not to issue an EHC plan",
        occurred_on=notified_on,
        not_to_issue_notified_on=notified_on,
    )


@transaction.atomic
def issue_final_plan(
    case: AssessmentRequest, *, by: Actor, issued_on: date, expected_version: int, today: date
) -> AssessmentRequest:
    case = _apply(
        case,
        by=by,
        expected_version=expected_version,
        today=today,
        title="Final EHC plan issued",
        occurred_on=issued_on,
        final_issued_on=issued_on,
    )
    invite_after(
        case.child, trigger="after_final_plan", on=issued_on, reason=f"After the final EHC plan ({case.ref})"
    )
    return case


@transaction.atomic
def request_named_setting(
    case: AssessmentRequest, *, by: Actor, setting_name: str, expected_version: int, today: date
) -> AssessmentRequest:
    return _apply(
        case,
        by=by,
        expected_version=expected_version,
        today=today,
        title=f"Family asked for {setting_name} to be named",
        occurred_on=today,
        named_setting_requested=setting_name,
    )


@transaction.atomic
def withdraw(
    case: AssessmentRequest, *, by: Actor, withdrawn_on: date, reason: str, expected_version: int, today: date
) -> AssessmentRequest:
    return _apply(
        case,
        by=by,
        expected_version=expected_version,
        today=today,
        title="Request withdrawn",
        occurred_on=withdrawn_on,
        withdrawn_on=withdrawn_on,
        withdrawn_reason=reason,
    )


@transaction.atomic
def record_return_details(
    case: AssessmentRequest,
    *,
    by: Actor,
    youth_accommodation: bool,
    exported_to: str,
    expected_version: int,
    today: date,
) -> AssessmentRequest:
    """What the SEN2 return says of the request beyond its dates: made while the child or young
    person was in relevant youth accommodation (item 2.3), and the council they moved to before the
    assessment finished (item 2.8, its 3-digit code)."""
    exported_to = exported_to.strip()
    if exported_to and (problem := la_code_problem(exported_to)):
        raise InvalidStep.about({"exported_to": problem})
    if exported_to and exported_to == case.child.local_authority.code:
        raise InvalidStep.about({"exported_to": "Enter the code of the council they moved to, not this one"})
    return _apply(
        case,
        by=by,
        expected_version=expected_version,
        today=today,
        title="Details of the request recorded for the DfE's return",
        occurred_on=today,
        youth_accommodation=youth_accommodation,
        exported_to=exported_to,
    )


@transaction.atomic
def claim_exception(
    case: AssessmentRequest, *, by: Actor, reason: str, starts_on: date, ends_on: date | None, note: str = ""
) -> TimescaleException:
    if ends_on is not None and ends_on < starts_on:
        raise InvalidStep(["The exception must end on or after the day it starts"])
    exception = TimescaleException.objects.create(
        assessment=case, reason=reason, starts_on=starts_on, ends_on=ends_on, note=note, recorded_by=by.user
    )
    label = timescales.EXCEPTION_LABELS[timescales.ExceptionReason(reason)]
    record_event(
        case.child,
        by=by,
        what=f"Exception to the time limits recorded ({case.ref}): {label}",
        kind="assessment",
        title="The council recorded an exception to the time limits",
        detail=label,
        occurred_on=starts_on,
    )
    return exception


@transaction.atomic
def request_advice(
    case: AssessmentRequest,
    *,
    by: Actor,
    service: str,
    requested_on: date,
    team: Team | None = None,
    professional: User | None = None,
    setting: Setting | None = None,
    questions: str = "",
) -> AdviceRequest:
    """Ask a service for advice (reg. 6). Unless a team or person is named, the council's only team for
    that service is asked; the team or person then sees the child they were asked to advise on."""
    if requested_on < case.received_on:
        raise InvalidStep(["Advice cannot be requested before the request for assessment was received"])
    if service == "education_setting":
        setting = setting or case.child.setting
    elif team is None and professional is None:
        teams = list(
            Team.objects.filter(local_authority_id=case.child.local_authority_id, service=service)[:2]
        )
        team = teams[0] if len(teams) == 1 else None
    advice = AdviceRequest.objects.create(
        child=case.child,
        assessment=case,
        service=service,
        team=team,
        professional=professional,
        setting=setting,
        requested_on=requested_on,
        questions=questions,
    )
    if team or professional:
        ProfessionalInvolvement.objects.create(
            child=case.child,
            team=team,
            professional=professional,
            reason=f"Asked for {advice.service_label} advice ({case.ref})",
            started_on=requested_on,
        )
    record_event(
        case.child,
        by=by,
        what=f"Advice requested from {advice.service_label} ({case.ref})",
        kind="advice",
        title=f"Advice requested from {advice.service_label}",
        occurred_on=requested_on,
    )
    return advice


@transaction.atomic
def consult_setting(
    case: AssessmentRequest, *, by: Actor, setting: Setting, sent_on: date
) -> SettingConsultation:
    consultation = SettingConsultation.objects.create(assessment=case, setting=setting, sent_on=sent_on)
    record_event(
        case.child,
        by=by,
        what=f"Consulted {setting} about naming it ({case.ref})",
        kind="assessment",
        title=f"{setting} consulted about a place",
        occurred_on=sent_on,
        visible_to_family=True,
    )
    return consultation


def follow_child_coordinator(child_ids: Iterable[Any]) -> int:
    """Give each child's open cases to the child's coordinator, after the child moves caseload (the
    move itself is in the child's access log and on its timeline). Returns how many changed."""
    changed = 0
    for child_id, coordinator_id in Child.objects.filter(pk__in=list(child_ids)).values_list(
        "pk", "coordinator_id"
    ):
        changed += (
            AssessmentRequest.objects.open()
            .filter(child_id=child_id)
            .exclude(coordinator_id=coordinator_id)
            .update(coordinator_id=coordinator_id, version=F("version") + 1)
        )
    return changed
