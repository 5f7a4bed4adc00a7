"""Changing a child's record: bad input is refused with GOV.UK error messages and saves nothing;
two people editing at once never silently overwrite each other."""

import json

import pytest

from tellonce.audit.models import AccessEvent, Action
from tellonce.organisations.tests.factories import LocalAuthorityFactory, SettingFactory
from tellonce.people.models import Child

VALID_NHS = "9434765919"


def _form(child, **overrides):
    data = {
        "version": child.version,
        "given_name": child.given_name,
        "family_name": child.family_name,
        "preferred_name": "",
        "date_of_birth-day": str(child.date_of_birth.day),
        "date_of_birth-month": str(child.date_of_birth.month),
        "date_of_birth-year": str(child.date_of_birth.year),
        "nhs_number": "",
        "upn": "",
        "sex": "F",
        "gender": "",
        "ethnicity": child.ethnicity,
        "first_language": child.first_language,
        "postcode": "",
        "sen_status": child.sen_status,
        "primary_need": child.primary_need,
        "secondary_need": "",
        "nc_year_override": "",
    }
    return data | overrides


@pytest.fixture
def coordinator(client, area):
    client.force_login(area.users["coordinator"])
    return client


def _snapshot(child):
    return Child.objects.filter(pk=child.pk).values().get()


def test_a_coordinator_records_the_college_a_year_11_pupil_is_moving_to(coordinator, area):
    college = SettingFactory(
        local_authority=area.child.local_authority, phase="fe_college", setting_type="fe_college"
    )
    response = coordinator.post(
        f"/children/{area.child.pk}/change/", _form(area.child, next_setting=college.pk)
    )
    assert response.status_code == 302
    child = Child.objects.get(pk=area.child.pk)
    assert child.next_setting == college
    assert "setting moving to" in AccessEvent.objects.get(child_id=child.pk, action=Action.CHANGE).what


def test_only_the_councils_own_settings_can_be_chosen_as_the_next_one(coordinator, area):
    elsewhere = SettingFactory(local_authority=LocalAuthorityFactory(code="998"), phase="fe_college")
    before = _snapshot(area.child)
    response = coordinator.post(
        f"/children/{area.child.pk}/change/", _form(area.child, next_setting=elsewhere.pk)
    )
    assert response.status_code == 200 and _snapshot(area.child) == before


def test_a_coordinator_saves_a_valid_change_with_an_audit_row_and_a_timeline_event(coordinator, area):
    url = f"/children/{area.child.pk}/change/"
    response = coordinator.post(url, _form(area.child, nhs_number="943 476 5919", postcode="nb1 2ab"))
    assert response.status_code == 302
    child = Child.objects.get(pk=area.child.pk)
    assert (child.nhs_number, child.postcode, child.version) == (VALID_NHS, "NB1 2AB", 2)
    change = AccessEvent.objects.get(child_id=child.pk, action=Action.CHANGE)
    assert "NHS number" in change.what and "postcode" in change.what
    assert child.timeline.filter(kind="record").count() == 1


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"nhs_number": "9434765918"}, "nhs_number", "NHS number"),
        ({"nhs_number": "12345"}, "nhs_number", "NHS number"),
        ({"upn": "B123456789012"}, "upn", "UPN"),
        ({"upn": "not-a-upn"}, "upn", "UPN"),
        ({"date_of_birth-year": "2999"}, "date_of_birth", "Date of birth must be today or in the past"),
        ({"date_of_birth-month": "13"}, "date_of_birth", "Date of birth must be a real date"),
        ({"date_of_birth-day": ""}, "date_of_birth", "Date of birth must include a day"),
        (
            {"date_of_birth-day": "", "date_of_birth-month": "", "date_of_birth-year": ""},
            "date_of_birth",
            "Enter date of birth",
        ),
        ({"family_name": ""}, "family_name", "last name"),
        ({"secondary_need": "SLCN"}, "secondary_need", "Secondary need must be different"),
    ],
)
def test_bad_input_shows_an_error_summary_and_saves_nothing(coordinator, area, overrides, field, message):
    before = _snapshot(area.child)
    response = coordinator.post(f"/children/{area.child.pk}/change/", _form(area.child, **overrides))
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and "govuk-error-summary" in page
    assert message.lower() in page.lower()
    assert (
        f'id="id_{field}-error"' in page
        or f'id="id_{field}-error"'.replace("_", "-") in page
        or "govuk-error-message" in page
    )
    assert page.count("<title>Error:") == 1
    assert _snapshot(area.child) == before
    assert not AccessEvent.objects.filter(action=Action.CHANGE).exists()


