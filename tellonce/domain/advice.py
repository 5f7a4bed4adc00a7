"""Timeliness and age of advice.

Sources: SEND Regulations 2014 reg. 8 (advice within 6 weeks of the request, with the exceptions
in reg. 8(2)); reg. 6(4) (existing advice is reused only where the adviser, the council and the
family agree it is sufficient); seeds 001, 002 and 004 (timeliness by provider; a plan resting on
a report written twelve years earlier). Dates only; "today" is passed in.
"""

import statistics
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from tellonce.domain.calendar import add_months
from tellonce.domain.timescales import advice_due

DEFAULT_MAX_AGE_MONTHS = 24


@dataclass(frozen=True, slots=True)
class AdviceFacts:
    requested: date
    received: date | None
    service: str = ""
    provider: str = ""

    @property
    def due(self) -> date:
        return advice_due(self.requested).due


@dataclass(frozen=True, slots=True)
class Timeliness:
    key: Hashable
    requests: int
    returned: int
    returned_within_6_weeks: int
    median_days: float | None
    outstanding: int
    overdue: int

    @property
    def percent_within_6_weeks(self) -> float | None:
        """Of the advice returned, the share returned within 6 weeks."""
        return 100 * self.returned_within_6_weeks / self.returned if self.returned else None


def timeliness(
    items: Iterable[AdviceFacts], today: date, key: Callable[[AdviceFacts], Hashable]
) -> list[Timeliness]:
    """Requests grouped by `key` (provider, service, month...), sorted by key."""
    groups: dict[Hashable, list[AdviceFacts]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return [_summarise(k, groups[k], today) for k in sorted(groups, key=str)]


def _summarise(key: Hashable, items: list[AdviceFacts], today: date) -> Timeliness:
    returned = [(i, received) for i in items if (received := i.received) is not None and received <= today]
    waiting = [i for i in items if i.received is None or i.received > today]
    days = [(received - i.requested).days for i, received in returned]
    return Timeliness(
        key=key,
        requests=len(items),
        returned=len(returned),
        returned_within_6_weeks=sum(1 for i, received in returned if received <= i.due),
        median_days=statistics.median(days) if days else None,
        outstanding=len(waiting),
        overdue=sum(1 for i in waiting if today > i.due),
    )


def month_of(item: AdviceFacts) -> str:
    return f"{item.requested:%Y-%m}"


@dataclass(frozen=True, slots=True)
class AgeFlag:
    code: str
    message: str


def age_flags(
    *, assessed_on: date | None, on: date, reused: bool = False, max_age_months: int = DEFAULT_MAX_AGE_MONTHS
) -> list[AgeFlag]:
    """Why advice used in a plan drafted or reviewed `on` should be checked before relying on it."""
    flags = []
    if assessed_on is None:
        flags.append(
            AgeFlag("no_assessment_date", "The date of the assessment behind this advice is not recorded")
        )
    elif add_months(assessed_on, max_age_months) < on:
        years = (on - assessed_on).days // 365
        flags.append(
            AgeFlag(
                "old",
                f"Based on an assessment more than {max_age_months // 12} years old ({years} years before)",
            )
        )
    if reused:
        flags.append(
            AgeFlag(
                "reused",
                "Reused from an earlier assessment: check the adviser, the council and "
                "the family agree it is still sufficient (reg. 6(4))",
            )
        )
    return flags


class ReminderKind(StrEnum):
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    STILL_OVERDUE = "still_overdue"


REMINDER_DAYS_BEFORE = 7
REMINDER_DAYS_AFTER_AGAIN = 14


def reminder_due(requested: date, today: date, *, due: date | None = None) -> ReminderKind | None:
    """The one reminder that fits today: a week before the due date, the day after it, and two
    weeks after that. A missed run sends only the latest, never a backlog. The due date is 6 weeks
    from the request (reg. 8) unless another is given (advice for a review)."""
    due = due or advice_due(requested).due
    if (today - due).days > REMINDER_DAYS_AFTER_AGAIN:
        return ReminderKind.STILL_OVERDUE
    if today > due:
        return ReminderKind.OVERDUE
    if (due - today).days <= REMINDER_DAYS_BEFORE:
        return ReminderKind.DUE_SOON
    return None
