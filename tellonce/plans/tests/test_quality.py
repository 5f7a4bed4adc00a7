"""The area's plan quality: counts of each finding over the plans in force, kept up to date when a
plan changes and every night by `tellonce check-plans` when something around a plan changes."""

from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from tellonce.accounts.tests.factories import UserFactory
from tellonce.conftest import acting
from tellonce.domain.plan_quality import Check
from tellonce.people.models import Child
from tellonce.plans import services
from tellonce.plans.models import PlanVersion, VersionFinding
from tellonce.plans.tests.builders import TODAY, plan_in_force


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def issued(area):
    return plan_in_force(area)


def _row(page: str, title: str) -> str:
    start = page.index(title)
    return page[start : page.index("</tr>", start)]


def test_the_overview_counts_only_the_plan_in_force_and_lists_the_plans_with_a_finding(client, area, issued):
    client.force_login(area.users["quality lead"])
    page = client.get("/plans/quality/").content.decode()
    assert "The automatic checks over the 1 plans in force. 1 have no finding." in page
    assert PlanVersion.objects.get(plan=issued, number=1).finding_codes  # the draft had findings
    Child.objects.filter(pk=area.child.pk).update(looked_after=True)
    page = client.get("/plans/quality/").content.decode()
    assert "1 have no finding" in page  # not yet re-checked
    out = StringIO()
    call_command("check-plans", stdout=out)
    assert "Checked 2 plan versions" in out.getvalue()  # the plan in force and the draft sent before it
    page = client.get("/plans/quality/", {"check": Check.SOCIAL_CARE_NEEDS_MISSING}).content.decode()
    assert "0 have no finding" in page
    assert ">1<" in _row(page, "Section D is blank for a child known to social care").replace(" ", "")
    assert issued.ref in page and area.child.full_name in page


def test_changing_a_plan_rechecks_it_at_once(client, area, issued):
    coordinator = area.users["coordinator"]
    services.set_officers(
        issued,
        named_officer=None,
        coordinator=coordinator,
        by=acting(coordinator),
        expected_version=issued.version,
    )
    final = PlanVersion.objects.get(plan=issued, number=2)
    assert final.finding_codes == [Check.NO_NAMED_OFFICER] and final.findings_checked_on == TODAY
    assert list(final.found.values_list("code", flat=True)) == [Check.NO_NAMED_OFFICER]
    issued.refresh_from_db()
    services.set_officers(
        issued,
        named_officer=coordinator,
        coordinator=coordinator,
        by=acting(coordinator),
        expected_version=issued.version,
    )
    final.refresh_from_db()
    assert final.finding_codes == [] and not final.found.exists()  # the row went with the finding


def test_every_service_that_checks_a_version_keeps_its_rows_with_its_list(area, issued):
    """Drafts started, sent and issued, and the next version prepared, each through the services."""
    for version in PlanVersion.objects.filter(plan__child=area.child):
        assert set(version.found.values_list("code", flat=True)) == set(version.finding_codes)
    assert VersionFinding.objects.exists()


def test_an_unknown_check_is_not_found(client, area, issued):
    client.force_login(area.users["quality lead"])
    assert client.get("/plans/quality/", {"check": "nonsense"}).status_code == 404


def test_the_board_and_the_dco_see_the_areas_counts_but_only_the_children_they_may_read(client, area, issued):
    """Oversight of plan quality is area-wide; naming a child needs the right to read their plan."""
    Child.objects.filter(pk=area.child.pk).update(looked_after=True)
    call_command("check-plans", stdout=StringIO())
    dco = UserFactory(role="dco", local_authority=area.child.local_authority)
    for user in (area.users["board member"], dco):
        client.force_login(user)
        page = client.get("/plans/quality/", {"check": Check.SOCIAL_CARE_NEEDS_MISSING}).content.decode()
        assert "The automatic checks over the 1 plans in force." in page, user.role
        assert ">1<" in _row(page, "Section D is blank for a child known to social care").replace(" ", "")
        assert area.child.full_name not in page and issued.ref not in page
    client.force_login(area.users["therapist asked to help"])
    assert client.get("/plans/quality/").status_code == 403
