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
    description="Counts the records due for disposal in every council (as `tellonce retention-report`); "
    "disposes of nothing",
)
def retention_report(day: date) -> Counts:
    # The total only: the page that shows it is seen by every council's administrator.
    councils = list(LocalAuthority.objects.order_by("code"))
    total = sum(found.count() for council in councils for found in due(council, today=day))
    return {"due for disposal": total, "councils": len(councils)}
