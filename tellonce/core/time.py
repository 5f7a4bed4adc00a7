"""The one place that reads the clock. Statutory rules take "today" as an argument."""

from datetime import date

from django.utils import timezone

from tellonce.core.formatting import UK


def uk_today() -> date:
    return timezone.now().astimezone(UK).date()
