"""Pages for advice: a professional's requests and the form to give advice; the council's
decision to accept or return it; documents; timeliness by provider, service and month.
Advice is reached only through the scopes visible_to, answerable_by and editable_by."""

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, Scope, allows, requires, scope
from tellonce.advice import forms, measures, presenters, services
from tellonce.advice.models import AdviceRequest, Document, Status
from tellonce.audit.services import record_read
from tellonce.audit.shown import exported, listed, shown
from tellonce.core.limits import accepts_uploads
from tellonce.core.refusals import EditConflict
from tellonce.core.replica import reporting_page
from tellonce.core.time import uk_today
from tellonce.core.views import edit_conflict, form_page


@requires(Capability.GIVE_ADVICE)
def inbox(request):
    requests = (
        AdviceRequest.objects.answerable_by(request.user)
        .select_related("child", "team")
        .order_by("status", "requested_on")
    )
    today = uk_today()
    waiting = [
        presenters.InboxRow(a, today) for a in requests if a.status in (Status.REQUESTED, Status.RETURNED)
    ]
    done = [
        presenters.InboxRow(a, today) for a in requests if a.status in (Status.SUBMITTED, Status.ACCEPTED)
    ]
    listed(request, [row.advice.child for row in [*waiting, *done[:100]]], what="Listed in the advice inbox")
    return render(
        request, "advice/inbox.jinja", {"title": "Advice requests", "waiting": waiting, "done": done[:100]}
    )


def _visible(request, pk) -> AdviceRequest:
    found = AdviceRequest.objects.visible_to(request.user).select_related(
        "child", "team", "assessment", "setting"
    )
    advice = get_object_or_404(found, pk=pk)
    shown(request, advice.child)
    return advice


@requires(Capability.VIEW_ADVICE)
def detail(request, pk):
    advice = _visible(request, pk)
    record_read(Actor.of(request), advice.child, what=f"Viewed {advice.service_label} advice")
    submissions = advice.submissions.prefetch_related("provision", "documents").select_related("submitted_by")
    if scope(request.user, Capability.VIEW_ADVICE) in (Scope.FAMILY, Scope.SELF):
        submissions = submissions.filter(status=Status.ACCEPTED)
    can_answer = AdviceRequest.objects.answerable_by(request.user).filter(pk=advice.pk).exists()
    can_decide = AdviceRequest.objects.editable_by(request.user).filter(pk=advice.pk).exists()
    return render(
        request,
        "advice/detail.jinja",
        {
            "title": f"{advice.service_label} advice",
            "advice": advice,
            "child": advice.child,
            "submissions": submissions,
            "due": advice.deadline.due,
            "today": uk_today(),
            "can_answer": can_answer and advice.status in (Status.REQUESTED, Status.RETURNED),
            "can_decide": can_decide,
            "exceptions": advice.exceptions.all(),
            "decision_form": forms.DecisionForm(initial={"version": advice.version})
            if can_decide and advice.status == Status.SUBMITTED
            else None,
            "back_link": reverse("advice:inbox")
            if can_answer
            else reverse("workspace:child", args=[advice.child_id]),
        },
    )


@accepts_uploads
@requires(Capability.GIVE_ADVICE)
def give(request, pk):
    advice = get_object_or_404(
        AdviceRequest.objects.answerable_by(request.user).select_related("child"), pk=pk
    )
    if advice.status not in (Status.REQUESTED, Status.RETURNED):
        messages.success(request, "This advice has already been submitted")
        return redirect("advice:detail", pk=advice.pk)
    today = uk_today()
    form = forms.SubmissionForm(
        request.POST or None, request.FILES or None, today=today, initial={"version": advice.version}
    )
    provision = forms.ProvisionFormSet(request.POST or None, prefix="provision")
    if request.method == "POST" and form.is_valid() and provision.is_valid():
        items = [f.cleaned_data for f in provision if f.cleaned_data.get("what")]
        try:
            services.submit_advice(
                advice,
                by=Actor.of(request),
                expected_version=form.cleaned_data["version"],
                needs=form.cleaned_data["needs"],
                outcomes=form.cleaned_data["outcomes"],
                assessed_on=form.cleaned_data["assessed_on"],
                provision=items,
                files=form.cleaned_data["documents"],
                today=today,
            )
        except EditConflict:
            return edit_conflict(request, advice.child)
        except services.AdviceNotOpen as closed:
            form.add_error(None, str(closed))
        else:
            messages.success(request, "Your advice has been sent to the EHC coordinator")
            return redirect("advice:detail", pk=advice.pk)
    return render(
        request,
        "advice/give.jinja",
        {
            "title": f"Give {advice.service_label.lower()} advice",
            "advice": advice,
            "child": advice.child,
            "form": form,
            "provision": provision,
            "due": advice.deadline.due,
            "returned": advice.submissions.filter(status=Status.RETURNED).order_by("-number").first(),
            "back_link": reverse("advice:detail", args=[advice.pk]),
        },
    )


