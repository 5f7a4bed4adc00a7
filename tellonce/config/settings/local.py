"""The embedded SQLite demo on a laptop or a council's test server."""

import os

from .base import *  # noqa: F403
from .base import STATIC_ROOT, VAR_DIR

VAR_DIR.mkdir(parents=True, exist_ok=True)
STATIC_ROOT.mkdir(exist_ok=True)

# On a laptop no worker runs: tasks (e-mail to the console) run in the request, as they did,
# unless TELLONCE_TASKS=database is set to try `tellonce worker` (docs/worker.md).
if "TELLONCE_TASKS" not in os.environ:
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
