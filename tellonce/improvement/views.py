"""Pages for inspection findings and the improvement plan. Managers (SEND manager, quality lead)
import reports and run the plan; council staff and board members read it; an action's owner
updates it. Anything out of scope answers 404."""

from datetime import date

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, allows, requires
from tellonce.core.refusals import EditConflict
from tellonce.core.time import uk_today
from tellonce.core.views import edit_conflict
from tellonce.improvement import documents, forms, presenters, services
from tellonce.improvement.importing import ImportProblem, details_from_json, extract, rows_from_json
from tellonce.improvement.models import Action, Finding, ImprovementPlan, Inspection, Priority

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


@requires(Capability.SEE_IMPROVEMENT_PLAN)
def plan_detail(request, pk):
    plan = get_object_or_404(ImprovementPlan.objects.visible_to(request.user), pk=pk)
    return render(
        request,
        "improvement/plan.jinja",
        {
            "title": plan.title,
            "plan": plan,
            "board": presenters.board_view(plan, uk_today()),
            "can_manage": ImprovementPlan.objects.managed_by(request.user).filter(pk=pk).exists(),
            "today": uk_today(),
            "back_link": reverse("improvement:inspections"),
        },
    )


@requires(Capability.MANAGE_IMPROVEMENT_PLAN)
def priority_new(request, pk):
    plan = get_object_or_404(ImprovementPlan.objects.managed_by(request.user), pk=pk)
    form = forms.NewPriorityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        priority = services.add_priority(plan, by=Actor.of(request), **form.cleaned_data)
        return redirect("improvement:priority", pk=priority.pk)
    return _form(
        request, form, "Add a priority", "Add the priority", reverse("improvement:plan", args=[plan.pk])
    )


def _form(request, form, title: str, button: str, back: str, caption: str = "", intro: str = ""):
    return render(
        request,
        "core/form_page.jinja",
        {
            "title": title,
            "form": form,
            "button": button,
            "back_link": back,
            "caption": caption,
            "intro": intro,
        },
    )


@requires(Capability.SEE_IMPROVEMENT_PLAN)
def priority_detail(request, pk):
    priority = get_object_or_404(
        Priority.objects.visible_to(request.user).select_related("plan", "lead"), pk=pk
    )
    return render(
        request,
        "improvement/priority.jinja",
        {
            "title": f"Area {priority.number}",
            "view": presenters.priority_view(priority, uk_today()),
            "can_manage": Priority.objects.managed_by(request.user).filter(pk=pk).exists(),
            "back_link": reverse("improvement:plan", args=[priority.plan_id]),
        },
    )


def _managed_priority(request, pk) -> Priority:
    return get_object_or_404(Priority.objects.managed_by(request.user).select_related("plan"), pk=pk)


