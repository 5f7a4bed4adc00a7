"""Forecast pages: the finance analyst runs and keeps forecasts; the board reads kept ones.
No child-level data is read or shown here."""

import csv

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, allows, requires
from tellonce.core.refusals import InvalidStep
from tellonce.core.time import uk_today
from tellonce.domain.banding import suggest_band
from tellonce.domain.forecasting.model import ForecastError, parse_mitigation
from tellonce.domain.forecasting.series import SeriesError
from tellonce.domain.spend import Target
from tellonce.finance import banding as finance_banding
from tellonce.finance import presenters, services
from tellonce.finance import spend as finance_spend
from tellonce.finance.forms import (
    ForecastForm,
    SaveForm,
    SimulationForm,
    SpendUploadForm,
    TargetForm,
    TopUpForm,
)
from tellonce.finance.models import Band, BandTable, ForecastVintage, RecoveryTarget
from tellonce.organisations.models import SettingType
from tellonce.people.models import Child

SESSION_KEY = "finance:last-forecast"


def _stem(filename: str) -> str:
    return filename.rsplit("/", 1)[-1].rsplit(".", 1)[0].replace("_", " ").strip()[:100] or "All"


def _read(upload) -> str:
    return upload.read().decode("utf-8-sig", errors="replace") if upload else ""


@requires(Capability.SEE_FINANCE)
def forecasts(request):
    form = (
        ForecastForm(request.POST or None, request.FILES or None)
        if allows(request.user, Capability.RUN_FINANCE)
        else None
    )
    result = None
    if form is not None and request.method == "POST" and form.is_valid():
        series_csv, population_csv = (
            _read(form.cleaned_data["series"]),
            _read(form.cleaned_data["population"]),
        )
        try:
            text = form.mitigation_text()
            mitigations = (parse_mitigation(text),) if text else ()
            result = services.run(
                series_csv,
                population_csv=population_csv,
                horizon=form.cleaned_data["horizon"],
                mitigations=mitigations,
                name=_stem(form.cleaned_data["series"].name),
            )
        except (SeriesError, ForecastError) as problem:
            form.add_error(None, str(problem))
        else:
            request.session[SESSION_KEY] = {
                "result": result,
                "series_csv": series_csv,
                "population_csv": population_csv,
                "horizon": form.cleaned_data["horizon"],
            }
    return render(
        request,
        "finance/forecasts.jinja",
        {
            "title": "EHC plan forecasts",
            "form": form,
            "result": result,
            "save_form": SaveForm(),
            "vintages": ForecastVintage.objects.all()[:20],
            **(_result_context(result) if result else {}),
        },
    )


def _result_context(result: dict) -> dict:
    head, rows = presenters.placement_rows(result["unmitigated"])
    return {
        "chart": presenters.chart(result),
        "rows": presenters.year_rows(result["unmitigated"]),
        "mitigated_rows": presenters.year_rows(result["mitigated"]) if result["mitigated"] else None,
        "placement_head": head,
        "placement_rows": rows,
    }


@requires(Capability.RUN_FINANCE)
def save(request):
    last = request.session.get(SESSION_KEY)
    if request.method != "POST" or not last:
        return redirect("finance:forecasts")
    form = SaveForm(request.POST)
    form.is_valid()
    try:
        vintage = services.keep_forecast(
            last["result"],
            series_csv=last["series_csv"],
            population_csv=last["population_csv"],
            horizon=last["horizon"],
            assumption=form.cleaned_data.get("assumption", ""),
            by=Actor.of(request),
        )
    except services.AssumptionNeeded:
        form.add_error("assumption", "Enter the assumption behind the rise in the rate of plans")
        return render(
            request,
            "finance/forecasts.jinja",
            {
                "title": "EHC plan forecasts",
                "form": ForecastForm(),
                "result": last["result"],
                "save_form": form,
                "vintages": ForecastVintage.objects.all()[:20],
                **_result_context(last["result"]),
            },
        )
    messages.success(request, "The forecast has been kept")
    return redirect("finance:vintage", pk=vintage.pk)


@requires(Capability.SEE_FINANCE)
def vintage(request, pk):
    kept = get_object_or_404(ForecastVintage, pk=pk)
    return render(
        request,
        "finance/vintage.jinja",
        {
            "title": str(kept),
            "vintage": kept,
            "result": kept.result,
            **_result_context(kept.result),
        },
    )


