"""Transfers between phases of education, and the date by which the plan must be reviewed and
amended for one.

Sources: SEND Regulations 2014 reg. 2 ("transfer between phases of education": early years to
school, infant to junior, primary to middle, primary to secondary, middle to secondary, and
secondary school to a post-16 institution) and reg. 18(1) (the review and any amendment finished
before 15 February in the calendar year of the transfer, or before 31 March for secondary to
post-16); CFA 2014 s83 (a "post-16 institution" is not a school, so staying on in a school's sixth
form is no transfer); send-rules.md section 4, P1 and P2. Children move in September, so the
calendar year of the transfer is the one after the current academic year began.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

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

# The last year group each kind of setting teaches, and the transfer that follows it.
LAST_YEAR = {
    "early_years": NURSERY,
    "infant": 2,
    "first": 4,
    "junior": 6,
    "primary": 6,
    "middle": 8,
    "secondary": 11,
    "secondary_with_sixth_form": 13,
    "all_through": 13,
}
_AFTER = {
    "early_years": Transfer.EARLY_YEARS_TO_SCHOOL,
    "infant": Transfer.INFANT_TO_JUNIOR,
    "first": Transfer.PRIMARY_TO_MIDDLE,
    "junior": Transfer.PRIMARY_TO_SECONDARY,
    "primary": Transfer.PRIMARY_TO_SECONDARY,
    "middle": Transfer.MIDDLE_TO_SECONDARY,
    "secondary": Transfer.SECONDARY_TO_POST_16,
}
# With no setting (or one whose pattern is unknown), the usual transfer years.
_USUAL = {
    NURSERY: Transfer.EARLY_YEARS_TO_SCHOOL,
    6: Transfer.PRIMARY_TO_SECONDARY,
    11: Transfer.SECONDARY_TO_POST_16,
}


def transfer_after(nc_year: int, setting_kind: str | None) -> Transfer | None:
    """The transfer a child in `nc_year` makes next September, if any.

    `setting_kind` is the pattern of the current setting (a key of LAST_YEAR, or "post_16").
    A child finishing Year 13 in a school's sixth form leaves school (not a reg. 18 transfer);
    moves between post-16 settings are timed from the move itself (reg. 18(2)), not fixed dates."""
    if setting_kind == "post_16" or nc_year > 13:
        return None
    if setting_kind in LAST_YEAR:
        if nc_year != LAST_YEAR[setting_kind]:
            return None
        return _AFTER.get(setting_kind)
    return _USUAL.get(nc_year)


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
