"""Given a coordinator and a parent, when the coordinator walks a request from receipt to the
final plan, then the parent sees the stage and its dates in plain English at every step, and
every page passes the accessibility scan."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tellonce.core.formatting import govuk_date, until
from tellonce.core.time import uk_today
from tellonce.tests.browser.conftest import assert_accessible, fill_date

pytestmark = pytest.mark.browser


def test_a_request_is_walked_from_receipt_to_final_plan_and_the_parent_follows_it(
    signed_in_page, browser_area, live_server
):
    child, today = browser_area.child, uk_today()
    received, decided, draft = (
        today - timedelta(weeks=12),
        today - timedelta(weeks=7),
        today - timedelta(weeks=2),
    )
    coordinator = signed_in_page(browser_area.users["coordinator"])
    parent = signed_in_page(browser_area.users["parent"])
    child_page = f"{live_server.url}/children/{child.pk}/"

    def parent_sees(*sentences):
        parent.goto(child_page)
        for sentence in sentences:
            expect(parent.get_by_text(sentence)).to_be_visible()
        assert_accessible(parent)

    parent_sees("There has been no request for an EHC needs assessment.")

    coordinator.goto(child_page)
    coordinator.get_by_role("link", name="Record a request for an assessment").click()
    coordinator.get_by_label("Parent or carer").check()
    fill_date(coordinator, "Date the council received the request", received)
    assert_accessible(coordinator)
    coordinator.get_by_role("button", name="Record the request").click()
    expect(coordinator.get_by_text("Waiting for a decision on whether to assess")).to_be_visible()
    expect(coordinator.get_by_role("table")).to_contain_text(govuk_date(received + timedelta(weeks=6)))
    assert_accessible(coordinator)
    parent_sees(
        f"We received the request for an EHC needs assessment on {govuk_date(received)}.",
        "We are late with this step. We are sorry. Your EHC coordinator will contact you.",
    )

    coordinator.get_by_role("link", name="Record the decision whether to assess").click()
    coordinator.get_by_label("Carry out an EHC needs assessment").check()
    fill_date(coordinator, "Date the family was told", decided)
    coordinator.get_by_role("button", name="Save").click()
    expect(coordinator.get_by_text("Needs assessment under way")).to_be_visible()
    parent_sees(f"On {govuk_date(decided)} we told you we would carry out an assessment.")

    coordinator.get_by_role("link", name="Ask for advice").click()
    coordinator.get_by_label("Service asked for advice").select_option("educational_psychology")
    fill_date(coordinator, "Date the service received the request", decided + timedelta(days=1))
    assert_accessible(coordinator)
    coordinator.get_by_role("button", name="Save").click()
    expect(coordinator.get_by_role("table").last).to_contain_text("Educational psychology")

    coordinator.get_by_role(
        "link", name="Record that a draft EHC plan written outside Tellonce was sent"
    ).click()
    fill_date(coordinator, "Date the draft plan was sent to the family", draft)
    coordinator.get_by_role("button", name="Save").click()
    expect(coordinator.get_by_text("Draft plan sent to the family", exact=True)).to_be_visible()
    parent_sees(
        f"We sent you the draft plan on {govuk_date(draft)}. {until(draft + timedelta(days=14), today)} "
        "to comment, ask for a meeting and ask for a school or "
        "college to be named."
    )

    coordinator.get_by_role(
        "link", name="Record that a final EHC plan written outside Tellonce was issued"
    ).click()
    fill_date(coordinator, "Date the final plan was issued", today + timedelta(days=1))
    coordinator.get_by_role("button", name="Save").click()
    expect(coordinator.locator(".govuk-error-summary")).to_contain_text("must be today or in the past")
    assert_accessible(coordinator)
    fill_date(coordinator, "Date the final plan was issued", today)
    coordinator.get_by_role("button", name="Save").click()
    expect(coordinator.get_by_text("Final plan issued", exact=True)).to_be_visible()
    assert_accessible(coordinator)
    parent_sees(f"We issued the final EHC plan on {govuk_date(today)}.")

    coordinator.goto(f"{live_server.url}/caseload/")
    expect(coordinator.get_by_text(re.compile(r"0 open cases"))).to_be_visible()
    assert_accessible(coordinator)
