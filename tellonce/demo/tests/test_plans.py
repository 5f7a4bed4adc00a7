"""The demo area's plans: every child with a plan has one, drafts are in progress for open
assessments, and the spread of quality is wide enough that every automatic finding occurs."""

from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from tellonce.domain.plan_quality import CHECKS
from tellonce.people.models import Child
from tellonce.plans.models import Plan, PlanVersion, Status

TODAY = date(2026, 11, 22)


@pytest.mark.django_db
def test_every_child_with_a_plan_has_one_and_every_finding_occurs():
    call_command("demo", children=2500, seed=3, today=TODAY, stdout=StringIO())
    with_plan = set(Child.objects.filter(sen_status="EHC_PLAN").values_list("pk", flat=True))
    issued = set(
        Plan.objects.filter(versions__status=Status.ISSUED).values_list("child_id", flat=True).distinct()
    )
    assert with_plan <= issued
    assert PlanVersion.objects.filter(status=Status.WORKING).exists()
    assert PlanVersion.objects.filter(
        status=Status.SERVED, kind="draft", plan__versions__status=Status.ISSUED
    ).exists()
    versions = PlanVersion.objects.select_related("plan__child__setting").prefetch_related("sections")
    found = Counter(f.code for version in versions for f in version.findings(TODAY))
    assert set(found) == set(CHECKS), f"never found: {set(CHECKS) - set(found)}"
    clean = sum(1 for v in versions.filter(status=Status.ISSUED) if not v.findings(TODAY))
    assert clean > 0
