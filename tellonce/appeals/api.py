"""/api/v1/appeals: appeals to the SEND Tribunal with their orders and deadlines, read-only and
scoped as the pages are."""

import uuid
from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, api_requires
from tellonce.appeals.models import Appeal
from tellonce.audit import services as audit
from tellonce.core.time import uk_today

router = Router(tags=["appeals"])
MAX_RESULTS = 200


class Problem(Schema):
    detail: str


class DeadlineOut(Schema):
    title: str
    due: date
    regulation: str


class NextOut(Schema):
    what: str
    due: date


class OrderOut(Schema):
    id: uuid.UUID
    kind: str
    ordered: date
    unopposed: bool
    due: date
    complied: date | None
    deadlines: list[DeadlineOut]


class AppealOut(Schema):
    id: uuid.UUID
    child_id: uuid.UUID
    ground: str
    sen2_stage: str
    sections: str
    decision_notified: date
    assessment_id: uuid.UUID | None
    plan_id: uuid.UUID | None
    ceasing_id: uuid.UUID | None
    mediation_certificate: date | None
    tribunal_ref: str
    registered: date
    response_due: date | None
    response_sent: date | None
    hearing: date | None
    decided: date | None
    outcome: str | None
    next_deadline: NextOut | None
    orders: list[OrderOut]


def _out(appeal: Appeal, today: date) -> dict:
    orders = list(appeal.orders.all())
    found = appeal.next_deadline(orders, today)
    return {
        "id": appeal.pk,
        "child_id": appeal.child_id,
        "ground": appeal.ground,
        "sen2_stage": appeal.sen2_stage.value,
        "sections": appeal.sections,
        "decision_notified": appeal.decision_on,
        "assessment_id": appeal.assessment_id,
        "plan_id": appeal.plan_id,
        "ceasing_id": appeal.ceasing_id,
        "mediation_certificate": appeal.mediation.certificate_on if appeal.mediation else None,
        "tribunal_ref": appeal.tribunal_ref,
        "registered": appeal.registered_on,
        "response_due": appeal.response_due_on,
        "response_sent": appeal.response_sent_on,
        "hearing": appeal.hearing_on,
        "decided": appeal.decided_on,
        "outcome": appeal.outcome or None,
        "next_deadline": found and {"what": found[0], "due": found[1]},
        "orders": [
            {
                "id": o.pk,
                "kind": o.kind,
                "ordered": o.ordered_on,
                "unopposed": o.unopposed,
                "due": o.due_on,
                "complied": o.complied_on,
                "deadlines": [
                    {"title": d.title, "due": d.due, "regulation": d.regulation} for d in o.deadlines()
                ],
            }
            for o in orders
        ],
    }


@router.get("", response={200: list[AppealOut], 401: Problem, 403: Problem})
@api_requires(Capability.SEE_APPEALS)
def list_appeals(request, child_id: uuid.UUID | None = None, open_only: bool = False):
    """Appeals the caller may see, newest first (at most 200); filter by child or to undecided ones."""
    appeals = Appeal.objects.visible_to(request.auth).select_related("child", "mediation")
    if child_id:
        appeals = appeals.filter(child_id=child_id)
    if open_only:
        appeals = appeals.open()
    found = list(appeals.prefetch_related("orders")[:MAX_RESULTS])
    audit.record_listed(Actor.of(request), {a.child for a in found}, what="Appeals listed by the API")
    today = uk_today()
    return [_out(appeal, today) for appeal in found]


@router.get("/{appeal_id}", response={200: AppealOut, 401: Problem, 403: Problem, 404: Problem})
@api_requires(Capability.SEE_APPEALS)
def appeal_detail(request, appeal_id: uuid.UUID):
    appeal = get_object_or_404(
        Appeal.objects.visible_to(request.auth).select_related("child", "mediation"), pk=appeal_id
    )
    audit.record_read(Actor.of(request), appeal.child, what="Read an appeal through the API")
    return _out(appeal, uk_today())
