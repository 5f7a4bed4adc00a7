"""Given any page, download or API answer with personal data, when it is sent, then no browser or
proxy may keep it; every response turns off the browser features Tellonce never uses."""

import re

import pytest
from django.test import Client

from tellonce.accounts.models import ApiToken

pytestmark = pytest.mark.django_db


def _no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "") and "private" in response["Cache-Control"]


def test_a_childs_record_and_the_lists_naming_children_are_never_stored(client, area):
    client.force_login(area.users["coordinator"])
    for path in (f"/children/{area.child.pk}/", "/reviews/", f"/children/{area.child.pk}/change/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert _no_store(response), path


def test_an_api_callers_answer_is_never_stored(area):
    _, key = ApiToken.issue(area.users["coordinator"], "test")
    response = Client().get("/api/v1/children", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 200 and _no_store(response)


def test_the_answer_to_a_public_form_is_never_stored_but_a_public_page_may_be(db):
    assert not _no_store(Client().get("/accessibility/"))
    assert _no_store(Client().post("/accounts/sign-in/", {"username": "x", "password": "y"}))


def test_every_response_turns_off_the_camera_microphone_and_location(client, area):
    for response in (Client().get("/accessibility/"), Client().get("/no-such-page/")):
        policy = response["Permissions-Policy"]
        assert "camera=()" in policy and "microphone=()" in policy and "geolocation=()" in policy


def test_the_api_documentation_loads_its_scripts_from_tellonce_itself(client, area):
    client.force_login(area.users["coordinator"])
    page = client.get("/api/v1/docs").content.decode()
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', page)
    assert scripts and all(src.startswith("/static/") for src in scripts), scripts
    links = re.findall(r'(?:href|src)="([^"]+)"', page)
    assert not [link for link in links if "://" in link or link.startswith("//")], links
