"""The Local Offer manager's pages: changes waiting for approval, listings due a check, reports of
problems, comments and "You said, we did", the thesaurus and the searches that found nothing."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, requires
from tellonce.core.refusals import EditConflict
from tellonce.core.time import uk_today
from tellonce.domain.listings import is_stale
from tellonce.feedback.forms import PublishForm
from tellonce.feedback.models import FeedbackItem, Route
from tellonce.local_offer import forms, services
from tellonce.local_offer.models import (
    ListingReport,
    OnlineReferral,
    Service,
    ServiceVersion,
    TaxonomyTerm,
    ThesaurusEntry,
    UnmatchedSearch,
)
from tellonce.organisations.models import Locality


def stale_services(services_qs, today):
    return [
        s
        for s in services_qs.select_related("provider")
        if is_stale(s.last_checked, added=s.created_at.date(), today=today)
    ]


@requires(Capability.MANAGE_LOCAL_OFFER)
def dashboard(request):
    today = uk_today()
    return render(
        request,
        "local_offer/manage/dashboard.jinja",
        {
            "title": "Manage the Local Offer",
            "pending": ServiceVersion.objects.filter(state=ServiceVersion.State.PENDING).count(),
            "reports": ListingReport.objects.filter(resolved_on=None).count(),
            "comments": FeedbackItem.objects.filter(route=Route.LOCAL_OFFER).exclude(status="closed").count(),
            "unmatched": UnmatchedSearch.objects.filter(resolved_on=None).count(),
            "stale": len(stale_services(Service.objects.published(), today)),
            "referrals": OnlineReferral.objects.visible_to(request.user).count(),
            "thesaurus": ThesaurusEntry.objects.count(),
        },
    )


@requires(Capability.MANAGE_LOCAL_OFFER)
def changes(request):
    waiting = ServiceVersion.objects.filter(state=ServiceVersion.State.PENDING).select_related(
        "service__provider", "submitted_by"
    )
    return render(
        request,
        "local_offer/manage/changes.jinja",
        {"title": "Changes waiting for approval", "versions": waiting},
    )


def _labels(ids, model=TaxonomyTerm) -> str:
    names = {str(pk): name for pk, name in model.objects.filter(pk__in=ids).values_list("pk", "name")}
    return ", ".join(sorted(names.get(str(i), str(i)) for i in ids))


def differences(before: dict, after: dict) -> list[dict]:
    """Each field that differs between two versions' content, in words."""
    rows = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if old == new or (not old and not new):
            continue
        if key in ("categories", "needs"):
            old, new = _labels(old or []), _labels(new or [])
        elif key == "localities":
            old, new = _labels(old or [], Locality), _labels(new or [], Locality)
        elif key == "venue":
            old = ", ".join(str(v) for v in (old or {}).values() if v)
            new = ", ".join(str(v) for v in (new or {}).values() if v)
        rows.append(
            {
                "field": key.replace("_", " ").capitalize(),
                "before": str(old or "(empty)"),
                "after": str(new or "(empty)"),
            }
        )
    return rows


@requires(Capability.MANAGE_LOCAL_OFFER)
def change(request, pk):
    version = get_object_or_404(ServiceVersion.objects.select_related("service", "submitted_by"), pk=pk)
    service = version.service
    published = service.is_public and services.content_of(service) or {}
    form = forms.DecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and version.state == ServiceVersion.State.PENDING and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "approve":
                services.approve(version, by=Actor.of(request), today=uk_today())
                messages.success(request, f"{service.name} is published")
            else:
                services.refuse(version, by=Actor.of(request), reason=form.cleaned_data["reason"])
                messages.success(request, "The change was not published. The provider has been told why")
        except EditConflict as error:
            form.add_error(None, f"{error}. Nothing was changed: go back to the list to see what is waiting.")
        else:
            return redirect("local_offer:changes")
    return render(
        request,
        "local_offer/manage/change.jinja",
        {
            "title": f"Change to {service.name}",
            "version": version,
            "service": service,
            "rows": differences(published, version.content),
            "is_new": not service.is_public,
            "form": form,
            "back_link": reverse("local_offer:changes"),
        },
    )


@requires(Capability.KEEP_LISTINGS)
def history(request, pk):
    service = get_object_or_404(Service.objects.kept_by(request.user), pk=pk)
    return render(
        request,
        "local_offer/manage/history.jinja",
        {
            "title": f"Every version of {service.name}",
            "service": service,
            "versions": service.versions.select_related("submitted_by", "decided_by"),
            "back_link": reverse("local_offer:edit", args=[service.pk]),
        },
    )


@requires(Capability.MANAGE_LOCAL_OFFER)
def stale(request):
    return render(
        request,
        "local_offer/manage/stale.jinja",
        {
            "title": "Listings not checked for 12 months",
            "services": stale_services(Service.objects.published(), uk_today()),
        },
    )


@requires(Capability.MANAGE_LOCAL_OFFER)
def reports(request):
    return render(
        request,
        "local_offer/manage/reports.jinja",
        {
            "title": "Problems reported with listings",
            "reports": ListingReport.objects.filter(resolved_on=None).select_related("service"),
        },
    )


