"""Plan quality counted in the database: the tally of `domain.plan_quality.tally` (its reference,
checked against it by a test) from the codes each version's checks last found, kept as one
`VersionFinding` row a code (ADR 83) beside the version's own list (`PlanVersion.finding_codes`).

The tally is two queries: one GROUP BY code over the rows of the versions in scope, and one
aggregate over the versions for the totals (plans, clean, the days checked, unchecked). A version
is clean when it has no row."""

from django.db.models import Count, Exists, Max, Min, OuterRef, Q, QuerySet

from tellonce.domain import plan_quality
from tellonce.plans.models import VersionFinding

MUST = [
    code.value for code, info in plan_quality.CHECKS.items() if info.severity == plan_quality.Severity.MUST
]


def _rows(**where) -> QuerySet:
    return VersionFinding.objects.filter(plan_version=OuterRef("pk"), **where)


def found(code: str) -> Q:
    """The versions whose checks last found `code`."""
    return Q(Exists(_rows(code=code)))


def tally(versions: QuerySet) -> plan_quality.QualityTally:
    """`domain.plan_quality.tally` over `versions` (one a plan), in two queries."""
    by_code = dict.fromkeys((check.value for check in plan_quality.CHECKS), 0)
    counted = (
        VersionFinding.objects.filter(
            plan_version__in=versions.order_by().values("pk"), code__in=list(by_code)
        )
        .order_by()
        .values("code")
        .annotate(n=Count("*"))
        .values_list("code", "n")
    )
    by_code.update(counted)
    row = versions.order_by().aggregate(
        plans=Count("pk"),
        clean=Count("pk", filter=~Q(Exists(_rows()))),
        checked_from=Min("findings_checked_on"),
        checked_to=Max("findings_checked_on"),
        unchecked=Count("pk", filter=Q(findings_checked_on__isnull=True)),
    )
    return plan_quality.QualityTally(
        row["plans"],
        row["clean"],
        by_code,
        row["checked_from"],
        row["checked_to"],
        row["unchecked"],
    )


def without_must_finding(local_authority_id: int | None = None) -> Q:
    """The versions whose checks found nothing that must be put right: `domain.plan_quality`'s
    MUST severities, as the partnership counts them. Given the council, only its own finding rows
    are read (ADR 80 amended: a version's and its findings' council are one)."""
    where = {} if local_authority_id is None else {"local_authority_id": local_authority_id}
    return ~Q(Exists(_rows(code__in=MUST, **where)))
