"""/api/v1/improvement-plans: improvement plans with their priorities, actions (withdrawn ones
marked, with why), rating history and cited live measures, read-only and scoped as the pages are
(the one policy's SEE_IMPROVEMENT_PLAN, within the caller's council). Plans name no child, so
nothing here goes into the access log."""

import uuid
from datetime import date, datetime

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from tellonce.accounts.policy import Capability, api_requires
from tellonce.core.time import uk_today
from tellonce.improvement import registry
from tellonce.improvement.models import Action, ImprovementPlan, Priority

router = Router(tags=["improvement plans"])
MAX_RESULTS = 200


class Problem(Schema):
    detail: str


class WithdrawalOut(Schema):
    withdrawn_on: date
    reason: str
    merged_into: uuid.UUID | None
    note: str


class ActionOut(Schema):
    id: uuid.UUID
    text: str
    owner: str | None
    partner_agency: str
    due: date
    status: str
    completed_on: date | None
    overdue: bool
    withdrawal: WithdrawalOut | None


class RatingOut(Schema):
    rating: str
    rated_on: date
    reason: str


class MeasureOut(Schema):
    key: str
    label: str
    unit: str
    target: float | None
    value_today: float | None


class LaterFindingOut(Schema):
    finding_id: uuid.UUID
    inspection_id: uuid.UUID
    text: str
    sufficient_progress: bool | None
    matched_on: date


class PriorityOut(Schema):
    id: uuid.UUID
    number: int
    area: str
    aim: str
    lead: str | None
    rating_today: str | None
    ratings: list[RatingOut]
    actions: list[ActionOut]
    measures: list[MeasureOut]
    later_findings: list[LaterFindingOut]


class PlanSummaryOut(Schema):
    id: uuid.UUID
    title: str
    inspection_id: uuid.UUID | None
    created_at: datetime
    priorities: int


class PlanOut(Schema):
    id: uuid.UUID
    title: str
    inspection_id: uuid.UUID | None
    created_at: datetime
    priorities: list[PriorityOut]


def _action(action: Action, today: date) -> dict:
    withdrawal = None
    if action.withdrawn_on:
        withdrawal = {
            "withdrawn_on": action.withdrawn_on,
            "reason": action.withdrawn_reason,
            "merged_into": action.merged_into_id,
            "note": action.withdrawn_note,
        }
    return {
        "id": action.pk,
        "text": action.text,
        "owner": str(action.owner) if action.owner else None,
        "partner_agency": action.partner_agency,
        "due": action.due_on,
        "status": action.status,
        "completed_on": action.completed_on,
        "overdue": action.is_overdue_on(today),
        "withdrawal": withdrawal,
    }


def _measure(link, local_authority_id: int, today: date) -> dict:
    measure = registry.get(link.key)
    return {
        "key": link.key,
        "label": measure.label if measure else link.key,
        "unit": measure.unit if measure else "",
        "target": None if link.target is None else float(link.target),
        "value_today": measure.value(local_authority_id, today) if measure else None,
    }


def _priority(priority: Priority, local_authority_id: int, today: date) -> dict:
    rag = priority.rag_on(today)
    return {
        "id": priority.pk,
        "number": priority.number,
        "area": priority.title,
        "aim": priority.aim,
        "lead": str(priority.lead) if priority.lead else None,
        "rating_today": None if rag is None else str(rag),
        "ratings": [
            {"rating": r.rag, "rated_on": r.rated_on, "reason": r.reason} for r in priority.rag_history.all()
        ],
        "actions": [_action(a, today) for a in priority.actions.all()],
        "measures": [_measure(m, local_authority_id, today) for m in priority.measures.all()],
        "later_findings": [
            {
                "finding_id": m.finding_id,
                "inspection_id": m.finding.inspection_id,
                "text": m.finding.text,
                "sufficient_progress": m.finding.sufficient_progress,
                "matched_on": m.matched_on,
            }
            for m in priority.later_findings.all()
        ],
    }


@router.get("", response={200: list[PlanSummaryOut], 401: Problem, 403: Problem})
@api_requires(Capability.SEE_IMPROVEMENT_PLAN)
def list_plans(request):
    """The improvement plans of the caller's council, newest first (at most 200)."""
    plans = ImprovementPlan.objects.visible_to(request.auth).prefetch_related("priorities")
    return [
        {
            "id": plan.pk,
            "title": plan.title,
            "inspection_id": plan.inspection_id,
            "created_at": plan.created_at,
            "priorities": len(plan.priorities.all()),
        }
        for plan in plans[:MAX_RESULTS]
    ]


@router.get("/{plan_id}", response={200: PlanOut, 401: Problem, 403: Problem, 404: Problem})
@api_requires(Capability.SEE_IMPROVEMENT_PLAN)
def plan_detail(request, plan_id: uuid.UUID):
    """One plan whole: each priority with its rating history, actions, measures and the later
    inspections' findings recorded against it."""
    plan = get_object_or_404(ImprovementPlan.objects.visible_to(request.auth), pk=plan_id)
    priorities = plan.priorities.select_related("lead").prefetch_related(
        "rag_history",
        "measures",
        Prefetch("actions", queryset=Action.objects.select_related("owner")),
        "later_findings__finding",
    )
    today = uk_today()
    return {
        "id": plan.pk,
        "title": plan.title,
        "inspection_id": plan.inspection_id,
        "created_at": plan.created_at,
        "priorities": [_priority(p, plan.local_authority_id, today) for p in priorities],
    }
