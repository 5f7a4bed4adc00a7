"""Reading an EHC plan series (the columns of the DfE national time series; only `year_january`
and `total` are required, `area` optional) and a population projection, with errors that name
the row."""

import csv
import io
from dataclasses import dataclass, field

AGE_BANDS = ("age_under5", "age_5_10", "age_11_15", "age_16_19", "age_20_25")
PLACEMENTS = ("mainstream_school", "special_school", "further_education")
NEED_PREFIX = "need_"  # e.g. need_ASD, need_SLCN: plans by primary need (SEN2 codes)
FLOWS = ("new_plans_prev_cy", "ceased_prev_cy", "ceased_transfer_other_la_prev_cy")
DEFAULT_AREA = "All"


class SeriesError(ValueError):
    pass


@dataclass(frozen=True)
class Series:
    area: str
    totals: dict[int, float]
    columns: dict[str, dict[int, float]] = field(default_factory=dict)

    @property
    def years(self) -> list[int]:
        return sorted(self.totals)

    def column(self, name: str) -> dict[int, float]:
        return self.columns.get(name, {})


def _number(raw: str, *, where: str, name: str) -> float | None:
    text = (raw or "").strip().replace(",", "")
    if not text or text.lower() in ("x", "z", "c", "na", "n/a", ":"):
        return None
    try:
        value = float(text)
    except ValueError:
        raise SeriesError(f"{where}: {name} {raw!r} is not a number") from None
    if value < 0:
        raise SeriesError(f"{where}: {name} is negative ({raw})")
    return value


def read_series(text: str, *, default_area: str = DEFAULT_AREA) -> dict[str, Series]:
    """Series by area; a file with no `area` column is one area, named `default_area`."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    fields = [f.strip() for f in reader.fieldnames or []]
    for needed in ("year_january", "total"):
        if needed not in fields:
            raise SeriesError(
                f"the series has no {needed} column (columns found: {', '.join(fields) or 'none'})"
            )
    rows: dict[str, dict[int, dict[str, float]]] = {}
    for number, row in enumerate(reader, start=2):
        row = {(k or "").strip(): v for k, v in row.items()}
        area = (row.get("area") or "").strip() or default_area
        where = f"row {number}" + (f" ({area})" if "area" in fields else "")
        try:
            year = int((row.get("year_january") or "").strip())
        except ValueError:
            raise SeriesError(f"{where}: year_january {row.get('year_january')!r} is not a year") from None
        where = f"{where}, {year}"
        if year in rows.setdefault(area, {}):
            raise SeriesError(f"{where}: the year appears twice")
        values = {
            name: _number(row.get(name, ""), where=where, name=name)
            for name in fields
            if name not in ("year_january", "area", "notes")
        }
        if values.get("total") is None:
            raise SeriesError(f"{where}: total is missing")
        rows[area][year] = {name: value for name, value in values.items() if value is not None}
    if not rows:
        raise SeriesError("the series has no rows")
    return {area: _series(area, by_year) for area, by_year in rows.items()}


def _series(area: str, by_year: dict[int, dict[str, float]]) -> Series:
    years = sorted(by_year)
    for before, after in zip(years, years[1:], strict=False):
        if after != before + 1:
            missing = ", ".join(str(y) for y in range(before + 1, after))
            raise SeriesError(f"{area}: the series has no row for {missing} (between {before} and {after})")
    if len(years) < 3:
        raise SeriesError(f"{area}: at least 3 consecutive years are needed to forecast")
    names = {name for values in by_year.values() for name in values if name != "total"}
    columns = {name: {y: v[name] for y, v in by_year.items() if v.get(name) is not None} for name in names}
    return Series(area, {y: by_year[y]["total"] for y in years}, {k: v for k, v in columns.items() if v})


def read_population(text: str, *, area: str | None = None) -> dict[int, float]:
    """Population (0-25) by year: columns `year` (or `year_january`) and `population`, optional `area`."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    fields = [f.strip() for f in reader.fieldnames or []]
    year_column = "year" if "year" in fields else "year_january" if "year_january" in fields else None
    if year_column is None or "population" not in fields:
        raise SeriesError("the population file needs a year (or year_january) column and a population column")
    found: dict[int, float] = {}
    for number, row in enumerate(reader, start=2):
        row = {(k or "").strip(): v for k, v in row.items()}
        if area and "area" in fields and (row.get("area") or "").strip() not in ("", area):
            continue
        try:
            year = int((row.get(year_column) or "").strip())
        except ValueError:
            raise SeriesError(f"population row {number}: {row.get(year_column)!r} is not a year") from None
        value = _number(
            row.get("population", ""), where=f"population row {number}, {year}", name="population"
        )
        if not value:
            raise SeriesError(f"population row {number}, {year}: population is missing or zero")
        found[year] = value
    return found
