"""A child's ULN and why there is no UPN or ULN (SEN2 items 1.7b and 1.7c) on the change page and
in the API: checked, saved with the record's version check and audit, and the reason kept only
while there is neither identifier."""

import json

import pytest

from tellonce.audit.models import AccessEvent, Action
from tellonce.people.models import Child
from tellonce.people.tests.test_editing import _form

VALID_ULN = "1234567899"


@pytest.fixture
def coordinator(client, area):
    client.force_login(area.users["coordinator"])
    return client


def test_the_change_page_asks_why_there_is_no_upn_or_uln_only_when_there_is_neither(coordinator, area):
    url = f"/children/{area.child.pk}/change/"
    page = coordinator.get(url).content.decode()
    assert "Unique learner number (ULN)" in page and "Why is there no UPN or ULN?" in page
    assert "Under 6 and no UPN given yet" in page
    Child.objects.filter(pk=area.child.pk).update(upn="A123456789012")
    assert "Why is there no UPN or ULN?" not in coordinator.get(url).content.decode()


def test_a_coordinator_records_a_uln_with_an_audit_row(coordinator, area):
    response = coordinator.post(f"/children/{area.child.pk}/change/", _form(area.child, uln="12345 67899"))
    assert response.status_code == 302
    child = Child.objects.get(pk=area.child.pk)
    assert (child.uln, child.version) == (VALID_ULN, 2)
    assert "ULN" in AccessEvent.objects.get(child_id=child.pk, action=Action.CHANGE).what


def test_a_coordinator_records_why_there_is_no_upn_or_uln(coordinator, area):
    response = coordinator.post(f"/children/{area.child.pk}/change/", _form(area.child, upn_unknown="UN2"))
    assert response.status_code == 302
    assert Child.objects.get(pk=area.child.pk).upn_unknown == "UN2"


def test_recording_a_upn_or_uln_clears_the_reason_there_was_none(coordinator, area):
    Child.objects.filter(pk=area.child.pk).update(upn_unknown="UN1")
    child = Child.objects.get(pk=area.child.pk)
    response = coordinator.post(
        f"/children/{child.pk}/change/", _form(child, upn="A123456789012", upn_unknown="UN1")
    )
    assert response.status_code == 302
    child = Child.objects.get(pk=area.child.pk)
    assert (child.upn, child.upn_unknown) == ("A123456789012", "")


@pytest.mark.parametrize(
    ("uln", "message"),
    [
        ("1234567890", "Enter a valid ULN. Check the 10 digits are correct"),
        ("0123456789", "Enter a ULN in the correct format: 10 digits, not starting with 0"),
        ("12345", "Enter a ULN in the correct format"),
    ],
)
def test_a_bad_uln_is_refused_with_its_message_keeping_what_was_typed(coordinator, area, uln, message):
    before = Child.objects.filter(pk=area.child.pk).values().get()
    response = coordinator.post(
        f"/children/{area.child.pk}/change/", _form(area.child, uln=uln, preferred_name="Sammy")
    )
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page and message in page
    assert f'value="{uln}"' in page and 'value="Sammy"' in page
    assert Child.objects.filter(pk=area.child.pk).values().get() == before


def test_an_unknown_reason_is_refused(coordinator, area):
    response = coordinator.post(f"/children/{area.child.pk}/change/", _form(area.child, upn_unknown="UN4"))
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()


def test_the_api_returns_and_changes_the_uln_and_the_reason(client, area):
    client.force_login(area.users["coordinator"])
    url = f"/api/v1/children/{area.child.pk}"
    read = client.get(url).json()
    assert (read["uln"], read["upn_unknown"]) == ("", "")
    reason = client.patch(
        url, json.dumps({"version": 1, "upn_unknown": "UN3"}), content_type="application/json"
    )
    assert reason.status_code == 200 and reason.json()["upn_unknown"] == "UN3"
    uln = client.patch(url, json.dumps({"version": 2, "uln": VALID_ULN}), content_type="application/json")
    assert uln.status_code == 200 and (uln.json()["uln"], uln.json()["upn_unknown"]) == (VALID_ULN, "")


@pytest.mark.parametrize(
    "body",
    [
        {"version": 1, "uln": "1234567890"},
        {"version": 1, "upn_unknown": "UN4"},
        {"version": 1, "upn_unknown": "UN2", "uln": VALID_ULN},
    ],
)
def test_the_api_refuses_a_bad_uln_or_reason_with_422(client, area, body):
    client.force_login(area.users["coordinator"])
    before = Child.objects.filter(pk=area.child.pk).values().get()
    response = client.patch(
        f"/api/v1/children/{area.child.pk}", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 422 and response.json()["detail"]
    assert Child.objects.filter(pk=area.child.pk).values().get() == before


def test_a_senco_may_not_change_the_uln(client, area):
    client.force_login(area.users["SENCO at the school"])
    response = client.post(f"/children/{area.child.pk}/change/", _form(area.child, uln=VALID_ULN))
    assert response.status_code in (403, 404)
    assert Child.objects.get(pk=area.child.pk).uln == ""
