from datetime import timedelta

import pytest

from tellonce.accounts.tests.factories import UserFactory
from tellonce.audit.models import AccessEvent
from tellonce.audits import services
from tellonce.audits.models import AgreedGrade, Assignment, AuditTool, FollowUp, Status
from tellonce.audits.sampling import Sample
from tellonce.audits.tests.builders import TODAY, audit_round, grade_all, name
from tellonce.audits.tool import DEFAULT_QUESTIONS
from tellonce.conftest import acting
from tellonce.core.refusals import EditConflict, InvalidStep
from tellonce.domain.plan_content import Section
from tellonce.organisations.tests.factories import LocalAuthorityFactory
from tellonce.plans.tests.builders import section


@pytest.fixture
def round_and_audit(area):
    return audit_round(area)


def test_the_default_tool_has_a_question_for_every_section_of_a_plan_and_an_overall_grade(area):
    lead = area.users["quality lead"]
    tool = services.adopt_default_tool(lead.local_authority, by=acting(lead), today=TODAY)
    sections = [q.section for q in tool.questions.all()]
    assert sections == list(dict.fromkeys(s.value[0] for s in Section)) + ["overall"]  # H1 and H2 as H
    assert len(sections) == len(DEFAULT_QUESTIONS)
    assert all(set(q.descriptors) == set(tool.grade_codes) for q in tool.questions.all())


def test_changing_a_question_makes_a_new_version_and_the_old_one_keeps_its_wording(round_and_audit, area):
    audit_round_, audit = round_and_audit
    tool = audit_round_.tool
    lead = area.users["quality lead"]
    words = {code: f"{code} looks like this" for code in tool.grade_codes}
    new = services.change_question(
        tool,
        order=6,
        text="Is section F quantified?",
        descriptors=words,
        by=acting(lead),
        today=TODAY,
        expected_version=tool.version,
    )
    tool.refresh_from_db()
    assert (new.number, tool.replaced_on) == (2, TODAY)
    assert new.questions.get(order=6).text == "Is section F quantified?"
    assert tool.questions.get(order=6).text != "Is section F quantified?"
    assert audit.round.tool_id == tool.pk
    assert list(AuditTool.objects.current()) == [new]


def test_a_question_without_a_descriptor_for_every_grade_is_refused(round_and_audit, area):
    tool = round_and_audit[0].tool
    with pytest.raises(InvalidStep, match="looks like"):
        services.change_question(
            tool,
            order=1,
            text="Views?",
            descriptors={"good": "Fine"},
            by=acting(area.users["quality lead"]),
            today=TODAY,
            expected_version=tool.version,
        )


def test_an_edit_made_from_an_old_copy_of_the_tool_is_refused(round_and_audit, area):
    tool = round_and_audit[0].tool
    words = {code: "words" for code in tool.grade_codes}
    with pytest.raises(EditConflict):
        services.change_question(
            tool,
            order=1,
            text="Views?",
            descriptors=words,
            by=acting(area.users["quality lead"]),
            today=TODAY,
            expected_version=tool.version + 1,
        )


def test_a_round_keeps_the_plans_findings_and_who_the_plan_belonged_to(round_and_audit, area):
    _, audit = round_and_audit
    assert audit.coordinator == area.users["coordinator"]
    assert audit.setting_id == area.child.setting_id
    assert audit.status == Status.GRADING
    kept = {(f.code, f.section) for f in audit.findings.all()}
    found = {(f.code.value, f.section.value if f.section else "") for f in audit.plan_version.findings(TODAY)}
    assert kept == found
    assert AccessEvent.objects.filter(child=area.child, what__contains="audit round").exists()


def test_a_sample_with_no_plans_is_refused_with_a_reason(round_and_audit, area):
    lead = area.users["quality lead"]
    tool = round_and_audit[0].tool
    with pytest.raises(InvalidStep, match="No plans"):
        services.draw_round(
            lead.local_authority,
            name="Empty",
            tool=tool,
            sample=Sample(method="need", value="XXXX", size=3, seed=1),
            by=acting(lead),
            today=TODAY,
        )


def test_without_a_moderator_the_auditors_grades_stand(round_and_audit, area):
    _, audit = round_and_audit
    grade_all(name(audit, area.users["quality lead"]), overrides={"F": "requires_improvement"})
    audit.refresh_from_db()
    agreed = {a.section: a for a in audit.agreed.all()}
    assert agreed["F"].grade == "requires_improvement" and not agreed["F"].acceptable
    assert agreed["overall"].acceptable and agreed["overall"].rank == 2
    assert "C" not in agreed  # health's sections wait for a health auditor
    assert audit.status == Status.READY


def test_each_agency_grades_only_its_own_sections(round_and_audit, area):
    _, audit = round_and_audit
    health = name(audit, area.users["therapist asked to help"])
    assert health.agency == "health"
    assert {q.section for q in services.questions_for(health)} == {"C", "G"}


