"""Saving checked findings, turning them into a plan, and every change to a plan: each in one
transaction, keeping who and when, with a version check where two people may edit at once."""

from datetime import date
from decimal import Decimal
from typing import Any, TypedDict

from django.db import transaction

from tellonce.accounts.actors import Actor
from tellonce.accounts.models import User
from tellonce.core.formatting import govuk_date
from tellonce.core.refusals import InvalidStep
from tellonce.domain import improvement as rules
from tellonce.improvement.models import (
    Action,
    Finding,
    ImprovementPlan,
    Inspection,
    Priority,
    PriorityFinding,
    PriorityMeasure,
    RagRating,
    Update,
)
from tellonce.organisations.models import LocalAuthority

PLAN_TITLES = {
    "written_statement_required": "Written statement of action",
    "widespread_failings": "Priority action plan",
}


class FindingRow(TypedDict):
    """A finding as the importer reads it and the review page corrects it, before it is saved."""

    kind: str
    heading: str
    text: str
    responsible: str
    sufficient_progress: bool | None


def findings_from_json(found: dict[str, Any]) -> list[FindingRow]:
    """The importer's JSON as finding rows, most important first."""
    rows: list[FindingRow] = []

    def add(
        kind: str, text: str, *, heading: str = "", responsible: str = "", sufficient: bool | None = None
    ) -> None:
        rows.append(
            {
                "kind": kind,
                "heading": heading,
                "text": text,
                "responsible": responsible,
                "sufficient_progress": sufficient,
            }
        )

    judged = {j["weakness"]: j["sufficient_progress"] for j in found.get("revisit_judgements", [])}
    for text in found.get("significant_weaknesses", []):
        add(Finding.Kind.SIGNIFICANT_WEAKNESS, text, sufficient=judged.get(text))
    for item in found.get("areas_for_priority_action", []):
        add(
            Finding.Kind.AREA_FOR_PRIORITY_ACTION,
            item["text"],
            responsible=item.get("responsible", ""),
            sufficient=judged.get(item["text"]),
        )
    for item in found.get("areas_for_improvement", []):
        add(Finding.Kind.AREA_FOR_IMPROVEMENT, item["text"], responsible=item.get("responsible", ""))
    for text in found.get("needs_to_do_better", []):
        add(Finding.Kind.NEEDS_TO_DO_BETTER, text)
    for heading, texts in found.get("areas_for_development", {}).items():
        for text in texts:
            add(Finding.Kind.AREA_FOR_DEVELOPMENT, text, heading=heading)
    for text in found.get("effective", []):
        add(Finding.Kind.EFFECTIVE, text)
    for heading, texts in found.get("strengths", {}).items():
        for text in texts:
            add(Finding.Kind.STRENGTH, text, heading=heading)
    for text in found.get("main_findings", []):
        add(Finding.Kind.MAIN_FINDING, text)
    return rows


@transaction.atomic
def save_inspection(
    *,
    by: Actor,
    local_authority: LocalAuthority,
    details: dict[str, object],
    findings: list[FindingRow],
    extracted: dict[str, Any],
    source_name: str,
) -> Inspection:
    """Keep a checked (and perhaps corrected) import: the details, each finding, and what the
    importer first found so a correction can be seen later."""
    inspection = Inspection.objects.create(
        local_authority=local_authority,
        imported_by=by.user,
        source_name=source_name[:255],
        extracted=extracted,
        **details,
    )
    Finding.objects.bulk_create(
        Finding(inspection=inspection, order=n, **row)
        for n, row in enumerate(findings)
        if row["text"].strip()
    )
    return inspection


def _short(text: str, limit: int = 300) -> str:
    first = text.split("\n")[0].strip()
    return first if len(first) <= limit else first[: limit - 1].rsplit(" ", 1)[0] + "…"


@transaction.atomic
def create_plan(inspection: Inspection, *, by: Actor, title: str = "") -> ImprovementPlan:
    """One priority for each significant weakness, area for priority action and area for
    improvement, numbered in that order, each citing the finding it answers."""
    plan = ImprovementPlan.objects.create(
        local_authority=inspection.local_authority,
        inspection=inspection,
        title=title or f"{PLAN_TITLES.get(inspection.outcome, 'Improvement plan')}: {inspection.area}",
        created_by=by.user,
    )
    answered = [f for f in inspection.findings.all() if f.kind in Finding.ANSWERED_BY_PLAN]
    order = {kind: n for n, kind in enumerate(Finding.ANSWERED_BY_PLAN)}
    answered.sort(key=lambda f: (order[f.kind], f.order))
    Priority.objects.bulk_create(
        Priority(plan=plan, finding=f, number=n, title=f.text) for n, f in enumerate(answered, start=1)
    )
    return plan


