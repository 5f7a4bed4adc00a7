"""Forecast pages: the finance analyst runs and keeps forecasts; the board reads kept ones.
No child-level data is read or shown here."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from tellonce.accounts.roles import Role
from tellonce.domain.forecasting.model import ForecastError, parse_mitigation
from tellonce.domain.forecasting.series import SeriesError
from tellonce.finance import presenters, services
from tellonce.finance.forms import ForecastForm, SaveForm
from tellonce.finance.models import ForecastVintage

RUNS = {Role.ANALYST, Role.SEND_MANAGER}
READS = RUNS | {Role.BOARD_MEMBER, Role.QUALITY_LEAD}
SESSION_KEY = "finance:last-forecast"


def _require(request, roles) -> None:
    if request.user.role not in roles:
        raise Http404


def _stem(filename: str) -> str:
    return filename.rsplit("/", 1)[-1].rsplit(".", 1)[0].replace("_", " ").strip()[:100] or "All"


def _read(upload) -> str:
    return upload.read().decode("utf-8-sig", errors="replace") if upload else ""


@login_required
def forecasts(request):
    _require(request, READS)
    form = ForecastForm(request.POST or None, request.FILES or None) if request.user.role in RUNS else None
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


@login_required
def save(request):
    _require(request, RUNS)
    last = request.session.get(SESSION_KEY)
    if request.method != "POST" or not last:
        return redirect("finance:forecasts")
    form = SaveForm(request.POST)
    form.is_valid()
    try:
        vintage = services.save(
            last["result"],
            series_csv=last["series_csv"],
            population_csv=last["population_csv"],
            horizon=last["horizon"],
            assumption=form.cleaned_data.get("assumption", ""),
            by=request.user,
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


@login_required
def vintage(request, pk):
    _require(request, READS)
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


@login_required
def vintage_csv(request, pk):
    _require(request, READS)
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
