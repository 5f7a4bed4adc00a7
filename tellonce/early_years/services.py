"""Each step of a notification from health (ADR 74): health notifies (refused unless the child is
under compulsory school age, the parent was told and the information, advice and support service
named, CFA 2014 s23); the early-years team acknowledges it, allocates an officer, records the first
contact with the family and what was offered, and the outcome; a person links it to the child the
council knows, or makes a new record through the people services. Each step is versioned and, once
there is a child, on the child's timeline."""

from datetime import date
from typing import Any

from django.db import transaction

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, Scope, scope
from tellonce.audit.services import record_change
from tellonce.core.refusals import InvalidStep
from tellonce.domain import early_years as rules
from tellonce.domain.identifiers import nhs_number_problem, normalise_nhs_number
from tellonce.early_years.models import MatchDecision, Notification
from tellonce.organisations.councils import council_id
from tellonce.people.models import Child
from tellonce.people.services import record_event, register_child

FIELDS = (
    "given_name",
    "family_name",
    "date_of_birth",
    "nhs_number",
    "postcode",
    "early_years_setting",
    "concerns",
    "parent_name",
    "parent_phone",
    "parent_email",
    "parent_told_on",
    "service_named",
    "parent_agrees_to_contact",
)
REFUSAL_FIELDS = {
    rules.Refusal.NOT_BORN: "date_of_birth",
    rules.Refusal.OF_SCHOOL_AGE: "date_of_birth",
    rules.Refusal.PARENT_NOT_TOLD: "parent_told_on",
    rules.Refusal.SERVICE_NOT_NAMED: "service_named",
}


def _next_ref(today: date) -> str:
    count = Notification.objects.filter(ref__startswith=f"HN-{today.year}-").count()
    return f"HN-{today.year}-{count + 1:05d}"


@transaction.atomic
def notify(*, by: Actor, today: date, details: dict[str, Any]) -> Notification:
    """Health tells the council. `details` has FIELDS; `parent_told_on` is None when the parent has
    not been told."""
    unknown = set(details) - set(FIELDS)
    if unknown:
        raise ValueError(f"Not part of a notification: {sorted(unknown)}")
    if scope(by.user, Capability.NOTIFY_EARLY_YEARS) != Scope.OWN or council_id(by.user) is None:
        raise InvalidStep(["Only a health professional working with a council can notify it"])
    told_on = details.get("parent_told_on")
    problems = rules.refusals(
        date_of_birth=details["date_of_birth"],
        notified_on=today,
        parent_told=told_on is not None,
        service_named=bool(details.get("service_named")),
    )
    fields = {str(REFUSAL_FIELDS[p]): str(p) for p in problems}
    if told_on is not None and told_on > today:
        fields["parent_told_on"] = "The day the parent was told must be today or in the past"
    if details.get("nhs_number") and (problem := nhs_number_problem(details["nhs_number"])):
        fields["nhs_number"] = f"NHS number: {problem}"
    if fields:
        raise InvalidStep.about(fields)
    values = {**details, "nhs_number": normalise_nhs_number(details.get("nhs_number", ""))}
    return Notification.objects.create(
        ref=_next_ref(today),
        local_authority_id=council_id(by.user),
        notified_by=by.user,
        notified_on=today,
        **values,
    )


def _timeline(notification: Notification, by: Actor, what: str, on: date) -> None:
    if notification.child_id:
        record_event(
            notification.child,
            by=by,
            what=f"{what} ({notification.ref})",
            kind="early_years",
            title=what,
            occurred_on=on,
            visible_to_family=True,
        )


def _not_before_notified(notification: Notification, day: date, today: date, field: str) -> None:
    if day > today:
        raise InvalidStep.about({field: "The date must be today or in the past"})
    if day < notification.notified_on:
        raise InvalidStep.about({field: "The date cannot be before the council was notified"})


def _open(notification: Notification) -> None:
    if notification.outcome:
        raise InvalidStep(["This notification is closed: its outcome has been recorded"])


