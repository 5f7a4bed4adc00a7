"""The partnership dashboard's figures, one definition each: what a measure counts, its numerator
and denominator by month, the rolling and calendar-year figures, and how it stands against the
council's target and against England, the region and the statistical neighbours.

Whether one case, review or piece of advice was on time is decided where that rule lives
(`assessment.decision_outcome`, `assessment.twenty_week_outcome`, `reviews.clock`,
`advice.AdviceFacts.due`); this module only counts what those rules say. The SEN2 return's headline
figures use the same `Figure` so the dashboard and the return can be compared key for key
(send-rules.md section 10 gives the DfE's definitions).
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

MONTHS_SHOWN = 36


@dataclass(frozen=True, slots=True)
class Figure:
    """A count out of a denominator, as published: the percentage follows from the two."""

    numerator: int
    denominator: int

    def __post_init__(self) -> None:
        if self.numerator < 0 or self.denominator < 0:
            raise ValueError("a figure cannot count fewer than nothing")

    @property
    def percent(self) -> float | None:
        return 100 * self.numerator / self.denominator if self.denominator else None

    def __add__(self, other: "Figure") -> "Figure":
        return Figure(self.numerator + other.numerator, self.denominator + other.denominator)


NOTHING = Figure(0, 0)


class Good(StrEnum):
    """Which way is better for a measure."""

    HIGHER = "higher"
    LOWER = "lower"


class Area(StrEnum):
    """Whose measure it is: the designated officers see health's and social care's."""

    EDUCATION = "education"
    HEALTH = "health"
    SOCIAL_CARE = "social_care"
    FAMILIES = "families"


@dataclass(frozen=True, slots=True)
class Measure:
    key: str
    title: str
    definition: str
    numerator: str
    denominator: str
    source: str
    good: Good = Good.HIGHER
    areas: frozenset[Area] = frozenset({Area.EDUCATION})
    published: str = ""  # the DfE published measure it is compared with, if any


MEASURES: tuple[Measure, ...] = (
    Measure(
        "requests_decided_in_6_weeks",
        "Requests decided within 6 weeks",
        "Initial requests for an EHC needs assessment whose decision (to assess or not) was sent "
        "to the family in the month, and how many within 6 weeks of the request (reg. 4 and 5). "
        "Reassessments are not counted, as the DfE does not count them.",
        "decisions sent within 6 weeks of the request",
        "decisions on initial requests sent in the month",
        "Assessments: request received and decision notified dates",
        published="requests_decided_in_6_weeks",
    ),
    Measure(
        "plans_in_20_weeks_including_exceptions",
        "New plans issued within 20 weeks, including exceptions",
        "New EHC plans issued in the month, and how many within 20 weeks of the request (reg. 13), "
        "counting every new plan, including those where a lawful exception applied.",
        "new plans issued within 20 weeks",
        "new plans issued in the month",
        "Assessments: request received and final plan issued dates",
        published="plans_in_20_weeks_including_exceptions",
    ),
    Measure(
        "plans_in_20_weeks_excluding_exceptions",
        "New plans issued within 20 weeks, excluding exceptions",
        "The DfE's headline: new EHC plans issued in the month within 20 weeks, leaving out of both "
        "sides the plans where a lawful exception to the 20 weeks applied (reg. 13(3)).",
        "new plans issued within 20 weeks, without an exception",
        "new plans issued in the month without an exception",
        "Assessments: dates and the timescale exceptions recorded",
        published="plans_in_20_weeks_excluding_exceptions",
    ),
    Measure(
        "review_decisions_in_4_weeks",
        "Annual review decisions within 4 weeks",
        "Annual reviews whose decision (keep, amend or cease the plan) was sent in the month, and "
        "how many within 4 weeks of the review meeting (Code of Practice 9.176). As the DfE counts "
        "it from the SEN2 return: one review a plan a year, the latest by the next January's census day.",
        "decisions sent within 4 weeks of the meeting",
        "review decisions sent in the month",
        "Annual reviews: meeting and decision notified dates",
        published="review_decisions_in_4_weeks",
    ),
    Measure(
        "amendments_on_time",
        "Amended plans issued on time (8 and 12 weeks)",
        "Amended plans issued in the month after an annual review, and how many within 8 weeks of "
        "the amendment notice and in any case within 12 weeks of the meeting (reg. 22(3)).",
        "amended plans issued within 8 weeks of the notice and 12 weeks of the meeting",
        "amended plans after a review due in the month",
        "Annual reviews: amendment notice, meeting and amended plan dates",
    ),
    Measure(
        "health_advice_in_6_weeks",
        "Health advice returned within 6 weeks",
        "Health advice for an EHC needs assessment returned in the month, and how many within 6 "
        "weeks of the request (reg. 8).",
        "health advice returned within 6 weeks of the request",
        "health advice returned in the month",
        "Advice: requested and received dates, health services",
        areas=frozenset({Area.HEALTH}),
    ),
    Measure(
        "social_care_advice_in_6_weeks",
        "Social care advice returned within 6 weeks",
        "Social care advice for an EHC needs assessment returned in the month, and how many within "
        "6 weeks of the request (reg. 8).",
        "social care advice returned within 6 weeks of the request",
        "social care advice returned in the month",
        "Advice: requested and received dates, social care",
        areas=frozenset({Area.SOCIAL_CARE}),
    ),
    Measure(
        "health_at_reviews",
        "Health at annual reviews",
        "Annual review meetings in the month to which health was invited, and how many health came "
        "to or sent advice for.",
        "reviews health attended or sent advice for",
        "reviews health was invited to",
        "Annual reviews: who was invited and who came, by agency",
        areas=frozenset({Area.HEALTH}),
    ),
    Measure(
        "plans_without_findings",
        "Plans issued without a quality finding",
        "Plans issued in the month (new or amended) whose automatic quality checks found nothing "
        "that must be put right (outcomes, specified and quantified provision, sections complete).",
        "plans issued with no finding of an error",
        "plans issued in the month",
        "Plans: the findings of the checks when each version was issued",
    ),
    Measure(
        "families_satisfied",
        "Families satisfied",
        "Answers in the month to the family surveys' agree-or-disagree questions (after a new "
        "plan or a review) that agreed or strongly agreed; 'don't know' is left out.",
        "answers agreeing or strongly agreeing",
        "answers given, leaving out 'don't know'",
        "Family voice: survey answers",
        areas=frozenset({Area.FAMILIES, Area.EDUCATION, Area.HEALTH, Area.SOCIAL_CARE}),
    ),
)
BY_KEY: Mapping[str, Measure] = {m.key: m for m in MEASURES}

# The keys annual_figures() and the SEN2 return's headline both give, in this order.
ANNUAL_KEYS = (
    "requests_decided_in_6_weeks",
    "plans_in_20_weeks_including_exceptions",
    "plans_in_20_weeks_excluding_exceptions",
    "review_decisions_in_4_weeks",
    "ceased_by_reason",
)


def month_key(day: date) -> str:
    return f"{day:%Y-%m}"


def months_to(last: date, count: int = MONTHS_SHOWN) -> list[str]:
    """The `count` months ending with `last`'s month, oldest first, as "YYYY-MM"."""
    if count < 1:
        raise ValueError("at least one month")
    index = last.year * 12 + last.month - 1
    return [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(index - count + 1, index + 1)]


