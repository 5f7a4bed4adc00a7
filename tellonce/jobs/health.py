"""The worker's part of /readyz: a check with the signature of tellonce.operations.health.CHECKS."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from tellonce.jobs.models import WorkerHeartbeat


def worker_heartbeat_check() -> tuple[str, bool, str]:
    """("worker", ok, detail): ok when some worker reported within TELLONCE_WORKER_HEARTBEAT_MINUTES."""
    minutes = getattr(settings, "TELLONCE_WORKER_HEARTBEAT_MINUTES", 5)
    latest = WorkerHeartbeat.objects.order_by("-beat_at").values_list("beat_at", flat=True).first()
    if latest is None:
        return ("worker", False, "no worker has reported: is `tellonce worker` running?")
    age = timezone.now() - latest
    seconds = int(age.total_seconds())
    if age > timedelta(minutes=minutes):
        return ("worker", False, f"last reported {seconds} seconds ago (allowed {minutes} minutes)")
    return ("worker", True, f"last reported {seconds} seconds ago")
