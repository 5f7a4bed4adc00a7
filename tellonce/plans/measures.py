"""Plan quality counted in the database: the tally of `domain.plan_quality.tally` (its reference,
checked against it by a test) from the codes each version's checks last found, kept as one
`VersionFinding` row a code (ADR 83) beside the version's own list (`PlanVersion.finding_codes`).

The tally is two queries: one GROUP BY code over the rows of the versions in scope, and one
aggregate over the versions for the totals (plans, clean, the days checked, unchecked). A version
is clean when it has no row. The overview page's `overview` counts the same over the plans in force
from every source, with those from elsewhere (not checked) beside, in one statement: the versions
in force are read once (a common table expression), and the totals over them and the codes in
their lists are its two parts (ADR 94, ADR 104)."""

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    JSONNull,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)

from tellonce.core.db import day_of_row, read_rows
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


# Each code in a version's list, one row a code, as `overview` reads them: the list is a JSON
# array (or JSON null, nothing found), read by each database's own function; (the join, the code).
_CODES_IN_LIST = {
    "postgresql": (
        "CROSS JOIN LATERAL jsonb_array_elements_text("
        "CASE WHEN jsonb_typeof(v.codes) = 'array' THEN v.codes ELSE '[]'::jsonb END) AS f (code)",
        "f.code",
    ),
    "sqlite": (
        "JOIN json_each(CASE WHEN json_type(v.codes) = 'array' THEN v.codes ELSE '[]' END) AS f",
        "f.value",
    ),
}


def overview(in_force: QuerySet) -> tuple[plan_quality.QualityTally, int]:
    """`tally` of those of `in_force` (one version a plan, all of one council's) written in
    Tellonce, and how many came from elsewhere, in one statement. The versions in force are read
    once, as a common table expression of `in_force`'s own SQL (its scope as the queryset states
    it), with whether each was written here, whether it is clean (its list of codes empty, as the
    domain's reference reads it) and the list itself; the totals are one part of the statement
    and the codes in those lists, each version counted once a code, the other (ADR 104). The codes
    are read from the version rows already read, so nothing more is looked up however many other
    councils the database holds; reading them from the `VersionFinding` rows instead took one
    index probe a version, which grew from 17 to 26 ms between 20,000 and 640,000 children."""
    flags = in_force.order_by().annotate(
        written=_flag(WRITTEN), clean=_flag(Q(finding_codes=[]) | Q(finding_codes=JSONNull()))
    )
    try:
        body, params = (
            flags.values_list("pk", "written", "findings_checked_on", "clean", "finding_codes")
            .query.get_compiler(using=in_force.db)
            .as_sql()
        )
    except EmptyResultSet:  # a scope that reaches nothing
        return plan_quality.tally([]), 0
    codes_in_list, each_code = _CODES_IN_LIST[connections[in_force.db].vendor]
    sql = f"""
        WITH v (id, written, checked_on, clean, codes) AS ({body})
        SELECT NULL, SUM(written), SUM(CASE WHEN written = 1 AND clean = 1 THEN 1 ELSE 0 END),
               MIN(CASE WHEN written = 1 THEN checked_on END), MAX(CASE WHEN written = 1 THEN checked_on END),
               SUM(CASE WHEN written = 1 AND checked_on IS NULL THEN 1 ELSE 0 END), SUM(1 - written)
          FROM v
        UNION ALL
        SELECT {each_code}, COUNT(DISTINCT v.id), 0, NULL, NULL, 0, 0
          FROM v {codes_in_list}
         WHERE v.written = 1 AND {each_code} IS NOT NULL
         GROUP BY {each_code}
    """
    by_code = dict.fromkeys((check.value for check in plan_quality.CHECKS), 0)
    row: dict = {}
    for code, plans, clean, checked_from, checked_to, unchecked, elsewhere in read_rows(
        sql, params, model=VersionFinding
    ):
        if code is None:
            row = {
                "plans": plans or 0,
                "clean": clean or 0,
                "checked_from": day_of_row(checked_from),
                "checked_to": day_of_row(checked_to),
                "unchecked": unchecked or 0,
                "elsewhere": elsewhere or 0,
            }
        elif code in by_code:
            by_code[code] = plans
    return _tally(by_code, row), row["elsewhere"]


def _flag(where: Q) -> Case:
    return Case(When(where, then=Value(1)), default=Value(0), output_field=IntegerField())


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
