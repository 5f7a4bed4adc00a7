"""What the worker leaves behind for the administrator: its heartbeat, each scheduled run, and the
tasks that failed every try (docs/worker.md). None holds personal data: a dead letter names the task,
not its arguments (an e-mail's address and text stay in the task's own row, deleted after
TELLONCE_TASK_KEEP_DAYS)."""

from django.conf import settings
from django.db import models


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
