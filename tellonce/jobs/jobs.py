"""The jobs this app runs itself: the database's housekeeping."""

from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tellonce.core.db import refresh_stale_statistics
from tellonce.jobs import prepared
from tellonce.jobs.models import WorkerHeartbeat
from tellonce.jobs.schedule import Counts, every_day

DEAD_LETTER_KEPT = timedelta(days=30)


@every_day(
    "refresh-statistics",
    at="02:30",
    description="Tells PostgreSQL's query planner how big the tables it misjudges are now",
)
def refresh_statistics(day: date) -> Counts:
    return {"tables analysed": len(refresh_stale_statistics())}


@every_day(
    "delete-finished-tasks",
    at="03:00",
    description="Deletes tasks done more than TELLONCE_TASK_KEEP_DAYS ago (an e-mail's address and text), "
    "tasks that failed every try more than 30 days ago with their dead letters, and workers silent for a week",
)
def delete_finished_tasks(day: date) -> Counts:
    now = timezone.now()
    keep = timedelta(days=settings.TELLONCE_TASK_KEEP_DAYS)
    done, _ = DBTaskResult.objects.filter(status="SUCCESSFUL", finished_at__lt=now - keep).delete()
    failed, _ = DBTaskResult.objects.filter(
        status="FAILED", finished_at__lt=now - max(keep, DEAD_LETTER_KEPT)
    ).delete()
    silent, _ = WorkerHeartbeat.objects.filter(beat_at__lt=now - timedelta(days=7)).delete()
    return {"tasks deleted": done, "failed tasks deleted": failed, "silent workers forgotten": silent}


@every_day(
    "delete-expired-files",
    at="03:05",
    description="Deletes the prepared files (exports, large documents, imports' results) and uploaded "
    "files waiting to be read that are older than TELLONCE_PREPARED_FILE_HOURS",
)
def delete_expired_files(day: date) -> Counts:
    return {"files deleted": prepared.delete_expired(timezone.now())}
