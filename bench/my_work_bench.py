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
from tellonce.core.time import uk_today, working_days  # noqa: E402
from tellonce.delivery.models import DeliveryRules  # noqa: E402
from tellonce.domain import early_years as notification_rules  # noqa: E402
from tellonce.early_years.work import last_notified  # noqa: E402
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
# Provision not delivered, on the weeks missed and the family's report since the coordinator last
# acted that each commitment keeps (ADR 96).
ESCALATED = """SELECT m.id, m.what, c.id, c.given_name, c.preferred_name, c.family_name,
       m.missed_weeks_since_action, m.reported_since_action, count(*) OVER ()
  FROM delivery_commitment m JOIN people_child c ON c.id = m.child_id
 WHERE c.coordinator_id = %(u)s AND m.local_authority_id = %(la)s AND m.ended_on IS NULL
   AND (m.missed_weeks_since_action > 0 OR m.reported_since_action)
   AND (m.reported_since_action OR m.missed_weeks_since_action >= %(threshold)s)
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
# The two kinds read in SQL since (ADR 93): the family's comments (the versions whose 15 days end in
# the next 2 weeks, and the comments to answer) and the notifications from health (each step's
# count and its first 50; the deadlines are worked out for those only, in Python, as the page does).
SERVED = """JOIN plans_plan p ON p.id = v.plan_id JOIN people_child c ON c.id = p.child_id
 WHERE c.coordinator_id = %(u)s AND v.local_authority_id = %(la)s AND p.ceased_on IS NULL AND v.status = 'served'
   AND NOT EXISTS (SELECT 1 FROM plans_planversion l WHERE l.plan_id = v.plan_id AND l.number > v.number
                    AND l.status = 'issued')"""
NAME = "coalesce(nullif(c.preferred_name, ''), c.given_name) || ' ' || c.family_name"
NOTIFIED = """FROM early_years_notification n WHERE n.local_authority_id = %(la)s AND n.outcome = ''
   AND (n.acknowledged_on IS NULL OR n.officer_id IS NULL OR n.officer_id = %(u)s)"""
NOTIFIED_ROW = "SELECT n.id, n.ref, n.given_name, n.family_name, n.child_id, n.notified_on, n.date_of_birth"
FLOOR_NEW_KINDS = f"""
SELECT v.id, v.plan_id, v.number, v.kind, v.served_on, c.id, c.given_name, c.preferred_name, c.family_name,
       count(*) OVER (), count(*) FILTER (WHERE v.served_on < %(comments_late)s) OVER ()
  FROM plans_planversion v {SERVED} AND v.served_on <= %(today)s ORDER BY v.served_on, {NAME}, v.id LIMIT 50;
SELECT m.id, m.kind, v.plan_id, v.number, v.kind, c.id, c.given_name, c.preferred_name, c.family_name, count(*) OVER ()
  FROM plans_plancomment m JOIN plans_planversion v ON v.id = m.plan_version_id {SERVED} AND m.answered_on IS NULL
 ORDER BY {NAME}, m.made_on, m.id LIMIT 50;
SELECT count(*), count(*) FILTER (WHERE n.acknowledged_on IS NULL AND n.notified_on <= %(acknowledge_late)s)
       + count(*) FILTER (WHERE n.acknowledged_on IS NOT NULL AND n.first_contact_on IS NULL
                            AND n.notified_on <= %(contact_late)s) {NOTIFIED};
{NOTIFIED_ROW} {NOTIFIED} AND n.acknowledged_on IS NULL ORDER BY n.notified_on, n.ref LIMIT 50;
{NOTIFIED_ROW} {NOTIFIED} AND n.acknowledged_on IS NOT NULL AND n.first_contact_on IS NULL
 ORDER BY n.notified_on, n.ref LIMIT 50;
{NOTIFIED_ROW} {NOTIFIED} AND n.acknowledged_on IS NOT NULL AND n.first_contact_on IS NOT NULL
 ORDER BY n.given_name || ' ' || n.family_name, n.notified_on, n.ref LIMIT 50;
