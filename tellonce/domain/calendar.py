"""Calendar arithmetic for statutory clocks: calendar weeks, days and months, and working days.

Sources: SEND Regulations 2014 (weeks and days are calendar units; "working day" excludes
Saturdays, Sundays, Christmas Day, Good Friday and bank holidays under the Banking and Financial
Dealings Act 1971 in England and Wales). Callers pass the holiday set, so tests can fix it and a
council can add closure days.
"""

import calendar as _calendar
from dataclasses import dataclass
from datetime import date, timedelta

import holidays


def add_weeks(start: date, weeks: int) -> date:
    return start + timedelta(weeks=weeks)


def add_calendar_days(start: date, days: int) -> date:
    return start + timedelta(days=days)


def add_months(start: date, months: int) -> date:
    """Calendar months; a day that does not exist in the target month becomes its last day."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, _calendar.monthrange(year, month)[1]))


@dataclass(frozen=True, slots=True)
class WorkingDays:
    bank_holidays: frozenset[date]

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.bank_holidays

    def add(self, start: date, working_days: int) -> date:
        """The day `working_days` working days after `start` (start itself is not counted)."""
        if working_days < 0:
            raise ValueError("working_days must not be negative")
        day = start
        remaining = working_days
        while remaining:
            day += timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def count_between(self, start: date, end: date) -> int:
        """Working days after `start`, up to and including `end` (0 when end <= start)."""
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            count += self.is_working_day(day)
        return count


def england_and_wales(years: range) -> WorkingDays:
    """Working days with the England and Wales bank holidays for `years` (the holidays package)."""
    return WorkingDays(frozenset(holidays.country_holidays("GB", subdiv="ENG", years=years).keys()))
