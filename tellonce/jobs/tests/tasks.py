"""Tasks for the worker's tests: one that fails a given number of times, one that cannot succeed."""

import os
import signal

from django.tasks import task

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
