"""A plan in force with a decision to cease, for the appeals tests."""

from datetime import date

from tellonce.appeals import services
from tellonce.conftest import acting
from tellonce.domain import appeals as rules
from tellonce.plans.tests import builders
from tellonce.reviews import services as review_services

ISSUED = date(2025, 11, 3)


def plan_in_force(area, *, today: date):
    return builders.plan_in_force(area, issued_on=ISSUED, today=today)


def decided_ceasing(area, plan, *, notice_on: date, ceases_on: date, today: date):
    """A decision to cease `plan`, with its notice sent on `notice_on`."""
    by = acting(area.users["coordinator"])
    ceasing = review_services.consider_ceasing(
        plan, by=by, reason="2", considered_on=notice_on, setting_consulted_on=None, today=today
    )
    return review_services.decide_to_cease(
        ceasing,
        by=by,
        decided_on=notice_on,
        notice_sent_on=notice_on,
        ceases_on=ceases_on,
        expected_version=ceasing.version,
        today=today,
    )


def appeal_with_an_order(area, *, today: date):
    """A refusal to assess, mediation declined, the appeal registered and an order to assess."""
    by = acting(area.users["coordinator"])
    mediation = services.record_mediation(
        area.child,
        by=by,
        ground=rules.Ground.REFUSAL_TO_ASSESS,
        decision_on=date(2026, 8, 3),
        contacted_on=date(2026, 8, 20),
        today=today,
    )
    mediation = services.update_mediation(
        mediation,
        by=by,
        contacted_on=date(2026, 8, 20),
        certificate_kind="declined",
        certificate_on=date(2026, 8, 24),
        held_on=None,
        outcome="",
        expected_version=mediation.version,
        today=today,
    )
    made = services.register_appeal(
        area.child,
        by=by,
        ground=rules.Ground.REFUSAL_TO_ASSESS,
        decision_on=date(2026, 8, 3),
        registered_on=date(2026, 9, 15),
        response_due_on=date(2026, 12, 2),
        mediation=mediation,
        tribunal_ref="EH123/26/00001",
        today=today,
    )
    services.add_order(made, by=by, kind="assess", ordered_on=date(2026, 11, 2), today=today)
    return made