def test_the_second_of_two_concurrent_edits_is_refused_and_the_first_is_kept(client, area):
    manager, coordinator = area.users["manager"], area.users["coordinator"]
    opened_version = area.child.version
    client.force_login(manager)
    first = client.post(f"/children/{area.child.pk}/change/", _form(area.child, preferred_name="Sammy"))
    assert first.status_code == 302
    client.force_login(coordinator)
    second = client.post(
        f"/children/{area.child.pk}/change/", _form(area.child, version=opened_version, preferred_name="S")
    )
    assert second.status_code == 409
    assert "Someone else saved a change" in second.content.decode()
    child = Child.objects.get(pk=area.child.pk)
    assert child.preferred_name == "Sammy" and child.version == opened_version + 1
    assert AccessEvent.objects.filter(action=Action.CHANGE).count() == 1


def test_the_api_refuses_a_stale_version_with_409(client, area):
    client.force_login(area.users["coordinator"])
    url = f"/api/v1/children/{area.child.pk}"
    ok = client.patch(
        url, json.dumps({"version": 1, "first_language": "Polish"}), content_type="application/json"
    )
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = client.patch(
        url, json.dumps({"version": 1, "first_language": "Urdu"}), content_type="application/json"
    )
    assert stale.status_code == 409
    assert Child.objects.get(pk=area.child.pk).first_language == "Polish"


@pytest.mark.parametrize(
    "body",
    [
        {"version": 1, "nhs_number": "9434765918"},
        {"version": 1, "upn": "B123456789012"},
        {"version": 1, "date_of_birth": "2999-01-01"},
        {"version": 1, "date_of_birth": "2020-02-30"},
        {"version": 1, "ethnicity": "XXXX"},
        {"version": 1, "family_name": ""},
        {"given_name": "No version"},
    ],
)
def test_the_api_rejects_bad_input_with_422_and_saves_nothing(client, area, body):
    client.force_login(area.users["coordinator"])
    before = _snapshot(area.child)
    response = client.patch(
        f"/api/v1/children/{area.child.pk}", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["detail"]
    assert _snapshot(area.child) == before


def test_all_about_me_is_written_once_and_read_back(client, area):
    client.force_login(area.users["parent"])
    url = f"/children/{area.child.pk}/all-about-me/"
    response = client.post(
        url, {"version": "", "in_my_words": "I love trains and drawing.", "completed_with": "With my mum"}
    )
    assert response.status_code == 302
    page = client.get(f"/children/{area.child.pk}/").content.decode()
    assert "I love trains and drawing." in page
    stale = client.post(url, {"version": "", "in_my_words": "Overwrite"})
    assert stale.status_code == 409
    assert area.child.all_about_me.in_my_words == "I love trains and drawing."


def test_a_consent_decision_is_recorded_with_its_audit_row_and_timeline_event(client, area):
    client.force_login(area.users["coordinator"])
    url = f"/children/{area.child.pk}/consent/"
    bad = client.post(url, {"share_with": "health"})
    assert bad.status_code == 200 and "Select whether consent was given" in bad.content.decode()
    assert not area.child.consents.exists()
    ok = client.post(url, {"share_with": "health", "decision": "given", "given_by": "Grace Okafor (mother)"})
    assert ok.status_code == 302
    consent = area.child.consents.get()
    assert (consent.decision, consent.recorded_by) == ("given", area.users["coordinator"])
    assert AccessEvent.objects.filter(action=Action.CHANGE, what__contains="Health services").count() == 1
    assert area.child.timeline.filter(kind="consent").exists()
