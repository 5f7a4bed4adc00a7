"""A request made from relevant youth accommodation, and a move to another council before the
assessment finished (SEN2 items 2.3 and 2.8): recorded on the assessment's page, checked, versioned
and audited, and shown to those who see the case."""

from datetime import date

import pytest
import time_machine

from tellonce.assessments import services
from tellonce.assessments.models import AssessmentRequest
from tellonce.audit.models import AccessEvent, Action
from tellonce.conftest import REFUSED, ROLES, acting
from tellonce.people.tests.test_permissions import EDITS_THE_CHILD

TODAY = date(2026, 11, 22)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def case(area):
    return services.record_request(
        area.child,
        by=acting(area.users["coordinator"]),
        received_on=date(2026, 10, 1),
        requested_by="parent",
        today=TODAY,
    )


def test_a_coordinator_records_youth_accommodation_and_a_move_with_an_audit_row(client, area, case):
    client.force_login(area.users["coordinator"])
    url = f"/assessments/{case.pk}/return-details/"
    response = client.post(url, {"version": case.version, "youth_accommodation": "on", "exported_to": "886"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.youth_accommodation, case.exported_to, case.version) == (True, "886", 2)
    assert AccessEvent.objects.filter(child_id=area.child.pk, action=Action.CHANGE).exists()
    page = client.get(f"/assessments/{case.pk}/").content.decode()
    assert "Yes, council 886" in page
    form = client.get(url).content.decode()
    assert 'value="886"' in form and "checked" in form


@pytest.mark.parametrize(
    ("code", "message"),
    [("88", "Enter the LA code in the correct format: 3 digits, like 886"), ("8A6", "Enter the LA code")],
)
def test_a_bad_council_code_is_refused_and_nothing_saved(client, area, case, code, message):
    client.force_login(area.users["coordinator"])
    response = client.post(
        f"/assessments/{case.pk}/return-details/",
        {"version": case.version, "youth_accommodation": "on", "exported_to": code},
    )
    page = response.content.decode()
    assert response.status_code == 200 and message in page and f'value="{code}"' in page
    case.refresh_from_db()
    assert (case.youth_accommodation, case.exported_to) == (False, "")


def test_the_councils_own_code_is_not_a_move(client, area, case):
    client.force_login(area.users["coordinator"])
    own = area.child.local_authority.code
    response = client.post(f"/assessments/{case.pk}/return-details/", {"version": 1, "exported_to": own})
    assert "not this one" in response.content.decode()
    assert AssessmentRequest.objects.get(pk=case.pk).exported_to == ""


def test_a_save_from_an_out_of_date_page_is_refused(client, area, case):
    client.force_login(area.users["coordinator"])
    url = f"/assessments/{case.pk}/return-details/"
    assert client.post(url, {"version": 1, "exported_to": "886"}).status_code == 302
    assert client.post(url, {"version": 1, "exported_to": "887"}).status_code == 409
    assert AssessmentRequest.objects.get(pk=case.pk).exported_to == "886"


@pytest.mark.parametrize("role", ROLES)
def test_only_caseworkers_record_them(client, area, case, role):
    client.force_login(area.users[role])
    response = client.get(f"/assessments/{case.pk}/return-details/")
    assert response.status_code in ({200} if role in EDITS_THE_CHILD else REFUSED)
