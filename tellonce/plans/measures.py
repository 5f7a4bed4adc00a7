"""Plan quality counted in the database: the tally of `domain.plan_quality.tally` (its reference,
checked against it by a test) as one query of conditional counts over the codes each version's
checks last found (`PlanVersion.finding_codes`, a JSON list kept by the services and every night).

A version has a finding when its list holds the code: the list read as text contains the code in
double quotes. Codes are plain identifiers, so a quoted code cannot sit inside another, and the
text is the same JSON on SQLite and PostgreSQL."""

from django.db.models import Count, Max, Min, Q, QuerySet, TextField
from django.db.models.functions import Cast

from tellonce.domain import plan_quality

FOUND = "findings_text"


def found(code: str) -> Q:
    """The versions whose checks last found `code` (on a QuerySet given `with_found_text`)."""
    return Q(**{f"{FOUND}__contains": f'"{code}"'})


def with_found_text(versions: QuerySet) -> QuerySet:
    return versions.alias(**{FOUND: Cast("finding_codes", TextField())})


def tally(versions: QuerySet) -> plan_quality.QualityTally:
    """`domain.plan_quality.tally` over `versions` (one a plan), in one query."""
    codes = [check.value for check in plan_quality.CHECKS]
    row = with_found_text(versions).aggregate(
        plans=Count("pk"),
        # An empty list (or none) is the only text without a quoted code.
        clean=Count("pk", filter=~Q(**{f"{FOUND}__contains": '"'}) | Q(finding_codes__isnull=True)),
        checked_from=Min("findings_checked_on"),
        checked_to=Max("findings_checked_on"),
        unchecked=Count("pk", filter=Q(findings_checked_on__isnull=True)),
        **{f"code_{n}": Count("pk", filter=found(code)) for n, code in enumerate(codes)},
    )
    return plan_quality.QualityTally(
        row["plans"],
        row["clean"],
        {code: row[f"code_{n}"] for n, code in enumerate(codes)},
        row["checked_from"],
        row["checked_to"],
        row["unchecked"],
    )


def without_must_finding() -> Q:
    """The versions whose checks found nothing that must be put right (on a QuerySet given
    `with_found_text`): `domain.plan_quality`'s MUST severities, as the partnership counts them."""
    must = Q()
    for code, info in plan_quality.CHECKS.items():
        if info.severity == plan_quality.Severity.MUST:
            must |= found(code.value)
    return ~must
