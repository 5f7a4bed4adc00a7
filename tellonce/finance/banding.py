"""The current top-up caseload and band simulations (aggregate figures: no child is shown)."""

from tellonce.domain import banding
from tellonce.finance.models import BandTable, TopUp


def tables(local_authority_id: int, status: str) -> list[BandTable]:
    return list(
        BandTable.objects.of_council(local_authority_id).filter(status=status).prefetch_related("bands")
    )


def current_caseload(local_authority_id: int) -> list[tuple[str, str, int]]:
    """(setting type, band code, table id) for each pupil's latest decision, read as rows of values
    rather than whole decisions (21,810 decisions at 20,000 children)."""
    latest: dict = {}
    decisions = _decisions(local_authority_id).values_list(
        "child_id", "band__table__setting_type", "band__code", "band__table_id"
    )
    for child_id, setting_type, code, table_id in decisions.order_by("child_id", "-decided_on", "-pk"):
        latest.setdefault(child_id, (setting_type, code, table_id))
    return list(latest.values())


def pupils(local_authority_id: int) -> int:
    """How many pupils have a top-up decision: as many as `current_caseload` has rows, counted in SQL."""
    return _decisions(local_authority_id).values("child_id").distinct().count()


def _decisions(local_authority_id: int):
    return TopUp.objects.filter(local_authority_id=local_authority_id)  # the council key (ADR 80)


def simulate(local_authority_id: int, proposed_ids: list[int]) -> banding.Simulation:
    caseload = current_caseload(local_authority_id)
    in_use = {t.pk: t.as_domain() for t in tables(local_authority_id, BandTable.Status.IN_USE)}
    council_tables = BandTable.objects.of_council(local_authority_id)
    proposed = {
        t.setting_type: t.as_domain()
        for t in council_tables.filter(pk__in=proposed_ids).prefetch_related("bands")
    }
    placements, current = [], {}
    for setting_type, code, table_id in caseload:
        placements.append(banding.Placement(f"{setting_type}#{table_id}", code))
        current[f"{setting_type}#{table_id}"] = (
            in_use.get(table_id) or council_tables.get(pk=table_id).as_domain()
        )
    proposed_by_key = {key: proposed[key.split("#")[0]] for key in current if key.split("#")[0] in proposed}
    result = banding.simulate(placements, current, proposed_by_key)
    merged: dict[str, list] = {}
    for key, (n, now, after) in result.by_setting_type.items():
        totals = merged.setdefault(key.split("#")[0], [0, 0.0, 0.0])
        totals[0] += n
        totals[1] += now
        totals[2] += after
    return banding.Simulation(
        result.pupils,
        result.cost_now,
        result.cost_after,
        result.moved_up,
        result.moved_down,
        {k: (v[0], v[1], v[2]) for k, v in merged.items()},
    )
