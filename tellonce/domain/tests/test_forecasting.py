"""The demand model's arithmetic, input checks and backtest (high-needs.md sections 0, 2 and 6)."""

import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain.forecasting.backtest import backtest, baseline, report
from tellonce.domain.forecasting.model import (
    ForecastError,
    forecast,
    parse_mitigation,
    to_dict,
    weighted_growth,
)
from tellonce.domain.forecasting.series import Series, SeriesError, read_population, read_series

NATIONAL = Path(__file__).resolve().parents[4] / "shared" / "ehcp" / "ehcp_national_timeseries.csv"


def _series(totals: dict[int, float], **columns) -> Series:
    return Series("Test", totals, columns)


STEADY = _series({2020: 1000, 2021: 1100, 2022: 1210, 2023: 1331})


def test_steady_ten_percent_growth_continues():
    result = forecast(STEADY, horizon=3)
    assert [round(y.total) for y in result.years] == [1464, 1611, 1772]
    assert math.isclose(result.growth_per_year, 0.10, rel_tol=1e-9)


def test_the_weighted_growth_leans_on_recent_years():
    growth, _ = weighted_growth([100, 100, 100, 100, 200])
    assert 0 < growth < math.log(2)
    assert weighted_growth([100, 110])[0] == pytest.approx(math.log(1.1))


def test_stocks_and_flows_balance_every_year():
    series = _series(
        {2020: 1000, 2021: 1080, 2022: 1170, 2023: 1260},
        ceased_prev_cy={2021: 70, 2022: 75, 2023: 82},
        new_plans_prev_cy={2021: 150, 2022: 165, 2023: 172},
    )
    result = forecast(series, horizon=3)
    previous = 1260
    for year in result.years:
        assert year.total == pytest.approx(previous + year.new_plans - year.ceased)
        previous = year.total


@given(
    st.lists(st.floats(500, 50000), min_size=3, max_size=12),
    st.lists(st.floats(0.95, 1.08), min_size=4, max_size=4),
)
def test_the_population_and_rate_effects_add_up_to_the_total_change(totals, pop_growth):
    series = _series({2014 + i: t for i, t in enumerate(totals)})
    base = series.years[-1]
    population = {base: 100000.0}
    for step, g in enumerate(pop_growth, start=1):
        population[base + step] = population[base + step - 1] * g
    result = forecast(series, horizon=3, population=population)
    for year in result.years:
        assert year.population_effect + year.rate_effect == pytest.approx(year.total - series.totals[base])
        assert year.low <= year.total <= year.high


def test_a_larger_population_with_the_same_rate_is_all_population_effect():
    series = _series({2020: 1000, 2021: 1000, 2022: 1000, 2023: 1000})
    population = {2023: 100000, 2024: 110000, 2025: 110000, 2026: 110000}
    [first, *_] = forecast(series, horizon=3, population=population).years
    assert first.total == pytest.approx(1100) and first.population_effect == pytest.approx(100)
    assert first.rate_effect == pytest.approx(0)


def test_growth_far_above_population_growth_asks_for_the_assumption():
    result = forecast(STEADY, horizon=3, population={y: 50000 for y in range(2020, 2027)})
    assert "Record the assumption" in result.warning
    flat = forecast(_series({2020: 1000, 2021: 1010, 2022: 1020, 2023: 1030}), horizon=3)
    assert flat.warning is None


def test_a_mitigation_changes_growth_and_moves_placements_keeping_the_total():
    series = _series(
        {2020: 1000, 2021: 1100, 2022: 1210, 2023: 1331},
        mainstream_school={2020: 500, 2021: 550, 2022: 605, 2023: 665.5},
        special_school={2020: 500, 2021: 550, 2022: 605, 2023: 665.5},
    )
    mitigation = parse_mitigation("Local special places:growth=-2:special_school=-5:mainstream_school=5")
    result = forecast(series, horizon=2, mitigations=(mitigation,))
    assert result.mitigated[0].total < result.years[0].total
    first = result.mitigated[0]
    assert sum(first.by_placement.values()) == pytest.approx(first.total)
    assert first.by_placement["special_school"] / first.total == pytest.approx(0.45)
    assert to_dict(result)["mitigations"][0]["name"] == "Local special places"


