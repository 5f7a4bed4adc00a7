"""The permission table for reviews: whoever sees the plan sees its reviews; the child's SENCO sends
the review report; only the child's caseworkers run the review, cease the plan or record a move.
Out of scope is 404; signed out goes to sign in; reading a review leaves an audit row."""

from datetime import date

import pytest
import time_machine

from tellonce.audit.models import AccessEvent, Action
from tellonce.conftest import AGGREGATE_READERS, COUNCIL_ROLES, REFUSED, ROLES, acting
from tellonce.reviews import services
from tellonce.reviews.tests.builders import plan_in_force

TODAY = date(2026, 11, 22)
SEES_THE_PLAN = COUNCIL_ROLES | {
    "SENCO at the school",
    "parent",
    "therapist asked to help",
    "paediatrician asked by name",
}
CASEWORKERS = {"coordinator", "manager"}

PAGES = {
    "/plans/{plan}/reviews/": SEES_THE_PLAN,
    "/reviews/{review}/": SEES_THE_PLAN,
    "/reviews/{review}/report/": CASEWORKERS | {"SENCO at the school"},
    "/reviews/{review}/invitations/": CASEWORKERS,
    "/reviews/{review}/meeting/": CASEWORKERS,
    "/reviews/{review}/decision/": CASEWORKERS,
    "/plans/{plan}/reviews/new/": CASEWORKERS,
    "/plans/{plan}/cease/": CASEWORKERS,
    "/plans/{plan}/moves/out/": CASEWORKERS,
    "/children/{child}/plans/transfer-in/": CASEWORKERS,
}
AREA_PAGES = {
    "/reviews/": COUNCIL_ROLES,
    "/reviews/our-pupils/": {"SENCO at the school", "SENCO elsewhere"},
    "/reviews/timeliness/": AGGREGATE_READERS,
    "/reviews/attention/": COUNCIL_ROLES,
    "/reviews/adulthood/": COUNCIL_ROLES,
}


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def review(area):
    plan = plan_in_force(area, today=TODAY)
    return services.schedule_review(
        plan, by=acting(area.users["coordinator"]), meeting_on=date(2026, 10, 19), today=TODAY
    )


def _path(path, review):
    return path.format(plan=review.plan_id, review=review.pk, child=review.plan.child_id)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", PAGES)
def test_a_review_page_answers_200_in_scope_and_404_outside_it(client, area, review, role, path):
    user = area.users[role]
    client.force_login(user)
    response = client.get(_path(path, review))
    assert response.status_code in ({200} if role in PAGES[path] else REFUSED)
    if path == "/reviews/{review}/":
        reads = AccessEvent.objects.filter(user=user, child=area.child, action=Action.READ)
        assert reads.count() == (1 if role in PAGES[path] else 0)


@pytest.mark.parametrize("path", PAGES)
def test_a_review_page_sends_a_signed_out_visitor_to_sign_in(client, review, path):
    response = client.get(_path(path, review))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/sign-in/")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", AREA_PAGES)
def test_the_area_review_pages_are_open_only_to_the_roles_they_serve(client, area, review, role, path):
    client.force_login(area.users[role])
    assert client.get(path).status_code in ({200} if role in AREA_PAGES[path] else REFUSED)


def test_the_senco_lists_only_their_own_pupils_reviews(client, area, review):
    client.force_login(area.users["SENCO at the school"])
    assert area.child.full_name in client.get("/reviews/our-pupils/").content.decode()
    client.force_login(area.users["SENCO elsewhere"])
    assert area.child.full_name not in client.get("/reviews/our-pupils/").content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_only_the_caseworkers_can_record_a_decision(client, area, review, role):
    services.record_meeting(
        review,
        by=acting(area.users["coordinator"]),
        held_on=date(2026, 10, 19),
        attendance=[],
        expected_version=review.version,
        today=TODAY,
    )
    review.refresh_from_db()
    client.force_login(area.users[role])
    data = {
        "version": review.version,
        "decision": "maintain",
        "notified_on-day": "2",
        "notified_on-month": "11",
        "notified_on-year": "2026",
        "reason": "",
        "cease_reason": "",
    }
    response = client.post(f"/reviews/{review.pk}/decision/", data)
    allowed = role in CASEWORKERS
    assert response.status_code in ({302} if allowed else REFUSED)
    review.refresh_from_db()
    assert (review.decision == "maintain") is allowed


def test_the_reviews_a_user_reaches_are_the_reviews_of_the_plans_they_reach(area, review):
    """For the council's own staff the reviews' scope is the review's own council key (with the
    child's coordinator for a caseload, ADR 97), not a join through the plan to the child; for
    everyone, each capability reaches exactly the reviews of the plans it reaches. Another
    council's review is out of reach even when its child names this council's coordinator."""
    from tellonce.accounts.policy import Capability
    from tellonce.organisations.tests.factories import LocalAuthorityFactory
    from tellonce.people.tests.factories import ChildFactory
    from tellonce.plans.models import Plan
    from tellonce.reviews.models import AnnualReview

    other_plan = Plan.objects.create(ref="other", child=area.other_child)
    theirs = ChildFactory(
        local_authority=LocalAuthorityFactory(code="998", name="Another council"),
        coordinator=area.users["coordinator"],
    )
    reviews = [
        review,
        AnnualReview.objects.create(plan=other_plan, next_step_due=TODAY),
        AnnualReview.objects.create(
            plan=Plan.objects.create(ref="theirs", child=theirs), next_step_due=TODAY
        ),
    ]
    assert (
        {r.local_authority_id for r in reviews[:2]}
        == {area.child.local_authority_id}
        != {reviews[2].local_authority_id}
    )
    for capability in (Capability.VIEW_REVIEW, Capability.RUN_REVIEW):
        for name, user in area.users.items():
            reached = set(AnnualReview.objects.all()._within(user, capability))
            expected = set(AnnualReview.objects.filter(plan__in=Plan.objects.within_scope(user, capability)))
            assert reached == expected, (name, capability)
    assert set(AnnualReview.objects.visible_to(area.users["manager"])) == set(reviews[:2])
    assert set(AnnualReview.objects.editable_by(area.users["coordinator"])) == {review}
    assert set(AnnualReview.objects.editable_by(area.users["other coordinator"])) == {reviews[1]}
