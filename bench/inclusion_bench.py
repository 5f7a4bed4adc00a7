"""The inclusion measures page over 20,000 children with plans and 60,000 on SEN support, with a
roll of 80,000 pupils without SEN beside them and a term's episodes, on PostgreSQL, as the SEND team
manager opens it (every measure by SEN status, and one measure by school), beside hand-written SQL
that counts the same figures (the floors, measured in the same run): from the extract's rows, as
the page did before it read the attendance counts kept at import (ADR 75), and from those counts.
Also the cost of keeping the counts (what an attendance import adds). Target: under 300 ms, and
within about 1.5 times the floor. Without DATABASE_URL it runs itself against a throwaway cluster
(scripts/with-postgres). Prints medians of repeated runs."""

import os
import random
import statistics
import sys
import time

from common import ROOT, TODAY, fresh_django, median_ms

if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    os.execvp("bash", ["bash", str(ROOT / "scripts" / "with-postgres"), sys.executable, __file__])

PLANS = int(os.environ.get("BENCH_PLANS", "20000"))
SUPPORT = int(os.environ.get("BENCH_SUPPORT", "60000"))
NONE = int(os.environ.get("BENCH_NONE", "80000"))
RUNS = int(os.environ.get("BENCH_RUNS", "15"))
fresh_django()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from tellonce.accounts.tests.factories import UserFactory  # noqa: E402
from tellonce.core.db import refresh_planner_statistics  # noqa: E402
from tellonce.domain.identifiers import upn_check_letter  # noqa: E402
from tellonce.domain.inclusion import Term  # noqa: E402
from tellonce.inclusion import services  # noqa: E402
from tellonce.inclusion.models import Attendance, Episode, Extract, ExtractKind  # noqa: E402
from tellonce.organisations.tests.factories import LocalAuthorityFactory, SettingFactory  # noqa: E402
from tellonce.people.models import Child  # noqa: E402

rng = random.Random(1)
TERM = Term(2026, 0)
started = time.perf_counter()
la = LocalAuthorityFactory()
schools = [SettingFactory(local_authority=la) for _ in range(120)]
manager = UserFactory(role="send_manager", local_authority=la)


def upn(n: int) -> str:
    body = f"{n:012d}"
    return upn_check_letter(body) + body


children = [
    Child(
        given_name="Pupil",
        family_name=str(i),
        date_of_birth=TODAY.replace(year=2014),
        upn=upn(i),
        local_authority=la,
        setting=schools[i % len(schools)],
        sen_status="EHC_PLAN" if i < PLANS else "SEN_SUPPORT",
        primary_need=rng.choice(("ASD", "SEMH", "SLCN", "MLD", "SPLD")),
    )
    for i in range(PLANS + SUPPORT)
]
Child.objects.bulk_create(children, batch_size=5000)
extracts = {
    kind: Extract.objects.create(local_authority=la, kind=kind, term=TERM.code) for kind in ExtractKind
}
att, episodes = [], []
kinds = [
    "suspension",
    "permanent_exclusion",
    "part_time",
    "off_roll",
    "alternative_provision",
    "missing_education",
]
extract_of = {
    "suspension": ExtractKind.EXCLUSIONS,
    "permanent_exclusion": ExtractKind.EXCLUSIONS,
    "part_time": ExtractKind.PART_TIME,
    "off_roll": ExtractKind.OFF_ROLL,
    "alternative_provision": ExtractKind.ALTERNATIVE_PROVISION,
    "missing_education": ExtractKind.MISSING_EDUCATION,
}
for i in range(PLANS + SUPPORT + NONE):
    child = children[i] if i < len(children) else None
    status = "E" if i < PLANS else ("K" if i < PLANS + SUPPORT else "N")
    common = dict(
        local_authority=la,
        line=i + 2,
        upn=upn(i),
        child=child,
        setting=schools[i % len(schools)],
        sen_status=status,
        need=child.primary_need if child else "",
    )
    missed = rng.randint(0, 30)
    att.append(
        Attendance(
            extract=extracts[ExtractKind.ATTENDANCE],
            sessions_possible=120,
            sessions_authorised=missed,
            sessions_unauthorised=0,
            persistently_absent=missed >= 12,
            **common,
        )
    )
    if rng.random() < (0.15 if status != "N" else 0.03):
        kind = rng.choice(kinds)
        episodes.append(
            Episode(
                extract=extracts[extract_of[kind]],
                kind=kind,
                started_on=TODAY.replace(month=10, day=1),
                sessions=2 if kind == "suspension" else None,
                **common,
            )
        )