@requires(Capability.SEE_FINANCE)
def vintage_csv(request, pk):
    kept = get_object_or_404(ForecastVintage, pk=pk)
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="forecast-{kept.pk}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "scenario",
            "year",
            "total",
            "low",
            "high",
            "new_plans",
            "ceased",
            "population_effect",
            "rate_effect",
        ]
    )
    for scenario in ("unmitigated", "mitigated"):
        for y in kept.result.get(scenario) or []:
            writer.writerow(
                [
                    scenario,
                    y["year"],
                    y["total"],
                    y["low"],
                    y["high"],
                    y["new_plans"],
                    y["ceased"],
                    y["population_effect"],
                    y["rate_effect"],
                ]
            )
    return response


@requires(Capability.SEE_FINANCE)
def banding_page(request):
    proposed = BandTable.objects.filter(status=BandTable.Status.PROPOSED)
    data = request.POST if request.method == "POST" else None
    form = SimulationForm(data, tables=proposed) if allows(request.user, Capability.RUN_FINANCE) else None
    simulation = None
    if form is not None and request.method == "POST" and form.is_valid():
        simulation = finance_banding.simulate(
            request.user.local_authority_id, [t.pk for t in form.cleaned_data["proposed"]]
        )
    caseload = finance_banding.current_caseload(request.user.local_authority_id)
    return render(
        request,
        "finance/banding.jinja",
        {
            "title": "Top-up bands",
            "form": form,
            "simulation": simulation,
            "pupils": len(caseload),
            "tables": BandTable.objects.prefetch_related("bands"),
            "labels": dict(SettingType.choices),
        },
    )


@requires(Capability.DECIDE_TOP_UP)
def top_up(request, child_pk):
    child = get_object_or_404(Child.objects.within_scope(request.user, Capability.DECIDE_TOP_UP), pk=child_pk)
    tables = BandTable.objects.filter(status=BandTable.Status.IN_USE)
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


def _financial_year(today) -> int:
    return today.year if today.month >= 4 else today.year - 1


@requires(Capability.SEE_FINANCE)
def spend_page(request):
    year = _financial_year(uk_today())
    upload_form = (
        SpendUploadForm(request.POST or None, request.FILES or None)
        if allows(request.user, Capability.RUN_FINANCE)
        else None
    )
    target_form = (
        TargetForm(request.POST or None, prefix="target")
        if allows(request.user, Capability.RUN_FINANCE)
        else None
    )
    if request.method == "POST" and allows(request.user, Capability.RUN_FINANCE):
        if "upload" in request.POST and upload_form.is_valid():
            try:
                count = finance_spend.import_months(_read(upload_form.cleaned_data["file"]))
            except finance_spend.SpendFileError as bad:
                for error in bad.errors:
                    upload_form.add_error("file", error)
            else:
                messages.success(request, f"{count} months of budget and actuals loaded")
                return redirect("finance:spend")
        if "target" in request.POST and target_form.is_valid():
            services.set_recovery_target(by=Actor.of(request), **target_form.cleaned_data)
            messages.success(request, "Target added")
            return redirect("finance:spend")
    rows = finance_spend.months(year)
    return render(
        request,
        "finance/spend.jinja",
        {
            "title": "High-needs spend",
            "year": year,
            "caseload": finance_spend.caseload_cost(request.user.local_authority_id, year),
            "months": rows,
            "chart": presenters.spend_chart(rows),
            "variance": finance_spend.year_to_date_variance(year),
            "upload_form": upload_form,
            "target_form": target_form,
            "targets": [(t, _met(t)) for t in RecoveryTarget.objects.all()],
            "columns": ", ".join(finance_spend.COLUMNS),
        },
    )


def _met(target) -> bool | None:
    return Target(
        target.name,
        target.year,
        float(target.target),
        None if target.actual is None else float(target.actual),
        target.lower_is_better,
    ).met


def _csv(filename: str, header: list[str], rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response


@requires(Capability.SEE_FINANCE)
def spend_csv(request):
    year = _financial_year(uk_today())
    return _csv(
        f"spend-{year}.csv",
        ["month", "budget", "actual", "forecast"],
        (
            [
                f"{m.month:%Y-%m}",
                round(m.budget, 2),
                "" if m.actual is None else round(m.actual, 2),
                round(m.forecast, 2),
            ]
            for m in finance_spend.months(year)
        ),
    )


@requires(Capability.SEE_FINANCE)
def caseload_cost_csv(request):
    year = _financial_year(uk_today())
    return _csv(
        f"caseload-cost-{year}.csv",
        ["placement", "plans", "cost_a_plan", "cost_a_year"],
        (
            [label, n, "" if unit is None else unit, "" if cost is None else round(cost, 2)]
            for label, n, unit, cost in finance_spend.caseload_cost(request.user.local_authority_id, year)
        ),
    )


@requires(Capability.SEE_FINANCE)
def band_tables_csv(request):
    bands = Band.objects.select_related("table").order_by(
        "table__setting_type", "table__effective_from", "top_up"
    )
    return _csv(
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
