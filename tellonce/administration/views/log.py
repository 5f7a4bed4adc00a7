"""The administration log: every change to the council's accounts and organisations, newest first."""

from typing import Any

from django.shortcuts import render
from django.urls import reverse

from tellonce.accounts.policy import Capability, allows, requires
from tellonce.administration import forms
from tellonce.administration.views.common import council_of, paged, table_page
from tellonce.audit.models import AdministrationEvent


@requires(Capability.MANAGE_ACCOUNTS, Capability.MANAGE_ORGANISATIONS)
def log(request: Any) -> Any:
    form = forms.LogFilterForm(request.GET or None)
    events = AdministrationEvent.objects.filter(local_authority_id=council_of(request)).select_related("user")
    if form.is_valid() and form.cleaned_data["kind"]:
        events = events.filter(record_kind=form.cleaned_data["kind"])
    page = paged(request, events)
    rows = [
        [
            f"{event.at:%-d %b %Y %H:%M}",
            f"{event.user} ({event.get_role_display()})",
            event.get_action_display(),
            f"{event.get_record_kind_display()}: {event.record_label}",
            event.summary,
        ]
        for event in page
    ]
    return table_page(
        request,
        title="Administration log",
        intro="Every change to the council's users, teams, localities, providers, settings and details.",
        filter_form=form,
        head=["When", "Who", "What", "Record", "What changed"],
        rows=rows,
        page=page,
        caption=f"{page.paginator.count:,} changes",
        empty="Nothing has been changed yet.",
        back_link=reverse("administration:home"),
    )


@requires(Capability.MANAGE_ACCOUNTS, Capability.MANAGE_ORGANISATIONS)
def home(request: Any) -> Any:
    may = {
        "accounts": allows(request.user, Capability.MANAGE_ACCOUNTS),
        "organisations": allows(request.user, Capability.MANAGE_ORGANISATIONS),
    }
    return render(request, "administration/home.jinja", {"title": "Administration", "may": may})