@transaction.atomic
def acknowledge(
    notification: Notification, *, by: Actor, expected_version: int, on: date, today: date
) -> Notification:
    _open(notification)
    if notification.acknowledged_on:
        raise InvalidStep(["This notification has already been acknowledged"])
    _not_before_notified(notification, on, today, "acknowledged_on")
    notification.acknowledged_on = on
    notification.save_versioned(expected_version=expected_version, fields=["acknowledged_on"])
    _timeline(notification, by, "Notification from health acknowledged", on)
    return notification


@transaction.atomic
def allocate(
    notification: Notification, *, by: Actor, expected_version: int, officer: Any, today: date
) -> Notification:
    """The officer (of the notification's council, with the capability to act on it) follows it up.
    Allocating acknowledges a notification not yet acknowledged."""
    _open(notification)
    if (
        council_id(officer) != notification.local_authority_id
        or scope(officer, Capability.ACT_ON_NOTIFICATIONS) != Scope.COUNCIL
    ):
        raise InvalidStep.about({"officer": "Choose an officer of the council's early-years team"})
    notification.officer, notification.allocated_on = officer, today
    fields = ["officer", "allocated_on"]
    if not notification.acknowledged_on:
        notification.acknowledged_on = today
        fields.append("acknowledged_on")
    notification.save_versioned(expected_version=expected_version, fields=fields)
    _timeline(notification, by, f"Notification from health allocated to {officer}", today)
    return notification


@transaction.atomic
def record_contact(
    notification: Notification, *, by: Actor, expected_version: int, on: date, offered: str, today: date
) -> Notification:
    """The first contact with the family, and what they were offered."""
    _open(notification)
    _not_before_notified(notification, on, today, "first_contact_on")
    if not offered.strip():
        raise InvalidStep.about({"offered": "Say what was offered to the family"})
    notification.first_contact_on, notification.offered = on, offered.strip()
    fields = ["first_contact_on", "offered"]
    if not notification.acknowledged_on:
        notification.acknowledged_on = on
        fields.append("acknowledged_on")
    notification.save_versioned(expected_version=expected_version, fields=fields)
    _timeline(notification, by, "The early-years team contacted the family", on)
    return notification


@transaction.atomic
def record_outcome(
    notification: Notification, *, by: Actor, expected_version: int, outcome: str, on: date, today: date
) -> Notification:
    _open(notification)
    _not_before_notified(notification, on, today, "outcome_on")
    if notification.first_contact_on is None and outcome not in ("moved", "declined"):
        raise InvalidStep.about({"outcome": "Record the first contact with the family before this outcome"})
    if notification.first_contact_on and on < notification.first_contact_on:
        raise InvalidStep.about({"outcome_on": "The outcome cannot be before the first contact"})
    notification.outcome, notification.outcome_on = outcome, on
    fields = ["outcome", "outcome_on"]
    if not notification.acknowledged_on:
        notification.acknowledged_on = on
        fields.append("acknowledged_on")
    notification.save_versioned(expected_version=expected_version, fields=fields)
    _timeline(notification, by, f"Notification from health closed: {notification.get_outcome_display()}", on)
    return notification


@transaction.atomic
def link_child(
    notification: Notification, *, by: Actor, expected_version: int, child: Child | None, today: date
) -> Child:
    """A person's decision: `child` is the known child (of the notification's council) they
    confirmed, or None to make a new record from the notification's details."""
    if notification.child_id:
        raise InvalidStep(["This notification is already linked to a child's record"])
    if child is not None and child.local_authority_id != notification.local_authority_id:
        raise InvalidStep(["Choose a child of the council that was notified"])
    if child is None:
        child = register_child(
            by=by,
            local_authority=notification.local_authority,
            fields={
                "given_name": notification.given_name,
                "family_name": notification.family_name,
                "date_of_birth": notification.date_of_birth,
                "nhs_number": notification.nhs_number,
                "postcode": notification.postcode,
                "sen_status": "NONE",
            },
            how=f"Record made from notification from health {notification.ref}",
            occurred_on=today,
        )
        notification.match_decision = MatchDecision.NEW
    else:
        notification.match_decision = MatchDecision.CONFIRMED
        record_change(by, child, f"Notification from health {notification.ref} linked to the record")
    notification.child = child
    notification.save_versioned(expected_version=expected_version, fields=["child", "match_decision"])
    _timeline(notification, by, "Notification from health received", notification.notified_on)
    return child
