"""Area-wide timeliness figures (aggregates only, no child-level data), from domain.assessment."""

from datetime import date

from tellonce.assessments.models import AssessmentRequest, TimescaleException
from tellonce.domain import assessment as rules


def case_facts(local_authority_id: int) -> list[rules.CaseFacts]:
    cases = AssessmentRequest.objects.filter(child__local_authority_id=local_authority_id)
    by_case: dict = {}
    for exception in TimescaleException.objects.filter(assessment__in=cases):
        by_case.setdefault(exception.assessment_id, []).append(exception)
    return [case.facts(exceptions=by_case.get(case.pk, ())) for case in cases]


def by_year(local_authority_id: int, *, today: date, years: int):
    """(year, decisions within 6 weeks, plans within 20 weeks) for this year and the ones before."""
    facts = case_facts(local_authority_id)
    return [
        (year, rules.decision_measure(facts, year), rules.twenty_week_measure(facts, year))
        for year in range(today.year, today.year - years, -1)
    ]
