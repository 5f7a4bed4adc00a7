"""My work gathers a coordinator's work from every app; the manager's queue leaves no child with
open work unallocated; a family is told when their coordinator changes."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains

from tellonce.accounts.tests.factories import UserFactory
from tellonce.advice import services as advice_services
from tellonce.assessments import services as case_services
from tellonce.assessments.models import AssessmentRequest
from tellonce.audit.models import AccessEvent, Action
from tellonce.conftest import acting
from tellonce.core.work import Tally, WorkList
from tellonce.people.models import Child, TimelineEvent
from tellonce.people.tests.factories import ChildFactory
from tellonce.plans import services as plan_services
from tellonce.plans import work as plan_work
from tellonce.plans.models import Plan, PlanComment
from tellonce.plans.models import PlanVersion as PlanVersionModel
from tellonce.plans.tests.builders import TODAY, started_plan
from tellonce.reviews import services as review_services
from tellonce.reviews.tests.builders import plan_in_force
from tellonce.workspace import services, views
from tellonce.workspace.work import FIRST, first_for, work_for


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_my_work_lists_each_kind_of_work_for_the_coordinators_own_children_soonest_first(area):
    plan, version = started_plan(area)
    coordinator = area.users["coordinator"]
    # A new request on the same coordinator's other child: the decision is due in 6 weeks.
    second = ChildFactory(local_authority=area.child.local_authority, coordinator=coordinator)
    case_services.record_request(
        second,
        by=acting(coordinator),
        received_on=TODAY - timedelta(weeks=5),
        requested_by="parent",
        today=TODAY,
    )
    plan_services.serve(
        version, by=acting(coordinator), served_on=TODAY, today=TODAY, expected_version=version.version
    )
    plan_services.comment(
        version, by=acting(area.users["parent"]), section="F", text="More speech therapy, please", today=TODAY
    )
    items = work_for(coordinator, today=TODAY)
    kinds = {item.kind for item in items}
    assert {"New requests", "Family comments"} <= kinds, kinds
    assert [i.due_on for i in items if i.due_on] == sorted(i.due_on for i in items if i.due_on)
    assert all(item.child_name in (area.child.full_name, second.full_name) for item in items)
    assert any("Decide whether to assess" in item.what and item.child_id == second.pk for item in items)
    # Nothing of another coordinator's children.
    assert all(
        item.child_id != area.child.pk for item in work_for(area.users["other coordinator"], today=TODAY)
    )


def test_the_my_work_page_shows_the_work_logs_the_children_and_counts_it_in_the_menu(area):
    started_plan(area)
    coordinator = area.users["coordinator"]
    ChildFactory(local_authority=area.child.local_authority, coordinator=coordinator)
    client = _signed_in(coordinator)
    page = client.get("/my-work/")
    expected = len(work_for(coordinator, today=TODAY))
    assert expected
    assertContains(page, f"My work ({expected})")
    assertContains(page, area.child.full_name)
    assert AccessEvent.objects.filter(user=coordinator, child=area.child, action=Action.LISTED).exists()
    assert client.get("/").url == "/my-work/"


def test_people_who_coordinate_no_children_cannot_open_my_work(area):
    for name in ("parent", "analyst", "board member"):
        if name in area.users:
            assert _signed_in(area.users[name]).get("/my-work/").status_code in (403, 404), name


def test_a_case_on_a_child_with_no_coordinator_waits_in_the_managers_queue_until_allocated(area):
    manager, coordinator = area.users["manager"], area.users["coordinator"]
    child = ChildFactory(local_authority=area.child.local_authority, coordinator=None)
    case = case_services.record_request(
        child, by=acting(manager), received_on=TODAY - timedelta(days=3), requested_by="setting", today=TODAY
    )
    assert case.coordinator is None
    client = _signed_in(manager)
    assertContains(client.get("/allocation/"), child.full_name)
    assertContains(client.get("/my-work/"), "1 child has open work and no coordinator")
    assert _signed_in(coordinator).get("/allocation/").status_code in (403, 404)

    response = client.post("/allocation/", {"children": [str(child.pk)], "to": coordinator.pk})
    assert response.status_code == 302
    child.refresh_from_db()
    case.refresh_from_db()
    assert child.coordinator == coordinator and case.coordinator == coordinator
    assertNotContains(client.get("/allocation/"), child.full_name)
    assert any(item.child_id == child.pk for item in work_for(coordinator, today=TODAY))


def test_the_queue_offers_each_active_coordinator_with_the_size_of_their_caseload(area):
    council = area.child.local_authority
    ChildFactory(local_authority=council, coordinator=area.users["coordinator"])
    idle = UserFactory(role="ehc_coordinator", local_authority=council)
    gone = UserFactory(role="ehc_coordinator", local_authority=council, is_active=False)
    waiting = ChildFactory(local_authority=council, coordinator=None)
    case_services.record_request(
        waiting, by=acting(area.users["manager"]), received_on=TODAY, requested_by="setting", today=TODAY
    )
    page = _signed_in(area.users["manager"]).get("/allocation/")
    assertContains(page, f"{area.users['coordinator']} (2 children)")
    assertContains(page, f"{area.users['other coordinator']} (1 child)")
    assertContains(page, f"{idle} (0 children)")
    assertNotContains(page, str(gone))


def test_allocating_without_choosing_says_what_to_choose_and_changes_nothing(area):
    manager = area.users["manager"]
    child = ChildFactory(local_authority=area.child.local_authority, coordinator=None)
    case_services.record_request(
        child, by=acting(manager), received_on=TODAY, requested_by="parent", today=TODAY
    )
    page = _signed_in(manager).post("/allocation/", {"to": ""})
    assertContains(page, "Choose at least one child")
    assertContains(page, "Choose the coordinator to give them to")
    assert Child.objects.get(pk=child.pk).coordinator is None


def test_the_family_is_told_by_email_and_on_the_timeline_when_their_coordinator_changes(
    area, django_capture_on_commit_callbacks
):
    plan, _ = started_plan(area)
    area.child.family.update(email="grace@example.org")
    other = area.users["other coordinator"]
    with django_capture_on_commit_callbacks(execute=True):
        services.allocate([area.child], to=other, by=acting(area.users["manager"]), today=TODAY)
    plan.refresh_from_db()
    assert plan.coordinator == other
    assert AssessmentRequest.objects.get(pk=plan.assessment_id).coordinator == other
    [message] = [m for m in mail.outbox if "coordinator" in m.subject.lower()]
    assert message.to == ["grace@example.org"] and other.get_full_name() in message.body
    event = TimelineEvent.objects.get(child=area.child, kind="coordinator")
    assert event.visible_to_family and other.get_full_name() in event.title


def test_a_draft_sent_to_the_family_stops_being_work_once_the_final_plan_is_issued(area):
    plan, draft = started_plan(area)
    coordinator = acting(area.users["coordinator"])
    plan_services.serve(draft, by=coordinator, served_on=TODAY, today=TODAY, expected_version=draft.version)
    later = TODAY + timedelta(days=20)
    assert any("15 days" in item.what for item in work_for(area.users["coordinator"], today=later))
    final = plan_services.prepare_next(plan, kind="final", by=coordinator, today=later)
    PlanVersionModel.objects.filter(pk=final.pk).update(status="issued", issued_on=later)
    assert not any("15 days" in item.what for item in work_for(area.users["coordinator"], today=later))


def test_advice_submitted_and_a_review_meeting_soon_are_on_my_work(area):
    coordinator = area.users["coordinator"]
    plan = plan_in_force(area, today=TODAY)
    review_services.schedule_review(
        plan, by=acting(coordinator), meeting_on=TODAY + timedelta(days=20), today=TODAY
    )
    second = ChildFactory(local_authority=area.child.local_authority, coordinator=coordinator)
    case = case_services.record_request(
        second,
        by=acting(coordinator),
        received_on=TODAY - timedelta(weeks=8),
        requested_by="parent",
        today=TODAY,
    )
    case_services.decide_to_assess(
        case, by=acting(coordinator), notified_on=TODAY - timedelta(weeks=4), expected_version=1, today=TODAY
    )
    therapist = area.users["therapist asked to help"]
    advice = case_services.request_advice(
        case,
        by=acting(coordinator),
        service="speech_and_language_therapy",
        team=therapist.team,
        requested_on=TODAY - timedelta(weeks=4),
    )
    advice_services.submit_advice(
        advice,
        by=acting(therapist),
        expected_version=advice.version,
        needs="Needs",
        outcomes="Outcomes",
        assessed_on=TODAY - timedelta(days=10),
        provision=[],
        files=[],
        today=TODAY,
    )
    items = work_for(coordinator, today=TODAY)
    received = [i for i in items if i.kind == "Advice received"]
    assert [i.child_id for i in received] == [second.pk]
    reviews = [i for i in items if i.kind == "Reviews"]
    assert reviews and all(i.child_id == area.child.pk for i in reviews)
    assert all(i.due_on <= TODAY + timedelta(weeks=2) for i in reviews)


def test_every_apps_work_module_is_gathered_into_my_work():
    """An app that gives people work says so in its work.py; a work.py left out of the
    sources would be work nobody sees."""
    import importlib
    from pathlib import Path

    from tellonce.workspace import work as gathered

    root = Path(gathered.__file__).resolve().parents[1]
    apps_with_work = {
        path.parent.name for path in root.glob("*/work.py") if path.parent.name not in {"core", "workspace"}
    }
    assert apps_with_work, "no app gives work: the glob is looking in the wrong place"
    gathered_from = {source.__module__.split(".")[1] for source in gathered.SOURCES}
    for app in sorted(apps_with_work):
        module = importlib.import_module(f"tellonce.{app}.work")
        assert hasattr(module, "work_for"), f"tellonce/{app}/work.py has no work_for"
    assert apps_with_work == gathered_from


def _same(first: WorkList, whole: WorkList) -> None:
    assert first.tallies == whole.tallies
    assert [(i.kind, i.due_on, i.url, i.what, i.child_id) for i in first.items] == [
        (i.kind, i.due_on, i.url, i.what, i.child_id) for i in whole.items
    ]


def test_the_first_of_each_kind_read_in_sql_are_the_whole_lists_first_and_counts(area, monkeypatch):
    """Each app's `first_for` (its kept next steps, in SQL) gives the items and tallies its whole
    list gives, cut to the first of each kind; the page says how many there are beyond them."""
    coordinator = area.users["coordinator"]
    plan = plan_in_force(area, today=TODAY)
    review_services.schedule_review(
        plan, by=acting(coordinator), meeting_on=TODAY + timedelta(days=20), today=TODAY
    )
    for weeks in (1, 3, 5, 8, 10):  # new requests, the one of 8 weeks overdue (6 weeks to decide)
        child = ChildFactory(local_authority=area.child.local_authority, coordinator=coordinator)
        case = case_services.record_request(
            child,
            by=acting(coordinator),
            received_on=TODAY - timedelta(weeks=weeks),
            requested_by="parent",
            today=TODAY,
        )
    case_services.decide_to_assess(  # the last now an assessment, its 16 weeks far off
        case, by=acting(coordinator), notified_on=TODAY - timedelta(weeks=1), expected_version=1, today=TODAY
    )
    for shown in (1, 2, 50):
        for whole, first in FIRST.items():
            _same(
                first(coordinator, today=TODAY, shown=shown),
                WorkList.of(whole(coordinator, today=TODAY), today=TODAY, shown=shown),
            )
        _same(
            first_for(coordinator, today=TODAY, shown=shown),
            WorkList.of(work_for(coordinator, today=TODAY), today=TODAY, shown=shown),
        )
    work = first_for(coordinator, today=TODAY, shown=2)
    assert work.tallies["New requests"] == Tally(4, 1)
    assert "Reviews" in work.tallies and "Assessments" not in work.tallies
    assert (
        first_for(area.users["other coordinator"], today=TODAY, shown=2).tallies.get("New requests") is None
    )
    monkeypatch.setattr(views, "SHOWN_IN_A_GROUP", 2)
    page = _signed_in(coordinator).get("/my-work/")
    assertContains(page, "New requests: the 2 due soonest of 4")
    assertContains(page, f"{work.total} things to do, {work.overdue} overdue")


def test_the_familys_comments_read_in_sql_are_the_whole_lists_first_and_counts(area):
    """Versions sent to the family (their 15 days ending soon or ended) and the comments still to
    answer, counted in SQL: the first of them are the whole list's, in its order (by the day the
    days end, then comments by the child's name), for the coordinator and for nobody else."""
    coordinator = area.users["coordinator"]
    names = [
        ("Ava", "", "Bell"),
        ("Zac", "Al", "Bell"),
        ("Ava", "", "Bell"),
        ("Cal", "", "Ng"),
        ("Bo", "", "Ng"),
    ]
    served_on = TODAY - timedelta(days=30)
    for n in range(15):
        given, preferred, family = names[n % len(names)]
        theirs = area.users["other coordinator"] if n == 14 else coordinator
        child = ChildFactory(
            local_authority=area.child.local_authority,
            coordinator=theirs,
            given_name=given,
            preferred_name=preferred,
            family_name=family,
        )
        plan = Plan.objects.create(
            ref=f"P-{n}", child=child, ceased_on=TODAY - timedelta(days=1) if n == 13 else None
        )
        served_on += timedelta(days=[0, 2, 3][n % 3])  # some sent the same day
        kind = "draft" if n % 2 else "proposed_amendment"
        version = PlanVersionModel.objects.create(
            plan=plan, number=1, kind=kind, status="served", served_on=served_on
        )
        if n == 12:  # its final plan issued since: no longer work
            PlanVersionModel.objects.create(plan=plan, number=2, kind="final", status="issued")
        for k, comment_kind in enumerate(["comment", "meeting", "named_setting"][: n % 4]):
            PlanComment.objects.create(
                plan_version=version,
                kind=comment_kind,
                text="Please",
                made_on=served_on + timedelta(days=1),
                answered_on=TODAY if k == 2 else None,
            )
    for user in (coordinator, area.users["other coordinator"], area.users["manager"]):
        for shown in (0, 1, 2, 3, 5, 8, 50):
            first = plan_work.first_for(user, today=TODAY, shown=shown)
            whole = WorkList.of(plan_work.work_for(user, today=TODAY), today=TODAY, shown=shown)
            _same(first, whole)
    work = plan_work.first_for(coordinator, today=TODAY, shown=50)
    assert work.tallies["Family comments"].overdue > 0
    assert any(item.due_on is None for item in work.items)
    # The unanswered comments read first (ADR 106) are those on the drafts still work, for each user.
    for user in (coordinator, area.users["other coordinator"], area.users["manager"]):
        on_drafts = PlanComment.objects.filter(
            answered_on__isnull=True, plan_version__in=plan_work._served(user)
        )
        assert set(plan_work._comments(user)) == set(on_drafts)
    assert (
        PlanComment.objects.filter(answered_on__isnull=True)
        .exclude(pk__in=plan_work._comments(coordinator).values("pk"))
        .exists()
    )  # the superseded version's and the ceased plan's comments are left out


