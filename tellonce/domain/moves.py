"""Moving between councils with an EHC plan.

Sources: SEND Regulations 2014 reg. 15 (the old council transfers the plan on the day of the move
if it knew at least 15 working days before, otherwise within 15 working days of becoming aware;
the new council tells the family within 6 weeks whether it will reassess and when it will review;
and reviews by the later of 12 months from the plan's making or last review and 3 months from the
transfer) and reg. 16 (the same 15 working days between integrated care boards).
send-rules.md section 5. "Working day" excludes weekends and bank holidays (the calendar passed in).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from tellonce.domain.calendar import WorkingDays, add_months, add_weeks

NOTICE_WORKING_DAYS = 15


@dataclass(frozen=True, slots=True)
class Deadline:
    title: str
    due: date
    basis: str


def _working_days_from(start: date, before: date, calendar: WorkingDays) -> int:
    """Working days from `start` (counted) up to the day before `before`."""
    return calendar.count_between(start - timedelta(days=1), before - timedelta(days=1))


def transfer_due(*, moves_on: date, known_on: date, calendar: WorkingDays) -> Deadline:
    """When the old council must transfer the plan: on the day of the move if it knew at least 15
    working days before, otherwise within 15 working days beginning with the day it became aware
    (that day is the first of the 15 when it is a working day)."""
    if known_on < moves_on and _working_days_from(known_on, moves_on, calendar) >= NOTICE_WORKING_DAYS:
        return Deadline("Transfer the plan to the new council", moves_on, "SEND Regulations 2014, reg. 15(2)")
    first_counts = calendar.is_working_day(known_on)
    due = calendar.add(known_on, NOTICE_WORKING_DAYS - 1 if first_counts else NOTICE_WORKING_DAYS)
    return Deadline("Transfer the plan to the new council", due, "SEND Regulations 2014, reg. 15(2)")


def tell_family_due(transferred_on: date) -> Deadline:
    """The new council tells the family the plan has transferred, whether it will reassess and
    when it will review, within 6 weeks."""
    return Deadline(
        "Tell the family about the transfer",
        add_weeks(transferred_on, 6),
        "SEND Regulations 2014, reg. 15(4)",
    )


def review_after_transfer_due(*, transferred_on: date, made_or_last_reviewed: date) -> Deadline:
    """The later of 12 months from the plan's making or last review, and 3 months from the transfer."""
    due = max(add_months(made_or_last_reviewed, 12), add_months(transferred_on, 3))
    return Deadline("Review the transferred plan", due, "SEND Regulations 2014, reg. 15(5)")
