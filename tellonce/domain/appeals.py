"""Mediation and appeal time limits that every decision notice must state.

Sources: SEND Regulations 2014 regs 32-34 (contact the mediation adviser within 2 months of the
decision notice; a certificate within 3 working days) and reg. 14 (the final plan's notice gives
appeal and mediation rights); the Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008
r. 20 as explained by IPSEA: appeal within 2 months of the decision letter, or 1 month of the
mediation certificate if later; a deadline in August moves to the first working day of September,
and one from 25 December to 1 January to the first working day after 1 January.
send-rules.md section 7.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from tellonce.domain.calendar import WorkingDays, add_months

APPEALABLE_SECTIONS = ("B", "F", "I")


@dataclass(frozen=True, slots=True)
class AppealRights:
    decision_on: date
    mediation_contact_by: date
    appeal_by: date


def _first_working_day_from(day: date, calendar: WorkingDays) -> date:
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
    return day


def appeal_by(
    decision_on: date, calendar: WorkingDays, *, mediation_certificate_on: date | None = None
) -> date:
    """The last day to register an appeal with the First-tier Tribunal (SEND)."""
    due = add_months(decision_on, 2)
    if mediation_certificate_on is not None:
        due = max(due, add_months(mediation_certificate_on, 1))
    if due.month == 8:
        return _first_working_day_from(date(due.year, 9, 1), calendar)
    if (due.month, due.day) >= (12, 25):
        return _first_working_day_from(date(due.year + 1, 1, 2), calendar)
    if (due.month, due.day) == (1, 1):
        return _first_working_day_from(date(due.year, 1, 2), calendar)
    return due


def rights(decision_on: date, calendar: WorkingDays) -> AppealRights:
    """The dates a decision notice sent on `decision_on` must give the family."""
    return AppealRights(
        decision_on=decision_on,
        mediation_contact_by=add_months(decision_on, 2),
        appeal_by=appeal_by(decision_on, calendar),
    )
