"""Issue 25 part 2 (ADR 79): the plan quality overview, the waiting-list overview and service page
and the partnership dashboard's figures, over the demo area of 20,000 children on PostgreSQL, each
page beside hand-written SQL that computes the same figures (the floor) and the ratio. Targets:
under 300 ms and within 1.5 times the floor. "Before" is the Python measures the pages used to
call (still kept as the reference), timed in the same run. Without DATABASE_URL it runs itself
against a throwaway cluster (scripts/with-postgres). Prints medians of repeated runs."""

import os
import sys
import time

from common import ROOT, demo, fresh_django, median_ms, page_and_sql_ms

if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    os.execvp("bash", ["bash", str(ROOT / "scripts" / "with-postgres"), sys.executable, __file__])

CHILDREN = int(os.environ.get("BENCH_CHILDREN", "20000"))
RUNS = int(os.environ.get("BENCH_RUNS", "15"))
fresh_django()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, Max, Min, Q, TextField  # noqa: E402
from django.db.models.functions import Cast  # noqa: E402
from django.test import Client  # noqa: E402

from tellonce.accounts.models import User  # noqa: E402
from tellonce.core.time import uk_today  # noqa: E402
from tellonce.domain import partnership as p  # noqa: E402
from tellonce.domain import plan_quality  # noqa: E402
from tellonce.partnership import figures, presenters  # noqa: E402
from tellonce.plans import measures as quality  # noqa: E402
from tellonce.plans.models import PlanVersion  # noqa: E402
from tellonce.waiting_lists import counted, measures  # noqa: E402
from tellonce.waiting_lists.models import Referral, WaitingService  # noqa: E402

started = time.perf_counter()
demo(CHILDREN)
print(f"demo area of {CHILDREN:,} children on PostgreSQL: {time.perf_counter() - started:.1f} s")

board = User.objects.get(username="board")
council = board.local_authority
today = uk_today()
print(
    f"{PlanVersion.objects.in_force(today).count():,} plans in force; "
    f"{WaitingService.objects.filter(local_authority=council).count()} waiting lists, "
    f"{Referral.objects.count():,} referrals"
)


def run(sql: str, params: dict):
    def go() -> None:
        with connection.cursor() as cursor:
            for statement in filter(str.strip, sql.split(";")):
                cursor.execute(statement, params)
                cursor.fetchall()

    return go


PARAMS = {"la": council.pk, "today": today}

# Plan quality: the plans in force written in Tellonce, each code counted, and the totals, from
# the rows of plans_versionfinding (ADR 83); QUALITY_FLOOR_LIST counts the same from the JSON list
# (ADR 79's floor), to show what the rows cost beside it.
IN_FORCE = """
  FROM plans_plan p JOIN people_child c ON c.id = p.child_id JOIN plans_planversion v ON v.id = p.in_force_version_id
 WHERE c.local_authority_id = %(la)s AND (p.ceased_on IS NULL OR p.ceased_on >= %(today)s)"""
TOTALS = """
SELECT count(*) FILTER (WHERE v.source = 'tellonce'), count(*) FILTER (WHERE v.source <> 'tellonce'),
       count(*) FILTER (WHERE v.source = 'tellonce' AND {clean}),
       min(v.findings_checked_on), max(v.findings_checked_on),
       count(*) FILTER (WHERE v.source = 'tellonce' AND v.findings_checked_on IS NULL)"""
