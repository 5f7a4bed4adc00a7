"""Given a child whose mother has an email address on the record, when the coordinator invites her
from the record, then she opens the emailed link, makes an account, enters the code from the
second email and sees her child, and only her child. axe checks every page."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tellonce.people.tests.factories import FamilyMemberFactory
from tellonce.tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

ADDRESS = "ada.okafor@example.org"


def given_a_mother_with_an_email_address_on_the_record(area):
    return FamilyMemberFactory(child=area.child, given_name="Ada", email=ADDRESS, main_contact=False)


def when_the_coordinator_invites_her(page, live_server, area):
    page.goto(f"{live_server.url}/children/{area.child.pk}/")
    assert_accessible(page)
    page.get_by_role("link", name="Invite the family to see this record").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Family accounts")
    assert_accessible(page)
    page.get_by_role("button", name="Send an invitation to Ada Okafor").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(f"sent to Ada Okafor at {ADDRESS}")
    assert_accessible(page)


def and_sees_who_decides_for_the_child(page, live_server, area):
    page.goto(f"{live_server.url}/children/{area.child.pk}/")
    page.get_by_role("link", name="Change who decides").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who decides, and what their parent sees")
    assert_accessible(page)
    page.get_by_label("Yes, assessed under the Mental Capacity Act").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter who assessed their capacity")
    assert_accessible(page)


def _emailed(pattern: str) -> str:
    assert mail.outbox and mail.outbox[-1].to == [ADDRESS]
    return re.search(pattern, mail.outbox[-1].body).group(1)


def then_she_makes_an_account_from_the_link(page):
    page.goto(_emailed(r"(http://\S+/invitations/\S+/)"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Make your account")
    assert_accessible(page)
    page.get_by_role("button", name="Make my account").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a password")
    assert_accessible(page)
    page.get_by_label("Create a password").fill("lighthouse kettle orchard")
    page.get_by_label("Type the password again").fill("lighthouse kettle orchard")
    page.get_by_role("button", name="Make my account").click()


def and_enters_the_code_from_the_second_email(page):
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert_accessible(page)
    code = _emailed(r"Your code is (\d{6})")
    page.get_by_label("Code").fill("000000" if code != "000000" else "111111")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The code is not right")
    assert_accessible(page)
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Continue").click()


def then_she_sees_her_child_and_only_her_child(page, live_server, area):
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your account is now linked")
    expect(page.get_by_role("heading", level=1)).to_have_text("My children")
    assert_accessible(page)
    children = page.locator("main h2 a")
    expect(children).to_have_count(1)
    expect(children).to_have_text(area.child.full_name)
    children.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(area.child.full_name)
    assert_accessible(page)
    response = page.goto(f"{live_server.url}/children/{area.other_child.pk}/")
    assert response.status == 404


def test_a_coordinator_invites_a_parent_who_proves_the_link_and_sees_her_child(
    browser_area, signed_in_page, browser, live_server
):
    given_a_mother_with_an_email_address_on_the_record(browser_area)
    coordinator = signed_in_page(browser_area.users["coordinator"])
    when_the_coordinator_invites_her(coordinator, live_server, browser_area)
    and_sees_who_decides_for_the_child(coordinator, live_server, browser_area)
    parent = browser.new_context().new_page()
    then_she_makes_an_account_from_the_link(parent)
    and_enters_the_code_from_the_second_email(parent)
    then_she_sees_her_child_and_only_her_child(parent, live_server, browser_area)
