"""My work and the allocation queue over the demo area of 20,000 children on PostgreSQL: "My work"
for a coordinator given 120 open cases, and the SEND manager's queue of children with open work
and no coordinator, each beside hand-written SQL that reads the same rows (the floor). Target:
each page under 300 ms. Without DATABASE_URL it runs itself against a throwaway cluster
(scripts/with-postgres). Prints medians of repeated runs."""

import os
import statistics
import sys
import time
from collections import Counter
from datetime import timedelta

from common import ROOT, SqlTime, demo, fresh_django, median_ms

if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    os.execvp("bash", ["bash", str(ROOT / "scripts" / "with-postgres"), sys.executable, __file__])

CHILDREN = int(os.environ.get("BENCH_CHILDREN", "20000"))
OPEN_CASES = 120
RUNS = int(os.environ.get("BENCH_RUNS", "15"))
fresh_django()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from tellonce.accounts.models import User  # noqa: E402
from tellonce.assessments import stored  # noqa: E402
from tellonce.assessments.models import AssessmentRequest  # noqa: E402
from tellonce.core.db import refresh_planner_statistics  # noqa: E402
from tellonce.core.time import uk_today  # noqa: E402
from tellonce.delivery.models import DeliveryRules  # noqa: E402
from tellonce.people.models import Child  # noqa: E402
from tellonce.workspace.work import work_for  # noqa: E402

started = time.perf_counter()
demo(CHILDREN)
print(f"demo area of {CHILDREN:,} children on PostgreSQL: {time.perf_counter() - started:.1f} s")

today = uk_today()
coordinator = User.objects.get(username="coordinator")
mine = AssessmentRequest.objects.open().filter(child__coordinator=coordinator)
missing = OPEN_CASES - mine.count()
if missing > 0:
    # Give the coordinator children on SEN support with new requests, received over 20 weeks.
    spare = list(
        Child.objects.filter(local_authority=coordinator.local_authority, assessments__isnull=True)
        .exclude(sen_status="EHC_PLAN")
        .order_by("pk")[:missing]
    )
    Child.objects.filter(pk__in=[c.pk for c in spare]).update(coordinator=coordinator)
    cases = [
        AssessmentRequest(
            ref=f"BENCH-{n:05d}",
            child=child,
            requested_by="parent",
            received_on=today - timedelta(days=n % 140),
            coordinator=coordinator,
        )
        for n, child in enumerate(spare)
    ]
    for case in cases:
        stored.keep(case)  # its stage and next step, as a save would keep them
    AssessmentRequest.objects.bulk_create(cases)
refresh_planner_statistics()
open_cases = mine.count()
items = work_for(coordinator, today=today)
kinds = Counter(item.kind for item in items)
print("  their work: " + ", ".join(f"{kind} {n}" for kind, n in kinds.most_common()))

FLOOR_MY_WORK = """
SELECT a.id, a.received_on, a.decision, a.decision_notified_on, a.draft_issued_on, c.given_name, c.family_name
  FROM assessments_assessmentrequest a JOIN people_child c ON c.id = a.child_id
 WHERE c.coordinator_id = %(u)s AND a.final_issued_on IS NULL
   AND a.not_to_issue_notified_on IS NULL AND a.withdrawn_on IS NULL AND a.decision <> 'refuse';
SELECT r.id, r.status, r.requested_on FROM advice_advicerequest r JOIN people_child c ON c.id = r.child_id
 WHERE c.coordinator_id = %(u)s AND r.status IN ('requested', 'returned', 'submitted');
SELECT v.id, v.served_on FROM plans_planversion v JOIN plans_plan p ON p.id = v.plan_id
  JOIN people_child c ON c.id = p.child_id
 WHERE c.coordinator_id = %(u)s AND p.ceased_on IS NULL AND v.status = 'served';
SELECT r.id, r.meeting_on, r.held_on FROM reviews_annualreview r JOIN plans_plan p ON p.id = r.plan_id
  JOIN people_child c ON c.id = p.child_id
 WHERE c.coordinator_id = %(u)s AND p.ceased_on IS NULL
   AND r.decision_notified_on IS NULL;
"""
# The kinds the page reads in SQL (assessments, reviews, provision not delivered) as the page shows
# them: how many of each kind and how many overdue, and the 50 due soonest (by name, with no date).
OPEN_MINE = """FROM assessments_assessmentrequest a JOIN people_child c ON c.id = a.child_id
 WHERE c.coordinator_id = %(u)s AND a.local_authority_id = %(la)s AND a.final_issued_on IS NULL
   AND a.not_to_issue_notified_on IS NULL AND a.withdrawn_on IS NULL AND a.decision <> 'refuse'"""
REVIEWS_DUE = """FROM reviews_annualreview r JOIN plans_plan p ON p.id = r.plan_id
  JOIN people_child c ON c.id = p.child_id
 WHERE c.coordinator_id = %(u)s AND c.local_authority_id = %(la)s AND p.ceased_on IS NULL
   AND r.next_step_due <= %(ahead)s"""
