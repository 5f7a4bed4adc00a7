"""Given a council with decided requests and the published figures, when the analyst sets a target
and chooses a neighbour, then the board member's start page is the dashboard with the figures, the
target and the comparison and no child's name, the manager drills down from a month to the
children behind it, and every page passes the accessibility scan."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tellonce.assessments.models import AssessmentRequest
from tellonce.core.time import uk_today
from tellonce.tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


def test_the_board_reads_the_dashboard_and_staff_drill_down_to_the_children(
    signed_in_page, browser_area, live_server
):
    call_command("load-published-figures", stdout=io.StringIO())
    decided = uk_today().replace(day=1) - timedelta(days=20)
    for ref, child, weeks in (("B1", browser_area.child, 4), ("B2", browser_area.other_child, 9)):
        AssessmentRequest.objects.create(
            ref=ref,
            child=child,
            requested_by="parent",
            received_on=decided - timedelta(weeks=weeks),
            decision="assess",
            decision_notified_on=decided,
        )

    analyst = signed_in_page(browser_area.users["analyst"])
    analyst.goto(f"{live_server.url}/partnership/targets/")
    analyst.locator("#id_requests_decided_in_6_weeks-percent").fill("90")
    analyst.get_by_role("button", name="Save the target for Requests decided within 6 weeks").click()
    expect(analyst.get_by_text("Target saved for Requests decided within 6 weeks")).to_be_visible()
    assert_accessible(analyst)
    analyst.goto(f"{live_server.url}/partnership/neighbours/")
    analyst.get_by_label("Council to add").select_option("314")
    analyst.get_by_role("button", name="Add").click()
    expect(analyst.get_by_role("table")).to_contain_text("Kingston upon Thames")
    assert_accessible(analyst)

    board = signed_in_page(browser_area.users["board member"])
    expect(board.get_by_role("heading", level=1)).to_have_text("Partnership dashboard")
    section = board.locator("#requests_decided_in_6_weeks")
    expect(section).to_contain_text("50.0% (1 of 2)")
    expect(section).to_contain_text("90.0%: target not met over the last 12 months")
    expect(section).to_contain_text("Statistical neighbours (1)")
    expect(section.get_by_role("img", name="Line chart of requests decided within 6 weeks")).to_be_visible()
    assert browser_area.child.full_name not in board.content()
    assert_accessible(board)

    manager = signed_in_page(browser_area.users["manager"])
    manager.goto(f"{live_server.url}/partnership/")
    manager.locator("#requests_decided_in_6_weeks .govuk-details__summary").click()
    month = decided.strftime("%B %Y")
    manager.locator("#requests_decided_in_6_weeks").get_by_role("link", name=month).click()
    expect(manager.get_by_role("table")).to_contain_text(browser_area.child.full_name)
    expect(manager.get_by_role("table")).to_contain_text(browser_area.other_child.full_name)
    assert_accessible(manager)
