"""The audit reports: grades by section, team, coordinator and setting round by round, what the
automatic findings predict about the human grade, and agreement between auditors. Each table is
one aggregate query in SQL, scoped to one council through the round (a round draws only its own
council's plans, `services.draw_round`); a health-only view keeps health's sections."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, Subquery

from tellonce.audits.models import Agency, AgreedGrade, AuditFinding, AuditTool, Grade
from tellonce.audits.tool import DEFAULT_SCALE, SECTION_NAMES
from tellonce.core.formatting import govuk_date
from tellonce.domain import plan_quality
from tellonce.domain.agreement import Kappa, NotEnoughPairs, kappa_from_table

HEALTH_SECTIONS = ("C", "G")  # findings keep the plan's own sections, as audits grade them
ADVICE_CODES = (
    "advice_undated",
    "advice_old",
    "advice_reused",
    "health_needs_without_provision",
    "health_provision_in_f",
)


@dataclass(frozen=True)
class Table:
    title: str
    headings: list[str]
    rows: list[list]


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "No data"


def _agreed(la_id: int, health_only: bool):
    found = AgreedGrade.objects.filter(audit__round__local_authority_id=la_id)
    return found.filter(agency=Agency.HEALTH) if health_only else found


def _by(la_id: int, key: str, label: str, *, health_only: bool, overall: bool) -> Table:
    grades = _agreed(la_id, health_only)
    grades = grades.filter(section="overall") if overall else grades.exclude(section="overall")
    rows = (
        grades.values(key, "audit__round__name", "audit__round__drawn_on")
        .annotate(n=Count("pk"), good=Count("pk", filter=Q(acceptable=True)))
        .order_by(key, "audit__round__drawn_on")
    )
    return Table(
        f"Grades by {label.lower()}",
        [
            label,
            "Round",
            "Drawn on",
            "Grades" if not overall else "Plans",
            "Good or better",
            "Share good or better",
        ],
        [
            [
                SECTION_NAMES.get(r[key], r[key]) if key == "section" else (r[key] or "Not known"),
                r["audit__round__name"],
                govuk_date(r["audit__round__drawn_on"]),
                r["n"],
                r["good"],
                _percent(r["good"], r["n"]),
            ]
            for r in rows
        ],
    )


def predictions(la_id: int, *, health_only: bool = False) -> Table:
    """For each automatic finding: of the audited plans with it and without it, the share whose
    overall grade was "requires improvement" or worse."""
    overall = AgreedGrade.objects.filter(audit__round__local_authority_id=la_id, section="overall")
    total = overall.aggregate(n=Count("pk"), bad=Count("pk", filter=Q(acceptable=False)))
    findings = AuditFinding.objects.filter(audit__in=overall.values("audit"))
    if health_only:
        findings = findings.filter(Q(section__in=HEALTH_SECTIONS) | Q(code__in=ADVICE_CODES))
    with_finding = (
        findings.values("code")
        .annotate(
            n=Count("audit", distinct=True),
            bad=Count(
                "audit",
                distinct=True,
                filter=Q(audit__agreed__section="overall", audit__agreed__acceptable=False),
            ),
        )
        .order_by("code")
    )
    rows = []
    for r in with_finding:
        info = plan_quality.CHECKS.get(r["code"])
        without_n, without_bad = total["n"] - r["n"], total["bad"] - r["bad"]
        rows.append(
            [
                info.title if info else r["code"],
                r["n"],
                _percent(r["bad"], r["n"]),
                without_n,
                _percent(without_bad, without_n),
            ]
        )
    return Table(
        "What the automatic findings predict",
        [
            "Automatic finding",
            "Audited plans with it",
            "Requires improvement or worse, with it",
            "Audited plans without it",
            "Requires improvement or worse, without it",
        ],
        rows,
    )


def table_makers(la_id: int, *, health_only: bool = False) -> dict[str, Callable[[], Table]]:
    """Each table by its name in the CSV's address, counted only when asked for."""
    makers: dict[str, Callable[[], Table]] = {
        "sections": lambda: _by(la_id, "section", "Section", health_only=health_only, overall=False)
    }
    if not health_only:
        makers["teams"] = lambda: _by(la_id, "audit__team__name", "Team", health_only=False, overall=True)
        makers["coordinators"] = lambda: _by(
            la_id, "audit__coordinator__username", "Coordinator", health_only=False, overall=True
        )
        makers["settings"] = lambda: _by(
            la_id, "audit__setting__name", "Setting", health_only=False, overall=True
        )
    makers["findings"] = lambda: predictions(la_id, health_only=health_only)
    return makers


def all_tables(la_id: int, *, health_only: bool = False) -> dict[str, Table]:
    return {name: make() for name, make in table_makers(la_id, health_only=health_only).items()}


def agreement(la_id: int, *, health_only: bool = False) -> dict[str, Kappa | None | int]:
    """Cohen's kappa (and the weighted kappa for the ordinal scale) between first auditors and
    moderators, over every question both graded; the pairs are counted in SQL."""
    first = Grade.objects.filter(
        assignment__audit=OuterRef("assignment__audit"),
        assignment__moderation=False,
        question=OuterRef("question"),
    ).values("grade")[:1]
    second = Grade.objects.filter(
        assignment__moderation=True,
        assignment__submitted_on__isnull=False,
        assignment__audit__round__local_authority_id=la_id,
    )
    if health_only:
        second = second.filter(assignment__agency=Agency.HEALTH)
    counts = (
        second.annotate(first=Subquery(first)).values("first", "grade").annotate(n=Count("pk")).order_by()
    )
    tool = AuditTool.objects.filter(local_authority_id=la_id).order_by("-number").first()
    codes = tool.grade_codes if tool else [g["code"] for g in DEFAULT_SCALE]
    index = {code: i for i, code in enumerate(codes)}
    table = [[0] * len(codes) for _ in codes]
    pairs = 0
    for row in counts:
        if row["first"] in index and row["grade"] in index:
            table[index[row["first"]]][index[row["grade"]]] += row["n"]
            pairs += row["n"]
    found: dict[str, Kappa | None | int] = {"pairs": pairs, "kappa": None, "weighted": None}
    try:
        found["kappa"] = kappa_from_table(table)
        found["weighted"] = kappa_from_table(table, weights="linear")
    except NotEnoughPairs:
        pass
    return found
