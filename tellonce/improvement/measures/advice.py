"""Measures an improvement plan can cite, from advice requests (registered at start-up)."""

from collections.abc import Sequence
from datetime import date, timedelta

from tellonce.advice.measures import advice_facts
from tellonce.domain import advice as rules
from tellonce.improvement.registry import Measure, register


def _percent(items, day: date) -> float | None:
    """Of advice due in the year to `day` and returned by then, the share returned within 6 weeks."""
    due = [item for item in items if day - timedelta(days=364) <= item.due <= day]
    totals = rules.timeliness(due, day, key=lambda _: "all")
    return totals[0].percent_within_6_weeks if totals else None


def _series(*, health_only: bool):
    def series(local_authority_id: int, days: Sequence[date]) -> list[float | None]:
        items = advice_facts(local_authority_id, health_only=health_only)
        return [_percent(items, day) for day in days]

    return series


def _value(series):
    return lambda local_authority_id, day: series(local_authority_id, [day])[0]


ALL, HEALTH = _series(health_only=False), _series(health_only=True)
register(
    Measure(
        key="advice.within_6_weeks",
        label="Advice for EHC needs assessments returned within 6 weeks",
        unit="%",
        value=_value(ALL),
        series=ALL,
        source="Advice requests in Tellonce (SEND Regulations 2014, reg. 8)",
    )
)
register(
    Measure(
        key="advice.health_within_6_weeks",
        label="Health advice returned within 6 weeks",
        unit="%",
        value=_value(HEALTH),
        series=HEALTH,
        source="Advice requests to health services in Tellonce (SEND Regulations 2014, reg. 8)",
    )
)
