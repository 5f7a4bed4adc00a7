"""A plan in force with outcomes, for the reviews tests: issued on 3 November 2025."""

from datetime import date

from tellonce.plans.tests import builders

ISSUED = date(2025, 11, 3)


def plan_in_force(area, *, issued_on: date = ISSUED, today: date):
    return builders.plan_in_force(area, issued_on=issued_on, today=today)
