"""What each plan keeps for the list pages (ADR 0076) equals what the domain rules say, for every
plan and review of a demo area; it follows the services' writes in the same transaction; the
rebuild command puts back what was lost; and the schedule page asks the database the same number
of questions however many plans there are."""

import random
from collections import Counter
from datetime import date, timedelta
from io import StringIO

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tellonce.assessments.models import AssessmentRequest
from tellonce.conftest import acting
from tellonce.domain import ceasing as ceasing_rules
from tellonce.domain import reviews as rules
from tellonce.domain.school_years import age_on, birthday, national_curriculum_year
from tellonce.people.tests.factories import ChildFactory
from tellonce.plans.models import Kind, Plan, PlanVersion, Status
from tellonce.reviews import measures, presenters, services
from tellonce.reviews.models import AnnualReview, Direction
from tellonce.reviews.schedule import _years, filter_schedule, plans_in_schedule
from tellonce.reviews.tests.builders import plan_in_force

TODAY = date(2026, 11, 22)


def _setting(setting):
    if setting is None:
        return None
    return _years(setting.phase, setting.lowest_year, setting.highest_year, setting.has_sixth_form)


def _domain_answer(plan: Plan, today: date):
    """The plan's schedule worked out from its objects, one plan at a time, by the domain rules."""
    in_force = plan.in_force()
    if in_force is None:
        return None, None, "", None, False
    first = plan.versions.filter(status=Status.ISSUED).order_by("number").first()
    facts = [review.facts() for review in plan.reviews.all()]
    moved_in = [m.transferred_on for m in plan.moves.filter(direction=Direction.IN).order_by("-moves_on")[:1]]
    child = plan.child
    months = settings.TELLONCE_UNDER_FIVE_REVIEW_MONTHS if age_on(child.date_of_birth, today) < 5 else 12
    nc_year = child.nc_year_override
    if nc_year is None:
        nc_year = national_curriculum_year(child.date_of_birth, today).value
    # The schedule reads the latest decision and any meeting not yet decided.
    schedule = rules.schedule(
        plan_issued=first.issued_on,
        reviews=facts,
        nc_year=nc_year,
        today=today,
        setting=_setting(child.setting),
        next_setting=_setting(child.next_setting),
        months=months,
        transferred_in=moved_in[0] if moved_in else None,
    )
    return (
        in_force.pk,
        schedule.review_due.due,
        schedule.transfer.value if schedule.transfer else "",
        schedule.transfer_before,
        schedule.review_in_progress,
    )


def _kept(plan: Plan, today: date):
    due = plan.review_due_under_five if plan.fifth_birthday > today else plan.review_due
    return plan.in_force_version_id, due, plan.transfer, plan.transfer_before, plan.review_in_progress


def _attention_and_adulthood_lists_equal_the_reference(today: date) -> None:
    """The attention and adulthood lists read in SQL from the kept values (ADR 0077) hold the
    plans, in the order and with the reasons, that the domain rules give from the plans' rows
    (measures.attention_queue and measures.adulthood, the reference)."""
    plans = plans_in_schedule(Plan.objects.all(), today=today).order_by()
    reference = measures.attention_queue(PlanVersion.objects.all(), today)
    assert len(reference) > 5
    in_sql = measures.attention_rows(measures.needing_attention(plans, today), today)
    assert [(p.pk, r) for p, r in in_sql] == [(p.pk, r) for p, r in reference]
    counts, total = measures.attention_counts(plans, today)
    assert total == len(reference)
    assert counts == Counter(reason.code for _, reasons in reference for reason in reasons) | {
        code: 0 for code in counts if not any(r.code == code for _, rs in reference for r in rs)
    }
    adult_care, transitions = measures.adulthood(PlanVersion.objects.all(), today)
    assert transitions and adult_care
    care = measures.adult_care_rows(measures.adult_care_plans(plans, today), today)
    assert sorted((p.pk, age, reasons) for p, age, reasons in care) == sorted(
        (p.pk, age, reasons) for p, age, reasons in adult_care
    )
    assert [age for _, age, _ in care] == sorted((age for _, age, _ in care), reverse=True)
    years = measures.transition_plans(plans)
    assert [(p.pk, p.nc_year, p.destination) for p in years] == [(p.pk, y, d) for p, y, d in transitions]
    rows = measures.transition_rows(years)
    assert [(p.pk, p.child.pk, y, d) for p, y, d in rows] == [
        (p.pk, p.child_id, y, d) for p, y, d in transitions
    ]


