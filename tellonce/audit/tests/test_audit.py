import pytest
from django.db import transaction

from tellonce.audit import services
from tellonce.audit.models import AccessEvent, Action
from tellonce.conftest import build_area


def test_a_change_cannot_be_recorded_outside_a_transaction(transactional_db):
    area = build_area()
    with pytest.raises(RuntimeError):
        services.record_change(area.users["coordinator"], area.child, "Changed something")
    assert not AccessEvent.objects.exists()


def test_a_change_rolled_back_takes_its_audit_row_with_it(area):
    with pytest.raises(LookupError), transaction.atomic():
        services.record_change(area.users["coordinator"], area.child, "Changed something")
        raise LookupError("the change failed after it was logged")
    assert not AccessEvent.objects.exists()


def test_the_access_log_lists_who_read_and_changed_the_record(client, area):
    client.force_login(area.users["parent"])
    client.get(f"/children/{area.child.pk}/")
    client.force_login(area.users["administrator"])
    page = client.get(f"/children/{area.child.pk}/access-log/").content.decode()
    assert str(area.users["parent"]) in page and "Parent or carer" in page
    assert AccessEvent.objects.filter(child_id=area.child.pk, action=Action.READ).count() == 1


def test_searching_records_each_child_shown(client, area):
    client.force_login(area.users["quality lead"])
    response = client.get("/children/find/", {"name": area.child.given_name})
    assert response.status_code == 200
    listed = AccessEvent.objects.filter(action=Action.LISTED).values_list("child_id", flat=True)
    assert list(listed) == [area.child.pk]
