"""The published figures beside the council's: England, the council's region and its statistical
neighbours (their numerators over their denominators), for the latest year published."""

from dataclasses import dataclass

from tellonce.benchmarks.models import Level, PublishedFigure, StatisticalNeighbour
from tellonce.domain import partnership as p
from tellonce.domain.partnership import Figure


@dataclass(frozen=True)
class Published:
    year: int
    council: Figure | None
    england: Figure | None
    region: Figure | None
    region_name: str
    neighbours: Figure | None
    neighbours_named: tuple[str, ...]


def published(council, keys: list[str]) -> dict[str, Published]:
    """For each measure in `keys` with published figures, the latest year's, read in three queries."""
    neighbours = list(
        StatisticalNeighbour.objects.filter(local_authority=council).values_list("la_code", "la_name")
    )
    codes = {code for code, _ in neighbours} | {council.code}
    rows = list(
        PublishedFigure.objects.filter(measure__in=keys)
        .filter(level__in=[Level.NATIONAL, Level.REGIONAL, Level.LOCAL_AUTHORITY])
        .filter(la_code__in=[*codes, ""])  # England and the regions have no LA code
        .values_list(
            "measure", "year", "level", "la_code", "region_code", "region_name", "numerator", "denominator"
        )
    )
    ours_region = {
        (measure, year): region for measure, year, level, code, region, _, *_ in rows if code == council.code
    }
    found: dict[str, Published] = {}
    for key in keys:
        years = [year for measure, year, level, *_ in rows if measure == key and level == Level.NATIONAL]
        if not years:
            continue
        year = max(years)

        def figure(level, code="", region="", key=key, year=year):
            for measure, y, lv, c, r, _, n, d in rows:
                if measure == key and y == year and lv == level and c == code and (not region or r == region):
                    return None if n is None or d is None else Figure(n, d)
            return None

        region_code = ours_region.get((key, year), "")
        region_name = next(
            (name for m, y, lv, _, r, name, *_ in rows if lv == Level.REGIONAL and r == region_code), ""
        )
        found[key] = Published(
            year=year,
            council=figure(Level.LOCAL_AUTHORITY, council.code),
            england=figure(Level.NATIONAL),
            region=figure(Level.REGIONAL, region=region_code) if region_code else None,
            region_name=region_name,
            neighbours=p.neighbours_average(figure(Level.LOCAL_AUTHORITY, code) for code, _ in neighbours),
            neighbours_named=tuple(name for _, name in neighbours),
        )
    return found
