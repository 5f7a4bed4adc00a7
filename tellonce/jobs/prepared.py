"""Files prepared off the request (ADR 70, docs/worker.md): large documents, exports and imports.

An app registers a *producer* by name at its AppConfig.ready (`register(Producer(...))`). A page asks
for a file with `request_file`, which keeps a `PreparedFile` (queued) and queues the task
`prepare_file`; the person is sent to its page, which refreshes itself until the file is ready.
The worker runs the producer, which writes the file (or reads the uploaded one) and says what it
did; the worker's retries and dead letters apply as to any task.

A producer raises `CannotPrepare("plain English")` when the file cannot be made and trying again
will not mend it (a GIAS file with errors): the page shows the reason and its problems, and the
task is done (no retry, no dead letter: nobody but the person who asked need act). Any other exception is retried; after the last try the page says the file could not be prepared and
the administrator sees the dead letter."""

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import IO, Any

from django.conf import settings
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.tasks import TaskContext, task
from django.utils import timezone

from tellonce.accounts.actors import Actor, Channel
from tellonce.accounts.policy import Capability, require_capability
from tellonce.jobs.apps import uses_worker
from tellonce.jobs.models import PreparedFile
from tellonce.jobs.retry import gives_up

FAILED_UNEXPECTEDLY = (
    "Something went wrong while preparing this file and it could not be finished. "
    "The administrator has been told. You can ask for it again."
)


class CannotPrepare(Exception):
    """The file cannot be made, for a reason the person who asked can read and act on."""

    def __init__(self, reason: str, *, problems: list[str] | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.problems = problems or []


@dataclass
class Made:
    """What a producer did: the file's name and type (none for an import), and lines for the page."""

    filename: str = ""
    content_type: str = ""
    outcome: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Producer:
    name: str
    # The capability the person needs, when they ask and again when they download.
    capability: Capability
    # Writes the file into `out` (a temporary file) from the PreparedFile's parameters and upload.
    make: Callable[[PreparedFile, IO[bytes]], Made]
    # Who is told what, when a page shows or hands over a file about a child (the access log):
    # called with the request and the file. Apps below the audit app cannot log it themselves.
    shown: Callable[[Any, PreparedFile], None] | None = None
    downloaded: Callable[[Any, PreparedFile], None] | None = None
    # Where "Back" goes from the file's page (a URL name and its arguments from the file).
    back: Callable[[PreparedFile], str] | None = None


PRODUCERS: dict[str, Producer] = {}


def register(producer: Producer) -> Producer:
    if producer.name in PRODUCERS and PRODUCERS[producer.name] != producer:
        raise ValueError(f"Two producers of prepared files are called {producer.name}")
    PRODUCERS[producer.name] = producer
    return producer


def hours_kept() -> timedelta:
    return timedelta(hours=settings.TELLONCE_PREPARED_FILE_HOURS)


def request_file(
    kind: str,
    *,
    by: Actor,
    council_id: int | None,
    title: str,
    child: Any = None,
    parameters: dict[str, Any] | None = None,
    upload: UploadedFile | None = None,
) -> PreparedFile:
    """Keeps the request for a file and queues its preparation (inline when tasks run in the request)."""
    producer = PRODUCERS[kind]
    require_capability(by.user, producer.capability)
    now = timezone.now()
    with transaction.atomic():
        prepared = PreparedFile(
            kind=kind,
            title=title[:200],
            requested_by=by.user,
            council_id=council_id,
            child=child,
            parameters=parameters or {},
            asked_through={"channel": by.channel, "via": by.via, "relationship": by.relationship},
            created_at=now,
            expires_at=now + hours_kept(),
        )
        if upload is not None:
            upload.seek(0)
            prepared.upload.save("upload", upload, save=False)
        prepared.save()
        job = {"council": prepared.council.code if prepared.council else "", "file": str(prepared.pk)}
        if uses_worker():
            prepare_file.enqueue(job)
    if not uses_worker():
        prepare_file.enqueue(job)
        prepared.refresh_from_db()
    return prepared


def actor_of(prepared: PreparedFile) -> Actor:
    """The person who asked, acting through the page they asked on: for the services a producer
    calls (an import's writes are theirs in the audit, as when it ran in the request)."""
    asked = prepared.asked_through
    return Actor(
        user=prepared.requested_by,
        channel=Channel(asked.get("channel", Channel.WEB)),
        via=asked.get("via", ""),
        relationship=asked.get("relationship", ""),
    )


def _mark(prepared: PreparedFile, **values: Any) -> None:
    for name, value in values.items():
        setattr(prepared, name, value)
    PreparedFile.objects.filter(pk=prepared.pk).update(**values)


@task(takes_context=True)
def prepare_file(context: TaskContext, job: dict[str, str]) -> str:
    """Runs the file's producer; the first argument carries the council, as for an e-mail, so a
    dead letter is shown to that council's administrators only."""
    prepared = PreparedFile.objects.filter(pk=job["file"]).first()
    if prepared is None or prepared.finished:
        return "nothing to do"  # deleted, expired, or done by an earlier try
    _mark(prepared, status=PreparedFile.Status.RUNNING)
    try:
        with tempfile.TemporaryFile() as out:
            made = PRODUCERS[prepared.kind].make(prepared, out)
            _finish(prepared, made, out)
    except CannotPrepare as refused:  # answered: the person reads why, nobody else need act
        _failed(prepared, refused.reason, refused.problems)
    except Exception as error:
        last = not uses_worker() or gives_up(context.attempt, error)
        if last:
            _failed(prepared, FAILED_UNEXPECTEDLY, [])
        else:
            _mark(prepared, status=PreparedFile.Status.QUEUED)
        raise
    delete_expired(timezone.now())  # besides the daily job: a busy day's files go as they expire
    return prepared.status


def _finish(prepared: PreparedFile, made: Made, out: IO[bytes]) -> None:
    values: dict[str, Any] = {"outcome": made.outcome, "finished_at": timezone.now()}
    if made.filename:
        size = out.tell()
        out.seek(0)
        prepared.file.save(made.filename, File(out), save=False)
        values |= {"file": prepared.file.name, "filename": made.filename, "size": size}
        values["content_type"] = made.content_type
    if prepared.upload:
        prepared.upload.delete(save=False)  # read: no longer needed
        values["upload"] = ""
    _mark(prepared, status=PreparedFile.Status.READY, **values)


def _failed(prepared: PreparedFile, reason: str, problems: list[str]) -> None:
    if prepared.upload:
        prepared.upload.delete(save=False)
    _mark(
        prepared,
        status=PreparedFile.Status.FAILED,
        failure=reason[:500],
        outcome=problems,
        upload="",
        finished_at=timezone.now(),
    )


def delete_expired(now: Any) -> int:
    """Deletes the files (and what was uploaded) past their time, and their rows."""
    expired = PreparedFile.objects.filter(expires_at__lte=now)
    count = 0
    for prepared in expired.iterator():
        for stored in (prepared.file, prepared.upload):
            if stored:
                stored.delete(save=False)
        prepared.delete()
        count += 1
    return count
