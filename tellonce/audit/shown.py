"""The children a response shows, logged once per response.

A page or API operation says which children it shows (`shown` for one child's page, `listed`
for a list, `exported` for a download); the `AccessLog` middleware keeps them on the request and
writes them in one bulk insert when the response goes out, and only if it went out (a refused or
failed request showed nothing), leaving out what the view already wrote itself (`record_read` and
the like, which say so to `written_in_this_request`). Outside a request that passed the middleware (a test's bare
request), the events are written at once. Each event says why it was allowed: the scope of the
policy the view's capability gave the user (accounts.policy), as `Actor.of` carries it."""

from collections.abc import Callable, Iterable
from typing import Any

from django.http import HttpRequest, HttpResponse

from tellonce.accounts.actors import Actor
from tellonce.audit.models import AccessEvent, Action
from tellonce.audit.services import Written, unsaved_events, written_in_this_request
from tellonce.core.council_key import fill_councils


def shown(request: Any, child: Any, *, what: str = "Viewed the record") -> None:
    _keep(request, [child], Action.READ, what)


def listed(request: Any, children: Iterable[Any], *, what: str = "Shown in a list") -> None:
    """The children a list shows: rows of Child, or their ids where the page reads only values."""
    _keep(request, children, Action.LISTED, what)


def exported(request: Any, children: Iterable[Any], *, what: str = "Downloaded") -> None:
    _keep(request, children, Action.EXPORT, what)


def _keep(request: Any, children: Iterable[Any], action: Action, what: str) -> None:
    children = list(children)
    # The council's key from the rows shown (ADR 80); for ids only, one look-up when written
    councils = {c.pk: c.local_authority_id for c in children if hasattr(c, "local_authority_id")}
    ids = (getattr(child, "pk", child) for child in children)
    events = unsaved_events(Actor.of(request), ids, action, what, councils)
    pending = getattr(request, "access_log", None)
    if pending is None:
        AccessEvent.objects.bulk_create(fill_councils(events))
    else:
        pending.extend(events)


class AccessLog:
    """Writes the children each response showed, in one insert, as the response goes out."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        pending: list[AccessEvent] = []
        request.access_log = pending  # type: ignore[attr-defined]
        with written_in_this_request() as written:
            response = self.get_response(request)
            if pending and response.status_code < 400:
                AccessEvent.objects.bulk_create(fill_councils(_once(pending, written)))
        return response


def _once(pending: list[AccessEvent], written: Written) -> list[AccessEvent]:
    """One event a child and action, leaving out those the view already wrote itself
    (`record_read` and the like) during this request."""
    once = set(written)
    kept = []
    for event in pending:
        key = (event.child_id, event.action)
        if key not in once:
            once.add(key)
            kept.append(event)
    return kept
