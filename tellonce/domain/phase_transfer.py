"""Transfers between phases of education, and the date by which the plan must be reviewed and
amended for one.

Sources: SEND Regulations 2014 reg. 2 ("transfer between phases of education": early years to
school, infant to junior, primary to middle, primary to secondary, middle to secondary, and
secondary school to a post-16 institution) and reg. 18(1) (the review and any amendment finished
before 15 February in the calendar year of the transfer, or before 31 March for secondary to
post-16); CFA 2014 s83 (a "post-16 institution" is not a school, so staying on in a school's sixth
form is no transfer); send-rules.md section 4, P1 and P2. Children move in September, so the
calendar year of the transfer is the one after the current academic year began.

A child transfers when they are in the last year their setting teaches, and the transfer is named
by that year: Nursery to school, Year 2 infant to junior, Years 3 to 5 first to middle, Year 6 to
secondary, Years 7 to 9 middle to secondary (or upper) school, Year 11 to post-16. A Year 11 pupil
whose setting teaches Year 12 transfers only if they are moving to a post-16 institution. Special
schools and alternative provision are read the same way, from their years: one teaching 4 to 19 is
like an all-through school.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from tellonce.domain.education_settings import SettingYears
from tellonce.domain.school_years import NURSERY


class Transfer(StrEnum):
    EARLY_YEARS_TO_SCHOOL = "early_years_to_school"
    INFANT_TO_JUNIOR = "infant_to_junior"
    PRIMARY_TO_MIDDLE = "primary_to_middle"
    PRIMARY_TO_SECONDARY = "primary_to_secondary"
    MIDDLE_TO_SECONDARY = "middle_to_secondary"
    SECONDARY_TO_POST_16 = "secondary_to_post_16"


TRANSFER_LABELS = {
    Transfer.EARLY_YEARS_TO_SCHOOL: "Early years to school",
    Transfer.INFANT_TO_JUNIOR: "Infant to junior school",
    Transfer.PRIMARY_TO_MIDDLE: "First or primary to middle school",
    Transfer.PRIMARY_TO_SECONDARY: "Primary to secondary school",
    Transfer.MIDDLE_TO_SECONDARY: "Middle to secondary school",
    Transfer.SECONDARY_TO_POST_16: "Secondary school to a college or other post-16 setting",
}

SECONDARY_LAST_YEAR = 11

# The transfer that follows each last year a setting can teach before Year 12.
_AFTER_LAST_YEAR = {
    NURSERY: Transfer.EARLY_YEARS_TO_SCHOOL,
    2: Transfer.INFANT_TO_JUNIOR,
    3: Transfer.PRIMARY_TO_MIDDLE,
    4: Transfer.PRIMARY_TO_MIDDLE,
    5: Transfer.PRIMARY_TO_MIDDLE,
    6: Transfer.PRIMARY_TO_SECONDARY,
    7: Transfer.MIDDLE_TO_SECONDARY,
    8: Transfer.MIDDLE_TO_SECONDARY,
    9: Transfer.MIDDLE_TO_SECONDARY,
    SECONDARY_LAST_YEAR: Transfer.SECONDARY_TO_POST_16,
}
# With no setting, the usual transfer years.
_USUAL = {
    NURSERY: Transfer.EARLY_YEARS_TO_SCHOOL,
    6: Transfer.PRIMARY_TO_SECONDARY,
    SECONDARY_LAST_YEAR: Transfer.SECONDARY_TO_POST_16,
}


def transfer_after(
    nc_year: int, setting: SettingYears | None, next_setting: SettingYears | None = None
) -> Transfer | None:
    """The transfer a child in `nc_year` at `setting` makes next September, if any.

    `next_setting` is where the child is known to be going, if anywhere yet; it matters only for a
    Year 11 pupil whose setting teaches Year 12. With no setting, the usual years are used (Nursery,
    Year 6, Year 11). A child in a post-16 institution makes no reg. 18(1) transfer: moves between
    post-16 settings are timed from the move itself (reg. 18(2)); nor does one leaving school after
    Year 12 or later. Every Year 11 pupil of a setting without a sixth form is taken to be moving to
    a post-16 institution, the move the 31 March date is for."""
    if setting is None:
        return _USUAL.get(nc_year)
    if setting.is_post_16_institution or nc_year > SECONDARY_LAST_YEAR:
        return None
    if nc_year == SECONDARY_LAST_YEAR and setting.teaches_post_16:
        moving_on = next_setting is not None and next_setting.is_post_16_institution
        return Transfer.SECONDARY_TO_POST_16 if moving_on else None
    return _AFTER_LAST_YEAR.get(nc_year) if nc_year == setting.highest else None


@dataclass(frozen=True, slots=True)
class TransferDeadline:
    transfer: Transfer
    before: date
    basis: str

    @property
    def last_day(self) -> date:
        return date.fromordinal(self.before.toordinal() - 1)


def transfer_deadline(transfer: Transfer, academic_year_start: int) -> TransferDeadline:
    """The plan must be reviewed and amended before this date (reg. 18(1))."""
    year = academic_year_start + 1
    if transfer == Transfer.SECONDARY_TO_POST_16:
        return TransferDeadline(transfer, date(year, 3, 31), "SEND Regulations 2014, reg. 18(1)(a)")
    return TransferDeadline(transfer, date(year, 2, 15), "SEND Regulations 2014, reg. 18(1)(b)")
