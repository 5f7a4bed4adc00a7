"""The improvement plan: its priorities with aims, actions, progress, ratings and live measures, and
the impact report as a page, Word and PDF."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, requires
from tellonce.core.refusals import EditConflict
from tellonce.core.time import uk_today
from tellonce.core.views import edit_conflict, form_page
from tellonce.improvement import documents, forms, presenters, services
from tellonce.improvement.models import ImprovementPlan, Priority
from tellonce.improvement.views.common import managed_priority, report_date


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
    return form_page(
        request,
        form,
        title="Add a priority",
        button="Add the priority",
        back=reverse("improvement:plan", args=[plan.pk]),
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


@requires(Capability.MANAGE_IMPROVEMENT_PLAN)
def priority_edit(request, pk):
    priority = managed_priority(request, pk)
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
    return form_page(request, form, title=f"Change area {priority.number}", button="Save", back=back)


@requires(Capability.MANAGE_IMPROVEMENT_PLAN)
def action_new(request, pk):
    priority = managed_priority(request, pk)
    back = reverse("improvement:priority", args=[pk])
    form = forms.ActionForm(request.POST or None, local_authority_id=priority.plan.local_authority_id)
    if request.method == "POST" and form.is_valid():
        services.add_action(priority, by=Actor.of(request), **form.cleaned_data)
        messages.success(request, "Action added")
        return redirect(back)
    return form_page(
        request,
        form,
        title="Add an action",
        button="Add the action",
        back=back,
        caption=f"Area {priority.number}",
    )


@requires(Capability.MANAGE_IMPROVEMENT_PLAN)
def update_new(request, pk):
    priority = managed_priority(request, pk)
    back = reverse("improvement:priority", args=[pk])
    form = forms.UpdateForm(request.POST or None, today=uk_today(), initial={"recorded_on": uk_today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.record_update(
            priority, by=Actor.of(request), kind=data["kind"], text=data["text"], on=data["recorded_on"]
        )
        messages.success(request, "Recorded")
        return redirect(back)
    return form_page(
        request,
        form,
        title="Record progress, impact, a worry or a next step",
        button="Record it",
        back=back,
        caption=f"Area {priority.number}",
    )


@requires(Capability.MANAGE_IMPROVEMENT_PLAN)
def rate(request, pk):
    priority = managed_priority(request, pk)
    back = reverse("improvement:priority", args=[pk])
    form = forms.RagForm(request.POST or None, today=uk_today(), initial={"rated_on": uk_today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.rate(
            priority, by=Actor.of(request), rag=data["rag"], on=data["rated_on"], reason=data["reason"]
        )
        messages.success(request, "Rating recorded")
        return redirect(back)
    return form_page(
        request,
        form,
        title="Rate this priority",
        button="Record the rating",
        back=back,
        caption=f"Area {priority.number}",
    )


@requires(Capability.MANAGE_IMPROVEMENT_PLAN)
def measure_new(request, pk):
    priority = managed_priority(request, pk)
    back = reverse("improvement:priority", args=[pk])
    form = forms.MeasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.cite_measure(
            priority, by=Actor.of(request), key=form.cleaned_data["key"], target=form.cleaned_data["target"]
        )
        messages.success(request, "Measure added")
        return redirect(back)
    intro = "The measure's current value and its trend over the last six months show on the priority."
    return form_page(
        request,
        form,
        title="Cite a live measure",
        button="Add the measure",
        back=back,
        caption=f"Area {priority.number}",
        intro=intro,
    )


@requires(Capability.SEE_IMPROVEMENT_PLAN)
def impact(request, pk):
    plan = get_object_or_404(ImprovementPlan.objects.visible_to(request.user), pk=pk)
    on = report_date(request)
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
    report = presenters.impact_report(plan, report_date(request))
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
