"""The demand model: plans next January = plans now + new plans - ceased plans.

The central path projects the plan rate (plans per 1,000 population aged 0-25 when a population
projection is given, otherwise plans themselves) by its recent growth, an exponentially weighted
mean of the last five years' growth (weight 0.6 on the latest year). That growth beat "last year's
growth continues" on the national series from 2018 (see docs/benchmarks.md). The flows follow
from the stock: plans cease at the ceasing rate estimated from history, and new plans are what
the projected stock needs; both are reported. Low and high ranges move the growth by one standard
deviation of the recent growths. Age bands and placement types share the total by their own
trends. Mitigations are named changes to the growth or to the placement mix.
"""

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tellonce.domain.forecasting.series import AGE_BANDS, NEED_PREFIX, PLACEMENTS, Series

WINDOW = 5
WEIGHT_LATEST = 0.6
DEFAULT_MARGIN_POINTS = 5.0


class ForecastError(ValueError):
    pass


@dataclass(frozen=True)
class Mitigation:
    """A named change: growth in percentage points a year, and/or placement shares moved (points)."""

    name: str
    growth_points: float = 0.0
    mix_points: dict[str, float] = field(default_factory=dict)
    from_year: int | None = None


@dataclass(frozen=True)
class YearForecast:
    year: int
    total: float
    low: float
    high: float
    population: float | None
    rate_per_1000: float | None
    new_plans: float | None
    ceased: float | None
    population_effect: float
    rate_effect: float
    by_age: dict[str, float]
    by_placement: dict[str, float]
    by_need: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Forecast:
    area: str
    base_year: int
    base_total: float
    growth_per_year: float
    years: list[YearForecast]
    mitigated: list[YearForecast] | None
    mitigations: list[Mitigation]
    warning: str | None

    @property
    def total_change(self) -> float:
        return self.years[-1].total - self.base_total


def weighted_growth(values: list[float]) -> tuple[float, float]:
    """(Weighted mean, standard deviation) of the log growths of the last WINDOW years."""
    growths = [math.log(b / a) for a, b in zip(values, values[1:], strict=False) if a > 0 and b > 0][-WINDOW:]
    if not growths:
        return 0.0, 0.0
    weights = [(1 - WEIGHT_LATEST) ** i for i in range(len(growths))][::-1]
    mean = sum(w * g for w, g in zip(weights, growths, strict=True)) / sum(weights)
    spread = statistics.pstdev(growths) if len(growths) > 1 else abs(growths[0]) / 2
    return mean, spread


def _shares(series: Series, names: tuple[str, ...], base_year: int, horizon: int) -> list[dict[str, float]]:
    """Each part's share of the total, projected by the weighted trend of its log share."""
    present = [n for n in names if base_year in series.column(n)]
    if not present:
        return [{} for _ in range(horizon)]
    trends = {}
    for name in present:
        history = [
            series.column(name)[y] / series.totals[y]
            for y in series.years
            if y <= base_year and y in series.column(name) and series.totals[y]
        ]
        trends[name] = (history[-1], weighted_growth(history)[0] if len(history) > 1 else 0.0)
    projected = []
    for step in range(1, horizon + 1):
        raw = {n: share * math.exp(g * step) for n, (share, g) in trends.items()}
        scale = sum(trends[n][0] for n in present) / sum(raw.values())
        projected.append({n: v * scale for n, v in raw.items()})
    return projected


def _ceasing_rate(series: Series, base_year: int) -> float | None:
    # Ceased plans include transfers to other areas: for one area a transfer out is an exit.
    ceased = series.column("ceased_prev_cy")
    rates = [
        ceased[y] / series.totals[y - 1]
        for y in series.years
        if y <= base_year and y in ceased and y - 1 in series.totals and series.totals[y - 1]
    ]
    if not rates:
        return None
    weights = [(1 - WEIGHT_LATEST) ** i for i in range(len(rates[-WINDOW:]))][::-1]
    return sum(w * r for w, r in zip(weights, rates[-WINDOW:], strict=True)) / sum(weights)


def forecast(
    series: Series,
    *,
    horizon: int = 3,
    population: Mapping[int, float] | None = None,
    base_year: int | None = None,
    mitigations: tuple[Mitigation, ...] = (),
    margin_points: float = DEFAULT_MARGIN_POINTS,
) -> Forecast:
    base = base_year or series.years[-1]
    history_years = [y for y in series.years if y <= base]
    if len(history_years) < 3:
        raise ForecastError(f"{series.area}: at least 3 years up to {base} are needed")
    if horizon < 1:
        raise ForecastError("the horizon must be at least one year")
    target_years = range(base + 1, base + horizon + 1)
    if population is not None:
        needed = [base, *target_years]
        missing = [y for y in needed if y not in population]
        if missing:
            raise ForecastError(
                f"the population file does not cover {', '.join(map(str, missing))}: it must "
                f"cover the base year {base} and every year to {base + horizon}"
            )
    totals = [series.totals[y] for y in history_years]
    if population is not None and all(y in population for y in history_years[-(WINDOW + 1) :]):
        rates = [series.totals[y] / population[y] for y in history_years[-(WINDOW + 1) :]]
        growth, spread = weighted_growth(rates)
    else:
        growth, spread = weighted_growth(totals)
    central = _path(series, base, target_years, growth, spread, population)
    mitigated = None
    if mitigations:
        change = sum(m.growth_points for m in mitigations) / 100
        mix: dict[str, float] = {}
        for m in mitigations:
            for name, points in m.mix_points.items():
                mix[name] = mix.get(name, 0.0) + points
        mitigated = _path(series, base, target_years, growth + math.log1p(change), spread, population, mix)
    return Forecast(
        area=series.area,
        base_year=base,
        base_total=series.totals[base],
        growth_per_year=math.expm1(growth),
        years=central,
        mitigated=mitigated,
        mitigations=list(mitigations),
        warning=_warning(series.totals[base], central, population, base, margin_points),
    )