"""
# The kinds still read whole (short lists): requests to check, advice, panels, appeals, inclusion and
# audits, each as the page reads it for the coordinator.
MINE = "c.coordinator_id = %(u)s AND c.local_authority_id = %(la)s"
CHILD = "c.id, c.given_name, c.preferred_name, c.family_name"
FLOOR_WHOLE_KINDS = f"""
SELECT r.id, r.ref, r.given_name, r.family_name, r.date_of_birth, r.nhs_number, r.upn, r.submitted_on, r.child_id,
       r.family_consent FROM front_door_onlinerequest r WHERE r.local_authority_id = %(la)s AND r.status = 'submitted';
SELECT r.id, r.service, r.status, r.requested_on, r.received_on, {CHILD}
  FROM advice_advicerequest r JOIN people_child c ON c.id = r.child_id
 WHERE {MINE} AND r.status IN ('requested', 'returned', 'submitted');
SELECT k.id, k.kind, m.held_on, p.name, {CHILD} FROM panels_panelcase k
  JOIN panels_panelmeeting m ON m.id = k.meeting_id JOIN panels_panel p ON p.id = m.panel_id
  JOIN people_child c ON c.id = k.child_id
 WHERE {MINE} AND m.held_on <= %(today)s AND NOT EXISTS (SELECT 1 FROM panels_paneldecision d WHERE d.case_id = k.id);
SELECT d.id, d.case_id, d.outcome, d.decided_on, d.notified_on, d.look_again_on, {CHILD} FROM panels_paneldecision d
  JOIN panels_panelcase k ON k.id = d.case_id JOIN people_child c ON c.id = k.child_id
 WHERE {MINE} AND (d.letter_sent_on IS NULL OR (d.outcome = 'refused' AND d.look_again_on <= %(ahead)s));
SELECT a.id, a.response_due_on, {CHILD} FROM appeals_appeal a JOIN people_child c ON c.id = a.child_id
 WHERE {MINE} AND a.decided_on IS NULL AND a.response_sent_on IS NULL AND a.response_due_on IS NOT NULL;
SELECT o.id, o.appeal_id, o.kind, o.due_on, {CHILD} FROM appeals_tribunalorder o
  JOIN appeals_appeal a ON a.id = o.appeal_id JOIN people_child c ON c.id = a.child_id
 WHERE {MINE} AND o.complied_on IS NULL;
SELECT e.id, e.child_id, e.kind, e.started_on, e.ended_on, e.sessions, e.hours_per_week, e.reason,
       c.given_name, c.preferred_name, c.family_name FROM inclusion_episode e JOIN people_child c ON c.id = e.child_id
 WHERE {MINE} AND e.local_authority_id = %(la)s AND (e.sen_status = 'E' OR c.sen_status = 'EHC_PLAN')
   AND (e.started_on >= %(recent)s OR e.ended_on IS NULL) AND e.kind NOT IN ('alternative_provision', 'eotas');
SELECT s.id, s.moderation, u.id, {CHILD} FROM audits_assignment s JOIN audits_audit u ON u.id = s.audit_id
  JOIN people_child c ON c.id = u.child_id
 WHERE c.local_authority_id = %(la)s AND s.auditor_id = %(u)s AND s.submitted_on IS NULL;
SELECT u.id, u.status, {CHILD} FROM audits_audit u JOIN people_child c ON c.id = u.child_id
 WHERE c.local_authority_id = %(la)s AND u.coordinator_id = %(u)s AND u.status = 'sent';
SELECT f.id, f.audit_id, f.action, f.due_on, {CHILD} FROM audits_followup f JOIN audits_audit u ON u.id = f.audit_id
  JOIN people_child c ON c.id = u.child_id
 WHERE c.local_authority_id = %(la)s AND u.coordinator_id = %(u)s AND u.status IN ('sent', 'acknowledged')
   AND f.done_on IS NULL;
