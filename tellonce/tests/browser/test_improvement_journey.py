"""Given a SEND manager with the inspection report as Ofsted published it, when they upload it,
correct one finding, save it, make the plan, add an action, record progress and a rating and
export the impact report, then the board sees the ratings and the overdue actions, and the
action's owner updates it; every page passes the accessibility scan."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tellonce.core.time import uk_today
from tellonce.improvement.models import Action, Finding, Inspection
from tellonce.tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser
REPORT = Path(__file__).parents[2] / "improvement" / "tests" / "fixtures" / "oldham-2023-framework.pdf"


def test_an_inspection_report_becomes_a_plan_that_the_board_follows(
    signed_in_page, browser_area, live_server
):
    users, today = browser_area.users, uk_today()
    manager = signed_in_page(users["manager"])

    manager.get_by_role("link", name="Improvement plan").click()
    assert_accessible(manager)
    manager.get_by_role("button", name="Import an inspection report").click()
    assert_accessible(manager)
    manager.get_by_role("button", name="Read the report").click()
    expect(manager.locator(".govuk-error-summary")).to_contain_text("Choose the report to import")
    assert_accessible(manager)
    manager.get_by_label("Inspection report or letter").set_input_files(REPORT)
    manager.get_by_role("button", name="Read the report").click()

    expect(manager.get_by_role("heading", name="Check what was found")).to_be_visible()
    expect(manager.get_by_label("Local area")).to_have_value("Oldham")
    expect(manager.get_by_label("Outcome")).to_have_value("widespread_failings")
    assert Inspection.objects.count() == 0
    assert_accessible(manager)
    manager.locator("#id_finding-0-responsible").fill("NHS Greater Manchester ICB")
    manager.get_by_role("button", name="Save the inspection").click()

    expect(manager.locator(".govuk-notification-banner")).to_contain_text("The inspection has been saved")
    assert (
        Finding.objects.filter(responsible="NHS Greater Manchester ICB", kind="priority_action").count() == 1
    )
    assert_accessible(manager)
    manager.get_by_role("button", name="Make the improvement plan").click()
    expect(manager.locator(".govuk-notification-banner")).to_contain_text("Plan made with 5 priorities")
    assert_accessible(manager)

    manager.get_by_role("link", name="Area 1").click()
    assert_accessible(manager)
    manager.get_by_role("link", name="Add an action").click()
    manager.get_by_label("Action", exact=True).fill("Agree a joint SEND governance board")
    manager.get_by_label("Owner").select_option(str(users["therapist asked to help"].pk))
    manager.get_by_label("Partner agency (optional)").fill("NHS Greater Manchester ICB")
    due = manager.get_by_role("group", name="Due date")
    due.get_by_label("Day").fill("1")
    due.get_by_label("Month").fill("1")
    due.get_by_label("Year").fill(str(today.year - 1))
    assert_accessible(manager)
    manager.get_by_role("button", name="Add the action").click()
    expect(manager.locator(".govuk-notification-banner")).to_contain_text("Action added")

    manager.get_by_role("link", name="Record progress, impact, a worry or a next step").click()
    manager.get_by_label("Progress", exact=True).check()
    manager.get_by_label("Details").fill("Terms of reference agreed by both leaders")
    assert_accessible(manager)
    manager.get_by_role("button", name="Record it").click()
    manager.get_by_role("link", name="Rate this priority").click()
    manager.get_by_label("Amber").check()
    manager.get_by_label("Why").fill("Governance agreed, not yet working")
    manager.get_by_role("button", name="Record the rating").click()
    manager.get_by_role("link", name="Cite a live measure").click()
    manager.get_by_label("Measure").select_option("advice.health_within_6_weeks")
    manager.get_by_role("button", name="Add the measure").click()
    expect(manager.get_by_text("Terms of reference agreed by both leaders")).to_be_visible()
    expect(manager.get_by_text("Health advice returned within 6 weeks")).to_be_visible()
    assert_accessible(manager)

    manager.get_by_role("link", name="Back", exact=True).click()
    manager.get_by_role("link", name="Impact report").click()
    expect(manager.get_by_text("Terms of reference agreed by both leaders")).to_be_visible()
    assert_accessible(manager)
    manager.get_by_role("button", name="Prepare as Word (.docx)").click()
    expect(manager.get_by_role("heading", name="Your file is ready")).to_be_visible()
    with manager.expect_download() as word:
        manager.get_by_role("button", name="Download the file").click()
    assert word.value.suggested_filename == f"impact-report-{today.isoformat()}.docx"
    manager.go_back()
    manager.get_by_role("button", name="Prepare as PDF").click()
    expect(manager.get_by_role("heading", name="Your file is ready")).to_be_visible()
    with manager.expect_download() as pdf:
        manager.get_by_role("button", name="Download the file").click()
    assert Path(pdf.value.path()).read_bytes()[:5] == b"%PDF-"

    board = signed_in_page(users["board member"])
    board.get_by_role("link", name="Improvement plan").click()
    board.get_by_role("link", name="Priority action plan: Oldham").click()
    expect(board.get_by_role("heading", name="Overdue actions (1)")).to_be_visible()
    expect(board.get_by_role("table").first).to_contain_text("Amber")
    expect(board.get_by_role("link", name="Make the improvement plan")).to_have_count(0)
    assert_accessible(board)

    owner = signed_in_page(users["therapist asked to help"])
    owner.get_by_role("link", name="My actions").click()
    assert_accessible(owner)
    owner.get_by_role("link", name="Agree a joint SEND governance board").click()
    owner.get_by_label("Complete").check()
    owner.get_by_label("What has happened (optional)").fill("The board met for the first time")
    assert_accessible(owner)
    owner.get_by_role("button", name="Save").click()
    expect(owner.locator(".govuk-notification-banner")).to_contain_text("Action updated")
    assert Action.objects.get().status == "complete"
