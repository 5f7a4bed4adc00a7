"""Provision delivery (ADR 72): the board's delivery overview (shares by kind, provider and
locality; the children waiting longest) over about 20,000 plans in force with their real
commitments (about 7 each, about 150,000 in all), beside hand-written SQL floors in the same run.

The demo area (BENCH_CHILDREN children, seed 1) gives plans with the demo's own provision and a
year of half-term records with its gaps. Two things are added to make it like a council's: the
demo's plan items mostly end within a year of starting, so a current commitment with no record
for one of the last six half-terms that ended is given one (85% delivered, 10% partly, 5% not, and
15% of them on a waiting list for their first one to four half-terms); and each plan's items are
repeated (new keys) until plans have about BENCH_ITEMS (7.5) commitments each, as the issue's
20,000 plans and 150,000 commitments do. Its plans in force that have commitments are then copied,
with their children, commitments and records, until there are BENCH_PLANS of them (new keys made
from the old by md5, so every copy is a plan like the demo's, not one plan with thousands of items).
A copy's records are the original's, so the latest outcome and wait kept on each commitment are
copied with them. PostgreSQL only: `bash scripts/with-postgres .venv/bin/python
bench/delivery_bench.py`. Prints the medians of BENCH_RUNS runs."""

import os
import random
import time

from common import demo, fresh_django, median_ms

CHILDREN = int(os.environ.get("BENCH_CHILDREN", "2000"))
PLANS = int(os.environ.get("BENCH_PLANS", "20000"))
RUNS = int(os.environ.get("BENCH_RUNS", "7"))
ITEMS = float(os.environ.get("BENCH_ITEMS", "7.5"))
fresh_django()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from tellonce.accounts.models import User  # noqa: E402
from tellonce.core.db import refresh_planner_statistics  # noqa: E402
from tellonce.core.time import uk_today  # noqa: E402
from tellonce.delivery import overview  # noqa: E402
from tellonce.delivery.expectations import current_half_term, half_terms_around  # noqa: E402
from tellonce.delivery.models import Commitment, DeliveryRecord  # noqa: E402
from tellonce.demo.rows import insert_rows  # noqa: E402
from tellonce.demo.steps import seeded_uuid  # noqa: E402
from tellonce.people.models import Child  # noqa: E402
from tellonce.plans.models import Plan  # noqa: E402

KEPT = any(f.name == "waiting_since" for f in Commitment._meta.concrete_fields)
COUNTED = any(f.name == "counted_year" for f in Commitment._meta.concrete_fields)

# The shares as the page groups them (section, provider, locality), by key rather than by name.
FLOOR_SHARES = """
SELECT c.section, c.setting_id, c.team_id, ch.locality_id, SUM(r.expected), SUM(r.delivered),
       COUNT(*), COUNT(*) FILTER (WHERE r.outcome = 'delivered')
FROM delivery_deliveryrecord r
JOIN delivery_commitment c ON c.id = r.commitment_id
JOIN people_child ch ON ch.id = c.child_id
WHERE c.local_authority_id = %s AND r.half_term_starts_on BETWEEN %s AND %s
GROUP BY 1, 2, 3, 4
"""
# The same from the school year's totals kept on each commitment.
FLOOR_SHARES_KEPT = """
SELECT c.section, c.setting_id, c.team_id, ch.locality_id, SUM(c.year_expected), SUM(c.year_delivered),
       SUM(c.year_records), SUM(c.year_in_full)
FROM delivery_commitment c
JOIN people_child ch ON ch.id = c.child_id
WHERE c.local_authority_id = %s AND c.counted_year = %s
GROUP BY 1, 2, 3, 4
"""
# The 20 longest waits worked out from the records alone: the run of half-terms not delivered at
# all that ends each current commitment's records.
FLOOR_WAITS_FROM_RECORDS = """
WITH marked AS (
  SELECT r.commitment_id, r.half_term_starts_on,
         COUNT(*) FILTER (WHERE r.outcome <> 'not_delivered')
           OVER (PARTITION BY r.commitment_id ORDER BY r.half_term_starts_on DESC) AS broken
  FROM delivery_deliveryrecord r JOIN delivery_commitment c ON c.id = r.commitment_id
  WHERE c.local_authority_id = %s AND c.ended_on IS NULL
)
SELECT commitment_id, MIN(half_term_starts_on) AS since FROM marked WHERE broken = 0
GROUP BY commitment_id ORDER BY since, commitment_id LIMIT 20
"""
# The same from the values kept on the commitment, with what the page shows of each.
FLOOR_WAITS_KEPT = """
SELECT c.id, c.what, c.waiting_since, c.latest_reason, ch.given_name, ch.family_name, l.name,
       s.name, t.name
FROM delivery_commitment c
JOIN people_child ch ON ch.id = c.child_id
LEFT JOIN organisations_locality l ON l.id = ch.locality_id
LEFT JOIN organisations_setting s ON s.id = c.setting_id
LEFT JOIN organisations_team t ON t.id = c.team_id
WHERE c.local_authority_id = %s AND c.ended_on IS NULL AND c.waiting_since IS NOT NULL
ORDER BY c.waiting_since, c.id LIMIT 20
"""


