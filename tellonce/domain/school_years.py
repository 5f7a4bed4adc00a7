"""National curriculum year groups and ages in England.

Sources: DfE "School admissions: national curriculum year groups" and the Education Act 1996
s8 (a child reaches compulsory school age on the prescribed day after turning 5). A child is in
Reception in the academic year (1 September to 31 August) that starts after they turn 4, so
children born 1 September to 31 August share a year group. Before Reception come Nursery (the
year they turn 4) and the early years; after Year 13, post-19.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

RECEPTION = 0
NURSERY = -1
LAST_SCHOOL_YEAR = 13


class Phase(StrEnum):
    EARLY_YEARS = "early_years"
    PRIMARY = "primary"
    SECONDARY = "secondary"
    POST_16 = "post_16"
    POST_19 = "post_19"


@dataclass(frozen=True, slots=True, order=True)
class NCYear:
    """A year group: 0 is Reception, 1-13 are Years 1-13, negative numbers are before school,
    14 and over are the years after Year 13."""

    value: int

    @property
    def label(self) -> str:
        if self.value == RECEPTION:
            return "Reception"
        if self.value == NURSERY:
            return "Nursery"
        if self.value < NURSERY:
            return "Early years"
        if self.value <= LAST_SCHOOL_YEAR:
            return f"Year {self.value}"
        return "Post-19"

    @property
    def phase(self) -> Phase:
        return phase_of(self)


def academic_year_start(today: date) -> int:
    """The calendar year in which the current academic year began (on 1 September)."""
    return today.year if today.month >= 9 else today.year - 1


def national_curriculum_year(date_of_birth: date, today: date) -> NCYear:
    # Born 1 Sep (Y-5) to 31 Aug (Y-4): Reception in the academic year starting 1 Sep Y.
    cohort = date_of_birth.year + (1 if date_of_birth.month >= 9 else 0)
    return NCYear(academic_year_start(today) - cohort - 4)


def age_on(date_of_birth: date, day: date) -> int:
    """Whole years. Someone born on 29 February has their birthday on 1 March in other years."""
    had_birthday = (day.month, day.day) >= (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - (0 if had_birthday else 1)


def birthday(date_of_birth: date, age: int) -> date:
    """The day someone turns `age`, as `age_on` counts (29 February becomes 1 March in other
    years): from this day on, and not before, `age_on(date_of_birth, day) >= age`."""
    try:
        return date_of_birth.replace(year=date_of_birth.year + age)
    except ValueError:  # born on 29 February, and that year has none
        return date(date_of_birth.year + age, 3, 1)


def phase_of(year: NCYear) -> Phase:
    if year.value < RECEPTION:
        return Phase.EARLY_YEARS
    if year.value <= 6:
        return Phase.PRIMARY
    if year.value <= 11:
        return Phase.SECONDARY
    if year.value <= LAST_SCHOOL_YEAR:
        return Phase.POST_16
    return Phase.POST_19
