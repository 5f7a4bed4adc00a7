"""The improvement plan in the JSON API: the plan whole (priorities, actions with any withdrawal,
ratings, measures), only for those who may see it on the pages, and never another council's."""

from datetime import timedelta

import pytest
import time_machine

from tellonce.accounts.models import ApiToken
from tellonce.accounts.tests.factories import UserFactory
from tellonce.conftest import AGGREGATE_READERS, ROLES, acting
from tellonce.improvement import services
from tellonce.improvement.models import Action
from tellonce.improvement.tests.conftest import OWNER, TODAY
from tellonce.organisations.tests.factories import LocalAuthorityFactory


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


def test_a_manager_reads_the_plan_whole_with_a_withdrawn_action_marked(client, area, plan):
    manager = area.users["manager"]
    first = plan.priorities.get(number=1)
    kept = services.add_action(
        first,
        by=acting(manager),
        text="One standard",
        owner=area.users[OWNER],
        partner_agency="",
        due_on=TODAY + timedelta(days=10),
    )
    merged = Action.objects.exclude(pk=kept.pk).get()
    services.withdraw_action(
        merged,
        by=acting(manager),
        today=TODAY,
        expected_version=1,
        reason="merged",
        merged_into=kept,
        note="Merged at the board",
    )
    client.force_login(manager)
    (summary,) = client.get("/api/v1/improvement-plans").json()
    assert summary["id"] == str(plan.pk) and summary["priorities"] == plan.priorities.count()
    body = client.get(f"/api/v1/improvement-plans/{plan.pk}").json()
    assert [p["number"] for p in body["priorities"]] == list(range(1, plan.priorities.count() + 1))
    area_one = body["priorities"][0]
    assert area_one["rating_today"] == "red" and area_one["ratings"][0]["reason"] == "Baseline"
    assert [m["key"] for m in area_one["measures"]] == ["assessments.plans_within_20_weeks"]
    actions = {a["id"]: a for a in area_one["actions"]}
    assert actions[str(merged.pk)]["withdrawal"] == {
        "withdrawn_on": TODAY.isoformat(),
        "reason": "merged",
        "merged_into": str(kept.pk),
        "note": "Merged at the board",
    }
    assert actions[str(merged.pk)]["overdue"] is False
    assert actions[str(kept.pk)]["withdrawal"] is None


@pytest.mark.parametrize("role", ROLES)
def test_only_those_who_see_the_plan_on_its_pages_may_read_it_in_the_api(client, area, plan, role):
    client.force_login(area.users[role])
    listed = client.get("/api/v1/improvement-plans")
    one = client.get(f"/api/v1/improvement-plans/{plan.pk}")
    if role in AGGREGATE_READERS:
        assert (listed.status_code, one.status_code) == (200, 200)
    else:
        assert (listed.status_code, one.status_code) == (403, 403)
        assert one.json() == {"detail": "You do not have permission to use this endpoint"}


def test_another_councils_plan_is_not_found_and_not_listed(client, plan):
    elsewhere = UserFactory(
        role="send_manager", local_authority=LocalAuthorityFactory(code="888", name="Southmoor Council")
    )
    _, key = ApiToken.issue(elsewhere, "test")
    headers = {"Authorization": f"Bearer {key}"}
    assert client.get(f"/api/v1/improvement-plans/{plan.pk}", headers=headers).status_code == 404
    assert client.get("/api/v1/improvement-plans", headers=headers).json() == []


def test_a_caller_not_signed_in_is_refused(client, plan):
    assert client.get(f"/api/v1/improvement-plans/{plan.pk}").status_code == 401