Attendance.objects.bulk_create(att, batch_size=5000)
Episode.objects.bulk_create(episodes, batch_size=5000)
counting = time.perf_counter()
groups = services.count_attendance(extracts[ExtractKind.ATTENDANCE])
counted = (time.perf_counter() - counting) * 1000
refresh_planner_statistics()
print(
    f"{PLANS:,} children with plans, {SUPPORT:,} on SEN support, {NONE:,} without SEN; "
    f"{len(episodes):,} episodes: {time.perf_counter() - started:.1f} s"
)

FROM_ROWS = """
SELECT s.name, a.sen_status, count(*), count(*) FILTER (WHERE a.persistently_absent)
  FROM inclusion_attendance a JOIN inclusion_extract x ON x.id = a.extract_id
  JOIN organisations_setting s ON s.id = a.setting_id
 WHERE a.local_authority_id = %(la)s AND x.term = %(term)s GROUP BY 1, 2;
SELECT s.name, e.sen_status, count(DISTINCT e.upn) FILTER (WHERE e.kind = 'part_time')
  FROM inclusion_episode e JOIN inclusion_extract x ON x.id = e.extract_id
  JOIN organisations_setting s ON s.id = e.setting_id
 WHERE e.local_authority_id = %(la)s AND x.term = %(term)s GROUP BY 1, 2;
SELECT a.sen_status, count(*), count(*) FILTER (WHERE a.persistently_absent)
  FROM inclusion_attendance a JOIN inclusion_extract x ON x.id = a.extract_id
 WHERE a.local_authority_id = %(la)s AND x.term = %(term)s GROUP BY 1;
SELECT e.sen_status, e.kind, count(DISTINCT e.upn)
  FROM inclusion_episode e JOIN inclusion_extract x ON x.id = e.extract_id
 WHERE e.local_authority_id = %(la)s AND x.term = %(term)s GROUP BY 1, 2;
"""
FROM_COUNTS = """
SELECT s.name, c.sen_status, sum(c.pupils), sum(c.persistently_absent)
  FROM inclusion_attendancecount c JOIN inclusion_extract x ON x.id = c.extract_id
  JOIN organisations_setting s ON s.id = c.setting_id
 WHERE c.local_authority_id = %(la)s AND x.term = %(term)s GROUP BY 1, 2;
SELECT s.name, e.sen_status, count(DISTINCT e.upn) FILTER (WHERE e.kind = 'part_time')
  FROM inclusion_episode e JOIN inclusion_extract x ON x.id = e.extract_id
  JOIN organisations_setting s ON s.id = e.setting_id
 WHERE e.local_authority_id = %(la)s AND x.term = %(term)s GROUP BY 1, 2;
SELECT c.sen_status, sum(c.pupils), sum(c.persistently_absent)
  FROM inclusion_attendancecount c JOIN inclusion_extract x ON x.id = c.extract_id
 WHERE c.local_authority_id = %(la)s AND x.term = %(term)s GROUP BY 1;
SELECT e.sen_status, e.kind, count(DISTINCT e.upn)
  FROM inclusion_episode e JOIN inclusion_extract x ON x.id = e.extract_id
 WHERE e.local_authority_id = %(la)s AND x.term = %(term)s GROUP BY 1, 2;
"""


def floor(sql: str):
    def run() -> None:
        with connection.cursor() as cursor:
            for statement in filter(str.strip, sql.split(";")):
                cursor.execute(statement, {"la": la.pk, "term": TERM.code})
                cursor.fetchall()

    return run


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


client = Client()
client.force_login(manager)
url = f"/inclusion/?term={TERM.code}&measure=part_time&by=school"
assert client.get(url).status_code == 200
print(f"keeping the counts: {groups:,} groups from {len(att):,} attendance rows in {counted:.0f} ms")
print(f"load average {load()}")
# In turn, run by run, so that the machine's load falls on all three alike.
timed: dict[str, list[float]] = {"rows": [], "page": [], "counts": []}
actions = {"rows": floor(FROM_ROWS), "page": lambda: client.get(url), "counts": floor(FROM_COUNTS)}
for _ in range(RUNS):
    for name, action in actions.items():
        timed[name].append(median_ms(action, 1))
rows, page, counts = (statistics.median(timed[name]) for name in ("rows", "page", "counts"))
print(
    f"the inclusion page (every measure, and part-time timetables by school): {page:.1f} ms "
    f"(target 300 ms)\n"
    f"SQL floor from the rows {rows:.1f} ms (page {page / rows:.2f} times it); "
    f"SQL floor from the counts {counts:.1f} ms (page {page / counts:.2f} times it)"
)
print(f"load average {load()}")
