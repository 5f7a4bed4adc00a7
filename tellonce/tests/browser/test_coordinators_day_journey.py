"""Given a coordinator with a new request, a draft plan the family has commented on and advice that
is overdue, when they open My work, then each is there with its deadline in plain English; the
manager gives an unallocated child to them; the coordinator records a reply the family gave by
phone and acknowledges several findings with one reason. Every page passes the accessibility scan."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tellonce.assessments import services as case_services
from tellonce.conftest import acting
from tellonce.core.formatting import govuk_date
from tellonce.core.time import uk_today
from tellonce.people.tests.factories import ChildFactory
from tellonce.plans import services as plan_services
from tellonce.plans.tests.builders import started_plan
from tellonce.tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


def test_a_coordinator_works_through_their_day_from_my_work(browser_area, signed_in_page, live_server):
    area, today = browser_area, uk_today()
    coordinator, manager = area.users["coordinator"], area.users["manager"]
    plan, draft = started_plan(area, today=today)
    plan_services.serve(
        draft, by=acting(coordinator), served_on=today, today=today, expected_version=draft.version
    )
    plan_services.comment(
        draft,
        by=acting(area.users["parent"]),
        text="Please add swimming to section F",
        section="F",
        today=today,
    )
    case_services.request_advice(
        plan.assessment,
        by=acting(coordinator),
        service="educational_psychology",
        requested_on=today - timedelta(weeks=7),
    )
    newcomer = ChildFactory(
        local_authority=area.child.local_authority,
        coordinator=coordinator,
        given_name="Ola",
        family_name="Bright",
    )
    case_services.record_request(
        newcomer,
        by=acting(coordinator),
        received_on=today - timedelta(days=3),
        requested_by="setting",
        today=today,
    )
    waiting = ChildFactory(
        local_authority=area.child.local_authority,
        coordinator=None,
        given_name="Jo",
        family_name="Unallocated",
    )
    case_services.record_request(
        waiting, by=acting(manager), received_on=today - timedelta(days=1), requested_by="parent", today=today
    )

    page = signed_in_page(coordinator)
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    expect(page.get_by_role("link", name=re.compile(r"^My work \(\d+\)$"))).to_be_visible()
    new_requests = page.get_by_role("table", name=re.compile("New requests"))
    expect(new_requests).to_contain_text("Ola Bright")
    expect(new_requests).to_contain_text(govuk_date(today - timedelta(days=3) + timedelta(weeks=6)))
    expect(page.get_by_role("table", name=re.compile("Family comments"))).to_contain_text(
        area.child.full_name
    )
    expect(page.get_by_role("table", name=re.compile("Advice overdue"))).to_contain_text("Overdue")
    expect(page.get_by_text("Jo Unallocated")).to_have_count(0)
    assert_accessible(page)

    boss = signed_in_page(manager)
    boss.goto(f"{live_server.url}/my-work/")
    boss.get_by_role("link", name=re.compile("1 child has open work and no coordinator")).click()
    expect(boss.get_by_role("heading", level=1)).to_have_text("Children without a coordinator")
    boss.get_by_role("button", name="Allocate").click()
    expect(boss.locator(".govuk-error-summary")).to_contain_text("Choose at least one child")
    assert_accessible(boss)
    boss.get_by_label("Jo Unallocated").check()
    boss.get_by_label("Give them to").select_option(value=str(coordinator.pk))
    boss.get_by_role("button", name="Allocate").click()
    expect(boss.locator(".govuk-notification-banner")).to_contain_text("Their families have been told")
    expect(
        boss.get_by_text("Every child with an open assessment or a plan has a coordinator")
    ).to_be_visible()
    assert_accessible(boss)

    page.reload()
    expect(page.get_by_role("table", name=re.compile("New requests"))).to_contain_text("Jo Unallocated")

    page.goto(f"{live_server.url}/plans/{plan.pk}/versions/{draft.number}/")
    page.get_by_role("link", name="Record what the family said by phone, letter or email").click()
    page.get_by_label("By phone").check()
    page.get_by_label("What the family said").fill("Dad rang: happy with the rest of the plan")
    page.get_by_label("They said they have finished commenting").check()
    assert_accessible(page)
    page.get_by_role("button", name="Record it").click()
    expect(page.get_by_text(re.compile("by phone \\(recorded by"))).to_be_visible()

    page.get_by_role("link", name="Start the next version").click()
    page.get_by_label("The final plan, with any changes").check()
    page.get_by_role("button", name="Start it").click()
    page.get_by_role("link", name="Acknowledge several findings with one reason").click()
    boxes = page.locator("input[name=findings]")
    assert boxes.count() >= 2
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.get_by_label("Why they can be left as they are").fill("Agreed with the family at the meeting")
    assert_accessible(page)
    page.get_by_role("button", name="Acknowledge").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("2 findings acknowledged")
    assert_accessible(page)
