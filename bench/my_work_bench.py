"""My work and the allocation queue over the demo area of 20,000 children on PostgreSQL: "My work"
for a coordinator given 120 open cases, and the SEND manager's queue of children with open work
and no coordinator, each beside hand-written SQL that reads the same rows (the floor). Target:
each page under 300 ms. Without DATABASE_URL it runs itself against a throwaway cluster
(scripts/with-postgres). Prints medians of repeated runs."""

import os
import sys
import time
from collections import Counter
from datetime import timedelta

from common import ROOT, fresh_django, median_ms

if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    os.execvp("bash", ["bash", str(ROOT / "scripts" / "with-postgres"), sys.executable, __file__])

CHILDREN = int(os.environ.get("BENCH_CHILDREN", "20000"))
OPEN_CASES = 120
RUNS = int(os.environ.get("BENCH_RUNS", "15"))
fresh_django()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from tellonce.accounts.models import User  # noqa: E402
from tellonce.assessments.models import AssessmentRequest  # noqa: E402
from tellonce.core.db import refresh_planner_statistics  # noqa: E402
from tellonce.core.time import uk_today  # noqa: E402
from tellonce.people.models import Child  # noqa: E402
from tellonce.workspace.work import work_for  # noqa: E402

started = time.perf_counter()
with open(os.devnull, "w") as quiet:
    call_command("demo", children=CHILDREN, seed=1, stdout=quiet)
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
    AssessmentRequest.objects.bulk_create(
        AssessmentRequest(
            ref=f"BENCH-{n:05d}",
            child=child,
            requested_by="parent",
            received_on=today - timedelta(days=n % 140),
            coordinator=coordinator,
        )
        for n, child in enumerate(spare)
    )
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


client = Client()
client.force_login(coordinator)
assert client.get("/my-work/").status_code == 200
page = median_ms(lambda: client.get("/my-work/"), RUNS)
sql = median_ms(lambda: floor(FLOOR_MY_WORK, {"u": coordinator.pk}), RUNS)
print(
    f"My work for a coordinator with {open_cases} open cases ({len(items)} items): {page:.1f} ms "
    f"(target 300 ms: {page / 300:.2f}); SQL floor {sql:.1f} ms, {page / sql:.1f} times"
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
