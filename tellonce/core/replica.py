"""Reporting pages read from a streaming replica (ADR 81, docs/scaling.md).

With `TELLONCE_REPLICA_DATABASE_URL` set, the settings add a `replica` database. Reads go there
only where the code says so, inside `reporting()` (a decorator on the dashboards, timeliness,
partnership and finance pages, or a `with` block), and only while the request has written
nothing: once anything is written (in the request's middleware or the view), its later reads stay
on the primary, so a page never shows figures older than its own write. Every write goes to the
primary, whatever the code says. Without a replica everything reads and writes `default`, as before.

A replica runs a little behind the primary (usually well under a second on the same network):
reporting pages are counts over months, which a second's lag does not change; pages that show a
record someone has just edited never use it.
"""

from collections.abc import Callable
from contextlib import ContextDecorator
from contextvars import ContextVar
from functools import wraps
from typing import Any

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
PRIMARY = "default"


class _Request:
    """What the router knows of the request under way: whether it has written yet."""

    __slots__ = ("wrote",)

    def __init__(self) -> None:
        self.wrote = False


_request: ContextVar[_Request | None] = ContextVar("tellonce_request", default=None)
_reporting: ContextVar[bool] = ContextVar("tellonce_reporting", default=False)


class reporting(ContextDecorator):
    """Reads inside this block (or decorated view) may go to the replica."""

    def _recreate_cm(self) -> "reporting":
        # A fresh one for each call of a decorated view: threads must not share the reset token.
        return reporting()

    def __enter__(self) -> "reporting":
        self._token = _reporting.set(True)
        return self

    def __exit__(self, *exc: object) -> None:
        _reporting.reset(self._token)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def reads_from_replica() -> bool:
    """Whether a read here would go to the replica."""
    if not _reporting.get() or not replica_configured():
        return False
    state = _request.get()
    if state is not None and state.wrote:
        return False
    # Inside a transaction on the primary, a read must see what the transaction wrote.
    return not connections[PRIMARY].in_atomic_block


class ReplicaRouter:
    """DATABASE_ROUTERS: reporting reads to the replica, everything else to the primary."""

    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        return REPLICA if reads_from_replica() else PRIMARY

    def db_for_write(self, model: Any, **hints: Any) -> str:
        state = _request.get()
        if state is not None:
            state.wrote = True
        return PRIMARY

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        # The replica holds the primary's rows: an object read from either may point at the other's.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db != REPLICA


class RequestWrites:
    """Middleware (first in the list): starts each request with nothing written."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request.set(_Request())
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


def reporting_page[**P, R](view: Callable[P, R]) -> Callable[P, R]:
    """A reporting view: a GET (or HEAD) of it reads from the replica; a POST to it (a form that
    writes) reads and writes on the primary, so what it checks before writing is current."""

    @wraps(view)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
        request = args[0]
        if getattr(request, "method", None) in ("GET", "HEAD"):
            with reporting():
                return view(*args, **kwargs)
        return view(*args, **kwargs)

    return wrapped
