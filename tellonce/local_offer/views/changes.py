"""Changes to listings: providers' proposed versions for the manager to approve or refuse, what each
changes, and every version of a listing."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, requires
from tellonce.core.refusals import EditConflict
from tellonce.core.time import uk_today
from tellonce.local_offer import forms, services
from tellonce.local_offer.models import (
    Service,
    ServiceVersion,
    TaxonomyTerm,
)
from tellonce.organisations.models import Locality


@requires(Capability.MANAGE_LOCAL_OFFER)
def changes(request):
    waiting = ServiceVersion.objects.filter(
        service__in=Service.objects.managed_by(request.user), state=ServiceVersion.State.PENDING
    ).select_related("service__provider", "submitted_by")
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
    ours = ServiceVersion.objects.filter(service__in=Service.objects.managed_by(request.user))
    version = get_object_or_404(ours.select_related("service", "submitted_by"), pk=pk)
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
