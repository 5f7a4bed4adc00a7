import json

import pytest
from django.db import transaction

from tellonce.accounts.actors import Actor, Channel
from tellonce.accounts.sign_ins import SignIn, SignInWhat, record
from tellonce.audit import services
from tellonce.audit.models import AccessEvent, Action, SignInEvent
from tellonce.conftest import acting, build_area


def test_a_change_cannot_be_recorded_outside_a_transaction(transactional_db):
    area = build_area()
    with pytest.raises(RuntimeError):
        services.record_change(acting(area.users["coordinator"]), area.child, "Changed something")
    assert not AccessEvent.objects.exists()


def test_a_change_rolled_back_takes_its_audit_row_with_it(area):
    with pytest.raises(LookupError), transaction.atomic():
        services.record_change(acting(area.users["coordinator"]), area.child, "Changed something")
        raise LookupError("the change failed after it was logged")
    assert not AccessEvent.objects.exists()


def test_the_access_log_lists_who_read_and_changed_the_record(client, area):
    client.force_login(area.users["parent"])
    client.get(f"/children/{area.child.pk}/")
    client.force_login(area.users["administrator"])
    page = client.get(f"/children/{area.child.pk}/access-log/").content.decode()
    assert str(area.users["parent"]) in page and "Parent or carer" in page
    reads = AccessEvent.objects.filter(child_id=area.child.pk, action=Action.READ)
    assert reads.filter(user=area.users["parent"]).count() == 1
    assert reads.get(user=area.users["administrator"]).relationship == "council"  # the log page too


def test_searching_records_each_child_shown(client, area):
    client.force_login(area.users["quality lead"])
    response = client.post("/children/find/", {"name": area.child.given_name})
    assert response.status_code == 200
    listed = AccessEvent.objects.filter(action=Action.LISTED).values_list("child_id", flat=True)
    assert list(listed) == [area.child.pk]


def test_a_change_on_a_page_records_the_role_organisation_channel_and_page(client, area):
    coordinator = area.users["manager"]
    client.force_login(coordinator)
    client.post(
        f"/children/{area.child.pk}/consent/",
        {"share_with": "health", "decision": "given", "given_by": "Parent", "notes": ""},
    )
    event = AccessEvent.objects.get(action=Action.CHANGE)
    assert (event.user, event.role, event.channel) == (coordinator, "send_manager", Channel.WEB)
    assert event.organisation == str(coordinator.local_authority)
    assert event.via.startswith(f"POST /children/{area.child.pk}/consent/") and "people:consent" in event.via


def test_a_change_through_the_api_and_by_a_command_say_so(client, area):
    client.force_login(area.users["manager"])
    client.patch(
        f"/api/v1/children/{area.child.pk}",
        json.dumps({"version": area.child.version, "preferred_name": "Sammy"}),
        content_type="application/json",
    )
    assert AccessEvent.objects.get(action=Action.CHANGE).channel == Channel.API
    with transaction.atomic():
        services.record_change(Actor.command(area.users["manager"], "import-cases"), area.child, "Imported")
    event = AccessEvent.objects.get(what="Imported")
    assert (event.channel, event.via) == (Channel.COMMAND, "import-cases")


def test_the_access_log_shows_the_role_organisation_and_channel(client, area):
    client.force_login(area.users["parent"])
    client.get(f"/children/{area.child.pk}/")
    client.force_login(area.users["administrator"])
    page = client.get(f"/children/{area.child.pk}/access-log/").content.decode()
    assert "Parent or carer" in page and "A page: GET /children/" in page


def test_a_sign_in_event_is_kept_apart_from_the_access_log_with_or_without_an_account(area):
    admin, coordinator = area.users["administrator"], area.users["coordinator"]
    record(SignIn(SignInWhat.FAILED, username="nobody", address="192.0.2.1"))
    record(SignIn(SignInWhat.UNLOCKED, coordinator.username, coordinator, by=acting(admin)))
    failed, unlocked = SignInEvent.objects.order_by("id")
    assert (failed.what, failed.username, failed.user, failed.address) == (
        "failed",
        "nobody",
        None,
        "192.0.2.1",
    )
    assert (unlocked.user, unlocked.by, unlocked.via) == (coordinator, admin, "test")
    assert not AccessEvent.objects.exists()
