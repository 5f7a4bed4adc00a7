"""The SENCO's record of the graduated approach for a pupil on SEN support (Code of Practice
6.44-6.56, ADR 74): start a cycle (what was assessed, the outcomes planned, what is done, the
provision and its cost, when it will be reviewed), then record the review and its outcome. Each
step is versioned and on the child's timeline."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from tellonce.accounts.actors import Actor
from tellonce.core.refusals import InvalidStep
from tellonce.people.models import Child
from tellonce.people.services import record_event
from tellonce.sen_support.models import Cycle, CycleOutcome

CYCLE_FIELDS = ("started_on", "assess", "plan", "do", "provision", "cost", "review_by")


@transaction.atomic
def start_cycle(child: Child, *, by: Actor, today: date, details: dict[str, Any]) -> Cycle:
    """A new cycle for a pupil of the SENCO's school (the page has scoped the child)."""
    if set(details) != set(CYCLE_FIELDS):
        raise ValueError(f"A cycle needs exactly {CYCLE_FIELDS}")
    user = by.user
    if not user.setting_id or child.setting_id != user.setting_id:
        raise InvalidStep(["Only the SENCO of the pupil's school can record their SEN support"])
    problems = {}
    if details["started_on"] > today:
        problems["started_on"] = "The date the cycle started must be today or in the past"
    if details["review_by"] <= details["started_on"]:
        problems["review_by"] = "The review must be after the cycle starts"
    if Decimal(details["cost"]) < 0:
        problems["cost"] = "The cost cannot be less than £0"
    if problems:
        raise InvalidStep.about(problems)
    cycle = Cycle.objects.create(child=child, setting_id=user.setting_id, recorded_by=user, **details)
    record_event(
        child,
        by=by,
        what="SEN support: a cycle of assess, plan, do, review started",
        kind="sen_support",
        title="SEN support cycle started",
        occurred_on=details["started_on"],
    )
    return cycle


@transaction.atomic
def review_cycle(
    cycle: Cycle,
    *,
    by: Actor,
    expected_version: int,
    reviewed_on: date,
    review: str,
    outcome: str,
    today: date,
) -> Cycle:
    if cycle.reviewed_on:
        raise InvalidStep(["This cycle has been reviewed"])
    problems = {}
    if reviewed_on > today:
        problems["reviewed_on"] = "The review date must be today or in the past"
    elif reviewed_on < cycle.started_on:
        problems["reviewed_on"] = "The review cannot be before the cycle started"
    if not review.strip():
        problems["review"] = "Say what the review found"
    if outcome not in CycleOutcome.values:
        problems["outcome"] = "Select the outcome of the review"
    if problems:
        raise InvalidStep.about(problems)
    cycle.reviewed_on, cycle.review, cycle.outcome = reviewed_on, review.strip(), outcome
    cycle.save_versioned(expected_version=expected_version, fields=["reviewed_on", "review", "outcome"])
    record_event(
        cycle.child,
        by=by,
        what=f"SEN support reviewed: {cycle.get_outcome_display()}",
        kind="sen_support",
        title="SEN support cycle reviewed",
        occurred_on=reviewed_on,
    )
    return cycle
