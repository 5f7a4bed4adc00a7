"""Area-wide timeliness figures (aggregates only, no child-level data), from domain.assessment.
Cases are read as plain values, two queries however many there are."""

from collections import defaultdict
from datetime import date

from tellonce.assessments.models import FACT_COLUMNS, AssessmentRequest, TimescaleException, facts_from
from tellonce.domain import assessment as rules
from tellonce.domain import timescales


def case_rows(cases) -> list[tuple]:
    """(case id, child id, CaseFacts) for each case of the QuerySet `cases`, as AssessmentRequest.facts
    gives them, read in two queries."""
    claimed = defaultdict(list)
    for assessment_id, reason, starts, ends in (
        TimescaleException.objects.filter(assessment__in=cases.values("pk"))
        .order_by("starts_on")
        .values_list("assessment_id", "reason", "starts_on", "ends_on")
    ):
        claimed[assessment_id].append(
            timescales.ClaimedException(timescales.ExceptionReason(reason), starts, ends)
        )
    return [
        (pk, child_id, facts_from(tuple(values), tuple(claimed.get(pk, ()))))
        for pk, child_id, *values in cases.order_by("pk").values_list("pk", "child_id", *FACT_COLUMNS)
    ]


def case_facts(local_authority_id: int) -> list[rules.CaseFacts]:
    cases = AssessmentRequest.objects.filter(child__local_authority_id=local_authority_id)
    return [facts for _, _, facts in case_rows(cases)]


def by_year(local_authority_id: int, *, today: date, years: int):
    """(year, decisions within 6 weeks, plans within 20 weeks) for this year and the ones before."""
    facts = case_facts(local_authority_id)
    return [
        (year, rules.decision_measure(facts, year), rules.twenty_week_measure(facts, year))
        for year in range(today.year, today.year - years, -1)
    ]
