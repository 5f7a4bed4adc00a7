"""Scheduled jobs, declared in code by the app that owns each (`tellonce/<app>/jobs.py` calling
`every_day`), found by module name as Django's admin finds admin.py, so this app imports none of
them. The worker runs each once a UK day, at or after its time; a run missed while the worker was
stopped is made up when it starts. Each run is recorded (JobRun)."""

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from tellonce.jobs.models import JobRun

logger = logging.getLogger(__name__)
UK = ZoneInfo("Europe/London")

# A job returns what it counted: {"sent": 3, "without an address": 1}.
Counts = Mapping[str, int]


@dataclass(frozen=True)
class Job:
    name: str
    at: time  # UK time
    run: Callable[[date], Counts]  # given the UK day it runs for
    description: str


JOBS: dict[str, Job] = {}


def every_day(
    name: str, *, at: str, description: str
) -> Callable[[Callable[[date], Counts]], Callable[[date], Counts]]:
    """Declares `name` to run once a day at `at` ("07:00", UK time)."""

    def register(run: Callable[[date], Counts]) -> Callable[[date], Counts]:
        if name in JOBS and JOBS[name].run is not run:
            raise ValueError(f"Two scheduled jobs are called {name}")
        JOBS[name] = Job(name, time.fromisoformat(at), run, description)
        return run

    return register


def discover() -> dict[str, Job]:
    autodiscover_modules("jobs")
    return dict(sorted(JOBS.items(), key=lambda item: (item[1].at, item[0])))


def due(now: datetime) -> list[Job]:
    """The jobs whose time has come today (UK) and which have not yet run today."""
    local = now.astimezone(UK)
    ran = set(JobRun.objects.filter(due_on=local.date()).values_list("job", flat=True))
    return [job for job in discover().values() if job.at <= local.time() and job.name not in ran]


def run(job: Job, *, now: datetime) -> JobRun | None:
    """Runs `job` for today, recorded; None when another worker has it already."""
    day = now.astimezone(UK).date()
    try:
        with transaction.atomic():
            record = JobRun.objects.create(job=job.name, due_on=day, started_at=timezone.now())
    except IntegrityError:
        return None
    try:
        counts = job.run(day)
    except Exception as error:
        logger.exception("Scheduled job %s failed", job.name)
        record.outcome = JobRun.Outcome.FAILED
        record.error = f"{type(error).__name__}: {error}"[:255]
    else:
        record.outcome = JobRun.Outcome.SUCCEEDED
        record.counts = {str(key): int(value) for key, value in counts.items()}
    record.finished_at = timezone.now()
    record.save(update_fields=["outcome", "error", "counts", "finished_at"])
    return record


def run_due(now: datetime) -> list[JobRun]:
    return [record for job in due(now) if (record := run(job, now=now)) is not None]
