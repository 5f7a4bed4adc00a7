"""High-needs spend for the finance pages: today's caseload at unit cost, budget against actual and
forecast by month, and the variance explained (domain.spend). Aggregates only."""

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Count

from tellonce.domain import spend as rules
from tellonce.finance.models import PLACEMENT_OF_SETTING, Placement, SpendMonth, UnitCost
from tellonce.people.models import Child


def caseload_cost(
    local_authority_id: int, financial_year: int
) -> list[tuple[str, int, float | None, float | None]]:
    """(placement label, plans, unit cost, annual cost) for children with a plan today."""
    counts: dict[str, int] = defaultdict(int)
    rows = (
        Child.objects.filter(local_authority_id=local_authority_id, sen_status="EHC_PLAN")
        .values("setting__setting_type")
        .annotate(n=Count("id"))
    )
    for row in rows:
        counts[PLACEMENT_OF_SETTING.get(row["setting__setting_type"], Placement.OTHER)] += row["n"]
    unit_costs = UnitCost.objects.of_council(local_authority_id).filter(financial_year=financial_year)
    costs = {u.placement: float(u.amount) for u in unit_costs}
    out = []
    for placement in Placement:
        n = counts.get(placement, 0)
        cost = costs.get(placement)
        out.append((placement.label, n, cost, n * cost if cost is not None else None))
    return out


@dataclass(frozen=True)
class MonthRow:
    month: date
    budget: float
    actual: float | None
    forecast: float


def months(local_authority_id: int, financial_year: int) -> list[MonthRow]:
    """Budget, actual and forecast spend by month. The forecast is the actual where there is one,
    and otherwise the budget month at the latest run rate: the latest month's actual plans against
    budget, per placement."""
    start, end = date(financial_year, 4, 1), date(financial_year + 1, 3, 1)
    found = list(SpendMonth.objects.of_council(local_authority_id).filter(month__gte=start, month__lte=end))
    latest: dict[str, SpendMonth] = {}
    for row in found:
        if row.actual_plans is not None and (
            row.placement not in latest or row.month > latest[row.placement].month
        ):
            latest[row.placement] = row
    by_month: dict[date, list[float]] = {}
    for row in found:
        budget = float(row.budget_plans * row.budget_unit_cost)
        if row.actual_plans is not None and row.actual_unit_cost is not None:
            actual = float(row.actual_plans * row.actual_unit_cost)
            forecast = actual
        else:
            actual = None
            run = latest.get(row.placement)
            ratio = float(run.actual_plans / run.budget_plans) if run and run.budget_plans else 1.0
            unit = (
                float(run.actual_unit_cost) if run and run.actual_unit_cost else float(row.budget_unit_cost)
            )
            forecast = float(row.budget_plans) * ratio * unit
        totals = by_month.setdefault(row.month, [0.0, None, 0.0])
        totals[0] += budget
        totals[1] = actual if totals[1] is None else (totals[1] + actual if actual is not None else totals[1])
        totals[2] += forecast
    return [MonthRow(m, b, a, f) for m, (b, a, f) in sorted(by_month.items())]


def year_to_date_variance(local_authority_id: int, financial_year: int) -> rules.Variance | None:
    """Budget against actual for the months with actuals, as volume, mix and price."""
    rows = SpendMonth.objects.of_council(local_authority_id).filter(
        month__gte=date(financial_year, 4, 1),
        month__lte=date(financial_year + 1, 3, 1),
        actual_plans__isnull=False,
        actual_unit_cost__isnull=False,
    )
    budget: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    actual: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for row in rows:
        budget[row.placement][0] += float(row.budget_plans)
        budget[row.placement][1] += float(row.budget_plans * row.budget_unit_cost)
        actual[row.placement][0] += float(row.actual_plans)
        actual[row.placement][1] += float(row.actual_plans * row.actual_unit_cost)
    if not actual:
        return None

    def lines(sums):
        return {k: rules.Line(v[0], v[1] / v[0] if v[0] else 0.0) for k, v in sums.items()}

    return rules.variance(lines(budget), lines(actual))


class SpendFileError(ValueError):
    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


COLUMNS = ("month", "placement", "budget_plans", "budget_unit_cost", "actual_plans", "actual_unit_cost")


def import_months(local_authority_id: int, text: str) -> int:
    """CSV with COLUMNS (month as YYYY-MM); all or nothing; replaces the council's months it names."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in COLUMNS[:4] if c not in (reader.fieldnames or [])]
    if missing:
        raise SpendFileError([f"the file has no {', '.join(missing)} column"])
    rows, errors = [], []
    for number, row in enumerate(reader, start=2):
        where = f"row {number}"
        try:
            year, month = (int(p) for p in (row.get("month") or "").strip().split("-"))
            first = date(year, month, 1)
        except ValueError:
            errors.append(f"{where}: month {row.get('month')!r} is not a month like 2026-04")
            continue
        if (row.get("placement") or "").strip() not in Placement.values:
            errors.append(
                f"{where}: placement {row.get('placement')!r} must be one of {', '.join(Placement.values)}"
            )
            continue
        values = {}
        for name in COLUMNS[2:]:
            raw = (row.get(name) or "").strip()
            if not raw and name.startswith("actual"):
                values[name] = None
                continue
            try:
                values[name] = Decimal(raw)
            except InvalidOperation:
                values[name] = None
            if values[name] is None or not values[name].is_finite():
                errors.append(f"{where}: {name} {raw!r} is not a number")
                break
            if values[name] < 0:
                errors.append(f"{where}: {name} is negative")
                break
        else:
            rows.append(
                SpendMonth(
                    local_authority_id=local_authority_id,
                    month=first,
                    placement=row["placement"].strip(),
                    **values,
                )
            )
    if errors:
        raise SpendFileError(errors)
    with transaction.atomic():
        for row in rows:
            SpendMonth.objects.of_council(local_authority_id).filter(
                month=row.month, placement=row.placement
            ).delete()
        SpendMonth.objects.bulk_create(rows)
    return len(rows)