# The versions in force read once and both counted from them in one statement, as the page now
# does (ADR 94); the floor of the two statements above each reading them is kept for comparison.
QUALITY_FLOOR_TWICE = (
    "SELECT f.code, count(*)"
    + IN_FORCE.replace(" WHERE", " JOIN plans_versionfinding f ON f.plan_version_id = v.id\n WHERE")
    + " AND v.source = 'tellonce' GROUP BY f.code;"
    + TOTALS.format(clean="NOT EXISTS (SELECT 1 FROM plans_versionfinding f WHERE f.plan_version_id = v.id)")
    + IN_FORCE
)
QUALITY_FLOOR = (
    "WITH v AS (SELECT v.id, v.source, v.findings_checked_on, v.finding_codes"
    + IN_FORCE
    + """)
SELECT NULL, count(*) FILTER (WHERE source = 'tellonce'), count(*) FILTER (WHERE source <> 'tellonce'),
       count(*) FILTER (WHERE source = 'tellonce' AND finding_codes = '[]'::jsonb),
       min(findings_checked_on) FILTER (WHERE source = 'tellonce'),
       max(findings_checked_on) FILTER (WHERE source = 'tellonce'),
       count(*) FILTER (WHERE source = 'tellonce' AND findings_checked_on IS NULL)
  FROM v
UNION ALL
SELECT f.code, count(*), 0, 0, NULL, NULL, 0
  FROM plans_versionfinding f JOIN v ON v.id = f.plan_version_id WHERE v.source = 'tellonce' GROUP BY f.code"""
)
# The plans with one finding the page lists by name (the first 200 by reference), after the counts.
QUALITY_LISTED_FLOOR = (
    QUALITY_FLOOR
    + """;
SELECT v.plan_id, v.number, v.issued_on, p.ref, c.given_name, c.preferred_name, c.family_name,
       u.first_name, u.last_name, u.username"""
    + IN_FORCE.replace(" WHERE", " LEFT JOIN accounts_user u ON u.id = p.coordinator_id\n WHERE")
    + """ AND v.source = 'tellonce'
   AND EXISTS (SELECT 1 FROM plans_versionfinding f WHERE f.plan_version_id = v.id AND f.code = %(code)s)
 ORDER BY p.ref LIMIT 200"""
)
QUALITY_FLOOR_LIST = (
    "SELECT code, count(*)"
    + IN_FORCE.replace(" WHERE", ", jsonb_array_elements_text(v.finding_codes) code\n WHERE")
    + " AND v.source = 'tellonce' GROUP BY code;"
    + TOTALS.format(clean="v.finding_codes = '[]'::jsonb")
    + IN_FORCE
)


def text_search_tally(versions) -> plan_quality.QualityTally:
    """ADR 79's tally, kept here to time beside ADR 83's: one query of 34 conditional counts, each
    a text search of the version's JSON list for the quoted code."""
    codes = [check.value for check in plan_quality.CHECKS]
    text = versions.alias(found_text=Cast("finding_codes", TextField()))
    row = text.aggregate(
        plans=Count("pk"),
        clean=Count("pk", filter=~Q(found_text__contains='"') | Q(finding_codes__isnull=True)),
        checked_from=Min("findings_checked_on"),
        checked_to=Max("findings_checked_on"),
        unchecked=Count("pk", filter=Q(findings_checked_on__isnull=True)),
        **{f"code_{n}": Count("pk", filter=Q(found_text__contains=f'"{c}"')) for n, c in enumerate(codes)},
    )
    return plan_quality.QualityTally(
        row["plans"],
        row["clean"],
        {code: row[f"code_{n}"] for n, code in enumerate(codes)},
        row["checked_from"],
        row["checked_to"],
        row["unchecked"],
    )


def text_search_quality_monthly(council_id: int, window) -> dict:
    """ADR 79's "plans issued without a quality finding": the MUST codes searched for in the text."""
    versions = PlanVersion.objects.filter(
        plan__child__local_authority_id=council_id,
        status="issued",
        issued_on__gte=window.first,
        issued_on__lte=window.last,
    ).alias(found_text=Cast("finding_codes", TextField()))
    must = Q()
    for code in quality.MUST:
        must |= Q(found_text__contains=f'"{code}"')
    return figures._grouped(versions, "issued_on", ~must)


