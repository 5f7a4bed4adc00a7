"""An audit round built through the services, as the quality lead builds one."""

from datetime import date

from tellonce.audits import services
from tellonce.audits.sampling import Sample
from tellonce.conftest import acting
from tellonce.plans.tests.builders import TODAY, plan_in_force

GOOD = "good"


def audit_round(area, *, today: date = TODAY):
    plan_in_force(area, today=today)
    lead = area.users["quality lead"]
    tool = services.adopt_default_tool(lead.local_authority, by=acting(lead), today=today)
    made = services.draw_round(
        lead.local_authority,
        name="Autumn audit",
        tool=tool,
        sample=Sample(method="random", size=5, seed=7),
        by=acting(lead),
        today=today,
    )
    return made, made.audits.get()


def name(audit, user, *, moderation: bool = False, today: date = TODAY):
    audit.refresh_from_db()
    lead = next(u for u in [audit.round.created_by] if u is not None)
    return services.assign(
        audit,
        auditor=user,
        moderation=moderation,
        by=acting(lead),
        today=today,
        expected_version=audit.version,
    )


def grade_all(assignment, grade: str = GOOD, *, overrides: dict | None = None, today: date = TODAY):
    questions = services.questions_for(assignment)
    given = {q.pk: services.Graded((overrides or {}).get(q.section, grade)) for q in questions}
    assignment.refresh_from_db()
    return services.submit_grades(
        assignment,
        grades=given,
        by=acting(assignment.auditor),
        today=today,
        expected_version=assignment.version,
    )
