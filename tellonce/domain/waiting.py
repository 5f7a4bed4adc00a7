"""Waits for health services: how long each child has waited, the waiting list's median and 92nd
percentile, flows by month, time to clear the list, oversight of long waits, and the difference
between localities with its uncertainty.

Sources: NHS England referral-to-treatment rules (the 18-week standard is met when 92% of
incomplete pathways have waited under 18 weeks, so the 92nd percentile of those still waiting is
the measure); NICE NG170/CG128 (a first autism assessment appointment within 3 months of referral);
seed 004 (waits of 9 and 14 months in different parts of one county; inconsistent oversight of long
waits). Dates only; "today" is always passed in.
"""

import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class ClockEvent(StrEnum):
    FIRST_CONTACT = "first_contact"
    ASSESSMENT = "assessment"
    TREATMENT = "treatment"  # start of treatment, or the diagnosis for an assessment pathway


@dataclass(frozen=True, slots=True)
class ServiceClock:
    event: ClockEvent
    weeks: int
    source: str


@dataclass(frozen=True, slots=True)
class Wait:
    referred: date
    accepted: bool | None = None  # None: not yet decided
    first_contact: date | None = None
    assessment: date | None = None
    treatment: date | None = None
    discharged: date | None = None
    group: str = ""  # locality, provider... for comparisons

    def event_date(self, event: ClockEvent) -> date | None:
        return {
            ClockEvent.FIRST_CONTACT: self.first_contact,
            ClockEvent.ASSESSMENT: self.assessment,
            ClockEvent.TREATMENT: self.treatment,
        }[event]


def problems(wait: Wait) -> list[str]:
    found = []
    for name in ("first_contact", "assessment", "treatment", "discharged"):
        value = getattr(wait, name)
        if value is not None and value < wait.referred:
            found.append(f"{name} ({value}) is before the referral ({wait.referred})")
    if wait.accepted is False and any((wait.first_contact, wait.assessment, wait.treatment)):
        found.append("a rejected referral cannot have contacts, assessments or treatment")
    if wait.assessment and wait.treatment and wait.treatment < wait.assessment:
        found.append(f"treatment ({wait.treatment}) is before the assessment ({wait.assessment})")
    return found


def is_waiting(wait: Wait, clock: ServiceClock, on: date) -> bool:
    """Still on the list on `on`: referred by then, not rejected, clock event and discharge still to come."""
    if wait.referred > on or wait.accepted is False:
        return False
    done = wait.event_date(clock.event)
    if done is not None and done <= on:
        return False
    return not (wait.discharged is not None and wait.discharged <= on)


def weeks_waited(wait: Wait, clock: ServiceClock, on: date) -> float:
    """Weeks from referral to the clock event, or to `on` for a child still waiting."""
    done = wait.event_date(clock.event)
    end = done if done is not None and done <= on else on
    return (end - wait.referred).days / 7


def percentile(values: Sequence[float], p: float) -> float | None:
    """Nearest-rank percentile (the smallest value with at least p% of values at or below it)."""
    if not values:
        return None
    return _nearest_rank(values, p)


def _nearest_rank(values: Sequence[float], p: float) -> float:
    """The percentile of values there are some of."""
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


BANDS = ((0, 4), (4, 8), (8, 13), (13, 18), (18, 26), (26, 52), (52, None))


def band_label(low: int, high: int | None) -> str:
    return f"{low} to {high} weeks" if high is not None else f"{low} weeks or more"


@dataclass(frozen=True, slots=True)
class ListSnapshot:
    on: date
    waiting: int
    by_band: tuple[tuple[str, int], ...]
    median_weeks: float | None
    p92_weeks: float | None
    over_standard: int


def snapshot(waits: Iterable[Wait], clock: ServiceClock, on: date) -> ListSnapshot:
    """The list as it stood on `on`: everyone still waiting, with how long they had waited."""
    weeks = [weeks_waited(w, clock, on) for w in waits if is_waiting(w, clock, on)]
    bands = tuple(
        (band_label(lo, hi), sum(1 for v in weeks if v >= lo and (hi is None or v < hi))) for lo, hi in BANDS
    )
    return ListSnapshot(
        on,
        len(weeks),
        bands,
        percentile(weeks, 50),
        percentile(weeks, 92),
        sum(1 for v in weeks if v >= clock.weeks),
    )


