"""Demo top-up bands: tables in use for mainstream and special schools (Devon-like values, 2025),
a proposed mainstream table to simulate, and the panel's band for each pupil with a plan there."""

import random
from datetime import date, timedelta

from tellonce.demo.steps import DemoArea, Progress, demo_step
from tellonce.finance.models import (
    PLACEMENT_OF_SETTING,
    Band,
    BandTable,
    Placement,
    RecoveryTarget,
    SpendMonth,
    TopUp,
    UnitCost,
)

TABLES = {
    ("mainstream", "in_use"): (
        "Mainstream bands 2025",
        date(2025, 4, 1),
        [("A", 1600), ("B", 3100), ("C", 4500), ("D", 6500)],
    ),
    ("mainstream", "proposed"): (
        "Mainstream bands proposed for 2027",
        date(2027, 4, 1),
        [("1", 2000), ("2", 3500), ("3", 5000), ("4", 7000), ("5", 9000)],
    ),
    ("maintained_special", "in_use"): (
        "Special school bands 2025",
        date(2025, 4, 1),
        [("S1", 11412), ("S2", 14500), ("S3", 17556)],
    ),
}
DESCRIPTORS = [
    "Support within the classroom for part of the day",
    "Small-group teaching most days",
    "Adult support for most of the timetable",
    "Specialist support all day",
    "Two adults at times",
]


@demo_step(name="top-up bands", order=120)
def top_up_bands(area: DemoArea, rng: random.Random, progress: Progress) -> None:
    tables = {}
    for (setting_type, status), (name, start, bands) in TABLES.items():
        table = BandTable.objects.create(
            local_authority=area.local_authority,
            name=name,
            setting_type=setting_type,
            effective_from=start,
            status=status,
        )
        tables[(setting_type, status)] = [
            Band.objects.create(
                table=table, code=code, top_up=amount, descriptor=DESCRIPTORS[i % len(DESCRIPTORS)]
            )
            for i, (code, amount) in enumerate(bands)
        ]
    decisions = []
    for child in area.children:
        if child.sen_status != "EHC_PLAN" or child.setting is None:
            continue
        kind = child.setting.setting_type
        key = (
            ("maintained_special", "in_use")
            if kind in ("maintained_special", "academy_special")
            else ("mainstream", "in_use")
            if kind in ("mainstream", "sen_unit", "resourced_provision")
            else None
        )
        if key is None:
            continue
        bands = tables[key]
        band = bands[min(len(bands) - 1, int(rng.triangular(0, len(bands), 1)))]
        decisions.append(
            TopUp(
                child=child,
                band=band,
                suggested=band,
                levels={},
                decided_on=area.today - timedelta(days=rng.randrange(30, 700)),
            )
        )
    TopUp.objects.bulk_create(decisions, batch_size=2000)
    progress.say(f"{len(tables)} band tables, {len(decisions):,} pupils with a top-up band")


UNIT_COSTS = {"mainstream": 8700, "special": 24000, "independent": 64000, "post_16": 12000, "other": 9000}


@demo_step(name="high-needs spend", order=130)
def high_needs_spend(area: DemoArea, rng: random.Random, progress: Progress) -> None:
    year = area.today.year if area.today.month >= 4 else area.today.year - 1
    UnitCost.objects.bulk_create(
        UnitCost(local_authority=area.local_authority, placement=p, financial_year=year, amount=a)
        for p, a in UNIT_COSTS.items()
    )
    plans: dict[str, int] = {}
    for child in area.children:
        if child.sen_status == "EHC_PLAN":
            key = PLACEMENT_OF_SETTING.get(
                child.setting.setting_type if child.setting else "", Placement.OTHER
            )
            plans[key] = plans.get(key, 0) + 1
    rows = []
    for offset in range(12):
        month = date(year + (3 + offset) // 12, (3 + offset) % 12 + 1, 1)
        for placement, n in plans.items():
            budget_plans = n * (1 + 0.004 * offset)
            monthly = UNIT_COSTS[placement] / 12
            done = month < area.today.replace(day=1)
            drift = 1 + (0.012 if placement == "independent" else 0.004) * offset
            rows.append(
                SpendMonth(
                    local_authority=area.local_authority,
                    month=month,
                    placement=placement,
                    budget_plans=round(budget_plans, 1),
                    budget_unit_cost=round(monthly, 2),
                    actual_plans=round(n * drift, 1) if done else None,
                    actual_unit_cost=round(monthly * (1.03 if placement == "independent" else 1.0), 2)
                    if done
                    else None,
                )
            )
    SpendMonth.objects.bulk_create(rows)
    RecoveryTarget.objects.bulk_create(
        [
            RecoveryTarget(
                local_authority=area.local_authority,
                name="Plans in independent special schools",
                year=year,
                target=round(plans.get("independent", 0) * 0.95),
                actual=plans.get("independent", 0),
            ),
            RecoveryTarget(
                local_authority=area.local_authority,
                name="In-year high-needs overspend (£)",
                year=year + 1,
                target=0,
            ),
        ]
    )
    progress.say(f"unit costs, {len(rows)} budget months and 2 recovery targets")
