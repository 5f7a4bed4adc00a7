"""What the worker leaves behind for the administrator: its heartbeat, each scheduled run, and the
tasks that failed every try (docs/worker.md). None holds personal data: a dead letter names the task,
not its arguments (an e-mail's address and text stay in the task's own row, deleted after
TELLONCE_TASK_KEEP_DAYS). A prepared file is one person's, and may be about one child."""

import uuid
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone


class WorkerHeartbeat(models.Model):
    """One row per worker process, written every time it looks for work."""

    worker_id = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    beat_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.host} ({self.pid})"


class JobRun(models.Model):
    """One run of a scheduled job. (job, due_on) is unique, so of two workers only one runs it."""

    class Outcome(models.TextChoices):
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"

    job = models.CharField(max_length=64)
    due_on = models.DateField()
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, default=Outcome.RUNNING)
    counts = models.JSONField(default=dict)
    error = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-started_at"]
        constraints = [models.UniqueConstraint(fields=["job", "due_on"], name="one_run_of_a_job_a_day")]

    def __str__(self) -> str:
        return f"{self.job} {self.due_on}"


class DeadLetterQuerySet(models.QuerySet):
    def visible_to(self, user: object) -> "DeadLetterQuerySet":
        """The administrator's council's, and the installation's (which name no council)."""
        code = user.local_authority.code if getattr(user, "local_authority_id", None) else None
        return self.filter(models.Q(council_code="") | models.Q(council_code=code or "-"))


class DeadLetter(models.Model):
    """A task that failed every try, or failed in a way no retry mends. Retrying it puts the task
    back in the queue as it was."""

    task_result = models.OneToOneField("django_tasks_database.DBTaskResult", on_delete=models.CASCADE)
    task_name = models.CharField(max_length=255)
    # The DfE code of the council whose request queued it; "" for the installation's own work.
    council_code = models.CharField(max_length=3, blank=True)
    attempts = models.PositiveIntegerField()
    error = models.CharField(max_length=255)
    failed_at = models.DateTimeField(db_index=True)
    retried_at = models.DateTimeField(null=True)
    retried_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = DeadLetterQuerySet.as_manager()

    class Meta:
        ordering = ["-failed_at"]

    def __str__(self) -> str:
        return f"{self.task_name} {self.failed_at:%Y-%m-%d %H:%M}"


class PreparedFileQuerySet(models.QuerySet):
    def visible_to(self, user: object) -> "PreparedFileQuerySet":
        """Only the person who asked, and only while they work for the council they asked in."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(requested_by=user, council_id=council_of(user))


def council_of(user: object) -> int | None:
    """The council a user works for (their own, or their school's or team's): as
    organisations.councils.council_id says, which this app sits below and cannot import."""
    if getattr(user, "local_authority_id", None):
        return user.local_authority_id  # type: ignore[attr-defined]
    for organisation in ("setting", "team"):
        if getattr(user, f"{organisation}_id", None):
            return getattr(user, organisation).local_authority_id
    return None


class PreparedFile(models.Model):
    """A file made off the request (an export, a large document) or an uploaded file read off the
    request (an import), for the person who asked (ADR 70, docs/worker.md). The file is kept in the
    private storage, never served by the web server, and deleted after TELLONCE_PREPARED_FILE_HOURS."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being prepared"
        READY = "ready", "Ready"
        FAILED = "failed", "Could not be prepared"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=64)  # the producer's name in prepared.PRODUCERS
    title = models.CharField(max_length=200)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    council = models.ForeignKey(
        "organisations.LocalAuthority", null=True, on_delete=models.CASCADE, related_name="+"
    )
    # The child the file is about, when it is one child's: its pages and download are in their access log.
    child = models.ForeignKey("people.Child", null=True, on_delete=models.CASCADE, related_name="+")
    parameters = models.JSONField(default=dict)
    # How the person asked (the Actor's channel, page and relationship), for the producer's writes.
    asked_through = models.JSONField(default=dict)
    upload = models.FileField(upload_to="prepared/in/%Y/%m/", blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    failure = models.CharField(max_length=500, blank=True)  # plain English, for the person who asked
    outcome = models.JSONField(default=list)  # lines for the page: what an import did, or its problems
    file = models.FileField(upload_to="prepared/out/%Y/%m/", blank=True)
    filename = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True)
    expires_at = models.DateTimeField(db_index=True)

    objects = PreparedFileQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["requested_by", "-created_at"], name="prepared_files_of_a_person")]

    def __str__(self) -> str:
        return self.title

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.READY, self.Status.FAILED)

    def is_expired_at(self, now: datetime) -> bool:
        return now >= self.expires_at
