"""Given a plan in force with its review meeting held, when the SENCO sends the review report, the
coordinator records the meeting, decides to amend, sends the proposed amendments and issues the
amended plan, then the parent sees each step in plain English, and axe finds no serious or critical
violation on any page."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tellonce.conftest import acting
from tellonce.core.formatting import govuk_date
from tellonce.core.time import uk_today
from tellonce.reviews import services
from tellonce.reviews.tests.builders import plan_in_force
from tellonce.tests.browser.conftest import assert_accessible, fill_date

pytestmark = pytest.mark.browser


def test_a_review_goes_from_the_settings_report_to_the_amended_plan_and_the_parent_follows_it(
    signed_in_page, browser_area, live_server
):
    today = uk_today()
    users = browser_area.users
    plan = plan_in_force(browser_area, issued_on=today - timedelta(days=340), today=today)
    meeting = today - timedelta(days=5)
    review = services.schedule_review(plan, by=acting(users["coordinator"]), meeting_on=meeting, today=today)
    services.record_invitations(
        review,
        by=acting(users["coordinator"]),
        sent_on=meeting - timedelta(days=21),
        expected_version=review.version,
        today=today,
        invitees=[
            {"agency": "education", "name": "Ms Hill", "role": "SENCO"},
            {"agency": "health", "name": "Dr Rao", "role": "Paediatrician"},
        ],
    )
    review_url = f"{live_server.url}/reviews/{review.pk}/"

    parent = signed_in_page(users["parent"])

    def parent_sees(*sentences):
        parent.goto(review_url)
        for sentence in sentences:
            expect(parent.get_by_text(sentence)).to_be_visible()
        assert_accessible(parent)

    parent_sees(f"The review meeting is on {govuk_date(meeting)}.")

    senco = signed_in_page(users["SENCO at the school"])
    senco.get_by_role("link", name="Reviews", exact=True).click()
    expect(senco.get_by_role("heading", level=1)).to_have_text("Reviews of our pupils' plans")
    assert_accessible(senco)
    senco.get_by_role("link", name=re.compile("Send the review report")).click()
    senco.get_by_role("button", name="Send the report").click()
    expect(senco.locator(".govuk-error-summary")).to_contain_text("Enter the child's or young person's views")
    assert_accessible(senco)
    senco.get_by_label("The child's or young person's views").fill("I like my language group.")
    senco.get_by_label("The family's views").fill("He is more confident.")
    senco.get_by_label(re.compile("Progress: Sam will follow")).select_option("on_track")
    senco.get_by_label("Ms Hill (Education) came").check()
    senco.get_by_label("Dr Rao sent advice").check()
    senco.get_by_label("Recommended changes to the plan, and any disagreements").fill(
        "Language group 4 times a week"
    )
    senco.get_by_role("button", name="Send the report").click()
    expect(senco.locator(".govuk-notification-banner")).to_contain_text("Review report sent")
    assert_accessible(senco)

    parent_sees(
        f"The review meeting was held on {govuk_date(meeting)}.",
        f"We will tell you our decision by {govuk_date(meeting + timedelta(weeks=4))}.",
    )

    coordinator = signed_in_page(users["coordinator"])
    coordinator.get_by_role("link", name="Reviews", exact=True).click()
    assert_accessible(coordinator)
    coordinator.get_by_role("link", name=re.compile("Open the review")).click()
    expect(coordinator.get_by_text("Language group 4 times a week")).to_be_visible()
    assert_accessible(coordinator)
    coordinator.get_by_role("link", name="Record the meeting").click()
    expect(coordinator.get_by_label("Ms Hill (Education) came")).to_be_checked()
    coordinator.get_by_role("button", name="Save").click()
    coordinator.get_by_role("link", name="Record the decision").click()
    coordinator.get_by_label("Amend the plan").check()
    fill_date(coordinator, "Date the family was told", meeting - timedelta(days=1))
    coordinator.get_by_role("button", name="Save").click()
    expect(coordinator.locator(".govuk-error-summary")).to_contain_text("is dated before the meeting")
    assert_accessible(coordinator)
    fill_date(coordinator, "Date the family was told", today)
    coordinator.get_by_label("Reasons").fill("The language group should be 4 times a week.")
    coordinator.get_by_role("button", name="Save").click()
    expect(coordinator.locator(".govuk-notification-banner")).to_contain_text("Decision recorded")

    parent_sees(f"On {govuk_date(today)} we decided to amend the plan.")

    coordinator.get_by_role("button", name="Write the proposed amendments").click()
    expect(coordinator.get_by_text("Proposed amendments").first).to_be_visible()
    card = coordinator.locator("#section-F .govuk-summary-card", has_text="Language group")
    card.get_by_role("link", name=re.compile("^Change")).click()
    coordinator.get_by_label("How many times").fill("4")
    coordinator.get_by_role("button", name="Save").click()
    expect(card).to_contain_text("4 times a week")
    coordinator.get_by_role("link", name="Send the proposed amendments to the family").click()
    fill_date(coordinator, "Date it was sent to the family", today)
    coordinator.get_by_role("button", name="Send it").click()
    expect(coordinator.locator(".govuk-notification-banner")).to_contain_text(
        "Proposed amendments sent to the family"
    )
    assert_accessible(coordinator)

    parent_sees(
        f"We sent you the proposed amendments on {govuk_date(today)}. You have until {govuk_date(today + timedelta(days=14))} to comment."
    )
    parent.get_by_role("link", name="The proposed amendments (sent to the family for comments)").click()
    parent.get_by_role("link", name="Tell us you have no more comments").click()
    parent.get_by_role("button", name="Tell the council").click()
    assert_accessible(parent)

    coordinator.reload()
    coordinator.get_by_role("link", name="Start the next version").click()
    coordinator.get_by_label("The amended plan, with any changes").check()
    coordinator.get_by_role("button", name="Start it").click()
    coordinator.get_by_role("link", name="Issue the amended plan").click()
    expect(coordinator.get_by_text("found nothing")).to_be_visible()
    fill_date(coordinator, "Date of issue", today)
    coordinator.get_by_role("button", name="Issue the plan").click()
    expect(coordinator.locator(".govuk-notification-banner")).to_contain_text("Amended plan issued")
    coordinator.goto(review_url)
    expect(coordinator.get_by_role("table", name=re.compile("Each step of the review"))).to_contain_text(
        "Issue the amended plan"
    )
    assert_accessible(coordinator)

    parent_sees(f"We issued the amended plan on {govuk_date(today)}.")
    parent.get_by_role("link", name=re.compile("The amended plan, issued")).click()
    expect(parent.get_by_text("4 times a week")).to_be_visible()
    expect(parent.get_by_text("The last day to appeal is")).to_be_visible()
    assert_accessible(parent)