def test_a_moderator_grades_blind_and_disagreements_wait_to_be_resolved_with_a_reason(round_and_audit, area):
    _, audit = round_and_audit
    first = name(audit, area.users["quality lead"])
    second = name(audit, area.users["manager"], moderation=True)
    grade_all(first)
    audit.refresh_from_db()
    assert audit.status == Status.GRADING and not audit.agreed.exists()
    grade_all(second, overrides={"F": "inadequate", "A": "outstanding"})
    audit.refresh_from_db()
    assert audit.status == Status.RESOLVING
    waiting = [q.section for q, _, _ in services.disagreements(audit)]
    assert waiting == ["A", "F"]
    assert audit.agreed.filter(section="B", grade="good").exists()
    question = services.disagreements(audit)[1][0]
    with pytest.raises(InvalidStep, match="Say why"):
        services.resolve(
            audit,
            question=question,
            grade="inadequate",
            reason=" ",
            by=acting(area.users["quality lead"]),
            today=TODAY,
            expected_version=audit.version,
        )
    services.resolve(
        audit,
        question=question,
        grade="requires_improvement",
        reason="Vague words in F",
        by=acting(area.users["quality lead"]),
        today=TODAY,
        expected_version=audit.version,
    )
    assert AgreedGrade.objects.get(audit=audit, section="F").reason == "Vague words in F"
    assert [q.section for q, _, _ in services.disagreements(audit)] == ["A"]


def test_a_moderator_must_follow_a_first_auditor_of_the_same_agency_and_be_someone_else(
    round_and_audit, area
):
    _, audit = round_and_audit
    with pytest.raises(InvalidStep, match="after another auditor"):
        name(audit, area.users["manager"], moderation=True)
    name(audit, area.users["quality lead"])
    with pytest.raises(InvalidStep, match="after another auditor"):
        name(audit, area.users["quality lead"], moderation=True)


def test_a_family_member_or_another_councils_officer_cannot_audit(round_and_audit, area):
    _, audit = round_and_audit
    with pytest.raises(InvalidStep):
        name(audit, area.users["parent"])
    with pytest.raises(InvalidStep):
        name(
            audit,
            UserFactory(
                role="quality_lead",
                local_authority=LocalAuthorityFactory(code="998", name="Southbridge Council"),
            ),
        )


def test_grades_must_be_given_for_every_question_and_are_final_once_submitted(round_and_audit, area):
    _, audit = round_and_audit
    assignment = name(audit, area.users["quality lead"])
    with pytest.raises(InvalidStep, match="Choose a grade"):
        services.submit_grades(
            assignment, grades={}, by=acting(assignment.auditor), today=TODAY, expected_version=1
        )
    grade_all(assignment)
    with pytest.raises(InvalidStep, match="already"):
        grade_all(Assignment.objects.get(pk=assignment.pk))


def test_feedback_goes_to_the_coordinator_with_actions_that_are_followed_up(round_and_audit, area):
    _, audit = round_and_audit
    grade_all(name(audit, area.users["quality lead"]))
    audit.refresh_from_db()
    lead, coordinator = area.users["quality lead"], area.users["coordinator"]
    with pytest.raises(InvalidStep, match="due"):
        services.send_feedback(
            audit,
            feedback="Good plan",
            actions=[("Quantify F", None)],
            by=acting(lead),
            today=TODAY,
            expected_version=audit.version,
        )
    services.send_feedback(
        audit,
        feedback="Good plan",
        actions=[("Quantify F", TODAY + timedelta(days=14)), ("", None)],
        by=acting(lead),
        today=TODAY,
        expected_version=audit.version,
    )
    assert audit.status == Status.SENT
    follow_up = FollowUp.objects.get(audit=audit)
    services.acknowledge(
        audit, note="Thanks", by=acting(coordinator), today=TODAY, expected_version=audit.version
    )
    services.complete_follow_up(
        follow_up,
        note="Done at review",
        by=acting(coordinator),
        today=TODAY,
        expected_version=follow_up.version,
    )
    audit.refresh_from_db()
    follow_up.refresh_from_db()
    assert (audit.status, audit.acknowledged_on, follow_up.done_on) == (Status.ACKNOWLEDGED, TODAY, TODAY)
    with pytest.raises(InvalidStep):
        services.acknowledge(
            audit, note="", by=acting(coordinator), today=TODAY, expected_version=audit.version
        )


def test_feedback_waits_until_every_grade_is_agreed(round_and_audit, area):
    _, audit = round_and_audit
    with pytest.raises(InvalidStep, match="agreed"):
        services.send_feedback(
            audit,
            feedback="Early",
            actions=[],
            by=acting(area.users["quality lead"]),
            today=TODAY,
            expected_version=audit.version,
        )


def test_the_familys_view_makes_the_audit_a_deep_dive(round_and_audit, area):
    _, audit = round_and_audit
    services.record_family_view(
        audit,
        view="The therapy never started",
        by=acting(area.users["quality lead"]),
        today=TODAY,
        expected_version=audit.version,
    )
    audit.refresh_from_db()
    assert audit.deep_dive and audit.family_view == "The therapy never started"


def test_section_f_of_the_audited_plan_is_the_plans_own(round_and_audit):
    _, audit = round_and_audit
    assert section(audit.plan_version, Section.F).data
