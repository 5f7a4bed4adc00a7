"""Every change to the audit tool, rounds, grades and feedback: checked, versioned and audited."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from tellonce.accounts.actors import Actor
from tellonce.accounts.models import User
from tellonce.audit.services import record_change
from tellonce.audits import tool as defaults
from tellonce.audits.agencies import agency_of
from tellonce.audits.models import (
    AgreedGrade,
    Assignment,
    Audit,
    AuditFinding,
    AuditRound,
    AuditTool,
    FollowUp,
    Grade,
    Question,
    Status,
)
from tellonce.audits.sampling import Sample, candidates
from tellonce.core.refusals import InvalidStep
from tellonce.domain.audit_sampling import draw
from tellonce.organisations.councils import council_id
from tellonce.organisations.models import LocalAuthority


@transaction.atomic
def adopt_default_tool(local_authority: LocalAuthority, *, by: Actor, today: date) -> AuditTool:
    """The national standards' tool (audits/tool.py) as the council's first version."""
    tool = AuditTool.objects.create(
        local_authority=local_authority,
        name=defaults.DEFAULT_NAME,
        scale=defaults.DEFAULT_SCALE,
        created_by=by.user,
    )
    for order, question in enumerate(defaults.default_questions(), start=1):
        Question.objects.create(tool=tool, order=order, **question)
    return tool


@transaction.atomic
def change_question(
    tool: AuditTool,
    *,
    order: int,
    text: str,
    descriptors: dict[str, str],
    by: Actor,
    today: date,
    expected_version: int,
) -> AuditTool:
    """A new version of the tool with one question changed; audits keep the version they were graded on."""
    text = text.strip()
    problems = {}
    if not text:
        problems["text"] = "Enter the question"
    missing = [g["label"] for g in tool.scale if not descriptors.get(g["code"], "").strip()]
    if missing:
        problems["descriptors"] = f"Say what {', '.join(missing)} looks like"
    if tool.replaced_on is not None:
        problems["text"] = "This version has been replaced: change the current version"
    if problems:
        raise InvalidStep.about(problems)
    tool.replaced_on = today
    tool.save_versioned(expected_version=expected_version, fields=["replaced_on"])
    new = AuditTool.objects.create(
        local_authority_id=tool.local_authority_id,
        name=tool.name,
        number=tool.number + 1,
        scale=tool.scale,
        based_on=tool,
        created_by=by.user,
    )
    for question in tool.questions.all():
        changed = question.order == order
        Question.objects.create(
            tool=new,
            order=question.order,
            section=question.section,
            agency=question.agency,
            text=text if changed else question.text,
            descriptors={k: v.strip() for k, v in descriptors.items()} if changed else question.descriptors,
        )
    return new


@transaction.atomic
def draw_round(
    local_authority: LocalAuthority, *, name: str, tool: AuditTool, sample: Sample, by: Actor, today: date
) -> AuditRound:
    """A round of audits of the plans the sample draws (reproducibly, from its seed), each with the
    automatic findings on its plan kept beside it."""
    if not name.strip():
        raise InvalidStep.about({"name": "Enter a name for the round"})
    if tool.replaced_on is not None or tool.local_authority_id != local_authority.pk:
        raise InvalidStep.about({"tool": "Choose the current version of the council's audit tool"})
    found = list(candidates(local_authority, sample, today=today))
    if not found:
        raise InvalidStep.about({"value": "No plans in force match this sample"})
    chosen = draw(found, size=sample.size, seed=sample.seed, key=lambda v: str(v.pk))
    audit_round = AuditRound.objects.create(
        local_authority=local_authority,
        name=name.strip(),
        tool=tool,
        drawn_on=today,
        sample=sample.as_json(),
        created_by=by.user,
    )
    for version in chosen:
        plan, child = version.plan, version.plan.child
        coordinator = plan.coordinator or child.coordinator
        audit = Audit.objects.create(
            round=audit_round,
            child=child,
            plan_version=version,
            coordinator=coordinator,
            team_id=coordinator.team_id if coordinator else None,
            setting_id=child.setting_id,
        )
        kept = {(f.code.value, f.section.value if f.section else "") for f in version.findings(today)}
        AuditFinding.objects.bulk_create(
            [AuditFinding(audit=audit, code=c, section=s) for c, s in sorted(kept)]
        )
        record_change(by, child, f"Plan chosen for the audit round {audit_round.name}")
    return audit_round


@transaction.atomic
def assign(
    audit: Audit, *, auditor: User, moderation: bool, by: Actor, today: date, expected_version: int
) -> Assignment:
    agency = agency_of(auditor)
    if agency is None or not auditor.is_active or council_id(auditor) != audit.child.local_authority_id:
        raise InvalidStep.about(
            {"auditor": "Choose an auditor of the council from education, health or social care"}
        )
    parts = audit.assignments.filter(agency=agency)
    if parts.filter(moderation=moderation).exists():
        raise InvalidStep.about({"auditor": "This part of the audit already has an auditor"})
    if moderation and not parts.filter(moderation=False).exclude(auditor=auditor).exists():
        raise InvalidStep.about({"auditor": "A moderator grades after another auditor of the same agency"})
    if moderation and audit.agreed.filter(agency=agency).exists():
        raise InvalidStep.about(
            {"auditor": "These sections have been agreed already, so cannot be moderated"}
        )
    if not moderation and parts.filter(auditor=auditor).exists():
        raise InvalidStep.about({"auditor": "The moderator cannot also be the first auditor"})
    audit.status = Status.GRADING
    audit.save_versioned(expected_version=expected_version, fields=["status"])
    made = Assignment.objects.create(audit=audit, auditor=auditor, agency=agency, moderation=moderation)
    record_change(
        by, audit.child, f"{made.get_agency_display()} {'moderator' if moderation else 'auditor'} named"
    )
    return made


@dataclass(frozen=True)
class Graded:
    grade: str
    comment: str = ""


def questions_for(assignment: Assignment) -> list[Question]:
    return list(assignment.audit.round.tool.questions.filter(agency=assignment.agency))


@transaction.atomic
def submit_grades(
    assignment: Assignment, *, grades: dict[int, Graded], by: Actor, today: date, expected_version: int
) -> Assignment:
    """The auditor's grades, final once submitted. With a moderator, questions both graded alike are
    agreed; the others wait for the quality lead to resolve them with a reason."""
    if assignment.submitted_on is not None:
        raise InvalidStep(["These grades have been submitted already"])
    tool = assignment.audit.round.tool
    questions = questions_for(assignment)
    problems = {
        f"q{q.pk}": f"Choose a grade for section {q.section}"
        for q in questions
        if q.pk not in grades or grades[q.pk].grade not in tool.grade_codes
    }
    if problems:
        raise InvalidStep.about(problems)
    assignment.submitted_on = today
    assignment.save_versioned(expected_version=expected_version, fields=["submitted_on"])
    Grade.objects.bulk_create(
        [
            Grade(
                assignment=assignment,
                question=q,
                grade=grades[q.pk].grade,
                comment=grades[q.pk].comment.strip(),
            )
            for q in questions
        ]
    )
    other = Assignment.objects.filter(
        audit=assignment.audit, agency=assignment.agency, moderation=not assignment.moderation
    ).first()
    if other is None or other.submitted_on is not None:
        theirs = {g.question_id: g.grade for g in other.grades.all()} if other else {}
        agreed = [q for q in questions if other is None or theirs.get(q.pk) == grades[q.pk].grade]
        for q in agreed:
            _agree(assignment.audit, q, grades[q.pk].grade, today=today)
    _refresh(assignment.audit)
    record_change(by, assignment.audit.child, f"{assignment.get_agency_display()} audit grades submitted")
    return assignment


def _agree(
    audit: Audit, question: Question, grade: str, *, today: date, reason: str = "", by: User | None = None
) -> None:
    scale = audit.round.tool.scale
    rank = next(i for i, g in enumerate(scale, start=1) if g["code"] == grade)
    AgreedGrade.objects.create(
        audit=audit,
        question=question,
        section=question.section,
        agency=question.agency,
        grade=grade,
        rank=rank,
        acceptable=scale[rank - 1]["acceptable"],
        reason=reason,
        resolved_by=by,
        agreed_on=today,
    )


def disagreements(audit: Audit) -> list[tuple[Question, Grade, Grade]]:
    """Questions both auditors graded differently and not yet resolved."""
    agreed = set(audit.agreed.values_list("question_id", flat=True))
    grades = Grade.objects.filter(
        assignment__audit=audit, assignment__submitted_on__isnull=False
    ).select_related("question", "assignment")
    first = {g.question_id: g for g in grades if not g.assignment.moderation}
    second = {g.question_id: g for g in grades if g.assignment.moderation}
    return [
        (first[q].question, first[q], second[q])
        for q in sorted(set(first) & set(second), key=lambda pk: first[pk].question.order)
        if q not in agreed and first[q].grade != second[q].grade
    ]


@transaction.atomic
def resolve(
    audit: Audit,
    *,
    question: Question,
    grade: str,
    reason: str,
    by: Actor,
    today: date,
    expected_version: int,
) -> AgreedGrade:
    open_questions = {q.pk for q, _, _ in disagreements(audit)}
    problems = {}
    if question.pk not in open_questions:
        problems["question"] = "This question has no disagreement to resolve"
    if grade not in audit.round.tool.grade_codes:
        problems["grade"] = "Choose the agreed grade"
    if not reason.strip():
        problems["reason"] = "Say why this grade was agreed"
    if problems:
        raise InvalidStep.about(problems)
    audit.save_versioned(expected_version=expected_version, fields=[])
    _agree(audit, question, grade, today=today, reason=reason.strip(), by=by.user)
    _refresh(audit)
    record_change(by, audit.child, f"Audit grade for section {question.section} agreed after moderation")
    return audit.agreed.get(question=question)


def _refresh(audit: Audit) -> None:
    if audit.status in (Status.SENT, Status.ACKNOWLEDGED):
        return
    parts = list(audit.assignments.all())
    if not parts or any(p.submitted_on is None for p in parts):
        status = Status.GRADING
    else:
        status = Status.RESOLVING if disagreements(audit) else Status.READY
    Audit.objects.filter(pk=audit.pk).update(status=status)
    audit.status = status


@transaction.atomic
def record_family_view(audit: Audit, *, view: str, by: Actor, today: date, expected_version: int) -> Audit:
    if not view.strip():
        raise InvalidStep.about({"view": "Enter what the family said about the plan"})
    audit.family_view, audit.deep_dive = view.strip(), True
    audit.save_versioned(expected_version=expected_version, fields=["family_view", "deep_dive"])
    record_change(by, audit.child, "The family's view of the plan recorded for an audit deep dive")
    return audit


@transaction.atomic
def send_feedback(
    audit: Audit,
    *,
    feedback: str,
    actions: list[tuple[str, date | None]],
    by: Actor,
    today: date,
    expected_version: int,
) -> Audit:
    problems = {}
    if audit.status != Status.READY:
        problems["feedback"] = "Feedback is sent once every grade has been agreed"
    if not feedback.strip():
        problems["feedback"] = "Enter the feedback for the coordinator"
    if audit.coordinator_id is None:
        problems["feedback"] = "The plan has no coordinator to send feedback to"
    for i, (action, due_on) in enumerate(actions, start=1):
        if action.strip() and due_on is None:
            problems[f"due{i}"] = f"Enter the date action {i} is due"
        elif due_on is not None and due_on < today:
            problems[f"due{i}"] = f"The date action {i} is due must be today or later"
    if problems:
        raise InvalidStep.about(problems)
    audit.feedback, audit.feedback_sent_on, audit.status = feedback.strip(), today, Status.SENT
    audit.save_versioned(expected_version=expected_version, fields=["feedback", "feedback_sent_on", "status"])
    FollowUp.objects.bulk_create(
        [FollowUp(audit=audit, action=a.strip(), due_on=d) for a, d in actions if a.strip() and d is not None]
    )
    record_change(by, audit.child, "Audit feedback sent to the coordinator")
    return audit


@transaction.atomic
def acknowledge(audit: Audit, *, note: str, by: Actor, today: date, expected_version: int) -> Audit:
    if audit.status != Status.SENT:
        raise InvalidStep(["This feedback has been acknowledged already"])
    audit.acknowledgement, audit.acknowledged_on, audit.status = note.strip(), today, Status.ACKNOWLEDGED
    audit.save_versioned(
        expected_version=expected_version, fields=["acknowledgement", "acknowledged_on", "status"]
    )
    record_change(by, audit.child, "Audit feedback acknowledged")
    return audit


@transaction.atomic
def complete_follow_up(
    follow_up: FollowUp, *, note: str, by: Actor, today: date, expected_version: int
) -> FollowUp:
    if follow_up.done_on is not None:
        raise InvalidStep(["This action has been done already"])
    follow_up.done_on, follow_up.note = today, note.strip()
    follow_up.save_versioned(expected_version=expected_version, fields=["done_on", "note"])
    record_change(by, follow_up.audit.child, "An action from a plan audit done")
    return follow_up
