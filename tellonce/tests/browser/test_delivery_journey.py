"""Given a plan in force with provision in sections F, G and H, when the SENCO records the
half-term's delivery of the language group, the parent reports speech and language therapy not
received, and the coordinator sees it and records the make-up sessions arranged, then each step is
saved, bad input is refused with a clear message, and axe finds no serious or critical violation
on any page."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tellonce.core.time import uk_today
from tellonce.delivery.models import DeliveryRecord, FamilyReport, FollowUp
from tellonce.delivery.tests.builders import commitments
from tellonce.tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


def test_a_senco_records_delivery_a_parent_reports_missed_sessions_and_the_coordinator_acts(
    signed_in_page, browser_area, live_server
):
    today = uk_today()
    users = browser_area.users
    made = commitments(browser_area, today=today, issued_on=today - timedelta(days=340))
    child = browser_area.child

    senco = signed_in_page(users["SENCO at the school"])
    senco.get_by_role("link", name="Provision delivery", exact=True).click()
    expect(senco.get_by_role("heading", level=1)).to_have_text("Record provision delivered")
    assert_accessible(senco)
    senco.get_by_role("link", name=re.compile(f"Record Language group for {child.full_name}")).click()
    senco.get_by_role("radio", name="Partly delivered").check()
    senco.get_by_role("button", name="Save the record").click()
    expect(senco.locator(".govuk-error-summary")).to_contain_text("Enter how many sessions were delivered")
    assert_accessible(senco)
    senco.get_by_label("If partly delivered, how many sessions were delivered").fill("4")
    senco.get_by_role("radio", name="The child was absent").check()
    senco.get_by_role("button", name="Save the record").click()
    expect(senco.locator(".govuk-notification-banner")).to_contain_text("Delivery recorded")
    assert_accessible(senco)
    assert DeliveryRecord.objects.get(commitment=made["f"]).delivered == 4

    parent = signed_in_page(users["parent"])
    parent.goto(f"{live_server.url}/children/{child.pk}/")
    parent.get_by_role("link", name="Provision in the plan and its delivery").click()
    expect(parent.get_by_role("heading", level=1)).to_have_text("Provision in the plan and its delivery")
    assert_accessible(parent)
    parent.locator(f'a[href="/delivery/commitments/{made["g-1"].pk}/report/"]').click()
    parent.get_by_role("button", name="Send").click()
    expect(parent.locator(".govuk-error-summary")).to_contain_text("Enter what was not received")
    assert_accessible(parent)
    parent.get_by_label("What was not received").fill("No therapy sessions since half-term.")
    parent.get_by_label("How many sessions were missed, if you know").fill("3")
    parent.get_by_role("button", name="Send").click()
    expect(parent.locator(".govuk-notification-banner")).to_contain_text("The coordinator has been told")
    assert_accessible(parent)
    assert FamilyReport.objects.get().sessions_missed == 3

    coordinator = signed_in_page(users["coordinator"])
    coordinator.get_by_role("navigation", name="Menu").get_by_role(
        "link", name="Provision not delivered", exact=True
    ).click()
    expect(coordinator.get_by_text("Family reported")).to_be_visible()
    assert_accessible(coordinator)
    coordinator.get_by_role(
        "link",
        name=f"Record what was done about Speech and language therapy, direct sessions for {child.full_name}",
    ).click()
    expect(coordinator.get_by_text("No therapy sessions since half-term.")).to_be_visible()
    coordinator.get_by_role("button", name="Record what was done").click()
    expect(coordinator.locator(".govuk-error-summary")).to_contain_text("Select what was done")
    assert_accessible(coordinator)
    coordinator.get_by_role("radio", name="Make-up sessions arranged").check()
    coordinator.get_by_label("Details").fill("Three sessions added before Christmas.")
    coordinator.get_by_role("button", name="Record what was done").click()
    expect(coordinator.locator(".govuk-notification-banner")).to_contain_text(
        "What was done has been recorded"
    )
    assert_accessible(coordinator)
    assert FollowUp.objects.get().action == "make_up"

    coordinator.goto(f"{live_server.url}/children/{child.pk}/provision-delivery/")
    expect(coordinator.get_by_text("Make-up sessions arranged")).to_be_visible()
    assert_accessible(coordinator)
