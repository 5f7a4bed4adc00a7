"""The council's check: the New requests queue, possible matches confirmed or rejected by a person,
the assessment request recorded as received on the day the request was sent, and the work list."""

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tellonce.assessments import services as case_services
from tellonce.assessments.models import AssessmentRequest
from tellonce.conftest import acting
from tellonce.core.refusals import InvalidStep
from tellonce.front_door import services
from tellonce.front_door.matching import candidates, mentioned
from tellonce.front_door.models import MatchDecision, OnlineRequest, Status
from tellonce.front_door.tests.factories import OnlineRequestFactory
from tellonce.front_door.work import CONSENT, NEW, work_for
from tellonce.organisations.tests.factories import LocalAuthorityFactory
from tellonce.people.models import Child
from tellonce.people.tests.factories import ChildFactory

SENT = date(2026, 11, 2)
TODAY = date(2026, 11, 20)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


def _sent(area, requester="parent", **answers) -> OnlineRequest:
    user = area.users[requester]
    return OnlineRequestFactory(
        local_authority=area.child.local_authority,
        requester=user,
        requested_by=services.source_for(user.role),
        status=Status.SUBMITTED,
        submitted_on=SENT,
        **answers,
    )


def test_a_request_with_the_same_nhs_number_is_a_possible_match(area):
    Child.objects.filter(pk=area.child.pk).update(nhs_number="4857773456")
    request = _sent(area, nhs_number="4857773456")
    found = candidates(request, Child.objects.all())
    assert [c.child for c in found] == [area.child]
    assert found[0].reasons == ("same NHS number",)


def test_a_request_with_the_same_name_and_date_of_birth_is_a_possible_match(area):
    child = area.child
    request = _sent(
        area,
        given_name=child.given_name.upper(),
        family_name=child.family_name,
        date_of_birth=child.date_of_birth,
    )
    assert [c.child for c in candidates(request, Child.objects.all())] == [child]


def test_the_same_name_with_another_date_of_birth_is_no_match(area):
    request = _sent(
        area,
        given_name=area.child.given_name,
        family_name=area.child.family_name,
        date_of_birth=date(2010, 1, 1),
    )
    assert candidates(request, Child.objects.all()) == []


def test_a_child_of_another_council_with_the_same_upn_is_no_match(area):
    ChildFactory(
        local_authority=LocalAuthorityFactory(name="Southbridge Council", code="998"), upn="A123456789012"
    )
    request = _sent(area, upn="A123456789012")
    assert candidates(request, Child.objects.all()) == []
    assert mentioned([request]) == []


def test_confirming_a_match_records_the_request_for_that_child_received_when_it_was_sent(area):
    request = _sent(area, requester="SENCO at the school", upn="A123456789012")
    case = services.accept(
        request,
        by=acting(area.users["coordinator"]),
        expected_version=request.version,
        today=TODAY,
        child=area.child,
    )
    request.refresh_from_db()
    assert case.child == area.child and case.received_on == SENT and case.requested_by == "setting"
    assert request.assessment == case and request.status == Status.ACCEPTED
    assert request.match_decision == MatchDecision.CONFIRMED
    assert case.clock(TODAY).next_deadline.due == date(2026, 12, 14)


def test_rejecting_the_matches_makes_a_new_record_with_the_family_the_request_named(area):
    before = Child.objects.count()
    request = _sent(
        area, requester="SENCO at the school", parent_name="Lina Haddad", parent_email="lina@example.org"
    )
    case = services.accept(
        request,
        by=acting(area.users["coordinator"]),
        expected_version=request.version,
        today=TODAY,
        child=None,
    )
    assert Child.objects.count() == before + 1
    child = case.child
    assert (child.given_name, child.family_name, child.date_of_birth) == ("Noor", "Haddad", date(2017, 5, 2))
    assert child.local_authority == area.child.local_authority
    member = child.family.get()
    assert (member.given_name, member.email, member.account) == ("Lina", "lina@example.org", None)
    assert child.timeline.filter(title="Record made from online request " + request.ref).exists()


def test_a_child_of_another_council_cannot_be_confirmed(area):
    request = _sent(area)
    elsewhere = ChildFactory(local_authority=LocalAuthorityFactory(name="Southbridge Council", code="998"))
    with pytest.raises(InvalidStep):
        services.accept(
            request,
            by=acting(area.users["coordinator"]),
            expected_version=request.version,
            today=TODAY,
            child=elsewhere,
        )


def test_a_request_is_recorded_only_once(area):
    request = _sent(area)
    services.accept(
        request,
        by=acting(area.users["coordinator"]),
        expected_version=request.version,
        today=TODAY,
        child=None,
    )
    with pytest.raises(InvalidStep):
        services.accept(
            request,
            by=acting(area.users["manager"]),
            expected_version=request.version,
            today=TODAY,
            child=None,
        )
    assert AssessmentRequest.objects.count() == 1


