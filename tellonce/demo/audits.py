"""Two rounds of plan audits: a random round five months ago, graded by education, health and
social care, half of it moderated blind, with disagreements agreed, feedback sent, acknowledged and
its actions done; and a themed round this month, on the tool's second version, still under way."""

import random
from datetime import date, timedelta

from tellonce.accounts.actors import Actor
from tellonce.audits import services
from tellonce.audits.models import Status
from tellonce.audits.sampling import Sample
from tellonce.demo.steps import DemoArea, Progress, demo_step

STEP = 220
REASONS = [
    "Agreed at moderation: the provision in F is quantified but not linked to outcomes.",
    "Agreed at moderation: the child's voice is there, but second-hand.",
    "Agreed at moderation: the advice is current, so the higher grade stands.",
]
FEEDBACK = [
    "A clear plan with the child's voice throughout. Section F needs amounts for the speech and language "
    "therapy, and two outcomes need dates.",
    "Good use of the advice. Social care needs are described but section H does not say who provides the "
    "short breaks, or how often.",
    "The plan is lawful but the outcomes are aims rather than outcomes: make them specific and measurable.",
]
ACTIONS = [
    "Add amounts to section F at the next review",
    "Ask the family how the plan is working",
    "Date the outcomes in E",
]
FAMILY = [
    "Mum said the plan describes her son well, but the therapy in it has not started yet.",
    "Dad said the school follows the plan, and he would like to be asked about the outcomes.",
]


def _grade_for(rng: random.Random, findings: int, codes: list[str]) -> str:
    """Plans with more automatic findings tend to be graded lower, as auditors find."""
    centre = 1 + min(findings, 6) / 3
    return codes[max(0, min(len(codes) - 1, round(rng.gauss(centre, 0.7))))]


def _near(rng: random.Random, grade: str, codes: list[str]) -> str:
    if rng.random() < 0.75:
        return grade
    i = codes.index(grade) + rng.choice((-1, 1))
    return codes[max(0, min(len(codes) - 1, i))]


def _grade(assignment, rng, codes, findings, today, *, like=None):
    questions = services.questions_for(assignment)
    grades = {
        q.pk: services.Graded(_near(rng, like[q.pk], codes) if like else _grade_for(rng, findings, codes))
        for q in questions
    }
    services.submit_grades(
        assignment,
        grades=grades,
        by=Actor.command(assignment.auditor, "demo"),
        today=today,
        expected_version=1,
    )
    return {pk: g.grade for pk, g in grades.items()}


def _run(area: DemoArea, rng: random.Random, audit_round, today: date, *, finish: bool) -> int:
    staff = area.staff
    lead, manager = staff["quality"], staff["manager"]
    actor = Actor.command(lead, "demo")
    codes = audit_round.tool.grade_codes
    audits = list(audit_round.audits.select_related("child").prefetch_related("findings"))
    for n, audit in enumerate(audits):
        findings = len(audit.findings.all())
        parts = [(lead, False)]
        if n % 2 == 0:
            parts.append((manager, True))
        if n % 3 == 0:
            parts.append((staff["dco"], False))
        if audit.child.child_in_need or audit.child.looked_after or n % 4 == 1:
            parts.append((staff["dsco"], False))
        assigned = []
        for user, moderation in parts:
            audit.refresh_from_db()
            assigned.append(
                services.assign(
                    audit,
                    auditor=user,
                    moderation=moderation,
                    by=actor,
                    today=today,
                    expected_version=audit.version,
                )
            )
        if not finish and n % 3 == 2:
            continue  # still being graded
        first = _grade(assigned[0], rng, codes, findings, today)
        for assignment in assigned[1:]:
            _grade(assignment, rng, codes, findings, today, like=first if assignment.moderation else None)
        audit.refresh_from_db()
        if n in (1, 4):
            services.record_family_view(
                audit, view=FAMILY[n % 2], by=actor, today=today, expected_version=audit.version
            )
        for question, first_grade, second_grade in services.disagreements(audit):
            if not finish and n % 4 == 0:
                break
            audit.refresh_from_db()
            services.resolve(
                audit,
                question=question,
                grade=rng.choice((first_grade.grade, second_grade.grade)),
                reason=rng.choice(REASONS),
                by=actor,
                today=today,
                expected_version=audit.version,
            )
        audit.refresh_from_db()
        if audit.status != Status.READY or audit.coordinator_id is None or (not finish and n % 2):
            continue
        services.send_feedback(
            audit,
            feedback=FEEDBACK[n % len(FEEDBACK)],
            actions=[
                (ACTIONS[n % len(ACTIONS)], today + timedelta(days=28)),
                (ACTIONS[(n + 1) % len(ACTIONS)], today + timedelta(days=56)),
            ],
            by=actor,
            today=today,
            expected_version=audit.version,
        )
        if finish and n % 5 != 4:
            coordinator = Actor.command(audit.coordinator, "demo")
            later = today + timedelta(days=rng.randrange(2, 10))
            services.acknowledge(
                audit,
                note="Thank you, I will put these right.",
                by=coordinator,
                today=later,
                expected_version=audit.version,
            )
            follow_up = audit.follow_ups.order_by("due_on").first()
            services.complete_follow_up(
                follow_up,
                note="Done at the annual review",
                by=coordinator,
                today=later + timedelta(days=14),
                expected_version=follow_up.version,
            )
    return len(audits)


@demo_step(name="plan audits", order=STEP)
def plan_audits(area: DemoArea, _shared: random.Random, progress: Progress) -> None:
    rng = random.Random(area.seed * 1000 + STEP)
    la, lead = area.local_authority, area.staff["quality"]
    actor = Actor.command(lead, "demo")
    first_day, second_day = area.today - timedelta(days=150), area.today - timedelta(days=12)
    tool = services.adopt_default_tool(la, by=actor, today=first_day)
    size = max(4, min(12, len(area.children) // 8))
    autumn = services.draw_round(
        la,
        name="Random audit, summer term",
        tool=tool,
        sample=Sample("random", size, 2026),
        by=actor,
        today=first_day,
    )
    done = _run(area, rng, autumn, first_day, finish=True)
    question = tool.questions.get(section="F")
    words = dict(question.descriptors)
    words["good"] = "Every item says what, who, how often and how long, and is linked to an outcome in E."
    tool = services.change_question(
        tool,
        order=question.order,
        text=question.text,
        descriptors=words,
        by=actor,
        today=second_day,
        expected_version=tool.version,
    )
    themed = services.draw_round(
        la,
        name="Plans issued in the last year",
        tool=tool,
        sample=Sample("age", size, 11, "under_1"),
        by=actor,
        today=second_day,
    )
    done += _run(area, rng, themed, second_day, finish=False)
    progress.say(f"2 audit rounds, {done} plans audited")