def test_the_queue_holds_each_of_the_councils_children_with_open_work_and_no_coordinator_once(area):
    """Open work is an open assessment or a plan not ceased; a closed case, a ceased plan, a child
    with a coordinator and another council's child are not in the queue, and a child with both a
    case and a plan is in it once."""
    from tellonce.organisations.tests.factories import LocalAuthorityFactory
    from tellonce.workspace.work import unallocated

    council, manager = area.child.local_authority, area.users["manager"]

    def child_with(*, case=False, plan=False, ceased_on=None, coordinator=None, la=council):
        child = ChildFactory(local_authority=la, coordinator=coordinator)
        if case:
            case_services.record_request(
                child, by=acting(manager), received_on=TODAY, requested_by="setting", today=TODAY
            )
        if plan:
            Plan.objects.create(ref=f"plan-{child.pk.hex[:12]}", child=child, ceased_on=ceased_on)
        return child

    waiting = {child_with(case=True), child_with(plan=True), child_with(case=True, plan=True)}
    closed = child_with(case=True)
    AssessmentRequest.objects.filter(child=closed).update(withdrawn_on=TODAY)
    child_with(plan=True, ceased_on=TODAY - timedelta(days=1))
    child_with(case=True, coordinator=area.users["coordinator"])
    child_with(case=True, plan=True, la=LocalAuthorityFactory(code="998", name="Another council"))
    queue = list(unallocated(manager))
    assert len(queue) == len(waiting) and set(queue) == waiting
    assert unallocated(manager).count() == 3
