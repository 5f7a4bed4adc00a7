"""/api/v1/assessments: cases and their statutory deadlines, scoped as the pages are."""

import uuid
from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, api_requires
from tellonce.assessments.models import AssessmentRequest
from tellonce.audit import services as audit
from tellonce.core.time import uk_today
from tellonce.domain import timescales as t

router = Router(tags=["assessments"])
MAX_RESULTS = 200


class Problem(Schema):
    detail: str


class DeadlineOut(Schema):
    step: str
    title: str
    due: date
    basis: str


class AdviceOut(Schema):
    id: uuid.UUID
    service: str
    requested: date
    received: date | None
    due: date
    on_time: bool | None


class ExceptionOut(Schema):
    reason: str
    starts: date
    ends: date | None


class AssessmentOut(Schema):
    id: uuid.UUID
    ref: str
    child_id: uuid.UUID
    kind: str
    requested_by: str
    request_received: date
    decision: str | None
    decision_notified: date | None
    draft_issued: date | None
    not_to_issue_notified: date | None
    final_issued: date | None
    withdrawn: date | None
    stage: str
    next_deadline: DeadlineOut | None
    status: str | None
    deadlines: list[DeadlineOut]
    decision_on_time: bool | None
    final_on_time: bool | None
    has_exception: bool
    exceptions: list[ExceptionOut]
    advice_requests: list[AdviceOut]


def _deadline(d: t.Deadline | None) -> dict | None:
    return d and {"step": d.step.value, "title": d.title, "due": d.due, "basis": d.basis}


def _out(case: AssessmentRequest, today: date) -> dict:
    c = case.clock(today)
    deadlines = [c.decision, c.not_to_issue, c.final] + ([c.draft_response] if c.draft_response else [])
    return {
        "id": case.pk,
        "ref": case.ref,
        "child_id": case.child_id,
        "kind": case.kind,
        "requested_by": case.requested_by,
        "request_received": case.received_on,
        "decision": case.decision or None,
        "decision_notified": case.decision_notified_on,
        "draft_issued": case.draft_issued_on,
        "not_to_issue_notified": case.not_to_issue_notified_on,
        "final_issued": case.final_issued_on,
        "withdrawn": case.withdrawn_on,
        "stage": c.stage.value,
        "next_deadline": _deadline(c.next_deadline),
        "status": t.status_on(c.next_deadline.due, today).value if c.next_deadline else None,
        "deadlines": [_deadline(d) for d in deadlines],
        "decision_on_time": c.decision_on_time,
        "final_on_time": c.final_on_time,
        "has_exception": c.has_exception,
        "exceptions": [
            {"reason": e.reason, "starts": e.starts_on, "ends": e.ends_on} for e in case.exceptions.all()
        ],
        "advice_requests": [
            {
                "id": a.pk,
                "service": a.service,
                "requested": a.requested_on,
                "received": a.received_on,
                "due": a.deadline.due,
                "on_time": a.on_time(today),
            }
            for a in case.advice_requests.all()
        ],
    }


@router.get("", response={200: list[AssessmentOut], 401: Problem, 403: Problem})
@api_requires(Capability.VIEW_ASSESSMENT)
def list_assessments(request, child_id: uuid.UUID | None = None, open_only: bool = False):
    """Cases the caller may see, newest first (at most 200); filter by child or to open cases."""
    cases = AssessmentRequest.objects.visible_to(request.auth).prefetch_related(
        "exceptions", "advice_requests"
    )
    if child_id:
        cases = cases.filter(child_id=child_id)
    if open_only:
        cases = cases.open()
    cases = list(cases.select_related("child")[:MAX_RESULTS])
    audit.record_listed(
        Actor.of(request), {case.child for case in cases}, what="Assessments listed by the API"
    )
    today = uk_today()
    return [_out(case, today) for case in cases]


@router.get("/{assessment_id}", response={200: AssessmentOut, 401: Problem, 403: Problem, 404: Problem})
@api_requires(Capability.VIEW_ASSESSMENT)
def assessment_detail(request, assessment_id: uuid.UUID):
    case = get_object_or_404(
        AssessmentRequest.objects.visible_to(request.auth).select_related("child"), pk=assessment_id
    )
    audit.record_read(Actor.of(request), case.child, what=f"Read assessment {case.ref} through the API")
    return _out(case, uk_today())
