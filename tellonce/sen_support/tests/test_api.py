"""/api/v1/sen-support: a SENCO reads their own school's pupils on SEN support, with their status
at each census and their cycles; the council's staff every school's; the board, a parent and the
other council none; each pupil read or listed is in the access log."""

import pytest
import time_machine

from tellonce.accounts.tests.factories import UserFactory
from tellonce.audit.models import AccessEvent
from tellonce.organisations.tests.factories import LocalAuthorityFactory
from tellonce.sen_support.tests.test_sen_support import _cycle, _file, _import, upn
from tellonce.sen_support.tests.test_sen_support import school as school  # noqa: F401 (a fixture)

URL = "/api/v1/sen-support/pupils"


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel("2026-11-16 10:00"):
        yield


@pytest.fixture
def recorded(school):
    _import(school, _file(f"123456,2026-10-01,{upn(1)},Shah,Lily,2016-03-14,K,SLCN,"))
    return _cycle(school)


def _get(client, user, url):
    client.force_login(user)
    return client.get(url)


def test_a_senco_reads_their_pupils_status_and_cycles(client, school, recorded):
    known = school["known"]
    [pupil] = _get(client, school["senco"], URL).json()
    assert (pupil["child_id"], pupil["cycles"]) == (str(known.pk), 1)
    assert pupil["latest_census"]["provision"] == "K" and pupil["latest_census"]["need_1"] == "SLCN"
    detail = _get(client, school["senco"], f"{URL}/{known.pk}").json()
    assert [c["census_date"] for c in detail["censuses"]] == ["2026-10-01"]
    assert detail["cycles"][0]["provision"] == recorded.provision and detail["cycles"][0]["outcome"] is None
    events = AccessEvent.objects.filter(child=known, user=school["senco"], via__startswith="GET /api/")
    assert set(events.values_list("action", flat=True)) == {"listed", "read"}


def test_the_councils_analyst_reads_every_schools_and_another_senco_none(client, school, recorded):
    assert len(_get(client, school["analyst"], URL).json()) == 1
    assert _get(client, school["other senco"], URL).json() == []
    assert _get(client, school["other senco"], f"{URL}/{school['known'].pk}").status_code == 404


def test_the_board_a_parent_and_the_other_council_read_no_pupil(client, school, recorded):
    known = school["known"]
    other = UserFactory(role="analyst", local_authority=LocalAuthorityFactory(code="998", name="Elsewhere"))
    assert _get(client, other, URL).json() == []
    assert _get(client, other, f"{URL}/{known.pk}").status_code == 404
    for user in (school["board"], UserFactory(role="parent", local_authority=None)):
        assert _get(client, user, URL).status_code == 403
        assert _get(client, user, f"{URL}/{known.pk}").status_code == 403
    assert not AccessEvent.objects.filter(child=known, user=other).exists()
