"""/api/v1/appeals: the same scope as the pages (the council's casework roles and the family), each
read in the access log, each order with its deadlines and regulation."""

from datetime import date

import pytest
import time_machine

from tellonce.appeals.tests.builders import appeal_with_an_order
from tellonce.audit.models import AccessEvent, Action

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 20)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def appeal(area):
    return appeal_with_an_order(area, today=TODAY)


@pytest.mark.parametrize(
    ("role", "listed", "detail"),
    [
        ("coordinator", 1, 200),
        ("manager", 1, 200),
        ("parent", 1, 200),
        ("parent of another child", 0, 404),
        ("SENCO at the school", None, 403),
        ("therapist asked to help", None, 403),
    ],
)
def test_appeals_are_read_through_the_api_only_in_scope(client, area, appeal, role, listed, detail):
    user = area.users[role]
    client.force_login(user)
    found = client.get("/api/v1/appeals")
    assert found.status_code == (403 if listed is None else 200)
    if listed is not None:
        assert len(found.json()) == listed
    one = client.get(f"/api/v1/appeals/{appeal.pk}")
    assert one.status_code == detail
    if detail == 200:
        body = one.json()
        assert body["sen2_stage"] == "request"
        assert body["next_deadline"] == {"what": "Send the council's response", "due": "2026-12-02"}
        assert body["orders"][0]["deadlines"][-1] == {
            "title": "Issue the final EHC plan",
            "due": "2027-02-08",
            "regulation": "SEND Regulations 2014 reg. 44",
        }
        assert AccessEvent.objects.filter(user=user, child_id=area.child.pk, action=Action.READ).exists()
