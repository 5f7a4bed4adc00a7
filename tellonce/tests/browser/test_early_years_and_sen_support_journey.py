"""Notifications from health and SEN support, in the browser, with axe on every page type:
(a) given a health visitor, when she notifies the council about a toddler without saying she named
the information, advice and support service, she is told why, then notifies; (b) the early-years
officer sees it in the list, links it to the child the council knows, acknowledges, allocates,
records the first contact and the outcome, and the board sees it in the figures; (c) a SENCO records
a cycle of SEN support for a pupil, reviews it, and attaches it to a request for assessment."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tellonce.accounts.tests.factories import UserFactory
from tellonce.core.time import uk_today
from tellonce.early_years.models import Notification
from tellonce.front_door.models import OnlineRequest, SupportCycle
from tellonce.people.tests.factories import ChildFactory
from tellonce.sen_support.models import Cycle
from tellonce.tests.browser.conftest import assert_accessible, fill_date

pytestmark = pytest.mark.browser


def _heading(page, text):
    expect(page.get_by_role("heading", level=1)).to_contain_text(text)


def given_a_health_visitor_and_a_toddler_the_council_knows(area):
    la = area.child.local_authority
    visitor = UserFactory(role="health_visitor", local_authority=la, job_title="Health visitor")
    born = uk_today() - timedelta(days=2 * 365 + 100)
    toddler = ChildFactory(
        local_authority=la, given_name="Ava", family_name="Okonjo", date_of_birth=born, sen_status="NONE"
    )
    return visitor, toddler


def when_she_notifies_the_council(page, live_server, toddler):
    page.goto(f"{live_server.url}/notifications-from-health/")
    assert_accessible(page)
    page.get_by_role("button", name="Notify the council about a child").click()
    _heading(page, "Tell the council about a young child who may have SEND")
    assert_accessible(page)
    page.get_by_label("Child's first name").fill(toddler.given_name)
    page.get_by_label("Child's last name").fill(toddler.family_name)
    fill_date(page, "Date of birth", toddler.date_of_birth)
    page.get_by_label("Postcode").fill("NB1 2AB")
    page.get_by_label("Why do you think").fill("Not yet using words at the 2 to 2½ year review")
    page.get_by_label("Parent or carer's name").fill("Ruth Okonjo")
    fill_date(page, "Date you told the parent or carer", uk_today())
    page.get_by_role("button", name="Notify the council").click()


def test_a_health_visitor_notifies_and_the_early_years_officer_acts_on_it(
    page, sign_in, signed_in_page, live_server, browser_area
):
    visitor, toddler = given_a_health_visitor_and_a_toddler_the_council_knows(browser_area)
    sign_in(visitor)
    when_she_notifies_the_council(page, live_server, toddler)
    expect(page.locator(".govuk-error-summary")).to_contain_text("information, advice and support service")
    assert_accessible(page)
    page.get_by_label("I told the parent or carer about the SEND information").check()
    page.get_by_role("button", name="Notify the council").click()
    _heading(page, "Notification HN-")
    assert_accessible(page)
    made = Notification.objects.get()

    officer = signed_in_page(browser_area.users["coordinator"])
    officer.goto(f"{live_server.url}/notifications-from-health/")
    assert_accessible(officer)
    officer.get_by_role("link", name="Ava Okonjo").click()
    expect(officer.get_by_text("1 possible match")).to_be_visible()
    officer.get_by_role("link", name="Link to the child's record").click()
    assert_accessible(officer)
    officer.get_by_label("Ava Okonjo", exact=False).check()
    officer.get_by_role("button", name="Link").click()
    officer.get_by_role("link", name="Acknowledge the notification").click()
    fill_date(officer, "Date acknowledged", uk_today())
    officer.get_by_role("button", name="Acknowledge").click()
    officer.get_by_role("link", name="Allocate an officer").click()
    officer.get_by_label("Officer").select_option(label=str(browser_area.users["coordinator"]))
    officer.get_by_role("button", name="Allocate").click()
    officer.get_by_role("link", name="Record the first contact with the family").click()
    fill_date(officer, "Date of the first contact with the family", uk_today())
    officer.get_by_label("What was offered to the family").fill("Home visit; Portage")
    officer.get_by_role("button", name="Save").click()
    officer.get_by_role("link", name="Record the outcome").click()
    assert_accessible(officer)
    officer.get_by_label("Help from the early years SEND service").check()
    fill_date(officer, "Date of the outcome", uk_today())
    officer.get_by_role("button", name="Save the outcome").click()
    expect(officer.locator("main .govuk-tag").first).to_have_text("Closed")
    made.refresh_from_db()
    assert made.child == toddler and made.outcome == "early_years_service"

    board = signed_in_page(browser_area.users["board member"])
    board.goto(f"{live_server.url}/notifications-from-health/figures/")
    assert_accessible(board)
    expect(board.get_by_text("Acknowledged within 5 working days")).to_be_visible()


def test_a_senco_records_a_cycle_and_attaches_it_to_a_request_for_assessment(
    page, sign_in, live_server, browser_area
):
    pupil = browser_area.child
    sign_in(browser_area.users["SENCO at the school"])
    page.goto(f"{live_server.url}/sen-support/")
    assert_accessible(page)
    page.get_by_role("link", name=pupil.full_name).click()
    assert_accessible(page)
    page.get_by_role("button", name="Record a cycle of SEN support").click()
    fill_date(page, "Date the cycle started", uk_today() - timedelta(days=70))
    page.get_by_label("Assess").fill("Speech screen: understanding below expected")
    page.get_by_label("Plan").fill("Follow two-step instructions in class")
    page.get_by_label("Do:").fill("Language group three times a week")
    page.get_by_label("Provision, with the hours").fill("Talk Boost, 3 x 30 minutes a week")
    page.get_by_label("Cost for the cycle").fill("-5")
    fill_date(page, "Review by", uk_today() - timedelta(days=1))
    page.get_by_role("button", name="Save the cycle").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Cost cannot be less than £0")
    assert_accessible(page)
    page.get_by_label("Cost for the cycle").fill("450")
    page.get_by_role("button", name="Save the cycle").click()
    _heading(page, "SEN support from")
    assert_accessible(page)
    page.get_by_role("button", name="Record the review").click()
    fill_date(page, "Date of the review", uk_today())
    page.get_by_label("Review: what progress").fill("Some progress, but still well below")
    page.get_by_label("Ask the council for an EHC needs assessment").check()
    page.get_by_role("button", name="Save the review").click()
    cycle = Cycle.objects.get()
    assert cycle.outcome == "assessment"

    page.goto(f"{live_server.url}/requests/")
    page.get_by_role("button", name="Ask for an assessment").click()
    page.get_by_role("button", name="Start now").click()
    page.get_by_label(pupil.full_name, exact=False).check()
    page.get_by_role("button", name="Continue").click()
    draft = OnlineRequest.objects.get()
    page.goto(f"{live_server.url}/requests/{draft.pk}/cycles/")
    expect(page.get_by_text("Cycles the school has recorded")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Attach this cycle").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("is attached")
    attached = SupportCycle.objects.get()
    assert attached.recorded_cycle == cycle and attached.provision == "Talk Boost, 3 x 30 minutes a week"
