"""/api/v1/plans: EHC plans, their versions section by section, each plan's next review and
phase-transfer deadline from the review schedule, and a version's findings, scoped as the pages
are (a version being written is seen only by council staff; findings likewise). It joins plans
and reviews, so it lives here, above both."""

import uuid
from datetime import date
from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, api_requires
from tellonce.audit import services as audit
from tellonce.core.time import uk_today
from tellonce.domain import plan_content as pc
from tellonce.plans.models import BlockingRule, Plan, PlanVersion
from tellonce.reviews.schedule import schedule_rows

router = Router(tags=["plans"])
MAX_RESULTS = 200


class Problem(Schema):
    detail: str


class VersionSummary(Schema):
    number: int
    kind: str
    status: str
    served_on: date | None
    issued_on: date | None
    comments_until: date | None


class PlanOut(Schema):
    id: uuid.UUID
    ref: str
    child_id: uuid.UUID
    assessment_id: uuid.UUID | None
    named_officer: str | None
    coordinator: str | None
    ceased_on: date | None
    in_force: int | None
    next_review_due: date | None
    phase_transfer_deadline: date | None
    versions: list[VersionSummary]


class SectionOut(Schema):
    code: str
    title: str
    content: dict[str, Any]


class VersionOut(VersionSummary):
    plan_id: uuid.UUID
    sections: list[SectionOut]


class AcknowledgementOut(Schema):
    reason: str
    by: str | None
    on: date


class FindingOut(Schema):
    key: str
    code: str
    section: str | None
    message: str
    severity: str
    subject: str
    blocks_issue: bool
    acknowledged: AcknowledgementOut | None


def _summary(version: PlanVersion) -> dict:
    return {
        "number": version.number,
        "kind": version.kind,
        "status": version.status,
        "served_on": version.served_on,
        "issued_on": version.issued_on,
        "comments_until": version.comments_until(),
    }


def _plan(plan: Plan, versions: list[PlanVersion], schedule: dict) -> dict:
    issued = [v.number for v in versions if v.status == "issued"]
    row = schedule.get(plan.pk)
    return {
        "id": plan.pk,
        "ref": plan.ref,
        "child_id": plan.child_id,
        "assessment_id": plan.assessment_id,
        "named_officer": str(plan.named_officer) if plan.named_officer else None,
        "coordinator": str(plan.coordinator) if plan.coordinator else None,
        "ceased_on": plan.ceased_on,
        "in_force": max(issued) if issued else None,
        "next_review_due": row.schedule.review_due.due if row else None,
        "phase_transfer_deadline": row.schedule.transfer_before if row else None,
        "versions": [_summary(v) for v in versions],
    }


def _visible_versions(request, plan: Plan) -> list[PlanVersion]:
    return list(PlanVersion.objects.visible_to(request.auth).filter(plan=plan).order_by("number"))


@router.get("", response={200: list[PlanOut], 401: Problem, 403: Problem})
@api_requires(Capability.VIEW_PLAN)
def list_plans(request, child_id: uuid.UUID | None = None):
    """Plans the caller may see, newest first (at most 200), optionally for one child."""
    plans = Plan.objects.visible_to(request.auth).select_related("child", "named_officer", "coordinator")
    if child_id:
        plans = plans.filter(child_id=child_id)
    plans = list(plans[:MAX_RESULTS])
    versions: dict = {}
    for version in PlanVersion.objects.visible_to(request.auth).filter(plan__in=plans).order_by("number"):
        versions.setdefault(version.plan_id, []).append(version)
    audit.record_listed(Actor.of(request), {p.child for p in plans}, what="Plans listed by the API")
    schedule = _schedule(request, plans)
    return [_plan(plan, versions.get(plan.pk, []), schedule) for plan in plans]


def _schedule(request, plans) -> dict:
    """The review schedule of each of these plans that is in force."""
    scoped = PlanVersion.objects.visible_to(request.auth).filter(plan__in=plans)
    return {row.plan_id: row for row in schedule_rows(scoped, today=uk_today())}


def _visible_plan(request, plan_id) -> Plan:
    plans = Plan.objects.visible_to(request.auth).select_related("child", "named_officer", "coordinator")
    return get_object_or_404(plans, pk=plan_id)


@router.get("/{plan_id}", response={200: PlanOut, 401: Problem, 403: Problem, 404: Problem})
@api_requires(Capability.VIEW_PLAN)
def plan_detail(request, plan_id: uuid.UUID):
    plan = _visible_plan(request, plan_id)
    audit.record_read(Actor.of(request), plan.child, what=f"Read {plan.ref} through the API")
    return _plan(plan, _visible_versions(request, plan), _schedule(request, [plan]))


@router.get(
    "/{plan_id}/versions/{number}", response={200: VersionOut, 401: Problem, 403: Problem, 404: Problem}
)
@api_requires(Capability.VIEW_PLAN)
def version_detail(request, plan_id: uuid.UUID, number: int):
    """One version's content, section by section, as stored (docs/plans.md describes each section)."""
    plan = _visible_plan(request, plan_id)
    version = get_object_or_404(PlanVersion.objects.visible_to(request.auth).filter(plan=plan), number=number)
    audit.record_read(Actor.of(request), plan.child, what=f"Read {plan.ref} version {number} through the API")
    data = version.section_data()
    return _summary(version) | {
        "plan_id": plan.pk,
        "sections": [
            {"code": s.value, "title": pc.SECTION_TITLES[s], "content": data.get(s.value, {})}
            for s in pc.Section
        ],
    }


@router.get("/{plan_id}/findings", response={200: list[FindingOut], 401: Problem, 403: Problem, 404: Problem})
@api_requires(Capability.SEE_PLAN_QUALITY)
def findings(request, plan_id: uuid.UUID, version: int | None = None):
    """The automatic quality findings of a version (the latest unless `version` is given), for
    those who oversee plan quality."""
    plan = _visible_plan(request, plan_id)
    versions = PlanVersion.objects.visible_to(request.auth).filter(plan=plan)
    chosen = versions.filter(number=version).first() if version else versions.order_by("-number").first()
    if chosen is None:
        raise Http404
    chosen.plan = plan
    audit.record_read(Actor.of(request), plan.child, what=f"Read the findings of {plan.ref} through the API")
    blocking = BlockingRule.codes_for(plan.child.local_authority_id)
    acknowledged = {a.key: a for a in chosen.acknowledgements.select_related("by")}
    return [
        {
            "key": f.key,
            "code": f.code.value,
            "section": f.section.value if f.section else None,
            "message": f.message,
            "severity": f.severity.value,
            "subject": f.subject,
            "blocks_issue": f.code in blocking and f.key not in acknowledged,
            "acknowledged": {
                "reason": acknowledged[f.key].reason,
                "by": str(acknowledged[f.key].by) if acknowledged[f.key].by else None,
                "on": acknowledged[f.key].on,
            }
            if f.key in acknowledged
            else None,
        }
        for f in chosen.findings(uk_today())
    ]
