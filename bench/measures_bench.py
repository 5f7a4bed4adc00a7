"""The review, assessment and advice timeliness pages over the demo area of 20,000 children on
PostgreSQL (issue 25 part 2, ADR 0078): each page as its reader opens it, with the figures counted
in one SQL query (after) and by the domain rules in Python (before, the reference functions put
back in the same run), beside hand-written SQL computing the same figures (the floor). Targets:
under 300 ms and within 1.5 times the floor. Without DATABASE_URL it runs itself against a
throwaway cluster (scripts/with-postgres). Prints medians of repeated runs."""

import logging
import os
import sys
import time

from common import ROOT, demo, fresh_django, median_ms

if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    os.execvp("bash", ["bash", str(ROOT / "scripts" / "with-postgres"), sys.executable, __file__])

CHILDREN = int(os.environ.get("BENCH_CHILDREN", "20000"))
RUNS = int(os.environ.get("BENCH_RUNS", "15"))
fresh_django()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from tellonce.accounts.models import User  # noqa: E402
from tellonce.advice import measures as advice  # noqa: E402
from tellonce.advice.models import AdviceRequest  # noqa: E402
from tellonce.assessments import measures as assessments  # noqa: E402
from tellonce.assessments.models import AssessmentRequest  # noqa: E402
from tellonce.core.time import uk_today  # noqa: E402
from tellonce.domain import advice as advice_rules  # noqa: E402
from tellonce.reviews import measures as reviews  # noqa: E402
from tellonce.reviews.models import AnnualReview  # noqa: E402

logging.disable(logging.INFO)
started = time.perf_counter()
demo(CHILDREN)
print(f"demo area of {CHILDREN:,} children on PostgreSQL: {time.perf_counter() - started:.1f} s")
print(
    f"{AnnualReview.objects.count():,} reviews, {AssessmentRequest.objects.count():,} assessment requests, "
    f"{AdviceRequest.objects.count():,} advice requests"
)
today = uk_today()
council = User.objects.get(username="manager").local_authority_id
cutoff = today.replace(year=today.year - reviews.TIMELINESS_YEARS, day=min(today.day, 28))

