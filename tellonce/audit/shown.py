"""The children a response shows, logged once per response.

A page or API operation says which children it shows (`shown` for one child's page, `listed`
for a list, `exported` for a download); the `AccessLog` middleware keeps them on the request and
writes them when the response goes out (`insert_events`, one statement a call, ADR 99), and only if it went out (a refused or
failed request showed nothing), leaving out what the view already wrote itself (`record_read` and
the like, which say so to `written_in_this_request`). Outside a request that passed the middleware (a test's bare
request), the events are written at once. Each event says why it was allowed: the scope of the
policy the view's capability gave the user (accounts.policy), as `Actor.of` carries it."""

from collections.abc import Callable, Iterable, Iterator
from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse

from tellonce.accounts.actors import Actor
from tellonce.audit.models import Action
from tellonce.audit.services import Written, actor_columns, insert_events, written_in_this_request

# What a response showed, as each call named it: the event's columns (the actor, the action and
# why) and the children, in order
Pending = list[tuple[dict[str, Any], list[UUID]]]


def shown(request: Any, child: Any, *, what: str = "Viewed the record") -> None:
    _keep(request, [child], Action.READ, what)


def listed(request: Any, children: Iterable[Any], *, what: str = "Shown in a list") -> None:
    """The children a list shows: rows of Child, or their ids where the page reads only values."""
    _keep(request, children, Action.LISTED, what)


def exported(request: Any, children: Iterable[Any], *, what: str = "Downloaded") -> None:
    _keep(request, children, Action.EXPORT, what)


def _keep(request: Any, children: Iterable[Any], action: Action, what: str) -> None:
    columns = actor_columns(Actor.of(request), action, what)
    ids = [getattr(child, "pk", child) for child in children]
    pending = getattr(request, "access_log", None)
    if pending is None:
        insert_events(columns, ids)
    else:
        pending.append((columns, ids))


class AccessLog:
    """Writes the children each response showed, each child's council read from its row in the
    same statement (ADR 99), as the response goes out."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        pending: Pending = []
        request.access_log = pending  # type: ignore[attr-defined]
        with written_in_this_request() as written:
            response = self.get_response(request)
            if pending and response.status_code < 400:
                for columns, ids in _once(pending, written):
                    insert_events(columns, ids)
        return response


def _once(pending: Pending, written: Written) -> Iterator[tuple[dict[str, Any], list[UUID]]]:
    """One event a child and action, leaving out those the view already wrote itself
    (`record_read` and the like) during this request."""
    once = set(written)
    for columns, ids in pending:
        kept = []
        for child_id in ids:
            key = (child_id, columns["action"])
            if key not in once:
                once.add(key)
                kept.append(child_id)
        if kept:
            yield columns, kept