@dataclass(frozen=True, slots=True)
class MonthFlow:
    month: str
    referred: int
    seen: int
    discharged: int


def flows(waits: Iterable[Wait], clock: ServiceClock, start: date, end: date) -> list[MonthFlow]:
    months: dict[str, list[int]] = {}
    day = date(start.year, start.month, 1)
    while day <= end:
        months[f"{day:%Y-%m}"] = [0, 0, 0]
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    for w in waits:
        for index, value in enumerate((w.referred, w.event_date(clock.event), w.discharged)):
            if value is not None and start <= value <= end and f"{value:%Y-%m}" in months:
                months[f"{value:%Y-%m}"][index] += 1
    return [MonthFlow(m, *counts) for m, counts in months.items()]


def clearance_weeks(waiting: int, seen_recently: int, referred_recently: int, weeks: float) -> float | None:
    """Weeks to clear today's list at the recent rate of children seen, net of new referrals;
    None when the list is not shrinking."""
    if waiting == 0:
        return 0.0
    net_per_week = (seen_recently - referred_recently) / weeks
    return waiting / net_per_week if net_per_week > 0 else None


@dataclass(frozen=True, slots=True)
class Comparison:
    a: str
    b: str
    median_a: float | None
    median_b: float | None
    difference: float | None  # weeks, a minus b
    interval: tuple[float, float] | None
    material: bool
    too_few: bool


def compare_medians(
    a_weeks: Sequence[float],
    b_weeks: Sequence[float],
    *,
    a: str,
    b: str,
    seed: int = 0,
    resamples: int = 1000,
    material_weeks: float = 4.0,
    min_each: int = 10,
) -> Comparison:
    """Difference in median wait between two groups, with a 95% percentile-bootstrap interval.
    Material when the interval excludes zero and the difference is at least `material_weeks`."""
    ma, mb = percentile(a_weeks, 50), percentile(b_weeks, 50)
    if len(a_weeks) < min_each or len(b_weeks) < min_each or ma is None or mb is None:
        diff = None if ma is None or mb is None else ma - mb
        return Comparison(a, b, ma, mb, diff, None, False, True)
    rng = random.Random(seed)
    diffs = sorted(
        _nearest_rank(rng.choices(a_weeks, k=len(a_weeks)), 50)
        - _nearest_rank(rng.choices(b_weeks, k=len(b_weeks)), 50)
        for _ in range(resamples)
    )
    low, high = diffs[int(0.025 * resamples)], diffs[int(0.975 * resamples) - 1]
    diff = ma - mb
    material = (low > 0 or high < 0) and abs(diff) >= material_weeks
    return Comparison(a, b, ma, mb, diff, (low, high), material, False)


class ReviewState(StrEnum):
    NOT_NEEDED = "not_needed"
    DUE = "due"
    OVERDUE = "overdue"
    DONE = "done"


OVERDUE_AFTER_DAYS = 28


def review_state(
    wait: Wait,
    clock: ServiceClock,
    on: date,
    *,
    review_after_weeks: int,
    review_every_weeks: int,
    last_review: date | None,
) -> ReviewState:
    """A child waiting longer than the service's review threshold needs a review (need re-checked,
    risk, support while waiting), and again every `review_every_weeks`; four weeks late is overdue."""
    if not is_waiting(wait, clock, on):
        return ReviewState.NOT_NEEDED
    due = wait.referred + timedelta(weeks=review_after_weeks)
    if on < due:
        return ReviewState.NOT_NEEDED
    if last_review is not None and last_review >= due:
        next_due = last_review + timedelta(weeks=review_every_weeks)
        if on < next_due:
            return ReviewState.DONE
        due = next_due
    return ReviewState.OVERDUE if (on - due).days > OVERDUE_AFTER_DAYS else ReviewState.DUE
