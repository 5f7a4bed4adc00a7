"""High-needs spend: the caseload at unit cost, budget against actual against forecast by month, the
variance explained, and the targets spend is recovered against; every table as CSV."""

from django.contrib import messages
from django.shortcuts import redirect, render

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, allows, requires
from tellonce.core.limits import accepts_uploads
from tellonce.core.replica import reporting_page
from tellonce.core.time import uk_today
from tellonce.domain.spend import Target
from tellonce.finance import presenters, services
from tellonce.finance import spend as finance_spend
from tellonce.finance.forms import (
    SpendUploadForm,
    TargetForm,
)
from tellonce.finance.models import RecoveryTarget
from tellonce.finance.views.common import csv_response, read_upload
from tellonce.organisations.councils import council_id


def _financial_year(today) -> int:
    return today.year if today.month >= 4 else today.year - 1


@accepts_uploads
@requires(Capability.SEE_FINANCE)
@reporting_page
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
                count = finance_spend.import_months(
                    council_id(request.user), read_upload(upload_form.cleaned_data["file"])
                )
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
    rows = finance_spend.months(council_id(request.user), year)
    return render(
        request,
        "finance/spend.jinja",
        {
            "title": "High-needs spend",
            "year": year,
            "caseload": finance_spend.caseload_cost(council_id(request.user), year),
            "months": rows,
            "chart": presenters.spend_chart(rows),
            "variance": finance_spend.year_to_date_variance(council_id(request.user), year),
            "upload_form": upload_form,
            "target_form": target_form,
            "targets": [
                (t, _met(t))
                for t in RecoveryTarget.objects.within_scope(request.user, Capability.SEE_FINANCE)
            ],
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


@requires(Capability.SEE_FINANCE)
def spend_csv(request):
    year = _financial_year(uk_today())
    return csv_response(
        f"spend-{year}.csv",
        ["month", "budget", "actual", "forecast"],
        (
            [
                f"{m.month:%Y-%m}",
                round(m.budget, 2),
                "" if m.actual is None else round(m.actual, 2),
                round(m.forecast, 2),
            ]
            for m in finance_spend.months(council_id(request.user), year)
        ),
    )


@requires(Capability.SEE_FINANCE)
def caseload_cost_csv(request):
    year = _financial_year(uk_today())
    return csv_response(
        f"caseload-cost-{year}.csv",
        ["placement", "plans", "cost_a_plan", "cost_a_year"],
        (
            [label, n, "" if unit is None else unit, "" if cost is None else round(cost, 2)]
            for label, n, unit, cost in finance_spend.caseload_cost(council_id(request.user), year)
        ),
    )