@requires(Capability.MANAGE_LOCAL_OFFER)
def report(request, pk):
    item = get_object_or_404(ListingReport.objects.select_related("service"), pk=pk, resolved_on=None)
    form = forms.ResolveReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.resolve_report(
            item, by=Actor.of(request), resolution=form.cleaned_data["resolution"], today=uk_today()
        )
        messages.success(request, "Report closed")
        return redirect("local_offer:reports")
    return render(
        request,
        "core/form_page.jinja",
        {
            "title": f"{item.get_topic_display()}: {item.service.name}",
            "intro": item.details,
            "form": form,
            "button": "Close the report",
            "back_link": reverse("local_offer:reports"),
        },
    )


@requires(Capability.MANAGE_LOCAL_OFFER)
def comments(request):
    return render(
        request,
        "local_offer/manage/comments.jinja",
        {
            "title": "Comments on the Local Offer",
            "items": FeedbackItem.objects.filter(route=Route.LOCAL_OFFER).prefetch_related("publications"),
        },
    )


@requires(Capability.MANAGE_LOCAL_OFFER)
def comment(request, pk):
    item = get_object_or_404(FeedbackItem, pk=pk, route=Route.LOCAL_OFFER)
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
    item = get_object_or_404(FeedbackItem, pk=pk, route=Route.LOCAL_OFFER)
    form = PublishForm(
        request.POST if request.method == "POST" else None,
        initial={"you_said": item.summary, "we_did": item.actions},
    )
    if request.method == "POST" and form.is_valid():
        services.publish_comment(item, by=Actor.of(request), today=uk_today(), **form.cleaned_data)
        messages.success(request, "Published on You said, we did")
        return redirect("local_offer:comment-item", pk=item.pk)
    return render(
        request,
        "core/form_page.jinja",
        {
            "title": "Publish on You said, we did",
            "form": form,
            "button": "Publish",
            "intro": f"What they said: {item.summary}",
            "back_link": reverse("local_offer:comment-item", args=[item.pk]),
        },
    )


@requires(Capability.MANAGE_LOCAL_OFFER)
def thesaurus(request):
    return render(
        request,
        "local_offer/manage/thesaurus.jinja",
        {"title": "Search thesaurus", "entries": ThesaurusEntry.objects.all()},
    )


@requires(Capability.MANAGE_LOCAL_OFFER)
def thesaurus_entry(request, pk=None):
    entry = get_object_or_404(ThesaurusEntry, pk=pk) if pk else None
    initial = (
        {
            "version": entry.version,
            "preferred": entry.preferred,
            "other_words": entry.other_words,
            "note": entry.note,
        }
        if entry
        else {}
    )
    form = forms.ThesaurusForm(
        request.POST if request.method == "POST" else None, initial=initial, entry=entry
    )
    if request.method == "POST" and "delete" in request.POST and entry is not None:
        services.delete_thesaurus_entry(entry)
        messages.success(request, f"Deleted {entry.preferred}")
        return redirect("local_offer:thesaurus")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.save_thesaurus_entry(
                entry,
                preferred=data["preferred"],
                other_words=data["other_words"],
                note=data["note"],
                expected_version=data.get("version"),
            )
        except EditConflict:
            form.add_error(None, "Someone else changed this entry after you opened it. Nothing was saved.")
        else:
            messages.success(request, f"Saved {data['preferred']}. Search uses it now")
            return redirect("local_offer:thesaurus")
    return render(
        request,
        "local_offer/manage/thesaurus_entry.jinja",
        {
            "title": f"Change {entry.preferred}" if entry else "Add to the thesaurus",
            "form": form,
            "entry": entry,
            "back_link": reverse("local_offer:thesaurus"),
        },
    )


@requires(Capability.MANAGE_LOCAL_OFFER)
def unmatched(request):
    return render(
        request,
        "local_offer/manage/unmatched.jinja",
        {
            "title": "Searches that found nothing",
            "searches": UnmatchedSearch.objects.filter(resolved_on=None)[:200],
        },
    )


@requires(Capability.MANAGE_LOCAL_OFFER)
def add_synonym(request, pk):
    search = get_object_or_404(UnmatchedSearch, pk=pk, resolved_on=None)
    form = forms.SynonymForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        choice = form.cleaned_data["entry"]
        entry = None if choice == "new" else get_object_or_404(ThesaurusEntry, pk=choice)
        entry = services.add_synonym_from(
            search,
            by=Actor.of(request),
            entry=entry,
            preferred=form.cleaned_data["preferred"],
            today=uk_today(),
        )
        messages.success(request, f"“{search.query}” now finds what “{entry.preferred}” finds")
        return redirect("local_offer:unmatched")
    return render(
        request,
        "core/form_page.jinja",
        {
            "title": f"Add “{search.query}” to the thesaurus",
            "form": form,
            "button": "Add it",
            "intro": f"Searched {search.times} time{'s' if search.times != 1 else ''}, last on "
            f"{search.last_seen:%d %B %Y}. Add it as another word for an entry, so it finds the same "
            "services.",
            "back_link": reverse("local_offer:unmatched"),
        },
    )
