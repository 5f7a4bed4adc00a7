"""The permission table for plans and comments: a version being written is seen only by council
staff; once sent, by the family, the child's SENCO and the professionals working with the child;
only the family comments, only the child's caseworkers change or answer. Out of scope is 404;
signed out goes to sign in (pages) or 401 (API); each read leaves an audit row."""

from datetime import date

import pytest
import time_machine

from tellonce.audit.models import AccessEvent, Action
from tellonce.conftest import COUNCIL_ROLES, REFUSED, ROLES, acting
from tellonce.plans import services
from tellonce.plans.models import Kind
from tellonce.plans.tests.builders import TODAY, started_plan

SENT_TO = COUNCIL_ROLES | {
    "SENCO at the school",
    "parent",
    "therapist asked to help",
    "paediatrician asked by name",
}
CASEWORKERS = {"coordinator", "manager"}

PAGES = {
    "/plans/{pk}/": SENT_TO,
    "/plans/{pk}/versions/1/": SENT_TO,
    "/plans/{pk}/versions/1/plan.pdf": SENT_TO,
    "/plans/{pk}/versions/1/plan.docx": SENT_TO,
    "/plans/{pk}/versions/2/": COUNCIL_ROLES,
    "/plans/{pk}/versions/2/compare/": COUNCIL_ROLES,
    "/plans/{pk}/versions/2/sections/B/": CASEWORKERS,
    "/plans/{pk}/versions/2/sections/F/items/new/": CASEWORKERS,
    "/plans/{pk}/versions/2/issue/": CASEWORKERS,
    "/plans/{pk}/officers/": CASEWORKERS,
    "/plans/{pk}/versions/1/comment/": {"parent"},
    "/plans/{pk}/versions/1/ask/meeting/": {"parent"},
    "/plans/{pk}/comments/{comment}/answer/": CASEWORKERS,
    "/api/v1/plans/{pk}": SENT_TO,
    "/api/v1/plans/{pk}/versions/1": SENT_TO,
    "/api/v1/plans/{pk}/versions/2": COUNCIL_ROLES,
    "/api/v1/plans/{pk}/findings": COUNCIL_ROLES,
}
READS = {"/plans/{pk}/versions/1/", "/plans/{pk}/versions/1/plan.pdf", "/api/v1/plans/{pk}"}
AREA_PAGES = {
    "/plans/quality/": COUNCIL_ROLES | {"board member"},
    "/plans/checks/": {"manager", "quality lead"},
}


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def plan_with_a_sent_draft(area):
    plan, draft = started_plan(area)
    coordinator = area.users["coordinator"]
    services.serve(
        draft,
        by=acting(coordinator),
        served_on=date(2026, 11, 20),
        today=TODAY,
        expected_version=draft.version,
    )
    draft.refresh_from_db()
    comment = services.comment(
        draft, by=acting(area.users["parent"]), text="Please add swimming", today=TODAY
    )
    services.prepare_next(plan, kind=Kind.FINAL, by=acting(coordinator), today=TODAY)
    return plan, comment


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", PAGES)
def test_a_plan_page_answers_200_in_scope_and_404_outside_it(
    client, area, plan_with_a_sent_draft, role, path
):
    plan, comment = plan_with_a_sent_draft
    user = area.users[role]
    client.force_login(user)
    response = client.get(path.format(pk=plan.pk, comment=comment.pk), follow=path == "/plans/{pk}/")
    assert response.status_code in ({200} if role in PAGES[path] else REFUSED)
    if path in READS:
        reads = AccessEvent.objects.filter(user=user, child=area.child, action=Action.READ)
        assert reads.count() == (1 if role in PAGES[path] else 0)


