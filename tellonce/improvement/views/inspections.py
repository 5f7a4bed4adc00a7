"""Inspection reports: the list, uploading a report, checking and correcting what was read from it, and
making the improvement plan from its findings."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, allows, requires
from tellonce.core.limits import accepts_uploads
from tellonce.improvement import forms, services
from tellonce.improvement.importing import ImportProblem, details_from_json, extract, rows_from_json
from tellonce.improvement.models import Finding, Inspection

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
