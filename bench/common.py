"""Shared set-up for the benchmarks: Django on a fresh SQLite database in a temp folder, and a timer."""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def fresh_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["TELLONCE_VAR_DIR"] = tempfile.mkdtemp(prefix="tellonce-bench-")
    os.environ["DJANGO_SETTINGS_MODULE"] = "tellonce.config.settings.local"
    os.environ["TELLONCE_ALLOWED_HOSTS"] = "testserver"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


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