@pytest.mark.parametrize("path", PAGES)
def test_a_plan_page_sends_a_signed_out_visitor_to_sign_in(client, plan_with_a_sent_draft, path):
    plan, comment = plan_with_a_sent_draft
    response = client.get(path.format(pk=plan.pk, comment=comment.pk))
    if path.startswith("/api/"):
        assert response.status_code == 401
    else:
        assert response.status_code == 302 and response["Location"].startswith("/accounts/sign-in/")
    assert not AccessEvent.objects.filter(action=Action.READ).exists()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", AREA_PAGES)
def test_the_quality_pages_are_open_only_to_the_roles_they_serve(
    client, area, plan_with_a_sent_draft, role, path
):
    client.force_login(area.users[role])
    assert client.get(path).status_code in ({200} if role in AREA_PAGES[path] else REFUSED)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_parent_can_comment_and_the_comment_is_saved_only_for_them(
    client, area, plan_with_a_sent_draft, role
):
    plan, _ = plan_with_a_sent_draft
    client.force_login(area.users[role])
    response = client.post(f"/plans/{plan.pk}/versions/1/comment/", {"section": "B", "text": "From " + role})
    assert response.status_code in ({302} if role == "parent" else REFUSED)
    assert plan.versions.get(number=1).comments.filter(text="From " + role).exists() is (role == "parent")


@pytest.mark.parametrize("role", ROLES)
def test_only_the_childs_caseworkers_can_change_a_section(client, area, plan_with_a_sent_draft, role):
    plan, _ = plan_with_a_sent_draft
    final = plan.versions.get(number=2)
    row = final.sections.get(code="B")
    client.force_login(area.users[role])
    response = client.post(
        f"/plans/{plan.pk}/versions/2/sections/B/", {"version": row.version, "text": "Needs by " + role}
    )
    allowed = role in CASEWORKERS
    assert response.status_code in ({302} if allowed else REFUSED)
    row.refresh_from_db()
    assert (row.data["text"] == "Needs by " + role) is allowed


def test_the_family_and_professionals_never_see_the_findings_or_another_familys_comments(
    client, area, plan_with_a_sent_draft
):
    plan, _ = plan_with_a_sent_draft
    for role in ("parent", "SENCO at the school", "therapist asked to help"):
        client.force_login(area.users[role])
        page = client.get(f"/plans/{plan.pk}/versions/1/").content.decode()
        assert "Findings for section" not in page
        assert ("Please add swimming" in page) is (role == "parent")
    client.force_login(area.users["coordinator"])
    page = client.get(f"/plans/{plan.pk}/versions/1/").content.decode()
    assert "Findings for section" in page and "Please add swimming" in page


def test_the_api_lists_only_the_plans_a_user_may_see(client, area, plan_with_a_sent_draft):
    plan, _ = plan_with_a_sent_draft
    client.force_login(area.users["parent"])
    [listed] = client.get("/api/v1/plans").json()
    assert listed["ref"] == plan.ref
    assert [v["number"] for v in listed["versions"]] == [1]
    client.force_login(area.users["parent of another child"])
    assert client.get("/api/v1/plans").json() == []
    client.force_login(area.users["manager"])
    [listed] = client.get(f"/api/v1/plans?child_id={area.child.pk}").json()
    assert [v["number"] for v in listed["versions"]] == [1, 2]


def test_the_api_gives_each_plan_in_force_its_next_review_due(client, area):
    from tellonce.reviews.tests.builders import plan_in_force

    plan = plan_in_force(area, today=TODAY)
    client.force_login(area.users["parent"])
    listed = client.get(f"/api/v1/plans/{plan.pk}").json()
    assert listed["next_review_due"] == "2026-11-03"  # 12 months from the plan issued on 3 November 2025
    assert listed["phase_transfer_deadline"] == "2027-02-15"  # the child is in Year 6


