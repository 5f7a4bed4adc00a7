"""The access, sign-in and administration logs are append-only: the application can add an event
but not change or delete one, except through the retention rules' one named path."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tellonce.accounts.sign_ins import SignIn, SignInWhat, record
from tellonce.audit import services
from tellonce.audit.models import AccessEvent, AdministrationEvent, AppendOnly, SignInEvent
from tellonce.conftest import acting


@pytest.fixture
def logged(area):
    return services.record_read(acting(area.users["coordinator"]), area.child)


def test_an_access_event_cannot_be_saved_again(logged):
    logged.what = "Nothing to see"
    with pytest.raises(AppendOnly):
        logged.save()
    assert AccessEvent.objects.get().what == "Viewed the record"


def test_an_access_event_cannot_be_deleted_one_by_one_or_in_bulk(logged):
    with pytest.raises(AppendOnly):
        logged.delete()
    with pytest.raises(AppendOnly):
        AccessEvent.objects.all().delete()
    with pytest.raises(AppendOnly):
        AccessEvent.objects.filter(pk=logged.pk).update(what="Nothing")
    assert AccessEvent.objects.count() == 1


@pytest.mark.parametrize("model", [SignInEvent, AdministrationEvent])
def test_the_other_logs_refuse_changes_and_deletions_too(model, db):
    with pytest.raises(AppendOnly):
        model.objects.all().delete()
    with pytest.raises(AppendOnly):
        model.objects.update(via="")


def test_a_sign_in_event_cannot_be_changed(area):
    record(SignIn(what=SignInWhat.SIGNED_IN, username="someone"))
    event = SignInEvent.objects.get()
    with pytest.raises(AppendOnly):
        event.save()


def test_only_the_retention_rule_disposes_of_old_events_and_it_must_be_named(logged):
    with pytest.raises(AppendOnly):
        AccessEvent.objects.dispose_older_than(timezone.now() + timedelta(days=1), rule="")
    assert AccessEvent.objects.dispose_older_than(timezone.now() - timedelta(days=1), rule="7 years") == 0
    assert AccessEvent.objects.dispose_older_than(timezone.now() + timedelta(days=1), rule="7 years") == 1
    assert not AccessEvent.objects.exists()


def test_a_coordinator_downloads_the_childs_log_for_the_family_and_the_download_is_logged(client, area):
    services.record_read(acting(area.users["SENCO at the school"]), area.child)
    client.force_login(area.users["manager"])
    response = client.get(f"/children/{area.child.pk}/access-log.csv")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode()
    assert text.startswith("When,Who (role),For (organisation),What,Why they could (relationship)")
    assert "SENCO" in text and "school" in text
    assert area.users["SENCO at the school"].username not in text
    assert AccessEvent.objects.filter(
        user=area.users["manager"], action="export", child_id=area.child.pk
    ).exists()


def test_the_childs_page_offers_the_familys_copy_to_their_coordinator_only(client, area):
    link = f"/children/{area.child.pk}/access-log.csv"
    client.force_login(area.users["coordinator"])
    assert link in client.get(f"/children/{area.child.pk}/").content.decode()
    assert client.get(link).status_code == 200
    client.force_login(area.users["quality lead"])
    assert link not in client.get(f"/children/{area.child.pk}/").content.decode()
    assert client.get(link).status_code == 403
