"""Tasks for the worker's tests: one that fails a given number of times, one that cannot succeed;
producers of prepared files that succeed, fail and refuse."""

import os
import signal

from django.tasks import task

from tellonce.accounts.policy import Capability
from tellonce.jobs.prepared import CannotPrepare, Made, Producer, register
from tellonce.jobs.retry import Permanent

CALLS: list[str] = []


@task()
def flaky(name: str, failures: int) -> str:
    CALLS.append(name)
    if CALLS.count(name) <= failures:
        raise ConnectionError(f"{name}: the service did not answer")
    return name


@task()
def refused(name: str) -> None:
    CALLS.append(name)
    raise Permanent("the address is not one Notify accepts")


@task()
def stopped_midway(name: str) -> str:
    """Asks the worker to stop while it works, as systemd does with SIGTERM."""
    CALLS.append(name)
    os.kill(os.getpid(), signal.SIGTERM)
    return name


# Producers of prepared files for the tests: a small report, one that always fails, one that refuses.
def _report(prepared, out):
    CALLS.append("report")
    out.write(b"name,count\n" + f"{prepared.parameters.get('name', 'all')},3\n".encode())
    return Made(filename="report.csv", content_type="text/csv", outcome=["3 rows."])


def _broken(prepared, out):
    CALLS.append("broken")
    raise ConnectionError("the disk was not there")


def _refusing(prepared, out):
    CALLS.append("refusing")
    raise CannotPrepare("The file has mistakes.", problems=["Row 2: the URN is missing."])


for _name, _make in (("test-report", _report), ("test-broken", _broken), ("test-refusing", _refusing)):
    register(Producer(name=_name, capability=Capability.WATCH_BACKGROUND_WORK, make=_make))
