"""Numbers for Prometheus (tellonce.operations exposes them): the queue and what failed."""

from django.db.models import Count, Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from tellonce.jobs.models import DeadLetter, JobRun


def collect() -> dict[str, int]:
    """tellonce_jobs_<name> at /metrics: ready (queue depth), waiting to be retried, running, failed (ever,
    still kept), dead letters not yet retried, and scheduled runs that failed."""
    now, never = timezone.now(), get_date_max()
    ready = Q(status="READY")
    tasks = DBTaskResult.objects.aggregate(
        queue_depth=Count("id", filter=ready & (Q(run_after=never) | Q(run_after__lte=now))),
        retrying=Count("id", filter=ready & Q(run_after__gt=now) & ~Q(run_after=never)),
        running=Count("id", filter=Q(status="RUNNING")),
        failed=Count("id", filter=Q(status="FAILED")),
    )
    return {
        **{name: int(value) for name, value in tasks.items()},
        "dead_letters": DeadLetter.objects.filter(retried_at__isnull=True).count(),
        "failed_scheduled_runs": JobRun.objects.filter(outcome=JobRun.Outcome.FAILED).count(),
    }
