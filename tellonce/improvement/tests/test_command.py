"""`tellonce import-inspection FILE [--json]`: prints the documented JSON and saves nothing, or
saves; a file it cannot use gets a clear message and nothing is saved."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tellonce.improvement.models import Finding, Inspection
from tellonce.organisations.tests.factories import LocalAuthorityFactory

FIXTURES = Path(__file__).parent / "fixtures"
DOCUMENTED = {
    "area",
    "letter_date",
    "inspection_dates",
    "previous_inspection_dates",
    "framework",
    "kind",
    "outcome",
    "written_statement_required",
    "significant_weaknesses",
    "revisit_judgements",
    "main_findings",
    "strengths",
    "areas_for_development",
    "effective",
    "needs_to_do_better",
    "areas_for_improvement",
    "areas_for_priority_action",
    "notes",
}


def _run(*args) -> str:
    out = StringIO()
    call_command("import-inspection", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_json_prints_the_documented_shape_and_saves_nothing():
    found = json.loads(_run(str(FIXTURES / "kent-2019.txt"), "--json"))
    assert set(found) == DOCUMENTED
    assert found["framework"] == "2016" and found["outcome"] == "written_statement_required"
    assert len(found["significant_weaknesses"]) == 9
    assert Inspection.objects.count() == 0


@pytest.mark.django_db
def test_without_json_the_report_is_saved_with_every_finding():
    la = LocalAuthorityFactory()
    out = _run(str(FIXTURES / "oldham-2023-framework.pdf"))
    inspection = Inspection.objects.get()
    assert inspection.local_authority == la and inspection.outcome == "widespread_failings"
    assert inspection.inspection_start.isoformat() == "2023-06-26"
    priority = inspection.findings.filter(kind=Finding.Kind.AREA_FOR_PRIORITY_ACTION)
    assert [f.responsible for f in priority] == [
        "Oldham Metropolitan Borough Council and NHS Greater Manchester ICB",
        "NHS Greater Manchester ICB and Oldham Metropolitan Borough Council",
    ]
    assert inspection.findings.filter(kind=Finding.Kind.AREA_FOR_IMPROVEMENT).count() == 3
    assert "Saved the full inspection of Oldham" in out and "Check: The report carries no date" in out


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", b"", "The file is empty"),
        ("report.pdf", b"%PDF-1.4 nonsense", "could not be read"),
        ("report.pdf", b"Minutes of the meeting.", "not a real PDF"),
        ("report.txt", b"Minutes of the meeting.\n\nNothing about SEND.", "does not look like"),
    ],
)
def test_a_file_it_cannot_use_is_refused_and_nothing_is_saved(tmp_path, name, content, message):
    LocalAuthorityFactory()
    bad = tmp_path / name
    bad.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        _run(str(bad))
    assert Inspection.objects.count() == 0


@pytest.mark.django_db
def test_a_missing_file_or_council_is_named(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        _run(str(tmp_path / "missing.pdf"))
    with pytest.raises(CommandError, match="--council"):
        _run(str(FIXTURES / "kent-2019.txt"))
    assert Inspection.objects.count() == 0