@pytest.mark.django_db
def test_every_plan_and_review_of_the_demo_keeps_what_the_domain_rules_say():
    call_command("demo", children=300, seed=4, today=TODAY, stdout=StringIO())
    plans = list(Plan.objects.select_related("child__setting", "child__next_setting"))
    assert sum(1 for p in plans if p.in_force_version_id) > 50
    for plan in plans:
        assert _kept(plan, TODAY) == _domain_answer(plan, TODAY), plan.ref
    reviews = AnnualReview.objects.select_related("amendment_version")
    with_steps = 0
    for review in reviews:
        step = presenters.next_step(review, today=TODAY)
        assert (review.next_step, review.next_step_due) == ((step.title, step.due) if step else ("", None))
        with_steps += step is not None
    assert with_steps > 0
    _attention_and_adulthood_lists_equal_the_reference(TODAY)
    # each assessment's stage and next step (tellonce.assessments.stored, ADR 0077)
    cases = list(AssessmentRequest.objects.all())
    assert sum(1 for case in cases if case.next_step_due) > 10
    for case in cases:
        clock = case.clock(TODAY)
        step = clock.next_deadline
        assert (case.stage, case.next_step, case.next_step_due) == (
            clock.stage.value,
            step.title if step else "",
            step.due if step else None,
        ), case.ref


@pytest.mark.django_db
def test_the_rebuild_command_puts_back_what_each_plan_keeps_with_its_progress():
    with time_machine.travel(TODAY, tick=False):
        call_command("demo", children=120, seed=2, today=TODAY, stdout=StringIO())
        want = {p.pk: _kept(p, TODAY) for p in Plan.objects.select_related("child")}
        Plan.objects.update(
            in_force_version=None,
            review_due=None,
            review_due_under_five=None,
            fifth_birthday=None,
            transfer="",
        )
        AnnualReview.objects.update(next_step="", next_step_due=None)
        cases = dict(AssessmentRequest.objects.values_list("pk", "next_step_due"))
        AssessmentRequest.objects.update(stage="", next_step="", next_step_due=None)
        out = StringIO()
        call_command("rebuild-plan-schedule", stdout=out)
        assert "plans: " in out.getvalue() and "rows changed" in out.getvalue()
        assert {p.pk: _kept(p, TODAY) for p in Plan.objects.select_related("child")} == want
        assert AnnualReview.objects.exclude(next_step_due=None).exists()
        assert dict(AssessmentRequest.objects.values_list("pk", "next_step_due")) == cases


@pytest.fixture
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def test_the_services_keep_the_next_review_and_step_as_a_review_goes_on(area, frozen):
    plan = plan_in_force(area, issued_on=date(2025, 11, 3), today=TODAY)
    assert plan.in_force_version == plan.in_force()
    assert plan.review_due == date(2026, 11, 3) and not plan.review_in_progress
    by = acting(area.users["coordinator"])
    review = services.schedule_review(plan, by=by, meeting_on=date(2026, 11, 16), today=TODAY)
    review.refresh_from_db()
    assert (review.next_step, review.next_step_due) == ("Send the invitations", date(2026, 11, 2))
    plan.refresh_from_db()
    assert plan.review_in_progress
    services.record_meeting(
        review, by=by, held_on=date(2026, 11, 16), attendance=[], expected_version=review.version, today=TODAY
    )
    review.refresh_from_db()
    assert (review.next_step, review.next_step_due) == ("Send the review report", date(2026, 11, 30))
    plan.refresh_from_db()
    assert _kept(plan, TODAY) == _domain_answer(plan, TODAY)