@requires(Capability.MANAGE_IMPROVEMENT_PLAN)
def priority_edit(request, pk):
    priority = _managed_priority(request, pk)
    back = reverse("improvement:priority", args=[pk])
    initial = {
        "version": priority.version,
        "title": priority.title,
        "aim": priority.aim,
        "lead": priority.lead_id,
    }
    form = forms.PriorityForm(
        request.POST or None, initial=initial, local_authority_id=priority.plan.local_authority_id
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            changes = {"title": data["title"], "aim": data["aim"], "lead": data["lead"]}
            services.edit_priority(
                priority, by=Actor.of(request), expected_version=data["version"], changes=changes
            )
        except EditConflict:
            return edit_conflict(request, back=back)
        messages.success(request, "Priority saved")
        return redirect(back)
    return _form(request, form, f"Change area {priority.number}", "Save", back)


@requires(Capability.MANAGE_IMPROVEMENT_PLAN)
def action_new(request, pk):
    priority = _managed_priority(request, pk)
    back = reverse("improvement:priority", args=[pk])
    form = forms.ActionForm(request.POST or None, local_authority_id=priority.plan.local_authority_id)
    if request.method == "POST" and form.is_valid():
        services.add_action(priority, by=Actor.of(request), **form.cleaned_data)
        messages.success(request, "Action added")
        return redirect(back)
    return _form(request, form, "Add an action", "Add the action", back, caption=f"Area {priority.number}")


@requires(Capability.MANAGE_IMPROVEMENT_PLAN)
def update_new(request, pk):
    priority = _managed_priority(request, pk)
    back = reverse("improvement:priority", args=[pk])
    form = forms.UpdateForm(request.POST or None, today=uk_today(), initial={"recorded_on": uk_today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.record_update(
            priority, by=Actor.of(request), kind=data["kind"], text=data["text"], on=data["recorded_on"]
        )
        messages.success(request, "Recorded")
        return redirect(back)
    return _form(
        request,
        form,
        "Record progress, impact, a worry or a next step",
        "Record it",
        back,
        caption=f"Area {priority.number}",
    )


@requires(Capability.MANAGE_IMPROVEMENT_PLAN)
def rate(request, pk):
    priority = _managed_priority(request, pk)
    back = reverse("improvement:priority", args=[pk])
    form = forms.RagForm(request.POST or None, today=uk_today(), initial={"rated_on": uk_today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.rate(
            priority, by=Actor.of(request), rag=data["rag"], on=data["rated_on"], reason=data["reason"]
        )
        messages.success(request, "Rating recorded")
        return redirect(back)
    return _form(
        request, form, "Rate this priority", "Record the rating", back, caption=f"Area {priority.number}"
    )


@requires(Capability.MANAGE_IMPROVEMENT_PLAN)
def measure_new(request, pk):
    priority = _managed_priority(request, pk)
    back = reverse("improvement:priority", args=[pk])
    form = forms.MeasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.cite_measure(
            priority, by=Actor.of(request), key=form.cleaned_data["key"], target=form.cleaned_data["target"]
        )
        messages.success(request, "Measure added")
        return redirect(back)
    intro = "The measure's current value and its trend over the last six months show on the priority."
    return _form(
        request,
        form,
        "Cite a live measure",
        "Add the measure",
        back,
        caption=f"Area {priority.number}",
        intro=intro,
    )


@requires(Capability.MANAGE_IMPROVEMENT_PLAN, Capability.UPDATE_OWN_ACTIONS)
def action_update(request, pk):
    action = get_object_or_404(
        Action.objects.updatable_by(request.user).select_related("priority__plan"), pk=pk
    )
    sees_plan = Priority.objects.visible_to(request.user).filter(pk=action.priority_id).exists()
    back = (
        reverse("improvement:priority", args=[action.priority_id])
        if sees_plan
        else reverse("improvement:my-actions")
    )
    form = forms.ActionUpdateForm(
        request.POST or None, initial={"version": action.version, "status": action.status}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_action(
                action,
                by=Actor.of(request),
                expected_version=data["version"],
                status=data["status"],
                note=data["note"],
                on=uk_today(),
            )
        except EditConflict:
            return edit_conflict(request, back=back)
        messages.success(request, "Action updated")
        return redirect(back)
    return render(
        request,
        "improvement/action.jinja",
        {
            "title": "Update an action",
            "action": presenters.action_view(action, uk_today()),
            "can_change": Priority.objects.managed_by(request.user).filter(pk=action.priority_id).exists(),
            "form": form,
            "back_link": back,
        },
    )


@requires(Capability.MANAGE_IMPROVEMENT_PLAN)
def action_change(request, pk):
    """Plan managers reword an action, change its owner or partner, or move its due date."""
    managed = Action.objects.filter(priority__in=Priority.objects.managed_by(request.user))
    action = get_object_or_404(managed.select_related("priority__plan"), pk=pk)
    priority = action.priority
    back = reverse("improvement:priority", args=[priority.pk])
    initial = {
        "version": action.version,
        "text": action.text,
        "owner": action.owner_id,
        "partner_agency": action.partner_agency,
        "due_on": action.due_on,
    }
    form = forms.ActionChangeForm(
        request.POST or None,
        initial=initial,
        due_on=action.due_on,
        local_authority_id=priority.plan.local_authority_id,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.change_action(
                action, by=Actor.of(request), on=uk_today(), expected_version=data.pop("version"), **data
            )
        except EditConflict:
            return edit_conflict(request, back=back)
        messages.success(request, "Action changed")
        return redirect(back)
    return _form(request, form, "Change an action", "Save", back, caption=f"Area {priority.number}")


@requires(Capability.UPDATE_OWN_ACTIONS)
def my_actions(request):
    actions = Action.objects.filter(owner=request.user).select_related("priority__plan")
    return render(
        request,
        "improvement/my_actions.jinja",
        {
            "title": "My improvement actions",
            "actions": [presenters.action_view(a, uk_today()) for a in actions],
        },
    )


def _report_date(request) -> date:
    form = forms.ReportDateForm(request.GET)
    if not form.is_valid():
        raise Http404
    return form.cleaned_data["on"] or uk_today()


@requires(Capability.SEE_IMPROVEMENT_PLAN)
def impact(request, pk):
    plan = get_object_or_404(ImprovementPlan.objects.visible_to(request.user), pk=pk)
    on = _report_date(request)
    return render(
        request,
        "improvement/impact.jinja",
        {
            "title": "Impact report",
            "report": presenters.impact_report(plan, on),
            "sections": documents._sections,
            "plan": plan,
            "on": on.isoformat(),
            "back_link": reverse("improvement:plan", args=[plan.pk]),
        },
    )


@requires(Capability.SEE_IMPROVEMENT_PLAN)
def impact_download(request, pk, fmt):
    plan = get_object_or_404(ImprovementPlan.objects.visible_to(request.user), pk=pk)
    if fmt not in ("docx", "pdf"):
        raise Http404
    report = presenters.impact_report(plan, _report_date(request))
    name = f"impact-report-{report.on.isoformat()}"
    if fmt == "docx":
        body, kind = (
            documents.impact_docx(report),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    else:
        body, kind = documents.impact_pdf(report), "application/pdf"
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
