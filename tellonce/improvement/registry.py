"""Live measures a priority can cite as evidence.

A measure has a key, a label, a unit and a function of (local authority id, date) giving its value
on that date (None when there is nothing to count). The measures are registered by the modules of
`improvement/measures/`, one for each app they are counted from (plans issued within 20 weeks,
advice timeliness...), imported when Django starts (`ImprovementConfig.ready`); a priority stores
only the key.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    unit: str  # "%", "weeks", "children"...
    value: Callable[[int, date], float | None]
    higher_is_better: bool = True
    source: str = ""  # where the figure comes from, shown beside it
    series: Callable[[int, Sequence[date]], list[float | None]] | None = None  # many dates, one read

    def values(self, local_authority_id: int, days: Sequence[date]) -> list[float | None]:
        if self.series is not None:
            return self.series(local_authority_id, days)
        return [self.value(local_authority_id, day) for day in days]

    def format(self, value: float | None) -> str:
        if value is None:
            return "No data"
        return f"{value:.1f}%" if self.unit == "%" else f"{value:,.1f} {self.unit}"


_MEASURES: dict[str, Measure] = {}


def register(measure: Measure) -> Measure:
    if measure.key in _MEASURES and _MEASURES[measure.key] != measure:
        raise ValueError(f"A different measure is already registered as {measure.key!r}")
    _MEASURES[measure.key] = measure
    return measure


def get(key: str) -> Measure | None:
    return _MEASURES.get(key)


def all_measures() -> list[Measure]:
    return sorted(_MEASURES.values(), key=lambda m: m.label)
