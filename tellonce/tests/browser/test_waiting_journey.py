"""Given a health manager, when they import a provider's extract, review a long waiter and record
the support offered, then the parent sees their child's wait and the support; axe finds nothing serious."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tellonce.core.time import uk_today
from tellonce.tests.browser.conftest import assert_accessible
from tellonce.waiting_lists.models import WaitingService

pytestmark = pytest.mark.browser


def test_a_long_wait_is_imported_reviewed_and_supported_and_the_parent_sees_it(
    signed_in_page, browser_area, live_server, tmp_path
):
    users, child = browser_area.users, browser_area.child
    child.nhs_number = "9434765919"
    child.save()
    WaitingService.objects.create(
        local_authority=child.local_authority,
        code="slt",
        name="Speech and language therapy",
        provider=users["therapist asked to help"].team.provider,
        kind=users["therapist asked to help"].team.service,
        clock_event="treatment",
        clock_weeks=18,
        clock_source="NHS referral to treatment, 18 weeks",
        review_after_weeks=12,
    )
    referred = uk_today() - timedelta(weeks=30)
    extract = tmp_path / "extract.csv"
    extract.write_text(
        "provider_ref,nhs_number,referred,accepted,first_contact,assessment,treatment,discharged\n"
        f"SLT001,9434765919,{referred.isoformat()},yes,,,,\n"
    )

    manager = signed_in_page(users["therapist asked to help"])
    manager.get_by_role("link", name="Waiting lists").click()
    assert_accessible(manager)
    manager.get_by_role("link", name="Speech and language therapy").click()
    manager.get_by_label("Provider's extract (CSV)").set_input_files(str(extract))
    manager.get_by_role("button", name="Import").click()
    # The worker reads the extract (in tests, at once); the file's page says what it did.
    expect(manager.locator("#main-content")).to_contain_text("1 new referrals", timeout=15_000)
    assert_accessible(manager)
    manager.get_by_role("link", name="Back", exact=True).click()
    manager.get_by_role("link", name="Long waits to review").click()
    expect(manager.get_by_text("Overdue", exact=True)).to_be_visible()
    assert_accessible(manager)
    manager.get_by_role("link", name=child.full_name).click()
    manager.get_by_label("The child's need has been re-checked").check()
    manager.get_by_label("Medium").check()
    manager.get_by_role("button", name="Record the review").click()
    manager.get_by_label("A group or workshop").check()
    manager.get_by_label("Details (optional)").fill("Talking together group, Saturday mornings")
    manager.get_by_role("button", name="Record the support").click()
    expect(manager.get_by_text("Talking together group")).to_be_visible()
    assert_accessible(manager)

    parent = signed_in_page(users["parent"])
    parent.goto(f"{live_server.url}/children/{child.pk}/")
    parent.get_by_role("link", name="Speech and language therapy").click()
    expect(parent.get_by_text("Waiting 30 weeks: 1 of 1 children on the list")).to_be_visible()
    expect(parent.get_by_text("Talking together group, Saturday mornings")).to_be_visible()
    assert_accessible(parent)
