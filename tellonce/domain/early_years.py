"""Notifications from health of a young child who probably has SEND, and how quickly the council
acts on them.

Sources: Children and Families Act 2014 s23 (a clinical commissioning group, NHS trust or NHS
foundation trust that forms the opinion that a child under compulsory school age has, or probably
has, SEN or a disability must tell the parent, give them the opportunity to discuss it, and then
bring it to the attention of the local authority; it must also tell the parent of any voluntary
organisation likely to help); SEND Code of Practice 5.13-5.15 (the information, advice and support
service); Education Act 1996 s8 and the Education (Start of Compulsory School Age) Order 1998 (a
child reaches compulsory school age on the prescribed day, 31 December, 31 March or 31 August, on
or after their fifth birthday).

The law sets no clock for the council's answer. The standards here (acknowledge within 5 working
days, first contact with the family within 20) are the council's own service standard, kept in one
place so the figures and the work lists agree.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from tellonce.domain.calendar import WorkingDays

ACKNOWLEDGE_WORKING_DAYS = 5
FIRST_CONTACT_WORKING_DAYS = 20
PRESCRIBED_DAYS = ((3, 31), (8, 31), (12, 31))


def compulsory_school_age_from(date_of_birth: date) -> date:
    """The first prescribed day (31 March, 31 August or 31 December) on or after the fifth birthday."""
    year = date_of_birth.year + 5
    if (date_of_birth.month, date_of_birth.day) == (2, 29):
        fifth = date(year, 3, 1)  # a leap year plus five is never one: the birthday is 1 March
    else:
        fifth = date(year, date_of_birth.month, date_of_birth.day)
    for month, day_of_month in PRESCRIBED_DAYS:
        prescribed = date(year, month, day_of_month)
        if prescribed >= fifth:
            return prescribed
    raise AssertionError("31 December is on or after every birthday of the year")


def is_under_compulsory_school_age(date_of_birth: date, on: date) -> bool:
    return date_of_birth <= on < compulsory_school_age_from(date_of_birth)


class Refusal(StrEnum):
    NOT_BORN = "The date of birth must be in the past"
    OF_SCHOOL_AGE = (
        "The child has reached compulsory school age, so this is not a notification under section 23: "
        "tell their school or ask for an EHC needs assessment instead"
    )
    PARENT_NOT_TOLD = (
        "Tell the parent first: section 23 says the parent must be told, and given the chance to "
        "discuss it, before the council is told"
    )
    SERVICE_NOT_NAMED = (
        "Tell the parent about the SEND information, advice and support service before you notify the council"
    )


def refusals(
    *, date_of_birth: date, notified_on: date, parent_told: bool, service_named: bool
) -> list[Refusal]:
    """Why a notification cannot be accepted as one under s23, in the order a person should fix them."""
    found = []
    if date_of_birth > notified_on:
        found.append(Refusal.NOT_BORN)
    elif not is_under_compulsory_school_age(date_of_birth, notified_on):
        found.append(Refusal.OF_SCHOOL_AGE)
    if not parent_told:
        found.append(Refusal.PARENT_NOT_TOLD)
    if not service_named:
        found.append(Refusal.SERVICE_NOT_NAMED)
    return found


@dataclass(frozen=True, slots=True)
class Timeliness:
    """Working days from the notification to its acknowledgement and to first contact with the
    family: None while not yet done."""

    to_acknowledge: int | None
    to_first_contact: int | None
    acknowledged_in_time: bool | None
    contacted_in_time: bool | None


def timeliness(
    notified_on: date,
    *,
    acknowledged_on: date | None,
    first_contact_on: date | None,
    calendar: WorkingDays,
) -> Timeliness:
    ack = calendar.count_between(notified_on, acknowledged_on) if acknowledged_on else None
    contact = calendar.count_between(notified_on, first_contact_on) if first_contact_on else None
    return Timeliness(
        ack,
        contact,
        None if ack is None else ack <= ACKNOWLEDGE_WORKING_DAYS,
        None if contact is None else contact <= FIRST_CONTACT_WORKING_DAYS,
    )


def acknowledge_by(notified_on: date, calendar: WorkingDays) -> date:
    return calendar.add(notified_on, ACKNOWLEDGE_WORKING_DAYS)


def first_contact_by(notified_on: date, calendar: WorkingDays) -> date:
    return calendar.add(notified_on, FIRST_CONTACT_WORKING_DAYS)


@dataclass(frozen=True, slots=True)
class Summary:
    """A group of notifications: how many, how many acknowledged and contacted in time (of those
    done), the median working days, and the count of each outcome."""

    count: int
    acknowledged: int
    acknowledged_in_time: int
    contacted: int
    contacted_in_time: int
    median_to_acknowledge: float | None
    median_to_first_contact: float | None
    outcomes: dict[str, int]


def _median(values: list[int]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def summarise(items: Iterable[tuple[Timeliness, str]]) -> Summary:
    """`items` are each notification's timeliness and its outcome ("" while open)."""
    items = list(items)
    acks = [t.to_acknowledge for t, _ in items if t.to_acknowledge is not None]
    contacts = [t.to_first_contact for t, _ in items if t.to_first_contact is not None]
    return Summary(
        count=len(items),
        acknowledged=len(acks),
        acknowledged_in_time=sum(1 for t, _ in items if t.acknowledged_in_time),
        contacted=len(contacts),
        contacted_in_time=sum(1 for t, _ in items if t.contacted_in_time),
        median_to_acknowledge=_median(acks),
        median_to_first_contact=_median(contacts),
        outcomes=dict(Counter(outcome for _, outcome in items if outcome)),
    )
