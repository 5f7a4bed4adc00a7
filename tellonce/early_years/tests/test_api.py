"""/api/v1/notifications-from-health: the early-years team reads its council's notifications, a
health professional their own, nobody else any (the board, a SENCO, a parent, the other council);
the children a notification may be about are in the access log."""

import pytest
import time_machine

from tellonce.accounts.tests.factories import UserFactory
from tellonce.audit.models import AccessEvent
from tellonce.early_years.tests.test_notifications import _notify
from tellonce.early_years.tests.test_notifications import people as people  # noqa: F401 (a fixture)
from tellonce.people.tests.factories import ChildFactory

URL = "/api/v1/notifications-from-health"


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel("2026-11-16 10:00"):
        yield


def _get(client, user, url=URL):
    client.force_login(user)
    return client.get(url)


def test_the_team_reads_its_councils_notifications_with_their_next_dates(client, people):
    made = _notify(people)
    for who in ("officer", "manager"):
        response = _get(client, people[who])
        assert response.status_code == 200
        [found] = response.json()
        assert (found["ref"], found["stage"], found["child_id"]) == (made.ref, "New", None)
        assert found["acknowledge_by"] == "2026-11-23" and found["outcome"] is None


def test_a_health_visitor_reads_only_their_own(client, people):
    made = _notify(people)
    assert [n["ref"] for n in _get(client, people["health visitor"]).json()] == [made.ref]
    assert _get(client, people["another health visitor"]).json() == []


def test_the_other_council_reads_none_and_the_board_a_senco_and_a_parent_are_refused(client, people):
    _notify(people)
    assert _get(client, people["other council's officer"]).json() == []
    parent = UserFactory(role="parent", local_authority=None)
    for user in (people["board"], people["SENCO"], parent):
        assert _get(client, user).status_code == 403


def test_the_child_a_notification_may_be_about_is_in_the_access_log(client, people):
    alike = ChildFactory(local_authority=people["la"], nhs_number="9434765919")
    _notify(people, nhs_number="9434765919")
    assert _get(client, people["officer"], URL + "?open_only=true").status_code == 200
    event = AccessEvent.objects.get(child=alike, user=people["officer"])
    assert event.action == "listed" and event.via.startswith("GET /api/v1/")
