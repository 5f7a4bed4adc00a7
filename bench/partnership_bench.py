"""The partnership dashboard over the demo area of 20,000 children (5 years of history) on
PostgreSQL, as the board member sees it, beside hand-written SQL that counts the same figures
grouped by month (the floor). Targets: under 300 ms, and within 1.5 times the floor. Also times
the figures alone (no charts) and the first, uncached render, so the cost of drawing the charts
shows. Without DATABASE_URL it runs itself against a throwaway cluster (scripts/with-postgres).
Prints medians of repeated runs."""

import os
import sys
import time

from common import ROOT, fresh_django, median_ms

if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    os.execvp("bash", ["bash", str(ROOT / "scripts" / "with-postgres"), sys.executable, __file__])

CHILDREN = int(os.environ.get("BENCH_CHILDREN", "20000"))
RUNS = int(os.environ.get("BENCH_RUNS", "15"))
fresh_django()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from tellonce.accounts.models import User  # noqa: E402
from tellonce.core.time import uk_today  # noqa: E402
from tellonce.partnership import presenters  # noqa: E402

started = time.perf_counter()
with open(os.devnull, "w") as quiet:
    call_command("demo", children=CHILDREN, seed=1, stdout=quiet)
print(f"demo area of {CHILDREN:,} children on PostgreSQL: {time.perf_counter() - started:.1f} s")

board = User.objects.get(username="board")
council = board.local_authority
today = uk_today()

# The same figures counted by hand in SQL, one grouped query per source, 37 months.
FLOOR = """
SELECT date_trunc('month', a.decision_notified_on), count(*),
       count(*) FILTER (WHERE a.decision_notified_on <= a.received_on + 42)
  FROM assessments_assessmentrequest a JOIN people_child c ON c.id = a.child_id
 WHERE c.local_authority_id = %(la)s AND a.kind = 'initial' AND a.decision_notified_on >= %(first)s
 GROUP BY 1;
SELECT date_trunc('month', a.final_issued_on), count(*),
       count(*) FILTER (WHERE a.final_issued_on <= a.received_on + 140),
       count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM assessments_timescaleexception e WHERE e.assessment_id = a.id)),
       count(*) FILTER (WHERE a.final_issued_on <= a.received_on + 140
                        AND NOT EXISTS (SELECT 1 FROM assessments_timescaleexception e WHERE e.assessment_id = a.id))
  FROM assessments_assessmentrequest a JOIN people_child c ON c.id = a.child_id
 WHERE c.local_authority_id = %(la)s AND a.kind = 'initial' AND a.final_issued_on >= %(first)s
 GROUP BY 1;
SELECT date_trunc('month', r.decision_notified_on), count(*),
       count(*) FILTER (WHERE r.decision_notified_on <= coalesce(r.held_on, r.meeting_on) + 28),
       count(*) FILTER (WHERE r.amendment_version_id IS NOT NULL OR r.imported_amended_final_on IS NOT NULL)
  FROM reviews_annualreview r JOIN plans_plan p ON p.id = r.plan_id JOIN people_child c ON c.id = p.child_id
 WHERE c.local_authority_id = %(la)s AND r.decision_notified_on >= %(first)s
 GROUP BY 1;
SELECT date_trunc('month', coalesce(r.held_on, r.meeting_on)), count(DISTINCT r.id),
       count(DISTINCT r.id) FILTER (WHERE t.attended OR t.sent_advice)
  FROM reviews_reviewattendance t JOIN reviews_annualreview r ON r.id = t.review_id
  JOIN plans_plan p ON p.id = r.plan_id JOIN people_child c ON c.id = p.child_id
 WHERE c.local_authority_id = %(la)s AND t.agency = 'health' AND coalesce(r.held_on, r.meeting_on) >= %(first)s
 GROUP BY 1;
SELECT date_trunc('month', a.received_on), a.service = 'social_care', count(*),
       count(*) FILTER (WHERE a.received_on <= a.requested_on + 42)
  FROM advice_advicerequest a JOIN people_child c ON c.id = a.child_id
 WHERE c.local_authority_id = %(la)s AND a.purpose = 'assessment' AND a.received_on >= %(first)s
 GROUP BY 1, 2;
SELECT date_trunc('month', v.issued_on), count(*), count(*) FILTER (WHERE v.finding_codes::text = '[]')
  FROM plans_planversion v JOIN plans_plan p ON p.id = v.plan_id JOIN people_child c ON c.id = p.child_id
 WHERE c.local_authority_id = %(la)s AND v.status = 'issued' AND v.issued_on >= %(first)s
 GROUP BY 1;
SELECT date_trunc('month', r.submitted_on), count(*), count(*) FILTER (WHERE a.score >= 4)
  FROM feedback_answer a JOIN feedback_response r ON r.id = a.response_id JOIN feedback_survey s ON s.id = r.survey_id
  JOIN feedback_question q ON q.id = a.question_id
 WHERE s.local_authority_id = %(la)s AND q.kind = 'agree' AND a.score >= 1 AND r.submitted_on >= %(first)s
 GROUP BY 1;
SELECT date_trunc('month', p.ceased_on), p.cease_reason, count(*)
  FROM plans_plan p JOIN people_child c ON c.id = p.child_id
 WHERE c.local_authority_id = %(la)s AND p.ceased_on >= %(first)s
 GROUP BY 1, 2;
SELECT sen_status, count(*) FROM people_child WHERE local_authority_id = %(la)s GROUP BY 1;
SELECT primary_need, count(*) FROM people_child WHERE local_authority_id = %(la)s GROUP BY 1;
SELECT measure, year, level, la_code, region_code, numerator, denominator FROM benchmarks_publishedfigure
 WHERE measure IN ('requests_decided_in_6_weeks', 'plans_in_20_weeks_including_exceptions',
                   'plans_in_20_weeks_excluding_exceptions', 'review_decisions_in_4_weeks');
"""


def floor() -> None:
    params = {"la": council.pk, "first": today.replace(year=today.year - 3, day=1)}
    with connection.cursor() as cursor:
        for statement in filter(str.strip, FLOOR.split(";")):
            cursor.execute(statement, params)
            cursor.fetchall()


client = Client()
client.force_login(board)
presenters.chart.cache_clear()
started = time.perf_counter()
assert client.get("/partnership/").status_code == 200
first = (time.perf_counter() - started) * 1000
page = median_ms(lambda: client.get("/partnership/"), RUNS)


def cold() -> None:
    cache.clear()
    client.get("/partnership/")


uncached = median_ms(cold, RUNS)
figures_only = median_ms(
    lambda: presenters.dashboard(council, today=today, areas=None, with_charts=False), RUNS
)
sql = median_ms(floor, RUNS)
print(f"the partnership dashboard for the board over {CHILDREN:,} children: first render {first:.0f} ms")
if os.environ.get("BENCH_PROFILE"):
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(lambda: client.get("/partnership/"))
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
print(f"  figures counted afresh (charts cached): {uncached:.1f} ms, {uncached / sql:.1f} times the floor")
print(
    f"  figures kept (TELLONCE_PARTNERSHIP_CACHE_SECONDS) and charts cached: {page:.1f} ms (target 300 ms: {page / 300:.2f}); the measures' figures alone "
    f"{figures_only:.1f} ms; SQL floor {sql:.1f} ms; page {page / sql:.1f} times the floor (target 1.5)"
)
