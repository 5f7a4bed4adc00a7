"""Given an assessment with advice accepted, when the coordinator drafts the plan, sees the
findings beside each section and puts them right, sends the draft, the parent comments and asks
for a school, and the coordinator answers and issues the final plan, then each sees the right page
at each step, the parent reads the final plan with their appeal rights, and axe finds no serious
or critical violation on any page."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tellonce.conftest import acting
from tellonce.core.formatting import govuk_date
from tellonce.core.time import uk_today
from tellonce.plans.tests.builders import all_about_me, assessed_case
from tellonce.tests.browser.conftest import assert_accessible, fill_date

pytestmark = pytest.mark.browser


def _section(page, code: str):
    return page.locator(f"#section-{code}")


def test_a_plan_is_drafted_put_right_sent_commented_on_and_issued(signed_in_page, browser_area, live_server):
    today = uk_today()
    child = browser_area.child
    all_about_me(child)
    case = assessed_case(browser_area, today=today)

    coordinator = signed_in_page(browser_area.users["coordinator"])
    coordinator.goto(f"{live_server.url}/assessments/{case.pk}/")
    coordinator.get_by_role("button", name="Start writing the EHC plan").click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text(re.compile(r"EHC plan EHCP-\d{4}-\d{5}"))
    expect(_section(coordinator, "A")).to_contain_text("I like trains and swimming.")
    expect(_section(coordinator, "F")).to_contain_text("Language group")
    expect(_section(coordinator, "B").locator("aside")).to_contain_text("Section B is blank")
    expect(coordinator.get_by_text("stop this plan being issued")).to_be_visible()
    assert_accessible(coordinator)

    coordinator.get_by_role("link", name="Change section B").click()
    coordinator.get_by_label("Special educational needs").fill(
        "Sam finds it hard to follow spoken instructions."
    )
    assert_accessible(coordinator)
    coordinator.get_by_role("button", name="Save section").click()
    expect(_section(coordinator, "B")).to_contain_text("Sam finds it hard to follow spoken instructions.")
    expect(_section(coordinator, "B").locator("aside")).not_to_contain_text("Section B is blank")

    coordinator.get_by_role("link", name="Add to section E").click()
    coordinator.get_by_label("The outcome").fill("Sam will follow a two-step instruction in class")
    fill_date(coordinator, "By when", today.replace(year=today.year + 1))
    coordinator.get_by_label("How progress will be measured").fill("Termly observation by the class teacher")
    coordinator.get_by_role("button", name="Save").click()
    expect(_section(coordinator, "E")).to_contain_text("Sam will follow a two-step instruction in class")

    card = _section(coordinator, "F").locator(".govuk-summary-card", has_text="Language group")
    card.get_by_role("link", name=re.compile("^Change")).click()
    coordinator.get_by_label("How many times").fill("-1")
    coordinator.get_by_role("button", name="Save").click()
    expect(coordinator.locator(".govuk-error-summary")).to_contain_text("How often must be a whole number")
    expect(coordinator.get_by_label("What the provision is")).to_have_value("Language group")
    assert_accessible(coordinator)
    coordinator.get_by_label("How many times").fill("3")
    coordinator.get_by_label("Their qualification or training").fill("Trained in Talk Boost by the therapist")
    coordinator.get_by_label("Sam will follow a two-step instruction in class").check()
    coordinator.get_by_role("button", name="Save").click()
    expect(card).to_contain_text("3 times a week")
    expect(card).to_contain_text("Sam will follow a two-step instruction in class")

    coordinator.get_by_role("link", name="Change section A").click()
    coordinator.get_by_label("My story so far").fill("Sam was born in Northbridge and went to Elm Nursery.")
    coordinator.get_by_role("button", name="Save section").click()
    coordinator.get_by_role("link", name="Change section J").click()
    fill_date(coordinator, "Date a personal budget was discussed with the family", today)
    coordinator.get_by_label("The family did not want a personal budget").check()
    coordinator.get_by_role("button", name="Save section").click()
    coordinator.get_by_role("link", name="Change the named officer or coordinator").click()
    coordinator.get_by_label("Named officer").select_option(label=str(browser_area.users["coordinator"]))
    assert_accessible(coordinator)
    coordinator.get_by_role("button", name="Save").click()
    expect(coordinator.get_by_text("The automatic checks found nothing to put right.")).to_be_visible()
    assert_accessible(coordinator)

    coordinator.get_by_role("link", name="Send the draft plan to the family").click()
    fill_date(coordinator, "Date it was sent to the family", today)
    assert_accessible(coordinator)
    coordinator.get_by_role("button", name="Send it").click()
    expect(coordinator.locator(".govuk-notification-banner")).to_contain_text("Draft plan sent to the family")
    plan_url = coordinator.url

    parent = signed_in_page(browser_area.users["parent"])
    parent.goto(f"{live_server.url}/children/{child.pk}/")
    parent.get_by_role("link", name=re.compile("EHC plan EHCP")).click()
    until = govuk_date(today + timedelta(days=14))
    expect(parent.locator(".govuk-inset-text").first).to_have_text(
        re.compile(rf"You can comment on this draft plan until {until}\.")
    )
    expect(parent.get_by_text("<strong>")).to_have_count(0)
    expect(parent.get_by_text("Findings for section")).to_have_count(0)
    assert_accessible(parent)
    parent.get_by_role("link", name="Comment on section F").click()
    parent.get_by_label("Your comment").fill("Please can the language group be every day?")
    assert_accessible(parent)
    parent.get_by_role("button", name="Send comment").click()
    expect(_section(parent, "F").locator("aside")).to_contain_text(
        "Please can the language group be every day?"
    )
    parent.get_by_role("link", name="Ask for a school or college to be named").click()
    parent.get_by_label("The school or college you would like named").fill(child.setting.name)
    parent.get_by_role("button", name="Send request").click()
    parent.get_by_role("link", name="Tell us you have no more comments").click()
    parent.get_by_role("button", name="Tell the council").click()
    expect(parent.locator(".govuk-notification-banner")).to_contain_text(
        "The council can now finish the plan"
    )
    assert_accessible(parent)

    coordinator.goto(plan_url)
    _section(coordinator, "F").get_by_role("link", name=re.compile("^Answer")).click()
    coordinator.get_by_label("Your answer").fill(
        "The therapist advises three times a week; we have kept that."
    )
    assert_accessible(coordinator)
    coordinator.get_by_role("button", name="Send answer").click()
    expect(_section(coordinator, "F").locator("aside")).to_contain_text("we have kept that")

    coordinator.get_by_role("link", name="Start the next version").click()
    coordinator.get_by_label("The final plan, with any changes").check()
    assert_accessible(coordinator)
    coordinator.get_by_role("button", name="Start it").click()
    expect(coordinator.get_by_text("Version 2: final plan").first).to_be_visible()
    coordinator.get_by_role("link", name="Issue the final plan").click()
    expect(
        coordinator.get_by_role("heading", name="Put these right or acknowledge them first")
    ).to_be_visible()
    # Which of the two depends on the year the child is in today (Year 6 moves school next September).
    expect(
        coordinator.get_by_text(
            re.compile("^(Section I names no setting or type|No setting named in the year of)")
        )
    ).to_be_visible()
    assert_accessible(coordinator)
    coordinator.get_by_role("link", name="Back", exact=True).click()
    coordinator.get_by_role("link", name="Change section I").click()
    coordinator.get_by_label("School, college or other setting").select_option(label=child.setting.name)
    coordinator.get_by_role("button", name="Save section").click()
    coordinator.get_by_role("link", name="Issue the final plan").click()
    expect(coordinator.get_by_text("found nothing")).to_be_visible()
    fill_date(coordinator, "Date of issue", today)
    coordinator.get_by_role("button", name="Issue the plan").click()
    expect(coordinator.locator(".govuk-notification-banner")).to_contain_text("Final plan issued")
    coordinator.get_by_role("link", name="what changed").click()
    expect(coordinator.get_by_role("table")).to_contain_text(child.setting.name)
    assert_accessible(coordinator)

    parent.goto(f"{live_server.url}/children/{child.pk}/")
    parent.get_by_role("link", name=re.compile("EHC plan EHCP")).click()
    expect(parent.get_by_text("Version 2: final plan").first).to_be_visible()
    expect(parent.get_by_text("The last day to appeal is")).to_be_visible()
    expect(_section(parent, "I")).to_contain_text(child.setting.name)
    assert_accessible(parent)


def test_a_manager_sees_plan_quality_chooses_blocking_checks_and_meets_a_conflict(
    signed_in_page, browser_area, live_server
):
    from tellonce.plans import services

    today = uk_today()
    case = assessed_case(browser_area, today=today)
    plan = services.start_plan(
        browser_area.child, by=acting(browser_area.users["coordinator"]), today=today, assessment=case
    )
    manager = signed_in_page(browser_area.users["manager"])
    manager.goto(f"{live_server.url}/plans/{plan.pk}/versions/1/")
    finding = _section(manager, "B").get_by_role("link", name=re.compile("^Acknowledge"))
    finding.click()
    manager.get_by_role("button", name="Acknowledge").click()
    expect(manager.locator(".govuk-error-summary")).to_contain_text("Enter why they can be left as they are")
    assert_accessible(manager)
    manager.get_by_label("Why they can be left as they are").fill(
        "Needs are described in the attached advice"
    )
    manager.get_by_role("button", name="Acknowledge").click()
    expect(_section(manager, "B").locator("aside")).to_contain_text(
        "Needs are described in the attached advice"
    )

    coordinator = signed_in_page(browser_area.users["coordinator"])
    coordinator.goto(f"{live_server.url}/plans/{plan.pk}/versions/1/sections/C/")
    manager.goto(f"{live_server.url}/plans/{plan.pk}/versions/1/sections/C/")
    manager.get_by_label("Health needs related to special educational needs or disability").fill("Asthma")
    manager.get_by_role("button", name="Save section").click()
    coordinator.get_by_label("Health needs related to special educational needs or disability").fill(
        "Epilepsy"
    )
    coordinator.get_by_role("button", name="Save section").click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text(
        "Someone else changed this part of the plan"
    )
    expect(coordinator.get_by_text("Epilepsy")).to_be_visible()
    assert_accessible(coordinator)

    manager.get_by_role("link", name="Plan quality").click()
    expect(manager.get_by_role("heading", level=1)).to_have_text("Plan quality")
    assert_accessible(manager)
    manager.get_by_role("link", name="Choose which checks stop a plan being issued").click()
    manager.get_by_label(re.compile("^No record that a personal budget was discussed")).check()
    assert_accessible(manager)
    manager.get_by_role("button", name="Save").click()
    expect(manager.locator(".govuk-notification-banner")).to_contain_text("have been saved")
    expect(
        manager.get_by_label(re.compile("^No record that a personal budget was discussed"))
    ).to_be_checked()
