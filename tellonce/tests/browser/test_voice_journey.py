"""Given a parent invited to a survey, when they answer it, staff enter a paper survey, and an
officer logs feedback, records the action and publishes it, then the public page shows it; every
page passes the accessibility scan."""

import pytest
from playwright.sync_api import expect

from tellonce.core.time import uk_today
from tellonce.feedback.models import Invitation, Question, Survey
from tellonce.tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


def test_families_are_heard_and_told_what_changed(signed_in_page, browser, browser_area, live_server):
    users, today = browser_area.users, uk_today()
    survey = Survey.objects.create(
        local_authority=browser_area.child.local_authority,
        title="Your experience of the assessment",
        trigger="after_final_plan",
    )
    Question.objects.create(survey=survey, order=1, text="I felt involved and able to give my views")
    Invitation.objects.create(
        survey=survey,
        child=browser_area.child,
        invited=users["parent"],
        sent_on=today,
        reason="After the final EHC plan",
    )

    parent = signed_in_page(users["parent"])
    parent.get_by_role("link", name="Surveys").click()
    assert_accessible(parent)
    parent.get_by_role("link", name="Your experience of the assessment").click()
    parent.get_by_label("Agree", exact=True).check()
    assert_accessible(parent)
    parent.get_by_role("button", name="Send answers").click()
    expect(parent.locator(".govuk-notification-banner")).to_contain_text("Thank you")

    officer = signed_in_page(users["quality lead"])
    officer.goto(f"{live_server.url}/surveys/{survey.pk}/paper/")
    officer.get_by_label("Paper form").check()
    officer.get_by_label("Strongly agree").check()
    assert_accessible(officer)
    officer.get_by_role("button", name="Enter the answers").click()
    expect(officer.get_by_text("2 sets of answers in all")).to_be_visible()
    expect(officer.get_by_role("table").first).to_contain_text("100% (2 of 2)")
    assert_accessible(officer)

    officer.get_by_role("link", name="Feedback log").click()
    officer.get_by_role("button", name="Log feedback").click()
    group = officer.get_by_role("group", name="Date it was raised")
    group.get_by_label("Day").fill(str(today.day))
    group.get_by_label("Month").fill(str(today.month))
    group.get_by_label("Year").fill(str(today.year))
    officer.get_by_label("How it was raised").select_option("meeting")
    officer.get_by_label("Service it concerns").fill("Transport")
    officer.get_by_label("What the family said").fill("The taxi was late every day")
    officer.get_by_role("button", name="Log it").click()
    officer.get_by_label("Closed").check()
    officer.get_by_label("Actions taken").fill("Met the taxi firm")
    officer.get_by_label("Outcome").fill("New contract terms")
    officer.get_by_role("button", name="Save").click()
    assert_accessible(officer)
    officer.get_by_role("link", name="Publish on You said, we did").click()
    officer.get_by_label("You said").fill("School taxis were often late.")
    officer.get_by_label("We did").fill("Taxi firms now lose the contract after three late runs.")
    officer.get_by_role("button", name="Publish").click()

    public = browser.new_context().new_page()
    public.goto(f"{live_server.url}/you-said-we-did/")
    expect(public.get_by_text("Taxi firms now lose the contract after three late runs.")).to_be_visible()
    assert_accessible(public)
    officer.goto(f"{live_server.url}/voice/whose-voice/")
    assert_accessible(officer)
