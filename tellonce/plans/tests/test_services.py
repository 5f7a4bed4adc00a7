"""Writing, sending and issuing a plan through the services: tell it once (section A from All
about me, K and suggested provision from accepted advice), the assessment's clock kept in step,
the family's 15 days, findings that block issuing until put right or acknowledged, and versions."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError, transaction

from tellonce.assessments.models import AssessmentRequest
from tellonce.conftest import acting
from tellonce.core.refusals import EditConflict, InvalidStep
from tellonce.domain import plan_content as pc
from tellonce.domain.plan_content import Section
from tellonce.domain.plan_quality import Check
from tellonce.people.models import Child
from tellonce.plans import services
from tellonce.plans.models import BlockingRule, CommentKind, Kind, Plan, PlanComment, Status
from tellonce.plans.tests.builders import (
    TODAY,
    assessed_case,
    section,
    started_plan,
    write,
    write_a_good_plan,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


def _serve(version, by, on=date(2026, 11, 2)):
    return services.serve(version, by=acting(by), served_on=on, today=TODAY, expected_version=version.version)


def test_a_new_plan_reuses_all_about_me_the_accepted_advice_and_the_provision_it_recommends(area):
    plan, version = started_plan(area)
    content = version.content()
    assert content.views.in_my_words == "I like trains and swimming."
    assert content.views.completed_with == "With mum at home, using pictures"
    [advice] = content.advice
    assert (advice.title, advice.dated, advice.assessed_on) == (
        "Speech and language therapy advice",
        date(2026, 10, 6),
        date(2026, 9, 29),
    )
    [item] = content.provision_in(Section.F)
    assert (item.what, item.role, item.times, item.per, item.minutes) == (
        "Language group",
        "Teaching assistant trained by the SLT",
        3,
        pc.Period.WEEK,
        20,
    )
    assert item.advice == (advice.key,)
    assert version.kind == Kind.DRAFT and version.status == Status.WORKING
    assert plan.coordinator == area.users["coordinator"]


def test_a_second_plan_for_the_same_assessment_is_refused(area):
    plan, _ = started_plan(area)
    with pytest.raises(InvalidStep):
        services.start_plan(
            area.child, by=acting(area.users["coordinator"]), today=TODAY, assessment=plan.assessment
        )


def test_a_plan_started_from_the_child_page_is_refused_beside_one_from_the_assessment(area):
    plan, _ = started_plan(area)
    with pytest.raises(InvalidStep, match=plan.ref):
        services.start_plan(area.child, by=acting(area.users["coordinator"]), today=TODAY)
    assert area.child.plans.count() == 1


def test_a_plan_started_for_an_assessment_is_refused_beside_one_started_from_the_child_page(area):
    plan = services.start_plan(area.child, by=acting(area.users["coordinator"]), today=TODAY)
    case = assessed_case(area, today=TODAY)
    with pytest.raises(InvalidStep, match=plan.ref):
        services.start_plan(area.child, by=acting(area.users["coordinator"]), today=TODAY, assessment=case)
    assert area.child.plans.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_a_second_plan_for_a_child_until_the_first_has_ceased(area):
    plan = services.start_plan(area.child, by=acting(area.users["coordinator"]), today=TODAY)
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.create(ref="EHCP-SECOND", child=area.child)
    Plan.objects.filter(pk=plan.pk).update(ceased_on=TODAY)
    Plan.objects.create(ref="EHCP-SECOND", child=area.child)
    assert area.child.plans.filter(ceased_on__isnull=True).count() == 1


def test_sending_the_draft_records_it_on_the_assessment_and_tells_the_family(area):
    plan, version = started_plan(area)
    area.child.family.update(email="grace@example.org")
    with pytest.raises(InvalidStep):
        services.serve(
            version,
            by=acting(area.users["coordinator"]),
            served_on=TODAY + timedelta(days=1),
            today=TODAY,
            expected_version=version.version,
        )
    with pytest.raises(InvalidStep):
        _serve(version, area.users["coordinator"], on=date(2026, 9, 1))
    with django_capture_on_commit():
        _serve(version, area.users["coordinator"])
    case = AssessmentRequest.objects.get(pk=plan.assessment_id)
    assert case.draft_issued_on == date(2026, 11, 2)
    version.refresh_from_db()
    assert version.status == Status.SERVED and version.comments_until() == date(2026, 11, 16)
    assert [m.to for m in mail.outbox] == [["grace@example.org"]]
    assert "16 November 2026" in mail.outbox[0].body


class django_capture_on_commit:
    """Runs on_commit callbacks at the end of the block, as a real commit would."""

    def __enter__(self):
        from django.db import connection

        self.connection = connection
        self.before = len(connection.run_on_commit)
        return self

    def __exit__(self, *exc):
        callbacks = self.connection.run_on_commit[self.before :]
        del self.connection.run_on_commit[self.before :]
        for _, callback, _ in callbacks:
            callback()


def test_the_family_comments_within_15_days_and_not_after(area):
    plan, version = started_plan(area)
    _serve(version, area.users["coordinator"])
    version.refresh_from_db()
    parent = area.users["parent"]
    services.comment(
        version, by=acting(parent), text="Please add swimming", section="A", today=date(2026, 11, 16)
    )
    with pytest.raises(services.CommentWindowClosed) as closed:
        services.comment(
            version, by=acting(parent), text="One more thing", section="B", today=date(2026, 11, 17)
        )
    assert closed.value.until == date(2026, 11, 16)
    assert list(PlanComment.objects.values_list("text", flat=True)) == ["Please add swimming"]


def test_asking_for_a_school_to_be_named_is_recorded_on_the_assessment_too(area):
    plan, version = started_plan(area)
    _serve(version, area.users["coordinator"])
    version.refresh_from_db()
    with pytest.raises(InvalidStep):
        services.comment(
            version,
            by=acting(area.users["parent"]),
            text="",
            kind=CommentKind.NAMED_SETTING,
            today=TODAY - timedelta(days=10),
        )
    services.comment(
        version,
        by=acting(area.users["parent"]),
        text="Near home",
        kind=CommentKind.NAMED_SETTING,
        setting_name="Hill Academy",
        today=date(2026, 11, 5),
    )
    assert AssessmentRequest.objects.get(pk=plan.assessment_id).named_setting_requested == "Hill Academy"


def test_a_comment_is_answered_once_and_a_second_answer_is_refused(area):
    plan, version = started_plan(area)
    _serve(version, area.users["coordinator"])
    version.refresh_from_db()
    made = services.comment(
        version, by=acting(area.users["parent"]), text="Weekly please", today=date(2026, 11, 5)
    )
    services.answer(made, by=acting(area.users["coordinator"]), text="Agreed", today=TODAY)
    with pytest.raises(EditConflict):
        services.answer(made, by=acting(area.users["manager"]), text="No", today=TODAY)
    made.refresh_from_db()
    assert (made.answer, made.answered_by) == ("Agreed", area.users["coordinator"])


def _final(area):
    plan, draft = started_plan(area)
    coordinator = area.users["coordinator"]
    _serve(draft, coordinator)
    final = services.prepare_next(plan, kind=Kind.FINAL, by=acting(coordinator), today=TODAY)
    return plan, draft, final


def test_a_final_plan_cannot_be_issued_with_blocking_findings_until_they_are_put_right(area):
    plan, draft, final = _final(area)
    coordinator = area.users["coordinator"]
    with pytest.raises(services.PlanNotReady) as not_ready:
        services.issue(
            final, by=acting(coordinator), issued_on=TODAY, today=TODAY, expected_version=final.version
        )
    codes = {f.code for f in not_ready.value.findings}
    assert {
        Check.NEEDS_BLANK,
        Check.OUTCOMES_BLANK,
        Check.NO_NAMED_OFFICER,
        Check.TRANSFER_WITHOUT_SETTING,
    } <= codes
    final.refresh_from_db()
    assert final.status == Status.WORKING and final.issued_on is None

    write_a_good_plan(final, coordinator, setting_name="Hill Academy")
    final.refresh_from_db()
    assert final.findings(TODAY) == []
    services.issue(
        final, by=acting(coordinator), issued_on=TODAY, today=TODAY, expected_version=final.version
    )
    final.refresh_from_db()
    assert final.status == Status.ISSUED
    case = AssessmentRequest.objects.get(pk=plan.assessment_id)
    assert case.final_issued_on == TODAY
    assert Child.objects.get(pk=area.child.pk).sen_status == "EHC_PLAN"
    assert area.child.timeline.filter(title="Final EHC plan issued", occurred_on=TODAY).count() == 1


def test_an_acknowledged_finding_no_longer_blocks_and_follows_the_plan_into_the_next_version(area):
    plan, draft, final = _final(area)
    coordinator = area.users["coordinator"]
    write_a_good_plan(final, coordinator, setting_name="")
    final.refresh_from_db()
    [finding] = services.blocking_findings(final, TODAY)
    assert finding.code == Check.TRANSFER_WITHOUT_SETTING
    with pytest.raises(InvalidStep):
        services.acknowledge(final, key=finding.key, reason="  ", by=acting(coordinator), today=TODAY)
    services.acknowledge(
        final,
        key=finding.key,
        reason="Waiting for the secondary school's reply",
        by=acting(coordinator),
        today=TODAY,
    )
    assert services.blocking_findings(final, TODAY) == []
    services.issue(
        final, by=acting(coordinator), issued_on=TODAY, today=TODAY, expected_version=final.version
    )
    amendment = services.prepare_next(plan, kind=Kind.PROPOSED_AMENDMENT, by=acting(coordinator), today=TODAY)
    assert list(amendment.acknowledgements.values_list("key", flat=True)) == [finding.key]
    assert amendment.section_data() == final.section_data()


def test_a_council_can_choose_which_checks_block_issuing(area):
    plan, draft, final = _final(area)
    coordinator = area.users["coordinator"]
    write_a_good_plan(final, coordinator, setting_name="")
    services.set_blocking(
        area.child.local_authority,
        code=Check.TRANSFER_WITHOUT_SETTING,
        blocks_issue=False,
        by=acting(area.users["manager"]),
    )
    final.refresh_from_db()
    assert services.blocking_findings(final, TODAY) == []
    assert Check.TRANSFER_WITHOUT_SETTING not in BlockingRule.codes_for(area.child.local_authority_id)
    services.set_blocking(
        area.child.local_authority,
        code=Check.VIEWS_HOW_GATHERED_MISSING,
        blocks_issue=True,
        by=acting(area.users["manager"]),
    )
    write(final, Section.A, {**section(final, Section.A).data, "completed_with": ""}, coordinator)
    final.refresh_from_db()
    assert [f.code for f in services.blocking_findings(final, TODAY)] == [Check.VIEWS_HOW_GATHERED_MISSING]


def test_the_final_plan_waits_for_the_familys_15_days_unless_they_have_finished(area):
    plan, draft = started_plan(area)
    coordinator = area.users["coordinator"]
    _serve(draft, coordinator, on=date(2026, 11, 20))
    final = services.prepare_next(plan, kind=Kind.FINAL, by=acting(coordinator), today=TODAY)
    write_a_good_plan(final, coordinator, setting_name="Hill Academy")
    final.refresh_from_db()
    with pytest.raises(InvalidStep) as early:
        services.issue(
            final, by=acting(coordinator), issued_on=TODAY, today=TODAY, expected_version=final.version
        )
    assert "until 4 December 2026" in str(early.value)
    draft.refresh_from_db()
    services.finish_commenting(
        draft, by=acting(area.users["parent"]), today=TODAY, expected_version=draft.version
    )
    final.refresh_from_db()
    services.issue(
        final, by=acting(coordinator), issued_on=TODAY, today=TODAY, expected_version=final.version
    )


def test_only_the_allowed_next_version_can_be_started_and_only_one_is_written_at_a_time(area):
    plan, draft = started_plan(area)
    coordinator = area.users["coordinator"]
    with pytest.raises(InvalidStep):
        services.prepare_next(plan, kind=Kind.FINAL, by=acting(coordinator), today=TODAY)
    _serve(draft, coordinator)
    with pytest.raises(InvalidStep):
        services.prepare_next(plan, kind=Kind.AMENDED, by=acting(coordinator), today=TODAY)
    services.prepare_next(plan, kind=Kind.FINAL, by=acting(coordinator), today=TODAY)
    with pytest.raises(InvalidStep):
        services.prepare_next(plan, kind=Kind.FINAL, by=acting(coordinator), today=TODAY)


def test_a_sent_or_issued_version_can_no_longer_be_changed(area):
    plan, draft = started_plan(area)
    coordinator = area.users["coordinator"]
    _serve(draft, coordinator)
    draft.refresh_from_db()
    with pytest.raises(InvalidStep):
        write(draft, Section.B, {"text": "Changed after sending"}, coordinator)
    assert section(draft, Section.B).data == {"text": ""}


def test_two_saves_of_the_same_section_from_one_reading_never_overwrite_each_other(area):
    plan, version = started_plan(area)
    coordinator, manager = area.users["coordinator"], area.users["manager"]
    read_at = section(version, Section.B).version
    services.save_section(
        version, Section.B, {"text": "First"}, by=acting(coordinator), expected_version=read_at
    )
    with pytest.raises(EditConflict):
        services.save_section(
            version, Section.B, {"text": "Second"}, by=acting(manager), expected_version=read_at
        )
    services.save_section(
        version,
        Section.C,
        {"text": "Other section"},
        by=acting(manager),
        expected_version=section(version, Section.C).version,
    )
    assert section(version, Section.B).data == {"text": "First"}
    assert section(version, Section.C).data == {"text": "Other section"}
