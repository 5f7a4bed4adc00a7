"""Given a plan the council decided to cease, when a coordinator records the family's mediation
certificate and then their appeal, then the plan is shown staying in force a month after the
certificate, and then for as long as the appeal is heard; every page passes the accessibility scan."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tellonce.appeals.tests.builders import decided_ceasing
from tellonce.core.formatting import govuk_date
from tellonce.core.time import uk_today, working_days
from tellonce.domain import ceasing as ceasing_rules
from tellonce.reviews.tests.builders import plan_in_force
from tellonce.tests.browser.conftest import assert_accessible, fill_date

pytestmark = pytest.mark.browser


def test_a_mediation_certificate_and_an_appeal_keep_a_ceasing_plan_in_force_for_the_right_period(
    signed_in_page, browser_area, live_server
):
    today = uk_today()
    notice = today - timedelta(days=55)
    plan = plan_in_force(browser_area, issued_on=today - timedelta(days=400), today=today)
    ceasing = decided_ceasing(
        browser_area, plan, notice_on=notice, ceases_on=notice + timedelta(days=14), today=today
    )
    calendar = working_days()
    before = ceasing_rules.in_force_until(ceasing.facts(), calendar)

    def until_with(certified):
        facts = ceasing_rules.CeasingFacts(
            notice_sent=notice, ceases_on=ceasing.ceases_on, mediation_certificate_on=certified
        )
        return ceasing_rules.in_force_until(facts, calendar)

    # A recent certificate whose month ends after the 2 months from the notice (August and
    # Christmas can move both to one day, whatever day the story runs).
    certified = next(
        today - timedelta(days=n) for n in range(1, 30) if until_with(today - timedelta(days=n)) > before
    )
    after = until_with(certified)
    coordinator = signed_in_page(browser_area.users["coordinator"])
    reviews_page = f"{live_server.url}/plans/{plan.pk}/reviews/"

    coordinator.goto(reviews_page)
    expect(coordinator.get_by_text(f"The plan stops on {govuk_date(before)}.")).to_be_visible()
    coordinator.get_by_role("link", name="Mediation and appeals").click()
    expect(coordinator.get_by_text("No mediation has been recorded.")).to_be_visible()
    assert_accessible(coordinator)

    coordinator.get_by_role("link", name="Record mediation").click()
    coordinator.get_by_label("A decision to stop the plan").check()
    coordinator.get_by_label("Which record is the decision in?").select_option(
        label=f"Decision to cease {plan.ref}, notice sent {govuk_date(notice)}"
    )
    fill_date(coordinator, "Date the decision notice was sent", notice)
    fill_date(coordinator, "Date the family contacted the mediation adviser", notice + timedelta(days=5))
    assert_accessible(coordinator)
    coordinator.get_by_role("button", name="Save").click()
    expect(coordinator.get_by_text("Mediation recorded")).to_be_visible()

    coordinator.get_by_role("link", name="Record the certificate or the outcome").click()
    coordinator.get_by_label("Mediation was held").check()
    fill_date(coordinator, "Date the certificate was issued", certified)
    fill_date(coordinator, "Date mediation was held", certified - timedelta(days=2))
    coordinator.get_by_label("No agreement").check()
    assert_accessible(coordinator)
    coordinator.get_by_role("button", name="Save").click()
    expect(coordinator.get_by_text("Mediation updated")).to_be_visible()
    expect(coordinator.get_by_role("row", name="Register an appeal")).to_contain_text(
        f"You have until {govuk_date(after)}"
    )
    assert_accessible(coordinator)

    coordinator.goto(reviews_page)
    expect(coordinator.get_by_text(f"The plan stops on {govuk_date(after)}.")).to_be_visible()
    expect(coordinator.get_by_role("definition").filter(has_text=govuk_date(certified))).to_be_visible()

    coordinator.get_by_role("link", name="Mediation and appeals").click()
    coordinator.get_by_role("link", name="Record an appeal to the SEND Tribunal").click()
    coordinator.get_by_label("A decision to stop the plan").check()
    coordinator.get_by_label("Which record is the decision in?").select_option(
        label=f"Decision to cease {plan.ref}, notice sent {govuk_date(notice)}"
    )
    fill_date(coordinator, "Date the decision notice was sent", notice)
    fill_date(coordinator, "Date the Tribunal registered the appeal", today)
    fill_date(coordinator, "Date the council's response is due", today + timedelta(days=42))
    coordinator.get_by_label("The Tribunal's reference").fill("EH881/26/00042")
    coordinator.get_by_role("button", name="Save").click()
    expect(coordinator.get_by_text("Appeal recorded")).to_be_visible()
    coordinator.get_by_role("link", name="A decision to stop the plan", exact=True).click()
    expect(
        coordinator.get_by_text(f"Send the council's response: due {govuk_date(today + timedelta(days=42))}")
    ).to_be_visible()
    assert_accessible(coordinator)

    coordinator.goto(reviews_page)
    expect(coordinator.get_by_text("It stays in force: no notice yet, or an appeal is open")).to_be_visible()
    expect(coordinator.get_by_text("The plan stops on")).to_have_count(0)
    assert_accessible(coordinator)
