"""Rolling-origin backtest: re-run the model from each past year and compare with what happened.

Errors are (forecast - actual) / actual in percent; MAPE is the mean of their absolute values and
bias their mean, at 1, 2 and 3 years ahead, beside the "last year's growth continues" baseline
(Hyndman and Athanasopoulos, Forecasting: principles and practice, ch. 3.4; high-needs.md s. 6).
"""

import statistics
from dataclasses import dataclass
from typing import Any

from tellonce.domain.forecasting.model import forecast
from tellonce.domain.forecasting.series import Series

HORIZONS = (1, 2, 3)
MIN_HISTORY = 3


@dataclass(frozen=True)
class Errors:
    by_horizon: dict[int, list[float]]

    def summary(self) -> dict[str, dict[str, float | int | None]]:
        return {str(h): _stats(self.by_horizon.get(h, [])) for h in HORIZONS}


def _stats(errors: list[float]) -> dict[str, float | int | None]:
    if not errors:
        return {"mape": None, "bias": None, "n": 0}
    return {
        "mape": round(statistics.mean(abs(e) for e in errors), 2),
        "bias": round(statistics.mean(errors), 2),
        "n": len(errors),
    }


def baseline(series: Series, base: int, horizon: int) -> float:
    """Last year's growth continues."""
    last, before = series.totals[base], series.totals[base - 1]
    return last * (last / before) ** horizon if before else last


def backtest(series: Series) -> tuple[Errors, Errors]:
    model_errors: dict[int, list[float]] = {h: [] for h in HORIZONS}
    base_errors: dict[int, list[float]] = {h: [] for h in HORIZONS}
    years = series.years
    for base in years[MIN_HISTORY - 1 :]:
        result = forecast(series, base_year=base, horizon=max(HORIZONS))
        for h in HORIZONS:
            actual = series.totals.get(base + h)
            if not actual:
                continue
            model_errors[h].append(100 * (result.years[h - 1].total - actual) / actual)
            base_errors[h].append(100 * (baseline(series, base, h) - actual) / actual)
    return Errors(model_errors), Errors(base_errors)


def report(all_series: dict[str, Series]) -> dict[str, Any]:
    """The JSON shape of `tellonce forecast backtest --json`."""
    areas: dict[str, dict[str, dict[str, dict[str, float | int | None]]]] = {}
    pooled_model: dict[int, list[float]] = {h: [] for h in HORIZONS}
    pooled_base: dict[int, list[float]] = {h: [] for h in HORIZONS}
    for area, series in sorted(all_series.items()):
        model, base = backtest(series)
        areas[area] = {"model": model.summary(), "baseline": base.summary()}
        for h in HORIZONS:
            pooled_model[h] += model.by_horizon[h]
            pooled_base[h] += base.by_horizon[h]
    overall = {"model": Errors(pooled_model).summary(), "baseline": Errors(pooled_base).summary()}
    verdict = {}
    for h in HORIZONS:
        m, b = overall["model"][str(h)]["mape"], overall["baseline"][str(h)]["mape"]
        verdict[str(h)] = None if m is None or b is None else m < b
    return {"areas": areas, "overall": overall, "model_beats_baseline": verdict}
