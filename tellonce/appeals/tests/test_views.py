"""The permission table for mediation and appeals: the council's casework roles and the child's family
read them; only the child's caseworkers record them. Out of scope is 404 (a parent of another child,
another council), without the capability 403 (a school, a health professional); signed out goes to
sign in. The pages say each deadline in the tense its date needs, and the work list gives the
council's deadlines."""

from datetime import date

import pytest
import time_machine

from tellonce.accounts.tests.factories import UserFactory
from tellonce.appeals import work
from tellonce.appeals.models import Appeal, Mediation
from tellonce.appeals.tests.builders import appeal_with_an_order
from tellonce.audit.models import AccessEvent, Action
from tellonce.conftest import REFUSED, ROLES
from tellonce.organisations.tests.factories import LocalAuthorityFactory

TODAY = date(2026, 11, 20)
READERS = {"coordinator", "other coordinator", "manager", "quality lead", "parent"}
CASEWORKERS = {"coordinator", "manager"}

PAGES = {
    "/children/{child}/appeals/": READERS,
    "/appeals/{appeal}/": READERS,
    "/appeals/{appeal}/change/": CASEWORKERS,
    "/appeals/{appeal}/orders/new/": CASEWORKERS,
    "/appeals/orders/{order}/complied/": CASEWORKERS,
    "/mediation/{mediation}/change/": CASEWORKERS,
    "/children/{child}/appeals/new/": CASEWORKERS,
    "/children/{child}/mediation/new/": CASEWORKERS,
}

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def appeal(area):
    return appeal_with_an_order(area, today=TODAY)


def _path(path, appeal):
    return path.format(
        child=appeal.child_id,
        appeal=appeal.pk,
        order=appeal.orders.get().pk,
        mediation=Mediation.objects.get(child=appeal.child).pk,
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", PAGES)
def test_an_appeal_page_answers_200_in_scope_and_is_refused_outside_it(client, area, appeal, role, path):
    user = area.users[role]
    client.force_login(user)
    response = client.get(_path(path, appeal))
    assert response.status_code in ({200} if role in PAGES[path] else REFUSED)
    if role == "parent of another child" and PAGES[path] == READERS:
        assert response.status_code == 404  # a family may read appeals, but not this child's
    if role == "SENCO at the school":
        assert response.status_code == 403
    reads = AccessEvent.objects.filter(user=user, child_id=area.child.pk, action=Action.READ)
    assert reads.exists() is (role in PAGES[path])


@pytest.mark.parametrize("path", PAGES)
def test_another_councils_coordinator_and_manager_reach_nothing(client, appeal, path):
    elsewhere = LocalAuthorityFactory(name="Southbridge Council", code="998")
    for role in ("ehc_coordinator", "send_manager"):
        client.force_login(UserFactory(role=role, local_authority=elsewhere))
        assert client.get(_path(path, appeal)).status_code == 404


@pytest.mark.parametrize("path", PAGES)
def test_an_appeal_page_sends_a_signed_out_visitor_to_sign_in(client, appeal, path):
    response = client.get(_path(path, appeal))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/sign-in/")


@pytest.mark.parametrize("role", ROLES)
def test_the_open_appeals_are_listed_for_the_caseworkers_whose_casework_reaches_them(
    client, area, appeal, role
):
    client.force_login(area.users[role])
    response = client.get("/appeals/")
    allowed = {"coordinator", "other coordinator", "manager"}
    assert response.status_code in ({200} if role in allowed else REFUSED)
    if response.status_code == 200:
        shown = area.child.full_name in response.content.decode()
        assert shown is (role != "other coordinator")  # another coordinator's caseload


def test_the_family_reads_their_deadlines_in_the_tense_their_dates_need(client, area, appeal):
    client.force_login(area.users["parent"])
    child_page = client.get(f"/children/{area.child.pk}/").content.decode()
    assert f"/children/{area.child.pk}/appeals/" in child_page  # the way in from the child's page
    page = client.get(f"/children/{area.child.pk}/appeals/").content.decode()
    # Contact by 3 October 2026: done on 20 August. The appeal (by the later of 2 months, Saturday
    # 3 October so Monday 5 October, and a month from the certificate) was registered on 15 September.
    assert "Done on 20 August 2026" in page
    assert "Done on 15 September 2026" in page
    assert "You had until" not in page
    assert "Record mediation" not in page
    client.force_login(area.users["manager"])
    mediation = Mediation.objects.get(child=area.child)
    Appeal.objects.filter(mediation=mediation).update(mediation=None)  # as if no appeal followed it
    page = client.get(f"/children/{area.child.pk}/appeals/").content.decode()
    assert "You had until 5 October 2026" in page
    client.force_login(area.users["parent"])
    detail = client.get(f"/appeals/{appeal.pk}/").content.decode()
    # The order to assess on 2 November 2026: tell the family by 16 November (past), a final plan
    # by 8 February 2027 (to come).
    assert "The council had until 16 November 2026" in detail
    assert "The council has until 8 February 2027" in detail
    assert "SEND Regulations 2014 reg. 44" in detail
    assert "Update the appeal" not in detail


def test_a_coordinator_records_an_appeal_and_a_bad_submit_keeps_what_was_typed(client, area):
    client.force_login(area.users["coordinator"])
    data = {
        "ground": "refusal_to_issue",
        "about": "",
        "decision_on-day": "1",
        "decision_on-month": "10",
        "decision_on-year": "2026",
        "registered_on-day": "30",
        "registered_on-month": "9",
        "registered_on-year": "2026",
        "tribunal_ref": "EH999/26/00002",
        "mediation": "",
        "notes": "",
    }
    response = client.post(f"/children/{area.child.pk}/appeals/new/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "The appeal cannot be before the decision" in page
    assert "EH999/26/00002" in page
    assert not Appeal.objects.exists()
    response = client.post(
        f"/children/{area.child.pk}/appeals/new/",
        data | {"registered_on-day": "15", "registered_on-month": "10"},
    )
    assert response.status_code == 302
    assert Appeal.objects.get().tribunal_ref == "EH999/26/00002"


def test_a_caseworkers_work_gives_each_response_and_order_deadline_in_two_queries(
    area, appeal, django_assert_num_queries
):
    with django_assert_num_queries(2):  # the child scope is a subquery of each list
        items = work.work_for(area.users["coordinator"], today=TODAY)
    assert [(i.kind, i.due_on) for i in items] == [
        (work.RESPONSE, date(2026, 12, 2)),
        (work.ORDERS, date(2027, 2, 8)),
    ]
    assert all(i.child_name == area.child.full_name for i in items)
    assert work.work_for(area.users["other coordinator"], today=TODAY) == []
    assert len(work.work_for(area.users["manager"], today=TODAY)) == 2
    assert work.work_for(area.users["parent"], today=TODAY) == []
