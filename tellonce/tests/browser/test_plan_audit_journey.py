"""Given a plan in force, when the quality lead draws a sample and grades the plan, the SEND
manager moderates it blind and the lead agrees the one grade they differ on and sends feedback,
then the coordinator reads and acknowledges the feedback; every page passes the accessibility scan."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tellonce.core.time import uk_today
from tellonce.plans.tests.builders import plan_in_force
from tellonce.tests.browser.conftest import assert_accessible, fill_date

pytestmark = pytest.mark.browser


def _grade_everything(page, grade: str, *, except_for: dict | None = None) -> None:
    groups = page.get_by_role("group", name="Grade for section")
    for i in range(groups.count()):
        group = groups.nth(i)
        section = group.locator("legend").inner_text().rsplit(" ", 1)[-1]
        group.get_by_label((except_for or {}).get(section, grade), exact=True).check()


def test_an_auditor_grades_a_plan_a_second_moderates_and_the_coordinator_acknowledges(
    signed_in_page, browser_area, live_server
):
    today = uk_today()
    plan_in_force(browser_area, issued_on=today - timedelta(days=30), today=today)
    users = browser_area.users
    lead = signed_in_page(users["quality lead"])

    lead.goto(f"{live_server.url}/audits/tools/")
    lead.get_by_role("button", name="Start from the national standards").click()
    expect(lead.get_by_role("link", name="EHC plan quality audit, version 1")).to_be_visible()
    lead.goto(f"{live_server.url}/audits/")
    lead.get_by_role("link", name="Draw a sample of plans to audit").click()
    lead.get_by_label("Name of the round").fill("Winter audit")
    lead.get_by_label("At random from every plan in force").check()
    lead.get_by_label("How many plans").fill("1")
    lead.get_by_label("Seed").fill("5")
    assert_accessible(lead)
    lead.get_by_role("button", name="Draw the sample").click()
    expect(lead.get_by_role("heading", name="Winter audit")).to_be_visible()
    assert_accessible(lead)
    lead.get_by_role("link", name=browser_area.child.full_name).click()
    assert_accessible(lead)
    for who, moderation in ((users["quality lead"], False), (users["manager"], True)):
        lead.get_by_role("link", name="Name an auditor or a moderator").click()
        lead.get_by_label("Auditor", exact=True).select_option(label=f"{who.get_full_name()} (Education)")
        if moderation:
            lead.get_by_label("A second auditor, grading blind to moderate the first").check()
        lead.get_by_role("button", name="Name the auditor").click()
        expect(lead.get_by_text("The auditor has been named")).to_be_visible()

    lead.goto(f"{live_server.url}/audits/")
    lead.get_by_role("link", name=browser_area.child.full_name).first.click()
    expect(lead.get_by_text("Automatic findings:").first).to_be_visible()
    _grade_everything(lead, "Good")
    assert_accessible(lead)
    lead.get_by_role("button", name="Submit the grades").click()
    expect(lead.get_by_text("Your grades have been submitted")).to_be_visible()

    manager = signed_in_page(users["manager"])
    manager.goto(f"{live_server.url}/audits/")
    manager.get_by_role("link", name=browser_area.child.full_name).first.click()
    expect(manager.get_by_text("You cannot see the first auditor's grades")).to_be_visible()
    manager.get_by_role("button", name="Submit the grades").click()
    expect(manager.get_by_text("Choose a grade for section A").first).to_be_visible()
    assert_accessible(manager)
    _grade_everything(manager, "Good", except_for={"F": "Inadequate"})
    manager.get_by_role("button", name="Submit the grades").click()
    expect(manager.get_by_text("Your grades have been submitted")).to_be_visible()

    lead.goto(f"{live_server.url}/audits/")
    lead.get_by_role("link", name="Winter audit").click()
    lead.get_by_role("link", name=browser_area.child.full_name).click()
    expect(lead.get_by_text("the moderator graded Inadequate")).to_be_visible()
    assert_accessible(lead)
    lead.get_by_role("group", name="Agreed grade for section F").get_by_label("Requires improvement").check()
    lead.get_by_label("Why this grade was agreed for section F").fill(
        "F is quantified but not linked to outcomes"
    )
    lead.get_by_role("button", name="Agree the grade for section F").click()
    expect(lead.get_by_text("The grade has been agreed")).to_be_visible()
    lead.get_by_role("link", name="Send feedback to the coordinator").click()
    lead.get_by_label("Feedback for the coordinator").fill("Link each item in section F to an outcome.")
    lead.get_by_label("Action 1").fill("Link provision to outcomes at the next review")
    fill_date(lead, "Date action 1 is due", today + timedelta(days=28))
    assert_accessible(lead)
    lead.get_by_role("button", name="Send the feedback").click()
    expect(lead.get_by_text("The feedback has been sent to the coordinator")).to_be_visible()

    coordinator = signed_in_page(users["coordinator"])
    coordinator.goto(f"{live_server.url}/audits/")
    coordinator.get_by_role("link", name=browser_area.child.full_name).click()
    expect(coordinator.get_by_text("Link each item in section F to an outcome.")).to_be_visible()
    expect(coordinator.get_by_text("Requires improvement")).to_be_visible()
    assert_accessible(coordinator)
    coordinator.get_by_label("Anything you want to say about the feedback").fill("Thank you")
    coordinator.get_by_role("button", name="Acknowledge the feedback").click()
    expect(coordinator.get_by_text("You have acknowledged the feedback")).to_be_visible()
    assert_accessible(coordinator)
