"""Timeliness and outcomes of the council's notifications from health, by the year they came in
(domain/early_years.py judges each): one query however many notifications. Figures only."""

from collections import defaultdict
from datetime import date

from tellonce.core.time import working_days
from tellonce.domain import early_years as rules
from tellonce.early_years.models import Notification, Outcome


def timeliness_of(notification) -> rules.Timeliness:
    return rules.timeliness(
        notification.notified_on,
        acknowledged_on=notification.acknowledged_on,
        first_contact_on=notification.first_contact_on,
        calendar=working_days(),
    )


def by_year(local_authority_id: int) -> list[tuple[int, rules.Summary]]:
    """Each calendar year's notifications to the council, newest first."""
    rows = Notification.objects.filter(local_authority_id=local_authority_id).values_list(
        "notified_on", "acknowledged_on", "first_contact_on", "outcome"
    )
    calendar = working_days()
    years: dict[int, list] = defaultdict(list)
    for notified, acknowledged, contacted, outcome in rows:
        judged = rules.timeliness(
            notified, acknowledged_on=acknowledged, first_contact_on=contacted, calendar=calendar
        )
        years[notified.year].append((judged, outcome))
    return [(year, rules.summarise(items)) for year, items in sorted(years.items(), reverse=True)]


def outcome_rows(summary: rules.Summary) -> list[tuple[str, int]]:
    return [(label, summary.outcomes.get(value, 0)) for value, label in Outcome.choices]


def due_dates(notified_on: date) -> tuple[date, date]:
    calendar = working_days()
    return rules.acknowledge_by(notified_on, calendar), rules.first_contact_by(notified_on, calendar)
