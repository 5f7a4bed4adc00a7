"""The SEN2 collection calendar: each collection's reference (census) date and deadline, and the
flow period its counts cover.

Source: DfE "SEN2 person level survey: guide for local authorities" (2024 to 2027 collections);
shared/domain/send-rules.md section 9. The census day has been the third Thursday of January in
every published year (18 Jan 2024, 16 Jan 2025, 15 Jan 2026, 21 Jan 2027), so other years follow
that rule. The published deadlines fall in mid-March; for other years the deadline is the
second Thursday of March, the pattern of the published Thursday deadlines. Flows (requests,
assessments, plans ceased) count the calendar year before the census day.
"""

from dataclasses import dataclass
from datetime import date, timedelta

THURSDAY = 3

# Collection year -> (reference date, deadline), as the DfE published them.
PUBLISHED = {
    2024: (date(2024, 1, 18), date(2024, 3, 14)),
    2025: (date(2025, 1, 16), date(2025, 3, 14)),
    2026: (date(2026, 1, 15), date(2026, 3, 12)),
    2027: (date(2027, 1, 21), date(2027, 3, 11)),
}


@dataclass(frozen=True, slots=True)
class Collection:
    year: int
    reference_date: date
    deadline: date
    published: bool  # False when the dates follow the rule rather than the DfE's calendar

    @property
    def flow_start(self) -> date:
        return date(self.year - 1, 1, 1)

    @property
    def flow_end(self) -> date:
        return date(self.year - 1, 12, 31)

    def in_flow(self, day: date | None) -> bool:
        """True when `day` falls in the calendar year before the census."""
        return day is not None and self.flow_start <= day <= self.flow_end


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def collection(year: int) -> Collection:
    """The collection made in January of `year`."""
    if year in PUBLISHED:
        reference, deadline = PUBLISHED[year]
        return Collection(year, reference, deadline, published=True)
    return Collection(
        year, nth_weekday(year, 1, THURSDAY, 3), nth_weekday(year, 3, THURSDAY, 2), published=False
    )
