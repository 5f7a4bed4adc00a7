"""The demo's background work: a fortnight of the scheduled jobs' runs, one of them failed, and a
dead letter, an e-mail Notify refused, for the administrator's Background work page; and the
administrator's prepared files."""

import random
import tempfile
from datetime import UTC, datetime, timedelta

from django.core.files import File
from django.tasks.base import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tellonce.demo.steps import DemoArea, Progress, demo_step
from tellonce.jobs import schedule
from tellonce.jobs.models import DeadLetter, JobRun, PreparedFile
from tellonce.jobs.prepared import hours_kept
from tellonce.jobs.schedule import UK
from tellonce.records.prepared import SUBJECT_ACCESS
from tellonce.records.prepared import producer as records_producer


@demo_step(name="background work", order=900)
def add_background_work(area: DemoArea, rng: random.Random, progress: Progress) -> None:
    jobs = schedule.discover()
    runs = []
    for days_ago in range(14, 0, -1):
        day = area.today - timedelta(days=days_ago)
        for job in jobs.values():
            started = datetime.combine(day, job.at, tzinfo=UK) + timedelta(seconds=rng.randint(1, 50))
            failed = job.name == "send-listing-reminders" and days_ago == 9
            runs.append(
                JobRun(
                    job=job.name,
                    due_on=day,
                    started_at=started,
                    finished_at=started + timedelta(seconds=rng.randint(1, 40)),
                    outcome=JobRun.Outcome.FAILED if failed else JobRun.Outcome.SUCCEEDED,
                    error="OperationalError: could not connect to server" if failed else "",
                    counts={} if failed else _counts(job.name, area.local_authority.code, rng),
                )
            )
    JobRun.objects.bulk_create(runs)
    failed_at = datetime.combine(area.today - timedelta(days=2), datetime.min.time(), tzinfo=UTC)
    task = DBTaskResult.objects.create(
        args_kwargs={
            "args": [{"to": "no-such-person@example.invalid", "subject": "Advice is overdue"}],
            "kwargs": {},
        },
        task_path="tellonce.jobs.mail.deliver_email",
        backend_name="default",
        run_after=failed_at,
        status=TaskResultStatus.FAILED,
        started_at=failed_at,
        finished_at=failed_at,
        worker_ids=["demo"],
        exception_class_path="tellonce.jobs.retry.Permanent",
        traceback="",
    )
    DeadLetter.objects.create(
        task_result=task,
        task_name="deliver_email",
        council_code=area.local_authority.code,
        attempts=1,
        error="tellonce.jobs.retry.Permanent: Refused: HTTPError",
        failed_at=failed_at + timedelta(hours=7, minutes=3),
    )
    progress.say(f"background work: {len(runs)} scheduled runs, 1 dead letter")


def _counts(name: str, council: str, rng: random.Random) -> dict[str, int]:
    match name:
        case "send-advice-reminders" | "send-listing-reminders":
            return {"sent": rng.randint(0, 12), "without an address": rng.randint(0, 2)}
        case "send-overdue-digest":
            return {"sent": rng.randint(3, 9)}
        case "retention-report":
            return {"due for disposal": rng.randint(0, 40), "councils": 1}
        case "refresh-statistics":
            return {"tables analysed": rng.randint(0, 3)}
        case _:
            return {"tasks deleted": rng.randint(20, 200)}


@demo_step(name="prepared files", order=905)
def add_prepared_files(area: DemoArea, rng: random.Random, progress: Progress) -> None:
    """The administrator's files: a subject access export made off the request (as the worker makes
    it: the ZIP is real) and a GIAS file that could not be loaded, with its problems."""
    admin = area.staff["admin"]
    child = next(child for child in area.children if child.plans.exists())
    now = timezone.now()
    export = PreparedFile(
        kind=SUBJECT_ACCESS,
        title=f"Everything held about {child.full_name}",
        requested_by=admin,
        council=area.local_authority,
        child=child,
        created_at=now - timedelta(minutes=12),
        expires_at=now - timedelta(minutes=12) + hours_kept(),
    )
    with tempfile.TemporaryFile() as out:
        made = records_producer.make(export, out)
        size = out.tell()
        out.seek(0)
        export.file.save(made.filename, File(out), save=False)
    export.status, export.filename, export.size = PreparedFile.Status.READY, made.filename, size
    export.content_type, export.outcome, export.finished_at = made.content_type, made.outcome, now
    export.save()
    PreparedFile.objects.create(
        kind="gias-upload",
        title="Settings from a GIAS establishment file",
        requested_by=admin,
        council=area.local_authority,
        status=PreparedFile.Status.FAILED,
        failure="The file was not loaded: nothing has changed. Put right the problems below and upload it again.",
        outcome=["Row 14: the URN is missing.", "Row 31: the postcode is not a UK postcode."],
        created_at=now - timedelta(hours=3),
        finished_at=now - timedelta(hours=3),
        expires_at=now - timedelta(hours=3) + hours_kept(),
    )
    progress.say("prepared files: a subject access export and a GIAS file with problems")
