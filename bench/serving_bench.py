"""The production server under load (issue 25 part 4, ADR 81): gunicorn serving the demo area on
PostgreSQL to 100 simulated users (locust, bench/locustfile.py) on loopback for a bounded time,
one user in ten signing in again and again (a whole password hash each time), the rest reading the
staff's, board's and parents' pages. Each chosen server configuration is run in turn (BENCH_CONFIGURATIONS,
by their places in CONFIGURATIONS; the units' own settings last): the 95th percentile and the errors
of every page, and the cost of one password hash. BENCH_WAIT ("1,3") is the seconds a reader spends
on a page, least and most.

Needs locust (`pip install -e '.[bench]'`, or LOCUST=/path/to/locust). Without DATABASE_URL it
runs itself against a throwaway cluster (scripts/with-postgres). BENCH_CHILDREN (2,000), BENCH_USERS
(100) and BENCH_SECONDS (60) change the size, the users and the length of each run."""

import csv
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from common import ROOT, demo, fresh_django

if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    os.execvp("bash", ["bash", str(ROOT / "scripts" / "with-postgres"), sys.executable, __file__])

CHILDREN = int(os.environ.get("BENCH_CHILDREN", "2000"))
USERS = int(os.environ.get("BENCH_USERS", "100"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "60"))
WAIT = os.environ.get("BENCH_WAIT", "1,3")  # seconds a reader spends on a page, least and most
LOCUST = os.environ.get("LOCUST") or shutil.which("locust") or str(Path(sys.executable).with_name("locust"))
GUNICORN = [sys.executable, "-m", "gunicorn", "tellonce.config.wsgi", "--timeout", "120"]
THREADED = ["--workers", "3", "--worker-class", "gthread", "--threads", "8"]
CONFIGURATIONS = [
    ("3 workers of 8 threads, keep-alive 2 s (gunicorn's default)", THREADED),
    (
        "3 workers of 8 threads, keep-alive 75 s, each worker readied by its first requests",
        [*THREADED, "--keep-alive", "75"],
    ),
    (
        "the units' settings (tellonce/config/gunicorn.py: 3 workers of 8 threads, keep-alive 75 s, "
        "each worker readied before it takes a request)",
        ["--config", "python:tellonce.config.gunicorn"],
    ),
]
PAGES = {
    "manager": ["/", "/reviews/", "/reviews/timeliness/", "/assessments/timeliness/", "/partnership/"],
    "coordinator": ["/", "/reviews/"],
    "analyst": ["/", "/plans/quality/", "/waiting/"],
    "board": ["/partnership/"],
    "parent": ["/"],
}

os.environ["TELLONCE_REQUEST_LOG"] = "0"  # one log line a request would cost as much as the page
fresh_django()
SERVER_ENV = os.environ | {"TELLONCE_ALLOWED_HOSTS": "127.0.0.1"}
from django.conf import settings  # noqa: E402
from django.contrib.auth.hashers import get_hasher, make_password  # noqa: E402
from django.test import Client  # noqa: E402

from tellonce.accounts.models import User  # noqa: E402
from tellonce.core.db import refresh_planner_statistics  # noqa: E402
from tellonce.demo.foundation import DEMO_PASSWORD  # noqa: E402

started = time.perf_counter()
demo(CHILDREN)
refresh_planner_statistics()
print(f"demo of {CHILDREN:,} children built in {time.perf_counter() - started:.0f} s", flush=True)

hasher = get_hasher()
hashes = []
for _ in range(5):
    began = time.perf_counter()
    make_password(DEMO_PASSWORD)
    hashes.append(time.perf_counter() - began)
settings_of_hasher = ", ".join(
    f"{name} {getattr(hasher, name)}"
    for name in ("iterations", "time_cost", "memory_cost", "parallelism")
    if hasattr(hasher, name)
)
print(
    f"password hasher {hasher.algorithm} ({settings_of_hasher}): one hash "
    f"{min(hashes) * 1000:.0f} ms (best of 5)",
    flush=True,
)

readers = []
for username, pages in PAGES.items():
    client = Client()
    client.force_login(User.objects.get(username=username))
    shown = []
    for url in pages:
        response = client.get(url)
        if response.status_code == 302:  # the home page sends each person to their own start page
            url = response["Location"]
            response = client.get(url)
        if response.status_code == 200:
            shown.append(url)
    readers.append({"session": client.cookies[settings.SESSION_COOKIE_NAME].value, "pages": shown})
    print(f"  {username} reads {', '.join(shown)}", flush=True)
folder = Path(tempfile.mkdtemp(prefix="tellonce-serving-"))
users_file = folder / "users.json"
users_file.write_text(
    json.dumps(
        {
            "cookie": settings.SESSION_COOKIE_NAME,
            "readers": readers,
            "sign_in": {"username": "parent", "password": DEMO_PASSWORD},
        }
    )
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer within 60 seconds")


def p95_of(rows: list[dict]) -> str:
    return ", ".join(f"{row['Name']} {row['95%']} ms" for row in rows)


CHOSEN = [int(n) for n in os.environ.get("BENCH_CONFIGURATIONS", "1,2").split(",")]
print(
    f"{USERS} users, readers waiting {WAIT.replace(',', ' to ')} s between pages, {SECONDS} s a run",
    flush=True,
)
for run, (label, options) in enumerate(CONFIGURATIONS):
    if run not in CHOSEN:
        continue
    port = free_port()
    server = subprocess.Popen(
        [*GUNICORN, *options, "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=SERVER_ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(port)
        prefix = folder / f"run{run}"
        subprocess.run(
            [
                LOCUST, "-f", str(ROOT / "bench" / "locustfile.py"), "--headless", "--only-summary",
                "-u", str(USERS), "-r", str(max(USERS // 10, 1)), "-t", f"{SECONDS}s",
                "--host", f"http://127.0.0.1:{port}", "--csv", str(prefix), "--exit-code-on-error", "0",
            ],
            env=SERVER_ENV | {"SERVING_USERS": str(users_file), "SERVING_WAIT": WAIT},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=SECONDS + 120,
            check=True,
        )  # fmt: skip
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    with open(f"{prefix}_stats.csv") as stats:
        rows = list(csv.DictReader(stats))
    whole = next(row for row in rows if row["Name"] == "Aggregated")
    signing = [row for row in rows if row["Name"].startswith("sign-in")]
    pages = [row for row in rows if row["Name"] != "Aggregated" and row not in signing]
    print(
        f"{label}: {whole['Request Count']} requests, {whole['Failure Count']} errors, "
        f"{float(whole['Requests/s']):.1f} a second; p95 of everything {whole['95%']} ms, median {whole['50%']} ms",
        flush=True,
    )
    print(f"  pages read while others sign in (p95): {p95_of(pages)}", flush=True)
    print(f"  signing in (p95): {p95_of(signing)}", flush=True)
