"""Retention, on the schedule: the worker counts what is due for disposal and never disposes of
anything. Disposal stays a person's decision, after reading the report (docs/data-protection.md:
"run the report monthly and dispose after checking it"); the counts are on the Background work page
and the Retention page shows the detail."""

from datetime import date

from tellonce.jobs.schedule import Counts, every_day
from tellonce.organisations.models import LocalAuthority
from tellonce.records.retention import due


@every_day(
    "retention-report",
    at="06:00",
    description="Counts, for each council, the records due for disposal (as `tellonce retention-report`); "
    "disposes of nothing",
)
def retention_report(day: date) -> Counts:
    counts: dict[str, int] = {}
    for council in LocalAuthority.objects.order_by("code"):
        counts[f"{council.code} due for disposal"] = sum(found.count() for found in due(council, today=day))
    return counts