# Hand-written SQL giving the same figures, PostgreSQL's own date arithmetic (a date plus an
# interval of 12 months keeps the last day of February, as add_months does).
FLOORS = {
    "reviews": """
WITH r AS (
  SELECT r.id, r.plan_id, r.coordinator_id, r.decision, r.decision_notified_on AS notified,
         coalesce(r.held_on, r.meeting_on) AS meeting,
         CASE WHEN v.id IS NOT NULL AND v.status <> 'working' THEN v.served_on
              ELSE r.imported_amendment_notice_on END AS notice,
         CASE WHEN a.issued_on IS NOT NULL OR a.based_on_id IS NOT NULL THEN a.issued_on
              ELSE r.imported_amended_final_on END AS final,
         max(r.decision_notified_on) OVER (PARTITION BY r.plan_id ORDER BY r.decision_notified_on
             RANGE BETWEEN UNBOUNDED PRECEDING AND '1 day' PRECEDING) AS earlier
    FROM reviews_annualreview r
    JOIN plans_plan p ON p.id = r.plan_id JOIN people_child c ON c.id = p.child_id
    LEFT JOIN plans_planversion v ON v.id = r.amendment_version_id
    LEFT JOIN LATERAL (SELECT based_on_id, issued_on FROM plans_planversion
                        WHERE based_on_id = r.amendment_version_id AND kind = 'amended' AND status = 'issued'
                        ORDER BY number LIMIT 1) a ON true
   WHERE c.local_authority_id = %(la)s AND r.decision_notified_on IS NOT NULL
), d AS (
  SELECT r.*, coalesce(r.earlier, (SELECT issued_on FROM plans_planversion
                                    WHERE plan_id = r.plan_id AND status = 'issued' ORDER BY number LIMIT 1)) AS basis,
         CASE WHEN r.decision = 'amend' OR r.notice IS NOT NULL
              THEN least(r.notice + 56, r.meeting + 84) END AS amended_due
    FROM r WHERE r.notified >= %(cutoff)s
)
SELECT to_char(notified, 'YYYY-MM'), coordinator_id, count(*),
       count(*) FILTER (WHERE notified <= basis + interval '12 months'),
       count(meeting), count(*) FILTER (WHERE notified <= meeting + 28),
       count(*) FILTER (WHERE amended_due IS NOT NULL AND (final IS NOT NULL OR %(today)s > amended_due)),
       count(*) FILTER (WHERE final <= amended_due)
  FROM d GROUP BY 1, 2;
SELECT a.agency, count(*), count(*) FILTER (WHERE a.attended),
       count(*) FILTER (WHERE a.sent_advice AND NOT a.attended)
  FROM reviews_reviewattendance a JOIN reviews_annualreview r ON r.id = a.review_id
  JOIN plans_plan p ON p.id = r.plan_id JOIN people_child c ON c.id = p.child_id
 WHERE c.local_authority_id = %(la)s AND r.decision_notified_on >= %(cutoff)s
 GROUP BY 1""",
    "assessments": """
SELECT extract(year FROM a.decision_notified_on), count(*),
       count(*) FILTER (WHERE a.decision_notified_on <= a.received_on + 42)
  FROM assessments_assessmentrequest a JOIN people_child c ON c.id = a.child_id
 WHERE c.local_authority_id = %(la)s AND a.kind <> 'reassessment' AND a.decision_notified_on >= %(first)s
 GROUP BY 1;
SELECT extract(year FROM f.final_issued_on), count(*), count(*) FILTER (WHERE on_time),
       count(*) FILTER (WHERE NOT excepted), count(*) FILTER (WHERE on_time AND NOT excepted)
  FROM (SELECT a.final_issued_on, a.final_issued_on <= a.received_on + 140 AS on_time,
               EXISTS (SELECT 1 FROM assessments_timescaleexception e
                        WHERE e.assessment_id = a.id AND e.reason <> 'MISSED_APPT'
                          AND CASE WHEN e.reason = 'COVID' THEN greatest(e.starts_on, DATE '2020-05-01') ELSE e.starts_on END
                              <= least(coalesce(e.ends_on, a.received_on + 140),
                                       CASE WHEN e.reason = 'COVID' THEN DATE '2020-09-25' ELSE DATE '9999-12-31' END)
                          AND CASE WHEN e.reason = 'COVID' THEN greatest(e.starts_on, DATE '2020-05-01') ELSE e.starts_on END
                              <= a.received_on + 140
                          AND least(coalesce(e.ends_on, a.received_on + 140),
                                    CASE WHEN e.reason = 'COVID' THEN DATE '2020-09-25' ELSE DATE '9999-12-31' END)
                              >= a.received_on) AS excepted
          FROM assessments_assessmentrequest a JOIN people_child c ON c.id = a.child_id
         WHERE c.local_authority_id = %(la)s AND a.kind <> 'reassessment' AND a.final_issued_on >= %(first)s) f
 GROUP BY 1""",
    "advice": """
WITH b AS (
  SELECT {key} AS k, a.requested_on AS rq, a.received_on AS rc
    FROM advice_advicerequest a JOIN people_child c ON c.id = a.child_id
    LEFT JOIN organisations_team t ON t.id = a.team_id
    LEFT JOIN organisations_healthprovider p ON p.id = t.provider_id
    LEFT JOIN organisations_setting s ON s.id = a.setting_id
   WHERE c.local_authority_id = %(la)s AND a.purpose = 'assessment'
)
SELECT k, count(*), count(*) FILTER (WHERE rc <= %(today)s),
       count(*) FILTER (WHERE rc <= %(today)s AND rc <= rq + 42),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY rc - rq) FILTER (WHERE rc <= %(today)s),
       count(*) FILTER (WHERE rc IS NULL OR rc > %(today)s),
       count(*) FILTER (WHERE (rc IS NULL OR rc > %(today)s) AND %(today)s > rq + 42)
  FROM b GROUP BY ROLLUP (k)""",
}
ADVICE_KEYS = {
    "provider": "coalesce(nullif(p.name, ''), nullif(t.name, ''), "
    "CASE WHEN nullif(s.name, '') IS NOT NULL THEN 'Education settings' ELSE 'Not recorded' END)",
    "service": "a.service",
    "month": "to_char(a.requested_on, 'YYYY-MM')",
}
PARAMS = {
    "la": council,
    "cutoff": cutoff,
    "today": today,
    "first": today.replace(year=today.year - 4, month=1, day=1),
}


