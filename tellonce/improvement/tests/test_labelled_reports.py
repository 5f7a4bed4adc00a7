"""The importer against twelve published reports labelled by hand (tests/reports/labels.json):
every area for improvement and for priority action must come out whole (recall at least 98%,
precision at least 95%), and each report's outcome and area's name right."""

import json
from pathlib import Path

import pytest
from django.test import override_settings

from tellonce.domain.inspection import parse_report
from tellonce.domain.inspection.scoring import Score, comparable, score
from tellonce.improvement.reading import read_report

REPORTS = Path(__file__).parent / "reports"
LABELS = json.loads((REPORTS / "labels.json").read_text())
KINDS = ("areas_for_priority_action", "areas_for_improvement")


@pytest.fixture(scope="module")
def found() -> dict[str, dict]:
    """Each report read as a council's upload is, with a time limit wide enough for a machine busy
    with other tests: the limit itself is tested in test_reports.py, the reading here."""
    out = {}
    for label in LABELS:
        with override_settings(TELLONCE_PDF_SECONDS=180):
            read = read_report((REPORTS / label["file"]).read_bytes(), filename=label["file"])
        out[label["file"]] = parse_report(read.text, document_date=read.document_date).as_json()
    return out


def test_the_labelled_set_has_twelve_reports_with_and_without_areas_for_priority_action():
    assert len(LABELS) >= 12
    assert {label["outcome"] for label in LABELS} == {"inconsistent", "widespread_failings"}


@pytest.mark.parametrize("label", LABELS, ids=lambda label: label["file"])
def test_each_labelled_report_gives_its_outcome_and_area(found, label):
    got = found[label["file"]]
    assert (got["outcome"], got["area"]) == (label["outcome"], label["area"])


def test_areas_come_out_whole_with_recall_of_98_and_precision_of_95_per_cent(found):
    total = Score(0, 0, 0)
    for label in LABELS:
        for kind in KINDS:
            listed = [comparable(a["text"], a["parts"]) for a in label[kind]]
            total = total + score(listed, [comparable(a["text"]) for a in found[label["file"]][kind]])
    assert total.listed >= 70
    assert total.recall >= 0.98, f"recall {total.recall:.1%}"
    assert total.precision >= 0.95, f"precision {total.precision:.1%}"


@pytest.mark.parametrize("label", LABELS, ids=lambda label: label["file"])
def test_an_area_with_bullets_keeps_them_as_its_parts(found, label):
    for kind in KINDS:
        with_parts = [a for a in label[kind] if a["parts"]]
        got = {comparable(a["text"]): a["text"] for a in found[label["file"]][kind]}
        for area in with_parts:
            text = got[comparable(area["text"], area["parts"])]
            assert text.count("\n- ") == len(area["parts"])