def test_correcting_a_date_of_birth_moves_the_fifth_birthday_and_the_review_that_applies(
    area, frozen, settings
):
    """The schedule chooses the under-fives' months from the fifth birthday the plan keeps (ADR 98),
    so a child's corrected date of birth reaches it in the same transaction."""
    from tellonce.people import services as people

    settings.TELLONCE_UNDER_FIVE_REVIEW_MONTHS = 6

    plan = plan_in_force(area, issued_on=date(2026, 7, 1), today=TODAY)
    # under five on TODAY, then five already (born on 29 February: the birthday falls on 1 March)
    for born, fifth_birthday, under_five in (
        (date(2022, 3, 4), date(2027, 3, 4), True),
        (date(2020, 2, 29), date(2025, 3, 1), False),
    ):
        child = plan.child
        child.refresh_from_db()
        people.update_child(
            child,
            by=acting(area.users["coordinator"]),
            expected_version=child.version,
            changes={"date_of_birth": born},
        )
        plan.refresh_from_db()
        assert plan.fifth_birthday == fifth_birthday
        assert plan.review_due_under_five != plan.review_due
        [row] = plans_in_schedule(Plan.objects.filter(pk=plan.pk), today=TODAY)
        assert row.due == (plan.review_due_under_five if under_five else plan.review_due)
        assert _kept(plan, TODAY) == _domain_answer(plan, TODAY)


def _more_plans(area, n: int, rng: random.Random) -> None:
    """`n` more children of the council, each with an issued plan on a different day."""
    for _ in range(n):
        child = ChildFactory(
            local_authority=area.child.local_authority,
            setting=area.child.setting,
            coordinator=area.users["coordinator"],
            date_of_birth=date(2012, 1, 1) + timedelta(days=rng.randrange(3000)),
        )
        plan = Plan.objects.create(ref=f"P-{child.pk}", child=child, coordinator=area.users["coordinator"])
        PlanVersion.objects.create(
            plan=plan,
            number=1,
            kind=Kind.FINAL,
            status=Status.ISSUED,
            issued_on=TODAY - timedelta(days=rng.randrange(500)),
        )


def test_the_schedule_page_asks_the_same_number_of_queries_for_3_or_60_plans(area, client, frozen):
    rng = random.Random(1)
    plan_in_force(area, issued_on=date(2025, 11, 3), today=TODAY)
    _more_plans(area, 2, rng)
    client.force_login(area.users["manager"])
    # The first request of a session reads what later ones have cached; this page lists no child.
    client.get("/reviews/timeliness/")
    with CaptureQueriesContext(connection) as few:
        assert client.get("/reviews/").status_code == 200
    _more_plans(area, 57, rng)
    with CaptureQueriesContext(connection) as many:
        page = client.get("/reviews/")
    assert page.status_code == 200
    assert "60 plans" in page.content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)
    second = client.get("/reviews/?page=2").content.decode()
    assert "govuk-pagination" in second and "Previous" in second


def _teenagers_with_old_plans(area, n: int, rng: random.Random) -> None:
    """`n` looked-after young people aged 14 to 17 (some in Year 11), each with a plan made more
    than two years ago and never reviewed: on both the attention and the adulthood lists."""
    for _ in range(n):
        child = ChildFactory(
            local_authority=area.child.local_authority,
            setting=area.child.setting,
            coordinator=area.users["coordinator"],
            looked_after=True,
            date_of_birth=date(2009, 1, 1) + timedelta(days=rng.randrange(3 * 365)),
        )
        plan = Plan.objects.create(ref=f"P-{child.pk}", child=child, coordinator=area.users["coordinator"])
        PlanVersion.objects.create(
            plan=plan,
            number=1,
            kind=Kind.FINAL,
            status=Status.ISSUED,
            issued_on=date(2023, 1, 1) + timedelta(days=rng.randrange(300)),
        )


