"""Which plans in force a sample may draw from: all of them, or those of one coordinator, team,
setting, need, phase, age of plan, or first plans against amended ones."""

from dataclasses import asdict, dataclass
from datetime import date

from tellonce.domain.calendar import add_months
from tellonce.plans.models import Kind, PlanVersion

METHODS = {
    "random": "At random from every plan in force",
    "coordinator": "The plans of one coordinator",
    "team": "The plans of one team's coordinators",
    "setting": "The plans of children at one setting",
    "need": "The plans of children with one primary need",
    "phase": "The plans of children in one phase of education",
    "age": "Plans by how long ago they were issued",
    "kind": "New plans or amended plans",
}
AGES = {"under_1": (0, 12), "1_to_3": (12, 36), "over_3": (36, 1200)}
KINDS = {"new": Kind.FINAL, "amended": Kind.AMENDED}


@dataclass(frozen=True)
class Sample:
    method: str
    size: int
    seed: int
    value: str = ""

    def as_json(self) -> dict:
        return asdict(self)


def candidates(local_authority, sample: Sample, *, today: date):
    versions = (
        PlanVersion.objects.in_force(today)
        .filter(plan__child__local_authority=local_authority, source="tellonce", issued_on__lte=today)
        .select_related("plan__child", "plan__coordinator", "plan__named_officer")
    )
    value = sample.value
    match sample.method:
        case "coordinator":
            return versions.filter(plan__coordinator_id=value)
        case "team":
            return versions.filter(plan__coordinator__team_id=value)
        case "setting":
            return versions.filter(plan__child__setting_id=value)
        case "need":
            return versions.filter(plan__child__primary_need=value)
        case "phase":
            return versions.filter(plan__child__setting__phase=value)
        case "age":
            low, high = AGES[value]
            return versions.filter(
                issued_on__lte=add_months(today, -low), issued_on__gt=add_months(today, -high)
            )
        case "kind":
            return versions.filter(kind=KINDS[value])
    return versions
