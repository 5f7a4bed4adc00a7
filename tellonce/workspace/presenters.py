"""The child's page in values: each assessment, plan, advice request and referral the user may see."""

from datetime import date

from tellonce.assessments.presenters import family_sentences
from tellonce.domain.assessment import STAGE_LABELS
from tellonce.plans.models import Plan, PlanVersion


def assessment_summaries(child, *, today: date, for_family: bool) -> list[tuple[object, object]]:
    """Each assessment with, for the family, its plain-English sentences, otherwise its stage."""
    cases = child.assessments.prefetch_related("exceptions")
    if for_family:
        return [(case, family_sentences(case, today)) for case in cases]
    return [(case, STAGE_LABELS[case.clock(today).stage]) for case in cases]


def plans_of(user, child) -> list[tuple[Plan, PlanVersion]]:
    """Each plan the user may see, with the latest version they may see."""
    latest = {}
    for version in PlanVersion.objects.visible_to(user).filter(plan__child=child).order_by("number"):
        latest[version.plan_id] = version
    return [
        (plan, latest[plan.pk])
        for plan in Plan.objects.visible_to(user).filter(child=child)
        if plan.pk in latest
    ]
