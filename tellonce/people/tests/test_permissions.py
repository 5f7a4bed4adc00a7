"""The permission table: every page and API endpoint that shows a child, against every role.
In scope answers 200, out of scope 404 (never 403, so a record's existence is not revealed),
signed out a redirect to sign in (pages) or 401 (API); each read leaves an audit row."""

import json

import pytest

from tellonce.audit.models import AccessEvent, Action
from tellonce.conftest import COUNCIL_ROLES, REFUSED, ROLES
from tellonce.people.models import Child

COUNCIL = COUNCIL_ROLES
SEES_THE_CHILD = COUNCIL | {
    "SENCO at the school",
    "parent",
    "therapist asked to help",
    "paediatrician asked by name",
}
EDITS_THE_CHILD = {"coordinator", "manager"}
WRITES_ALL_ABOUT_ME = EDITS_THE_CHILD | {"SENCO at the school", "parent"}

CHILD_PAGES = {
    "/children/{pk}/": SEES_THE_CHILD,
    "/children/{pk}/change/": EDITS_THE_CHILD,
    "/children/{pk}/all-about-me/": WRITES_ALL_ABOUT_ME,
    "/children/{pk}/consent/": EDITS_THE_CHILD,
    "/children/{pk}/access-log/": {"administrator"},
    "/api/v1/children/{pk}": SEES_THE_CHILD,
}
LIST_PAGES = {
    "/caseload/": {"coordinator", "other coordinator", "manager"},
    "/children/find/": COUNCIL,
    "/children/": {
        "SENCO at the school",
        "SENCO elsewhere",
        "therapist asked to help",
        "therapist not asked",
        "paediatrician asked by name",
    },
    "/my-children/": {"parent", "parent of another child", "young person"},
}


def _signed_in(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", CHILD_PAGES)
def test_a_child_page_answers_200_in_scope_and_404_outside_it(client, area, role, path):
    user = area.users[role]
    response = _signed_in(client, user).get(path.format(pk=area.child.pk))
    allowed = role in CHILD_PAGES[path]
    assert response.status_code in ({200} if allowed else REFUSED)
    reads = AccessEvent.objects.filter(user=user, child_id=area.child.pk, action=Action.READ)
    if path in ("/children/{pk}/", "/api/v1/children/{pk}"):
        assert reads.count() == (1 if allowed else 0)


@pytest.mark.parametrize("path", CHILD_PAGES)
def test_a_child_page_sends_a_signed_out_visitor_to_sign_in(client, area, path):
    response = client.get(path.format(pk=area.child.pk))
    if path.startswith("/api/"):
        assert response.status_code == 401
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/sign-in/")
    assert not AccessEvent.objects.exists()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", LIST_PAGES)
def test_a_list_page_is_open_only_to_the_roles_it_serves(client, area, role, path):
    response = _signed_in(client, area.users[role]).get(path, follow=True)
    assert response.status_code in ({200} if role in LIST_PAGES[path] else REFUSED)
    if role == "young person" and path == "/my-children/":
        assert response.redirect_chain == [(f"/children/{area.other_child.pk}/", 302)]


@pytest.mark.parametrize("path", [*LIST_PAGES, "/"])
def test_a_list_page_sends_a_signed_out_visitor_to_sign_in(client, area, path):
    response = client.get(path)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/sign-in/")


@pytest.mark.parametrize("role", ROLES)
def test_the_api_search_returns_only_children_in_scope(client, area, role):
    user = area.users[role]
    response = _signed_in(client, user).get("/api/v1/children", {"name": "Okafor"})
    if role == "board member":  # totals only: the board's role may not read a child's record
        assert response.status_code == 403
        return
    assert response.status_code == 200
    found = {row["id"] for row in response.json()}
    assert (str(area.child.pk) in found) == (role in SEES_THE_CHILD)
    assert found == {str(pk) for pk in Child.objects.visible_to(user).values_list("pk", flat=True)}
    listed = AccessEvent.objects.filter(user=user, action=Action.LISTED).values_list("child_id", flat=True)
    assert {str(pk) for pk in listed} == found


@pytest.mark.parametrize("role", ROLES)
def test_the_api_update_is_open_only_to_caseworkers_for_the_child(client, area, role):
    user = area.users[role]
    body = json.dumps({"version": area.child.version, "preferred_name": "Sammy"})
    response = _signed_in(client, user).patch(
        f"/api/v1/children/{area.child.pk}", body, content_type="application/json"
    )
    allowed = role in EDITS_THE_CHILD
    assert response.status_code in ({200} if allowed else REFUSED)
    area.child.refresh_from_db()
    assert (area.child.preferred_name == "Sammy") == allowed
    changes = AccessEvent.objects.filter(user=user, child_id=area.child.pk, action=Action.CHANGE)
    assert changes.count() == (1 if allowed else 0)


def test_the_api_refuses_a_signed_out_caller(client, area):
    assert client.get("/api/v1/children").status_code == 401
    assert client.get("/api/v1/organisations/settings").status_code == 401
    response = client.patch(f"/api/v1/children/{area.child.pk}", "{}", content_type="application/json")
    assert response.status_code == 401


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/organisations/settings",
        "/api/v1/organisations/teams",
        "/api/v1/organisations/localities",
        "/api/v1/organisations/health-providers",
    ],
)
def test_organisations_are_listed_for_anyone_signed_in(client, area, role, path):
    assert _signed_in(client, area.users[role]).get(path).status_code == 200


def test_a_board_member_sees_totals_and_no_child(client, area):
    signed_in = _signed_in(client, area.users["board member"])
    assert signed_in.get("/")["Location"] == "/partnership/"
    response = signed_in.get("/partnership/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Partnership dashboard" in page and "2</strong> children" in page
    assert area.child.given_name not in page and area.other_child.given_name not in page


def test_a_search_by_nhs_number_is_posted_and_never_read_from_the_address(client, area):
    client.force_login(area.users["manager"])
    area.child.nhs_number = "9434765919"
    area.child.save()
    found = client.post("/children/find/", {"nhs_number": "943 476 5919"}).content.decode()
    assert area.child.given_name in found
    ignored = client.get("/children/find/", {"nhs_number": "9434765919"}).content.decode()
    assert area.child.given_name not in ignored