# Waiting lists: each service's list today with PostgreSQL's own percentiles, by locality too.
WAITING = """
  FROM waiting_lists_referral r JOIN waiting_lists_waitingservice s ON s.id = r.service_id
  JOIN people_child c ON c.id = r.child_id LEFT JOIN organisations_locality l ON l.id = r.locality_id
 WHERE c.local_authority_id = %(la)s AND s.local_authority_id = %(la)s {extra}
"""
EVENT = (
    "CASE s.clock_event WHEN 'first_contact' THEN r.first_contact_on "
    "WHEN 'assessment' THEN r.assessed_on ELSE r.treatment_on END"
)
IS_WAITING = (
    f"r.referred_on <= %(today)s AND r.accepted IS NOT FALSE AND ({EVENT} IS NULL OR {EVENT} > %(today)s)"
    " AND (r.discharged_on IS NULL OR r.discharged_on > %(today)s)"
)
LIST_TODAY = f"""
SELECT r.service_id{{by}}, count(*),
       percentile_disc(0.5) WITHIN GROUP (ORDER BY %(today)s - r.referred_on),
       percentile_disc(0.92) WITHIN GROUP (ORDER BY %(today)s - r.referred_on),
       count(*) FILTER (WHERE %(today)s - r.referred_on >= 7 * s.clock_weeks),
       count(*) FILTER (WHERE %(today)s - r.referred_on < 28),
       count(*) FILTER (WHERE %(today)s - r.referred_on >= 28 AND %(today)s - r.referred_on < 56),
       count(*) FILTER (WHERE %(today)s - r.referred_on >= 56 AND %(today)s - r.referred_on < 91),
       count(*) FILTER (WHERE %(today)s - r.referred_on >= 91 AND %(today)s - r.referred_on < 126),
       count(*) FILTER (WHERE %(today)s - r.referred_on >= 126 AND %(today)s - r.referred_on < 182),
       count(*) FILTER (WHERE %(today)s - r.referred_on >= 182 AND %(today)s - r.referred_on < 364),
       count(*) FILTER (WHERE %(today)s - r.referred_on >= 364)
{WAITING.format(extra="AND " + IS_WAITING + " {only}")}
 GROUP BY r.service_id{{by}};
SELECT r.service_id, count(*) FILTER (WHERE {EVENT} > %(today)s - 84 AND {EVENT} <= %(today)s),
       count(*) FILTER (WHERE r.referred_on > %(today)s - 84 AND r.referred_on <= %(today)s)
{WAITING.format(extra="{only}")}
 GROUP BY r.service_id
"""
OVERVIEW_FLOOR = LIST_TODAY.format(by="", only="")
SERVICE_FLOOR = (
    LIST_TODAY.format(by="", only="AND s.code = %(code)s")
    + ";"
    + LIST_TODAY.format(by=", l.name", only="AND s.code = %(code)s").split(";")[0]
    + ";"
    + f"""
SELECT date_trunc('month', d), k, count(*) FROM (
  SELECT r.referred_on d, 1 k {WAITING.format(extra="AND s.code = %(code)s")}
  UNION ALL SELECT {EVENT}, 2 {WAITING.format(extra="AND s.code = %(code)s")}
  UNION ALL SELECT r.discharged_on, 3 {WAITING.format(extra="AND s.code = %(code)s")}) f
 WHERE d >= %(year_ago)s AND d <= %(today)s GROUP BY 1, 2;
SELECT l.name, r.referred_on {WAITING.format(extra="AND s.code = %(code)s AND " + IS_WAITING)}
   AND l.name IN (SELECT name FROM organisations_locality WHERE local_authority_id = %(la)s LIMIT 2)
"""
)

from partnership_floor import FLOOR as PARTNERSHIP_FLOOR  # noqa: E402
from partnership_floor import params as partnership_params  # noqa: E402

results = []


def page_ms(action) -> float:
    """The page's median time, printing the median time of its own queries beside it (the rest is
    the page's Python: session, permission, template)."""
    timed = page_and_sql_ms(action, RUNS)
    print(
        f"  its {timed.queries} queries: {timed.sql:.1f} ms of the page's {timed.page:.1f} ms; "
        f"its templates {timed.template:.1f} ms"
    )
    return timed.page


def line(name: str, page: float, floor: float, before: str = "") -> None:
    results.append((name, page, floor))
    print(
        f"{name}: {page:.1f} ms (target 300: {page / 300:.2f}); SQL floor {floor:.1f} ms; "
        f"{page / floor:.2f} times the floor (target 1.5){before}"
    )


client = Client()
client.force_login(User.objects.get(username="quality"))
assert client.get("/plans/quality/").status_code == 200
written = (
    PlanVersion.objects.filter(plan__child__local_authority=council).in_force(today).filter(source="tellonce")
)
assert quality.tally(written) == text_search_tally(written)
old = median_ms(lambda: plan_quality.tally(written.values_list("finding_codes", "findings_checked_on")), RUNS)
searched = median_ms(lambda: text_search_tally(written), RUNS)
new = median_ms(lambda: quality.tally(written), RUNS)
listed_floor = median_ms(run(QUALITY_FLOOR_LIST, PARAMS), RUNS)
twice_floor = median_ms(run(QUALITY_FLOOR_TWICE, PARAMS), RUNS)
with connection.cursor() as cursor:
    cursor.execute(QUALITY_FLOOR, PARAMS)
    floor_rows = cursor.fetchall()
