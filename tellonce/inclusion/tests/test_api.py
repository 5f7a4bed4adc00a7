"""/api/v1/inclusion: the measures (the council's staff and the board; a SENCO their school's;
small groups suppressed) and the SEND team's list of children with a plan to act on (never the
board, a parent or the other council), each child listed in the access log."""

import pytest

from tellonce.accounts.tests.factories import UserFactory
from tellonce.audit.models import AccessEvent
from tellonce.inclusion.models import ExtractKind
from tellonce.inclusion.tests.test_inclusion import TERM, _import, _part_time, _roll
from tellonce.inclusion.tests.test_inclusion import frozen_today as frozen_today  # noqa: F401
from tellonce.inclusion.tests.test_inclusion import pupils as pupils  # noqa: F401 (a fixture)
from tellonce.organisations.tests.factories import LocalAuthorityFactory

MEASURES = "/api/v1/inclusion/measures"
CHILDREN = "/api/v1/inclusion/children"


def _get(client, user, url):
    client.force_login(user)
    return client.get(url)


@pytest.fixture
def other_council():
    return UserFactory(
        role="send_manager", local_authority=LocalAuthorityFactory(code="998", name="Elsewhere")
    )


def test_the_board_reads_the_figures_with_their_intervals_and_small_groups_suppressed(client, pupils):
    _import(pupils, ExtractKind.ATTENDANCE, _roll(pupils, send=4, none=30))
    body = _get(client, pupils.users["board member"], f"{MEASURES}?by=school").json()
    assert body["term"] == {"code": TERM.code, "label": TERM.label} and body["grouping"] == "school"
    absence = body["summary"][0]
    assert absence["no_sen"]["pupils"] == 30 and absence["no_sen"]["count"] == 3
    assert absence["no_sen"]["interval_low"] < 10 < absence["no_sen"]["interval_high"]
    assert absence["ehc_plan"] == {
        "pupils": None,
        "count": None,
        "percent": None,
        "interval_low": None,
        "interval_high": None,
        "suppressed": True,
    }
    assert absence["send_against_no_sen"] == "not judged (too few pupils)"
    assert pupils.child.family_name not in str(body)


def test_a_senco_reads_their_schools_figures_only_and_never_by_school(client, pupils):
    _import(pupils, ExtractKind.ATTENDANCE, _roll(pupils, send=12, none=30))
    mine = _get(client, pupils.users["SENCO at the school"], f"{MEASURES}?by=school").json()
    assert mine["grouping"] == "need" and mine["summary"][0]["no_sen"]["pupils"] == 30
    elsewhere = _get(client, pupils.users["SENCO elsewhere"], MEASURES).json()
    assert elsewhere["summary"][0]["no_sen"]["pupils"] == 0


def test_the_other_council_reads_no_figures_and_a_parent_is_refused(client, pupils, other_council):
    _import(pupils, ExtractKind.ATTENDANCE, _roll(pupils, send=12, none=30))
    assert _get(client, other_council, MEASURES).json()["term"] is None
    assert _get(client, pupils.users["parent"], MEASURES).status_code == 403


def test_the_send_team_reads_its_list_and_each_child_is_in_the_access_log(client, pupils):
    _part_time(pupils)
    manager = pupils.users["manager"]
    [concern] = _get(client, manager, CHILDREN).json()
    assert concern["child_id"] == str(pupils.child.pk) and concern["reasons"] == ["on a part-time timetable"]
    assert concern["episodes"][0]["kind"] == "part_time"
    assert AccessEvent.objects.filter(child=pupils.child, user=manager, action="listed").exists()


def test_the_list_is_refused_to_the_board_and_a_parent_and_empty_for_the_other_council(
    client, pupils, other_council
):
    _part_time(pupils)
    for who in ("board member", "parent"):
        assert _get(client, pupils.users[who], CHILDREN).status_code == 403
    assert _get(client, other_council, CHILDREN).json() == []
    assert _get(client, pupils.users["SENCO elsewhere"], CHILDREN).json() == []
    assert not AccessEvent.objects.filter(child=pupils.child).exclude(action="change").exists()
