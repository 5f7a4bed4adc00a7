"""The Local Offer manager's pages: the dashboard, listings due a check, problems reported and comments
answered and published as "You said, we did"."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, requires
from tellonce.core.refusals import EditConflict
from tellonce.core.time import uk_today
from tellonce.core.views import form_page
from tellonce.domain.listings import is_stale
from tellonce.feedback.forms import PublishForm
from tellonce.feedback.models import FeedbackItem, Route
from tellonce.local_offer import forms, services
from tellonce.local_offer.models import (
    ListingReport,
    OnlineReferral,
    Service,
    ServiceVersion,
    ThesaurusEntry,
    UnmatchedSearch,
)


def stale_services(services_qs, today):
    return [
        s
        for s in services_qs.select_related("provider")
        if is_stale(s.last_checked, added=s.created_at.date(), today=today)
    ]


MANAGES = Capability.MANAGE_LOCAL_OFFER


def _reports(request):
    return ListingReport.objects.filter(service__in=Service.objects.managed_by(request.user))


def _comments(request):
    """Comments on the council's Local Offer: feedback items that came through it."""
    return FeedbackItem.objects.within_scope(request.user, MANAGES).filter(route=Route.LOCAL_OFFER)


@requires(Capability.MANAGE_LOCAL_OFFER)
def dashboard(request):
    ours = Service.objects.managed_by(request.user)
    today = uk_today()
    return render(
        request,
        "local_offer/manage/dashboard.jinja",
        {
            "title": "Manage the Local Offer",
            "pending": ServiceVersion.objects.filter(
                service__in=ours, state=ServiceVersion.State.PENDING
            ).count(),
            "reports": ListingReport.objects.filter(service__in=ours, resolved_on=None).count(),
            "comments": _comments(request).exclude(status="closed").count(),
            "unmatched": UnmatchedSearch.objects.within_scope(request.user, MANAGES)
            .filter(resolved_on=None)
            .count(),
            "stale": len(stale_services(ours.published(), today)),
            "referrals": OnlineReferral.objects.visible_to(request.user).count(),
            "thesaurus": ThesaurusEntry.objects.within_scope(request.user, MANAGES).count(),
        },
    )


@requires(Capability.MANAGE_LOCAL_OFFER)
def stale(request):
    return render(
        request,
        "local_offer/manage/stale.jinja",
        {
            "title": "Listings not checked for 12 months",
            "services": stale_services(Service.objects.managed_by(request.user).published(), uk_today()),
        },
    )


@requires(Capability.MANAGE_LOCAL_OFFER)
def reports(request):
    return render(
        request,
        "local_offer/manage/reports.jinja",
        {
            "title": "Problems reported with listings",
            "reports": _reports(request).filter(resolved_on=None).select_related("service"),
        },
    )


@requires(Capability.MANAGE_LOCAL_OFFER)
def report(request, pk):
    item = get_object_or_404(_reports(request).select_related("service"), pk=pk, resolved_on=None)
    form = forms.ResolveReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.resolve_report(
            item, by=Actor.of(request), resolution=form.cleaned_data["resolution"], today=uk_today()
        )
        messages.success(request, "Report closed")
        return redirect("local_offer:reports")
    return form_page(
        request,
        form,
        title=f"{item.get_topic_display()}: {item.service.name}",
        intro=item.details,
        button="Close the report",
        back=reverse("local_offer:reports"),
    )


@requires(Capability.MANAGE_LOCAL_OFFER)
def comments(request):
    return render(
        request,
        "local_offer/manage/comments.jinja",
        {
            "title": "Comments on the Local Offer",
            "items": _comments(request).prefetch_related("publications"),
        },
    )


@requires(Capability.MANAGE_LOCAL_OFFER)
def comment(request, pk):
    item = get_object_or_404(_comments(request), pk=pk)
    form = forms.CommentAnswerForm(
        request.POST if request.method == "POST" else None,
        initial={
            "version": item.version,
            "status": item.status,
            "actions": item.actions,
            "outcome": item.outcome,
        },
    )
    if request.method == "POST" and form.is_valid():
        changes = {k: form.cleaned_data[k] for k in ("status", "actions", "outcome")}
        try:
            services.answer_comment(
                item, by=Actor.of(request), expected_version=form.cleaned_data["version"], changes=changes
            )
        except EditConflict:
            form.add_error(
                None,
                "Someone else changed this comment after you opened it. Nothing was saved: "
                "open it again to see their change.",
            )
        else:
            messages.success(request, "Saved")
            return redirect("local_offer:comment-item", pk=item.pk)
    return render(
        request,
        "local_offer/manage/comment.jinja",
        {
            "title": item.service,
            "item": item,
            "form": form,
            "publications": item.publications.all(),
            "back_link": reverse("local_offer:comments"),
        },
    )


@requires(Capability.MANAGE_LOCAL_OFFER)
def publish(request, pk):
    item = get_object_or_404(_comments(request), pk=pk)
    form = PublishForm(
        request.POST if request.method == "POST" else None,
        initial={"you_said": item.summary, "we_did": item.actions},
    )
    if request.method == "POST" and form.is_valid():
        services.publish_comment(item, by=Actor.of(request), today=uk_today(), **form.cleaned_data)
        messages.success(request, "Published on You said, we did")
        return redirect("local_offer:comment-item", pk=item.pk)
    return form_page(
        request,
        form,
        title="Publish on You said, we did",
        button="Publish",
        intro=f"What they said: {item.summary}",
        back=reverse("local_offer:comment-item", args=[item.pk]),
    )
