"""Plan quality across the area: how many plans in force have each finding, which plans they are,
and (for the SEND manager and quality lead) which findings block issuing a final plan."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, allows, requires
from tellonce.audit.services import record_listed
from tellonce.core.replica import reporting_page
from tellonce.core.time import uk_today
from tellonce.domain import plan_quality
from tellonce.plans import measures, services
from tellonce.plans.models import BlockingRule, PlanVersion

PAGE_LIMIT = 200
# What the list of plans with a finding shows (and the audit of who was listed needs), no more.
LISTED = (
    "plan_id",
    "number",
    "issued_on",
    "plan__ref",
    "plan__child__local_authority_id",
    "plan__child__given_name",
    "plan__child__preferred_name",
    "plan__child__family_name",
    "plan__coordinator__username",
    "plan__coordinator__first_name",
    "plan__coordinator__last_name",
)


@requires(Capability.SEE_PLAN_QUALITY)
@reporting_page
def overview(request):
    """Counts from the codes each plan's checks last found (kept on every change to a plan, and
    every night by `tellonce check-plans`), counted in two queries (plans.measures). The counts cover
    every plan the user oversees (the council's, for its staff, the board and the designated
    clinical officer); the plans listed by name are only those the user may read."""
    chosen = request.GET.get("check", "")
    if chosen and chosen not in plan_quality.CHECKS:
        raise Http404
    council = request.user.local_authority_id
    in_force = PlanVersion.objects.in_force_within_scope(
        request.user, Capability.SEE_PLAN_QUALITY, uk_today()
    )
    counted, elsewhere = measures.overview(in_force)
    written = in_force.filter(measures.WRITTEN)
    blocking = BlockingRule.codes_for(request.user.local_authority_id)
    table = [
        {
            "code": code,
            "info": info,
            "severity": plan_quality.SEVERITY_LABELS[info.severity],
            "plans": counted.by_code[code],
            "percent": 100 * counted.by_code[code] / counted.plans if counted.plans else None,
            "blocks": code in blocking,
        }
        for code, info in plan_quality.CHECKS.items()
    ]
    table.sort(key=lambda row: (-row["plans"], row["info"].title))
    with_chosen = written.filter(measures.found(chosen, council)) if chosen else None
    shown = (
        list(
            PlanVersion.objects.visible_to(request.user)
            .filter(pk__in=with_chosen.order_by("plan__ref").values("pk")[:PAGE_LIMIT])
            .select_related("plan__child", "plan__coordinator")
            .only(*LISTED)
            .order_by("plan__ref")
        )
        if with_chosen is not None
        else []
    )
    if shown:
        record_listed(Actor.of(request), [v.plan.child for v in shown], what="Listed in plan quality")
    return render(
        request,
        "plans/quality.jinja",
        {
            "title": "Plan quality",
            "rows": table,
            "total": counted.plans,
            "clean": counted.clean,
            "checked_from": counted.checked_from,
            "checked_to": counted.checked_to,
            "unchecked": counted.unchecked,
            "elsewhere": elsewhere,
            "chosen": plan_quality.CHECKS.get(chosen),
            "chosen_code": chosen,
            "with_chosen": shown,
            "more": (counted.by_code[chosen] if chosen else 0) - len(shown),
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
