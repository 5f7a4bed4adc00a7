"""The phase-transfer deadline of a plan in force follows from the year group the child is in and
the years their setting teaches (SEND Regulations 2014 reg. 2 and 18(1); ADR 51): the review
schedule, the plans API and export-cases all give the same one."""

import io
import json
from datetime import date

import pytest
from django.core.management import call_command

from tellonce.organisations.tests.factories import SettingFactory
from tellonce.plans.models import PlanVersion
from tellonce.reviews.schedule import schedule_rows
from tellonce.reviews.tests.builders import plan_in_force

TODAY = date(2026, 11, 22)  # academic year 2026/27: transfers in September 2027

pytestmark = pytest.mark.django_db


def _school(area, phase, lowest, highest, sixth_form=False, setting_type="mainstream"):
    return SettingFactory(
        local_authority=area.child.local_authority,
        phase=phase,
        setting_type=setting_type,
        lowest_year=lowest,
        highest_year=highest,
        has_sixth_form=sixth_form,
    )


def _deadlines(client, area, setting, nc_year, next_setting=None):
    """The transfer and deadline as the schedule, the API and export-cases give them."""
    plan = plan_in_force(area, today=TODAY)
    child = area.child
    child.setting, child.nc_year_override, child.next_setting = setting, nc_year, next_setting
    child.save()
    [row] = schedule_rows(PlanVersion.objects.filter(plan=plan), today=TODAY)
    client.force_login(area.users["coordinator"])
    api = client.get(f"/api/v1/plans/{plan.pk}").json()["phase_transfer_deadline"]
    out = io.StringIO()
    call_command("export-cases", "--format", "json", "--as-of", TODAY.isoformat(), stdout=out)
    [exported] = json.loads(out.getvalue())["plans"]
    before = row.schedule.transfer_before
    assert api == exported["phase_transfer_deadline"] == (before.isoformat() if before else None)
    assert exported["phase_transfer"] == (row.schedule.transfer.value if row.schedule.transfer else None)
    return row.schedule.transfer, before


def test_an_infant_schools_year_2_pupil_must_have_their_plan_amended_before_15_february(client, area):
    infant = _school(area, "infant", 0, 2)
    assert _deadlines(client, area, infant, 2) == ("infant_to_junior", date(2027, 2, 15))


def test_a_junior_schools_year_6_pupil_must_have_their_plan_amended_before_15_february(client, area):
    junior = _school(area, "junior", 3, 6)
    assert _deadlines(client, area, junior, 6) == ("primary_to_secondary", date(2027, 2, 15))


def test_an_all_through_schools_year_11_pupil_moving_to_a_college_must_have_their_plan_amended_before_31_march(
    client, area
):
    school = _school(area, "all_through", 0, 13, sixth_form=True)
    college = _school(area, "fe_college", 12, 14, setting_type="fe_college")
    assert _deadlines(client, area, school, 11, next_setting=college) == (
        "secondary_to_post_16",
        date(2027, 3, 31),
    )


@pytest.mark.parametrize("next_setting", [None, "the same school"])
def test_the_same_pupil_staying_on_in_the_sixth_form_has_no_phase_transfer(client, area, next_setting):
    school = _school(area, "all_through", 0, 13, sixth_form=True)
    staying = school if next_setting else None
    assert _deadlines(client, area, school, 11, next_setting=staying) == (None, None)


def test_a_first_schools_year_4_pupil_moves_to_middle_school(client, area):
    first = _school(area, "first", 0, 4)
    assert _deadlines(client, area, first, 4) == ("primary_to_middle", date(2027, 2, 15))


def test_a_year_11_pupil_at_a_school_without_a_sixth_form_has_until_31_march(client, area):
    secondary = _school(area, "secondary", 7, 11)
    assert _deadlines(client, area, secondary, 11) == ("secondary_to_post_16", date(2027, 3, 31))


def test_a_year_11_pupil_in_alternative_provision_teaching_to_16_has_until_31_march(client, area):
    unit = _school(area, "alternative_provision", 7, 11, setting_type="alternative_provision")
    assert _deadlines(client, area, unit, 11) == ("secondary_to_post_16", date(2027, 3, 31))


@pytest.mark.parametrize(
    ("phase", "lowest", "highest", "sixth_form", "nc_year"),
    [
        ("infant", 0, 2, False, 1),  # not yet the infant school's last year
        ("all_through", 0, 13, True, 6),  # primary to secondary inside one school
        ("special", 0, 14, False, 6),  # a special school teaching 4-19 is like an all-through school
        ("fe_college", 12, 14, False, 12),  # post-16 moves are timed from the move (reg. 18(2))
    ],
)
def test_a_child_not_in_a_transfer_year_of_their_setting_has_no_deadline(
    client, area, phase, lowest, highest, sixth_form, nc_year
):
    setting = _school(area, phase, lowest, highest, sixth_form)
    assert _deadlines(client, area, setting, nc_year) == (None, None)