def _copy_sql(model, copy: int, source: str, new: dict[str, str]) -> str:
    """INSERT ... SELECT of `model`'s rows chosen by `source` (a WHERE clause), keys rewritten."""
    columns = [f.column for f in model._meta.concrete_fields]
    chosen = [new.get(column, f'"{column}"') for column in columns]
    return (
        f'INSERT INTO "{model._meta.db_table}" ({", ".join(f'"{c}"' for c in columns)}) '
        f'SELECT {", ".join(chosen)} FROM "{model._meta.db_table}" WHERE {source}'.replace("{n}", str(copy))
    )


def _key(column: str) -> str:
    return f"md5({column}::text || '-{{n}}')::uuid"


def pad_records(la, today) -> int:
    """A record for each of the last six half-terms that ended, for current commitments without one."""
    rng = random.Random(22)
    ended = [h for h in half_terms_around(la, today) if h.ends_on < today][-6:]
    have = set(DeliveryRecord.objects.values_list("commitment_id", "half_term_starts_on"))
    rows = []
    for pk in Commitment.objects.filter(ended_on__isnull=True).order_by("pk").values_list("pk", flat=True):
        waiting = rng.randrange(1, 5) if rng.random() < 0.15 else 0
        for index, half_term in enumerate(ended):
            if (pk, half_term.starts_on) in have:
                continue
            roll = rng.random()
            outcome = (
                "not_delivered"
                if index < waiting or roll >= 0.95
                else "partly"
                if roll >= 0.85
                else "delivered"
            )
            reason = "waiting_list" if index < waiting else "" if outcome == "delivered" else "staff_absence"
            rows.append(
                {
                    "id": seeded_uuid(rng),
                    "commitment_id": pk,
                    "half_term_starts_on": half_term.starts_on,
                    "half_term_ends_on": half_term.ends_on,
                    "half_term_label": half_term.label,
                    "expected": 6,
                    "school_weeks": 6,
                    "outcome": outcome,
                    "delivered": {"delivered": 6, "partly": 3}.get(outcome, 0),
                    "reason": reason,
                    "recorded_on": half_term.ends_on,
                }
            )
    insert_rows(DeliveryRecord, rows)
    return len(rows)


def repeat_items() -> int:
    """Each plan's commitments (and their records) repeated under new keys until plans have about
    ITEMS each; how many times."""
    plans = Commitment.objects.values("plan_id").distinct().count()
    times = max(0, round(ITEMS * plans / max(Commitment.objects.count(), 1)) - 1)
    with connection.cursor() as cursor:
        for n in range(1, times + 1):
            for sql in (
                _copy_sql(
                    Commitment,
                    n,
                    "item_key NOT LIKE '%%~%%'",
                    {"id": f"md5(id::text || '~{n}')::uuid", "item_key": f"item_key || '~{n}'"},
                ),
                _copy_sql(
                    DeliveryRecord,
                    n,
                    "commitment_id IN (SELECT id FROM delivery_commitment WHERE item_key NOT LIKE '%%~%%')",
                    {
                        "id": f"md5(id::text || '~{n}')::uuid",
                        "commitment_id": f"md5(commitment_id::text || '~{n}')::uuid",
                    },
                ),
            ):
                cursor.execute(sql)
    return times


