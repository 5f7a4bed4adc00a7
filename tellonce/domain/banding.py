"""Top-up banding for pupils with EHC plans: effective-dated band tables per setting type, a band
suggested from need descriptors, and the cost of changing bands before it is adopted.

Sources: ESFA high needs funding operational guide (place funding is elements 1-2; a band sets only
the element 3 top-up); Southend's descriptor grid (levels 0-4 per need area, best fit) and its rule
for moving pupils to new bands (nearest band, rounding up); Staffordshire's suspended tool, whose
average top-ups rose (shared/domain/high-needs.md section 5).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

MAX_LEVEL = 4


@dataclass(frozen=True, slots=True)
class Band:
    code: str
    top_up: float  # element 3, per year


@dataclass(frozen=True, slots=True)
class BandTable:
    setting_type: str
    effective_from: date
    bands: tuple[Band, ...]  # lowest first

    def band(self, code: str) -> Band:
        for band in self.bands:
            if band.code == code:
                return band
        raise KeyError(f"band {code!r} is not in the {self.setting_type} table from {self.effective_from}")


class NoBandTable(LookupError):
    pass


def table_on(tables: Iterable[BandTable], setting_type: str, on: date) -> BandTable:
    """The table in force for a setting type on a day: the latest that started on or before it."""
    candidates = [t for t in tables if t.setting_type == setting_type and t.effective_from <= on]
    if not candidates:
        raise NoBandTable(f"no band table for {setting_type} in force on {on}")
    return max(candidates, key=lambda t: t.effective_from)


def panel_choice_problems(
    table: BandTable, *, suggested: Band, chosen: str, reason: str, table_name: str
) -> dict[str, str]:
    """What stops the panel's choice of band being recorded, by what it is about ("band" or
    "reason"): a blank choice accepts the suggestion; the band must be in the table; a band other
    than the one suggested needs the panel's reason, so that every departure from the descriptors
    can be explained ("panel override with recorded reason", shared/domain/high-needs.md item 7)."""
    code = chosen.strip() or suggested.code
    if all(band.code != code for band in table.bands):
        return {"band": f"Band {code} is not in {table_name}"}
    if code != suggested.code and not reason.strip():
        return {"reason": f"Enter the reason the panel chose band {code}, not the suggested {suggested.code}"}
    return {}


def suggest_band(table: BandTable, levels: dict[str, int]) -> Band:
    """Best fit from need descriptors (0 typical ... 4 most severe, per need area): the highest level
    sets the band, one band higher when two or more areas share that level, never above the top."""
    if not levels:
        return table.bands[0]
    for area, level in levels.items():
        if not 0 <= level <= MAX_LEVEL:
            raise ValueError(f"level for {area} must be 0 to {MAX_LEVEL}, not {level}")
    top = max(levels.values())
    steps = len(table.bands) - 1
    index = round(top * steps / MAX_LEVEL)
    if top > 0 and sum(1 for v in levels.values() if v == top) >= 2:
        index += 1
    return table.bands[min(index, steps)]


def nearest_band_rounding_up(table: BandTable, top_up: float) -> Band:
    """The band a pupil moves to when bands change: the cheapest band paying at least what they had,
    or the top band if none does (Southend: nearest band, rounding up)."""
    for band in sorted(table.bands, key=lambda b: b.top_up):
        if band.top_up >= top_up:
            return band
    return max(table.bands, key=lambda b: b.top_up)


@dataclass(frozen=True, slots=True)
class Placement:
    setting_type: str
    band_code: str


@dataclass(frozen=True, slots=True)
class Simulation:
    pupils: int
    cost_now: float
    cost_after: float
    moved_up: int
    moved_down: int
    by_setting_type: dict[str, tuple[int, float, float]]  # pupils, cost now, cost after

    @property
    def change(self) -> float:
        return self.cost_after - self.cost_now

    @property
    def average_now(self) -> float:
        return self.cost_now / self.pupils if self.pupils else 0.0

    @property
    def average_after(self) -> float:
        return self.cost_after / self.pupils if self.pupils else 0.0


def simulate(
    caseload: Iterable[Placement], current: dict[str, BandTable], proposed: dict[str, BandTable]
) -> Simulation:
    """The yearly top-up cost of the caseload on the current tables and on the proposed ones, each
    pupil moving to the nearest proposed band rounding up. Setting types without a proposed table
    keep their current cost."""
    pupils = moved_up = moved_down = 0
    now = after = 0.0
    by_type: dict[str, list[float]] = {}
    for placement in caseload:
        band = current[placement.setting_type].band(placement.band_code)
        table = proposed.get(placement.setting_type)
        new = nearest_band_rounding_up(table, band.top_up) if table else band
        pupils += 1
        now += band.top_up
        after += new.top_up
        moved_up += new.top_up > band.top_up
        moved_down += new.top_up < band.top_up
        totals = by_type.setdefault(placement.setting_type, [0, 0.0, 0.0])
        totals[0] += 1
        totals[1] += band.top_up
        totals[2] += new.top_up
    return Simulation(
        pupils,
        now,
        after,
        moved_up,
        moved_down,
        {k: (int(v[0]), v[1], v[2]) for k, v in sorted(by_type.items())},
    )
