"""The list pages paged in SQL (ADR 0076, 0077) over the demo area of 20,000 children, each beside
its hand-written SQL floor (bench/list_pages.py): `/reviews/` for the manager and a coordinator,
the attention and adulthood lists, the caseloads and the overdue list. Run on PostgreSQL:

    bash scripts/with-postgres .venv/bin/python bench/lists_bench.py

Prints medians of repeated runs; targets: under 300 ms and within 1.5 times the floor. Each page's
own queries and its templates are timed too, and a page with no records gives the fixed cost every
page pays. With BENCH_REUSE_DEMO=1 and DATABASE_URL naming a database that holds the demo, the demo
is not rebuilt."""

import os
import time

from common import demo, fresh_django

CHILDREN = int(os.environ.get("BENCH_CHILDREN", "20000"))
RUNS = int(os.environ.get("BENCH_RUNS", "9"))
fresh_django()
started = time.perf_counter()
demo(CHILDREN)
print(f"demo area of {CHILDREN:,} children: {time.perf_counter() - started:.0f} s", flush=True)

from django.db import connection  # noqa: E402
from list_pages import fixed_cost, measure  # noqa: E402

from tellonce.accounts.models import User  # noqa: E402
from tellonce.core.time import uk_today  # noqa: E402
from tellonce.plans.models import Plan  # noqa: E402

with connection.cursor() as cursor:
    if connection.vendor == "postgresql":
        cursor.execute("ANALYZE")
print(
    f"{connection.vendor}: {Plan.objects.exclude(in_force_version=None).count():,} plans in force",
    flush=True,
)
users = {name: User.objects.get(username=name) for name in ("manager", "coordinator")}
fixed = fixed_cost(users["manager"], runs=RUNS)
print(
    f"  a signed-in page with no records (/accounts/): {fixed.page:.1f} ms, its queries {fixed.sql:.1f} ms, "
    f"its templates {fixed.template:.1f} ms",
    flush=True,
)
measure(users, runs=RUNS, today=uk_today(), fixed_sql=fixed.sql)
