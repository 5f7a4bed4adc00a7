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


def until(deadline: date, today: date, who: str = "You") -> str:
    """ "You have until 4 June 2026" on or before the day, "You had until 4 June 2026" after it."""
    verb = "have" if today <= deadline else "had"
    if who not in ("You", "you", "We", "we", "They", "they"):
        verb = "has" if today <= deadline else "had"
    return f"{who} {verb} until {govuk_date(deadline)}"
