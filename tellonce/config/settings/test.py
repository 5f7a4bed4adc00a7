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
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": VAR_DIR / "test.sqlite3"}}
# Playwright's sync API runs an event loop in the test thread; the ORM is still used synchronously there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