@pytest.mark.parametrize("path", ["/reviews/attention/", "/reviews/adulthood/"])
def test_the_attention_and_adulthood_pages_ask_the_same_number_of_queries_for_3_or_60_plans(
    area, client, frozen, path
):
    rng = random.Random(2)
    _teenagers_with_old_plans(area, 3, rng)
    client.force_login(area.users["manager"])
    client.get("/reviews/timeliness/")  # the first request of a session reads what later ones have cached
    with CaptureQueriesContext(connection) as few:
        assert client.get(path).status_code == 200
    _teenagers_with_old_plans(area, 57, rng)
    with CaptureQueriesContext(connection) as many:
        page = client.get(path).content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)
    assert "govuk-pagination" in page
    assert (
        "60 plans" in page if path.endswith("attention/") else "Looked after: will be a care leaver" in page
    )


def test_the_attention_list_pages_50_plans_most_reasons_first_then_by_reference(area, client, frozen):
    _teenagers_with_old_plans(area, 55, random.Random(3))
    refs = sorted(Plan.objects.values_list("ref", flat=True))
    last = Plan.objects.get(ref=refs[-1])
    last.child.setting = None  # a second reason: no setting
    last.child.save()
    client.force_login(area.users["manager"])
    first = client.get("/reviews/attention/").content.decode()
    second = client.get("/reviews/attention/?page=2").content.decode()
    on_first = sorted((first.index(ref), ref) for ref in refs if ref in first)
    on_second = sorted((second.index(ref), ref) for ref in refs if ref in second)
    assert [ref for _, ref in on_first] == [refs[-1], *refs[:49]]
    assert [ref for _, ref in on_second] == refs[49:-1]
    assert "No school, college or other setting: <strong>1</strong>" in first


def test_the_schedule_pages_by_the_figure_it_counted_for_each_filter(area, client, frozen):
    """The schedule's length is one of its counted figures (no second count), unless both
    filters are chosen: each matches the plans the filters leave, counted here afresh."""
    rng = random.Random(4)
    plan_in_force(area, issued_on=date(2025, 11, 3), today=TODAY)
    _more_plans(area, 59, rng)
    client.force_login(area.users["manager"])
    plans = plans_in_schedule(Plan.objects.all(), today=TODAY)
    choices = [("", False), ("", True)]
    choices += [(s.value, t) for s in rules.ScheduleStatus for t in (False, True)]
    seen = set()
    for status, transfers in choices:
        expected = filter_schedule(plans, today=TODAY, status=status, transfers=transfers).count()
        query = f"?status={status}" + ("&transfers=on" if transfers else "")
        page = client.get(f"/reviews/{query}").content.decode()
        assert f"{expected:,} plans</caption>" in page, (status, transfers)
        seen.add(expected)
    assert len(seen) > 3  # the filters did leave different numbers of plans


def test_the_migrations_fill_gives_every_plan_its_childs_fifth_birthday(area, monkeypatch):
    """plans.0014 fills each plan's fifth birthday as the kept value has it (29 February included),
    a few plans at a time."""
    import importlib

    from django.apps import apps

    fill = importlib.import_module("tellonce.plans.migrations.0014_fifth_birthday").fill
    for n, born in enumerate((date(2020, 2, 29), date(2021, 12, 5), date(2010, 6, 30))):
        child = ChildFactory(local_authority=area.child.local_authority, date_of_birth=born)
        Plan.objects.create(ref=f"FB-{n}", child=child)
    Plan.objects.update(fifth_birthday=None)
    monkeypatch.setenv("TELLONCE_BACKFILL_BATCH", "2")  # many batches
    fill(apps, None)
    plans = list(Plan.objects.select_related("child"))
    assert len(plans) == 3
    assert {p.ref: p.fifth_birthday for p in plans} == {
        "FB-0": date(2025, 3, 1),
        "FB-1": date(2026, 12, 5),
        "FB-2": date(2015, 6, 30),
    }
    assert all(p.fifth_birthday == birthday(p.child.date_of_birth, 5) for p in plans)


