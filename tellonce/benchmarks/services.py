"""Changes to the council's list of statistical neighbours (the partnership app's services audit
them for the council's staff)."""

from django.db import transaction
from django.db.models import Max

from tellonce.benchmarks.models import Level, PublishedFigure, StatisticalNeighbour
from tellonce.core.refusals import InvalidStep
from tellonce.organisations.models import LocalAuthority


def known_councils() -> dict[str, str]:
    """LA code -> name of every council in the published figures."""
    return dict(
        PublishedFigure.objects.filter(level=Level.LOCAL_AUTHORITY)
        .order_by("la_code", "-year")
        .values_list("la_code", "la_name")
        .distinct()
    )


def add_neighbour(local_authority: LocalAuthority, la_code: str) -> StatisticalNeighbour:
    names = known_councils()
    if la_code not in names:
        raise InvalidStep.about({"la_code": "Choose a council from the published figures"})
    if la_code == local_authority.code:
        raise InvalidStep.about({"la_code": "Choose another council: a council is not its own neighbour"})
    if local_authority.statistical_neighbours.filter(la_code=la_code).exists():
        raise InvalidStep.about({"la_code": f"{names[la_code]} is already a neighbour"})
    last = local_authority.statistical_neighbours.aggregate(n=Max("position"))["n"]
    return StatisticalNeighbour.objects.create(
        local_authority=local_authority, la_code=la_code, la_name=names[la_code], position=(last or 0) + 1
    )


def remove_neighbour(neighbour: StatisticalNeighbour) -> None:
    neighbour.delete()


@transaction.atomic
def move_neighbour(neighbour: StatisticalNeighbour, *, up: bool) -> None:
    """Swap the neighbour with the one before (up) or after it in the council's order."""
    listed = list(
        StatisticalNeighbour.objects.select_for_update().filter(local_authority=neighbour.local_authority)
    )
    index = next(i for i, n in enumerate(listed) if n.pk == neighbour.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(listed):
        return
    listed[index], listed[other] = listed[other], listed[index]
    for position, item in enumerate(listed, start=1):
        if item.position != position:
            StatisticalNeighbour.objects.filter(pk=item.pk).update(
                position=position, version=item.version + 1
            )