NEW_PRIORITY = "new"


def findings_to_match(inspection: Inspection) -> list[Finding]:
    """The findings a plan answers, in the order a plan numbers them."""
    answered = [f for f in inspection.findings.all() if f.kind in Finding.ANSWERED_BY_PLAN]
    order = {kind: n for n, kind in enumerate(Finding.ANSWERED_BY_PLAN)}
    return sorted(answered, key=lambda f: (order[f.kind], f.order))


def already_placed(inspection: Inspection) -> bool:
    """Whether this inspection's findings are in a plan already: its own, or an earlier plan's
    priorities they were matched to or added as."""
    return (
        inspection.plans.exists()
        or PriorityFinding.objects.filter(finding__inspection=inspection).exists()
        or Priority.objects.filter(finding__inspection=inspection).exists()
    )


def plan_to_update(inspection: Inspection) -> ImprovementPlan | None:
    """The plan a monitoring inspection's findings update: the council's newest plan that has
    priorities, made from another inspection. None when the findings should make a new plan (not
    a monitoring inspection, no plan yet, or its findings already placed)."""
    if inspection.kind != "monitoring" or already_placed(inspection):
        return None
    return (
        ImprovementPlan.objects.filter(
            local_authority_id=inspection.local_authority_id, priorities__isnull=False
        )
        .exclude(inspection=inspection)
        .distinct()
        .order_by("-created_at")
        .first()
    )


def suggested_matches(inspection: Inspection, plan: ImprovementPlan) -> dict[str, str]:
    """For each finding, the priority sharing most of its words, or a new priority."""
    candidates = [(str(p.pk), f"{p.title} {p.aim}") for p in plan.priorities.all()]
    return {
        str(f.pk): rules.best_match(f.text, candidates) or NEW_PRIORITY for f in findings_to_match(inspection)
    }


@transaction.atomic
def update_plan_from_inspection(
    inspection: Inspection, plan: ImprovementPlan, *, by: Actor, today: date, matches: dict[str, str]
) -> tuple[int, int]:
    """A monitoring inspection's findings, as a person confirmed them: a finding matched to one of
    the plan's priorities is recorded against it (the priority's later findings, and a progress
    entry with the inspectors' judgement); the others become new priorities at the end of the plan.
    Every finding must be placed. Answers (recorded against existing, new priorities)."""
    findings = findings_to_match(inspection)
    priorities = {str(p.pk): p for p in plan.priorities.select_for_update()}
    problems = {}
    if plan.local_authority_id != inspection.local_authority_id:
        problems["plan"] = "The plan belongs to another council"
    if already_placed(inspection):
        problems["plan"] = "This inspection's findings have already been placed in a plan"
    for finding in findings:
        chosen = matches.get(str(finding.pk))
        if chosen != NEW_PRIORITY and chosen not in priorities:
            problems[f"finding_{finding.pk}"] = "Choose the priority this finding is about, or a new priority"
    if problems:
        raise InvalidStep.about(problems)
    matched = new = 0
    when = govuk_date(inspection.letter_date) if inspection.letter_date else "an undated letter"
    for finding in findings:
        chosen = matches[str(finding.pk)]
        if chosen == NEW_PRIORITY:
            number = (plan.priorities.order_by("-number").values_list("number", flat=True).first() or 0) + 1
            Priority.objects.create(plan=plan, finding=finding, number=number, title=finding.text)
            new += 1
            continue
        priority = priorities[chosen]
        PriorityFinding.objects.create(
            priority=priority, finding=finding, matched_on=today, matched_by=by.user
        )
        judged = {True: " Sufficient progress.", False: " Not enough progress."}.get(
            finding.sufficient_progress, ""
        )
        Update.objects.create(
            priority=priority,
            kind=Update.Kind.PROGRESS,
            text=f"Monitoring inspection ({when}): {_short(finding.text)}{judged}",
            recorded_on=today,
            recorded_by=by.user,
        )
        matched += 1
    return matched, new


@transaction.atomic
def edit_priority(
    priority: Priority, *, by: Actor, expected_version: int, changes: dict[str, object]
) -> Priority:
    for name, value in changes.items():
        setattr(priority, name, value)
    priority.save_versioned(expected_version=expected_version, fields=list(changes))
    return priority


