"""What the follow-up pages and My work filter on, kept on each commitment (ADR 96): the weeks of
provision missed in half-terms that ended since the coordinator last acted
(`missed_weeks_since_action`) and whether the family reported provision not received since then
(`reported_since_action`). They change only when a delivery record, a family's report or a
follow-up of the commitment is written, never with the passing of time, so every service that
writes one calls `keep` in its transaction; the demo calls it after its bulk writes; and
`tellonce rebuild-delivery-follow-up` works every commitment out again.

The values are worked out in SQL by overview.missed_since_action and overview.reports_since_action
(defined once), in one UPDATE for any number of commitments."""

from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from tellonce.delivery.models import Commitment
from tellonce.delivery.overview import missed_since_action, reports_since_action

BATCH = 5000


def keep(commitments: QuerySet | Iterable[Any]) -> int:
    """Works out again and writes the kept values of `commitments` (a Commitment QuerySet, or their
    keys), BATCH at a time: each batch's rows locked first, in order, so that a record, report or
    follow-up written at the same time by another transaction is seen, then one UPDATE ... SET =
    (subquery). Returns how many rows it wrote. The commitment's version is not moved, so no one's
    edit conflicts with it. Call it in the transaction that wrote the rows."""
    if isinstance(commitments, QuerySet):
        ids = list(commitments.order_by().values_list("pk", flat=True))
    else:
        ids = [pk for pk in commitments if pk is not None]
    written = 0
    for start in range(0, len(ids), BATCH):
        rows = Commitment.objects.filter(pk__in=ids[start : start + BATCH])
        with transaction.atomic():
            list(rows.select_for_update().order_by("pk").values_list("pk", flat=True))
            written += rows.update(
                missed_weeks_since_action=missed_since_action(), reported_since_action=reports_since_action()
            )
    return written


def rebuild(
    local_authority_id: object = None, *, say: Callable[[int, int], None] = lambda done, total: None
) -> int:
    """Every commitment's kept values (one council's, or every council's), BATCH at a time, each
    batch in its own transaction; `say(done, total)` after each. Returns how many were worked out."""
    commitments = Commitment.objects.order_by("pk")
    if local_authority_id is not None:
        commitments = commitments.filter(local_authority_id=local_authority_id)
    ids = list(commitments.values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        keep(ids[start : start + BATCH])  # a transaction of its own
        say(min(start + BATCH, len(ids)), len(ids))
    return len(ids)
