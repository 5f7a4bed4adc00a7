"""Given a therapist asked for advice, when they submit it, the coordinator returns it with
reasons, the therapist resubmits and the coordinator accepts it, then each sees the right page
at each step, the parent sees the accepted advice, and every page passes the accessibility scan."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tellonce.assessments import services
from tellonce.conftest import acting
from tellonce.core.tests import files
from tellonce.core.time import uk_today
from tellonce.tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


def test_advice_is_given_returned_resubmitted_and_accepted(
    signed_in_page, browser, browser_area, live_server, tmp_path
):
    today, users = uk_today(), browser_area.users
    case = services.record_request(
        browser_area.child,
        by=acting(users["coordinator"]),
        received_on=today - timedelta(weeks=5),
        requested_by="parent",
        today=today,
    )
    services.decide_to_assess(
        case,
        by=acting(users["coordinator"]),
        notified_on=today - timedelta(weeks=4),
        expected_version=1,
        today=today,
    )
    services.request_advice(
        case,
        by=acting(users["coordinator"]),
        service="speech_and_language_therapy",
        team=users["therapist asked to help"].team,
        requested_on=today - timedelta(weeks=3),
    )
    report = tmp_path / "slt-report.pdf"
    report.write_bytes(files.pdf())

    therapist = signed_in_page(users["therapist asked to help"])
    therapist.get_by_role("link", name="Advice requests").click()
    assert_accessible(therapist)
    therapist.get_by_role("link", name=browser_area.child.full_name).click()
    therapist.get_by_role("button", name="Give advice").click()
    assert_accessible(therapist)
    therapist.get_by_label("The child or young person's needs").fill("Difficulty following instructions")
    therapist.get_by_label("Outcomes you recommend").fill("By July, to follow two-step instructions")
    therapist.get_by_role("group", name="Provision 1").get_by_label("What").fill("Language group")
    therapist.get_by_role("button", name="Send advice").click()
    expect(therapist.locator(".govuk-error-summary")).to_contain_text("Enter who delivers it")
    assert_accessible(therapist)
    first = therapist.get_by_role("group", name="Provision 1")
    first.get_by_label("Who delivers it").fill("Teaching assistant trained by the SLT")
    first.get_by_label("How often").fill("Weekly")
    first.get_by_label("For how long").fill("Two terms")
    therapist.get_by_label("Reports (optional)").set_input_files(str(report))
    therapist.get_by_role("button", name="Send advice").click()
    expect(therapist.locator(".govuk-notification-banner")).to_contain_text("sent to the EHC coordinator")

    coordinator = signed_in_page(users["coordinator"])
    coordinator.goto(f"{live_server.url}/assessments/{case.pk}/")
    coordinator.get_by_role("link", name="Speech and language therapy").click()
    expect(coordinator.get_by_role("link", name="slt-report.pdf")).to_be_visible()
    coordinator.get_by_label("Return it as not fit for purpose").check()
    coordinator.get_by_label("Reasons for returning it").fill("Say how long each session lasts")
    assert_accessible(coordinator)
    coordinator.get_by_role("button", name="Save decision").click()
    expect(coordinator.get_by_text("Returned on")).to_be_visible()

    therapist.reload()
    therapist.get_by_role("button", name="Give advice").click()
    expect(therapist.get_by_text("Say how long each session lasts")).to_be_visible()
    therapist.get_by_label("The child or young person's needs").fill("Difficulty following instructions")
    therapist.get_by_label("Outcomes you recommend").fill("By July, to follow two-step instructions")
    first = therapist.get_by_role("group", name="Provision 1")
    first.get_by_label("What").fill("Language group")
    first.get_by_label("Who delivers it").fill("Teaching assistant trained by the SLT")
    first.get_by_label("How often").fill("Weekly, 30 minutes a session")
    first.get_by_label("For how long").fill("Two terms")
    therapist.get_by_role("button", name="Send advice").click()
    expect(therapist.get_by_role("heading", name="Advice, version 2")).to_be_visible()

    coordinator.reload()
    coordinator.get_by_label("Accept the advice").check()
    coordinator.get_by_role("button", name="Save decision").click()
    expect(coordinator.get_by_text("Accepted", exact=True).first).to_be_visible()
    assert_accessible(coordinator)
    coordinator.goto(f"{live_server.url}/advice/timeliness/?group=service")
    expect(coordinator.locator("svg").first).to_be_visible()
    assert_accessible(coordinator)

    parent = signed_in_page(users["parent"])
    parent.goto(f"{live_server.url}/children/{browser_area.child.pk}/")
    parent.get_by_role("link", name="Speech and language therapy").click()
    expect(parent.get_by_text("Weekly, 30 minutes a session")).to_be_visible()
    expect(parent.get_by_text("Say how long each session lasts")).to_have_count(0)
    assert_accessible(parent)