def _path(
    series: Series,
    base: int,
    years: Sequence[int],
    growth: float,
    spread: float,
    population: Mapping[int, float] | None,
    mix_points: Mapping[str, float] | None = None,
) -> list[YearForecast]:
    stock = series.totals[base]
    ceasing = _ceasing_rate(series, base)
    ages = _shares(series, AGE_BANDS, base, len(years))
    needs = _shares(
        series, tuple(sorted(n for n in series.columns if n.startswith(NEED_PREFIX))), base, len(years)
    )
    places = _shares(series, PLACEMENTS, base, len(years))
    out, previous = [], stock
    for step, year in enumerate(years, start=1):
        factor = math.exp(growth * step)
        pop: float | None
        if population:
            pop, rate0 = population[year], stock / population[base] * 1000
            scale = pop / population[base]
            population_effect = rate0 * (pop - population[base]) / 1000
        else:
            pop, scale, population_effect = None, 1.0, 0.0
        total = stock * factor * scale
        low = stock * math.exp((growth - spread) * step) * scale
        high = stock * math.exp((growth + spread) * step) * scale
        ceased = previous * ceasing if ceasing is not None else None
        placement = {k: v * total for k, v in places[step - 1].items()}
        if mix_points and placement:
            shares = {k: v / total for k, v in placement.items()}
            for name, points in mix_points.items():
                if name in shares:
                    shares[name] = max(0.0, shares[name] + points / 100)
            mix_scale = sum(places[step - 1].values()) / sum(shares.values())
            placement = {k: v * mix_scale * total for k, v in shares.items()}
        out.append(
            YearForecast(
                year=year,
                total=total,
                low=low,
                high=high,
                population=pop,
                rate_per_1000=total / pop * 1000 if pop else None,
                new_plans=(total - previous + ceased) if ceased is not None else None,
                ceased=ceased,
                population_effect=population_effect,
                rate_effect=(total - stock) - population_effect,
                by_age={k: v * total for k, v in ages[step - 1].items()},
                by_placement=placement,
                by_need={k[len(NEED_PREFIX) :]: v * total for k, v in needs[step - 1].items()},
            )
        )
        previous = total
    return out


def _warning(
    base_total: float,
    years: list[YearForecast],
    population: Mapping[int, float] | None,
    base: int,
    margin_points: float,
) -> str | None:
    growth = 100 * (years[-1].total / base_total - 1)
    pop_growth = 100 * (population[years[-1].year] / population[base] - 1) if population else 0.0
    if growth - pop_growth > margin_points:
        return (
            f"Plans are forecast to grow {growth:.1f}% by {years[-1].year}, while the population aged 0-25 "
            f"{'grows' if population else 'is assumed to grow'} {pop_growth:.1f}%. Record the assumption "
            "behind the rise in the rate of plans before relying on this forecast."
        )
    return None


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _year_dict(y: YearForecast) -> dict[str, Any]:
    return {
        "year": y.year,
        "total": _round(y.total),
        "low": _round(y.low),
        "high": _round(y.high),
        "population": y.population,
        "rate_per_1000": None if y.rate_per_1000 is None else round(y.rate_per_1000, 3),
        "new_plans": _round(y.new_plans),
        "ceased": _round(y.ceased),
        "population_effect": _round(y.population_effect),
        "rate_effect": _round(y.rate_effect),
        "by_age": {k: _round(v) for k, v in y.by_age.items()},
        "by_placement": {k: _round(v) for k, v in y.by_placement.items()},
        "by_need": {k: _round(v) for k, v in y.by_need.items()},
    }


def to_dict(result: Forecast) -> dict[str, Any]:
    """The JSON shape of `tellonce forecast run --json` (docs/forecasting.md)."""
    return {
        "area": result.area,
        "base_year": result.base_year,
        "base_total": result.base_total,
        "growth_per_year_percent": round(100 * result.growth_per_year, 2),
        "unmitigated": [_year_dict(y) for y in result.years],
        "mitigated": [_year_dict(y) for y in result.mitigated] if result.mitigated else None,
        "mitigations": [
            {"name": m.name, "growth_points": m.growth_points, "mix_points": m.mix_points}
            for m in result.mitigations
        ],
        "warning": result.warning,
    }


def parse_mitigation(text: str) -> Mitigation:
    """'Name:growth=-2:special_school=-3:mainstream_school=3' (points; growth is points a year)."""
    name, *parts = [p.strip() for p in text.split(":")]
    if not name:
        raise ForecastError(f"mitigation {text!r} needs a name before the first colon")
    growth, mix = 0.0, {}
    for part in parts:
        key, _, value = part.partition("=")
        try:
            number = float(value)
        except ValueError:
            raise ForecastError(f"mitigation {name!r}: {part!r} is not NAME=NUMBER") from None
        if key == "growth":
            growth = number
        elif key in PLACEMENTS:
            mix[key] = number
        else:
            raise ForecastError(
                f"mitigation {name!r}: {key!r} is not growth or a placement ({', '.join(PLACEMENTS)})"
            )
    return Mitigation(name, growth, mix)
