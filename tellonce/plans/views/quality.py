"""Plan quality across the area: how many plans in force have each finding, which plans they are,
and (for the SEND manager and quality lead) which findings block issuing a final plan."""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from tellonce.accounts.roles import COUNCIL_READERS
from tellonce.audit.services import record_listed
from tellonce.core.time import uk_today
from tellonce.domain import plan_quality
from tellonce.plans import services
from tellonce.plans.models import BlockingRule, PlanVersion, Status
from tellonce.plans.permissions import sets_the_councils_checks

PAGE_LIMIT = 200


def _plans_in_force(user):
    """The latest issued version of each plan the user may see, with what its checks need."""
    versions = (
        PlanVersion.objects.visible_to(user)
        .filter(status=Status.ISSUED, plan__ceased_on__isnull=True)
        .select_related("plan__child__setting", "plan__named_officer", "plan__coordinator")
        .prefetch_related("sections")
        .order_by("plan_id", "-number")
    )
    latest, seen = [], set()
    for version in versions:
        if version.plan_id not in seen:
            seen.add(version.plan_id)
            latest.append(version)
    return latest


@login_required
def overview(request):
    if request.user.role not in COUNCIL_READERS:
        raise Http404
    today = uk_today()
    chosen = request.GET.get("check", "")
    if chosen and chosen not in plan_quality.CHECKS:
        raise Http404
    versions = _plans_in_force(request.user)
    counts: Counter = Counter()
    with_chosen, clean = [], 0
    for version in versions:
        codes = {f.code for f in version.findings(today)}
        counts.update(codes)
        clean += not codes
        if chosen in codes:
            with_chosen.append(version)
    blocking = BlockingRule.codes_for(request.user.local_authority_id)
    rows = [
        {
            "code": code,
            "info": info,
            "severity": plan_quality.SEVERITY_LABELS[info.severity],
            "plans": counts[code],
            "percent": 100 * counts[code] / len(versions) if versions else None,
            "blocks": code in blocking,
        }
        for code, info in plan_quality.CHECKS.items()
    ]
    rows.sort(key=lambda row: (-row["plans"], row["info"].title))
    shown = with_chosen[:PAGE_LIMIT]
    if shown:
        record_listed(
            request.user, [v.plan.child for v in shown], request=request, what="Listed in plan quality"
        )
    return render(
        request,
        "plans/quality.jinja",
        {
            "title": "Plan quality",
            "rows": rows,
            "total": len(versions),
            "clean": clean,
            "chosen": plan_quality.CHECKS.get(chosen),
            "chosen_code": chosen,
            "with_chosen": shown,
            "more": len(with_chosen) - len(shown),
            "can_set": sets_the_councils_checks(request.user),
        },
    )


@login_required
def checks(request):
    if not sets_the_councils_checks(request.user):
        raise Http404
    la = request.user.local_authority
    blocking = BlockingRule.codes_for(la.pk)
    if request.method == "POST":
        wanted = set(request.POST.getlist("blocks"))
        unknown = wanted - set(plan_quality.CHECKS)
        if unknown:
            raise Http404
        for code in plan_quality.CHECKS:
            if (code in wanted) != (code in blocking):
                services.set_blocking(la, code=code, blocks_issue=code in wanted, by=request.user)
        messages.success(request, "The checks that block issuing a plan have been saved")
        return redirect("plans:checks")
    return render(
        request,
        "plans/checks.jinja",
        {
            "title": "Checks that stop a plan being issued",
            "checks": [
                {
                    "code": code,
                    "info": info,
                    "severity": plan_quality.SEVERITY_LABELS[info.severity],
                    "blocks": code in blocking,
                }
                for code, info in plan_quality.CHECKS.items()
            ],
            "back_link": "/plans/quality/",
        },
    )
