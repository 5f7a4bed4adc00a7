"""Top-up bands: the tables in use and proposed with a simulation of the caseload's cost on proposed
bands, and the panel's band for a child."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, allows, requires
from tellonce.audit.shown import shown
from tellonce.core.refusals import InvalidStep
from tellonce.core.replica import reporting_page
from tellonce.domain.banding import suggest_band
from tellonce.finance import banding as finance_banding
from tellonce.finance import services
from tellonce.finance.forms import (
    SimulationForm,
    TopUpForm,
)
from tellonce.finance.models import Band, BandTable
from tellonce.finance.views.common import csv_response
from tellonce.organisations.models import SettingType
from tellonce.people.models import Child


@requires(Capability.SEE_FINANCE)
@reporting_page
def banding_page(request):
    council_tables = BandTable.objects.within_scope(request.user, Capability.SEE_FINANCE)
    proposed = council_tables.filter(status=BandTable.Status.PROPOSED)
    data = request.POST if request.method == "POST" else None
    form = SimulationForm(data, tables=proposed) if allows(request.user, Capability.RUN_FINANCE) else None
    simulation = None
    if form is not None and request.method == "POST" and form.is_valid():
        simulation = finance_banding.simulate(
            request.user.local_authority_id, [t.pk for t in form.cleaned_data["proposed"]]
        )
    return render(
        request,
        "finance/banding.jinja",
        {
            "title": "Top-up bands",
            "form": form,
            "simulation": simulation,
            "pupils": finance_banding.pupils(request.user.local_authority_id),
            "tables": council_tables.prefetch_related("bands"),
            "labels": dict(SettingType.choices),
        },
    )


@requires(Capability.DECIDE_TOP_UP)
def top_up(request, child_pk):
    child = get_object_or_404(Child.objects.within_scope(request.user, Capability.DECIDE_TOP_UP), pk=child_pk)
    shown(request, child)
    tables = BandTable.objects.of_council(child.local_authority_id).filter(status=BandTable.Status.IN_USE)
    form = TopUpForm(request.POST or None, tables=tables)
    suggested = None
    if request.method == "POST" and form.is_valid():
        table, levels = form.cleaned_data["table"], form.levels()
        suggested = suggest_band(table.as_domain(), levels)
        try:
            decision = services.record_top_up(
                child,
                table=table,
                levels=levels,
                chosen=form.cleaned_data["band"],
                reason=form.cleaned_data["reason"],
                by=Actor.of(request),
            )
        except InvalidStep as refused:
            for field, problem in refused.fields.items():
                form.add_error(field, problem)
        else:
            messages.success(request, f"Band {decision.band.code} recorded")
            return redirect("workspace:child", pk=child.pk)
    return render(
        request,
        "finance/top_up.jinja",
        {
            "title": f"Top-up band for {child.full_name}",
            "form": form,
            "child": child,
            "suggested": suggested,
            "decisions": child.top_ups.select_related("band__table", "suggested"),
            "back_link": reverse("workspace:child", args=[child.pk]),
        },
    )


@requires(Capability.SEE_FINANCE)
def band_tables_csv(request):
    tables = BandTable.objects.within_scope(request.user, Capability.SEE_FINANCE)
    bands = (
        Band.objects.filter(table__in=tables)
        .select_related("table")
        .order_by("table__setting_type", "table__effective_from", "top_up")
    )
    return csv_response(
        "band-tables.csv",
        ["table", "setting_type", "effective_from", "status", "band", "top_up", "descriptor"],
        (
            [
                b.table.name,
                b.table.setting_type,
                b.table.effective_from,
                b.table.status,
                b.code,
                b.top_up,
                b.descriptor,
            ]
            for b in bands
        ),
    )
