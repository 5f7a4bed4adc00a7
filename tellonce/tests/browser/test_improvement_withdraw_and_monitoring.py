"""Given a plan with two actions in its first priority and a monitoring inspection imported since,
when the SEND manager withdraws one action as merged into the other (after first forgetting to say
why) and matches the monitoring inspection's findings to the plan's priorities, then the withdrawn
action is marked on its priority, the findings are in the priorities' history, and every page
passes the accessibility scan."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tellonce.conftest import acting
from tellonce.core.time import uk_today
from tellonce.improvement import services
from tellonce.improvement.importing import details_from_json, extract, rows_from_json
from tellonce.improvement.models import Action, PriorityFinding
from tellonce.improvement.tests.conftest import FIXTURES
from tellonce.tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


def _plan(manager, owner):
    found = extract((FIXTURES / "kent-2019.txt").read_bytes(), filename="kent-2019.txt")
    inspection = services.save_inspection(
        by=acting(manager),
        local_authority=manager.local_authority,
        details=details_from_json(found),
        findings=rows_from_json(found),
        extracted=found,
        source_name="kent-2019.txt",
    )
    plan = services.create_plan(inspection, by=acting(manager))
    first = plan.priorities.get(number=1)
    for text in ("Hold a listening event for parents in each district", "Run listening events twice a year"):
        services.add_action(
            first,
            by=acting(manager),
            text=text,
            owner=owner,
            partner_agency="",
            due_on=uk_today() + timedelta(days=30),
        )
    return plan


def _monitoring(manager, plan):
    texts = [plan.priorities.get(number=8).title, "Transition to adult social care is poorly planned"]
    return services.save_inspection(
        by=acting(manager),
        local_authority=manager.local_authority,
        details={
            "area": "Kent",
            "framework": "2016",
            "kind": "monitoring",
            "outcome": "insufficient_progress",
            "written_statement_required": None,
            "letter_date": date(2026, 10, 1),
            "inspection_start": None,
            "inspection_end": None,
        },
        findings=[
            {
                "kind": "significant_weakness",
                "heading": "",
                "text": t,
                "responsible": "",
                "sufficient_progress": None,
            }
            for t in texts
        ],
        extracted={},
        source_name="kent-monitoring.txt",
    )


def test_a_manager_withdraws_a_duplicate_action_and_matches_a_monitoring_visit_to_the_plan(
    signed_in_page, browser_area, live_server
):
    users = browser_area.users
    plan = _plan(users["manager"], users["therapist asked to help"])
    twin = Action.objects.get(text="Run listening events twice a year")
    manager = signed_in_page(users["manager"])

    manager.goto(f"{live_server.url}/improvement/actions/{twin.pk}/")
    manager.get_by_role("link", name="Withdraw the action").click()
    assert_accessible(manager)
    manager.get_by_role("button", name="Withdraw the action").click()
    expect(manager.locator(".govuk-error-summary")).to_contain_text(
        "Choose why the action is being withdrawn"
    )
    assert_accessible(manager)
    manager.get_by_label("Merged into another action").check()
    manager.get_by_label("The action it has been merged into (if merged)").select_option(
        label="Area 1: Hold a listening event for parents in each district"
    )
    manager.get_by_label("Note (optional)").fill("One programme of events")
    manager.get_by_role("button", name="Withdraw the action").click()
    expect(manager.locator(".govuk-notification-banner")).to_contain_text("Action withdrawn")
    expect(manager.get_by_role("cell", name="Withdrawn on")).to_contain_text(
        "merged into “Hold a listening event"
    )
    assert_accessible(manager)

    inspection = _monitoring(users["manager"], plan)
    manager.goto(f"{live_server.url}/improvement/inspections/{inspection.pk}/")
    manager.get_by_role("link", name="Match the findings to the plan").click()
    expect(manager.get_by_text("Suggested: area 8")).to_be_visible()
    assert_accessible(manager)
    manager.get_by_role("button", name="Save the findings to the plan").click()
    expect(manager.locator(".govuk-notification-banner")).to_contain_text("The plan has been updated")
    assert_accessible(manager)
    assert PriorityFinding.objects.get().priority.number == 8
    assert plan.priorities.count() == 10
