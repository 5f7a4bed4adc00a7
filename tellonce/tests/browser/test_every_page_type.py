"""Given a coordinator, a SENCO and a parent, when each opens every page type they can reach,
then each page shows what it should and axe finds no serious or critical violation."""

import re

import pytest
from playwright.sync_api import expect

from tellonce.conftest import acting
from tellonce.tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


def test_a_coordinator_opens_every_page_type(browser_area, sign_in, live_server):
    child = browser_area.child
    page = sign_in(browser_area.users["coordinator"])
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    assert_accessible(page)
    page.get_by_role("link", name="My caseload").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My caseload")
    assert_accessible(page)

    page.get_by_role("link", name="Find a child").click()
    page.get_by_label("Name").fill(child.family_name)
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name=re.compile(r"\d+ results?"))).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=re.compile(child.given_name)).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(child.full_name)
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("Change details")).click()
    page.get_by_label("NHS number (optional)").fill("123")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("NHS number")
    assert_accessible(page)

    page.get_by_label("NHS number (optional)").fill("943 476 5919")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The record has been updated")
    expect(page.get_by_text("943 476 5919")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/children/{child.pk}/all-about-me/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/children/{child.pk}/consent/")
    page.get_by_role("button", name="Save decision").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select who the information")
    assert_accessible(page)
    page.goto(f"{live_server.url}/no-such-page/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_accessible(page)


def test_a_senco_sees_their_pupils_and_not_another_schools(browser_area, sign_in, live_server):
    page = sign_in(browser_area.users["SENCO at the school"])
    expect(page.get_by_role("heading", level=1)).to_have_text("Our pupils")
    expect(page.get_by_role("link", name=re.compile(browser_area.child.given_name))).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(browser_area.other_child.given_name))).to_have_count(0)
    assert_accessible(page)
    page.goto(f"{live_server.url}/children/{browser_area.other_child.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")


def test_a_parent_sees_their_own_child_and_writes_all_about_me(browser_area, sign_in, live_server):
    child = browser_area.child
    page = sign_in(browser_area.users["parent"])
    expect(page.get_by_role("heading", level=1)).to_have_text("My children")
    assert_accessible(page)
    page.get_by_role("link", name=child.full_name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(child.full_name)
    assert_accessible(page)
    page.get_by_role("link", name="Write All about me").click()
    page.get_by_label("About me, in my words").fill("I like swimming and my dog.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("I like swimming and my dog.")).to_be_visible()
    page.goto(f"{live_server.url}/children/{browser_area.other_child.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")


def test_an_administrator_reads_a_childs_access_log(browser_area, sign_in, live_server):
    child = browser_area.child
    page = sign_in(browser_area.users["administrator"])
    page.goto(f"{live_server.url}/children/{child.pk}/")
    page.get_by_role("link", name="See who has viewed or changed this record").click()
    expect(page.get_by_role("table")).to_contain_text("Viewed")
    assert_accessible(page)


def test_a_board_member_sees_the_dashboard_and_the_sign_in_page_is_accessible(
    browser_area, sign_in, page, live_server
):
    page.goto(f"{live_server.url}/accounts/sign-in/")
    assert_accessible(page)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your username")
    assert_accessible(page)
    sign_in(browser_area.users["board member"])
    expect(page.get_by_role("heading", level=1)).to_have_text("Partnership dashboard")
    assert_accessible(page)
    for path, heading in (
        ("/accessibility/", "Accessibility statement"),
        ("/privacy/", "Privacy notice"),
        ("/assessments/timeliness/", "Timeliness of EHC needs assessments"),
    ):
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(page)
    page.get_by_role("link", name="Sign out").click()
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Tellonce")


def test_a_manager_filters_the_team_caseload(browser_area, sign_in, live_server):
    from datetime import timedelta

    from tellonce.assessments import services
    from tellonce.core.time import uk_today

    today = uk_today()
    services.record_request(
        browser_area.child,
        by=acting(browser_area.users["coordinator"]),
        received_on=today - timedelta(weeks=7),
        requested_by="parent",
        today=today,
    )
    page = sign_in(browser_area.users["manager"])
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    page.get_by_role("link", name="My caseload").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Team caseload")
    page.get_by_text("Filter cases").click()
    page.get_by_label("Status").select_option("overdue")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("table")).to_contain_text("Decide whether to assess")
    assert_accessible(page)
    page.get_by_role("link", name="Overdue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overdue steps")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(browser_area.child.family_name)).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("EHC needs assessment")
    assert_accessible(page)
