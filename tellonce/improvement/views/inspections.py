"""Inspection reports: the list, uploading a report, checking and correcting what was read from it, and
making the improvement plan from its findings."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, allows, requires
from tellonce.core.limits import accepts_uploads
from tellonce.core.time import uk_today
from tellonce.core.views import attempt, edit_conflict
from tellonce.improvement import forms, services
from tellonce.improvement.importing import ImportProblem, details_from_json, extract, rows_from_json
from tellonce.improvement.models import Finding, ImprovementPlan, Inspection

DRAFT = "improvement_import_draft"


@requires(Capability.SEE_IMPROVEMENT_PLAN)
def inspections(request):
    return render(
        request,
        "improvement/inspections.jinja",
        {
            "title": "Inspections and improvement plans",
            "inspections": Inspection.objects.visible_to(request.user).prefetch_related("plans"),
            "can_manage": allows(request.user, Capability.MANAGE_IMPROVEMENT_PLAN),
        },
    )


@accepts_uploads
@requires(Capability.MANAGE_IMPROVEMENT_PLAN)
def import_report(request):
    form = forms.UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["report"]
        try:
            found = extract(upload.read(), filename=upload.name)
        except ImportProblem as problem:
            form.add_error("report", f"{problem}. Nothing has been saved")
        else:
            request.session[DRAFT] = {"found": found, "source_name": upload.name}
            return redirect("improvement:review")
    return render(
        request,
        "improvement/import.jinja",
        {
            "title": "Import an inspection report",
            "form": form,
            "back_link": reverse("improvement:inspections"),
        },
    )


@requires(Capability.MANAGE_IMPROVEMENT_PLAN)
def review(request):
    draft = request.session.get(DRAFT)
    if not draft:
        return redirect("improvement:import")
    found = draft["found"]
    details = forms.DetailsForm(
        request.POST or None, initial=forms.DetailsForm.initial_from(details_from_json(found))
    )
    rows = [forms.FindingForm.initial_from(r) for r in rows_from_json(found)]
    findings = forms.FindingFormSet(request.POST or None, initial=rows, prefix="finding")
    if request.method == "POST" and details.is_valid() and findings.is_valid():
        inspection = services.save_inspection(
            by=Actor.of(request),
            local_authority=request.user.local_authority,
            details=details.details(),
            findings=[row for form in findings if (row := form.row())],
            extracted=found,
            source_name=draft["source_name"],
        )
        del request.session[DRAFT]
        messages.success(request, "The inspection has been saved")
        if services.plan_to_update(inspection) is not None:
            return redirect("improvement:update-plan", pk=inspection.pk)
        return redirect("improvement:inspection", pk=inspection.pk)
    return render(
        request,
        "improvement/review.jinja",
        {
            "title": "Check what was found",
            "details": details,
            "findings": findings,
            "notes": found.get("notes", []),
            "source_name": draft["source_name"],
            "area_mismatch": _mismatch(found.get("area", ""), request.user.local_authority.name),
            "back_link": reverse("improvement:import"),
        },
    )


def _mismatch(found: str, council: str) -> bool:
    def words(s):
        return {w for w in s.lower().replace(",", " ").split() if w not in {"the", "of", "and", "council"}}

    return bool(found) and not words(found) & words(council)


@requires(Capability.SEE_IMPROVEMENT_PLAN)
def inspection_detail(request, pk):
    inspection = get_object_or_404(Inspection.objects.visible_to(request.user), pk=pk)
    groups = {}
    for finding in inspection.findings.all():
        groups.setdefault(finding.get_kind_display(), []).append(finding)
    return render(
        request,
        "improvement/inspection.jinja",
        {
            "title": str(inspection),
            "inspection": inspection,
            "groups": groups,
            "plans": inspection.plans.all(),
            "plan_to_update": services.plan_to_update(inspection),
            "later_plans": ImprovementPlan.objects.visible_to(request.user)
            .filter(
                Q(priorities__later_findings__finding__inspection=inspection)
                | Q(priorities__finding__inspection=inspection)
            )
            .exclude(inspection=inspection)
            .distinct(),
            "answered": inspection.findings.filter(kind__in=Finding.ANSWERED_BY_PLAN).count(),
            "can_manage": Inspection.objects.managed_by(request.user).filter(pk=pk).exists(),
            "back_link": reverse("improvement:inspections"),
        },
    )


@requires(Capability.MANAGE_IMPROVEMENT_PLAN)
@require_POST
def make_plan(request, pk):
    inspection = get_object_or_404(Inspection.objects.managed_by(request.user), pk=pk)
    plan = services.create_plan(inspection, by=Actor.of(request))
    messages.success(request, f"Plan made with {plan.priorities.count()} priorities")
    return redirect("improvement:plan", pk=plan.pk)


@requires(Capability.MANAGE_IMPROVEMENT_PLAN)
def update_plan(request, pk):
    """A monitoring inspection's findings matched to the plan's existing priorities: each is
    suggested by the words it shares, the person confirms or chooses a new priority, then it saves."""
    inspection = get_object_or_404(Inspection.objects.managed_by(request.user), pk=pk)
    back = reverse("improvement:inspection", args=[pk])
    found = services.plan_to_update(inspection)
    if found is None:
        return redirect(back)
    plan = get_object_or_404(ImprovementPlan.objects.managed_by(request.user), pk=found.pk)
    findings = services.findings_to_match(inspection)
    priorities = list(plan.priorities.all())
    form = forms.MatchFindingsForm(
        request.POST or None,
        findings=findings,
        priorities=priorities,
        suggested=services.suggested_matches(inspection, plan),
    )
    saved = attempt(
        request,
        form,
        lambda _: services.update_plan_from_inspection(
            inspection, plan, by=Actor.of(request), today=uk_today(), matches=form.matches()
        ),
        done="The plan has been updated with the inspection's findings",
        to=reverse("improvement:plan", args=[plan.pk]),
        on_conflict=lambda: edit_conflict(request, back=back),
    )
    return saved or render(
        request,
        "improvement/update_plan.jinja",
        {
            "title": "Match the findings to the plan's priorities",
            "inspection": inspection,
            "plan": plan,
            "form": form,
            "back_link": back,
        },
    )
