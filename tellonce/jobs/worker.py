"""The worker (`tellonce worker`): takes queued tasks from the database one at a time, retries a
failed one with back-off, moves one that failed every try to the dead letters, runs the scheduled
jobs as they come due and writes its heartbeat. SIGTERM or SIGINT lets the task in hand finish.

It stands on django-tasks-db's queue table and its claiming (SELECT ... FOR UPDATE SKIP LOCKED on
PostgreSQL, an exclusive transaction on SQLite), so several workers may run side by side."""

import logging
import os
import signal
import socket
import threading
from datetime import datetime, timedelta
from traceback import format_exception
from types import FrameType

from django.db import OperationalError, close_old_connections, connection
from django.tasks import TaskContext, task_backends
from django.tasks.base import TaskResultStatus
from django.tasks.signals import task_finished, task_started
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from tellonce.jobs import schedule
from tellonce.jobs.models import DeadLetter, WorkerHeartbeat
from tellonce.jobs.retry import gives_up, wait_after

logger = logging.getLogger(__name__)
LOOK_EVERY = timedelta(seconds=30)


def _error(error: BaseException) -> str:
    return f"{type(error).__module__}.{type(error).__qualname__}: {error}"[:255]


def _council_of(row: DBTaskResult) -> str:
    args = row.args_kwargs.get("args") or [{}]
    first = args[0] if isinstance(args[0], dict) else {}
    return str(first.get("council", ""))[:3]


class Worker:
    def __init__(self, *, interval: float = 1.0, worker_id: str = "", backend: str = "default") -> None:
        self.interval = interval
        self.worker_id = worker_id or get_random_string(32)
        self.backend = backend
        self.started_at = timezone.now()
        self.stopping = threading.Event()
        self.looked_at: datetime | None = None

    # Signals -----------------------------------------------------------------------------------
    def stop(self, signum: int, frame: FrameType | None) -> None:
        logger.warning("Received %s: stopping after the task in hand", signal.strsignal(signum))
        self.stopping.set()

    def handle_signals(self) -> None:
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)

    # The loop ----------------------------------------------------------------------------------
    def run(self, *, once: bool = False) -> int:
        """Works until stopped; with once, until the queue has nothing ready. Returns tasks run."""
        done = 0
        while not self.stopping.is_set():
            if not connection.in_atomic_block:  # a test's transaction: keep it open
                close_old_connections()
            now = timezone.now()
            if self.looked_at is None or now - self.looked_at >= LOOK_EVERY:
                self.looked_at = now  # the heartbeat and the schedule, twice a minute at most
                self.beat()
                schedule.run_due(now)
            ran = self.run_one()
            done += ran
            if once and not ran:
                break
            if not ran:
                self.stopping.wait(self.interval)
        return done

    def beat(self) -> None:
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={
                "host": socket.gethostname()[:255],
                "pid": os.getpid(),
                "started_at": self.started_at,
                "beat_at": timezone.now(),
            },
        )

    def claim(self) -> DBTaskResult | None:
        ready = DBTaskResult.objects.ready().filter(backend_name=self.backend)
        with exclusive_transaction(ready.db):
            try:
                result = ready.get_locked()
            except OperationalError as error:
                if is_locked_database_exception(error):
                    return None
                raise
            if result is not None:
                result.claim(self.worker_id)
            return result

    def run_one(self) -> int:
        result = self.claim()
        if result is None:
            return 0
        self.run_task(result)
        return 1

    def run_task(self, row: DBTaskResult) -> None:
        try:
            task = row.task
            backend = type(task.get_backend())
            task_result = row.task_result
            task_started.send(sender=backend, task_result=task_result)
            args, kwargs = task_result.args, task_result.kwargs
            if task.takes_context:
                value = task.call(TaskContext(task_result=task_result), *args, **kwargs)
            else:
                value = task.call(*args, **kwargs)
            row.set_successful(value)
            task_finished.send(sender=backend, task_result=row.task_result)
        except Exception as error:
            self.failed(row, error)

    def failed(self, row: DBTaskResult, error: Exception) -> None:
        attempts = len(row.worker_ids)
        if not gives_up(attempts, error):
            wait = wait_after(attempts)
            logger.warning("Task %s failed (try %d); trying again in %s", row.task_path, attempts, wait)
            row.status = TaskResultStatus.READY
            row.run_after = timezone.now() + wait
            row.exception_class_path = f"{type(error).__module__}.{type(error).__qualname__}"
            row.traceback = "".join(format_exception(error))
            row.save(update_fields=["status", "run_after", "exception_class_path", "traceback"])
            return
        logger.error("Task %s failed %d times: now a dead letter", row.task_path, attempts)
        row.set_failed(error)
        DeadLetter.objects.update_or_create(
            task_result=row,
            defaults={
                "task_name": row.task_name[:255],
                "council_code": _council_of(row),
                "attempts": attempts,
                "error": _error(error),
                "failed_at": timezone.now(),
                "retried_at": None,
                "retried_by": None,
            },
        )


def database_backend_in_use(backend: str = "default") -> bool:
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(task_backends[backend], DatabaseBackend)
