"""Provision delivery: what a plan's provision promises, half-term by half-term.

Sources: CFA 2014 s42 (the council must secure the special educational provision in the plan; a
health commissioning body the health provision); SEND Code of Practice 2015 para 9.69 (provision
"detailed and specific and normally quantified": type, hours and frequency). ADR 72 and
docs/delivery.md say how a promise becomes an expected number of sessions.

A provision item's frequency becomes a `Rule` (how many sessions a day, week, fortnight, month,
half-term, term or year; for how many school weeks; or a block of so many sessions). School days
are the weekdays of the school's half-terms that are not bank holidays. A rate accrues over the
school days of the commitment's window; the sessions expected by the end of each half-term are the
whole sessions accrued by then (rounded down, the remainder carried); weekly, fortnightly and
monthly rates accrue by the school week (a week with a bank holiday is still a week), the others by
the school day, so no half-term is asked for
a session that has not yet fallen due and a year's total is exact. A block without a rate is due
in the half-term it starts. Words that say no frequency give no rule: the coordinator sets it by
hand, it is never guessed.
"""

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from fractions import Fraction

from tellonce.domain.plan_content import Period, read_frequency, read_minutes

WEEKS_A_YEAR = 52  # a calendar month is a twelfth of the year's weeks


@dataclass(frozen=True, slots=True, order=True)
class HalfTerm:
    """One half-term: its first and last school day (holidays lie between half-terms)."""

    starts_on: date
    ends_on: date
    school_year: int = 0  # the calendar year in which the school year began
    number: int = 0  # 1 to 6: autumn 1, autumn 2, spring 1, spring 2, summer 1, summer 2

    @property
    def term(self) -> int:
        """0 autumn, 1 spring, 2 summer."""
        return (self.number - 1) // 2

    @property
    def label(self) -> str:
        if not 1 <= self.number <= 6:
            return f"{self.starts_on:%d %B %Y} to {self.ends_on:%d %B %Y}"
        season = ("Autumn", "Autumn", "Spring", "Spring", "Summer", "Summer")[self.number - 1]
        year = self.school_year if self.number <= 2 else self.school_year + 1
        return f"{season} {2 - self.number % 2} {year}"

    def contains(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on


def _monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _weekday_on_or_after(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _weekday_on_or_before(day: date) -> date:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def _nth_monday(year: int, month: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7 + 7 * (n - 1))


def _last_monday(year: int, month: int) -> date:
    day = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return day - timedelta(days=day.weekday())


def easter_sunday(year: int) -> date:
    """The Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def england_half_terms(school_year: int) -> tuple[HalfTerm, ...]:
    """The usual pattern of a maintained school in England for the school year beginning in
    September of `school_year`: autumn from the first weekday on or after 2 September, a week off
    at the end of October and from about 20 December; spring from the first Monday on or after
    3 January, a week off from the third Monday in February, two weeks off around Easter (the week
    of Good Friday and the week after Easter Monday); summer with the week of the late May bank
    holiday off, ending by 22 July. A council with other dates sets its own."""
    y, n = school_year, school_year + 1
    october_break = _last_monday(y, 10)
    february_break = _nth_monday(n, 2, 3)
    good_friday = easter_sunday(n) - timedelta(days=2)
    easter_break = _monday_of(good_friday)
    may_break = _last_monday(n, 5)
    spring_starts = date(n, 1, 3) + timedelta(days=(7 - date(n, 1, 3).weekday()) % 7)
    dates = (
        (_weekday_on_or_after(date(y, 9, 2)), october_break - timedelta(days=3)),
        (october_break + timedelta(weeks=1), _weekday_on_or_before(date(y, 12, 19))),
        (spring_starts, february_break - timedelta(days=3)),
        (february_break + timedelta(weeks=1), easter_break - timedelta(days=3)),
        (easter_break + timedelta(weeks=2), may_break - timedelta(days=3)),
        (may_break + timedelta(weeks=1), _weekday_on_or_before(date(n, 7, 22))),
    )
    return tuple(HalfTerm(s, e, school_year, i + 1) for i, (s, e) in enumerate(dates))


def half_terms_problems(half_terms: Sequence[HalfTerm]) -> list[str]:
    """What is wrong with a council's own half-term dates: each must end on or after it starts,
    and they must follow one another without overlapping."""
    found = []
    for half_term in half_terms:
        if half_term.ends_on < half_term.starts_on:
            found.append(f"{half_term.label} ends before it starts")
    ordered = sorted(half_terms)
    for before, after in zip(ordered, ordered[1:], strict=False):
        if after.starts_on <= before.ends_on:
            found.append(f"{after.label} starts before {before.label} ends")
    return found


def school_year_bounds(school_year: int) -> tuple[date, date]:
    """The school year beginning in September of `school_year`: 1 September to 31 August."""
    return date(school_year, 9, 1), date(school_year + 1, 8, 31)


def half_term_date_problems(school_year: int, half_terms: Sequence[HalfTerm]) -> dict[tuple[int, str], str]:
    """What is wrong with the six half-terms a council enters for a school year, by half-term number
    and "starts" or "ends" (the first problem of each date): each must end after it starts, fall
    within the school year, and start after the half-term before it ends."""
    first, last = school_year_bounds(school_year)
    found: dict[tuple[int, str], str] = {}
    ordered = sorted(half_terms, key=lambda h: h.number)
    for half_term in ordered:
        n, label = half_term.number, half_term.label
        if half_term.starts_on < first:
            found[(n, "starts")] = f"{label} must start on or after 1 September {school_year}"
        elif half_term.starts_on > last:
            found[(n, "starts")] = f"{label} must start on or before 31 August {school_year + 1}"
        if half_term.ends_on > last:
            found[(n, "ends")] = f"{label} must end on or before 31 August {school_year + 1}"
        elif half_term.ends_on <= half_term.starts_on:
            found[(n, "ends")] = f"{label} must end after it starts"
    for before, after in zip(ordered, ordered[1:], strict=False):
        if after.starts_on <= before.ends_on and (after.number, "starts") not in found:
            found[(after.number, "starts")] = f"{after.label} must start after {before.label} ends"
    return found


@dataclass(frozen=True, slots=True)
class Calendar:
    """The school's half-terms in order and the bank holidays that fall in them."""

    half_terms: tuple[HalfTerm, ...]
    bank_holidays: frozenset[date] = frozenset()

    def is_school_day(self, day: date) -> bool:
        return (
            day.weekday() < 5
            and day not in self.bank_holidays
            and any(h.contains(day) for h in self.half_terms)
        )

    def school_days(self, half_term: HalfTerm, first: date | None = None, last: date | None = None) -> int:
        """School days of `half_term` from `first` to `last` (each included, either may be None)."""
        start = max(half_term.starts_on, first) if first else half_term.starts_on
        end = min(half_term.ends_on, last) if last else half_term.ends_on
        if end < start:
            return 0
        full_weeks, rest = divmod((end - start).days + 1, 7)
        weekdays = full_weeks * 5 + sum((start.weekday() + i) % 7 < 5 for i in range(rest))
        return weekdays - sum(start <= d <= end and d.weekday() < 5 for d in self.bank_holidays)

    def school_weeks_in(
        self, half_term: HalfTerm, first: date | None = None, last: date | None = None
    ) -> int:
        """Monday-to-Friday weeks of `half_term` with at least one school day from `first` to `last`:
        a short week (a bank holiday, a training day) is still a week of a weekly session."""
        start = max(half_term.starts_on, first) if first else half_term.starts_on
        end = min(half_term.ends_on, last) if last else half_term.ends_on
        weeks, monday = 0, _monday_of(start)
        while monday <= end:
            days = (monday + timedelta(days=i) for i in range(5))
            weeks += any(start <= d <= end and d not in self.bank_holidays for d in days)
            monday += timedelta(weeks=1)
        return weeks

    def half_term_of(self, day: date) -> HalfTerm | None:
        return next((h for h in self.half_terms if h.contains(day)), None)

    def end_of_school_weeks(self, start: date, weeks: int) -> date | None:
        """The last day of the `weeks`-th school week from `start` (a school week is a Monday to
        Friday week with at least one school day), or None if the calendar ends first."""
        counted, monday = 0, _monday_of(start)
        last_day = max((h.ends_on for h in self.half_terms), default=start)
        while monday <= last_day:
            days = [monday + timedelta(days=i) for i in range(5)]
            if any(self.is_school_day(d) and d >= start for d in days):
                counted += 1
                if counted == weeks:
                    return monday + timedelta(days=4)
            monday += timedelta(weeks=1)
        return None


class RuleKind(StrEnum):
    RATE = "rate"
    BLOCK = "block"


@dataclass(frozen=True, slots=True)
class Rule:
    """How often: `times` sessions each `per`, or a block of `block` sessions (at a rate, when
    one is given); for `weeks` school weeks when the words limit it; each `minutes` long."""

    times: int | None = None
    per: Period | None = None
    minutes: int | None = None
    weeks: int | None = None
    block: int | None = None

    def __post_init__(self) -> None:
        if (self.times is None) != (self.per is None):
            raise ValueError("a rate needs both how many times and a period")
        if self.times is None and self.block is None:
            raise ValueError("a rule needs a rate or a block of sessions")
        for name in ("times", "minutes", "weeks", "block"):
            value = getattr(self, name)
            if value is not None and value < 1:
                raise ValueError(f"{name} must be at least 1")

    @property
    def kind(self) -> RuleKind:
        return RuleKind.RATE if self.times is not None else RuleKind.BLOCK

    def describe(self) -> str:
        parts = []
        if self.block is not None:
            parts.append(f"a block of {self.block} session{'s' if self.block != 1 else ''}")
        if self.times is not None and self.per is not None:
            times = "once" if self.times == 1 else "twice" if self.times == 2 else f"{self.times} times"
            parts.append(f"{times} a {self.per.value.replace('_', '-')}")
        if self.weeks is not None:
            parts.append(f"for {self.weeks} week{'s' if self.weeks != 1 else ''}")
        if self.minutes is not None:
            parts.append(f"{self.minutes} minutes a session")
        text = ", ".join(parts)
        return text[:1].upper() + text[1:]


_HALF_TERMLY = re.compile(r"\bhalf[ -]?termly\b", re.IGNORECASE)
_FOR_WEEKS = re.compile(
    r"\bfor\s+(\d+|one|two|three|four|five|six|eight|ten|twelve)\s+weeks?\b", re.IGNORECASE
)
_BLOCK = re.compile(
    r"\b(?:a\s+)?(?:block|course|programme)\s+of\s+(\d+|one|two|three|four|five|six|eight|ten|twelve)"
    r"\s+(?:sessions?|lessons?|appointments?)\b",
    re.IGNORECASE,
)
_EVERY_DAY = re.compile(r"\bevery\s+(?:school\s+)?day\b", re.IGNORECASE)
_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "eight": 8,
    "ten": 10,
    "twelve": 12,
}


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _NUMBER_WORDS[text.lower()]


def parse_frequency(text: str) -> Rule | None:
    """A rule from words ("weekly", "3 times a week", "half-termly", "for 6 weeks", "a block of 6
    sessions", "30 minutes"), or None when the words give no rate and no block."""
    times_per = read_frequency(text)
    if times_per is None and _HALF_TERMLY.search(text):
        times_per = (1, Period.HALF_TERM)
    if times_per is None and _EVERY_DAY.search(text):
        times_per = (1, Period.DAY)
    # "half-termly" must not be read as "termly"
    if times_per is not None and times_per[1] == Period.TERM and _HALF_TERMLY.search(text):
        times_per = (times_per[0], Period.HALF_TERM)
    weeks = _FOR_WEEKS.search(text)
    block = _BLOCK.search(text)
    if times_per is None and block is None:
        return None
    minutes = read_minutes(text)
    try:
        return Rule(
            times=times_per[0] if times_per else None,
            per=times_per[1] if times_per else None,
            minutes=minutes if minutes and minutes <= 24 * 60 else None,
            weeks=_number(weeks.group(1)) if weeks else None,
            block=_number(block.group(1)) if block else None,
        )
    except ValueError:
        return None


def rule_for(times: int | None, per: Period | None, minutes: int | None, words: str = "") -> Rule | None:
    """A provision item's rule: its own how-often fields when set, read with its words for a
    limit in weeks or a block; otherwise the words alone; None when neither says."""
    if times is not None and per is not None and times >= 1:
        weeks, block = _FOR_WEEKS.search(words), _BLOCK.search(words)
        return Rule(
            times=times,
            per=per,
            minutes=minutes if minutes and minutes >= 1 else None,
            weeks=_number(weeks.group(1)) if weeks else None,
            block=_number(block.group(1)) if block else None,
        )
    return parse_frequency(words) if words else None


def _accrued(rule: Rule, calendar: Calendar, half_term: HalfTerm, days: int, weeks: int) -> Fraction:
    """Sessions a rate accrues over `days` school days in `weeks` school weeks of `half_term`."""
    assert rule.times is not None and rule.per is not None
    return _per_unit(rule, calendar, half_term) * (days if rule.per in PER_DAY else weeks)


PER_DAY = (Period.DAY, Period.HALF_TERM, Period.TERM, Period.YEAR)


def _per_unit(rule: Rule, calendar: Calendar, half_term: HalfTerm) -> Fraction:
    """Sessions accrued on each school day (daily, half-termly, termly, yearly) or each school week
    (weekly, fortnightly, monthly) of `half_term` by a rate."""
    assert rule.times is not None and rule.per is not None
    times = Fraction(rule.times)
    match rule.per:
        case Period.DAY:
            return times
        case Period.WEEK:
            return times
        case Period.FORTNIGHT:
            return times / 2
        case Period.MONTH:
            return times * 12 / WEEKS_A_YEAR
        case Period.HALF_TERM:
            return times / max(calendar.school_days(half_term), 1)
        case Period.TERM:
            term = [h for h in calendar.half_terms if _same_term(h, half_term)]
            return times / max(sum(calendar.school_days(h) for h in term), 1)
        case Period.YEAR:
            year = [h for h in calendar.half_terms if h.school_year == half_term.school_year]
            return times / max(sum(calendar.school_days(h) for h in year), 1)
    raise ValueError(rule.per)


def _same_term(a: HalfTerm, b: HalfTerm) -> bool:
    if a.number and b.number:
        return a.school_year == b.school_year and a.term == b.term
    return a == b


@dataclass(frozen=True, slots=True)
class Expected:
    half_term: HalfTerm
    sessions: int
    minutes: int | None  # sessions x minutes, when the rule says how long a session is
    school_days: int  # the commitment's school days in this half-term
    school_weeks: int  # its school weeks (weeks with at least one of those days)


def expected_sessions(
    rule: Rule, calendar: Calendar, *, starts_on: date, ends_on: date | None = None
) -> list[Expected]:
    """The whole sessions expected in each half-term of `calendar` for a commitment running from
    `starts_on` to `ends_on` (open when None), cut short after `rule.weeks` school weeks and capped
    at a block's sessions. Half-terms outside the window expect nothing."""
    last = ends_on
    if rule.weeks is not None:
        weeks_end = calendar.end_of_school_weeks(starts_on, rule.weeks)
        if weeks_end is not None:
            last = min(last, weeks_end) if last else weeks_end
    accrued = Fraction(0)
    owed = 0
    found = []
    for half_term in sorted(calendar.half_terms):
        days = weeks = 0
        if half_term.ends_on >= starts_on and (last is None or half_term.starts_on <= last):
            days = calendar.school_days(half_term, starts_on, last)
            weeks = calendar.school_weeks_in(half_term, starts_on, last) if days else 0
        if rule.times is not None:
            accrued += _accrued(rule, calendar, half_term, days, weeks)
        elif rule.block is not None and days:
            accrued = Fraction(rule.block)
        if rule.block is not None:
            accrued = min(accrued, Fraction(rule.block))
        due = math.floor(accrued)
        sessions = due - owed
        owed = due
        found.append(
            Expected(
                half_term=half_term,
                sessions=sessions,
                minutes=sessions * rule.minutes if rule.minutes else None,
                school_days=days,
                school_weeks=weeks,
            )
        )
    return found


def calendar_for(half_terms: Iterable[HalfTerm], bank_holidays: Iterable[date]) -> Calendar:
    terms = tuple(sorted(half_terms))
    if not terms:
        return Calendar(())
    first, last = terms[0].starts_on, terms[-1].ends_on
    return Calendar(terms, frozenset(d for d in bank_holidays if first <= d <= last))


# What was delivered, and why not.


class Outcome(StrEnum):
    DELIVERED = "delivered"
    PARTLY = "partly"
    NOT_DELIVERED = "not_delivered"


OUTCOME_LABELS = {
    Outcome.DELIVERED: "Delivered in full",
    Outcome.PARTLY: "Partly delivered",
    Outcome.NOT_DELIVERED: "Not delivered",
}


class Reason(StrEnum):
    STAFF_ABSENCE = "staff_absence"
    CHILD_ABSENT = "child_absent"
    VACANCY = "vacancy"
    WAITING_LIST = "waiting_list"
    OTHER = "other"


REASON_LABELS = {
    Reason.STAFF_ABSENCE: "Staff absence",
    Reason.CHILD_ABSENT: "The child was absent",
    Reason.VACANCY: "A vacancy: no one in post to deliver it",
    Reason.WAITING_LIST: "The child is on a waiting list",
    Reason.OTHER: "Another reason",
}


class Action(StrEnum):
    MAKE_UP = "make_up"
    CHANGE_PROVIDER = "change_provider"
    EARLY_REVIEW = "early_review"
    OTHER = "other"


ACTION_LABELS = {
    Action.MAKE_UP: "Make-up sessions arranged",
    Action.CHANGE_PROVIDER: "A change of provider",
    Action.EARLY_REVIEW: "An early review of the plan",
    Action.OTHER: "Something else",
}


def delivered_sessions(outcome: Outcome, expected: int, partly: int | None) -> int:
    """Sessions delivered: all expected, the number given when partly, or none."""
    if outcome == Outcome.DELIVERED:
        return expected
    if outcome == Outcome.PARTLY:
        return max(0, min(partly or 0, expected))
    return 0


def missed_weeks(expected: int, delivered: int, school_weeks: Fraction) -> Fraction:
    """The school weeks of a half-term without the provision: its weeks in the share of sessions
    missed (nothing when nothing was expected)."""
    if expected <= 0:
        return Fraction(0)
    shortfall = max(0, expected - delivered)
    return school_weeks * Fraction(shortfall, expected)


def should_escalate(missed: Iterable[Fraction], threshold_weeks: int) -> bool:
    """Escalate when the weeks missed since the coordinator last acted reach the council's threshold."""
    return sum(missed, Fraction(0)) >= threshold_weeks


def latest_and_waiting(newest_first: Iterable[tuple[date, str, str]]) -> tuple[str, str, date | None]:
    """From one commitment's records, newest half-term first (its first day, outcome and reason):
    the latest outcome and reason, and the first day of the run of half-terms not delivered at all
    that the latest ends: how long the child has been waiting (None unless the latest half-term
    was not delivered at all; a half-term delivered even in part ends a wait)."""
    latest: tuple[str, str] = ("", "")
    since = None
    for n, (starts_on, outcome, reason) in enumerate(newest_first):
        if n == 0:
            latest = (outcome, reason)
        if outcome != Outcome.NOT_DELIVERED:
            break
        since = starts_on
    return (*latest, since)


def latest_year_totals(
    newest_first: Iterable[tuple[date, str, int, int]],
) -> tuple[int | None, int, int, int, int]:
    """From one commitment's records, newest half-term first (its first day, outcome, sessions
    expected and delivered): the school year of the latest record (the calendar year it began on 1
    September) and, over that year's records, the sessions expected and delivered, the records and
    those delivered in full. (None, 0, 0, 0, 0) without records."""
    year = None
    expected = delivered = records = in_full = 0
    for starts_on, outcome, sessions, given in newest_first:
        its_year = starts_on.year if starts_on.month >= 9 else starts_on.year - 1
        if year is None:
            year = its_year
        elif its_year != year:
            break
        expected += sessions
        delivered += given
        records += 1
        in_full += outcome == Outcome.DELIVERED
    return year, expected, delivered, records, in_full


def share(numerator: int, denominator: int) -> Fraction | None:
    return Fraction(numerator, denominator) if denominator else None
