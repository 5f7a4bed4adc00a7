"""A plan as the demo's review step sees it: its versions (read from the plans step's rows, with
the amendments this step adds), its reviews so far, and what happens to it."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from tellonce.plans.models import Kind, Status


@dataclass
class DemoVersion:
    id: object
    number: int
    kind: str
    status: str
    served_on: date | None
    issued_on: date | None


@dataclass
class DemoPlan:
    id: object
    ref: str
    child: object
    coordinator_id: int | None
    imported: bool
    versions: list = field(default_factory=list)
    reviews: list = field(default_factory=list)
    stop_after: date | None = None
    moves_out_on: date | None = None
    transferred_in: date | None = None
    left_education: tuple | None = None
    ceased: bool = False

    @property
    def made(self) -> date | None:
        return next((v.issued_on for v in self.versions if v.status == Status.ISSUED), None)

    def in_force_on(self, day: date) -> DemoVersion:
        issued = [v for v in self.versions if v.status == Status.ISSUED and v.issued_on <= day]
        return issued[-1] if issued else next(v for v in self.versions if v.status == Status.ISSUED)

    def proposal(self) -> DemoVersion | None:
        """The proposed amendment the plans step wrote, if any (its review is written to match)."""
        return next((v for v in self.versions if v.kind == Kind.PROPOSED_AMENDMENT), None)


def weekday(day: date) -> date:
    """Meetings are held in term time on weekdays (August moves to September)."""
    if day.month == 8:
        day = date(day.year, 9, 3 + day.day % 14)
    return day + timedelta(days=max(0, 7 - day.weekday()) if day.weekday() >= 5 else 0)
