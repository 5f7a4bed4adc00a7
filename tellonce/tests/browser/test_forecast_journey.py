"""Given a finance analyst, when they run a forecast with a mitigation and keep it with its
assumption, then the chart and the tables show both scenarios, and the board can read it."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tellonce.tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser
DATA = Path(__file__).resolve().parents[2] / "finance" / "data"


def test_an_analyst_runs_and_keeps_a_mitigated_forecast(browser_area, sign_in, live_server):
    page = sign_in(browser_area.users["analyst"])
    page.get_by_role("link", name="Forecasts").click()
    assert_accessible(page)
    page.get_by_role("button", name="Run the forecast").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the CSV file of EHC plans by year")
    assert_accessible(page)
    page.get_by_label("EHC plans by year (CSV)").set_input_files(str(DATA / "northbridge_series.csv"))
    page.get_by_label("Population aged 0 to 25 by year (CSV, optional)").set_input_files(
        str(DATA / "northbridge_population.csv")
    )
    page.get_by_label("Mitigation (optional)").fill("More local special school places")
    page.get_by_label("Change in growth (percentage points a year)").fill("-1")
    page.get_by_role("button", name="Run the forecast").click()
    expect(page.locator("figure svg")).to_be_visible()
    expect(page.get_by_role("table", name="Forecast with mitigation")).to_be_visible()
    expect(page.get_by_role("table", name="Forecast without mitigation")).to_contain_text("2028")
    assert_accessible(page)
    page.get_by_label("The assumption behind this forecast").fill("Requests rise as they did in 2024")
    page.get_by_role("button", name="Keep this forecast").click()
    expect(page.get_by_text("Assumption: Requests rise as they did in 2024")).to_be_visible()
    assert_accessible(page)


def test_an_analyst_simulates_a_change_of_bands(browser_area, sign_in, live_server):
    from datetime import date

    from tellonce.finance.models import Band, BandTable, TopUp

    in_use = BandTable.objects.create(
        local_authority=browser_area.child.local_authority,
        name="Mainstream 2025",
        setting_type="mainstream",
        effective_from=date(2025, 4, 1),
    )
    current = Band.objects.create(table=in_use, code="B", top_up=3100)
    proposed = BandTable.objects.create(
        local_authority=browser_area.child.local_authority,
        name="Mainstream 2027",
        setting_type="mainstream",
        effective_from=date(2027, 4, 1),
        status="proposed",
    )
    Band.objects.create(table=proposed, code="2", top_up=3500)
    TopUp.objects.create(child=browser_area.child, band=current, decided_on=date(2026, 1, 5))
    page = sign_in(browser_area.users["analyst"])
    page.get_by_role("link", name="Top-up bands").click()
    assert_accessible(page)
    page.get_by_label("Mainstream 2027").check()
    page.get_by_role("button", name="Simulate").click()
    expect(page.get_by_role("table", name="Top-ups a year, now and after the change")).to_contain_text(
        "£+400"
    )
    assert_accessible(page)


def test_an_analyst_loads_a_budget_and_reads_spend(browser_area, sign_in, live_server, tmp_path):
    budget = tmp_path / "budget.csv"
    budget.write_text(
        "month,placement,budget_plans,budget_unit_cost,actual_plans,actual_unit_cost\n"
        "2026-04,mainstream,100,700,110,700\n2026-05,mainstream,100,700,,\n"
    )
    page = sign_in(browser_area.users["analyst"])
    page.get_by_role("link", name="Spend").click()
    page.get_by_label("Budget and actuals by month (CSV)").set_input_files(str(budget))
    page.get_by_role("button", name="Load the file").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "2 months of budget and actuals loaded"
    )
    assert_accessible(page)
