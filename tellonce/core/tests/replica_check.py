"""Run by test_replica.py in a process of its own, with DATABASE_URL naming a primary and
TELLONCE_REPLICA_DATABASE_URL its streaming replica (the primary holds the migrated schema): builds the tests' area,
waits for the replica to hold it, reads two reporting pages as the manager and writes inside a
request, and prints (as JSON on its last line) which database answered each query."""

import json
import time

import django

django.setup()

from django.db import connections  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from tellonce.accounts.models import User  # noqa: E402
from tellonce.conftest import build_area  # noqa: E402
from tellonce.core.replica import RequestWrites, reporting  # noqa: E402
from tellonce.organisations.models import LocalAuthority  # noqa: E402
from tellonce.people.models import Child  # noqa: E402

PAGES = ["/partnership/", "/reviews/timeliness/"]


def in_recovery(alias: str) -> bool:
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        return cursor.fetchone()[0]


def wait_for_replica(user: User) -> None:
    deadline = time.monotonic() + 30
    while True:
        with connections["replica"].cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {User._meta.db_table} WHERE id = %s", [user.pk])
            if cursor.fetchone()[0]:
                return
        if time.monotonic() > deadline:
            raise SystemExit("The replica did not receive the primary's rows within 30 seconds")
        time.sleep(0.05)


def captured(action) -> tuple[object, dict[str, list[str]]]:
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        result = action()
    return result, {"primary": [q["sql"] for q in primary], "replica": [q["sql"] for q in replica]}


area = build_area()
manager = area.users["manager"]
wait_for_replica(manager)

client = Client()
client.force_login(manager)
pages = {}
for url in PAGES:
    response, queries = captured(lambda url=url: client.get(url))
    pages[url] = {"status": response.status_code, **queries}


def writes_then_reads(request):
    with reporting():
        Child.objects.filter(local_authority=manager.local_authority).count()
        LocalAuthority.objects.create(name="Southbridge Council", code="998")
        LocalAuthority.objects.filter(code="998").count()
    return HttpResponse()


_, written = captured(lambda: RequestWrites(writes_then_reads)(RequestFactory().get("/")))
print(
    json.dumps(
        {
            "standby": {alias: in_recovery(alias) for alias in ("default", "replica")},
            "pages": pages,
            "request that writes": written,
        }
    )
)
