"""Live measures an improvement plan can cite, from plan audits (registered at start-up)."""

from datetime import date, timedelta

from django.db.models import Count, Q

from tellonce.audits.models import AgreedGrade, Audit
from tellonce.improvement.registry import Measure, register

YEAR = timedelta(days=364)


def good_or_better(local_authority_id: int, day: date) -> float | None:
    """Of plans audited in the year to `day`, the share whose agreed overall grade was good or better."""
    found = AgreedGrade.objects.filter(
        audit__child__local_authority_id=local_authority_id,
        section="overall",
        agreed_on__range=(day - YEAR, day),
    ).aggregate(n=Count("pk"), good=Count("pk", filter=Q(acceptable=True)))
    return 100 * found["good"] / found["n"] if found["n"] else None


def acknowledged(local_authority_id: int, day: date) -> float | None:
    """Of audit feedback sent in the year to `day`, the share the coordinator has acknowledged."""
    found = Audit.objects.filter(
        child__local_authority_id=local_authority_id, feedback_sent_on__range=(day - YEAR, day)
    ).aggregate(n=Count("pk"), done=Count("pk", filter=Q(acknowledged_on__lte=day)))
    return 100 * found["done"] / found["n"] if found["n"] else None


register(
    Measure(
        key="audits.good_or_better",
        label="Audited EHC plans graded good or better",
        unit="%",
        value=good_or_better,
        source="Plan audits in Tellonce, agreed overall grades over the last 12 months",
    )
)
register(
    Measure(
        key="audits.feedback_acknowledged",
        label="Plan audit feedback acknowledged by the coordinator",
        unit="%",
        value=acknowledged,
        source="Plan audits in Tellonce, feedback sent over the last 12 months",
    )
)
