"""Explicit audit calls (after NHS ADR-004): services and views say what they did, so bulk
writes and API calls are logged as surely as page views. A change is logged inside the
same transaction as the change itself."""

from collections.abc import Iterable

from django.db import transaction

from tellonce.audit.models import AccessEvent, Action


def _via(request) -> str:
    if request is None:
        return "command line"
    match = getattr(request, "resolver_match", None)
    name = match.view_name if match else ""
    return f"{request.method} {request.path}" + (f" ({name})" if name else "")


def record_read(user, child, *, request=None, what: str = "Viewed the record") -> AccessEvent:
    return AccessEvent.objects.create(
        user=user, child=child, action=Action.READ, what=what, via=_via(request)
    )


def record_listed(user, children: Iterable, *, request=None, what: str = "Shown in search results") -> None:
    via = _via(request)
    AccessEvent.objects.bulk_create(
        AccessEvent(user=user, child=child, action=Action.LISTED, what=what, via=via) for child in children
    )


def record_change(user, child, what: str, *, request=None) -> AccessEvent:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_change must run inside the transaction that makes the change")
    return AccessEvent.objects.create(
        user=user, child=child, action=Action.CHANGE, what=what[:300], via=_via(request)
    )
