"""Allocating children to EHC coordinators: the child, its open assessments and its plan move
together, and the family is told who their coordinator now is."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction

from tellonce.accounts.actors import Actor
from tellonce.assessments import services as assessments
from tellonce.core.refusals import InvalidStep
from tellonce.people import services as people
from tellonce.plans import services as plans


@transaction.atomic
def allocate(children: Iterable[Any], *, to: Any, by: Actor, today: date) -> int:
    chosen = list(children)
    if not chosen:
        raise InvalidStep.about({"children": "Choose at least one child"})
    moved = people.move_caseload(chosen, to=to, by=by, today=today)
    ids = [child.pk for child in chosen]
    assessments.follow_child_coordinator(ids)
    plans.follow_child_coordinator(ids)
    return moved
