"""The national demo (issue 25 part 6, ADR 0077): many councils in one PostgreSQL database, and
one council's dashboards and list pages (and every other page of its manager's and coordinator's menus) measured as the database grows. The demo area of 20,000
children (--per-council) is built once; further councils are copies of it made in SQL
(bench/council_copy.py: one INSERT ... SELECT a table, new keys and council), until the database
holds each stage's number of children; at each stage the first council's pages are timed beside
their SQL floors (bench/list_pages.py) and compared with the first stage.

    bash scripts/with-postgres .venv/bin/python bench/national_bench.py --stages 20000,100000,640000

Runs in stages and can be stopped (Ctrl-C) at any point: each council is copied in its own
transaction, and against a lasting database (DATABASE_URL set, --keep) a second run goes on from
the councils already there. Figures of each stage are written to --out (JSON) as they are made."""

import argparse
import json
import math
import os
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import fresh_django, median_ms  # noqa: E402

parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
parser.add_argument("--children", type=int, default=640_000, help="children in the last stage")
parser.add_argument("--stages", default="", help="children in total at each stage, e.g. 20000,100000,640000")
parser.add_argument("--per-council", type=int, default=20_000, help="children in the demo council copied")
parser.add_argument("--runs", type=int, default=7, help="requests a page, the median is printed")
parser.add_argument("--out", default="national_bench.json", help="where each stage's figures are written")
parser.add_argument(
    "--time-stages",
    default="",
    help="the stages at which council 1 is timed (all by default): copying to 640,000 can then run on a "
    "busy machine and the timing wait for a quiet one, beside the 20,000-child database timed just before",
)
args = parser.parse_args()
stages = (
    [int(n) for n in args.stages.split(",")]
    if args.stages
    else sorted({args.per_council, 100_000, args.children})
)
stages = [n for n in stages if n <= max(args.children, max(stages))]
timed = [int(n) for n in args.time_stages.split(",")] if args.time_stages else stages

fresh_django()

import council_copy  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from list_pages import PAGES, measure  # noqa: E402

from tellonce.accounts.models import User  # noqa: E402
from tellonce.core.time import uk_today  # noqa: E402
from tellonce.people.models import Child  # noqa: E402

assert connection.vendor == "postgresql", "the national bench runs on PostgreSQL (scripts/with-postgres)"
started = time.perf_counter()


def say(text: str) -> None:
    print(f"[{time.perf_counter() - started:7.1f}s] {text}", flush=True)


DASHBOARDS = [
    ("manager", "/reviews/timeliness/"),
    ("manager", "/assessments/timeliness/"),
    ("manager", "/advice/timeliness/"),
    ("manager", "/plans/quality/"),
    ("manager", "/waiting/"),
    ("manager", "/partnership/"),
    ("manager", "/inclusion/"),
    ("manager", "/audits/report/"),
    ("manager", "/"),
]

if not User.objects.filter(username="manager").exists():
    say(f"building the demo council of {args.per_council:,} children...")
    with open(os.devnull, "w") as quiet:
        call_command("demo", children=args.per_council, seed=1, stdout=quiet)
    say("demo council built")
manager = User.objects.get(username="manager")
source = manager.local_authority
users = {"manager": manager, "coordinator": User.objects.get(username="coordinator")}
per_council = Child.objects.filter(local_authority=source).count()
say(
    f"source council {source} holds {per_council:,} children; {len(council_copy.ownership_cache())} tables copied a council"
)
results = json.loads(Path(args.out).read_text()) if Path(args.out).exists() else {}


def menu_pages() -> list[tuple[str, str]]:
    """Every other page in the manager's and the coordinator's menus, read from the menu as it is
    drawn (so a page added to the menu is timed too), without those timed above."""
    client, found = Client(), []
    timed = set(DASHBOARDS) | set(PAGES)
    for who in ("manager", "coordinator"):
        client.force_login(users[who])
        drawn = client.get("/accounts/").content.decode()
        menu = drawn[drawn.index('id="navigation"') : drawn.index("</nav>")]
        for path in re.findall(r'href="([^"]+)"', menu):
            if "sign-out" not in path and (who, path) not in timed and (who, path) not in found:
                found.append((who, path))
    return found


def time_dashboards(runs: int) -> dict[str, float]:
    client, found = Client(), {}
    for who, path in DASHBOARDS + menu_pages():
        client.force_login(users[who])
        status = client.get(path).status_code
        if status != 200:
            print(f"  {who:>11}'s {path:<22} answered {status}: not timed", flush=True)
            continue
        found[f"{who} {path}"] = median_ms(lambda path=path: client.get(path), runs)
        print(f"  {who:>11}'s {path:<22} {found[f'{who} {path}']:7.1f} ms (no floor)", flush=True)
    return found


for total in stages:
    councils = math.ceil(total / per_council)
    have = Child.objects.count()
    copy = Child.objects.values("local_authority").distinct().count()
    while Child.objects.count() < total:
        copy += 1
        began = time.perf_counter()
        rows = council_copy.copy_council(source, copy)
        took = time.perf_counter() - began
        left = math.ceil((total - Child.objects.count()) / per_council)
        say(
            f"council {copy} of {councils}: {rows:,} rows in {took:.1f} s ({left} more, about {left * took / 60:.0f} min)"
        )
    council_copy.reset_sequences()
    if Child.objects.count() != have:
        say("ANALYZE...")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    held = Child.objects.count()
    if total not in timed:
        say(f"stage: {held:,} children; not timed (--time-stages)")
        continue
    say(
        f"stage: {held:,} children in {Child.objects.values('local_authority').distinct().count()} councils; timing council 1"
    )
    pages = measure(users, runs=args.runs, today=uk_today())
    dashboards = time_dashboards(args.runs)
    figures = {f"{who} {path}": list(v) for (who, path), v in pages.items()} | {
        k: [v, None] for k, v in dashboards.items()
    }
    results[str(held)] = figures
    Path(args.out).write_text(json.dumps(results, indent=1))
    first = results[min(results, key=int)]
    if str(held) != min(results, key=int):
        say(f"at {held:,} children beside {int(min(results, key=int)):,}:")
        for key, (ms, _) in figures.items():
            if key in first:
                print(f"  {key:<36} {ms:7.1f} ms   {ms / first[key][0]:5.2f} times", flush=True)
say("done")
_ = PAGES
