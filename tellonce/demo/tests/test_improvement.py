"""The demo area's inspection and plan: read by the real importer, with history the board can see."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from tellonce.accounts.models import User
from tellonce.improvement.models import (
    Action,
    Finding,
    ImprovementPlan,
    Inspection,
    PriorityFinding,
    RagRating,
    Update,
)


@pytest.mark.django_db
def test_the_demo_area_has_an_imported_inspection_and_a_year_of_plan_history(client):
    call_command("demo", children=200, seed=3, today=date(2026, 11, 22), stdout=StringIO())
    inspection = Inspection.objects.exclude(kind="monitoring").get()
    assert (inspection.framework, inspection.outcome, inspection.area) == (
        "2023",
        "inconsistent",
        "Northbridge",
    )
    assert inspection.findings.filter(kind=Finding.Kind.AREA_FOR_IMPROVEMENT).count() == 3
    plan = ImprovementPlan.objects.get()
    assert plan.priorities.count() == 3 and all(p.aim for p in plan.priorities.all())
    assert Action.objects.overdue_on(date(2026, 11, 22)).exists()
    assert RagRating.objects.count() == 15 and Update.objects.exists()
    (withdrawn,) = Action.objects.filter(withdrawn_on__isnull=False)
    assert withdrawn.withdrawn_reason == "merged" and withdrawn.merged_into.priority.plan == plan
    monitoring = Inspection.objects.get(kind="monitoring")
    assert PriorityFinding.objects.filter(finding__inspection=monitoring).count() == 2
    board = User.objects.get(username="board")
    assert board.check_password("tellonce-demo")
    client.force_login(board)
    assert client.get(f"/improvement/plans/{plan.pk}/").status_code == 200
