"""Reading a plan: the plan with its versions, one version section by section (with findings
beside each section for council staff, and the family's comments), and what changed."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, allows, requires
from tellonce.audit.services import record_read
from tellonce.core.time import uk_today
from tellonce.domain import plan_changes
from tellonce.domain.plan_content import Section
from tellonce.plans import presenters
from tellonce.plans.models import ISSUED_KINDS, SERVED_KINDS, BlockingRule, Kind, Plan, PlanVersion, Status
from tellonce.plans.services import NEXT_KINDS
from tellonce.plans.views.common import area_name, letter_for, visible_plan, visible_version

ITEM_SECTIONS = {Section.E, Section.F, Section.G, Section.H1, Section.H2, Section.K}


def _item_links(plan, version):
    def for_section(code: str):
        def links(key: str) -> list[dict]:
            args = (plan.pk, version.number, code, key)
            return [
                {"href": reverse("plans:item", args=args), "text": "Change"},
                {"href": reverse("plans:item-remove", args=args), "text": "Remove"},
            ]

        return links

    return for_section


@requires(Capability.VIEW_PLAN)
def plan_detail(request, pk):
    plan = visible_plan(request, pk)
    versions = list(PlanVersion.objects.visible_to(request.user).filter(plan=plan).order_by("-number"))
    if not versions:
        raise Http404
    return redirect("plans:version", pk=plan.pk, number=versions[0].number)


def _comments_by_section(version) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for comment in version.comments.select_related("made_by", "answered_by"):
        grouped.setdefault(comment.section, []).append(comment)
    return grouped


@requires(Capability.VIEW_PLAN)
def version_page(request, pk, number):
    plan = visible_plan(request, pk)
    version = visible_version(request, plan, number)
    record_read(Actor.of(request), plan.child, what=f"Viewed {plan.ref}, {version.label.lower()}")
    today = uk_today()
    user = request.user
    staff = allows(user, Capability.SEE_PLAN_QUALITY)  # the findings beside each section
    can_edit = Plan.objects.editable_by(user).filter(pk=plan.pk).exists()
    editable = can_edit and version.status == Status.WORKING
    document = presenters.document(version, today=today)
    findings = {}
    blockers = []
    if staff and version.status != Status.ISSUED:
        acknowledged = {a.key: a for a in version.acknowledgements.select_related("by")}
        codes = BlockingRule.codes_for(plan.child.local_authority_id)
        findings = presenters.findings_by_section(version.findings(today), acknowledged, codes)
        blockers = [f for group in findings.values() for f in group if f["blocks"]]
    shows_comments = allows(user, Capability.READ_PLAN_COMMENTS)
    comments = _comments_by_section(version) if shows_comments else {}
    versions = PlanVersion.objects.visible_to(user).filter(plan=plan).order_by("number")
    latest = plan.latest_version()
    return render(
        request,
        "plans/version.jinja",
        {
            "title": f"EHC plan {plan.ref}",
            "plan": plan,
            "child": plan.child,
            "version": version,
            "document": document,
            "letter": letter_for(version),
            "council_name": area_name(plan),
            "findings": findings,
            "blockers": blockers,
            "finding_count": sum(len(group) for group in findings.values()),
            "comments": comments,
            "shows_comments": shows_comments,
            "staff": staff,
            "editable": editable,
            "can_edit": can_edit,
            "item_sections": {s.value for s in ITEM_SECTIONS},
            "item_links": _item_links(plan, version),
            "versions": versions,
            "is_latest": latest is not None and latest.pk == version.pk,
            "next_kinds": [Kind(k) for k in NEXT_KINDS.get((version.kind, version.status), ())]
            if can_edit and latest is not None and latest.pk == version.pk
            else [],
            "can_serve": editable and version.kind in SERVED_KINDS,
            "can_issue": editable and version.kind in ISSUED_KINDS,
            "can_comment": allows(user, Capability.COMMENT_ON_PLAN) and version.accepts_comments_on(today),
            "comments_until": version.comments_until(),
            "today": today,
            "back_link": f"/children/{plan.child_id}/",
        },
    )


@requires(Capability.VIEW_PLAN)
def compare(request, pk, number):
    plan = visible_plan(request, pk)
    version = visible_version(request, plan, number)
    visible = PlanVersion.objects.visible_to(request.user).filter(plan=plan)
    other_number = request.GET.get("with", "")
    if other_number.isdigit():
        other = visible.filter(number=int(other_number)).first()
    else:
        other = visible.filter(number__lt=version.number).order_by("-number").first()
    if other is None:
        raise Http404
    other.plan = plan
    older, newer = sorted([other, version], key=lambda v: v.number)
    record_read(Actor.of(request), plan.child, what=f"Compared versions of {plan.ref}")
    changes = plan_changes.changes(older.content(), newer.content())
    return render(
        request,
        "plans/compare.jinja",
        {
            "title": f"What changed from version {older.number} to version {newer.number}",
            "plan": plan,
            "older": older,
            "newer": newer,
            "changes": changes,
            "versions": visible.order_by("number"),
            "version": version,
            "back_link": f"/plans/{plan.pk}/versions/{version.number}/",
        },
    )