@pytest.mark.parametrize("text", ["", ":growth=1", "Name:growth=lots", "Name:unknown=3"])
def test_a_malformed_mitigation_is_refused(text):
    with pytest.raises(ForecastError):
        parse_mitigation(text)


@pytest.mark.parametrize(
    ("csv_text", "message"),
    [
        ("year_january,total\n2020,100\n2021,110\n2023,130\n", "no row for 2022"),
        ("year_january,total\n2020,100\n2021,-110\n2022,130\n", "row 3, 2021: total is negative"),
        ("year_january,total\n2020,100\n2021,abc\n2022,130\n", "row 3, 2021: total 'abc' is not a number"),
        ("year,total\n2020,100\n", "no year_january column"),
        ("year_january,total\n2020,100\n2020,110\n2021,120\n", "row 3, 2020: the year appears twice"),
        ("year_january,total\n2020,100\n2021,\n2022,120\n", "row 3, 2021: total is missing"),
        ("area,year_january,total\nA,2020,1\nA,2021,2\nB,2020,1\nB,2021,2\nB,2022,3\n", "A: at least 3"),
    ],
)
def test_a_bad_series_is_refused_naming_the_row(csv_text, message):
    with pytest.raises(SeriesError, match=message):
        read_series(csv_text)


def test_a_population_file_that_does_not_cover_the_horizon_is_refused():
    population = read_population("year,population\n2023,50000\n2024,50100\n2025,50200\n")
    with pytest.raises(ForecastError, match="does not cover 2026"):
        forecast(STEADY, horizon=3, population=population)
    with pytest.raises(SeriesError, match="population row 3, 2024: population is negative"):
        read_population("year,population\n2023,50000\n2024,-1\n")


def test_many_areas_are_read_from_one_file():
    text = "area,year_january,total\n" + "".join(
        f"{a},{y},{t}\n" for a in "AB" for y, t in STEADY.totals.items()
    )
    assert sorted(read_series(text)) == ["A", "B"]


def test_the_backtest_compares_with_last_years_growth_continuing():
    series = _series({2018: 100, 2019: 110, 2020: 121, 2021: 140, 2022: 150, 2023: 170})
    assert baseline(series, 2020, 2) == pytest.approx(121 * 1.1**2)
    model, base = backtest(series)
    assert [len(model.by_horizon[h]) for h in (1, 2, 3)] == [3, 2, 1]
    summary = report({"X": series})
    assert set(summary["areas"]["X"]) == {"model", "baseline"}
    assert set(summary["overall"]["model"]) == {"1", "2", "3"}


@pytest.mark.skipif(not NATIONAL.exists(), reason="the national series lives in ../shared/ehcp")
def test_on_the_national_series_the_model_beats_the_baseline_from_2018_but_not_over_the_2014_reform():
    england = read_series(NATIONAL.read_text(), default_area="England")["England"]
    model, base = backtest(england)
    recent = [e for e, origin in zip(model.by_horizon[3], range(2012, 2023), strict=False) if origin >= 2018]
    recent_base = [
        e for e, origin in zip(base.by_horizon[3], range(2012, 2023), strict=False) if origin >= 2018
    ]
    assert sum(map(abs, recent)) < sum(map(abs, recent_base))
    overall = report({"England": england})["model_beats_baseline"]
    assert overall == {"1": False, "2": False, "3": False}


def test_plans_by_primary_need_share_the_total_by_their_trends():
    series = _series(
        {2020: 100, 2021: 110, 2022: 121, 2023: 133.1},
        need_ASD={2020: 30, 2021: 36, 2022: 43, 2023: 51},
        need_SLCN={2020: 70, 2021: 74, 2022: 78, 2023: 82.1},
    )
    first = forecast(series, horizon=2).years[0]
    assert set(first.by_need) == {"ASD", "SLCN"}
    assert sum(first.by_need.values()) == pytest.approx(first.total)
    assert first.by_need["ASD"] / first.total > 51 / 133.1  # the rising share keeps rising
