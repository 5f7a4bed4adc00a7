"""Setting the council's targets and its statistical neighbours: each change checked, versioned
and kept in the council's administration log in its own transaction."""

from datetime import date
from decimal import Decimal

from django.db import transaction

from tellonce.accounts.actors import Actor
from tellonce.audit.models import AdministrationAction, RecordKind
from tellonce.audit.services import record_administration
from tellonce.benchmarks import services as neighbours
from tellonce.benchmarks.models import StatisticalNeighbour
from tellonce.core.refusals import EditConflict
from tellonce.domain.partnership import BY_KEY
from tellonce.organisations.models import LocalAuthority
from tellonce.partnership.models import Target


def _log(by: Actor, council: LocalAuthority, summary: str) -> None:
    record_administration(
        by,
        action=AdministrationAction.CHANGED,
        kind=RecordKind.COUNCIL,
        record_id=council.pk,
        label=str(council),
        summary=summary,
        council_id=council.pk,
    )


@transaction.atomic
def set_target(
    council: LocalAuthority,
    measure: str,
    percent: Decimal | None,
    *,
    by: Actor,
    today: date,
    expected_version: int | None,
) -> Target | None:
    """Set, change or (with no percentage) remove the council's target for a measure.
    `expected_version` is the target's version as the form read it (None when there was none)."""
    title = BY_KEY[measure].title
    target = Target.objects.select_for_update().filter(local_authority=council, measure=measure).first()
    if (target.version if target else None) != expected_version:
        raise EditConflict()
    if percent is None:
        if target is not None:
            target.delete()
            _log(by, council, f"Removed the target for {title}")
        return None
    if target is None:
        target = Target.objects.create(
            local_authority=council, measure=measure, percent=percent, set_on=today
        )
    else:
        target.percent, target.set_on = percent, today
        target.save_versioned(expected_version=expected_version, fields=["percent", "set_on"])
    _log(by, council, f"Set the target for {title} to {percent}%")
    return target


@transaction.atomic
def add_neighbour(council: LocalAuthority, la_code: str, *, by: Actor, today: date) -> StatisticalNeighbour:
    neighbour = neighbours.add_neighbour(council, la_code)
    _log(by, council, f"Added {neighbour} to the statistical neighbours")
    return neighbour


@transaction.atomic
def remove_neighbour(
    neighbour: StatisticalNeighbour, *, by: Actor, today: date, expected_version: int
) -> None:
    if neighbour.version != expected_version:
        raise EditConflict()
    council = neighbour.local_authority
    neighbours.remove_neighbour(neighbour)
    _log(by, council, f"Removed {neighbour} from the statistical neighbours")


@transaction.atomic
def move_neighbour(
    neighbour: StatisticalNeighbour, *, up: bool, by: Actor, today: date, expected_version: int
) -> None:
    if neighbour.version != expected_version:
        raise EditConflict()
    neighbours.move_neighbour(neighbour, up=up)
    _log(
        by,
        neighbour.local_authority,
        f"Moved {neighbour} {'up' if up else 'down'} the statistical neighbours",
    )
