"""A plan in force with a decision to cease, for the appeals tests."""

from datetime import date

from tellonce.conftest import acting
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