floor_totals = next(row for row in floor_rows if row[0] is None)
floor_codes = {row[0]: row[1] for row in floor_rows if row[0] is not None}
page_tally = quality.tally(written)
assert (floor_totals[1], floor_totals[3], floor_totals[6]) == (
    page_tally.plans,
    page_tally.clean,
    page_tally.unchecked,
)
assert {c: n for c, n in floor_codes.items() if c in page_tally.by_code} == {
    c: n for c, n in page_tally.by_code.items() if n
}
line(
    "plan quality overview (quality lead)",
    page_ms(lambda: client.get("/plans/quality/")),
    median_ms(run(QUALITY_FLOOR, PARAMS), RUNS),
    f"; the tally: Python over the lists {old:.1f} ms, text search of the lists (ADR 79) {searched:.1f} ms, "
    f"grouped over the rows (ADR 83) {new:.1f} ms; the floor over the lists {listed_floor:.1f} ms, "
    f"in two statements each reading the plans in force (before ADR 94) {twice_floor:.1f} ms",
)
line(
    "plan quality overview with a finding's plans listed",
    page_ms(lambda: client.get("/plans/quality/", {"check": "no_named_officer"})),
    median_ms(run(QUALITY_LISTED_FLOOR, PARAMS | {"code": "no_named_officer"}), RUNS),
)

client.force_login(board)
services = list(WaitingService.objects.filter(local_authority=council).order_by("name"))


def old_overview() -> None:
    for service in services:
        measures.summary(service, today, measures.waits(service, local_authority_id=council.pk))


old = median_ms(old_overview, RUNS)
new = median_ms(lambda: counted.count(services, today, local_authority_id=council.pk), RUNS)
assert client.get("/waiting/").status_code == 200
line(
    f"waiting lists overview ({len(services)} services, board)",
    page_ms(lambda: client.get("/waiting/")),
    median_ms(run(OVERVIEW_FLOOR, PARAMS), RUNS),
    f"; the figures: Python over the referrals (before) {old:.1f} ms, one query {new:.1f} ms",
)
busiest = max(services, key=lambda s: Referral.objects.filter(service=s).count())
path = f"/waiting/{busiest.code}/"
assert client.get(path).status_code == 200


def old_service() -> None:
    items = measures.waits(busiest, local_authority_id=council.pk)
    measures.summary(busiest, today, items)
    measures.by_locality(busiest, today, items)
    measures.flows(busiest, today, items)


old = median_ms(old_service, RUNS)
params = PARAMS | {"code": busiest.code, "year_ago": measures.flows_start(today)}
line(
    f"waiting list service page ({busiest.name}, {Referral.objects.filter(service=busiest).count():,} referrals)",
    page_ms(lambda: client.get(path)),
    median_ms(run(SERVICE_FLOOR, params), RUNS),
    f"; the figures in Python over the referrals (before) {old:.1f} ms",
)

window = figures.Window(today.replace(year=today.year - 3, day=1), today, today)
for key in figures.COUNTED_IN_SQL:
    old = median_ms(
        lambda key=key: p.by_month((d, g) for d, g, _ in figures.items(council.pk, window, [key])[key]), RUNS
    )
    new = median_ms(lambda key=key: figures.COUNTED_IN_SQL[key](council.pk, window)[key], RUNS)
    print(f"  partnership {key}: Python over the items (before) {old:.1f} ms, one query {new:.1f} ms")
assert (
    text_search_quality_monthly(council.pk, window)
    == figures.COUNTED_IN_SQL["plans_without_findings"](council.pk, window)["plans_without_findings"]
)
old = median_ms(lambda: text_search_quality_monthly(council.pk, window), RUNS)
print(f"  partnership plans_without_findings by text search of the lists (ADR 79): {old:.1f} ms")
in_python = [m.key for m in p.MEASURES if m.key not in figures.COUNTED_IN_SQL]
print(f"  partnership measures still judged in Python: {', '.join(in_python) or 'none'}")
old = median_ms(lambda: figures.waits(council.pk, today), RUNS)
print(f"  partnership waits by service (one query for every service): {old:.1f} ms")


def cold() -> None:
    cache.clear()
    client.get("/partnership/")


def drawn_afresh() -> None:
    """As when the figures have changed since the charts were last drawn (each chart is kept by
    its figures in the worker, presenters.chart)."""
    cache.clear()
    presenters.chart.cache_clear()
    client.get("/partnership/")


client.get("/partnership/")
partnership_run = run(
    PARTNERSHIP_FLOOR, partnership_params(council.pk, today.replace(year=today.year - 3, day=1))
)
page, floor = median_ms(cold, RUNS), median_ms(partnership_run, RUNS)
line("partnership dashboard, figures counted afresh (board)", page, floor)
line(
    "partnership dashboard, figures kept (TELLONCE_PARTNERSHIP_CACHE_SECONDS)",
    median_ms(lambda: client.get("/partnership/"), RUNS),
    floor,
)
line(
    "partnership dashboard, figures counted and its 10 charts drawn afresh",
    median_ms(drawn_afresh, min(RUNS, 5)),
    floor,
)
