"""Whose consent governs what a parent sees: the family scope lets a parent see a child of
compulsory school age, and one over it only if the young person lacks capacity or agrees; the
young person always sees their own record. The scope in SQL agrees with domain.decisions."""

from datetime import date, timedelta

import pytest
import time_machine

from tellonce.accounts.tests.factories import UserFactory
from tellonce.audit.models import AccessEvent, Action
from tellonce.conftest import acting
from tellonce.core.refusals import EditConflict, InvalidStep
from tellonce.domain.decisions import school_leaving_date
from tellonce.people import services
from tellonce.people.models import Child
from tellonce.people.tests.factories import ChildFactory, FamilyMemberFactory
from tellonce.plans.models import Plan, PlanVersion

TODAY = date(2026, 12, 4)
SEVENTEEN = date(2009, 5, 1)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


def _family(dob: date, **record):
    parent = UserFactory(role="parent", local_authority=None)
    young = UserFactory(role="young_person", local_authority=None)
    child = ChildFactory(date_of_birth=dob, account=young, **record)
    FamilyMemberFactory(child=child, account=parent)
    return child, parent, young


def test_the_parent_of_a_17_year_old_who_has_not_agreed_sees_nothing(db, client):
    child, parent, young = _family(SEVENTEEN)
    assert not Child.objects.visible_to(parent).exists()
    assert list(Child.objects.visible_to(young)) == [child]
    client.force_login(parent)
    assert client.get(f"/children/{child.pk}/").status_code == 404
    assert client.get(f"/api/v1/children/{child.pk}").status_code == 404
    assert "not shared with you" in client.get("/my-children/").content.decode()


def test_the_parent_sees_the_record_once_the_young_person_agrees(db):
    child, parent, _ = _family(SEVENTEEN, agrees_parent_sees=True, agreement_recorded_on=TODAY)
    assert list(Child.objects.visible_to(parent)) == [child]


def test_the_parent_of_a_young_person_who_lacks_capacity_sees_the_record(db):
    child, parent, _ = _family(SEVENTEEN, lacks_capacity=True)
    assert list(Child.objects.visible_to(parent)) == [child]


def test_a_parent_without_parental_responsibility_sees_nothing_whatever_the_age(db):
    child = ChildFactory(date_of_birth=date(2016, 1, 1))
    carer = UserFactory(role="parent", local_authority=None)
    FamilyMemberFactory(child=child, account=carer, parental_responsibility=False)
    assert not Child.objects.visible_to(carer).exists()


def test_what_the_parent_sees_follows_the_record_through_plans(db):
    child, parent, _ = _family(SEVENTEEN)
    plan = Plan.objects.create(ref="EHCP-1", child=child)
    PlanVersion.objects.create(plan=plan, number=1, kind="final", status="issued", issued_on=TODAY)
    assert not Plan.objects.visible_to(parent).exists()
    Child.objects.filter(pk=child.pk).update(agrees_parent_sees=True)
    assert list(Plan.objects.visible_to(parent)) == [plan]


@pytest.mark.parametrize("lacks_capacity", [False, True])
@pytest.mark.parametrize("agrees", [False, True])
def test_the_scope_in_sql_is_the_domains_rule_on_either_side_of_the_leaving_date(db, lacks_capacity, agrees):
    """Children born from 1 August 2009 to 1 October 2010 straddle the June 2026 leaving date."""
    parent = UserFactory(role="parent", local_authority=None)
    born = [date(2009, 8, 1) + timedelta(days=n) for n in range(0, 430, 7)]
    children = [
        ChildFactory(date_of_birth=dob, lacks_capacity=lacks_capacity, agrees_parent_sees=agrees)
        for dob in born
    ]
    for child in children:
        FamilyMemberFactory(child=child, account=parent)
    seen = set(Child.objects.visible_to(parent).values_list("pk", flat=True))
    assert seen == {c.pk for c in children if c.parent_sees_record(TODAY)}
    assert any(school_leaving_date(c.date_of_birth) < TODAY for c in children)
    assert any(school_leaving_date(c.date_of_birth) > TODAY for c in children)


def _decisions(**changes):
    base = {
        "lacks_capacity": False,
        "capacity_assessed_on": None,
        "capacity_assessed_by": "",
        "agrees_parent_sees": False,
        "agreement_recorded_on": None,
    }
    return base | changes


def test_recording_who_decides_is_audited_and_refuses_a_stale_version(area):
    child = area.child
    by = acting(area.users["coordinator"])
    services.record_who_decides(
        child,
        by=by,
        expected_version=child.version,
        changes=_decisions(agrees_parent_sees=True, agreement_recorded_on=TODAY),
    )
    event = AccessEvent.objects.get(child_id=child.pk, action=Action.CHANGE)
    assert event.user == area.users["coordinator"] and "Recorded who decides" in event.what
    with pytest.raises(EditConflict):
        services.record_who_decides(child, by=by, expected_version=child.version - 1, changes=_decisions())


def test_lacking_capacity_needs_the_date_and_who_assessed_it(area):
    with pytest.raises(InvalidStep) as refused:
        services.record_who_decides(
            area.child,
            by=acting(area.users["coordinator"]),
            expected_version=area.child.version,
            changes=_decisions(
                lacks_capacity=True, agrees_parent_sees=True, agreement_recorded_on=TODAY + timedelta(days=1)
            ),
        )
    assert set(refused.value.fields) == {
        "capacity_assessed_on",
        "capacity_assessed_by",
        "agreement_recorded_on",
    }


def test_the_coordinator_records_the_young_persons_agreement_on_its_page(client, area):
    Child.objects.filter(pk=area.child.pk).update(date_of_birth=SEVENTEEN)
    client.force_login(area.users["coordinator"])
    page = client.get(f"/children/{area.child.pk}/who-decides/").content.decode()
    assert "decide for themselves" in page and "has not agreed" in page
    response = client.post(
        f"/children/{area.child.pk}/who-decides/",
        {
            "version": area.child.version,
            "lacks_capacity": "no",
            "agrees_parent_sees": "yes",
            "agreement_recorded_on-day": "1",
            "agreement_recorded_on-month": "12",
            "agreement_recorded_on-year": "2026",
        },
    )
    assert response.status_code == 302
    assert Child.objects.get(pk=area.child.pk).agreement_recorded_on == date(2026, 12, 1)
    assert list(Child.objects.visible_to(area.users["parent"])) == [area.child]


def test_only_the_parents_who_see_the_record_are_told_of_its_plans_and_asked_their_views(db):
    child, _, _ = _family(SEVENTEEN)
    assert not child.parents_who_see_record(TODAY).exists()
    Child.objects.filter(pk=child.pk).update(agrees_parent_sees=True)
    child.refresh_from_db()
    assert child.parents_who_see_record(TODAY).count() == 1
