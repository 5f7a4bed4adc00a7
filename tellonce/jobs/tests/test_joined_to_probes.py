"""The worker joined to the service's probes: /readyz asks for its heartbeat when tasks wait for a
worker, and /metrics reads its queue."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tellonce.jobs import health
from tellonce.jobs.apps import uses_worker
from tellonce.jobs.models import WorkerHeartbeat
from tellonce.operations import health as readiness
from tellonce.operations import metrics

pytestmark = pytest.mark.django_db


def test_tasks_run_in_the_request_need_no_worker_and_queued_tasks_do(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    assert not uses_worker()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert uses_worker()


def test_readiness_fails_without_a_recent_heartbeat_once_the_check_is_joined(monkeypatch):
    monkeypatch.setattr(readiness, "CHECKS", [readiness.database, health.worker_heartbeat_check])
    now = timezone.now()
    stale = now - timedelta(hours=1)
    WorkerHeartbeat.objects.create(worker_id="w1", host="web", pid=1, started_at=stale, beat_at=stale)
    ok, checks = readiness.run()
    assert not ok and {c["name"]: c["ok"] for c in checks} == {"database": True, "worker": False}
    WorkerHeartbeat.objects.create(worker_id="w2", host="web", pid=2, started_at=now, beat_at=now)
    ok, _ = readiness.run()
    assert ok


def test_the_metrics_read_the_workers_queue():
    assert metrics.COLLECTORS["jobs"]().keys() >= {"queue_depth", "dead_letters", "failed_scheduled_runs"}
