"""The share of pupils on SEN support and with an EHC plan, by school at its latest census, for
the area and against England's published figures (published/england.csv). Two queries however many
schools. Figures only: no pupil is named."""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tellonce.domain.sen_support import SchoolShares, area, difference_in_points
from tellonce.sen_support.models import CensusImport

ENGLAND = Path(__file__).with_name("published") / "england.csv"


@cache
def england() -> dict[tuple[int, str], float]:
    """(census year, measure) -> the percentage England published."""
    with ENGLAND.open(newline="") as file:
        return {(int(r["census_year"]), r["measure"]): float(r["percent"]) for r in csv.DictReader(file)}


def england_percent(year: int, measure: str) -> tuple[int, float] | None:
    """The figure for the census year, or the latest published before it, with its year."""
    known = sorted((y, p) for (y, m), p in england().items() if m == measure and y <= year)
    return known[-1] if known else None


@dataclass(frozen=True)
class SchoolRow:
    name: str
    term: str
    shares: SchoolShares


def latest_by_school(censuses) -> list[SchoolRow]:
    """Each school's latest census among `censuses` (already scoped)."""
    latest: dict[int, CensusImport] = {}
    for census in censuses.select_related("setting").order_by("setting_id", "-census_date"):
        latest.setdefault(census.setting_id, census)
    rows = [
        SchoolRow(c.setting.name, c.term, SchoolShares(c.pupils, c.sen_support, c.ehc_plan))
        for c in latest.values()
    ]
    return sorted(rows, key=lambda r: r.name)


@dataclass(frozen=True)
class Comparison:
    schools: list[SchoolRow]
    area: SchoolShares
    england_support: tuple[int, float] | None
    england_plans: tuple[int, float] | None

    def support_against_england(self, shares: SchoolShares) -> float | None:
        return difference_in_points(
            shares.support_share, self.england_support[1] if self.england_support else None
        )

    def plans_against_england(self, shares: SchoolShares) -> float | None:
        return difference_in_points(shares.plan_share, self.england_plans[1] if self.england_plans else None)


def comparison(censuses) -> Comparison:
    schools = latest_by_school(censuses)
    year = max((c.census_date.year for c in censuses.order_by("-census_date")[:1]), default=0)
    return Comparison(
        schools,
        area([s.shares for s in schools]),
        england_percent(year, "sen_support"),
        england_percent(year, "ehc_plan"),
    )


def history(censuses) -> list[tuple[str, SchoolShares]]:
    """The area's shares at each census day, oldest first (schools that sent that census)."""
    by_day: dict = {}
    for c in censuses.order_by("census_date"):
        by_day.setdefault(c.census_date, []).append(SchoolShares(c.pupils, c.sen_support, c.ehc_plan))
    return [(CensusImport(census_date=day).term, area(items)) for day, items in by_day.items()]