def floor(sql: str) -> None:
    with connection.cursor() as cursor:
        for statement in sql.split(";"):
            cursor.execute(statement, PARAMS)
            cursor.fetchall()


def advice_by_rules(local_authority_id, *, today, group, service="", health_only):
    items = advice.advice_facts(local_authority_id, health_only=health_only, service=service)
    total = advice_rules.timeliness(items, today, key=lambda i: "All")
    return advice_rules.timeliness(items, today, key=advice.KEYS[group]), total[0] if total else None


# Each page: who reads it, the module function the view calls (with its arguments, to time it
# alone), the reference put back "before", and the floor.
PAGES = [
    (
        "manager",
        "/reviews/timeliness/",
        reviews,
        "timeliness",
        ((council, today), {}),
        reviews.timeliness_by_rules,
        FLOORS["reviews"],
    ),
    (
        "analyst",
        "/assessments/timeliness/",
        assessments,
        "by_year",
        ((council,), {"today": today, "years": 5}),
        assessments.by_year_by_rules,
        FLOORS["assessments"],
    ),
]
for group, key in ADVICE_KEYS.items():
    PAGES.append(
        (
            "analyst",
            f"/advice/timeliness/?group={group}",
            advice,
            "timeliness_in_sql",
            ((council,), {"today": today, "group": group, "health_only": False}),
            advice_by_rules,
            FLOORS["advice"].replace("{key}", key),
        )
    )

client = Client()
print(
    "page | before (rules in Python) | after (one SQL query) | the measure alone, before and after | "
    "hand-written SQL floor | after / floor (page; measure)"
)
for username, path, module, name, (args, kwargs), reference, sql in PAGES:
    client.force_login(User.objects.get(username=username))
    assert client.get(path).status_code == 200
    low = median_ms(lambda sql=sql: floor(sql), RUNS)
    after = median_ms(lambda path=path: client.get(path), RUNS)
    in_sql = getattr(module, name)
    alone = median_ms(lambda f=in_sql, a=args, k=kwargs: f(*a, **k), RUNS)
    alone_before = median_ms(lambda f=reference, a=args, k=kwargs: f(*a, **k), RUNS)
    setattr(module, name, reference)
    try:
        assert client.get(path).status_code == 200
        before = median_ms(lambda path=path: client.get(path), RUNS)
    finally:
        setattr(module, name, in_sql)
    print(
        f"{path} | {before:.0f} ms | {after:.0f} ms (target 300 ms: {after / 300:.2f}) | "
        f"{alone_before:.0f} ms, {alone:.0f} ms | {low:.0f} ms | {after / low:.2f}; {alone / low:.2f} (target 1.5)"
    )
# Advice timeliness: PostgreSQL's own form of the query (ADR 0082, what the page runs here) beside the
# portable one (ADR 0078, SQLite's) and the floor; with BENCH_EXPLAIN=1 the plans of all three.
print("advice by | PostgreSQL's form | portable form | floor")
for group, key in ADVICE_KEYS.items():
    sql = FLOORS["advice"].replace("{key}", key)
    forms = {
        form: (
            lambda form=form, group=group: advice.timeliness_in_sql(
                council, today=today, group=group, health_only=False, form=form
            )
        )
        for form in ("postgresql", "portable")
    }
    times = [median_ms(f, RUNS) for f in forms.values()]
    print(
        f"{group} | {times[0]:.1f} ms | {times[1]:.1f} ms | {median_ms(lambda sql=sql: floor(sql), RUNS):.1f} ms"
    )
    if os.environ.get("BENCH_EXPLAIN"):
        plans = {}
        for name, run in forms.items():
            with CaptureQueriesContext(connection) as ran:
                run()
            plans[name] = (ran.captured_queries[-1]["sql"], None)
        plans["floor"] = (sql, PARAMS)
        for name, (query, params) in plans.items():
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + query, params)
                print(f"-- {group}, {name}:\n" + "\n".join(row[0] for row in cursor.fetchall()))
print(f"load average: {os.getloadavg()[0]:.1f}")