def copy_plans() -> int:
    """Copies of the demo's plans in force with commitments (children, plans, commitments,
    records) until there are PLANS of them; how many copies were made."""
    originals = list(
        Plan.objects.filter(ceased_on__isnull=True, pk__in=Commitment.objects.values("plan_id")).values_list(
            "pk", flat=True
        )
    )
    copies = max(0, -(-PLANS // max(len(originals), 1)) - 1)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE bench_plans (id uuid PRIMARY KEY)")
        cursor.executemany("INSERT INTO bench_plans VALUES (%s)", [(pk,) for pk in originals])
        plans = "id IN (SELECT id FROM bench_plans)"
        children = "id IN (SELECT child_id FROM plans_plan WHERE id IN (SELECT id FROM bench_plans))"
        commitments = "plan_id IN (SELECT id FROM bench_plans)"
        records = f"commitment_id IN (SELECT id FROM delivery_commitment WHERE {commitments})"
        for n in range(1, copies + 1):
            with transaction.atomic():
                cursor.execute(
                    _copy_sql(
                        Child,
                        n,
                        children,
                        {
                            "id": _key("id"),
                            "account_id": "NULL",
                            "external_ref": "CASE WHEN external_ref = '' THEN '' ELSE external_ref || '-{n}' END",
                        },
                    )
                )
                cursor.execute(
                    _copy_sql(
                        Plan,
                        n,
                        plans,
                        {"id": _key("id"), "child_id": _key("child_id"), "ref": "ref || '-{n}'"},
                    )
                )
                cursor.execute(
                    _copy_sql(
                        Commitment,
                        n,
                        commitments,
                        {"id": _key("id"), "child_id": _key("child_id"), "plan_id": _key("plan_id")},
                    )
                )
                cursor.execute(
                    _copy_sql(
                        DeliveryRecord, n, records, {"id": _key("id"), "commitment_id": _key("commitment_id")}
                    )
                )
    refresh_planner_statistics()
    return copies


def main() -> None:
    assert connection.vendor == "postgresql", "run with scripts/with-postgres"
    started = time.perf_counter()
    demo(CHILDREN)
    built = time.perf_counter()
    board = User.objects.get(username="board")
    la = board.local_authority_id
    today = uk_today()
    with transaction.atomic():
        padded = pad_records(la, today)
        if KEPT:
            from tellonce.delivery.services import check_latest

            check_latest()
        repeated = repeat_items()
    copies = copy_plans()
    # The records were added in SQL, not through the services: the commitments' kept weeks missed
    # and reports (ADR 0096) are worked out again, as after any such import.
    from tellonce.delivery import kept

    kept.rebuild(la)
    # the page's half-terms: this school year's so far
    year = [h for h in half_terms_around(la, today, back=0) if h.starts_on <= today] or [
        current_half_term(la, today)
    ]
    first, last = year[0].starts_on, year[-1].starts_on
    current = Commitment.objects.filter(ended_on__isnull=True)
    in_force = Plan.objects.filter(ceased_on__isnull=True, pk__in=current.values("plan_id")).count()
    print(
        f"PostgreSQL: demo of {CHILDREN:,} children in {built - started:.0f} s ({padded:,} records added, "
        f"items repeated {repeated} times), copied {copies} times in "
        f"{time.perf_counter() - built:.0f} s; {in_force:,} plans in force with {current.count():,} current "
        f"commitments ({current.count() / max(in_force, 1):.1f} a plan), {Commitment.objects.count():,} in all; "
        f"{DeliveryRecord.objects.count():,} half-term records, "
        f"{DeliveryRecord.objects.filter(half_term_starts_on__range=(first, last)).count():,} in the page's "
        f"half-terms ({first} to {last}); latest outcome kept on the commitment: {KEPT}"
    )

    def sql(query, params):
        def run():
            with connection.cursor() as cursor:
                cursor.execute(query, params)
                cursor.fetchall()

        return run

    client = Client()
    client.force_login(board)
    assert client.get("/delivery/figures/").status_code == 200
    timings = {
        "floor: shares by section, provider and locality (one GROUP BY over the records)": sql(
            FLOOR_SHARES, [la, first, last]
        ),
        "overview.shares (over the records)": lambda: overview.shares(board, first, last),
        "floor: the 20 longest waits from the records (window query)": sql(FLOOR_WAITS_FROM_RECORDS, [la]),
    }
    if COUNTED:
        school_year = first.year if first.month >= 9 else first.year - 1
        timings["floor: shares from the totals kept on the commitment"] = sql(
            FLOOR_SHARES_KEPT, [la, school_year]
        )
        timings["overview.shares_this_year (over the commitments)"] = lambda: overview.shares_this_year(
            board, school_year
        )
    if KEPT:
        timings["floor: the 20 longest waits kept on the commitment (with names)"] = sql(
            FLOOR_WAITS_KEPT, [la]
        )
    timings |= {
        "overview.waiting_longest (the 20 longest)": lambda: list(overview.waiting_longest(board)),
        "the board's page, Provision delivered": lambda: client.get("/delivery/figures/"),
    }
    for label, action in timings.items():
        print(f"{label}: {median_ms(action, RUNS):.0f} ms")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('delivery_commitment'))")
        print(f"delivery_commitment with its indexes: {cursor.fetchone()[0]}")


main()