@requires(Capability.DECIDE_ADVICE)
def decide(request, pk):
    advice = get_object_or_404(AdviceRequest.objects.editable_by(request.user).select_related("child"), pk=pk)
    shown(request, advice.child)
    form = forms.DecisionForm(request.POST or None, initial={"version": advice.version})
    if request.method == "POST" and form.is_valid():
        data, today = form.cleaned_data, uk_today()
        try:
            if data["decision"] == "accept":
                services.accept_advice(
                    advice, by=Actor.of(request), expected_version=data["version"], today=today
                )
            else:
                services.return_advice(
                    advice,
                    by=Actor.of(request),
                    reasons=data["reasons"],
                    expected_version=data["version"],
                    today=today,
                )
        except EditConflict:
            return edit_conflict(request, advice.child)
        except services.AdviceNotOpen as closed:
            form.add_error(None, str(closed))
        else:
            messages.success(
                request, "Advice accepted" if data["decision"] == "accept" else "Advice returned"
            )
            return redirect("advice:detail", pk=advice.pk)
    return render(
        request,
        "advice/decide.jinja",
        {
            "title": f"Decide on {advice.service_label.lower()} advice",
            "advice": advice,
            "child": advice.child,
            "form": form,
            "back_link": reverse("advice:detail", args=[advice.pk]),
        },
    )


@requires(Capability.DECIDE_ADVICE)
def exception(request, pk):
    advice = get_object_or_404(AdviceRequest.objects.editable_by(request.user).select_related("child"), pk=pk)
    shown(request, advice.child)
    today = uk_today()
    form = forms.ExceptionForm(request.POST or None, today=today)
    if request.method == "POST" and form.is_valid():
        services.claim_exception(advice, by=Actor.of(request), **form.cleaned_data)
        messages.success(request, "Exception recorded")
        return redirect("advice:detail", pk=advice.pk)
    return form_page(
        request,
        form,
        title="Record an exception to the advice time limit",
        button="Save",
        back=reverse("advice:detail", args=[advice.pk]),
        caption=advice.child.full_name,
    )


@requires(Capability.VIEW_ADVICE)
def document(request, pk):
    doc = get_object_or_404(
        Document.objects.visible_to(request.user).select_related("submission__advice__child"), pk=pk
    )
    advice = doc.submission.advice
    exported(request, [advice.child], what=f"Downloaded {doc.original_name}")
    response = FileResponse(
        doc.file.open("rb"), as_attachment=True, filename=doc.original_name, content_type=doc.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@requires(Capability.SEE_ADVICE_TIMELINESS)
@reporting_page
def timeliness(request):
    """Council staff and the board see every service; the DCO, health services only."""
    health_only = scope(request.user, Capability.SEE_ADVICE_TIMELINESS) == Scope.HEALTH
    form = forms.TimelinessForm(request.GET or None)
    form.fields["service"].choices = [
        ("", "All services"),
        *presenters.service_choices(health_only=health_only),
    ]
    chosen = form.cleaned_data if form.is_valid() else {}
    group, today = chosen.get("group") or "provider", uk_today()
    report = measures.timeliness_report(
        request.user.local_authority_id,
        today=today,
        group=group,
        service=chosen.get("service", ""),
        health_only=health_only,
        drill_down=allows(request.user, Capability.SEE_LATE_ADVICE),
    )
    return render(
        request,
        "advice/timeliness.jinja",
        {
            "title": "Timeliness of advice",
            "form": form,
            "report": report,
            "group": group,
            "max_age": getattr(settings, "TELLONCE_ADVICE_MAX_AGE_MONTHS", 24),
        },
    )


@requires(Capability.SEE_LATE_ADVICE)
@reporting_page
def timeliness_cases(request):
    group, key = request.GET.get("group", "provider"), request.GET.get("key", "")
    rows = measures.drill_down(
        request.user.local_authority_id,
        today=uk_today(),
        group=group,
        key=key,
        health_only=scope(request.user, Capability.SEE_LATE_ADVICE) == Scope.HEALTH,
        overdue_only=request.GET.get("overdue") == "1",
    )
    return render(
        request,
        "advice/timeliness_cases.jinja",
        {
            "title": f"Advice requests: {key}",
            "rows": rows,
            "back_link": reverse("advice:timeliness"),
        },
    )