def test_the_queue_shows_the_councils_waiting_requests_with_a_possible_match(client, area):
    matched = _sent(
        area,
        given_name=area.child.given_name,
        family_name=area.child.family_name,
        date_of_birth=area.child.date_of_birth,
    )
    unmatched = _sent(area, given_name="Zara", family_name="Quinn")
    OnlineRequestFactory(local_authority=area.child.local_authority, requester=area.users["parent"])
    client.force_login(area.users["coordinator"])
    page = client.get("/new-requests/").content.decode()
    assert matched.ref in page and unmatched.ref in page
    assert page.count("Possible match") == 1 and page.count("No match") == 1
    assert "14 December 2026" in page  # 6 weeks from 2 November


def test_a_coordinator_confirms_a_match_from_the_check_page(client, area):
    request = _sent(
        area,
        given_name=area.child.given_name,
        family_name=area.child.family_name,
        date_of_birth=area.child.date_of_birth,
    )
    client.force_login(area.users["coordinator"])
    page = client.get(f"/new-requests/{request.pk}/").content.decode()
    assert "same name and date of birth" in page
    response = client.post(
        f"/new-requests/{request.pk}/", {"version": request.version, "child": str(area.child.pk)}
    )
    case = AssessmentRequest.objects.get()
    assert response["Location"] == f"/assessments/{case.pk}/"
    assert case.child == area.child and case.received_on == SENT


def test_the_check_page_asks_a_person_to_choose(client, area):
    request = _sent(area)
    client.force_login(area.users["manager"])
    response = client.post(f"/new-requests/{request.pk}/", {"version": request.version})
    assert "Select the matching child, or that none of them is the child" in response.content.decode()
    assert AssessmentRequest.objects.count() == 0


def test_the_family_sees_the_request_once_matched_to_their_child(client, area):
    request = _sent(area, requester="SENCO at the school")
    client.force_login(area.users["parent"])
    assert client.get(f"/requests/{request.pk}/").status_code == 404
    services.accept(
        request,
        by=acting(area.users["coordinator"]),
        expected_version=request.version,
        today=TODAY,
        child=area.child,
    )
    page = client.get(f"/requests/{request.pk}/").content.decode()
    assert "Waiting for a decision on whether to assess" in page and request.ref in page
    assert request.ref in client.get("/requests/").content.decode()
    request.refresh_from_db()
    case = request.assessment
    case_services.decide_to_assess(
        case,
        by=acting(area.users["coordinator"]),
        notified_on=TODAY,
        expected_version=case.version,
        today=TODAY,
    )
    page = client.get(f"/requests/{request.pk}/").content.decode()
    assert "Needs assessment under way" in page


def test_new_requests_are_work_due_by_the_decision_deadline_in_two_queries(area):
    _sent(area)
    _sent(area, requester="SENCO at the school", family_consent="not_asked")
    OnlineRequestFactory(
        local_authority=LocalAuthorityFactory(name="Southbridge Council", code="998"),
        requester=area.users["parent"],
        status=Status.SUBMITTED,
        submitted_on=SENT,
    )
    with CaptureQueriesContext(connection) as queries:
        items = work_for(area.users["coordinator"], today=TODAY)
    assert len(queries) == 2  # the requests, and the children they may be about
    assert sorted(item.kind for item in items) == sorted([NEW, CONSENT])
    assert all(item.mentions == () for item in items)
    assert {item.due_on for item in items} == {date(2026, 12, 14)}
    assert work_for(area.users["parent"], today=TODAY) == []
    assert work_for(area.users["analyst"], today=TODAY) == []


def test_the_familys_agreement_the_school_recorded_is_kept_on_the_childs_record(area):
    request = _sent(
        area,
        requester="SENCO at the school",
        parent_name="Grace Okafor",
        parent_email="grace@example.org",
        family_consent="yes",
        consent_how="Signed at the review meeting",
    )
    services.accept(
        request,
        by=acting(area.users["coordinator"]),
        expected_version=request.version,
        today=TODAY,
        child=area.child,
    )
    consents = area.child.consents.all()
    assert {c.share_with for c in consents} == {"education", "health", "social_care"}
    assert all(c.given_by == "Grace Okafor" and "Signed at the review meeting" in c.notes for c in consents)


def test_no_consent_is_recorded_when_the_family_has_not_agreed(area):
    request = _sent(area, requester="SENCO at the school", family_consent="not_asked")
    services.accept(
        request,
        by=acting(area.users["coordinator"]),
        expected_version=request.version,
        today=TODAY,
        child=area.child,
    )
    assert not area.child.consents.exists()


def test_a_stale_page_is_refused_and_says_someone_else_changed_it(client, area):
    draft = OnlineRequestFactory(local_authority=area.child.local_authority, requester=area.users["parent"])
    stale = draft.version
    client.force_login(area.users["parent"])
    client.post(f"/requests/{draft.pk}/reason/", {"version": stale, "reason": "First", "action": "continue"})
    response = client.post(
        f"/requests/{draft.pk}/reason/", {"version": stale, "reason": "Second", "action": "continue"}
    )
    assert response.status_code == 409
    draft.refresh_from_db()
    assert draft.reason == "First"


def test_a_new_request_alike_a_known_child_names_that_child_for_the_access_log(area):
    Child.objects.filter(pk=area.child.pk).update(nhs_number="4857773456")
    _sent(area, nhs_number="4857773456")
    [item] = work_for(area.users["manager"], today=TODAY)
    assert item.child_id is None and item.mentions == (area.child.pk,)
