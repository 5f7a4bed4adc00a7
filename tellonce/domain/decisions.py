"""Who makes decisions about a child's or young person's SEND, and so whose consent governs what
a parent sees.

Sources: Children and Families Act 2014 s80 and the SEND Regulations 2014 Part 6 and Schedule 3
(the rights a parent has for a child pass to the young person once they are over compulsory school
age; where a young person lacks capacity to make a decision, their parent or deputy acts as their
representative, Mental Capacity Act 2005); SEND Code of Practice 2015 paragraphs 8.13-8.17
(a young person may ask their parent to act for them, and the council still keeps them informed);
Education (School Leaving Date) Order 1997 (compulsory school age ends on the last Friday in June
of the school year in which the young person turns 16).
"""

from datetime import date, timedelta
from enum import StrEnum

FRIDAY = 4
LEAVING_AGE = 16


class DecisionMaker(StrEnum):
    PARENT = "parent"
    YOUNG_PERSON = "young_person"
    REPRESENTATIVE = "representative"

    @property
    def label(self) -> str:
        return {
            DecisionMaker.PARENT: "The parent or carer (the child is of compulsory school age)",
            DecisionMaker.YOUNG_PERSON: "The young person",
            DecisionMaker.REPRESENTATIVE: "The parent, as the young person's representative (they lack capacity)",
        }[self]


def last_friday_in_june(year: int) -> date:
    day = date(year, 6, 30)
    return day - timedelta(days=(day.weekday() - FRIDAY) % 7)


def school_leaving_date(date_of_birth: date) -> date:
    """The last Friday in June of the school year (1 September to 31 August) in which the young
    person turns 16. Someone who turns 16 over the summer holiday still leaves on that Friday."""
    sixteenth = date_of_birth.year + LEAVING_AGE
    year = sixteenth if date_of_birth.month < 9 else sixteenth + 1
    return last_friday_in_june(year)


def over_compulsory_school_age(date_of_birth: date, today: date) -> bool:
    """From the day after the school leaving date."""
    return today > school_leaving_date(date_of_birth)


def youngest_over_compulsory_school_age(today: date) -> date:
    """Everyone born before this date is over compulsory school age on `today`, and nobody born on
    or after it is (the leaving date only ever moves later as the birthday does), so a database
    can filter by date of birth instead of working out each leaving date."""
    year = today.year if today > last_friday_in_june(today.year) else today.year - 1
    # Those who leave in June of `year` were born 1 September (year - 17) to 31 August (year - 16).
    return date(year - LEAVING_AGE, 9, 1)


def decisions_by(date_of_birth: date, today: date, *, lacks_capacity: bool = False) -> DecisionMaker:
    if not over_compulsory_school_age(date_of_birth, today):
        return DecisionMaker.PARENT
    return DecisionMaker.REPRESENTATIVE if lacks_capacity else DecisionMaker.YOUNG_PERSON


def parent_sees_record(maker: DecisionMaker, *, young_person_agrees: bool) -> bool:
    """A parent sees the record while they make the decisions (for a child, or as a representative);
    once the young person decides for themselves, only if the young person agrees."""
    return maker != DecisionMaker.YOUNG_PERSON or young_person_agrees
