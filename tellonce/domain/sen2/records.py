"""The SEN2 return's records, one frozen dataclass per element of the XML tree, holding the
items' codes and dates as the DfE's schema names them (send-rules.md section 9.1).

`source` on a record is Tellonce's id of the row it came from (child, assessment, plan, review),
so a failing business rule can link to the page where it is fixed; it is never written out.
"""

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class Header:
    year: int
    reference_date: date
    lea: str
    software_code: str
    release: str
    serial_no: str
    date_time: datetime
    dmo: str
    dco: str
    dsco: str
    collection: str = "SEN2"
    source_level: str = "L"


@dataclass(frozen=True, slots=True)
class Placement:
    """PlanDetail (module 4b, named in the plan) and PlacementDetail (module 5b, attended) share
    these items; entry and leaving dates, Res and WBP belong to attended placements only."""

    rank: str
    urn: str = ""
    ukprn: str = ""
    sen_setting: str = ""
    sen_setting_other: str = ""
    sen_unit: bool | None = None
    resourced_provision: bool | None = None
    entry_date: date | None = None
    leaving_date: date | None = None
    residential: str = ""
    work_based: str = ""


PlanDetail = Placement
PlacementDetail = Placement


@dataclass(frozen=True, slots=True)
class SenNeed:
    type: str
    rank: int


@dataclass(frozen=True, slots=True)
class NamedPlan:
    start_date: date | None
    details: tuple[Placement, ...] = ()
    residential: str = ""
    work_based: str = ""
    personal_budget: bool | None = None
    organised_arrangements: bool | None = None
    direct_payments: str = ""
    cease_date: date | None = None
    cease_reason: str = ""
    source: str = field(default="", compare=False)


@dataclass(frozen=True, slots=True)
class Assessment:
    outcome: str
    outcome_date: date | None = None
    mediation: bool | None = None
    tribunal: bool | None = None
    other_mediation: bool | None = None
    other_tribunal: bool | None = None
    week20: bool | None = None
    plan: NamedPlan | None = None


@dataclass(frozen=True, slots=True)
class ActivePlans:
    transfer_la: str = ""
    placements: tuple[Placement, ...] = ()
    needs: tuple[SenNeed, ...] = ()
    review_meeting: date | None = None
    review_outcome: str = ""
    review_draft: date | None = None
    phase_transfer_due: date | None = None
    phase_transfer_final: date | None = None
    last_review: date | None = None
    source: str = field(default="", compare=False)  # the plan's id
    review_source: str = field(default="", compare=False)


@dataclass(frozen=True, slots=True)
class Request:
    outcome: str
    received_date: date | None = None
    source_code: str = ""
    youth_accommodation: bool | None = None
    outcome_date: date | None = None
    mediation: bool | None = None
    tribunal: bool | None = None
    exported: str = ""
    assessment: Assessment | None = None
    active_plans: ActivePlans | None = None
    source: str = field(default="", compare=False)


@dataclass(frozen=True, slots=True)
class Person:
    surname: str
    forename: str
    birth_date: date
    sex: str
    ethnicity: str
    postcode: str = ""
    upn: str = ""
    uln: str = ""
    upn_unknown: str = ""
    requests: tuple[Request, ...] = ()
    source: str = field(default="", compare=False)