def by_month(outcomes: Iterable[tuple[date, bool | None]]) -> dict[str, Figure]:
    """Count (day, counted as good) pairs by the month of the day. An outcome of None is not yet
    due and counts on neither side."""
    counts = Counter((day.year, day.month, bool(good)) for day, good in outcomes if good is not None)
    months: dict[str, list[int]] = {}
    for (year, month, good), n in counts.items():
        pair = months.setdefault(f"{year:04d}-{month:02d}", [0, 0])
        pair[0] += n if good else 0
        pair[1] += n
    return {month: Figure(n, d) for month, (n, d) in months.items()}


def series(monthly: Mapping[str, Figure], months: Iterable[str]) -> list[tuple[str, Figure]]:
    """The figure for each month, a month with nothing counted being 0 of 0."""
    return [(m, monthly.get(m, NOTHING)) for m in months]


def total(figures: Iterable[Figure]) -> Figure:
    result = NOTHING
    for figure in figures:
        result = result + figure
    return result


def calendar_year(monthly: Mapping[str, Figure], year: int) -> Figure:
    """The calendar year's figure: the months' numerators over the months' denominators."""
    return total(f for m, f in monthly.items() if m.startswith(f"{year:04d}-"))


def rolling(monthly: Mapping[str, Figure], last: date, months: int = 12) -> Figure:
    """The figure over the `months` months ending with `last`'s month."""
    return total(monthly.get(m, NOTHING) for m in months_to(last, months))


class Standing(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    NO_TARGET = "no_target"
    NO_DATA = "no_data"


STANDING_LABELS = {
    Standing.MET: "Target met",
    Standing.NOT_MET: "Target not met",
    Standing.NO_TARGET: "No target set",
    Standing.NO_DATA: "Nothing to measure yet",
}


def against_target(figure: Figure, target_percent: float | None, good: Good = Good.HIGHER) -> Standing:
    """Met when the percentage is at or beyond the target in the direction that is good."""
    if target_percent is None:
        return Standing.NO_TARGET
    percent = figure.percent
    if percent is None:
        return Standing.NO_DATA
    met = percent >= target_percent if good is Good.HIGHER else percent <= target_percent
    return Standing.MET if met else Standing.NOT_MET


def neighbours_average(figures: Iterable[Figure | None]) -> Figure | None:
    """The neighbours' figure as one area: their numerators over their denominators (not the mean
    of their percentages), leaving out those whose figures were not published."""
    known = [f for f in figures if f is not None and f.denominator > 0]
    return total(known) if known else None


def difference(ours: Figure, theirs: Figure | None) -> float | None:
    """Our percentage less theirs, in percentage points (None if either is unknown)."""
    if theirs is None or ours.percent is None or theirs.percent is None:
        return None
    return ours.percent - theirs.percent


def better_than(ours: Figure, theirs: Figure | None, good: Good = Good.HIGHER) -> bool | None:
    gap = difference(ours, theirs)
    if gap is None:
        return None
    return gap > 0 if good is Good.HIGHER else gap < 0


def visible_measures(areas: Iterable[Area] | None) -> tuple[Measure, ...]:
    """The measures a reader sees: all of them (None), or those of their areas."""
    if areas is None:
        return MEASURES
    wanted = frozenset(areas)
    return tuple(m for m in MEASURES if m.areas & wanted)