ESCALATED = """SELECT m.id, m.what, c.id, c.given_name, c.preferred_name, c.family_name, w.weeks, w.reported,
       count(*) OVER ()
  FROM delivery_commitment m JOIN people_child c ON c.id = m.child_id,
  LATERAL (SELECT (SELECT f.on FROM delivery_followup f WHERE f.commitment_id = m.id
                    ORDER BY f.made_at DESC LIMIT 1) AS on_,
                  (SELECT f.made_at FROM delivery_followup f WHERE f.commitment_id = m.id
                    ORDER BY f.made_at DESC LIMIT 1) AS at_) l,
  LATERAL (SELECT coalesce((SELECT sum(d.school_weeks * (d.expected - d.delivered)::float / d.expected)
                    FROM delivery_deliveryrecord d WHERE d.commitment_id = m.id AND d.expected > 0
                     AND d.delivered < d.expected AND d.half_term_ends_on > coalesce(l.on_, '1900-01-01')), 0)
                  AS weeks,
                  EXISTS (SELECT 1 FROM delivery_familyreport r WHERE r.commitment_id = m.id
                           AND r.reported_at > coalesce(l.at_, '1900-01-01')) AS reported) w
 WHERE c.coordinator_id = %(u)s AND m.local_authority_id = %(la)s AND m.ended_on IS NULL
   AND (w.reported OR w.weeks >= %(threshold)s)
 ORDER BY coalesce(nullif(c.preferred_name, ''), c.given_name) || ' ' || c.family_name, m.id LIMIT 50"""
FLOOR_SQL_KINDS = f"""
SELECT count(*) FILTER (WHERE a.stage = 'awaiting_decision'),
       count(*) FILTER (WHERE a.stage = 'awaiting_decision' AND a.next_step_due < %(today)s),
       count(*) FILTER (WHERE a.stage <> 'awaiting_decision' AND a.next_step_due <= %(ahead)s),
       count(*) FILTER (WHERE a.stage <> 'awaiting_decision' AND a.next_step_due < %(today)s) {OPEN_MINE};
SELECT a.id, a.next_step, a.next_step_due, c.id, c.given_name, c.preferred_name, c.family_name {OPEN_MINE}
   AND a.stage = 'awaiting_decision' ORDER BY a.next_step_due, a.id LIMIT 50;
SELECT a.id, a.next_step, a.next_step_due, c.id, c.given_name, c.preferred_name, c.family_name {OPEN_MINE}
   AND a.stage <> 'awaiting_decision' AND a.next_step_due <= %(ahead)s ORDER BY a.next_step_due, a.id LIMIT 50;
SELECT count(*), count(*) FILTER (WHERE r.next_step_due < %(today)s) {REVIEWS_DUE};
SELECT r.id, r.next_step, r.next_step_due, c.id, c.given_name, c.preferred_name, c.family_name {REVIEWS_DUE}
 ORDER BY r.next_step_due, r.id LIMIT 50;
{ESCALATED};
"""
FLOOR_QUEUE = """
SELECT c.id, c.given_name, c.family_name FROM people_child c
 WHERE c.local_authority_id = %(la)s AND c.coordinator_id IS NULL
   AND (EXISTS (SELECT 1 FROM assessments_assessmentrequest a WHERE a.child_id = c.id AND a.final_issued_on IS NULL
                AND a.not_to_issue_notified_on IS NULL AND a.withdrawn_on IS NULL AND a.decision <> 'refuse')
        OR EXISTS (SELECT 1 FROM plans_plan p WHERE p.child_id = c.id AND p.ceased_on IS NULL))
 ORDER BY c.created_at, c.id LIMIT 50;
"""


def floor(sql: str, params: dict) -> None:
    with connection.cursor() as cursor:
        for statement in filter(str.strip, sql.split(";")):
            cursor.execute(statement, params)
            cursor.fetchall()


def sql_of(path: str) -> tuple[float, int]:
    """The time the page spends in the database, and how many queries (one run)."""
    spent = SqlTime()
    with connection.execute_wrapper(spent):
        client.get(path)
    return spent.ms, spent.queries


client = Client()
client.force_login(coordinator)
assert client.get("/my-work/").status_code == 200
page = median_ms(lambda: client.get("/my-work/"), RUNS)
own = statistics.median(sql_of("/my-work/")[0] for _ in range(RUNS))
queries = sql_of("/my-work/")[1]
params = {
    "u": coordinator.pk,
    "la": coordinator.local_authority_id,
    "today": today,
    "ahead": today + timedelta(weeks=2),
    "threshold": DeliveryRules.weeks_for(coordinator.local_authority_id) - 1e-9,
}
sql = median_ms(lambda: floor(FLOOR_MY_WORK, params), RUNS)
kinds_sql = median_ms(lambda: floor(FLOOR_SQL_KINDS, params), RUNS)
print(
    f"My work for a coordinator with {open_cases} open cases ({len(items)} items): {page:.1f} ms "
    f"(target 300 ms: {page / 300:.2f}), its {queries} queries {own:.1f} ms; SQL floor {sql:.1f} ms, "
    f"{page / sql:.1f} times"
)
print(
    f"  the floor of the three kinds read in SQL (assessments, reviews, provision not delivered: "
    f"counts and 50 rows each): {kinds_sql:.1f} ms; with the floor above {sql + kinds_sql:.1f} ms, "
    f"the page {page / (sql + kinds_sql):.1f} times"
)

manager = User.objects.get(username="manager")
client.force_login(manager)
assert client.get("/allocation/").status_code == 200
waiting = Child.objects.filter(local_authority=manager.local_authority, coordinator__isnull=True).count()
page = median_ms(lambda: client.get("/allocation/"), RUNS)
sql = median_ms(lambda: floor(FLOOR_QUEUE, {"la": manager.local_authority_id}), RUNS)
print(
    f"the manager's allocation queue over {CHILDREN:,} children ({waiting:,} without a coordinator): "
    f"{page:.1f} ms (target 300 ms: {page / 300:.2f}); SQL floor {sql:.1f} ms, {page / sql:.1f} times"
)
page = median_ms(lambda: client.get("/my-work/"), RUNS)
print(f"My work for the SEND manager (their own children and the queue's count): {page:.1f} ms")
