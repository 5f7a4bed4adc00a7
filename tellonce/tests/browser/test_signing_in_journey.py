"""Given a new coordinator, when they sign in for the first time, then they set up an authenticator
app from the QR code's key and see their recovery codes once; given a parent who forgets their
password and then types it wrong five times, then they see how to reset it and that the account
is locked; given an administrator, then they find and unlock it; given a parent who asks for a
reset link, then the emailed link sets a new password once. axe checks every page."""

import re

import pytest
from django.core import mail
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tellonce.accounts.tests.factories import UserFactory
from tellonce.accounts.tests.two_factor import code_for
from tellonce.tests.browser.conftest import PASSWORD, assert_accessible

pytestmark = pytest.mark.browser


def test_a_new_coordinator_sets_up_an_authenticator_app(browser_area, page, live_server):
    newcomer = UserFactory(role="ehc_coordinator", local_authority=browser_area.child.local_authority)
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.get_by_label("Username").fill(newcomer.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up an authenticator app")
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The code is not right")
    assert_accessible(page)
    device = TOTPDevice.objects.get(user=newcomer)
    device.throttle_reset()
    page.get_by_label("Code").fill(code_for(device))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    expect(page.locator(".tellonce-recovery-codes li")).to_have_count(10)
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    page.goto(f"{live_server.url}/accounts/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    assert_accessible(page)
    page.get_by_role("link", name="Change your password").click()
    page.get_by_role("button", name="Change password").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your current password")
    assert_accessible(page)


def test_a_locked_out_parent_is_told_what_to_do_and_an_administrator_unlocks_them(
    browser_area, page, signed_in_page, live_server
):
    parent = browser_area.users["parent"]
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.get_by_role("link", name="Forgotten your password?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reset your password")
    assert_accessible(page)
    page.get_by_label("Email address").fill("someone@example.org")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert_accessible(page)
    for _ in range(5):
        page.goto(f"{live_server.url}/accounts/sign-in/")
        page.get_by_label("Username").fill(parent.username)
        page.get_by_label("Password").fill("not my password")
        page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account is locked")
    assert_accessible(page)

    admin = signed_in_page(browser_area.users["administrator"])
    admin.goto(f"{live_server.url}/administration/users/")
    expect(admin.get_by_role("heading", level=1)).to_have_text("Users")
    assert_accessible(admin)
    admin.get_by_label("Name, username or email address").fill(parent.username)
    admin.get_by_role("button", name="Filter").click()
    admin.get_by_role("link", name=str(parent)).click()
    assert_accessible(admin)
    admin.get_by_role("button", name="Unlock the account").click()
    expect(admin.locator(".govuk-notification-banner")).to_contain_text("can sign in again")

    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.get_by_label("Username").fill(parent.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My children")


def test_a_parent_resets_a_forgotten_password_from_the_emailed_link(browser_area, page, live_server):
    parent = browser_area.users["parent"]
    parent.email = "grace.okafor@example.org"
    parent.save(update_fields=["email"])
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.get_by_role("link", name="Forgotten your password?").click()
    page.get_by_label("Email address").fill("Grace.Okafor@example.org")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    [sent] = [m for m in mail.outbox if parent.email in m.to]
    link = re.search(r"https?://\S+/accounts/password/reset/\S+/\S+/", sent.body).group(0)

    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    assert_accessible(page)
    page.get_by_label("New password", exact=True).fill("short")
    page.get_by_label("Confirm new password").fill("short")
    page.get_by_role("button", name="Save the new password").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("New password", exact=True).fill("copper kettle meadow 92")
    page.get_by_label("Confirm new password").fill("copper kettle meadow 92")
    page.get_by_role("button", name="Save the new password").click()
    assert_accessible(page)
    page.get_by_role("button", name="Sign in").click()

    page.get_by_label("Username").fill(parent.username)
    page.get_by_label("Password").fill("copper kettle meadow 92")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My children")
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("This link has stopped working")
