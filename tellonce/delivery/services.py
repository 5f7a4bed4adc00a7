"""Writes to provision delivery: commitments brought up to date from the plan in force, a
frequency set by hand, a half-term's delivery recorded, the family's report of provision not
received, and the coordinator's follow-up. Each takes who is acting and writes the child's access
log in its transaction."""

import re
from datetime import date

from django.db import transaction

from tellonce.accounts.actors import Actor
from tellonce.audit.services import record_change
from tellonce.core.refusals import InvalidStep
from tellonce.delivery.expectations import expected_in
from tellonce.delivery.models import Commitment, DeliveryRecord, DeliveryRules, FamilyReport, FollowUp
from tellonce.domain import delivery as rules
from tellonce.domain.plan_content import PROVISION_SECTIONS, Provision, Section, how_often_text
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


def _first_issued(plan: Plan) -> dict[str, date]:
    """The day each provision item was first in an issued version of the plan: it has been owed since."""
    found: dict[str, date] = {}
    sections = (
        PlanSection.objects.filter(
            plan_version__plan=plan,
            plan_version__status=Status.ISSUED,
            code__in=[s.value for s in PROVISION_SECTIONS],
        )
        .order_by("plan_version__number")
        .values_list("plan_version__issued_on", "data")
    )
    for issued_on, data in sections:
        for item in (data or {}).get("items", []):
            key = item.get("key") if isinstance(item, dict) else None
            if key and issued_on and key not in found:
                found[key] = issued_on
    return found


@transaction.atomic
def bring_up_to_date(plan: Plan, *, by: Actor, today: date) -> dict[str, int]:
    """Make a commitment of each provision item in sections F, G and H of the plan in force (new
    items added, changed ones rewritten, items no longer in the plan ended today). An item whose
    frequency cannot be read has no rule until the coordinator sets one."""
    version: PlanVersion | None = plan.in_force()
    counts = {"added": 0, "changed": 0, "ended": 0, "to set by hand": 0}
    existing = {c.item_key: c for c in Commitment.objects.filter(plan=plan)}
    seen = set()
    child = plan.child
    if version is not None and plan.ceased_on is None:
        first_issued = _first_issued(plan)
        teams = {
            t.service: t
            for t in Team.objects.filter(local_authority_id=child.local_authority_id).order_by("-name")
        }
        for section, item in version.content().all_provision():
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
                Commitment.objects.create(plan=plan, item_key=item.key, **values)
                counts["added"] += 1
            elif any(getattr(commitment, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(commitment, name, value)
                commitment.version += 1
                commitment.save()
                counts["changed"] += 1
    for key, commitment in existing.items():
        if key not in seen and commitment.ended_on is None:
            commitment.ended_on = plan.ceased_on or today
            commitment.version += 1
            commitment.save(update_fields=["ended_on", "version", "updated_at"])
            counts["ended"] += 1
    if any(counts[k] for k in ("added", "changed", "ended")):
        record_change(by, child, "Brought the provision to deliver up to date with the plan in force")
    return counts


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
