"""Tests: a fast hasher, in-memory uploads, plain static storage (pytest-django's live_server needs it)."""

import os
import tempfile

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
VAR_DIR = Path(tempfile.mkdtemp(prefix="tellonce-test-"))  # noqa: F405
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir()
if "DATABASE_URL" not in os.environ:
    # A file, not Django's default in-memory test database, so the browser tests' live server threads
    # each open their own connection instead of sharing one across threads.
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "tellonce.sqlite3",
            "TEST": {"NAME": str(VAR_DIR / "test.sqlite3")},
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA busy_timeout=5000;"},
        }
    }
# Playwright's sync API runs an event loop in the test thread; the ORM is still used synchronously there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# The rate limits are tested with their own numbers (local_offer/tests/test_public_limits.py);
# elsewhere many requests from one test address must not be refused.
TELLONCE_RATE_FORMS = TELLONCE_RATE_SEARCH = TELLONCE_RATE_API = 1_000_000

# Each test process keeps its own cache (the database cache is tested in core/tests/test_cache.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Every test counts the dashboard's figures afresh.
TELLONCE_PARTNERSHIP_CACHE_SECONDS = 0
# Tasks run as they are enqueued; the worker's own tests switch to the database backend.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
