"""Given a panel meeting today, when a coordinator takes a request to it, records who came and the
panel's refusal with its reasons and advice to the school, and sends the letter, then the meeting
warns it was not quorate, the letter gives the family their rights and the advice service, the
refusal shows on the assessment, and every page passes the accessibility scan."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tellonce.assessments import services as assessments
from tellonce.conftest import acting
from tellonce.core.formatting import govuk_date
from tellonce.core.time import uk_today
from tellonce.domain.calendar import add_months
from tellonce.panels import services
from tellonce.tests.browser.conftest import assert_accessible, fill_date

pytestmark = pytest.mark.browser


def test_a_coordinator_takes_a_request_to_panel_and_sends_the_familys_letter(
    signed_in_page, browser_area, live_server
):
    today = uk_today()
    manager = acting(browser_area.users["manager"])
    panel = services.create_panel(
        by=manager, today=today, name="EHC needs assessment panel", decides=["assess", "issue"]
    )
    for name, agency in (
        ("Priya Shah", "chair"),
        ("Tom Reed", "education"),
        ("Ada Lowe", "health"),
        ("Sam Fox", "social_care"),
    ):
        services.add_member(panel, by=manager, today=today, name=name, agency=agency)
    services.schedule_meeting(panel, by=manager, today=today, held_on=today, place="Civic Centre")
    case = assessments.record_request(
        browser_area.child,
        by=acting(browser_area.users["coordinator"]),
        received_on=today - timedelta(weeks=3),
        requested_by="setting",
        today=today,
    )
    coordinator = signed_in_page(browser_area.users["coordinator"])

    coordinator.goto(f"{live_server.url}/assessments/{case.pk}/")
    coordinator.get_by_role("link", name="Take this request to a panel").click()
    coordinator.get_by_label("Meeting").select_option(
        label=f"EHC needs assessment panel, {govuk_date(today)}"
    )
    coordinator.get_by_label("Whether to carry out an EHC needs assessment").check()
    coordinator.get_by_label("What the panel is asked, and why (optional)").fill(
        "The school asks for an assessment."
    )
    assert_accessible(coordinator)
    coordinator.get_by_role("button", name="Put the case to the panel").click()
    expect(coordinator.get_by_role("heading", name="Panel decisions")).to_be_visible()
    assert_accessible(coordinator)

    coordinator.get_by_role("link", name=f"EHC needs assessment panel, {govuk_date(today)}").click()
    coordinator.get_by_role("link", name="The meeting's agenda").click()
    coordinator.get_by_role("link", name="Record who came").click()
    for name in ("Priya Shah", "Tom Reed", "Ada Lowe"):
        coordinator.get_by_role("group", name=name).get_by_label("Present").check()
    coordinator.get_by_role("group", name="Sam Fox").get_by_label("Sent apologies").check()
    assert_accessible(coordinator)
    coordinator.get_by_role("button", name="Save attendance").click()
    expect(
        coordinator.get_by_text("This meeting is not quorate: nobody from social care was present.")
    ).to_be_visible()
    assert_accessible(coordinator)

    coordinator.get_by_role("link", name=browser_area.child.full_name).click()
    coordinator.get_by_role("link", name="Record the panel's decision").click()
    coordinator.get_by_label("Not agreed").check()
    coordinator.get_by_role("button", name="Record the decision").click()
    expect(coordinator.locator(".govuk-error-summary")).to_contain_text("Enter the panel's reasons")
    assert_accessible(coordinator)
    coordinator.get_by_label("Reasons").fill("The school has only just begun SEN support.")
    fill_date(coordinator, "Date the family was told", today)
    coordinator.get_by_label("Advice to the school or setting (if the panel said no)").fill(
        "Put in place a language programme three times a week."
    )
    coordinator.get_by_role("button", name="Record the decision").click()
    look_again = govuk_date(add_months(today, 6))
    expect(coordinator.get_by_text(look_again)).to_be_visible()
    assert_accessible(coordinator)

    coordinator.get_by_role("link", name="The letter to the family").click()
    expect(
        coordinator.get_by_text("We have decided not to carry out an education, health and care")
    ).to_be_visible()
    expect(coordinator.get_by_text("The last day to appeal is")).to_be_visible()
    expect(coordinator.get_by_text("SENDIASS")).to_be_visible()
    assert_accessible(coordinator)
    coordinator.get_by_role("link", name="Record that the letter was sent").click()
    fill_date(coordinator, "Date the letter was sent", today)
    coordinator.get_by_role("button", name="Save").click()
    expect(coordinator.get_by_text(f"Sent on {govuk_date(today)}")).to_be_visible()

    coordinator.get_by_role("link", name="The assessment").click()
    expect(coordinator.get_by_text("Decided not to assess")).to_be_visible()
    assert_accessible(coordinator)


def test_a_manager_sets_up_a_panel_with_its_members_and_next_meeting(
    signed_in_page, browser_area, live_server
):
    next_month = uk_today() + timedelta(days=30)
    manager = signed_in_page(browser_area.users["manager"])
    manager.goto(f"{live_server.url}/panels/")
    expect(manager.get_by_text("The council has no panels yet.")).to_be_visible()
    assert_accessible(manager)
    manager.get_by_role("link", name="Add a panel").click()
    manager.get_by_role("button", name="Add the panel").click()
    expect(manager.locator(".govuk-error-summary")).to_contain_text("Enter the panel's name")
    assert_accessible(manager)
    manager.get_by_label("Name of the panel").fill("Placement and resources panel")
    manager.get_by_label("The school, college or other setting").check()
    manager.get_by_label("The top-up band").check()
    manager.get_by_role("button", name="Add the panel").click()
    manager.get_by_role("link", name="Placement and resources panel").click()
    manager.get_by_role("link", name="Add a member").click()
    manager.get_by_label("Name", exact=True).fill("Ruth Kaye")
    manager.get_by_label("Health").check()
    manager.get_by_label("Job title (optional)").fill("Designated clinical officer")
    assert_accessible(manager)
    manager.get_by_role("button", name="Add the member").click()
    manager.get_by_role("link", name="Add a meeting").click()
    fill_date(manager, "Date of the meeting", next_month)
    manager.get_by_role("button", name="Add the meeting").click()
    expect(manager.get_by_role("cell", name="Ruth Kaye", exact=True)).to_be_visible()
    expect(manager.get_by_role("link", name=govuk_date(next_month))).to_be_visible()
    assert_accessible(manager)
    manager.get_by_role("button", name="Stand down Ruth Kaye").click()
    expect(manager.get_by_text("Ruth Kaye no longer sits on the panel")).to_be_visible()
    manager.get_by_role("link", name=govuk_date(next_month)).click()
    expect(manager.get_by_text("No cases have been put to this meeting.")).to_be_visible()
    assert_accessible(manager)
