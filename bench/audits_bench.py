"""The plan audit report over the demo area of 20,000 children on PostgreSQL, with 2,000 audited
plans in 8 rounds (a tenth of the plans, each with 12 agreed grades, its findings, and a fifth
moderated), as the quality lead opens it, beside hand-written SQL that counts the same tables
(the floor). Target: under 300 ms. Without DATABASE_URL it runs itself against a throwaway
cluster (scripts/with-postgres). Prints medians of repeated runs."""

import os
import random
import sys
import time
from datetime import timedelta

from common import ROOT, fresh_django, median_ms

if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    os.execvp("bash", ["bash", str(ROOT / "scripts" / "with-postgres"), sys.executable, __file__])

CHILDREN = int(os.environ.get("BENCH_CHILDREN", "20000"))
AUDITED = int(os.environ.get("BENCH_AUDITS", "2000"))
RUNS = int(os.environ.get("BENCH_RUNS", "15"))
fresh_django()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from tellonce.accounts.models import User  # noqa: E402
from tellonce.audits import reports  # noqa: E402
from tellonce.audits.models import (  # noqa: E402
    AgreedGrade,
    Assignment,
    Audit,
    AuditFinding,
    AuditRound,
    AuditTool,
    Grade,
)
from tellonce.core.time import uk_today  # noqa: E402
from tellonce.plans.models import PlanVersion  # noqa: E402

started = time.perf_counter()
with open(os.devnull, "w") as quiet:
    call_command("demo", children=CHILDREN, seed=1, stdout=quiet)
print(f"demo area of {CHILDREN:,} children on PostgreSQL: {time.perf_counter() - started:.1f} s")

rng = random.Random(1)
lead, manager = User.objects.get(username="quality"), User.objects.get(username="manager")
la, today = lead.local_authority, uk_today()
tool = AuditTool.objects.filter(local_authority=la).order_by("-number").first()
questions = list(tool.questions.all())
codes = tool.grade_codes
versions = list(
    PlanVersion.objects.in_force(today)
    .filter(plan__child__local_authority=la)
    .exclude(audits__isnull=False)
    .select_related("plan__child")[:AUDITED]
)
rounds = [
    AuditRound.objects.create(
        local_authority=la,
        name=f"Bench round {i}",
        tool=tool,
        drawn_on=today - timedelta(days=90 * i),
        sample={},
    )
    for i in range(8)
]
audits = Audit.objects.bulk_create(
    [
        Audit(
            round=rounds[i % 8],
            child=v.plan.child,
            plan_version=v,
            coordinator_id=v.plan.coordinator_id,
            setting_id=v.plan.child.setting_id,
            status="ready",
        )
        for i, v in enumerate(versions)
    ]
)
AuditFinding.objects.bulk_create(
    [
        AuditFinding(audit=a, code=code, section="")
        for a, v in zip(audits, versions, strict=True)
        for code in v.finding_codes
    ],
    ignore_conflicts=True,
)
agreed, firsts, seconds, grades = [], [], [], []
for n, audit in enumerate(audits):
    for q in questions:
        grade = codes[min(3, max(0, round(rng.gauss(1.3, 0.8))))]
        rank = codes.index(grade) + 1
        agreed.append(
            AgreedGrade(
                audit=audit,
                question=q,
                section=q.section,
                agency=q.agency,
                grade=grade,
                rank=rank,
                acceptable=rank <= 2,
                agreed_on=audit.round.drawn_on,
            )
        )
    if n % 5 == 0:
        firsts.append(Assignment(audit=audit, auditor=lead, agency="education", submitted_on=today))
        seconds.append(
            Assignment(audit=audit, auditor=manager, agency="education", moderation=True, submitted_on=today)
        )
AgreedGrade.objects.bulk_create(agreed, batch_size=5000)
Assignment.objects.bulk_create(firsts + seconds)
education = [q for q in questions if q.agency == "education"]
for first, second in zip(firsts, seconds, strict=True):
    for q in education:
        grade = codes[min(3, max(0, round(rng.gauss(1.3, 0.8))))]
        other = (
            grade if rng.random() < 0.75 else codes[min(3, max(0, codes.index(grade) + rng.choice((-1, 1))))]
        )
        grades += [
            Grade(assignment=first, question=q, grade=grade),
            Grade(assignment=second, question=q, grade=other),
        ]
Grade.objects.bulk_create(grades, batch_size=5000)
with connection.cursor() as cursor:
    cursor.execute("ANALYZE")
print(f"{len(audits):,} audits, {len(agreed):,} agreed grades, {len(grades):,} moderated grades")

FLOOR = """
SELECT g.section, r.name, r.drawn_on, count(*), count(*) FILTER (WHERE g.acceptable)
  FROM audits_agreedgrade g JOIN audits_audit a ON a.id = g.audit_id JOIN audits_auditround r ON r.id = a.round_id
  JOIN people_child c ON c.id = a.child_id
 WHERE c.local_authority_id = %(la)s AND g.section <> 'overall' GROUP BY 1, 2, 3;
SELECT u.username, r.name, r.drawn_on, count(*), count(*) FILTER (WHERE g.acceptable)
  FROM audits_agreedgrade g JOIN audits_audit a ON a.id = g.audit_id JOIN audits_auditround r ON r.id = a.round_id
  JOIN people_child c ON c.id = a.child_id LEFT JOIN accounts_user u ON u.id = a.coordinator_id
 WHERE c.local_authority_id = %(la)s AND g.section = 'overall' GROUP BY 1, 2, 3;
SELECT f.code, count(DISTINCT f.audit_id), count(DISTINCT f.audit_id) FILTER (WHERE NOT g.acceptable)
  FROM audits_auditfinding f JOIN audits_agreedgrade g ON g.audit_id = f.audit_id AND g.section = 'overall'
  JOIN audits_audit a ON a.id = f.audit_id JOIN people_child c ON c.id = a.child_id
 WHERE c.local_authority_id = %(la)s GROUP BY 1;
SELECT f.grade, s.grade, count(*)
  FROM audits_grade s JOIN audits_assignment m ON m.id = s.assignment_id AND m.moderation
  JOIN audits_assignment o ON o.audit_id = m.audit_id AND NOT o.moderation AND o.agency = m.agency
  JOIN audits_grade f ON f.assignment_id = o.id AND f.question_id = s.question_id
  JOIN audits_audit a ON a.id = m.audit_id JOIN people_child c ON c.id = a.child_id
 WHERE c.local_authority_id = %(la)s GROUP BY 1, 2;
"""


def floor():
    with connection.cursor() as cursor:
        for statement in filter(str.strip, FLOOR.split(";")):
            cursor.execute(statement, {"la": la.pk})
            cursor.fetchall()


def tables():
    found = reports.all_tables(la.pk)
    reports.agreement(la.pk)
    return found


client = Client()
client.force_login(lead)
assert client.get("/audits/report/").status_code == 200
print(f"SQL floor (4 grouped queries): {median_ms(floor, RUNS):.1f} ms")
print(f"the report's tables and kappa: {median_ms(tables, RUNS):.1f} ms")
print(f"the report page as the quality lead: {median_ms(lambda: client.get('/audits/report/'), RUNS):.1f} ms")
print(
    f"one CSV (coordinators): {median_ms(lambda: client.get('/audits/report/coordinators.csv'), RUNS):.1f} ms"
)
