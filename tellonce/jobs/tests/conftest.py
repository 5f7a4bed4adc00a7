import signal

import pytest

from tellonce.jobs.tests import tasks


@pytest.fixture
def queued(settings):
    """Tasks kept in the database for the worker, e-mail queued and delivered to Django's outbox."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MAILERS = {
        "default": {"BACKEND": "tellonce.jobs.mail.QueuedEmailBackend"},
        "deliver": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
    }
    settings.TELLONCE_TASK_ATTEMPTS = 4
    settings.TELLONCE_TASK_RETRY_SECONDS = 30
    tasks.CALLS.clear()
    before = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    yield settings
    signal.signal(signal.SIGTERM, before[0])
    signal.signal(signal.SIGINT, before[1])
