"""The plan's "Placements and personal budget" page: the settings named in the plan and attended,
added by choosing one of the council's settings, typing a URN or UKPRN, or choosing a type of
setting; each checked in plain English, never losing what was typed, refused when out of date,
audited, and open only to those who may run plans (read by those who see the plan)."""

from datetime import date

import pytest

from tellonce.audit.models import AccessEvent, Action
from tellonce.organisations.tests.factories import LocalAuthorityFactory, SettingFactory
from tellonce.plans.models import Placement, Plan
from tellonce.plans.tests.builders import plan_in_force

pytestmark = pytest.mark.django_db

MADE = date(2025, 9, 1)


@pytest.fixture
def plan(area) -> Plan:
    return plan_in_force(area, issued_on=MADE, today=MADE)


@pytest.fixture
def coordinator(client, area):
    client.force_login(area.users["coordinator"])
    return client


def _form(**overrides) -> dict:
    data = {
        "version": 1,
        "named": "attended",
        "setting": "",
        "urn": "",
        "ukprn": "",
        "sen_setting": "",
        "sen_setting_other": "",
        "rank": "1",
        "entry_on-day": "4",
        "entry_on-month": "9",
        "entry_on-year": "2025",
        "leaving_on-day": "",
        "leaving_on-month": "",
        "leaving_on-year": "",
        "residential": "",
        "work_based": "",
    }
    return data | overrides


NO_DATES = {"entry_on-day": "", "entry_on-month": "", "entry_on-year": ""}


def _add(client, plan, **overrides):
    return client.post(f"/plans/{plan.pk}/placements/new/", _form(**overrides))


def test_the_plans_page_links_to_its_placements_page(coordinator, plan):
    page = coordinator.get(f"/plans/{plan.pk}/", follow=True).content.decode()
    assert f"/plans/{plan.pk}/placements/" in page and "Placements and personal budget" in page


def test_a_coordinator_names_one_of_the_councils_settings_in_the_plan(coordinator, area, plan):
    school = area.child.setting
    response = _add(coordinator, plan, named="named", setting=str(school.pk), **NO_DATES)
    assert response.status_code == 302 and response["Location"] == f"/plans/{plan.pk}/placements/"
    placement = Placement.objects.get(plan=plan)
    assert (placement.named, placement.setting, placement.urn, placement.entry_on) == (
        True,
        school,
        school.urn,
        None,
    )
    assert AccessEvent.objects.filter(
        action=Action.CHANGE, what__startswith="Added the setting named"
    ).exists()
    page = coordinator.get(f"/plans/{plan.pk}/placements/").content.decode()
    assert school.name in page and f"URN {school.urn}" in page


def test_a_coordinator_records_a_college_attended_by_its_ukprn_with_the_day_they_started(coordinator, plan):
    response = _add(coordinator, plan, ukprn="10012345", resourced_provision="on")
    assert response.status_code == 302
    placement = Placement.objects.get(plan=plan)
    assert (placement.ukprn, placement.entry_on, placement.resourced_provision) == (
        "10012345",
        date(2025, 9, 4),
        True,
    )
    page = coordinator.get(f"/plans/{plan.pk}/placements/").content.decode()
    assert "4 September 2025" in page and "Still there" in page and "2025-09-04" not in page


def test_a_placement_may_be_a_type_of_setting_with_other_in_words(coordinator, plan):
    assert _add(coordinator, plan, sen_setting="OTH", sen_setting_other="Tuition at home").status_code == 302
    placement = Placement.objects.get(plan=plan)
    assert (placement.sen_setting, placement.sen_setting_other, placement.urn) == (
        "OTH",
        "Tuition at home",
        "",
    )
    assert "Other: Tuition at home" in coordinator.get(f"/plans/{plan.pk}/placements/").content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({}, "Choose a setting, or enter a URN or UKPRN, or choose a type of setting"),
        (
            {"urn": "100001", "ukprn": "10012345"},
            "Give only one of a setting, a URN, a UKPRN or a type of setting",
        ),
        ({"urn": "1234567"}, "Enter a URN in the correct format"),
        ({"ukprn": "20012345"}, "Enter a UKPRN in the correct format"),
        ({"sen_setting": "OTH"}, "Say in words what the setting is"),
        ({"urn": "100001", **NO_DATES}, "Enter the day they started there"),
        ({"urn": "100001", "entry_on-month": "13"}, "must be a real date"),
        ({"urn": "100001", "entry_on-year": "2099"}, "must be today or in the past"),
        (
            {"urn": "100001", "leaving_on-day": "1", "leaving_on-month": "9", "leaving_on-year": "2025"},
            "The day they left must be the same as or after the day they started",
        ),
        (
            {
                "urn": "100001",
                "entry_on-year": "2020",
                "leaving_on-day": "20",
                "leaving_on-month": "7",
                "leaving_on-year": "2024",
            },
            "The day they left must be after the plan was made on 1 September 2025",
        ),
        ({"urn": "100001", "named": "named"}, "A setting named in the plan has no dates"),
        ({"urn": "100001", "named": ""}, "Select whether the setting is named in the plan or attended"),
    ],
)
def test_a_bad_placement_is_refused_in_plain_english_keeping_what_was_typed(
    coordinator, plan, overrides, message
):
    response = _add(coordinator, plan, **overrides)
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page and message in page, page
    for name in ("urn", "ukprn"):
        if overrides.get(name):
            assert f'value="{overrides[name]}"' in page
    assert not Placement.objects.exists()


