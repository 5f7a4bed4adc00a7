"""Area-wide timeliness figures (aggregates only, no child-level data), from domain.assessment.
Cases are read as plain values, two queries however many there are."""

from collections import defaultdict
from datetime import date

from tellonce.assessments.models import AssessmentRequest, Kind, TimescaleException
from tellonce.domain import assessment as rules
from tellonce.domain import timescales

FACT_COLUMNS = (
    "pk",
    "child_id",
    "received_on",
    "kind",
    "decision",
    "decision_notified_on",
    "draft_issued_on",
    "not_to_issue_notified_on",
    "final_issued_on",
    "withdrawn_on",
)


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
        (
            pk,
            child_id,
            rules.CaseFacts(
                start=received,
                reassessment=kind == Kind.REASSESSMENT,
                decision=rules.Decision(decision) if decision else None,
                decision_notified=notified,
                draft_issued=draft,
                not_to_issue_notified=not_issued,
                final_issued=final,
                withdrawn=withdrawn,
                exceptions=tuple(claimed.get(pk, ())),
            ),
        )
        for pk, child_id, received, kind, decision, notified, draft, not_issued, final, withdrawn in cases.order_by(
            "pk"
        ).values_list(*FACT_COLUMNS)
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
