"""Recording a plan's placements and what the SEN2 return says of it (docs/plans.md, "Placements
and personal budget"; ADR 64): the settings named in section I and those attended while the plan
is in force, with their dates, and the plan's residential placement, work-based learning, personal
budget and direct payments (SEN2 items 4.2 to 4.4, 4.7 and 5.7).

Each function checks what it is given and refuses with plain-English problems, each naming the
field it is about (`InvalidStep`), so the page shows them beside what was typed; a save made from
an out-of-date page is refused (`EditConflict`). Every change is in the child's access log.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from tellonce.accounts.actors import Actor
from tellonce.audit.services import record_change
from tellonce.core.formatting import govuk_date
from tellonce.core.refusals import EditConflict, InvalidStep
from tellonce.domain import codes
from tellonce.domain.identifiers import ukprn_problem, urn_problem
from tellonce.organisations.models import Setting
from tellonce.plans.models import Placement, Plan, Status

SETTING_IN_WORDS = {"OTH", "NIEO"}
RETURN_FIELDS = ["residential", "work_based", "personal_budget", "organised_arrangements", "direct_payments"]


@dataclass(frozen=True)
class Where:
    """Where a placement is: one of the council's settings, a URN, a UKPRN, or a type of setting
    with no URN or UKPRN (SEN2's SENSetting), in words for "other"."""

    setting: Setting | None = None
    urn: str = ""
    ukprn: str = ""
    sen_setting: str = ""
    sen_setting_other: str = ""


@dataclass(frozen=True)
class PlacementDetails:
    named: bool
    where: Where
    rank: str = "1"
    entry_on: date | None = None
    leaving_on: date | None = None
    sen_unit: bool = False
    resourced_provision: bool = False
    residential: str = ""
    work_based: str = ""


def made_on(plan: Plan) -> date | None:
    """The day the plan was made: its first final version issued."""
    first = plan.versions.filter(status=Status.ISSUED).order_by("number").values_list("issued_on", flat=True)
    return first.first()


def describe(placement: Placement) -> str:
    """Where a placement is, in words: the setting's name, its URN or UKPRN, or its type."""
    if placement.setting_id:
        return placement.setting.name
    if placement.urn:
        return f"URN {placement.urn}"
    if placement.ukprn:
        return f"UKPRN {placement.ukprn}"
    label = codes.SEN_SETTING.label_of(placement.sen_setting)
    return f"{label}: {placement.sen_setting_other}" if placement.sen_setting_other else label


def _where_problems(plan: Plan, where: Where) -> dict[str, str]:
    given = [bool(where.setting), bool(where.urn), bool(where.ukprn), bool(where.sen_setting)]
    if sum(given) == 0:
        return {"setting": "Choose a setting, or enter a URN or UKPRN, or choose a type of setting"}
    if sum(given) > 1:
        return {"setting": "Give only one of a setting, a URN, a UKPRN or a type of setting"}
    problems = {}
    if where.setting and where.setting.local_authority_id != plan.child.local_authority_id:
        problems["setting"] = "Choose one of the council's settings"
    if where.urn and (problem := urn_problem(where.urn)):
        problems["urn"] = problem
    if where.ukprn and (problem := ukprn_problem(where.ukprn)):
        problems["ukprn"] = problem
    if where.sen_setting and where.sen_setting not in codes.SEN_SETTING.codes:
        problems["sen_setting"] = "Choose a type of setting from the list"
    if where.sen_setting in SETTING_IN_WORDS and not where.sen_setting_other.strip():
        problems["sen_setting_other"] = "Say in words what the setting is"
    return problems


def _problems(
    plan: Plan, details: PlacementDetails, *, today: date, other: list[Placement]
) -> dict[str, str]:
    problems = _where_problems(plan, details.where)
    entry, leaving = details.entry_on, details.leaving_on
    if details.rank not in codes.PLACEMENT_RANK.codes:
        problems["rank"] = "Choose whether this is the main placement or a second one"
    if details.residential and details.residential not in codes.RESIDENTIAL.codes:
        problems["residential"] = "Choose how many weeks of the year the placement is residential"
    if details.work_based and details.work_based not in codes.WORK_BASED.codes:
        problems["work_based"] = "Choose the kind of work-based learning"
    if details.named:
        if entry or leaving:
            problems["entry_on"] = (
                "A setting named in the plan has no dates: record the days they started and left on "
                "the placement they attended"
            )
        elif any(p.named and p.rank == details.rank for p in other):
            problems["rank"] = (
                "The plan already names a main setting: change that one, or make this the second placement"
                if details.rank == "1"
                else "The plan already names a second setting"
            )
        return problems
    ceased, made = plan.ceased_on, made_on(plan)
    if entry is None:
        problems["entry_on"] = "Enter the day they started there"
    elif entry > today:
        problems["entry_on"] = "The day they started must be today or in the past"
    elif ceased and entry > ceased:
        problems["entry_on"] = f"The day they started must be before the plan ceased on {govuk_date(ceased)}"
    if leaving and leaving > today:
        problems["leaving_on"] = "The day they left must be today or in the past"
    elif leaving and entry and leaving < entry:
        problems["leaving_on"] = "The day they left must be the same as or after the day they started"
    elif leaving and made and leaving < made:
        problems["leaving_on"] = (
            f"The day they left must be after the plan was made on {govuk_date(made)}: record only "
            "placements attended while the plan was in force"
        )
    if entry and "entry_on" not in problems and "leaving_on" not in problems:
        for p in other:
            if not p.named and p.rank == details.rank and _overlap(p, entry, leaving):
                problems["rank"] = (
                    f"They were at {describe(p)} as their {'main' if p.rank == '1' else 'second'} placement "
                    f"then: give it the day they left, or make this a {'second' if p.rank == '1' else 'main'} placement"
                )
                break
    return problems


def _overlap(placement: Placement, entry: date, leaving: date | None) -> bool:
    if placement.entry_on is None:
        return False
    return placement.entry_on <= (leaving or date.max) and entry <= (placement.leaving_on or date.max)


def _values(details: PlacementDetails) -> dict:
    where = details.where
    setting = where.setting
    return {
        "named": details.named,
        "setting": setting,
        "urn": setting.urn if setting else where.urn.strip(),
        "ukprn": ("" if setting.urn else setting.ukprn) if setting else where.ukprn.strip(),
        "sen_setting": "" if setting else where.sen_setting,
        "sen_setting_other": where.sen_setting_other.strip() if where.sen_setting in SETTING_IN_WORDS else "",
        "rank": details.rank,
        "entry_on": None if details.named else details.entry_on,
        "leaving_on": None if details.named else details.leaving_on,
        "sen_unit": details.sen_unit,
        "resourced_provision": details.resourced_provision,
        "residential": details.residential,
        "work_based": details.work_based,
    }


def _check(plan: Plan, details: PlacementDetails, *, today: date, other: list[Placement]) -> None:
    if details.where.setting and not (details.where.setting.urn or details.where.setting.ukprn):
        # A setting Tellonce holds without a URN or UKPRN cannot be named to the DfE.
        raise InvalidStep.about(
            {"setting": "That setting has no URN or UKPRN: enter one, or choose a type of setting"}
        )
    if problems := _problems(plan, details, today=today, other=other):
        raise InvalidStep.about(problems)


@transaction.atomic
def add_placement(plan: Plan, *, details: PlacementDetails, by: Actor, today: date) -> Placement:
    """A setting named in the plan, or one attended while it is in force."""
    other = list(Plan.objects.select_for_update().get(pk=plan.pk).placements.select_related("setting"))
    _check(plan, details, today=today, other=other)
    placement = Placement.objects.create(plan=plan, **_values(details))
    record_change(by, plan.child, f"Added {_summary(placement)} to {plan.ref}")
    return placement


@transaction.atomic
def change_placement(
    placement: Placement, *, details: PlacementDetails, by: Actor, today: date, expected_version: int
) -> Placement:
    plan = placement.plan
    other = [p for p in plan.placements.select_related("setting") if p.pk != placement.pk]
    _check(plan, details, today=today, other=other)
    values = _values(details)
    for name, value in values.items():
        setattr(placement, name, value)
    placement.save_versioned(expected_version=expected_version, fields=list(values))
    record_change(by, plan.child, f"Changed {_summary(placement)} on {plan.ref}")
    return placement


@transaction.atomic
def end_placement(
    placement: Placement, *, leaving_on: date | None, by: Actor, today: date, expected_version: int
) -> Placement:
    """The day they left a setting they attended."""
    if placement.named:
        raise InvalidStep(["Only a placement attended has a day they left"])
    if leaving_on is None:
        raise InvalidStep.about({"leaving_on": "Enter the day they left"})
    details = PlacementDetails(
        named=False,
        where=Where(
            placement.setting,
            placement.urn,
            placement.ukprn,
            placement.sen_setting,
            placement.sen_setting_other,
        ),
        rank=placement.rank,
        entry_on=placement.entry_on,
        leaving_on=leaving_on,
        sen_unit=placement.sen_unit,
        resourced_provision=placement.resourced_provision,
        residential=placement.residential,
        work_based=placement.work_based,
    )
    other = [p for p in placement.plan.placements.select_related("setting") if p.pk != placement.pk]
    if problems := _problems(placement.plan, details, today=today, other=other):
        raise InvalidStep.about(problems)
    placement.leaving_on = leaving_on
    placement.save_versioned(expected_version=expected_version, fields=["leaving_on"])
    record_change(
        by,
        placement.plan.child,
        f"Recorded leaving {describe(placement)} on {govuk_date(leaving_on)} ({placement.plan.ref})",
    )
    return placement


@transaction.atomic
def set_return_details(
    plan: Plan,
    *,
    residential: str,
    work_based: str,
    personal_budget: bool | None,
    organised_arrangements: bool | None,
    direct_payments: str,
    by: Actor,
    expected_version: int,
) -> Plan:
    """The plan's residential placement, work-based learning, personal budget and direct payments."""
    problems = {}
    if residential and residential not in codes.RESIDENTIAL.codes:
        problems["residential"] = "Choose how many weeks of the year the placement is residential"
    if work_based and work_based not in codes.WORK_BASED.codes:
        problems["work_based"] = "Choose the kind of work-based learning"
    if direct_payments and direct_payments not in codes.DIRECT_PAYMENT.codes:
        problems["direct_payments"] = "Choose what the direct payments cover"
    elif direct_payments and personal_budget is not True:
        problems["direct_payments"] = (
            "Direct payments are part of a personal budget: say a personal budget has been taken up, "
            "or choose no direct payments"
        )
    if problems:
        raise InvalidStep.about(problems)
    values = {
        "residential": residential,
        "work_based": work_based,
        "personal_budget": personal_budget,
        "organised_arrangements": organised_arrangements,
        "direct_payments": direct_payments,
    }
    changed = [name for name, value in values.items() if getattr(plan, name) != value]
    if not changed:
        if not Plan.objects.filter(pk=plan.pk, version=expected_version).exists():
            raise EditConflict("The plan was changed by someone else")
        return plan
    for name in changed:
        setattr(plan, name, values[name])
    plan.save_versioned(expected_version=expected_version, fields=changed)
    labels = ", ".join(str(Plan._meta.get_field(name).verbose_name) for name in changed)
    record_change(by, plan.child, f"Changed {labels} on {plan.ref}")
    return plan


def _summary(placement: Placement) -> str:
    kind = "the setting named" if placement.named else "a placement attended"
    dates = f" from {govuk_date(placement.entry_on)}" if placement.entry_on else ""
    return f"{kind}: {describe(placement)}{dates}"