def test_another_councils_setting_cannot_be_chosen(coordinator, plan):
    elsewhere = SettingFactory(local_authority=LocalAuthorityFactory(code="998"))
    response = _add(coordinator, plan, setting=str(elsewhere.pk))
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not Placement.objects.exists()


def test_ranks_are_unique_among_named_settings_and_among_placements_attended_at_once(coordinator, plan):
    assert _add(coordinator, plan, named="named", urn="100001", **NO_DATES).status_code == 302
    again = _add(coordinator, plan, named="named", urn="100002", **NO_DATES).content.decode()
    assert "The plan already names a main setting" in again
    assert _add(coordinator, plan, urn="100001").status_code == 302
    clash = _add(coordinator, plan, urn="100002", **{"entry_on-month": "10"}).content.decode()
    assert "They were at URN 100001 as their main placement then" in clash
    assert _add(coordinator, plan, urn="100002", rank="2", **{"entry_on-month": "10"}).status_code == 302
    assert Placement.objects.filter(plan=plan).count() == 3


def test_a_coordinator_records_the_day_they_left_a_placement(coordinator, plan):
    _add(coordinator, plan, urn="100001")
    placement = Placement.objects.get(plan=plan)
    url = f"/plans/{plan.pk}/placements/{placement.pk}/left/"
    before = coordinator.post(
        url, {"version": 1, "leaving_on-day": "1", "leaving_on-month": "8", "leaving_on-year": "2025"}
    )
    assert "The day they left must be the same as or after the day they started" in before.content.decode()
    response = coordinator.post(
        url, {"version": 1, "leaving_on-day": "17", "leaving_on-month": "7", "leaving_on-year": "2026"}
    )
    assert response.status_code == 302
    placement.refresh_from_db()
    assert (placement.leaving_on, placement.version) == (date(2026, 7, 17), 2)
    page = coordinator.get(f"/plans/{plan.pk}/placements/").content.decode()
    assert "17 July 2026" in page
    assert AccessEvent.objects.filter(
        action=Action.CHANGE, what__startswith="Recorded leaving URN 100001"
    ).exists()


def test_a_change_from_an_out_of_date_page_is_refused_and_nothing_saved(coordinator, area, plan):
    _add(coordinator, plan, urn="100001")
    placement = Placement.objects.get(plan=plan)
    assert (
        coordinator.post(
            f"/plans/{plan.pk}/placements/{placement.pk}/change/", _form(urn="100002")
        ).status_code
        == 302
    )
    stale = coordinator.post(f"/plans/{plan.pk}/placements/{placement.pk}/change/", _form(urn="100003"))
    assert stale.status_code == 409
    placement.refresh_from_db()
    assert (placement.urn, placement.version) == ("100002", 2)


def test_the_plans_residential_work_based_learning_and_personal_budget_are_recorded(coordinator, plan):
    url = f"/plans/{plan.pk}/return-details/"
    data = {
        "version": plan.version,
        "residential": "A",
        "work_based": "",
        "personal_budget": "yes",
        "organised_arrangements": "no",
        "direct_payments": "S",
    }
    assert coordinator.post(url, data).status_code == 302
    plan.refresh_from_db()
    assert (plan.residential, plan.personal_budget, plan.organised_arrangements, plan.direct_payments) == (
        "A",
        True,
        False,
        "S",
    )
    page = coordinator.get(f"/plans/{plan.pk}/placements/").content.decode()
    assert "Residential for 38 to 51 weeks of the year" in page and "Social care" in page
    stale = coordinator.post(url, data | {"residential": "B"})
    assert stale.status_code == 409
    plan.refresh_from_db()
    assert plan.residential == "A"


def test_direct_payments_without_a_personal_budget_are_refused(coordinator, plan):
    data = {"version": plan.version, "personal_budget": "no", "direct_payments": "E"}
    response = coordinator.post(f"/plans/{plan.pk}/return-details/", data)
    assert (
        response.status_code == 200
        and "Direct payments are part of a personal budget" in response.content.decode()
    )
    plan.refresh_from_db()
    assert plan.direct_payments == "" and plan.personal_budget is None


def test_the_family_and_the_school_read_the_placements_but_only_the_council_changes_them(client, area, plan):
    Placement.objects.create(plan=plan, named=True, urn="100001")
    for who in ("parent", "SENCO at the school"):
        client.force_login(area.users[who])
        page = client.get(f"/plans/{plan.pk}/placements/")
        assert page.status_code == 200 and "URN 100001" in page.content.decode()
        assert "/placements/new/" not in page.content.decode()
        assert client.post(f"/plans/{plan.pk}/placements/new/", _form(urn="100002")).status_code == 403
        assert client.post(f"/plans/{plan.pk}/return-details/", {"version": 1}).status_code == 403
    client.force_login(area.users["SENCO elsewhere"])
    assert client.get(f"/plans/{plan.pk}/placements/").status_code == 404
    assert Placement.objects.filter(plan=plan).count() == 1
