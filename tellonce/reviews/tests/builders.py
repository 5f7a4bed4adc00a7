"""A plan in force with outcomes, reviewed through the services, for the reviews tests."""

from datetime import date

from tellonce.plans import services as plan_services
from tellonce.plans.models import Kind
from tellonce.plans.tests.builders import started_plan, write_a_good_plan

ISSUED = date(2025, 11, 3)


def plan_in_force(area, *, issued_on: date = ISSUED, today: date):
    """The child's plan, drafted, sent, and issued on `issued_on` (built as at that day)."""
    plan, draft = started_plan(area, today=issued_on)
    coordinator = area.users["coordinator"]
    sent = date.fromordinal(issued_on.toordinal() - 20)
    plan_services.serve(
        draft, by=coordinator, served_on=sent, today=issued_on, expected_version=draft.version
    )
    final = plan_services.prepare_next(plan, kind=Kind.FINAL, by=coordinator, today=issued_on)
    write_a_good_plan(final, coordinator, setting_name="Hill Academy")
    final.refresh_from_db()
    plan_services.issue(
        final, by=coordinator, issued_on=issued_on, today=issued_on, expected_version=final.version
    )
    plan.refresh_from_db()
    return plan
