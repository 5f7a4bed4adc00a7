"""Online requests for an EHC needs assessment, in the browser, with axe on every page type:
(a) given a parent, when she asks for an assessment for a child the council does not know, saving
and coming back in the middle, then the request is sent and she sees it received, with the decision
due 6 weeks on; (b) given a SENCO, when she asks for one for a pupil with two cycles of SEN support
and the school's plan, then the family is emailed and the parent sees the request, with its
evidence; (c) given a request about a child the council knows, the coordinator sees
the likely match, confirms it and the assessment request starts on the day the request was sent."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from playwright.sync_api import expect

from tellonce.core.formatting import govuk_date
from tellonce.core.tests.files import pdf
from tellonce.core.time import uk_today
from tellonce.front_door.models import OnlineRequest, Status
from tellonce.front_door.tests.factories import OnlineRequestFactory
from tellonce.tests.browser.conftest import assert_accessible, fill_date

pytestmark = pytest.mark.browser


def _continue(page):
    page.get_by_role("button", name="Continue").click()


def _heading(page, text):
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def when_she_starts_a_request(page, live_server):
    page.goto(f"{live_server.url}/requests/")
    assert_accessible(page)
    page.get_by_role("button", name="Ask for an assessment").click()
    _heading(page, "Ask for an EHC needs assessment")
    assert_accessible(page)
    page.get_by_role("button", name="Start now").click()


def test_a_parent_asks_for_an_assessment_saving_and_coming_back_in_the_middle(
    page, sign_in, live_server, browser_area
):
    sign_in(browser_area.users["parent"])
    when_she_starts_a_request(page, live_server)
    _heading(page, "Who is the request about?")
    assert_accessible(page)
    page.get_by_label("Someone else").check()
    _continue(page)
    _heading(page, "What is the child or young person's name?")
    _continue(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter first name")
    assert_accessible(page)
    page.get_by_label("First name").fill("Noor")
    page.get_by_label("Last name").fill("Haddad")
    _continue(page)
    fill_date(page, "Date of birth", uk_today().replace(year=uk_today().year - 8))
    _continue(page)
    page.get_by_label("NHS number (optional)").fill("123")
    _continue(page)
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.get_by_label("NHS number (optional)")).to_have_value("123")
    assert_accessible(page)
    page.get_by_label("NHS number (optional)").fill("")
    _continue(page)
    page.get_by_label("Address").fill("4 Mill Lane, Northbridge")
    page.get_by_label("Postcode").fill("NB3 4QT")
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your answers have been saved")
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("^Continue REQ-")).click()
    _heading(page, "Check your answers before sending the request")
    expect(page.get_by_text("4 Mill Lane, Northbridge, NB3 4QT")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Say why you are asking for an assessment").click()
    page.get_by_label("Why are you asking for an assessment?").fill(
        "Noor cannot follow lessons without an adult."
    )
    _continue(page)
    _heading(page, "Check your answers before sending the request")
    for link, label, text in [
        ("Say what support has been tried", "What support has been tried?", "Small group reading"),
        ("Enter the family's views", "What does the family think?", "We want Noor to stay at her school"),
    ]:
        page.get_by_role("link", name=link).click()
        page.get_by_label(label).fill(text)
        _continue(page)
    page.get_by_role("link", name="Say whether an interpreter is needed").click()
    _heading(page, "Language and interpreters")
    page.get_by_label("First language at home").fill("Arabic")
    page.get_by_label("Yes", exact=True).check()
    _continue(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter the language the interpreter should speak"
    )
    assert_accessible(page)
    page.get_by_label("If yes, which language?").fill("Arabic")
    _continue(page)
    page.get_by_role("link", name="Confirm consent to share the request").click()
    page.get_by_label(re.compile("I agree that the council may share")).check()
    _continue(page)
    _heading(page, "Check your answers before sending the request")
    page.get_by_role("button", name="Send the request").click()

    expect(page.locator(".govuk-notification-banner")).to_contain_text("Request sent")
    expect(page.locator("main .govuk-tag")).to_have_text("Received")
    due = govuk_date(uk_today() + timedelta(weeks=6))
    expect(page.get_by_text(due).first).to_be_visible()
    assert_accessible(page)
    sent = OnlineRequest.objects.get(given_name="Noor")
    assert sent.status == Status.SUBMITTED and sent.submitted_on == uk_today()


def test_a_senco_asks_with_sen_support_evidence_and_the_parent_sees_it(
    signed_in_page, live_server, browser_area, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    child = browser_area.child
    senco = signed_in_page(browser_area.users["SENCO at the school"])
    when_she_starts_a_request(senco, live_server)
    senco.get_by_label(re.compile(child.full_name)).check()
    _continue(senco)
    _heading(senco, "Where do they live?")
    senco.get_by_label("Address").fill("12 Station Road, Northbridge")
    senco.get_by_label("Postcode").fill("NB1 2AB")
    _continue(senco)
    senco.get_by_label("Why are you asking for an assessment?").fill(
        "Not making progress despite a year of SEN support."
    )
    _continue(senco)
    _continue(senco)  # other support is optional for a school
    _heading(senco, "SEN support: assess, plan, do, review")
    assert_accessible(senco)
    fill_date(senco, "When the cycle started", uk_today() - timedelta(days=300))
    senco.get_by_label("Assess: what you found out about their needs").fill("Reading age two years behind")
    senco.get_by_label("Plan: the support and outcomes you agreed").fill("Daily phonics")
    senco.get_by_label("Do: what was provided, by whom and how often").fill(
        "Teaching assistant, 20 minutes a day"
    )
    senco.get_by_label("Review: what difference it made").fill("Little progress")
    senco.get_by_label("Provision").fill("Small-group phonics, 5 times a week")
    senco.get_by_label("Cost of the cycle, in pounds").fill("1850")
    senco.get_by_role("button", name="Add this cycle").click()
    expect(senco.locator(".govuk-summary-card")).to_contain_text("£1,850.00")
    assert_accessible(senco)
    _continue(senco)
    _heading(senco, "Upload the school's evidence")
    plan = tmp_path / "sen-support-plan.pdf"
    plan.write_bytes(pdf())
    senco.get_by_label("Upload a file").set_input_files(str(plan))
    senco.get_by_label("What is it? (optional)").fill("SEN support plan")
    senco.get_by_role("button", name="Upload this file").click()
    expect(senco.get_by_text("sen-support-plan.pdf uploaded")).to_be_visible()
    assert_accessible(senco)
    _continue(senco)
    senco.get_by_label("What does the family think?").fill("Mum wants more help in class")
    _continue(senco)
    senco.get_by_label("Parent or carer's full name").fill("Grace Okafor")
    senco.get_by_label("Their email address").fill("grace.okafor@example.org")
    _continue(senco)
    senco.get_by_label("Yes, the family agreed to the request").check()
    senco.get_by_label("How was their agreement recorded?").fill("Signed at the review meeting")
    _continue(senco)
    senco.get_by_label("First language at home").fill("English")
    senco.get_by_label("No", exact=True).check()
    _continue(senco)
    senco.get_by_label(re.compile("I agree that the council may share")).check()
    _continue(senco)
    expect(senco.get_by_text("Reading age two years behind")).to_be_visible()
    assert_accessible(senco)
    senco.get_by_role("button", name="Send the request").click()
    expect(senco.locator(".govuk-notification-banner")).to_contain_text("Request sent")
    assert "grace.okafor@example.org" in mail.outbox[-1].to

    parent = signed_in_page(browser_area.users["parent"])
    parent.goto(f"{live_server.url}/requests/")
    sent = OnlineRequest.objects.get(status=Status.SUBMITTED)
    parent.get_by_role("link", name=sent.ref).click()
    _heading(parent, f"Request {sent.ref}")
    expect(parent.get_by_text("Reading age two years behind")).to_be_visible()
    expect(parent.get_by_role("link", name="sen-support-plan.pdf")).to_be_visible()
    assert_accessible(parent)


def test_a_coordinator_matches_a_request_to_a_child_the_council_knows(
    signed_in_page, live_server, browser_area
):
    child = browser_area.child
    sent_on = uk_today() - timedelta(days=10)
    request = OnlineRequestFactory(
        local_authority=child.local_authority,
        requester=browser_area.users["therapist asked to help"],
        requested_by="health",
        status=Status.SUBMITTED,
        submitted_on=sent_on,
        given_name=child.given_name,
        family_name=child.family_name,
        date_of_birth=child.date_of_birth,
        parent_name="Grace Okafor",
        parent_email="grace@example.org",
        family_consent="yes",
        consent_how="Agreed at clinic",
    )
    coordinator = signed_in_page(browser_area.users["coordinator"])
    coordinator.goto(f"{live_server.url}/new-requests/")
    _heading(coordinator, "New requests")
    expect(coordinator.get_by_text("Possible match")).to_be_visible()
    assert_accessible(coordinator)
    coordinator.get_by_role("link", name=request.child_name).click()
    _heading(coordinator, f"Check request {request.ref}")
    assert_accessible(coordinator)
    coordinator.get_by_role("button", name="Record the request").click()
    expect(coordinator.locator(".govuk-error-summary")).to_contain_text("Select the matching child")
    assert_accessible(coordinator)
    coordinator.get_by_label(re.compile("same name and date of birth")).check()
    coordinator.get_by_role("button", name="Record the request").click()
    expect(coordinator.locator(".govuk-notification-banner")).to_contain_text(f"received {sent_on.day} ")
    request.refresh_from_db()
    assert request.assessment.child == child and request.assessment.received_on == sent_on
    coordinator.goto(f"{live_server.url}/new-requests/")
    expect(coordinator.get_by_text("There are no new requests to check.")).to_be_visible()
