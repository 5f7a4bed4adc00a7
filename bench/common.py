"""Shared set-up for the benchmarks: Django on a fresh SQLite database in a temp folder, and a timer."""

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 22)


def fresh_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["TELLONCE_VAR_DIR"] = tempfile.mkdtemp(prefix="tellonce-bench-")
    os.environ["DJANGO_SETTINGS_MODULE"] = "tellonce.config.settings.local"
    os.environ["TELLONCE_ALLOWED_HOSTS"] = "testserver"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    _sign_in_with_the_second_factor()


def _sign_in_with_the_second_factor() -> None:
    """`Client.force_login` stands for a whole sign-in, as in the tests (tellonce/conftest.py), so a
    benchmark reads the page rather than the "enter your code" redirect."""
    from django.test import Client

    from tellonce.accounts.tests.two_factor import signing_in_with_the_second_factor

    Client.force_login = signing_in_with_the_second_factor(Client.force_login)


def demo(children: int) -> None:
    """Loads the demo area of `children` children, unless BENCH_REUSE_DEMO is set and the database
    (DATABASE_URL) already holds a demo: one 20,000-child demo built once then serves several
    benches (build it with `tellonce demo --children 20000 --seed 1`, copy it with `createdb -T`)."""
    from django.core.management import call_command

    if os.environ.get("BENCH_REUSE_DEMO"):
        from tellonce.people.models import Child

        held = Child.objects.count()
        if held:
            print(f"reusing the demo already in the database: {held:,} children", flush=True)
            return
    with open(os.devnull, "w") as quiet:
        call_command("demo", children=children, seed=1, stdout=quiet)


class SqlTime:
    """The time a block spends in the database (every query, through Django's execute wrapper), so
    a page's own SQL can be set beside its hand-written floor apart from the page's fixed cost."""

    def __init__(self) -> None:
        from tellonce.audit.models import AccessEvent

        self.ms = 0.0
        self.queries = 0
        self.log_ms = 0.0  # of `ms`, writing the access log (ADR 99), which no floor does
        self._log = f'INSERT INTO "{AccessEvent._meta.db_table}"'

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            took = (time.perf_counter() - started) * 1000
            self.ms += took
            self.queries += 1
            if sql.startswith(self._log):
                self.log_ms += took


class TemplateTime:
    """The time a block spends drawing pages from their templates (the Jinja2 backend's `render`,
    macros and the layout included), so that what a page costs beyond its queries is split into
    its templates and the rest of its Python (the request, the permission checks, building the
    queries and their rows)."""

    def __init__(self) -> None:
        self.ms = 0.0

    def __enter__(self) -> "TemplateTime":
        from django.template.backends import jinja2

        self._template = jinja2.Template
        self._render = render = jinja2.Template.render

        def timed(template, *args, **kwargs):
            started = time.perf_counter()
            try:
                return render(template, *args, **kwargs)
            finally:
                self.ms += (time.perf_counter() - started) * 1000

        jinja2.Template.render = timed
        return self

    def __exit__(self, *exc) -> None:
        self._template.render = self._render


class PageTime(NamedTuple):
    """Medians over repeated requests: the page, its queries (and how many), its templates, and of
    its queries' time the access log's write."""

    page: float
    sql: float
    queries: int
    template: float
    log: float


def page_and_sql_ms(action, runs: int) -> PageTime:
    """The median time of `action` (a page), of its queries, of its templates and of its access log's
    write, and how many queries."""
    from django.db import connection

    pages, sqls, templates, logs, count = [], [], [], [], 0
    for _ in range(runs):
        spent, drawn = SqlTime(), TemplateTime()
        started = time.perf_counter()
        with connection.execute_wrapper(spent), drawn:
            action()
        pages.append((time.perf_counter() - started) * 1000)
        sqls.append(spent.ms)
        templates.append(drawn.ms)
        logs.append(spent.log_ms)
        count = spent.queries
    median = statistics.median
    return PageTime(median(pages), median(sqls), count, median(templates), median(logs))


def median_ms(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def synthetic_file(children: int) -> dict:
    """An import-cases file of `children` children, each with a plan and its yearly reviews as at
    TODAY (some amended, some late, 5% of plans ceased); the same file for the same number."""
    rng = random.Random(8)
    kids, plans = [], []
    for n in range(children):
        born = date(2001, 9, 1) + timedelta(days=rng.randrange(21 * 365))
        kids.append(
            {"ref": f"C{n}", "given_name": "Child", "family_name": f"N{n}", "date_of_birth": born.isoformat()}
        )
        issued = max(born + timedelta(days=3 * 365 + rng.randrange(6 * 365)), date(2016, 1, 4))
        if issued > TODAY - timedelta(days=30):
            issued = TODAY - timedelta(days=30 + rng.randrange(300))
        reviews, basis = [], issued
        while (meeting := basis + timedelta(days=330 + rng.randrange(90))) < TODAY - timedelta(days=60):
            notified = meeting + timedelta(days=rng.choice([14, 21, 28, 35, 49]))
            review = {
                "ref": f"R{len(reviews)}",
                "meeting": meeting.isoformat(),
                "decision_notified": notified.isoformat(),
            }
            if rng.random() < 0.3:
                notice = notified + timedelta(days=rng.randrange(7))
                amended = notice + timedelta(days=rng.choice([35, 56, 70, 90]))
                review |= {
                    "decision": "amend",
                    "amendment_notice": notice.isoformat(),
                    "amended_final_issued": amended.isoformat() if amended <= TODAY else None,
                }
            else:
                review["decision"] = "M"
            reviews.append(review)
            basis = notified
        plan = {"ref": f"P{n}", "child_ref": f"C{n}", "issued": issued.isoformat(), "reviews": reviews}
        if rng.random() < 0.05 and reviews:
            plan["ceased"] = reviews[-1]["decision_notified"]
        plans.append(plan)
    return {"children": kids, "plans": plans}
