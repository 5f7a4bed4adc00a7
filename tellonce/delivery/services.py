"""Writes to provision delivery: commitments brought up to date from the plan in force, a
frequency set by hand, a half-term's delivery recorded, the family's report of provision not
received, and the coordinator's follow-up. Each takes who is acting and writes the child's access
log in its transaction."""

import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from itertools import groupby
from operator import itemgetter
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from tellonce.accounts.actors import Actor
from tellonce.audit.models import AccessEvent
from tellonce.audit.services import change_event, record_change
from tellonce.core.council_key import fill_councils
from tellonce.core.refusals import EditConflict, InvalidStep
from tellonce.delivery import kept
from tellonce.delivery.expectations import expected_in
from tellonce.delivery.models import (
    Commitment,
    DeliveryRecord,
    DeliveryRules,
    FamilyReport,
    FollowUp,
    HalfTermDate,
    MadeFrom,
)
from tellonce.domain import delivery as rules
from tellonce.domain.plan_content import PROVISION_SECTIONS, Provision, Section, from_data, how_often_text
from tellonce.organisations.models import Service, Team
from tellonce.plans.models import Plan, PlanSection, PlanVersion, Status

MAX_TEXT = 2000
# Which team delivers a health or care item, from the words of who delivers it.
_SERVICE_WORDS = (
    (re.compile(r"speech|language|salt\b|communication", re.I), Service.SPEECH_AND_LANGUAGE_THERAPY),
    (re.compile(r"occupational|\bot\b|sensory integration", re.I), Service.OCCUPATIONAL_THERAPY),
    (re.compile(r"physio", re.I), Service.PHYSIOTHERAPY),
    (re.compile(r"camhs|mental health|psychiatr|counsell", re.I), Service.CAMHS),
    (re.compile(r"paediatric|nurse|nursing", re.I), Service.PAEDIATRICS),
    (re.compile(r"hearing|vision|visual|sensory support", re.I), Service.SENSORY),
    (re.compile(r"social work|short break|respite|personal assistant|carer", re.I), Service.SOCIAL_CARE),
)


def _service_for(section: Section, item: Provision) -> str | None:
    words = f"{item.role} {item.qualification} {item.what}"
    for pattern, service in _SERVICE_WORDS:
        if pattern.search(words):
            return str(service)
    return str(Service.SOCIAL_CARE) if section in (Section.H1, Section.H2) else None


def _frequency_words(item: Provision) -> str:
    stated = how_often_text(item)
    return item.what if stated == "Not stated" else f"{stated}. {item.what}"


VALUE_FIELDS = [
    "local_authority_id",
    "child",
    "section",
    "what",
    "who",
    "setting_id",
    "team",
    "frequency_words",
    "starts_on",
    "ends_on",
    "ended_on",
    "times",
    "per",
    "minutes",
    "weeks",
    "block",
]
# One issued version's provision section: (version id, issued on, section code, its data).
Issued = tuple[object, date | None, str, dict[str, Any]]
CHUNK = 200  # plans brought up to date together by the nightly job, in a fixed number of queries
COUNTS = ("added", "changed", "ended", "to set by hand")


def _issued_provision(plan_ids: list[Any]) -> dict[object, list[Issued]]:
    """Each plan's provision sections of its issued versions, oldest version first (one query)."""
    found: dict[object, list[Issued]] = defaultdict(list)
    rows = (
        PlanSection.objects.filter(
            plan_version__plan_id__in=plan_ids,
            plan_version__status=Status.ISSUED,
            code__in=[s.value for s in PROVISION_SECTIONS],
        )
        .order_by("plan_version__number")
        .values_list("plan_version__plan_id", "plan_version_id", "plan_version__issued_on", "code", "data")
    )
    for plan_id, version_id, issued_on, code, data in rows:
        found[plan_id].append((version_id, issued_on, code, data or {}))
    return found


def _first_issued(sections: list[Issued]) -> dict[str, date]:
    """The day each provision item was first in an issued version of the plan: it has been owed since."""
    found: dict[str, date] = {}
    for _, issued_on, _, data in sections:
        for item in data.get("items", []):
            key = item.get("key") if isinstance(item, dict) else None
            if key and issued_on and key not in found:
                found[key] = issued_on
    return found


