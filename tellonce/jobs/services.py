"""The one write a person makes here: putting a dead letter back in the queue."""

from datetime import date

from django.db import transaction
from django.tasks.base import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import get_date_max

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, require_capability
from tellonce.core.refusals import InvalidStep
from tellonce.jobs.models import DeadLetter


def retry_dead_letter(letter_id: int, *, by: Actor, today: date) -> DeadLetter:
    """Queues the task again with all its tries; refused when it has been retried already."""
    require_capability(by.user, Capability.WATCH_BACKGROUND_WORK)
    with transaction.atomic():
        letter = DeadLetter.objects.select_for_update().select_related("task_result").get(pk=letter_id)
        if letter.retried_at is not None:
            raise InvalidStep(["This task has already been put back in the queue."])
        row = letter.task_result
        row.status = TaskResultStatus.READY
        row.run_after = get_date_max()
        row.worker_ids = []
        row.finished_at = None
        row.save(update_fields=["status", "run_after", "worker_ids", "finished_at"])
        letter.retried_at = timezone.now()
        letter.retried_by = by.user
        letter.save(update_fields=["retried_at", "retried_by"])
    return letter
