"""Dates and counts written as the GOV.UK style guide writes them ("4 June 2026", "3 days")."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")


def govuk_date(value: date | None, empty: str = "Not recorded") -> str:
    if value is None:
        return empty
    return f"{value.day} {value:%B %Y}"


def govuk_datetime(value: datetime | None, empty: str = "Not recorded") -> str:
    if value is None:
        return empty
    local = value.astimezone(UK)
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    return f"{govuk_date(local.date())} at {hour}:{local:%M}{suffix}"


def days_phrase(days: int) -> str:
    return f"{days} day" if abs(days) == 1 else f"{days} days"
