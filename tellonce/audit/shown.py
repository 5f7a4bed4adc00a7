"""The children a response shows, logged once per response.

A page or API operation says which children it shows (`shown` for one child's page, `listed`
for a list, `exported` for a download); the `AccessLog` middleware keeps them on the request and
writes them in one bulk insert when the response goes out, and only if it went out (a refused or
failed request showed nothing). Outside a request that passed the middleware (a test's bare
request), the events are written at once. Each event says why it was allowed: the scope of the
policy the view's capability gave the user (accounts.policy), as `Actor.of` carries it."""

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from tellonce.accounts.actors import Actor
from tellonce.audit.models import AccessEvent, Action
from tellonce.audit.services import _event
from tellonce.core.council_key import fill_councils


def shown(request: Any, child: Any, *, what: str = "Viewed the record") -> None:
    _keep(request, [child], Action.READ, what)


def listed(request: Any, children: Iterable[Any], *, what: str = "Shown in a list") -> None:
    """The children a list shows: rows of Child, or their ids where the page reads only values."""
    _keep(request, children, Action.LISTED, what)


def exported(request: Any, children: Iterable[Any], *, what: str = "Downloaded") -> None:
    _keep(request, children, Action.EXPORT, what)


def _keep(request: Any, children: Iterable[Any], action: Action, what: str) -> None:
    # Who, why and how once: the events differ only in their child (a long list logs hundreds).
    template = _event(Actor.of(request), None, action, what)
    fields = {f.attname: getattr(template, f.attname) for f in AccessEvent._meta.concrete_fields}
    for differs in ("id", "child_id", "local_authority_id"):
        fields.pop(differs)
    children = list(children)
    # The council's key from the rows shown (ADR 80); for ids only, one look-up when written
    councils = {c.pk: c.local_authority_id for c in children if hasattr(c, "local_authority_id")}
    events = [
        AccessEvent(**fields, child_id=child_id, local_authority_id=councils.get(child_id))
        for child_id in dict.fromkeys(getattr(child, "pk", child) for child in children)
    ]
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
        started = timezone.now()
        response = self.get_response(request)
        if pending and response.status_code < 400:
            AccessEvent.objects.bulk_create(fill_councils(_once(pending, started)))
        return response


def _once(pending: list[AccessEvent], started: datetime) -> list[AccessEvent]:
    """One event a child and action, leaving out those the view already wrote itself
    (`record_read`) during this request."""
    first = pending[0]
    written = AccessEvent.objects.filter(
        user_id=first.user_id, via=first.via, at__gte=started, child_id__in={e.child_id for e in pending}
    )
    once = {(child, action): None for child, action in written.values_list("child_id", "action")}
    kept = []
    for event in pending:
        if (event.child_id, event.action) not in once:
            once[(event.child_id, event.action)] = None
            kept.append(event)
    return kept
