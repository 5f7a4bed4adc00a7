"""The improvement plan: its priorities with aims, actions, progress, ratings and live measures, and
the impact report as a page, Word and PDF."""

from datetime import date
from typing import IO

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, requires
from tellonce.core.formatting import govuk_date
from tellonce.core.refusals import EditConflict
from tellonce.core.time import uk_today
from tellonce.core.views import edit_conflict, form_page
from tellonce.improvement import documents, forms, presenters, services
from tellonce.improvement.models import ImprovementPlan, Priority
from tellonce.improvement.views.common import managed_priority, priority_step, report_date
from tellonce.jobs.models import PreparedFile
from tellonce.jobs.prepared import CannotPrepare, Made, Producer, request_file

IMPACT_REPORT = "improvement-impact-report"
FORMATS = {
    "docx": ("Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": ("PDF", "application/pdf"),
}


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
    return priority_step(
        request,
        pk,
        lambda data, priority: forms.ActionForm(data, local_authority_id=priority.plan.local_authority_id),
        lambda priority, d: services.add_action(priority, by=Actor.of(request), **d),
        title="Add an action",
        button="Add the action",
        done="Action added",
    )


@requires(Capability.MANAGE_IMPROVEMENT_PLAN)
def update_new(request, pk):
    return priority_step(
        request,
        pk,
        lambda data, _: forms.UpdateForm(data, today=uk_today(), initial={"recorded_on": uk_today()}),
        lambda priority, d: services.record_update(
            priority, by=Actor.of(request), kind=d["kind"], text=d["text"], on=d["recorded_on"]
        ),
        title="Record progress, impact, a worry or a next step",
        button="Record it",
        done="Recorded",
    )


@requires(Capability.MANAGE_IMPROVEMENT_PLAN)
def rate(request, pk):
    return priority_step(
        request,
        pk,
        lambda data, _: forms.RagForm(data, today=uk_today(), initial={"rated_on": uk_today()}),
        lambda priority, d: services.rate(
            priority, by=Actor.of(request), rag=d["rag"], on=d["rated_on"], reason=d["reason"]
        ),
        title="Rate this priority",
        button="Record the rating",
        done="Rating recorded",
    )


@requires(Capability.MANAGE_IMPROVEMENT_PLAN)
def measure_new(request, pk):
    return priority_step(
        request,
        pk,
        lambda data, _: forms.MeasureForm(data),
        lambda priority, d: services.cite_measure(
            priority, by=Actor.of(request), key=d["key"], target=d["target"]
        ),
        title="Cite a live measure",
        button="Add the measure",
        done="Measure added",
        intro="The measure's current value and its trend over the last six months show on the priority.",
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
@require_POST
def impact_download(request, pk, fmt):
    """The report covers every priority with its history: the worker makes the Word or PDF file."""
    plan = get_object_or_404(ImprovementPlan.objects.visible_to(request.user), pk=pk)
    if fmt not in FORMATS:
        raise Http404
    on = report_date(request)
    prepared = request_file(
        IMPACT_REPORT,
        by=Actor.of(request),
        council_id=plan.local_authority_id,
        title=f"Impact report as at {govuk_date(on)} ({FORMATS[fmt][0]})",
        parameters={"plan": str(plan.pk), "on": on.isoformat(), "format": fmt},
    )
    return redirect("files:prepared", pk=prepared.pk)


def _make_impact_report(prepared: PreparedFile, out: IO[bytes]) -> Made:
    asked = prepared.parameters
    plan = ImprovementPlan.objects.visible_to(prepared.requested_by).filter(pk=asked["plan"]).first()
    if plan is None:
        raise CannotPrepare("You can no longer see this improvement plan, so its report was not made.")
    report = presenters.impact_report(plan, date.fromisoformat(asked["on"]))
    fmt = asked["format"]
    out.write(documents.impact_docx(report) if fmt == "docx" else documents.impact_pdf(report))
    return Made(
        filename=f"impact-report-{report.on.isoformat()}.{fmt}",
        content_type=FORMATS[fmt][1],
        outcome=[
            "The improvement plan's impact report: each area with its aim, progress, impact and worries."
        ],
    )


impact_report_producer = Producer(
    name=IMPACT_REPORT,
    capability=Capability.SEE_IMPROVEMENT_PLAN,
    make=_make_impact_report,
    back=lambda prepared: reverse("improvement:impact", args=[prepared.parameters["plan"]]),
)
