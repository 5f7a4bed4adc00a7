"""Starting a plan, sending a draft or proposed amendments to the family, starting the next
version, and issuing the final or amended plan once its blocking findings are answered."""

from datetime import timedelta

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, requires
from tellonce.assessments.models import AssessmentRequest
from tellonce.core.forms import service_kwargs
from tellonce.core.refusals import EditConflict, InvalidStep
from tellonce.core.time import uk_today
from tellonce.domain import plan_quality
from tellonce.people.models import Child
from tellonce.plans import forms, services
from tellonce.plans.models import SERVED_KINDS, Kind
from tellonce.plans.views.common import (
    attempt,
    conflict,
    editable_plan,
    editable_version,
    version_form_page,
    version_url,
)


@require_POST
@requires(Capability.EDIT_PLAN)
def start(request, child_pk):
    child = get_object_or_404(Child.objects.within_scope(request.user, Capability.EDIT_PLAN), pk=child_pk)
    assessment = None
    if request.POST.get("assessment"):
        assessment = get_object_or_404(
            AssessmentRequest.objects.editable_by(request.user).filter(child=child),
            pk=request.POST["assessment"],
        )
    try:
        plan = services.start_plan(child, by=Actor.of(request), today=uk_today(), assessment=assessment)
    except InvalidStep as invalid:
        messages.error(request, invalid.problems[0])
        return redirect("workspace:child", pk=child.pk)
    messages.success(request, f"Plan {plan.ref} started: version 1 is a draft")
    return redirect("plans:version", pk=plan.pk, number=1)


@requires(Capability.EDIT_PLAN)
def serve(request, pk, number):
    version = editable_version(request, pk, number)
    if version.kind not in SERVED_KINDS:
        raise Http404
    today = uk_today()
    form = forms.ServeForm(
        request.POST or None, today=today, initial={"version": version.version, "served_on": today}
    )
    saved = attempt(
        request,
        version,
        form,
        lambda d: services.serve(version, by=Actor.of(request), today=today, **service_kwargs(d)),
        done=f"{version.get_kind_display()} sent to the family",
    )
    if saved:
        return saved
    return version_form_page(
        request,
        version,
        form,
        title=f"Send the {version.get_kind_display().lower()} to the family",
        button="Send it",
        intro="The family has 15 days, starting on the day it is sent, to comment, ask for a school or college to be "
        "named and ask for a meeting. They will be told by email and can read it in Tellonce.",
    )


@requires(Capability.EDIT_PLAN)
def next_version(request, pk):
    plan = editable_plan(request, pk)
    latest = plan.latest_version()
    latest.plan = plan
    kinds = services.NEXT_KINDS.get((latest.kind, latest.status), ())
    if not kinds or plan.ceased_on:
        raise Http404
    labels = {
        Kind.FINAL: "The final plan, with any changes from the family's comments and the setting in section I",
        Kind.DRAFT: "A new draft, for changes the family must see again",
        Kind.AMENDED: "The amended plan, with any changes from the family's comments",
        Kind.PROPOSED_AMENDMENT: "Proposed amendments to send to the family",
    }
    form = forms.NextVersionForm(request.POST or None, kinds=[(k.value, labels[k]) for k in map(Kind, kinds)])
    if request.method == "POST" and form.is_valid():
        try:
            version = services.prepare_next(
                plan, kind=form.cleaned_data["kind"], by=Actor.of(request), today=uk_today()
            )
        except InvalidStep as invalid:
            for problem in invalid.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, f"Version {version.number} started")
            return redirect(version_url(version))
    return version_form_page(
        request,
        latest,
        form,
        title="Start the next version",
        button="Start it",
        intro=f"It starts as a copy of version {latest.number}, which stays as it is.",
    )


@requires(Capability.EDIT_PLAN)
def issue(request, pk, number):
    version = editable_version(request, pk, number)
    if version.kind not in (Kind.FINAL, Kind.AMENDED):
        raise Http404
    today = uk_today()
    form = forms.IssueForm(
        request.POST or None, today=today, initial={"version": version.version, "issued_on": today}
    )
    blockers = services.blocking_findings(version, today)
    until = services.family_can_comment_until(version)
    if request.method == "POST" and form.is_valid():
        try:
            services.issue(version, by=Actor.of(request), today=today, **service_kwargs(form.cleaned_data))
        except EditConflict:
            return conflict(request, version, form)
        except services.PlanNotReady as not_ready:
            blockers = not_ready.findings
            form.add_error(
                None, f"{len(blockers)} findings must be put right or acknowledged before the plan is issued"
            )
        except InvalidStep as invalid:
            for problem in invalid.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, f"{version.get_kind_display()} issued")
            return redirect(version_url(version))
    return render(
        request,
        "plans/issue.jinja",
        {
            "title": f"Issue the {version.get_kind_display().lower()}",
            "form": form,
            "version": version,
            "blockers": [(f, plan_quality.CHECKS[f.code].title) for f in blockers],
            "comments_until": until,
            "issue_from": until + timedelta(days=1) if until else None,
            "today": today,
            "button": "Issue the plan",
            "back_link": version_url(version),
        },
        status=200,
    )
