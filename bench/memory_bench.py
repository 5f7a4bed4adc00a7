"""Peak memory of `export-cases` and the SEN2 return over a large demo area on PostgreSQL (issue 25
part 3): the demo is built once (BENCH_CHILDREN, 100,000 by default: several minutes), then each
command runs as its own process, as an operator would run it, and its peak resident set size (the
kernel's maxrss, which counts Python, Django, psycopg and the rows held) is read when it ends.
Target: under 300 MB each. A bare `tellonce check` is measured too, as the floor every command
starts from. Without DATABASE_URL it runs itself against a throwaway cluster (scripts/with-postgres);
with BENCH_REUSE_DEMO=1 it uses the demo already in DATABASE_URL's database.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, demo, fresh_django

if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    os.execvp("bash", ["bash", str(ROOT / "scripts" / "with-postgres"), sys.executable, __file__])

CHILDREN = int(os.environ.get("BENCH_CHILDREN", "100000"))
YEAR = 2026
fresh_django()

from tellonce.core.db import refresh_planner_statistics  # noqa: E402
from tellonce.organisations.models import LocalAuthority  # noqa: E402
from tellonce.plans.models import Plan  # noqa: E402

started = time.perf_counter()
demo(CHILDREN)
refresh_planner_statistics()
# The header's officers are the council's to record; the demo may leave them blank.
LocalAuthority.objects.update(
    designated_medical_officer="Y", designated_clinical_officer="Y", designated_social_care_officer="R"
)
plans = Plan.objects.count()
print(
    f"{CHILDREN:,} children, {plans:,} plans: demo ready in {time.perf_counter() - started:.0f} s", flush=True
)


def peak(*arguments: str) -> tuple[float, float]:
    """Runs `manage.py ARGUMENTS` in a process of its own: (seconds, peak RSS in MB). Through
    /usr/bin/time, a small process: a child forked from this one (which holds the demo's Python
    objects) would report this process's memory as its own peak."""
    began = time.perf_counter()
    with tempfile.NamedTemporaryFile("r") as report:
        done = subprocess.run(
            [
                "/usr/bin/time",
                "-f",
                "%M",
                "-o",
                report.name,
                sys.executable,
                str(ROOT / "manage.py"),
                *arguments,
            ],
            cwd=ROOT,
            env=os.environ.copy(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        if done.returncode:
            raise SystemExit(f"manage.py {' '.join(arguments)} failed:\n{done.stderr[-2000:]}")
        kilobytes = int(report.read().split()[-1])
    return time.perf_counter() - began, kilobytes / 1024


with tempfile.TemporaryDirectory() as folder:
    out = Path(folder)
    runs = [
        ("a bare `check` (Django and the apps loaded)", ["check"]),
        ("export-cases as JSON", ["export-cases", "--output", str(out / "cases.json")]),
        (
            "export-cases --format csv --table plans",
            ["export-cases", "--format", "csv", "--table", "plans", "--output", str(out / "plans.csv")],
        ),
        (
            f"sen2-return --year {YEAR}",
            ["sen2-return", "--year", str(YEAR), "--output", str(out / "sen2.xml")],
        ),
    ]
    for label, arguments in runs:
        seconds, rss = peak(*arguments)
        written = [p for p in out.iterdir() if p.name == Path(arguments[-1]).name]
        size = f", {written[0].stat().st_size / 1e6:.0f} MB written" if written else ""
        print(f"{label}: peak RSS {rss:.0f} MB, {seconds:.0f} s{size}", flush=True)
