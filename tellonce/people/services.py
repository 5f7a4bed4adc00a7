"""Changes to a child's record. Each runs in one transaction with its audit row and timeline
event, and refuses to overwrite a change someone else saved first (EditConflict)."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction

from tellonce.accounts.actors import Actor
from tellonce.accounts.roles import Role
from tellonce.audit.services import record_change
from tellonce.core.refusals import EditConflict, InvalidStep
from tellonce.core.time import uk_today
from tellonce.people.models import AllAboutMe, Child, ConsentRecord, TimelineEvent
from tellonce.people.telling import tell_family

__all__ = [
    "register_child",
    "update_child",
    "update_all_about_me",
    "record_consent",
    "record_who_decides",
    "add_timeline_event",
    "record_event",
    "move_caseload",
]


def add_timeline_event(
    child: Child,
    *,
    kind: str,
    title: str,
    by: Actor | None = None,
    occurred_on: date | None = None,
    detail: str = "",
    visible_to_family: bool = True,
) -> TimelineEvent:
    """The one way any module adds to a child's timeline."""
    return TimelineEvent.objects.create(
        child=child,
        kind=kind,
        title=title,
        detail=detail,
        actor=by.user if by else None,
        occurred_on=occurred_on or uk_today(),
        visible_to_family=visible_to_family,
    )


def record_event(
    child: Child,
    *,
    by: Actor,
    what: str,
    kind: str,
    title: str,
    occurred_on: date | None = None,
    detail: str = "",
    visible_to_family: bool = True,
) -> TimelineEvent:
    """A step in the child's story: the audit row saying what `by` changed, and the event on the
    child's one timeline. Inside the transaction that makes the change."""
    record_change(by, child, what)
    return add_timeline_event(
        child,
        kind=kind,
        title=title,
        by=by,
        occurred_on=occurred_on,
        detail=detail,
        visible_to_family=visible_to_family,
    )


@transaction.atomic
def register_child(
    *, by: Actor, local_authority: Any, fields: dict[str, Any], how: str, occurred_on: date
) -> Child:
    """A new record for a child the council did not know (an online request checked by the council,
    ADR 57): its first timeline event says how it came."""
    child = Child.objects.create(local_authority=local_authority, **fields)
    record_event(child, by=by, what=f"Record made: {how}", kind="record", title=how, occurred_on=occurred_on)
    return child


def _describe(changes: dict[str, object]) -> str:
    labels = [Child._meta.get_field(name).verbose_name for name in changes]
    return "Changed " + ", ".join(str(label) for label in labels)


@transaction.atomic
def update_child(child: Child, *, by: Actor, expected_version: int, changes: dict[str, object]) -> Child:
    """Change the record. A reason why there is no UPN or ULN (SEN2 item 1.7c) is kept only while
    there is neither: recording either clears it."""
    if changes.get("upn", child.upn) or changes.get("uln", child.uln):
        changes = {**changes, "upn_unknown": ""}
    changed = {name: value for name, value in changes.items() if getattr(child, name) != value}
    if not changed:
        if Child.objects.filter(pk=child.pk, version=expected_version).exists():
            return child
        raise EditConflict("The record was changed by someone else")
    for name, value in changed.items():
        setattr(child, name, value)
    child.save_versioned(expected_version=expected_version, fields=list(changed))
    what = _describe(changed)
    record_event(
        child, by=by, what=what, kind="record", title="Record updated", detail=what, visible_to_family=False
    )
    return child


@transaction.atomic
def update_all_about_me(
    child: Child, *, by: Actor, expected_version: int | None, changes: dict[str, str]
) -> AllAboutMe:
    about, created = AllAboutMe.objects.get_or_create(child=child)
    if not created and expected_version is None:
        raise EditConflict("All about me was started by someone else")
    version = about.version if created else expected_version
    for name, value in changes.items():
        setattr(about, name, value)
    about.save_versioned(expected_version=version, fields=list(changes))
    record_event(child, by=by, what="Changed All about me", kind="all_about_me", title="All about me updated")
    return about


