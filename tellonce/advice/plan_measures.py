"""Measures an improvement plan can cite, from advice requests (registered at start-up)."""

from datetime import date, timedelta

from tellonce.domain import advice as rules
from tellonce.improvement.registry import Measure, register


def advice_within_6_weeks(local_authority_id: int, day: date) -> float | None:
    """Of advice due in the year to `day` and returned by then, the share returned within 6 weeks."""
    from tellonce.advice.measures import _facts

    items = [
        item
        for item in _facts(local_authority_id, health_only=False)
        if day - timedelta(days=364) <= item.due <= day
    ]
    (total,) = rules.timeliness(items, day, key=lambda _: "all") or [None]
    return total.percent_within_6_weeks if total else None


def health_advice_within_6_weeks(local_authority_id: int, day: date) -> float | None:
    from tellonce.advice.measures import _facts

    items = [
        item
        for item in _facts(local_authority_id, health_only=True)
        if day - timedelta(days=364) <= item.due <= day
    ]
    (total,) = rules.timeliness(items, day, key=lambda _: "all") or [None]
    return total.percent_within_6_weeks if total else None


register(
    Measure(
        key="advice.within_6_weeks",
        label="Advice for EHC needs assessments returned within 6 weeks",
        unit="%",
        value=advice_within_6_weeks,
        source="Advice requests in Tellonce (SEND Regulations 2014, reg. 8)",
    )
)
register(
    Measure(
        key="advice.health_within_6_weeks",
        label="Health advice returned within 6 weeks",
        unit="%",
        value=health_advice_within_6_weeks,
        source="Advice requests to health services in Tellonce (SEND Regulations 2014, reg. 8)",
    )
)
