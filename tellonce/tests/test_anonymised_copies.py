"""Anonymising a child's record under the retention schedule reaches the copies other apps keep of
what it said: the SEN2 return's kept findings (ADR 101)."""

from datetime import date

import pytest

from tellonce.conftest import acting
from tellonce.people.models import Child
from tellonce.records.services import anonymise_child
from tellonce.returns import services
from tellonce.returns.models import ReturnCheck, ReturnFinding
from tellonce.returns.tests.case_file import import_cases

pytestmark = pytest.mark.django_db


def test_anonymising_a_child_deletes_their_sen2_findings_and_counts_them_out(area, tmp_path):
    import_cases(tmp_path)
    child = Child.objects.get(external_ref="C1")
    Child.objects.filter(pk=child.pk).update(upn="", upn_unknown="")
    Child.objects.filter(external_ref="C2").update(upn="", upn_unknown="")
    kept = services.check_return(child.local_authority, 2026, by=area.users["manager"])
    assert ReturnFinding.objects.filter(child=child).exists()
    before = kept.failures
    assert before == ReturnFinding.objects.count() and before >= 2

    anonymise_child(child, by=acting(area.users["manager"]), today=date(2026, 11, 20))

    assert not ReturnFinding.objects.filter(child=child).exists()
    assert ReturnFinding.objects.filter(child__external_ref="C2").exists()  # another child's stay
    kept = ReturnCheck.objects.get(pk=kept.pk)
    assert kept.failures == ReturnFinding.objects.count() < before
