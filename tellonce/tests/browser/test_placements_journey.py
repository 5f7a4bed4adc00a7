"""Given a plan in force, when the coordinator names the child's school in the plan, records the
school attended from September, a mistake refused beside what was typed, and a personal budget
with direct payments, then the parent reads them in plain English, and every page passes the
accessibility scan."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tellonce.core.formatting import govuk_date
from tellonce.core.time import uk_today
from tellonce.plans.tests.builders import plan_in_force
from tellonce.tests.browser.conftest import assert_accessible, fill_date

pytestmark = pytest.mark.browser


def test_a_coordinator_records_placements_and_a_personal_budget_and_the_parent_reads_them(
    signed_in_page, browser_area, live_server
):
    today = uk_today()
    made = today - timedelta(days=400)
    plan = plan_in_force(browser_area, issued_on=made, today=made)
    school = browser_area.child.setting
    started = date(made.year, 9, 4) if date(made.year, 9, 4) <= today else made
    coordinator = signed_in_page(browser_area.users["coordinator"])

    coordinator.goto(f"{live_server.url}/plans/{plan.pk}/")
    coordinator.get_by_role("link", name="Placements and personal budget").click()
    expect(coordinator.get_by_text("No setting is recorded as named in the plan.")).to_be_visible()
    assert_accessible(coordinator)

    coordinator.get_by_role("link", name="Add a setting named in the plan").click()
    coordinator.get_by_label("Setting", exact=True).select_option(label=school.name)
    coordinator.get_by_role("button", name="Add placement").click()
    expect(coordinator.get_by_role("table").first).to_contain_text(f"URN {school.urn}")

    coordinator.get_by_role("link", name="Add a placement attended").click()
    coordinator.get_by_label("URN (optional)").fill("12345678")
    fill_date(coordinator, "The day they started there", started)
    coordinator.get_by_role("button", name="Add placement").click()
    expect(coordinator.get_by_text("Enter a URN in the correct format").first).to_be_visible()
    expect(coordinator.get_by_label("URN (optional)")).to_have_value("12345678")
    assert_accessible(coordinator)
    coordinator.get_by_label("URN (optional)").fill("")
    coordinator.get_by_label("Setting", exact=True).select_option(label=school.name)
    coordinator.get_by_role("button", name="Add placement").click()
    expect(coordinator.get_by_role("table").last).to_contain_text(govuk_date(started))
    expect(coordinator.get_by_role("table").last).to_contain_text("Still there")

    coordinator.get_by_role("link", name="Change residential, work-based learning or personal budget").click()
    coordinator.get_by_role("group", name="Has a personal budget been taken up?").get_by_label("Yes").check()
    coordinator.get_by_label("Social care", exact=True).check()
    assert_accessible(coordinator)
    coordinator.get_by_role("button", name="Save").click()
    expect(coordinator.get_by_text("Social care", exact=True)).to_be_visible()

    parent = signed_in_page(browser_area.users["parent"])
    parent.goto(f"{live_server.url}/plans/{plan.pk}/placements/")
    expect(parent.get_by_role("table").last).to_contain_text(govuk_date(started))
    expect(parent.get_by_role("link", name="Add a placement attended")).to_have_count(0)
    assert_accessible(parent)
