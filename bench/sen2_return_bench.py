"""The SEN2 return over the demo area on PostgreSQL: the time to build, write and validate the
whole return, and the peak memory Python allocates while writing it (tracemalloc), at 5,000 and at
20,000 children, to show the memory does not grow with the number of children (the return is read
a chunk of children at a time and written a Person at a time). Target: 20,000 plans under 10 s.
Without DATABASE_URL it runs itself against a throwaway cluster (scripts/with-postgres).
BENCH_SIZES overrides the sizes ("5000,20000")."""

import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from common import ROOT, fresh_django

if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    os.execvp("bash", ["bash", str(ROOT / "scripts" / "with-postgres"), sys.executable, __file__])

SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "5000,20000").split(",")]
YEAR = 2026
fresh_django()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from tellonce.core.db import refresh_planner_statistics  # noqa: E402
from tellonce.domain.sen2.rules import check_person  # noqa: E402
from tellonce.organisations.models import LocalAuthority  # noqa: E402
from tellonce.plans.models import Plan  # noqa: E402
from tellonce.returns import sen2, writer  # noqa: E402


def write_return(council, output: Path) -> int:
    prepared = sen2.prepare(council, YEAR)
    reference = prepared.census.reference_date

    def checked():
        for position, reported in enumerate(prepared.reported(), start=1):
            check_person(reported.person, position, reference)
            yield reported.person

    return writer.write_checked(output, prepared.header, checked())


def fresh_database(name: str) -> None:
    """A new, migrated database for each size (flush would also empty what migrations load)."""
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name}")
        cursor.execute(f"CREATE DATABASE {name}")
    connection.close()
    connection.settings_dict["NAME"] = name
    call_command("migrate", verbosity=0)


for size in SIZES:
    fresh_database(f"tellonce_sen2_{size}")
    started = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        call_command("demo", children=size, seed=1, stdout=quiet)
    refresh_planner_statistics()
    built = time.perf_counter() - started
    # The header's officers are the council's to record; the demo may leave them blank.
    LocalAuthority.objects.update(
        designated_medical_officer="Y", designated_clinical_officer="Y", designated_social_care_officer="R"
    )
    council = LocalAuthority.objects.get()
    plans = Plan.objects.filter(child__local_authority=council).count()
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "sen2.xml"
        times = []
        for _ in range(3):
            started = time.perf_counter()
            people = write_return(council, output)
            times.append(time.perf_counter() - started)
        size_mb = output.stat().st_size / 1e6
        tracemalloc.start()
        write_return(council, output)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    best = min(times)
    print(
        f"{size:,} children ({plans:,} plans; demo built in {built:.0f} s): the {YEAR} return of "
        f"{people:,} people, {size_mb:.1f} MB, built, checked, written and validated in {best:.2f} s "
        f"(best of 3; {best / max(plans, 1) * 1e6:.0f} µs a plan, so 20,000 plans in about "
        f"{best / max(plans, 1) * 20000:.1f} s); peak Python memory while writing {peak / 1e6:.1f} MB"
    )