def _work_out(
    plan: Plan,
    version: PlanVersion | None,
    sections: list[Issued],
    existing: dict[str, Commitment],
    teams: dict[str, Team],
    today: date,
) -> tuple[list[Commitment], list[Commitment], dict[str, int]]:
    """The commitments to add and those changed or ended for one plan, worked out in memory."""
    counts = dict.fromkeys(COUNTS, 0)
    added: list[Commitment] = []
    changed: list[Commitment] = []
    seen = set()
    child = plan.child
    if version is not None and plan.ceased_on is None:
        first_issued = _first_issued(sections)
        content = from_data(
            {code: data for version_id, _, code, data in sections if version_id == version.pk}
        )
        for section, item in content.all_provision():
            seen.add(item.key)
            rule = rules.rule_for(item.times, item.per, item.minutes, item.what)
            service = _service_for(section, item)
            values = {
                "local_authority_id": child.local_authority_id,
                "child": child,
                "section": section.value,
                "what": item.what[:MAX_TEXT],
                "who": item.role[:200],
                "setting_id": child.setting_id if section == Section.F else None,
                "team": teams.get(service) if section != Section.F and service else None,
                "frequency_words": _frequency_words(item)[:300],
                "starts_on": item.starts_on or first_issued.get(item.key) or version.issued_on or today,
                "ends_on": item.ends_on,
                "ended_on": None,
            }
            commitment = existing.get(item.key)
            if commitment is not None and commitment.set_by_hand and rule is None:
                rule = commitment.rule
            values |= {
                "times": rule.times if rule else None,
                "per": rule.per.value if rule and rule.per else "",
                "minutes": rule.minutes if rule else None,
                "weeks": rule.weeks if rule else None,
                "block": rule.block if rule else None,
            }
            if rule is None:
                counts["to set by hand"] += 1
            if commitment is None:
                added.append(Commitment(plan=plan, item_key=item.key, **values))
                counts["added"] += 1
            elif any(getattr(commitment, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(commitment, name, value)
                commitment.version += 1
                changed.append(commitment)
                counts["changed"] += 1
    for key, commitment in existing.items():
        if key not in seen and commitment.ended_on is None:
            commitment.ended_on = plan.ceased_on or today
            commitment.version += 1
            changed.append(commitment)
            counts["ended"] += 1
    return added, changed, counts


def _bring(
    plans: list[tuple[Plan, PlanVersion | None]], *, by: Actor, today: date
) -> dict[object, dict[str, int]]:
    """Brings these plans' commitments up to date in a fixed number of queries, however many plans
    (the plans with their child and version in force already read), and notes what each was made from."""
    plan_ids = [plan.pk for plan, _ in plans]
    sections = _issued_provision(plan_ids)
    existing: dict[object, dict[str, Commitment]] = defaultdict(dict)
    for commitment in Commitment.objects.filter(plan_id__in=plan_ids).select_related("child", "team"):
        existing[commitment.plan_id][commitment.item_key] = commitment
    teams: dict[object, dict[str, Team]] = defaultdict(dict)
    councils = {plan.child.local_authority_id for plan, _ in plans}
    for team in Team.objects.filter(local_authority_id__in=councils).order_by("-name"):
        teams[team.local_authority_id][team.service] = team
    all_added: list[Commitment] = []
    all_changed: list[Commitment] = []
    events = []
    counted: dict[object, dict[str, int]] = {}
    for plan, version in plans:
        added, changed, counts = _work_out(
            plan,
            version,
            sections.get(plan.pk, []),
            existing[plan.pk],
            teams[plan.child.local_authority_id],
            today,
        )
        all_added += added
        all_changed += changed
        counted[plan.pk] = counts
        if added or changed:
            events.append(
                change_event(
                    by, plan.child_id, "Brought the provision to deliver up to date with the plan in force"
                )
            )
    now = timezone.now()
    for commitment in all_changed:
        commitment.updated_at = now
    Commitment.objects.bulk_create(all_added)
    Commitment.objects.bulk_update(
        all_changed, fields=[*(f.removesuffix("_id") for f in VALUE_FIELDS), "version", "updated_at"]
    )
    AccessEvent.objects.bulk_create(fill_councils(events))
    MadeFrom.objects.bulk_create(
        [
            MadeFrom(
                plan_id=plan.pk,
                local_authority_id=plan.child.local_authority_id,
                version_id=version.pk if version else None,
                ceased_on=plan.ceased_on,
                made_on=today,
            )
            for plan, version in plans
        ],
        update_conflicts=True,
        unique_fields=["plan"],
        update_fields=["local_authority", "version", "ceased_on", "made_on"],
    )
    return counted


@transaction.atomic
def bring_up_to_date(plan: Plan, *, by: Actor, today: date) -> dict[str, int]:
    """Make a commitment of each provision item in sections F, G and H of the plan in force (new
    items added, changed ones rewritten, items no longer in the plan ended today). An item whose
    frequency cannot be read has no rule until the coordinator sets one."""
    return _bring([(plan, plan.in_force())], by=by, today=today)[plan.pk]


def plans_changed() -> QuerySet[Plan]:
    """The plans with a version in force whose commitments were not made from that version (or
    before the plan ceased): those the nightly job brings up to date."""
    made = MadeFrom.objects.filter(plan=OuterRef("pk"), version=OuterRef("in_force_version"))
    up_to_date = Q(Exists(made.filter(ceased_on=OuterRef("ceased_on")))) | Q(
        Exists(made.filter(ceased_on__isnull=True)), ceased_on__isnull=True
    )
    return Plan.objects.filter(in_force_version__isnull=False).exclude(up_to_date)


def bring_changed_up_to_date(*, by: Actor, today: date, chunk: int = CHUNK) -> dict[str, int]:
    """Every plan whose version in force changed since its commitments were made, `chunk` plans to
    a transaction and a fixed number of queries for each."""
    totals = dict.fromkeys(("plans", *COUNTS), 0)
    ids = list(plans_changed().order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), chunk):
        with transaction.atomic():
            plans = Plan.objects.filter(pk__in=ids[start : start + chunk]).select_related(
                "child", "in_force_version"
            )
            counted = _bring([(plan, plan.in_force_version) for plan in plans], by=by, today=today)
        totals["plans"] += len(counted)
        for counts in counted.values():
            for name, value in counts.items():
                totals[name] += value
    return totals


LATEST_FIELDS = (
    "latest_outcome",
    "latest_reason",
    "waiting_since",
    "counted_year",
    "year_expected",
    "year_delivered",
    "year_records",
    "year_in_full",
)
NOTHING_KEPT = ("", "", None, None, 0, 0, 0, 0)
LATEST_CHUNK = 2000  # commitments worked out again together by the nightly check


def _kept(rows: list[tuple[Any, ...]]) -> tuple[Any, ...]:
    """What a commitment keeps, from its records' rows (newest first), in LATEST_FIELDS order."""
    return (
        *rules.latest_and_waiting((starts, outcome, reason) for _, starts, outcome, reason, _, _ in rows),
        *rules.latest_year_totals(
            (starts, outcome, expected, delivered) for _, starts, outcome, _, expected, delivered in rows
        ),
    )


def note_latest(commitment_ids: Iterable[Any]) -> int:
    """Works out again, from their records, these commitments' latest outcome and reason, the
    start of their current wait and the latest school year's totals, and saves those that differ
    (two queries and a bulk update, however many). Call it in the transaction that changed the records, the commitments locked.
    Derived values: the commitment's version is not moved, so no one's edit conflicts with it."""
    ids = list(commitment_ids)
    if not ids:
        return 0
    rows = (
        DeliveryRecord.objects.filter(commitment_id__in=ids)
        .order_by("commitment_id", "-half_term_starts_on")
        .values_list("commitment_id", "half_term_starts_on", "outcome", "reason", "expected", "delivered")
    )
    found = {pk: _kept(list(group)) for pk, group in groupby(rows, key=itemgetter(0))}
    changed = []
    for commitment in Commitment.objects.filter(pk__in=ids).only("pk", *LATEST_FIELDS):
        wanted = found.get(commitment.pk, NOTHING_KEPT)
        if tuple(getattr(commitment, name) for name in LATEST_FIELDS) != wanted:
            for name, value in zip(LATEST_FIELDS, wanted, strict=True):
                setattr(commitment, name, value)
            changed.append(commitment)
    Commitment.objects.bulk_update(changed, fields=LATEST_FIELDS, batch_size=1000)
    return len(changed)


def check_latest(*, chunk: int = LATEST_CHUNK) -> int:
    """Every commitment's latest outcome, current wait and year's totals worked out again from its records, `chunk`
    commitments to a transaction (locked while they are read): the nightly check that the values
    kept when records are saved still say what the records say. How many were put right."""
    ids = list(Commitment.objects.order_by("pk").values_list("pk", flat=True))
    put_right = 0
    for start in range(0, len(ids), chunk):
        with transaction.atomic():
            part = list(
                Commitment.objects.select_for_update()
                .filter(pk__in=ids[start : start + chunk])
                .values_list("pk", flat=True)
            )
            put_right += note_latest(part)
    return put_right


@transaction.atomic
def set_frequency(
    commitment: Commitment, *, words: str, by: Actor, today: date, expected_version: int
) -> None:
    """The coordinator says how often, in words the rules can read ("twice a week for 10 weeks")."""
    rule = rules.parse_frequency(words)
    if rule is None:
        raise InvalidStep.about(
            {
                "words": "Enter how often in words such as 'weekly', '3 times a week', 'termly', "
                "'weekly for 6 weeks' or 'a block of 6 sessions'"
            }
        )
    commitment.times = rule.times
    commitment.per = rule.per.value if rule.per else ""
    commitment.minutes = rule.minutes
    commitment.weeks = rule.weeks
    commitment.block = rule.block
    commitment.set_by_hand = True
    commitment.save_versioned(
        expected_version=expected_version, fields=["times", "per", "minutes", "weeks", "block", "set_by_hand"]
    )
    record_change(by, commitment.child, f"Set how often provision is delivered: {rule.describe()}")


@transaction.atomic
def record_delivery(
    commitment: Commitment,
    half_term: rules.HalfTerm,
    *,
    outcome: str,
    delivered: int | None,
    reason: str,
    reason_text: str,
    by: Actor,
    today: date,
) -> DeliveryRecord:
    """What was delivered in a half-term that has started: all, part (how many sessions) or none,
    with the reason for anything missed. A second record for the half-term replaces the first."""
    problems: dict[str, str] = {}
    if half_term.starts_on > today:
        problems["half_term"] = "You can only record a half-term that has started"
    try:
        said = rules.Outcome(outcome)
    except ValueError:
        said = None
        problems["outcome"] = "Select whether the provision was delivered"
    expected = expected_in(commitment, half_term)
    if expected is None:
        problems["outcome"] = (
            "The coordinator must set how often this provision is delivered before it is recorded"
        )
    if said == rules.Outcome.PARTLY:
        if delivered is None:
            problems["delivered"] = "Enter how many sessions were delivered"
        elif expected is not None and not 0 < delivered < max(expected.sessions, 1):
            problems["delivered"] = (
                f"The number of sessions delivered must be between 1 and {max(expected.sessions - 1, 1)}"
            )
    if said in (rules.Outcome.PARTLY, rules.Outcome.NOT_DELIVERED):
        if reason not in set(rules.Reason):
            problems["reason"] = "Select why the provision was not all delivered"
        elif reason == rules.Reason.OTHER and not reason_text.strip():
            problems["reason_text"] = "Enter the reason"
    if len(reason_text) > MAX_TEXT:
        problems["reason_text"] = f"The reason must be {MAX_TEXT:,} characters or fewer"
    if problems or said is None or expected is None:
        raise InvalidStep.about(problems)
    count = rules.delivered_sessions(said, expected.sessions, delivered)
    # the commitment is locked so that its latest outcome is worked out from every record saved
    Commitment.objects.select_for_update().filter(pk=commitment.pk).values_list("pk").first()
    record, _ = DeliveryRecord.objects.update_or_create(
        commitment=commitment,
        half_term_starts_on=half_term.starts_on,
        defaults={
            "half_term_ends_on": half_term.ends_on,
            "half_term_label": half_term.label,
            "expected": expected.sessions,
            "school_weeks": expected.school_weeks,
            "outcome": said.value,
            "delivered": count,
            "reason": reason if said != rules.Outcome.DELIVERED else "",
            "reason_text": reason_text.strip() if said != rules.Outcome.DELIVERED else "",
            "recorded_by": by.user,
            "recorded_on": today,
        },
    )
    note_latest([commitment.pk])
    kept.keep([commitment.pk])
    commitment.refresh_from_db(fields=LATEST_FIELDS)
    record_change(by, commitment.child, f"Recorded provision delivered in {half_term.label}: {said.value}")
    return record


@transaction.atomic
def report_not_received(
    commitment: Commitment,
    *,
    text: str,
    half_term_label: str,
    sessions_missed: int | None,
    by: Actor,
    today: date,
) -> FamilyReport:
    """The family says provision in the plan was not received."""
    problems = {}
    if not text.strip():
        problems["text"] = "Enter what was not received"
    elif len(text) > MAX_TEXT:
        problems["text"] = f"What was not received must be {MAX_TEXT:,} characters or fewer"
    if sessions_missed is not None and not 1 <= sessions_missed <= 500:
        problems["sessions_missed"] = "The number of sessions missed must be from 1 to 500"
    if problems:
        raise InvalidStep.about(problems)
    report = FamilyReport.objects.create(
        commitment=commitment,
        half_term_label=half_term_label[:40],
        sessions_missed=sessions_missed,
        text=text.strip(),
        reported_by=by.user,
        reported_on=today,
    )
    kept.keep([commitment.pk])
    record_change(by, commitment.child, "The family reported provision not received")
    return report


@transaction.atomic
def follow_up(commitment: Commitment, *, action: str, text: str, by: Actor, today: date) -> FollowUp:
    """What the coordinator did about provision not delivered; the missed weeks count again from here."""
    problems = {}
    if action not in set(rules.Action):
        problems["action"] = "Select what was done"
    elif action == rules.Action.OTHER and not text.strip():
        problems["text"] = "Enter what was done"
    if len(text) > MAX_TEXT:
        problems["text"] = f"What was done must be {MAX_TEXT:,} characters or fewer"
    if problems:
        raise InvalidStep.about(problems)
    done = FollowUp.objects.create(
        commitment=commitment, action=action, text=text.strip(), by=by.user, on=today
    )
    kept.keep([commitment.pk])
    record_change(by, commitment.child, f"Followed up provision not delivered: {done.get_action_display()}")
    return done


@transaction.atomic
def set_escalation(local_authority_id: object, *, weeks: int, by: Actor, today: date) -> DeliveryRules:
    """The council's weeks of missed provision before the coordinator is asked to act."""
    if not 1 <= weeks <= 39:
        raise InvalidStep.about({"weeks": "The number of weeks must be from 1 to 39"})
    found, _ = DeliveryRules.objects.update_or_create(
        local_authority_id=local_authority_id, defaults={"escalate_after_weeks": weeks}
    )
    return found


def _year_version(local_authority_id: object, school_year: int) -> tuple[list[HalfTermDate], int]:
    """The council's rows for the year, locked, and their version (0 when it has none)."""
    rows = list(
        HalfTermDate.objects.select_for_update().filter(
            local_authority_id=local_authority_id, school_year=school_year
        )
    )
    return rows, max((row.version for row in rows), default=0)


@transaction.atomic
def set_half_terms(
    local_authority_id: object,
    school_year: int,
    dates: dict[int, tuple[date, date]],
    *,
    by: Actor,
    today: date,
    expected_version: int,
) -> list[HalfTermDate]:
    """The council's own first and last school day of each of the six half-terms of a school year
    (by number, 1 to 6), replacing any it had entered: used instead of the England pattern."""
    rows, version = _year_version(local_authority_id, school_year)
    if version != expected_version:
        raise EditConflict
    if sorted(dates) != list(range(1, 7)):
        raise InvalidStep.about({"__all__": "Enter the first and last day of all six half-terms"})
    half_terms = [rules.HalfTerm(s, e, school_year, n) for n, (s, e) in sorted(dates.items())]
    problems = rules.half_term_date_problems(school_year, half_terms)
    if problems:
        raise InvalidStep.about({f"{part}_{n}": message for (n, part), message in problems.items()})
    HalfTermDate.objects.filter(pk__in=[row.pk for row in rows]).delete()
    return HalfTermDate.objects.bulk_create(
        HalfTermDate(
            local_authority_id=local_authority_id,
            school_year=school_year,
            number=h.number,
            starts_on=h.starts_on,
            ends_on=h.ends_on,
            version=version + 1,
        )
        for h in half_terms
    )


@transaction.atomic
def remove_half_terms(
    local_authority_id: object, school_year: int, *, by: Actor, today: date, expected_version: int
) -> int:
    """The council's own dates for the year removed: the England pattern is used again."""
    rows, version = _year_version(local_authority_id, school_year)
    if version != expected_version:
        raise EditConflict
    HalfTermDate.objects.filter(pk__in=[row.pk for row in rows]).delete()
    return len(rows)