def test_a_child_whose_setting_is_taken_away_is_on_the_attention_list_at_once(area, frozen):
    """The attention list reads whether the child has a setting from the plan (ADR 100): a change
    to the child's record reaches it in the same transaction, and the list says why."""
    from tellonce.people import services as people

    plan = plan_in_force(area, issued_on=date(2026, 7, 1), today=TODAY)
    plans = plans_in_schedule(Plan.objects.filter(pk=plan.pk), today=TODAY)
    assert plan.has_setting and measures.attention_counts(plans, TODAY)[1] == 0
    child = plan.child
    people.update_child(
        child, by=acting(area.users["coordinator"]), expected_version=child.version, changes={"setting": None}
    )
    plan.refresh_from_db()
    assert not plan.has_setting
    counts, total = measures.attention_counts(plans, TODAY)
    assert total == 1 and counts[ceasing_rules.Attention.NO_SETTING] == 1
    [(listed, reasons)] = measures.attention_rows(measures.needing_attention(plans, TODAY), TODAY)
    assert listed == plan and [r.code for r in reasons] == [ceasing_rules.Attention.NO_SETTING]


def test_the_migrations_fill_marks_the_plans_whose_child_has_no_setting(area):
    import importlib

    from django.apps import apps

    fill = importlib.import_module("tellonce.plans.migrations.0015_has_setting").fill
    without = ChildFactory(local_authority=area.child.local_authority, setting=None)
    Plan.objects.create(ref="NS-1", child=without)
    Plan.objects.create(ref="NS-2", child=area.child)
    Plan.objects.update(has_setting=True)
    fill(apps, None)
    assert dict(Plan.objects.values_list("ref", "has_setting")) == {"NS-1": False, "NS-2": True}


def test_a_teenager_who_comes_into_care_is_on_the_adult_care_list_at_once(area, frozen):
    """The adult care list reads the child's date of birth and the domain's answer from the plan
    (ADR 105): changes to the child's record reach it in the same transaction, and the list says
    why, worked out by the domain rule from the child's record."""
    from tellonce.people import services as people

    plan = plan_in_force(area, issued_on=date(2026, 7, 1), today=TODAY)
    child = plan.child
    plans = plans_in_schedule(Plan.objects.filter(pk=plan.pk), today=TODAY)
    coordinator = acting(area.users["coordinator"])
    people.update_child(
        child,
        by=coordinator,
        expected_version=child.version,
        changes={
            "date_of_birth": date(2011, 10, 1),
            "primary_need": "SEMH",
            "looked_after": False,
            "child_in_need": False,
        },
    )
    plan.refresh_from_db()
    assert (plan.born_on, plan.nc_year, plan.adult_care_likely) == (date(2011, 10, 1), 10, False)
    assert not measures.adult_care_plans(plans, TODAY).exists()
    child.refresh_from_db()
    people.update_child(child, by=coordinator, expected_version=child.version, changes={"looked_after": True})
    plan.refresh_from_db()
    assert plan.adult_care_likely
    [(listed, age, reasons)] = measures.adult_care_rows(measures.adult_care_plans(plans, TODAY), TODAY)
    assert (listed, age, reasons) == (plan, 15, ["Looked after: will be a care leaver"])
    child.refresh_from_db()
    people.update_child(
        child, by=coordinator, expected_version=child.version, changes={"nc_year_override": 11}
    )
    plan.refresh_from_db()
    assert plan.nc_year == 11
    assert [(p, year) for p, year, _ in measures.transition_rows(measures.transition_plans(plans))] == [
        (plan, 11)
    ]


@pytest.mark.django_db
def test_the_migrations_fill_keeps_what_the_domain_rules_say_for_the_adulthood_lists():
    import importlib

    from django.apps import apps

    from tellonce.reviews import stored

    fill = importlib.import_module("tellonce.plans.migrations.0017_adulthood_kept").fill
    call_command("demo", children=200, seed=7, today=TODAY, stdout=StringIO())
    expected = stored.expected(Plan.objects.all(), today=TODAY)
    kept = ("born_on", "nc_year", "adult_care_likely")
    want = {pk: tuple(getattr(values, name) for name in kept) for pk, values in expected.items()}
    assert sum(1 for _, year, likely in want.values() if likely) > 5
    assert sum(1 for _, year, _ in want.values() if year in (11, 13)) > 5
    Plan.objects.update(born_on=None, nc_year=None, adult_care_likely=False)
    fill(apps, None)
    assert {pk: tuple(row) for pk, *row in Plan.objects.values_list("pk", *kept)} == want