@transaction.atomic
def record_consent(
    child: Child, *, by: Actor, share_with: str, decision: str, given_by: str, notes: str = ""
) -> ConsentRecord:
    consent = ConsentRecord.objects.create(
        child=child,
        share_with=share_with,
        decision=decision,
        given_by=given_by,
        recorded_on=uk_today(),
        recorded_by=by.user,
        notes=notes,
    )
    what = (
        f"Recorded consent to share with {consent.get_share_with_display()}: {consent.get_decision_display()}"
    )
    record_event(child, by=by, what=what, kind="consent", title=what)
    return consent


DECISION_FIELDS = (
    "lacks_capacity",
    "capacity_assessed_on",
    "capacity_assessed_by",
    "agrees_parent_sees",
    "agreement_recorded_on",
)


def _decision_problems(changes: dict[str, object], today: date) -> dict[str, str]:
    problems = {}
    if changes["lacks_capacity"]:
        if not changes["capacity_assessed_on"]:
            problems["capacity_assessed_on"] = "Enter the date capacity was assessed"
        if not str(changes["capacity_assessed_by"] or "").strip():
            problems["capacity_assessed_by"] = "Enter who assessed their capacity"
    if changes["agrees_parent_sees"] and not changes["agreement_recorded_on"]:
        problems["agreement_recorded_on"] = "Enter the date the young person agreed"
    for name in ("capacity_assessed_on", "agreement_recorded_on"):
        when = changes[name]
        if isinstance(when, date) and when > today:
            problems[name] = "The date must be today or in the past"
    return problems


@transaction.atomic
def record_who_decides(
    child: Child, *, by: Actor, expected_version: int, changes: dict[str, object]
) -> Child:
    """Whether the young person lacks capacity (Mental Capacity Act 2005), with when and by whom
    it was assessed, and whether they agree that their parent sees their record, with when. With
    their age these decide whose consent governs what a parent sees (domain.decisions)."""
    today = uk_today()
    changes = {name: changes.get(name, getattr(child, name)) for name in DECISION_FIELDS}
    if problems := _decision_problems(changes, today):
        raise InvalidStep.about(problems)
    for name, value in changes.items():
        setattr(child, name, value)
    child.save_versioned(expected_version=expected_version, fields=list(DECISION_FIELDS))
    maker = child.decisions_by(today)
    shared = "sees" if child.parent_sees_record(today) else "does not see"
    what = f"Recorded who decides: {maker.label}. Their parent {shared} the record"
    record_event(child, by=by, what=what, kind="decisions", title="Who decides recorded", detail=what)
    return child


@transaction.atomic
def move_caseload(children: Iterable[Child], *, to: Any, by: Actor, today: date | None = None) -> int:
    """Give these children to another EHC coordinator of their council, each change in the child's
    access log and on its timeline, and each family told who their coordinator now is. Returns how
    many moved. A coordinator of another council, or someone who is not an active coordinator, is
    refused (InvalidStep)."""
    if to.role != Role.EHC_COORDINATOR or not to.is_active:
        raise InvalidStep.about({"to": "Choose an active EHC coordinator"})
    moved = 0
    for child in Child.objects.select_for_update(of=("self",)).filter(pk__in=[c.pk for c in children]):
        if child.local_authority_id != to.local_authority_id:
            raise InvalidStep.about({"to": "Choose a coordinator of the child's own council"})
        if child.coordinator_id == to.pk:
            continue
        before = child.coordinator
        child.coordinator = to
        child.save_versioned(expected_version=child.version, fields=["coordinator"])
        record_change(by, child, f"Moved from {before or 'no coordinator'}'s caseload to {to}'s")
        _tell_of_new_coordinator(child, to, by=by, today=today or uk_today())
        moved += 1
    return moved


def _tell_of_new_coordinator(child: Child, coordinator: Any, *, by: Actor, today: date) -> None:
    """Seed 000: families were not told when their coordinator changed."""
    name = coordinator.get_full_name() or str(coordinator)
    add_timeline_event(
        child,
        kind="coordinator",
        title=f"{name} is now the EHC coordinator",
        detail=f"Contact {name}"
        + (f" at {coordinator.email}" if coordinator.email else "")
        + " with any question.",
        by=by,
        occurred_on=today,
    )
    tell_family(
        child,
        "Your EHC coordinator has changed",
        f"{name} is now the EHC coordinator for {child.full_name}.\n\n"
        + (f"You can contact them at {coordinator.email}.\n\n" if coordinator.email else "")
        + "Sign in to Tellonce to see the record.\n\nDo not reply to this email.",
    )
