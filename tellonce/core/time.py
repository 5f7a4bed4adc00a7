"""The one place that reads the clock. Statutory rules take "today" as an argument."""

import functools
from datetime import date, datetime, time

from django.utils import timezone

from tellonce.core.formatting import UK
from tellonce.domain.calendar import WorkingDays, england_and_wales


def uk_today() -> date:
    return timezone.now().astimezone(UK).date()


def uk_day_starts(day: date) -> datetime:
    """The moment `day` begins in UK time: `at < uk_day_starts(day + 1 day)` is "on or before
    `day`" written so an index on the moment can answer it (`at__date__lte` cannot)."""
    return datetime.combine(day, time.min, tzinfo=UK)


@functools.cache
def _calendar(first_year: int) -> WorkingDays:
    return england_and_wales(range(first_year, first_year + 12))


def working_days() -> WorkingDays:
    """England and Wales working days for the years around today (the holidays package)."""
    return _calendar(uk_today().year - 5)
