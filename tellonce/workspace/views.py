"""Pages that join several apps: the home page that sends each role to its starting page, the
partnership board's totals, and the child's page, which gathers the record, assessments, plans,
advice and waiting-list referrals the user may see."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render

from tellonce.accounts.roles import CASEWORKERS, COUNCIL_READERS, FAMILY, Role
from tellonce.advice.models import AdviceRequest
from tellonce.audit import services as audit
from tellonce.core.time import uk_today
from tellonce.people.models import Child
from tellonce.people.presenters import ChildSummary, family_rows, need_label, sen_status_label
from tellonce.waiting_lists.models import Referral
from tellonce.workspace.presenters import assessment_summaries, plans_of


@login_required
def home(request):
    role = request.user.role
    if role in CASEWORKERS:
        return redirect("assessments:caseload")
    if role in COUNCIL_READERS:
        return redirect("people:find")
    if role in FAMILY:
        return redirect("people:my-children")
    if role == Role.BOARD_MEMBER:
        return partnership_overview(request)
    if role == Role.LOCAL_OFFER_MANAGER:
        return redirect("local_offer:manage")
    if role == Role.PROVIDER:
        return redirect("local_offer:my-listings")
    return redirect("people:list")


def partnership_overview(request):
    """Counts only: a board member sees no child."""
    children = Child.objects.filter(local_authority_id=request.user.local_authority_id)
    by_status = children.values("sen_status").annotate(n=Count("id")).order_by("-n")
    by_need = children.exclude(primary_need="").values("primary_need").annotate(n=Count("id")).order_by("-n")
    return render(
        request,
        "workspace/overview.jinja",
        {
            "title": "Partnership overview",
            "total": children.count(),
            "by_status": [_row(sen_status_label(row["sen_status"]), row["n"]) for row in by_status],
            "by_need": [_row(need_label(row["primary_need"]), row["n"]) for row in by_need],
        },
    )


def _row(label: str, count: int) -> list[dict]:
    return [{"text": label}, {"text": f"{count:,}", "format": "numeric"}]


@login_required
def child(request, pk):
    children = Child.objects.visible_to(request.user).select_related("setting", "locality", "coordinator")
    child = get_object_or_404(children, pk=pk)
    audit.record_read(request.user, child, request=request)
    is_family = request.user.role in FAMILY
    timeline = child.timeline.select_related("actor")
    if is_family:
        timeline = timeline.filter(visible_to_family=True)
    today = uk_today()
    return render(
        request,
        "workspace/child.jinja",
        {
            "title": child.full_name,
            "child": child,
            "summary": ChildSummary(child, today=today),
            "family": [(member, family_rows(member)) for member in child.family.all()],
            "consents": child.consents.all(),
            "about": child.all_about_me_or_none(),
            "involvements": child.involvements.select_related("team", "professional"),
            "timeline": timeline[:100],
            "can_edit": request.user.has_perm("people.change_child", child),
            "can_edit_about": request.user.has_perm("people.change_allaboutme", child),
            "can_view_log": request.user.has_perm("audit.view_access_log", child),
            "is_family": is_family,
            "advice": AdviceRequest.objects.visible_to(request.user)
            .filter(child=child)
            .order_by("-requested_on"),
            "referrals": Referral.objects.visible_to(request.user)
            .filter(child=child)
            .select_related("service"),
            "assessments": assessment_summaries(child, today=today, for_family=is_family),
            "plans": plans_of(request.user, child),
        },
    )
