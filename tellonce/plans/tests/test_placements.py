from datetime import date

import pytest
from django.db import IntegrityError, transaction

from tellonce.plans.models import Placement
from tellonce.plans.tests.builders import started_plan

pytestmark = pytest.mark.django_db


def _plan(area):
    plan, _ = started_plan(area)
    return plan


def test_a_placement_says_where_with_exactly_one_of_urn_ukprn_or_a_type_of_setting(area):
    plan = _plan(area)
    Placement.objects.create(plan=plan, named=True, urn="100001")
    Placement.objects.create(plan=plan, named=False, sen_setting="EHE", entry_on=date(2025, 9, 1))
    for where in ({}, {"urn": "100001", "ukprn": "10000001"}, {"urn": "100001", "sen_setting": "OTH"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Placement.objects.create(plan=plan, named=True, **where)


def test_a_placement_cannot_end_before_it_starts(area):
    plan = _plan(area)
    with pytest.raises(IntegrityError), transaction.atomic():
        Placement.objects.create(
            plan=plan, named=False, urn="100001", entry_on=date(2025, 9, 1), leaving_on=date(2025, 8, 31)
        )


def test_attended_placements_during_a_period_are_those_overlapping_it(area):
    plan = _plan(area)
    left = Placement.objects.create(
        plan=plan, named=False, urn="1", entry_on=date(2023, 9, 1), leaving_on=date(2024, 7, 20)
    )
    current = Placement.objects.create(plan=plan, named=False, urn="2", entry_on=date(2024, 9, 2))
    Placement.objects.create(plan=plan, named=True, urn="2")
    assert set(Placement.objects.during(date(2025, 1, 1), date(2025, 12, 31))) == {current}
    assert set(Placement.objects.during(date(2024, 1, 1), date(2024, 12, 31))) == {left, current}