"""
# The queue as the page shows it: how many children wait, the first 50, and the coordinators to give
# them to, each with the size of their caseload (the count and the coordinators were added to the floor
# on 5 December 2026: the page always showed them).
FLOOR_QUEUE = """
SELECT c.id, c.given_name, c.family_name FROM people_child c
 WHERE c.local_authority_id = %(la)s AND c.coordinator_id IS NULL
   AND (EXISTS (SELECT 1 FROM assessments_assessmentrequest a WHERE a.child_id = c.id AND a.final_issued_on IS NULL
                AND a.not_to_issue_notified_on IS NULL AND a.withdrawn_on IS NULL AND a.decision <> 'refuse')
        OR EXISTS (SELECT 1 FROM plans_plan p WHERE p.child_id = c.id AND p.ceased_on IS NULL))
 ORDER BY c.created_at, c.id LIMIT 50;
SELECT count(*) FROM people_child c
 WHERE c.local_authority_id = %(la)s AND c.coordinator_id IS NULL
   AND (EXISTS (SELECT 1 FROM assessments_assessmentrequest a WHERE a.child_id = c.id AND a.final_issued_on IS NULL
                AND a.not_to_issue_notified_on IS NULL AND a.withdrawn_on IS NULL AND a.decision <> 'refuse')
        OR EXISTS (SELECT 1 FROM plans_plan p WHERE p.child_id = c.id AND p.ceased_on IS NULL));
SELECT u.id, u.first_name, u.last_name, (SELECT count(*) FROM people_child c WHERE c.coordinator_id = u.id)
  FROM accounts_user u WHERE u.role = 'ehc_coordinator' AND u.local_authority_id = %(la)s AND u.is_active
 ORDER BY u.last_name, u.first_name;
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
    "comments_late": today - timedelta(days=14),
    "recent": today - timedelta(days=365),
}
calendar = working_days()
for step, days in (
    ("acknowledge_late", notification_rules.ACKNOWLEDGE_WORKING_DAYS),
    ("contact_late", notification_rules.FIRST_CONTACT_WORKING_DAYS),
):
    params[step] = last_notified(calendar, days, due_before=today)
sql = median_ms(lambda: floor(FLOOR_MY_WORK, params), RUNS)
kinds_sql = median_ms(lambda: floor(FLOOR_SQL_KINDS, params), RUNS)
new_kinds_sql = median_ms(lambda: floor(FLOOR_NEW_KINDS, params), RUNS)
whole_kinds_sql = median_ms(lambda: floor(FLOOR_WHOLE_KINDS, params), RUNS)
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
# The floor of what the page reads now: the five kinds read in SQL (counts and 50 rows each) and the
# short lists still read whole, without the old floor's whole lists of assessments, plans and reviews.
whole_floor = kinds_sql + new_kinds_sql + whole_kinds_sql
print(
    f"  the floor of every kind as the page reads it: the three kinds above {kinds_sql:.1f} ms, the family's "
    f"comments and notifications from health {new_kinds_sql:.1f} ms, the kinds read whole {whole_kinds_sql:.1f} ms: "
    f"{whole_floor:.1f} ms, the page {page / whole_floor:.1f} times, its queries {own / whole_floor:.1f} times"
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
# Provision not delivered (the follow-up list, up to 500 rows) for the SEND manager (the council's)
# and the coordinator (their caseload's), on the values each commitment keeps (ADR 96).
assert client.get("/delivery/follow-up/").status_code == 200
manager_list = median_ms(lambda: client.get("/delivery/follow-up/"), RUNS)
client.force_login(coordinator)
coordinator_list = median_ms(lambda: client.get("/delivery/follow-up/"), RUNS)
print(
    f"Provision not delivered (the follow-up list): {manager_list:.1f} ms for the SEND manager, "
    f"{coordinator_list:.1f} ms for the coordinator"
)
