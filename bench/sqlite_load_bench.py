"""SQLite under load: the real `import-cases` command writes a synthetic file of 30,000 children,
each with a plan and its reviews, in a subprocess, while threads here read child pages and the
caseload and list pages as the team manager. Prints the import's check and write times, the pages
read and failed (any status but 200, or an exception such as "database is locked"), and page
times before and during the import. Opening a child's page writes an access-log row, so readers
need SQLite's write lock for a moment while the import holds it for its whole write phase."""

import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import ROOT, demo, fresh_django, synthetic_file

CHILDREN = int(os.environ.get("BENCH_CHILDREN", "30000"))
READERS = int(os.environ.get("BENCH_READERS", "3"))
BEFORE_SECONDS = 10

data = synthetic_file(CHILDREN)
source = Path(tempfile.mkdtemp(prefix="tellonce-load-")) / "history.json"
source.write_text(json.dumps(data))
print(
    f"synthetic file: {CHILDREN:,} children and plans, "
    f"{sum(len(p['reviews']) for p in data['plans']):,} reviews, {source.stat().st_size / 1e6:.1f} MB"
)
del data

fresh_django()
demo(200)

from django.conf import settings  # noqa: E402
from django.db import connections  # noqa: E402
from django.test import Client  # noqa: E402

from tellonce.accounts.models import User  # noqa: E402
from tellonce.people.models import Child  # noqa: E402

print(f"SQLite busy timeout (TELLONCE_SQLITE_BUSY_TIMEOUT): {settings.SQLITE_BUSY_TIMEOUT:g} s")
manager = User.objects.get(username="manager")
children = [str(pk) for pk in Child.objects.order_by("pk").values_list("pk", flat=True)[:50]]
paths = ["/caseload/", "/caseload/children/", "/caseload/overdue/"] + [f"/children/{pk}/" for pk in children]
connections.close_all()
logging.getLogger("django.request").disabled = True  # failures are counted, not printed one by one


def read_pages(number: int, stop: threading.Event, log: list) -> None:
    """Read the pages in turn until told to stop; log (started, seconds, failure or None)."""
    client = Client()
    client.force_login(manager)  # with the second factor (common.fresh_django)
    turn = number
    try:
        while not stop.is_set():
            path = paths[turn % len(paths)]
            turn += 1
            started = time.perf_counter()
            try:
                status = client.get(path).status_code
                failure = None if status == 200 else f"{path}: status {status}"
            except Exception as error:  # noqa: BLE001 - any exception is a failed page
                failure = f"{path}: {type(error).__name__}: {error}"
            seconds = time.perf_counter() - started
            if failure:
                failure += f" (after {seconds:.1f} s)"
            log.append((started, seconds, failure))
    finally:
        connections.close_all()


def readers(log: list) -> tuple[threading.Event, list[threading.Thread]]:
    stop = threading.Event()
    threads = [threading.Thread(target=read_pages, args=(n, stop, log)) for n in range(READERS)]
    for thread in threads:
        thread.start()
    return stop, threads


def report(label: str, log: list, base: float = 0.0) -> None:
    times = sorted(seconds * 1000 for _, seconds, failure in log if failure is None)
    failures = [f"at {at - base:.1f} s, {failure}" for at, _, failure in log if failure is not None]
    figures = (
        f"median {statistics.median(times):.0f} ms, p95 {times[int(0.95 * (len(times) - 1))]:.0f} ms, "
        f"max {times[-1]:.0f} ms"
        if times
        else "no page read"
    )
    print(f"{label}: {len(log):,} pages read, {len(failures):,} failed; {figures}")
    for failure in failures[:8]:
        print(f"  failed: {failure}")


before: list = []
stop, threads = readers(before)
time.sleep(BEFORE_SECONDS)
stop.set()
for thread in threads:
    thread.join()
report(f"before the import, {READERS} readers for {BEFORE_SECONDS} s", before)

during: list = []
lines: list[tuple[float, str]] = []
started = time.perf_counter()
command = subprocess.Popen(
    [sys.executable, str(ROOT / "manage.py"), "import-cases", str(source)],
    cwd=ROOT,
    env=os.environ | {"PYTHONUNBUFFERED": "1"},
    stdout=subprocess.PIPE,
    stderr=subprocess.STDOUT,
    text=True,
)
stop, threads = readers(during)
assert command.stdout is not None
for line in command.stdout:
    lines.append((time.perf_counter() - started, line.rstrip()))
returncode = command.wait()
finished = time.perf_counter() - started
stop.set()
for thread in threads:
    thread.join()

writing = next((at for at, line in lines if line.startswith("No problems found")), None)
print(f"import-cases exited {returncode} after {finished:.1f} s: {lines[-1][1] if lines else 'no output'}")
if writing is not None:
    print(
        f"  checking (and starting up) {writing:.1f} s; writing, in one transaction, {finished - writing:.1f} s"
    )
report(f"during the import, {READERS} readers", [r for r in during if r[0] < started + finished], started)
if writing is not None:
    writes = [r for r in during if started + writing <= r[0] < started + finished]
    report("  while it wrote", writes, started)
for at, line in lines:
    print(f"  {at:6.1f} s  {line}")
