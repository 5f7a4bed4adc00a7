"""How long a failed task waits before its next try, and when it stops trying (docs/worker.md)."""

from datetime import timedelta

from django.conf import settings

LONGEST_WAIT = timedelta(hours=1)


class Permanent(Exception):
    """Raised by a task whose failure no retry will mend (an address Notify refuses): it goes
    straight to the dead letters."""


def wait_after(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failed try: TELLONCE_TASK_RETRY_SECONDS, doubling, at most an hour."""
    seconds = settings.TELLONCE_TASK_RETRY_SECONDS * 2 ** max(attempts - 1, 0)
    return min(timedelta(seconds=seconds), LONGEST_WAIT)


def gives_up(attempts: int, error: BaseException) -> bool:
    return isinstance(error, Permanent) or attempts >= settings.TELLONCE_TASK_ATTEMPTS
