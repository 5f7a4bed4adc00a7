"""Provision delivery (ADR 72): the board's delivery overview (shares by kind, provider and
locality; the children waiting longest) over about 150,000 commitments, the provision of some
20,000 plans, with three half-terms of records each, beside a hand-written SQL floor for the shares.

The demo area gives the council, its settings, teams, localities and children with plans; the
commitments are then spread over those plans (BENCH_COMMITMENTS in all) and their records
inserted in batches. Run on PostgreSQL: `bash scripts/with-postgres .venv/bin/python
bench/delivery_bench.py`. Prints medians of repeated runs."""

import os
import random

from common import demo, fresh_django, median_ms

CHILDREN = int(os.environ.get("BENCH_CHILDREN", "300"))
COMMITMENTS = int(os.environ.get("BENCH_COMMITMENTS", "150000"))
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
fresh_django()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from tellonce.accounts.models import User  # noqa: E402
from tellonce.core.db import refresh_planner_statistics  # noqa: E402
from tellonce.core.time import uk_today  # noqa: E402
from tellonce.delivery import overview  # noqa: E402
from tellonce.delivery.expectations import half_terms_around  # noqa: E402
from tellonce.delivery.models import Commitment, DeliveryRecord  # noqa: E402
from tellonce.demo.rows import insert_rows  # noqa: E402
from tellonce.demo.steps import seeded_uuid  # noqa: E402
from tellonce.organisations.models import Team  # noqa: E402
from tellonce.plans.models import Plan  # noqa: E402

FLOOR = """
SELECT c.section, SUM(r.expected), SUM(r.delivered), COUNT(*),
       COUNT(*) FILTER (WHERE r.outcome = 'delivered')
FROM delivery_deliveryrecord r JOIN delivery_commitment c ON c.id = r.commitment_id
WHERE c.local_authority_id = %s AND r.half_term_starts_on BETWEEN %s AND %s
GROUP BY c.section
"""


def fill() -> None:
    rng = random.Random(22)
    today = uk_today()
    plans = list(
        Plan.objects.filter(ceased_on__isnull=True).values_list("pk", "child_id", "child__setting_id")
    )
    la = User.objects.get(username="board").local_authority_id
    teams = list(Team.objects.filter(local_authority_id=la).values_list("pk", flat=True))
    half_terms = [h for h in half_terms_around(la, today) if h.ends_on < today][-3:]
    commitments, records = [], []
    for n in range(COMMITMENTS):
        plan_id, child_id, setting_id = plans[n % len(plans)]
        section = rng.choice(["F", "F", "F", "G", "G", "H2"])
        pk = seeded_uuid(rng)
        commitments.append(
            {
                "id": pk,
                "local_authority_id": la,
                "child_id": child_id,
                "plan_id": plan_id,
                "item_key": f"bench-{n}",
                "section": section,
                "what": "Speech and language therapy" if section == "G" else "Small-group literacy",
                "setting_id": setting_id if section == "F" else None,
                "team_id": rng.choice(teams) if section != "F" and teams else None,
                "times": 1,
                "per": "week",
                "starts_on": half_terms[0].starts_on,
            }
        )
        for half_term in half_terms:
            roll = rng.random()
            outcome = "delivered" if roll < 0.8 else "partly" if roll < 0.93 else "not_delivered"
            records.append(
                {
                    "id": seeded_uuid(rng),
                    "commitment_id": pk,
                    "half_term_starts_on": half_term.starts_on,
                    "half_term_ends_on": half_term.ends_on,
                    "half_term_label": half_term.label,
                    "expected": 7,
                    "school_weeks": 7,
                    "outcome": outcome,
                    "delivered": 7 if outcome == "delivered" else 4 if outcome == "partly" else 0,
                    "reason": "" if outcome == "delivered" else "vacancy",
                    "recorded_on": half_term.ends_on,
                }
            )
    insert_rows(Commitment, commitments)
    insert_rows(DeliveryRecord, records)
    refresh_planner_statistics()


def main() -> None:
    demo(CHILDREN)
    fill()
    board = User.objects.get(username="board")
    today = uk_today()
    year = [h for h in half_terms_around(board.local_authority_id, today) if h.starts_on <= today]
    first, last = year[-3].starts_on, year[-1].starts_on
    print(
        f"{Commitment.objects.count():,} commitments over {Plan.objects.count():,} plans, "
        f"{DeliveryRecord.objects.count():,} half-term records ({connection.vendor})"
    )

    def floor():
        with connection.cursor() as cursor:
            cursor.execute(FLOOR, [board.local_authority_id, first, last])
            cursor.fetchall()

    print(f"hand-written SQL floor, shares by section: {median_ms(floor, RUNS):.0f} ms")
    print(
        f"shares by kind, provider and locality: {median_ms(lambda: overview.shares(board, first, last), RUNS):.0f} ms"
    )
    print(f"the 20 waiting longest: {median_ms(lambda: list(overview.waiting_longest(board)), RUNS):.0f} ms")
    client = Client()
    client.force_login(board)
    assert client.get("/delivery/figures/").status_code == 200
    print(
        f"the board's page, Provision delivered: {median_ms(lambda: client.get('/delivery/figures/'), RUNS):.0f} ms"
    )


main()