def _a_plan_each(area) -> list:
    """A plan for the area's child, for another child of the council, and for a child of another
    council whose record names this council's coordinator."""
    from tellonce.organisations.tests.factories import LocalAuthorityFactory
    from tellonce.people.tests.factories import ChildFactory
    from tellonce.plans.models import Plan

    theirs = ChildFactory(
        local_authority=LocalAuthorityFactory(code="998", name="Another council"),
        coordinator=area.users["coordinator"],
    )
    children = (area.child, area.other_child, theirs)
    return [Plan.objects.create(ref=f"reach-{n}", child=child) for n, child in enumerate(children)]


def test_the_plans_a_user_reaches_are_those_of_the_children_they_reach(area):
    """Plans are reached through the child's scope, once a version is shared for anyone but the
    council's own staff; read by the plan's own key (`within_scope_by_key`, ADR 98) they are the
    same plans for everyone. Another council's plan is out of reach either way, even when its child
    names this council's coordinator."""
    from tellonce.accounts.policy import Capability, scope
    from tellonce.people.models import Child
    from tellonce.people.tests.factories import ChildFactory
    from tellonce.plans.models import SEES_WORKING_VERSIONS, SHARED, Plan, PlanVersion

    plans = _a_plan_each(area)
    for plan in plans:
        PlanVersion.objects.create(plan=plan, number=1, kind=Kind.FINAL, status="issued")
    working = Plan.objects.create(
        ref="reach-working", child=ChildFactory(local_authority=area.child.local_authority)
    )
    PlanVersion.objects.create(plan=working, number=1, kind=Kind.DRAFT, status="working")
    for capability in (Capability.VIEW_PLAN, Capability.EDIT_PLAN):
        for name, user in area.users.items():
            expected = Plan.objects.filter(child__in=Child.objects.within_scope(user, capability))
            if scope(user, capability) not in SEES_WORKING_VERSIONS:
                expected = expected.filter(versions__status__in=SHARED).distinct()
            assert set(Plan.objects.within_scope(user, capability)) == set(expected), (name, capability)
            assert set(Plan.objects.within_scope_by_key(user, capability)) == set(expected), (
                name,
                capability,
            )
    assert set(Plan.objects.within_scope_by_key(area.users["manager"], Capability.EDIT_PLAN)) == {
        *plans[:2],
        working,
    }
    assert plans[2] not in set(
        Plan.objects.within_scope_by_key(area.users["coordinator"], Capability.VIEW_PLAN)
    )


def test_the_versions_a_user_reaches_are_those_of_the_plans_they_reach(area):
    """The council's own staff reach every version by its own council key, working ones too (with
    the child's coordinator for a caseload, ADR 97); anyone else the shared versions of the plans
    they reach. Another council's version is out of reach even when its child names this
    council's coordinator."""
    from tellonce.accounts.policy import Capability, scope
    from tellonce.plans.models import SEES_WORKING_VERSIONS, SHARED, Plan, PlanVersion

    versions = []
    for plan in _a_plan_each(area):
        versions += [
            PlanVersion.objects.create(plan=plan, number=1, kind=Kind.DRAFT, status="working"),
            PlanVersion.objects.create(plan=plan, number=2, kind=Kind.FINAL, status="issued"),
        ]
    for capability in (Capability.VIEW_PLAN, Capability.EDIT_PLAN):
        for name, user in area.users.items():
            plans = Plan.objects.within_scope(user, capability)
            expected = PlanVersion.objects.filter(plan__in=plans)
            if scope(user, capability) not in SEES_WORKING_VERSIONS:
                expected = expected.filter(status__in=SHARED)
            assert set(PlanVersion.objects.within_scope(user, capability)) == set(expected), (
                name,
                capability,
            )
    assert set(PlanVersion.objects.within_scope(area.users["manager"], Capability.EDIT_PLAN)) == set(
        versions[:4]
    )
    assert set(PlanVersion.objects.within_scope(area.users["coordinator"], Capability.EDIT_PLAN)) == set(
        versions[:2]
    )
    assert set(PlanVersion.objects.within_scope(area.users["parent"], Capability.VIEW_PLAN)) == {versions[1]}
