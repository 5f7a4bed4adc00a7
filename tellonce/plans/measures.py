"""Plan quality counted in the database: the tally of `domain.plan_quality.tally` (its reference,
checked against it by a test) from the codes each version's checks last found, kept as one
`VersionFinding` row a code (ADR 83) beside the version's own list (`PlanVersion.finding_codes`).

The tally is two queries: one GROUP BY code over the rows of the versions in scope, and one
aggregate over the versions for the totals (plans, clean, the days checked, unchecked). A version
is clean when it has no row. The overview page's `overview` counts the same over the plans in force
from every source in the same two queries, with those from elsewhere (not checked) beside, reading
the rows of one council through their council key."""

from django.db.models import Count, Exists, Max, Min, OuterRef, Q, QuerySet

from tellonce.domain import plan_quality
from tellonce.plans.models import VersionFinding

MUST = [
    code.value for code, info in plan_quality.CHECKS.items() if info.severity == plan_quality.Severity.MUST
]


def _rows(**where) -> QuerySet:
    return VersionFinding.objects.filter(plan_version=OuterRef("pk"), **where)


def found(code: str, council_id: int | None = None) -> Q:
    """The versions whose checks last found `code`; given `council_id`, read from that council's
    rows by their council key (the index on the council and the code)."""
    if council_id is None:
        return Q(Exists(_rows(code=code)))
    return Q(Exists(_rows(code=code, local_authority_id=council_id)))


def _by_code(versions: QuerySet, council_id: int | None) -> dict[str, int]:
    by_code = dict.fromkeys((check.value for check in plan_quality.CHECKS), 0)
    rows = VersionFinding.objects.filter(
        plan_version__in=versions.order_by().values("pk"), code__in=list(by_code)
    )
    if council_id is not None:
        rows = rows.filter(local_authority_id=council_id)
    by_code.update(rows.order_by().values("code").annotate(n=Count("*")).values_list("code", "n"))
    return by_code


def tally(versions: QuerySet) -> plan_quality.QualityTally:
    """`domain.plan_quality.tally` over `versions` (one a plan), in two queries."""
    return _tally(_by_code(versions, None), versions.order_by().aggregate(**_totals(Q())))


def _totals(where: Q) -> dict:
    return {
        "plans": Count("pk", filter=where) if where else Count("pk"),
        "clean": Count("pk", filter=where & ~Q(Exists(_rows()))),
        "checked_from": Min("findings_checked_on", filter=where) if where else Min("findings_checked_on"),
        "checked_to": Max("findings_checked_on", filter=where) if where else Max("findings_checked_on"),
        "unchecked": Count("pk", filter=where & Q(findings_checked_on__isnull=True)),
    }


WRITTEN = Q(source="tellonce")


def overview(in_force: QuerySet, council_id: int) -> tuple[plan_quality.QualityTally, int]:
    """`tally` of those of `in_force` (one version a plan, all of council `council_id`'s) written in
    Tellonce, and how many came from elsewhere, in two queries: the codes grouped (the council's
    rows only, by their council key) and the totals with those from elsewhere."""
    row = in_force.order_by().aggregate(**_totals(WRITTEN), elsewhere=Count("pk", filter=~WRITTEN))
    return _tally(_by_code(in_force.filter(WRITTEN), council_id), row), row["elsewhere"]


def _tally(by_code: dict[str, int], row: dict) -> plan_quality.QualityTally:
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
