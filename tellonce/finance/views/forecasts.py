"""Forecasts of EHC plans: the analyst runs one from a series and a population, adds a mitigation and
keeps it with its assumption; the board reads the kept ones, each also as CSV."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, allows, requires
from tellonce.core.limits import accepts_uploads
from tellonce.core.replica import reporting_page
from tellonce.core.spreadsheets import csv_download
from tellonce.domain.forecasting.model import ForecastError, parse_mitigation
from tellonce.domain.forecasting.series import SeriesError
from tellonce.finance import presenters, services
from tellonce.finance.forms import (
    ForecastForm,
    SaveForm,
)
from tellonce.finance.models import ForecastVintage
from tellonce.finance.views.common import read_upload

SESSION_KEY = "finance:last-forecast"


def _stem(filename: str) -> str:
    return filename.rsplit("/", 1)[-1].rsplit(".", 1)[0].replace("_", " ").strip()[:100] or "All"


@accepts_uploads
@requires(Capability.SEE_FINANCE)
@reporting_page
def forecasts(request):
    form = (
        ForecastForm(request.POST or None, request.FILES or None)
        if allows(request.user, Capability.RUN_FINANCE)
        else None
    )
    result = None
    if form is not None and request.method == "POST" and form.is_valid():
        series_csv, population_csv = (
            read_upload(form.cleaned_data["series"]),
            read_upload(form.cleaned_data["population"]),
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
            "vintages": ForecastVintage.objects.within_scope(request.user, Capability.SEE_FINANCE)[:20],
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
            local_authority=request.user.local_authority,
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
                "vintages": ForecastVintage.objects.within_scope(request.user, Capability.SEE_FINANCE)[:20],
                **_result_context(last["result"]),
            },
        )
    messages.success(request, "The forecast has been kept")
    return redirect("finance:vintage", pk=vintage.pk)


@requires(Capability.SEE_FINANCE)
@reporting_page
def vintage(request, pk):
    kept = get_object_or_404(
        ForecastVintage.objects.within_scope(request.user, Capability.SEE_FINANCE), pk=pk
    )
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
    kept = get_object_or_404(
        ForecastVintage.objects.within_scope(request.user, Capability.SEE_FINANCE), pk=pk
    )
    header = [
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
    rows = (
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
        for scenario in ("unmitigated", "mitigated")
        for y in kept.result.get(scenario) or []
    )
    return csv_download(f"forecast-{kept.pk}.csv", header, rows)