@transaction.atomic
def add_priority(plan: ImprovementPlan, *, by: Actor, title: str, aim: str = "") -> Priority:
    number = (plan.priorities.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    return Priority.objects.create(plan=plan, number=number, title=title, aim=aim)


@transaction.atomic
def rate(priority: Priority, *, by: Actor, rag: str, on: date, reason: str) -> RagRating:
    return RagRating.objects.create(
        priority=priority, rag=rules.Rag(rag), rated_on=on, reason=reason, rated_by=by.user
    )


@transaction.atomic
def add_action(
    priority: Priority, *, by: Actor, text: str, owner: User, partner_agency: str, due_on: date
) -> Action:
    return Action.objects.create(
        priority=priority, text=text, owner=owner, partner_agency=partner_agency, due_on=due_on
    )


@transaction.atomic
def change_action(
    action: Action,
    *,
    by: Actor,
    expected_version: int,
    text: str,
    owner: User,
    partner_agency: str,
    due_on: date,
    reason: str,
    on: date,
) -> Action:
    """A plan manager rewords an action, hands it to someone else or moves its due date. What moved
    is written into the priority's progress with the reason, so the impact report keeps the history."""
    moves = []
    if due_on != action.due_on:
        moves.append(f"Due date moved from {govuk_date(action.due_on)} to {govuk_date(due_on)}.")
    if owner != action.owner:
        moves.append(f"Owner changed from {action.owner or 'nobody'} to {owner}.")
    action.text, action.owner, action.partner_agency, action.due_on = text, owner, partner_agency, due_on
    action.save_versioned(
        expected_version=expected_version, fields=["text", "owner", "partner_agency", "due_on"]
    )
    if moves:
        Update.objects.create(
            priority=action.priority,
            action=action,
            kind=Update.Kind.PROGRESS,
            text=" ".join([f"{action.text[:80]}:", *moves, reason.strip()]).strip(),
            recorded_on=on,
            recorded_by=by.user,
        )
    return action


@transaction.atomic
def update_action(
    action: Action, *, by: Actor, expected_version: int, status: str, note: str, on: date
) -> Action:
    """An owner or manager moves an action on; a note becomes a progress entry under its priority."""
    action.status = rules.ActionStatus(status)
    action.completed_on = on if action.status == rules.ActionStatus.COMPLETE else None
    action.save_versioned(expected_version=expected_version, fields=["status", "completed_on"])
    if note.strip():
        Update.objects.create(
            priority=action.priority,
            action=action,
            kind=Update.Kind.PROGRESS,
            text=note.strip(),
            recorded_on=on,
            recorded_by=by.user,
        )
    return action


@transaction.atomic
def withdraw_action(
    action: Action,
    *,
    by: Actor,
    today: date,
    expected_version: int,
    reason: str,
    merged_into: Action | None = None,
    note: str = "",
) -> Action:
    """A plan manager withdraws an action with a reason: no longer needed, or merged into another
    live action of the same plan. It stays on the plan, marked withdrawn, and no longer counts as
    to do; why is written into the priority's progress."""
    problems: dict[str, str] = {}
    if action.withdrawn:
        problems["reason"] = "This action has already been withdrawn"
    if reason not in {"no_longer_needed", "merged"}:
        problems["reason"] = "Choose why the action is being withdrawn"
    elif reason == "merged":
        if merged_into is None:
            problems["merged_into"] = "Choose the action it has been merged into"
        elif merged_into.pk == action.pk:
            problems["merged_into"] = "An action cannot be merged into itself"
        elif merged_into.withdrawn or merged_into.priority.plan_id != action.priority.plan_id:
            problems["merged_into"] = "Choose an action of this plan that has not been withdrawn"
    if problems:
        raise InvalidStep.about(problems)
    action.withdrawn_on = today
    action.withdrawn_reason = reason
    action.merged_into = merged_into if reason == "merged" else None
    action.withdrawn_note = note.strip()
    action.withdrawn_by = by.user
    action.save_versioned(
        expected_version=expected_version,
        fields=["withdrawn_on", "withdrawn_reason", "merged_into", "withdrawn_note", "withdrawn_by"],
    )
    said = (
        f"merged into “{merged_into.text[:80]}”" if merged_into and reason == "merged" else "no longer needed"
    )
    Update.objects.create(
        priority=action.priority,
        action=action,
        kind=Update.Kind.PROGRESS,
        text=" ".join([f"{action.text[:80]}: withdrawn, {said}.", note.strip()]).strip(),
        recorded_on=today,
        recorded_by=by.user,
    )
    return action


@transaction.atomic
def record_update(priority: Priority, *, by: Actor, kind: str, text: str, on: date) -> Update:
    return Update.objects.create(
        priority=priority, kind=Update.Kind(kind), text=text.strip(), recorded_on=on, recorded_by=by.user
    )


@transaction.atomic
def cite_measure(
    priority: Priority, *, by: Actor, key: str, target: Decimal | None = None
) -> PriorityMeasure:
    link, _ = PriorityMeasure.objects.update_or_create(
        priority=priority, key=key, defaults={"target": target}
    )
    return link
