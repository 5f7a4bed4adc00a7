"""Plan quality across the area: how many plans in force have each finding, which plans they are,
and (for the SEND manager and quality lead) which findings block issuing a final plan."""

from collections import Counter

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, allows, requires
from tellonce.audit.services import record_listed
from tellonce.core.replica import reporting_page
from tellonce.core.time import uk_today
from tellonce.domain import plan_quality
from tellonce.plans import services
from tellonce.plans.models import BlockingRule, PlanVersion

PAGE_LIMIT = 200


@requires(Capability.SEE_PLAN_QUALITY)
@reporting_page
def overview(request):
    """Counts from the codes each plan's checks last found (kept on every change to a plan, and
    every night by `tellonce check-plans`), so the page reads one row a plan. The counts cover
    every plan the user oversees (the council's, for its staff, the board and the designated
    clinical officer); the plans listed by name are only those the user may read."""
    chosen = request.GET.get("check", "")
    if chosen and chosen not in plan_quality.CHECKS:
        raise Http404
    in_force = PlanVersion.objects.within_scope(request.user, Capability.SEE_PLAN_QUALITY).in_force(
        uk_today()
    )
    elsewhere = in_force.exclude(source="tellonce").count()
    rows = list(in_force.filter(source="tellonce").values_list("pk", "finding_codes", "findings_checked_on"))
    counts: Counter = Counter(code for _, codes, _ in rows for code in codes)
    checked = [on for _, _, on in rows if on is not None]
    blocking = BlockingRule.codes_for(request.user.local_authority_id)
    table = [
        {
            "code": code,
            "info": info,
            "severity": plan_quality.SEVERITY_LABELS[info.severity],
            "plans": counts[code],
            "percent": 100 * counts[code] / len(rows) if rows else None,
            "blocks": code in blocking,
        }
        for code, info in plan_quality.CHECKS.items()
    ]
    table.sort(key=lambda row: (-row["plans"], row["info"].title))
    with_chosen = [pk for pk, codes, _ in rows if chosen in codes]
    shown = list(
        PlanVersion.objects.visible_to(request.user)
        .filter(pk__in=with_chosen[:PAGE_LIMIT])
        .select_related("plan__child", "plan__coordinator")
        .order_by("plan__ref")
    )
    if shown:
        record_listed(Actor.of(request), [v.plan.child for v in shown], what="Listed in plan quality")
    return render(
        request,
        "plans/quality.jinja",
        {
            "title": "Plan quality",
            "rows": table,
            "total": len(rows),
            "clean": sum(1 for _, codes, _ in rows if not codes),
            "checked_from": min(checked) if checked else None,
            "checked_to": max(checked) if checked else None,
            "unchecked": len(rows) - len(checked),
            "elsewhere": elsewhere,
            "chosen": plan_quality.CHECKS.get(chosen),
            "chosen_code": chosen,
            "with_chosen": shown,
            "more": len(with_chosen) - len(shown),
            "can_set": allows(request.user, Capability.SET_PLAN_CHECKS),
        },
    )


@requires(Capability.SET_PLAN_CHECKS)
def checks(request):
    la = request.user.local_authority
    blocking = BlockingRule.codes_for(la.pk)
    if request.method == "POST":
        wanted = set(request.POST.getlist("blocks"))
        unknown = wanted - set(plan_quality.CHECKS)
        if unknown:
            raise Http404
        for code in plan_quality.CHECKS:
            if (code in wanted) != (code in blocking):
                services.set_blocking(la, code=code, blocks_issue=code in wanted, by=Actor.of(request))
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
