"""Measures an improvement plan can cite, from EHC needs assessments (registered at start-up)."""

from collections.abc import Sequence
from datetime import date, timedelta

from tellonce.assessments.measures import case_facts
from tellonce.domain import assessment as rules
from tellonce.improvement.registry import Measure, register


def _percent(facts, day: date) -> float | None:
    return rules.twenty_week_measure_between(
        facts, day - timedelta(days=364), day
    ).percent_excluding_exceptions


def plans_within_20_weeks_series(local_authority_id: int, days: Sequence[date]) -> list[float | None]:
    """New EHC plans issued in the year to each day within 20 weeks, excluding lawful exceptions."""
    facts = case_facts(local_authority_id)
    return [_percent(facts, day) for day in days]


def plans_within_20_weeks(local_authority_id: int, day: date) -> float | None:
    return plans_within_20_weeks_series(local_authority_id, [day])[0]


register(
    Measure(
        key="assessments.plans_within_20_weeks",
        label="New EHC plans issued within 20 weeks, excluding exceptions (the 12 months to each date)",
        unit="%",
        value=plans_within_20_weeks,
        series=plans_within_20_weeks_series,
        source="EHC needs assessments in Tellonce, counted as the DfE counts them (SEN2)",
    )
)
