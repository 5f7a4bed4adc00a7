"""Explicit audit calls (after NHS ADR-004): services and views say what they did, so bulk
writes and API calls are logged as surely as page views. A change is logged inside the
same transaction as the change itself. Each row keeps who acted, in which role and for which
organisation, through which channel (a page, the API, a command, an import) and where.

Signing in is kept apart, in SignInEvent: accounts records each event through `record_sign_in`,
which this app hands it when it starts (accounts.sign_ins). Changes to the council's accounts and
organisations are kept in AdministrationEvent through `record_administration` (ADR 53)."""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any
from uuid import UUID

from django.db import connections, models, router, transaction
from django.utils import timezone

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, scope
from tellonce.accounts.sign_ins import SignIn
from tellonce.audit.models import (
    AccessEvent,
    Action,
    AdministrationAction,
    AdministrationEvent,
    RecordKind,
    SignInEvent,
)
from tellonce.organisations import councils


def _event(actor: Actor, child: models.Model | None, action: Action, what: str) -> AccessEvent:
    return AccessEvent(**actor_columns(actor, action, what), child=child)


def actor_columns(actor: Actor, action: Action, what: str) -> dict[str, Any]:
    """The columns an event of `actor` takes, the same for every child of one page or export."""
    return {
        "user": actor.user,
        "role": actor.role,
        "organisation": actor.organisation,
        "channel": actor.channel,
        "action": action,
        "what": what[:300],
        "via": actor.via,
        "relationship": actor.relationship or str(scope(actor.user, Capability.VIEW_CHILD) or ""),
    }


# Children a statement, under SQLite's and PostgreSQL's limits on a statement's parameters
INSERT_CHUNK = 500


def insert_events(columns: dict[str, Any], child_ids: list[UUID]) -> None:
    """One event a child of `child_ids` (each once, the caller's order), with the actor's `columns`
    (`actor_columns`), written by one `INSERT ... SELECT` from the children's rows a few hundred
    children at a time: each event's council is read from its child's row in the same statement,
    with no unsaved model made a child (ADR 99). Written to the database that takes writes (the
    primary), a reporting page's request included."""
    ids = list(dict.fromkeys(child_ids))
    if not ids:
        return
    meta = AccessEvent._meta
    children = meta.get_field("child").related_model._meta
    connection = connections[router.db_for_write(AccessEvent)]
    values = {**columns, "at": timezone.now(), "user": columns["user"].pk, "action": str(columns["action"])}
    names = list(values)
    into = ", ".join(connection.ops.quote_name(meta.get_field(name).column) for name in names)
    params = [meta.get_field(name).get_db_prep_save(values[name], connection) for name in names]
    child_key = children.pk.get_db_prep_value
    table, pk, council = (
        connection.ops.quote_name(name)
        for name in (children.db_table, children.pk.column, children.get_field("local_authority").column)
    )
    head = (
        f"INSERT INTO {connection.ops.quote_name(meta.db_table)} ({into}, "
        f"{connection.ops.quote_name(meta.get_field('child').column)}, "
        f"{connection.ops.quote_name(meta.get_field('local_authority').column)}) "
        f"SELECT {', '.join(['%s'] * len(names))}, c.{pk}, c.{council} FROM {table} c WHERE c.{pk} IN "
    )
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        for start in range(0, len(ids), INSERT_CHUNK):
            chunk = ids[start : start + INSERT_CHUNK]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"{head}({marks})", [*params, *(child_key(i, connection) for i in chunk)])


# What this request has already written, as (child, action), while a page or API request is
# answered (`written_in_this_request`); `audit.shown` leaves those out of the events it writes as
# the response goes out. None outside a request.
Written = set[tuple[UUID, str]]
_written: ContextVar[Written | None] = ContextVar("access_events_written", default=None)


@contextmanager
def written_in_this_request() -> Iterator[Written]:
    """The (child, action) of every event written while the block runs (one request)."""
    written: Written = set()
    token = _written.set(written)
    try:
        yield written
    finally:
        _written.reset(token)


def _remember(child_ids: Iterable[UUID], action: Action) -> None:
    written = _written.get()
    if written is not None:
        written.update((child_id, action) for child_id in child_ids)


def change_event(actor: Actor, child_id: UUID, what: str) -> AccessEvent:
    """An unsaved record of a change, for an import that writes its rows in bulk inside its own
    transaction (the caller bulk-creates it with those rows)."""
    event = _event(actor, None, Action.CHANGE, what)
    event.child_id = child_id
    return event


def record_read(actor: Actor, child: models.Model, *, what: str = "Viewed the record") -> AccessEvent:
    event = _event(actor, child, Action.READ, what)
    event.save()
    _remember([event.child_id], event.action)
    return event


def record_listed(
    actor: Actor, children: Iterable[models.Model], *, what: str = "Shown in search results"
) -> None:
    ids = [child.pk for child in children]
    insert_events(actor_columns(actor, Action.LISTED, what), ids)
    _remember(ids, Action.LISTED)


def record_exported(actor: Actor, child_ids: Iterable[UUID], *, what: str) -> None:
    """One export event a child, for a command or an export that writes a file."""
    ids = list(child_ids)
    insert_events(actor_columns(actor, Action.EXPORT, what), ids)
    _remember(ids, Action.EXPORT)


def record_change(actor: Actor, child: models.Model, what: str) -> AccessEvent:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_change must run inside the transaction that makes the change")
    event = _event(actor, child, Action.CHANGE, what)
    event.save()
    return event


def record_export(actor: Actor, child: models.Model, what: str) -> AccessEvent:
    """A copy of the record given out (a subject access request answered): who asked for it is
    said in `what`, who made it is the actor."""
    event = _event(actor, child, Action.EXPORT, what)
    event.save()
    _remember([event.child_id], event.action)
    return event


def record_sign_in(event: SignIn) -> SignInEvent:
    """Keep one sign-in event (accounts.sign_ins.record calls this)."""
    by = event.by
    row = SignInEvent(
        what=event.what,
        username=event.username[:254],
        user=event.user if event.user is not None and event.user.pk else None,
        address=event.address or None,
        detail=event.detail[:200],
        by=by.user if by is not None else None,
        via=by.via if by is not None else "",
    )
    row.save()
    return row


def record_administration(
    actor: Actor,
    *,
    action: AdministrationAction,
    kind: RecordKind,
    record_id: object,
    label: str,
    summary: str = "",
    council_id: int | None = None,
) -> AdministrationEvent:
    """Keep one change to the council's accounts or organisations, inside its transaction. The
    council is the actor's own, unless the change names it (an invitee accepting, who may have none)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_administration must run inside the transaction that makes the change")
    council = council_id or councils.council_id(actor.user)
    if council is None:
        raise ValueError("An administration event needs the council it happened in")
    event = AdministrationEvent(
        user=actor.user,
        role=actor.role,
        local_authority_id=council,
        channel=actor.channel,
        via=actor.via,
        action=action,
        record_kind=kind,
        record_id=str(record_id)[:64],
        record_label=label[:200],
        summary=summary[:500],
    )
    event.save()
    return event
