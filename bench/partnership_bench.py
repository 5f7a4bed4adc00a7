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
from partnership_floor import FLOOR
from partnership_floor import params as floor_params

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


def floor() -> None:
    params = floor_params(council.pk, today.replace(year=today.year - 3, day=1))
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
