"""Given an administrator, when they invite a new EHC coordinator, then the coordinator opens the
emailed link, chooses a password, sets up an authenticator app on their first sign-in and reaches
their caseload; the administrator sees the invitation accepted in the administration log. axe
checks every page visited."""

import pytest
from django.core import mail
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tellonce.accounts.models import User
from tellonce.accounts.tests.two_factor import code_for
from tellonce.tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser
PASSWORD = "quiet river lantern meadow"


def test_an_administrator_invites_a_coordinator_who_chooses_a_password_and_signs_in(
    browser_area, signed_in_page, browser, live_server
):
    admin = signed_in_page(browser_area.users["administrator"])
    admin.goto(f"{live_server.url}/")
    admin.get_by_role("link", name="Administration").first.click()
    expect(admin.get_by_role("heading", level=1)).to_have_text("Administration")
    assert_accessible(admin)
    admin.get_by_role("link", name="Users").click()
    expect(admin.get_by_role("heading", level=1)).to_have_text("Users")
    assert_accessible(admin)
    admin.get_by_role("button", name="Invite a user").click()
    expect(admin.get_by_role("heading", level=1)).to_have_text("Invite a user")
    assert_accessible(admin)
    admin.get_by_role("button", name="Send the invitation").click()
    expect(admin.locator(".govuk-error-summary")).to_contain_text("Enter their first name")
    assert_accessible(admin)
    admin.get_by_label("First name").fill("Robin")
    admin.get_by_label("Last name").fill("Hale")
    admin.get_by_label("Email address").fill("robin.hale@example.org")
    admin.get_by_label("Role").select_option(label="EHC coordinator")
    admin.get_by_role("button", name="Send the invitation").click()
    expect(admin.locator(".govuk-notification-banner")).to_contain_text(
        "Invitation sent to robin.hale@example.org"
    )
    expect(admin.get_by_role("heading", level=1)).to_have_text("Robin Hale")
    assert_accessible(admin)

    link = next(line for line in mail.outbox[-1].body.splitlines() if "/administration/invitation/" in line)
    page = browser.new_context().new_page()
    page.goto(link.strip())
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose your password")
    assert_accessible(page)
    page.get_by_label("New password", exact=True).fill("short")
    page.get_by_label("Confirm new password").fill("short")
    page.get_by_role("button", name="Set my password").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("12 characters or more")
    assert_accessible(page)
    page.get_by_label("New password", exact=True).fill(PASSWORD)
    page.get_by_label("Confirm new password").fill(PASSWORD)
    page.get_by_role("button", name="Set my password").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("robin.hale@example.org")
    assert_accessible(page)

    page.get_by_label("Username").fill("robin.hale@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up an authenticator app")
    assert_accessible(page)
    device = TOTPDevice.objects.get(user=User.objects.get(username="robin.hale@example.org"))
    page.get_by_label("Code").fill(code_for(device))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    assert_accessible(page)

    page.goto(link.strip())
    expect(page.get_by_role("heading", level=1)).to_have_text("This link does not work")
    assert_accessible(page)
    admin.goto(f"{live_server.url}/administration/log/")
    expect(admin.get_by_role("table")).to_contain_text("Accepted the invitation")
    expect(admin.get_by_role("table")).to_contain_text("Invited")
    assert_accessible(admin)


def test_an_administrator_opens_every_organisation_page_type(browser_area, sign_in, live_server):
    page = sign_in(browser_area.users["administrator"])
    base = f"{live_server.url}/administration"
    for path, heading in [
        ("/council/", "The council's details"),
        ("/teams/", "Teams"),
        ("/teams/add/", "Add a team"),
        ("/localities/", "Localities"),
        ("/health-providers/", "Health providers"),
        ("/settings/", "Schools and settings"),
        ("/settings/add/", "Add a school or setting"),
        ("/settings/upload/", "Upload a GIAS establishment file"),
        (f"/users/{browser_area.users['coordinator'].pk}/", str(browser_area.users["coordinator"])),
        (
            f"/users/{browser_area.users['coordinator'].pk}/caseload/",
            f"Move {browser_area.users['coordinator']}'s children",
        ),
        (
            f"/users/{browser_area.users['coordinator'].pk}/deactivate/",
            f"Deactivate {browser_area.users['coordinator']}",
        ),
    ]:
        page.goto(base + path)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(page)
    page.goto(base + "/settings/add/")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the name")
    assert_accessible(page)
    page.goto(base + "/teams/")
    page.get_by_role("link", name=browser_area.users["therapist asked to help"].team.name).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Change")
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("has been saved")
    page.goto(base + "/log/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Administration log")
    assert_accessible(page)
