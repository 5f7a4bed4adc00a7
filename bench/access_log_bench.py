"""The access log's write (ADR 99, 107): one event a child for the children a page shows, as
`audit.services.insert_events` writes them, timed with the log's indexes as they are and with two
single-column indexes it had before ADR 107 (on the council's key and on the time) put back, in
alternation, each inside a savepoint rolled back, so the log is left as it was. Run on PostgreSQL,
best against a database whose log has grown (the national demo's, with BENCH_REUSE_DEMO=1):

    DATABASE_URL=postgres://... BENCH_REUSE_DEMO=1 .venv/bin/python bench/access_log_bench.py

With no DATABASE_URL it starts a throwaway PostgreSQL and builds the demo (BENCH_CHILDREN) first.

Prints the median time of a page's events and the ratio of the two."""

import argparse
import os
import statistics
import sys
import time
from importlib import import_module
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, demo, fresh_django  # noqa: E402

if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    os.execvp(
        "bash", ["bash", str(ROOT / "scripts" / "with-postgres"), sys.executable, __file__, *sys.argv[1:]]
    )

parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
parser.add_argument("--children", default="50,361", help="the events a page writes, e.g. 50,361")
parser.add_argument("--rounds", type=int, default=4, help="rounds of each arrangement, alternated")
parser.add_argument("--runs", type=int, default=15, help="pages written a round")
args = parser.parse_args()

fresh_django()
demo(int(os.environ.get("BENCH_CHILDREN", "20000")))

from django.db import connection, transaction  # noqa: E402

from tellonce.accounts.actors import Actor  # noqa: E402
from tellonce.accounts.models import User  # noqa: E402
from tellonce.audit.models import AccessEvent, Action  # noqa: E402
from tellonce.audit.services import actor_columns, insert_events  # noqa: E402
from tellonce.people.models import Child  # noqa: E402

# Before ADR 107, as Django named them for `db_index=True`: the ones its migration drops
SINGLE = import_module("tellonce.audit.migrations.0011_access_event_no_single_indexes").INDEXES
table = AccessEvent._meta.db_table
manager = User.objects.get(username="manager")
columns = actor_columns(Actor.command(manager, "access_log_bench"), Action.LISTED, "Found in a list")
children = list(
    Child.objects.filter(local_authority=manager.local_authority)
    .order_by("?")
    .values_list("pk", flat=True)[:2000]
)


def indexes() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = %s", [table])
        return {name for (name,) in cursor.fetchall()}


def arrange(with_single: bool) -> None:
    """Inside the caller's savepoint: the two single-column indexes there or not."""
    have = indexes()
    with connection.cursor() as cursor:
        for name, column in SINGLE.items():
            if with_single and name not in have:
                cursor.execute(f'CREATE INDEX "{name}" ON "{table}" ("{column}")')
            elif not with_single and name in have:
                cursor.execute(f'DROP INDEX "{name}"')


def page_ms(shown: int) -> float:
    times = []
    for n in range(args.runs):
        ids = children[(n * shown) % len(children) :][:shown] or children[:shown]
        started = time.perf_counter()
        insert_events(columns, ids)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


with connection.cursor() as cursor:
    cursor.execute(f'SELECT count(*) FROM "{table}"')
    (held,) = cursor.fetchone()
print(f"the log holds {held:,} events; its indexes now: {', '.join(sorted(indexes()))}", flush=True)
found: dict[tuple[int, bool], list[float]] = {}
with transaction.atomic():
    for round_ in range(args.rounds):
        for with_single in (True, False) if round_ % 2 == 0 else (False, True):
            point = transaction.savepoint()
            arrange(with_single)
            for shown in (int(n) for n in args.children.split(",")):
                found.setdefault((shown, with_single), []).append(page_ms(shown))
            transaction.savepoint_rollback(point)
    transaction.set_rollback(True)
for shown in (int(n) for n in args.children.split(",")):
    before = statistics.median(found[(shown, True)])
    after = statistics.median(found[(shown, False)])
    print(
        f"  {shown:>4} events a page: {before:6.2f} ms with the two single-column indexes, "
        f"{after:6.2f} ms without ({after / before:.2f} times)",
        flush=True,
    )
