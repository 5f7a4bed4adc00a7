from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from tellonce.accounts.models import ApiToken
from tellonce.audit.models import AccessEvent


def test_a_bearer_token_reads_only_the_children_its_user_may_see(client, area):
    _, key = ApiToken.issue(area.users["SENCO at the school"], "school MIS")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert client.get(f"/api/v1/children/{area.child.pk}", **auth).status_code == 200
    assert client.get(f"/api/v1/children/{area.other_child.pk}", **auth).status_code == 404
    event = AccessEvent.objects.get(child_id=area.child.pk)
    assert event.user == area.users["SENCO at the school"] and "/api/v1/children/" in event.via


def test_only_the_hash_of_a_token_is_stored(area):
    token, key = ApiToken.issue(area.users["coordinator"], "reporting")
    assert key not in token.key_hash and token.key_hash == ApiToken.hash(key)
    assert key.startswith("tlo_") and token.prefix == key[4:12]


@pytest.mark.parametrize("key", ["tlo_wrong", ""])
def test_an_unknown_token_is_refused(client, area, key):
    response = client.get("/api/v1/children", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 401


def test_an_expired_token_or_a_switched_off_user_is_refused(client, area):
    user = area.users["coordinator"]
    _, expired = ApiToken.issue(user, "old", expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get("/api/v1/children", HTTP_AUTHORIZATION=f"Bearer {expired}").status_code == 401
    _, live = ApiToken.issue(user, "new")
    user.is_active = False
    user.save()
    assert client.get("/api/v1/children", HTTP_AUTHORIZATION=f"Bearer {live}").status_code == 401


def test_the_command_prints_a_token_that_works(client, area, capsys):
    call_command("create-api-token", area.users["manager"].username, name="test")
    key = capsys.readouterr().out.strip().splitlines()[-1]
    assert client.get("/api/v1/children", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200


def test_the_openapi_document_describes_every_endpoint():
    from tellonce.config.api import api

    schema = api.get_openapi_schema()
    paths = schema["paths"]
    assert {"/api/v1/children", "/api/v1/children/{child_id}", "/api/v1/organisations/settings"} <= set(paths)
    responses = {str(code) for code in paths["/api/v1/children/{child_id}"]["patch"]["responses"]}
    assert {"200", "401", "404", "409", "422"} <= responses
