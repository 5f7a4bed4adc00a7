"""The codes the checks last found are kept twice (ADR 83): on each version (`finding_codes`) and
as one `VersionFinding` row a code, which the quality overview and the partnership count. Over a
demo area the rows are every version's list exactly, the SQL tally over the rows is the domain's
tally over the lists, and the nightly `check-plans` and the migration's fill put the rows right."""

import importlib
from collections import defaultdict
from datetime import date
from io import StringIO

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command

from tellonce.domain import plan_quality
from tellonce.plans import measures
from tellonce.plans.models import PlanVersion, Status, VersionFinding

TODAY = date(2026, 11, 20)


def _rows() -> dict:
    held = defaultdict(set)
    for version_id, code in VersionFinding.objects.values_list("plan_version_id", "code"):
        held[version_id].add(code)
    return dict(held)


def _lists() -> dict:
    return {pk: set(codes) for pk, codes in PlanVersion.objects.values_list("pk", "finding_codes") if codes}


@pytest.fixture
def demo_area(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("demo", children=80, seed=3, today=TODAY, stdout=StringIO())
    with time_machine.travel(TODAY, tick=False):
        yield


def test_every_version_of_the_demo_has_one_row_for_each_code_on_its_list(demo_area):
    lists = _lists()
    assert sum(map(len, lists.values())) > 50, "the demo found too few codes to check anything"
    assert PlanVersion.objects.filter(status=Status.SERVED).exists()  # drafts and amendments too
    assert _rows() == lists
    in_force = PlanVersion.objects.in_force(TODAY).filter(source="tellonce")
    for versions in (in_force, PlanVersion.objects.all(), PlanVersion.objects.filter(status=Status.SERVED)):
        assert measures.tally(versions) == plan_quality.tally(
            versions.values_list("finding_codes", "findings_checked_on")
        )
    assert measures.tally(in_force).plans == in_force.count() > 0


def test_the_nightly_check_puts_right_rows_that_were_lost_or_added(demo_area):
    superseded = PlanVersion.objects.filter(status=Status.ISSUED).exclude(
        pk__in=PlanVersion.objects.in_force(TODAY).values("pk")
    )
    older = superseded.exclude(finding_codes=[]).first()
    assert older is not None
    VersionFinding.objects.filter(plan_version__in=PlanVersion.objects.in_force(TODAY)).delete()
    VersionFinding.objects.filter(plan_version=older).delete()
    VersionFinding.objects.create(plan_version=superseded.first(), code="a_code_never_found")
    out = StringIO()
    call_command("check-plans", stdout=out)
    assert "Put right the findings kept for 2 versions not checked tonight." in out.getvalue()
    assert _rows() == _lists()


def test_the_migrations_fill_writes_the_rows_of_every_version_and_may_run_again(demo_area, monkeypatch):
    fill = importlib.import_module("tellonce.plans.migrations.0012_fill_version_findings").fill
    expected = _rows()
    VersionFinding.objects.all().delete()
    monkeypatch.setenv("TELLONCE_BACKFILL_BATCH", "7")  # many batches
    fill(apps, None)
    assert _rows() == expected == _lists()
    fill(apps, None)  # rows already there are left as they are
    assert VersionFinding.objects.count() == sum(map(len, expected.values()))
