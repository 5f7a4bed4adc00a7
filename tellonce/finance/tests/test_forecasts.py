"""Forecast pages and the forecast command: who may run and read them, mitigations, keeping a
vintage only with its assumption, CSV export, and bad files named by row."""

import io
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from tellonce.conftest import REFUSED, ROLES
from tellonce.domain.forecasting.series import PLACEMENTS
from tellonce.finance import services
from tellonce.finance.forms import LABELS
from tellonce.finance.models import ForecastVintage
from tellonce.organisations.tests.factories import LocalAuthorityFactory

DATA = Path(__file__).resolve().parents[1] / "data"
SERIES = (DATA / "northbridge_series.csv").read_text()
POPULATION = (DATA / "northbridge_population.csv").read_text()


def test_every_placement_in_the_model_has_a_label():
    assert set(LABELS) == set(PLACEMENTS)


@pytest.mark.parametrize("role", ROLES)
def test_forecasts_are_run_by_analysts_and_managers_and_read_by_the_board(client, area, role):
    client.force_login(area.users[role])
    response = client.get("/forecasts/")
    readers = {"analyst", "manager", "board member", "quality lead"}
    assert response.status_code in ({200} if role in readers else REFUSED)
    if response.status_code == 200:
        assert ("Run the forecast" in response.content.decode()) == (role in {"analyst", "manager"})


def _run(client, **extra):
    data = {
        "series": SimpleUploadedFile("s.csv", SERIES.encode()),
        "horizon": "3",
        "population": SimpleUploadedFile("p.csv", POPULATION.encode()),
    } | extra
    return client.post("/forecasts/", data)


def test_an_analyst_runs_a_mitigated_forecast_and_keeps_it_only_with_its_assumption(client, area):
    client.force_login(area.users["analyst"])
    page = _run(
        client,
        mitigation_name="More local special places",
        growth_points="-1",
        move_from="special_school",
        move_to="mainstream_school",
        move_points="3",
    ).content.decode()
    assert "Forecast with mitigation" in page and "<svg" in page and "Population effect" in page
    assert "Record the assumption" in page
    refused = client.post("/forecasts/save/", {"assumption": ""})
    assert "Enter the assumption behind the rise" in refused.content.decode()
    assert not ForecastVintage.objects.exists()
    kept = client.post("/forecasts/save/", {"assumption": "Requests keep rising as in 2024"})
    vintage = ForecastVintage.objects.get()
    assert kept["Location"] == f"/forecasts/{vintage.pk}/" and vintage.created_by == area.users["analyst"]
    assert vintage.result["mitigated"][0]["total"] < vintage.result["unmitigated"][0]["total"]
    client.force_login(area.users["board member"])
    assert "Requests keep rising" in client.get(f"/forecasts/{vintage.pk}/").content.decode()
    rows = client.get(f"/forecasts/{vintage.pk}/csv/").getvalue().decode().splitlines()
    assert rows[0].startswith("scenario,year,total") and len(rows) == 7


@pytest.mark.parametrize(
    ("series", "message"),
    [
        ("year_january,total\n2020,100\n2022,120\n2023,130\n", "no row for 2021"),
        ("year_january,total\n2020,100\n2021,-5\n2022,120\n", "row 3, 2021: total is negative"),
    ],
)
def test_a_bad_series_is_refused_with_its_row(client, area, series, message):
    client.force_login(area.users["analyst"])
    page = client.post(
        "/forecasts/", {"series": SimpleUploadedFile("s.csv", series.encode()), "horizon": "3"}
    ).content.decode()
    assert message in page and "There is a problem" in page


def test_a_population_that_does_not_cover_the_horizon_is_refused(client, area):
    client.force_login(area.users["analyst"])
    short = "year,population\n2025,50000\n2026,50100\n"
    page = _run(client, population=SimpleUploadedFile("p.csv", short.encode())).content.decode()
    assert "does not cover 2027, 2028" in page


def test_the_command_prints_the_forecast_and_the_backtest_as_json(tmp_path):
    series, population = tmp_path / "s.csv", tmp_path / "p.csv"
    series.write_text(SERIES)
    population.write_text(POPULATION)
    out = io.StringIO()
    call_command(
        "forecast",
        "run",
        "--series",
        str(series),
        "--population",
        str(population),
        "--json",
        "--mitigation",
        "Early help:growth=-2",
        stdout=out,
    )
    result = json.loads(out.getvalue())
    assert [y["year"] for y in result["unmitigated"]] == [2026, 2027, 2028]
    assert result["mitigations"] == [{"name": "Early help", "growth_points": -2.0, "mix_points": {}}]
    out = io.StringIO()
    call_command("forecast", "backtest", "--series", str(series), "--json", stdout=out)
    report = json.loads(out.getvalue())
    assert set(report["areas"]["s"]["model"]) == {"1", "2", "3"}
    assert set(report["overall"]) == {"model", "baseline"}


def test_the_command_names_the_bad_row(tmp_path):
    series = tmp_path / "s.csv"
    series.write_text("year_january,total\n2020,100\n2021,x1\n2022,120\n")
    with pytest.raises(CommandError, match="row 3, 2021: total 'x1' is not a number"):
        call_command("forecast", "backtest", "--series", str(series), stdout=io.StringIO())


@pytest.mark.django_db
def test_a_forecast_kept_without_saying_who_kept_it_is_kept_with_no_one_named():
    result = services.run(SERIES, population_csv=POPULATION, name="Northbridge")

    vintage = services.keep_forecast(
        result,
        local_authority=LocalAuthorityFactory(),
        series_csv=SERIES,
        population_csv=POPULATION,
        horizon=3,
        assumption="As in 2025",
    )

    vintage.refresh_from_db()
    assert vintage.created_by is None
    assert (vintage.area, vintage.base_year) == (result["area"], result["base_year"])
