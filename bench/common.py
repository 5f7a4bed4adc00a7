"""Shared set-up for the benchmarks: Django on a fresh SQLite database in a temp folder, and a timer."""

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

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
    from django.core.management import call_command

    with open(os.devnull, "w") as quiet:
        call_command("demo", children=children, seed=1, stdout=quiet)


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
