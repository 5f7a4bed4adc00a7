"""Annual reviews over the demo area of 20,000 children (about 6,000 plans): the review schedule for
the whole area and the review pages for the team manager and a coordinator; then the schedule for
20,000 plans, made by copying the demo's plans (each with its child, issued versions, reviews and
moves in) into the same scratch database. Prints medians of repeated runs."""

import io
import os
import random
import re
import time

from common import fresh_django, median_ms

CHILDREN = int(os.environ.get("BENCH_CHILDREN", "20000"))
PLANS = int(os.environ.get("BENCH_PLANS", "20000"))
fresh_django()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402

from tellonce.accounts.models import User  # noqa: E402
from tellonce.core.time import uk_today  # noqa: E402
from tellonce.demo.rows import insert_rows  # noqa: E402
from tellonce.demo.steps import seeded_uuid  # noqa: E402
from tellonce.people.models import Child  # noqa: E402
from tellonce.plans.models import Kind, Plan, PlanVersion, Status  # noqa: E402
from tellonce.reviews import stored  # noqa: E402
from tellonce.reviews.models import AnnualReview, Direction, PlanMove, amended_issued_on  # noqa: E402
from tellonce.reviews.schedule import schedule_rows  # noqa: E402

today = uk_today()
client = Client()


def demo_with_step_time(children: int) -> None:
    """Build the demo area, and print how long the whole and the reviews step took (read from the
    demo's own progress lines, which carry the seconds since it started)."""
    out = io.StringIO()
    started = time.perf_counter()
    call_command("demo", children=children, seed=1, stdout=out)
    whole = time.perf_counter() - started
    marks = re.findall(r"\[\s*([\d.]+)s\] (.+)", out.getvalue())
    at = [float(seconds) for seconds, line in marks]
    step = next(i for i, (_, line) in enumerate(marks) if line == "annual reviews...")
    following = next(i for i in range(step + 1, len(marks)) if marks[i][1].endswith("..."))
    print(f"demo area of {children:,} children with every module's history: {whole:.1f} s")
    print(f"  the annual reviews step: {at[following] - at[step]:.1f} s ({marks[following - 1][1]})")


def in_force() -> int:
    return PlanVersion.objects.in_force(today).count()


def time_schedule(runs: int) -> None:
    plans = in_force()
    reviews = AnnualReview.objects.count()
    every = median_ms(lambda: schedule_rows(PlanVersion.objects.all(), today=today), runs)
    print(f"schedule_rows over {plans:,} plans in force ({reviews:,} reviews): {every:.0f} ms")
    client.force_login(User.objects.get(username="manager"))
    assert client.get("/reviews/").status_code == 200
    page = median_ms(lambda: client.get("/reviews/"), runs)
    print(f"the manager's /reviews/ over {plans:,} plans: {page:.0f} ms")


def time_pages(runs: int) -> None:
    for username, path in (
        ("coordinator", "/reviews/"),
        ("manager", "/reviews/timeliness/"),
        ("manager", "/reviews/attention/"),
        ("manager", "/reviews/adulthood/"),
    ):
        client.force_login(User.objects.get(username=username))
        assert client.get(path).status_code == 200
        print(f"{username}'s {path}: {median_ms(lambda path=path: client.get(path), runs):.0f} ms")


def copy_plans(total: int) -> int:
    """Copy the plans in force, each with a copy of its child, until `total` are in force."""
    rng = random.Random(6)
    plans = list(
        Plan.objects.filter(pk__in=PlanVersion.objects.in_force(today).values("plan"), ceased_on__isnull=True)
        .order_by("ref")
        .values()
    )
    children = {c["id"]: c for c in Child.objects.filter(pk__in=[p["child_id"] for p in plans]).values()}
    versions, reviews, moves = {}, {}, {}
    for model, into, extra in (
        (PlanVersion, versions, {"status": Status.ISSUED}),
        (AnnualReview, reviews, {}),
        (PlanMove, moves, {"direction": Direction.IN}),
    ):
        for row in model.objects.filter(plan__ceased_on__isnull=True, **extra).values():
            into.setdefault(row["plan_id"], []).append(row)
    # Only issued versions are copied, so a review's amendment keeps its dates on the review.
    served = dict(PlanVersion.objects.filter(kind=Kind.PROPOSED_AMENDMENT).values_list("pk", "served_on"))
    amended_on = amended_issued_on(served)
    for row in (row for plan_reviews in reviews.values() for row in plan_reviews):
        if proposed := row["amendment_version_id"]:
            row["imported_amendment_notice_on"] = served.get(proposed)
            row["imported_amended_final_on"] = amended_on.get(proposed)
            row["amendment_version_id"] = None
    rows = {Child: [], Plan: [], PlanVersion: [], AnnualReview: [], PlanMove: []}
    needed = total - in_force()
    for n in range(max(needed, 0)):
        plan = plans[n % len(plans)]
        child = children[plan["child_id"]] | {"id": seeded_uuid(rng), "account_id": None}
        copy = plan | {"id": seeded_uuid(rng), "ref": f"{plan['ref']}-{n // len(plans) + 1}"}
        copy["child_id"] = child["id"]
        rows[Child].append(child)
        rows[Plan].append(copy)
        for model, source in ((PlanVersion, versions), (AnnualReview, reviews), (PlanMove, moves)):
            for row in source.get(plan["id"], []):
                rows[model].append(
                    row
                    | {"id": seeded_uuid(rng), "plan_id": copy["id"]}
                    | ({"based_on_id": None} if model is PlanVersion else {})
                )
    with transaction.atomic():
        for model, batch in rows.items():
            insert_rows(model, batch)
        # Written without signals: what each copied plan keeps for the list pages (ADR 0076).
        stored.rebuild(today=today)
    return max(needed, 0)


demo_with_step_time(CHILDREN)
print(f"{Plan.objects.count():,} plans ({in_force():,} in force), {AnnualReview.objects.count():,} reviews")
time_schedule(5)
time_pages(5)
started = time.perf_counter()
added = copy_plans(PLANS)
print(
    f"copied {added:,} plans with their children, versions and reviews: {time.perf_counter() - started:.1f} s"
)
time_schedule(5)
