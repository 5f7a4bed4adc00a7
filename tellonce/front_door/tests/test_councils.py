"""Which council a request goes to (ADR 57), and who is recorded as asking."""

import html

import pytest
from django.test import override_settings

from tellonce.accounts.roles import Role
from tellonce.front_door.models import OnlineRequest
from tellonce.front_door.services import source_for
from tellonce.organisations.models import LocalAuthority
from tellonce.organisations.tests.factories import LocalAuthorityFactory


@pytest.fixture
def second(db):
    return LocalAuthorityFactory(name="Southbridge Council", code="998")


def test_a_senco_asks_their_schools_council_without_being_asked_which(client, area, second):
    client.force_login(area.users["SENCO at the school"])
    page = html.unescape(client.get("/requests/new/").content.decode())
    assert "Which council should receive the request?" not in page
    client.post("/requests/new/")
    assert OnlineRequest.objects.get().local_authority == area.child.local_authority


def test_a_family_chooses_the_council_when_the_installation_holds_several(client, area, second):
    client.force_login(area.users["parent"])
    page = html.unescape(client.get("/requests/new/").content.decode())
    assert "Which council should receive the request?" in page and "Southbridge Council" in page
    refused = html.unescape(client.post("/requests/new/").content.decode())
    assert "Select a council" in refused and not OnlineRequest.objects.exists()
    client.post("/requests/new/", {"council": str(second.pk)})
    assert OnlineRequest.objects.get().local_authority == second


@override_settings(TELLONCE_COUNCIL_HOSTS="requests.southbridge.example=998", ALLOWED_HOSTS=["*"])
def test_a_family_asks_the_council_of_the_address_they_reached(client, area, second):
    client.force_login(area.users["parent"])
    client.post("/requests/new/", HTTP_HOST="requests.southbridge.example")
    assert OnlineRequest.objects.get().local_authority == second


def test_choosing_their_own_child_sends_the_request_to_the_childs_council(client, area, second):
    client.force_login(area.users["parent"])
    client.post("/requests/new/", {"council": str(second.pk)})
    draft = OnlineRequest.objects.get()
    client.post(f"/requests/{draft.pk}/who/", {"version": draft.version, "child": str(area.child.pk)})
    draft.refresh_from_db()
    assert draft.local_authority == area.child.local_authority != second


def test_a_young_persons_request_is_about_their_own_record(client, area):
    client.force_login(area.users["young person"])
    response = client.post("/requests/new/")
    draft = OnlineRequest.objects.get()
    assert response["Location"].endswith("/address/")
    assert draft.child == area.other_child and draft.requested_by == "young_person"
    assert LocalAuthority.objects.get(pk=draft.local_authority_id) == area.other_child.local_authority


@pytest.mark.parametrize(
    ("role", "source"),
    [
        (Role.PARENT, "parent"),
        (Role.YOUNG_PERSON, "young_person"),
        (Role.SENCO, "setting"),
        (Role.PAEDIATRICIAN, "health"),
        (Role.THERAPIST, "health"),
        (Role.SOCIAL_WORKER, "social_care"),
        (Role.EDUCATIONAL_PSYCHOLOGIST, "other"),
    ],
)
def test_the_request_records_who_asked_as_sen2_groups_them(role, source):
    assert source_for(role) == source
