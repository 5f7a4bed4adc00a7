"""A plan in force with provision in sections F, G and H2, issued on 3 November 2025, and its
commitments brought up to date."""

from datetime import date

from tellonce.conftest import acting
from tellonce.delivery import services
from tellonce.delivery.models import Commitment
from tellonce.domain import plan_content as pc
from tellonce.domain.plan_content import Section
from tellonce.plans.tests.builders import plan_in_force

ISSUED = date(2025, 11, 3)
TODAY = date(2026, 3, 2)  # spring 2 of 2025-26 has started


def plan_with_provision(area, *, issued_on: date = ISSUED):
    """The plans tests' well-written plan, with health and social care items added to the issued
    version as an import would hold them (one says no frequency)."""
    plan = plan_in_force(area, issued_on=issued_on, today=issued_on)
    version = plan.in_force()
    items = {
        Section.G: [
            pc.Provision(
                key="g-1",
                what="Speech and language therapy, direct sessions",
                role="Speech and language therapist",
                times=1,
                per=pc.Period.WEEK,
                minutes=45,
            ),
            pc.Provision(key="g-2", what="Physiotherapy advice to school as needed", role="Physiotherapist"),
        ],
        Section.H2: [
            pc.Provision(
                key="h-1",
                what="Short breaks for 6 weeks",
                role="Short breaks service",
                times=1,
                per=pc.Period.WEEK,
            )
        ],
    }
    for code, provision in items.items():
        section = version.sections.get(code=code)
        section.data = {**section.data, "items": [pc.as_dict(item) for item in provision]}
        section.save()
    return plan


def commitments(area, *, today: date = TODAY, issued_on: date = ISSUED) -> dict[str, Commitment]:
    """The plan's commitments by item key ("f" is the language group)."""
    plan = plan_with_provision(area, issued_on=issued_on)
    services.bring_up_to_date(plan, by=acting(area.users["coordinator"]), today=today)
    found = {c.item_key: c for c in Commitment.objects.filter(plan=plan)}
    return {("f" if c.section == "F" else k): c for k, c in found.items()}
