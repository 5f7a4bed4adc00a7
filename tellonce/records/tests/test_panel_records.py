"""The panel's records of a child are in the subject access file and lose their words on disposal."""

import io
import json
import zipfile
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from tellonce.conftest import acting
from tellonce.core.tests import files
from tellonce.panels import services as panels
from tellonce.panels.models import PanelCase, PanelDecision, Paper
from tellonce.panels.tests.builders import panel_for, request_for
from tellonce.records import subject_access
from tellonce.records.services import anonymise_child

TODAY = date(2026, 11, 20)


def _decided(area):
    panel, members, meeting = panel_for(area, held_on=date(2026, 11, 12), today=TODAY)
    case = request_for(area, received_on=date(2026, 10, 1), today=TODAY)
    by = acting(area.users["coordinator"])
    paper = SimpleUploadedFile("school-evidence.pdf", files.pdf(), content_type="application/pdf")
    put = panels.put_case(
        meeting, case, by=by, today=TODAY, kind="assess", summary="Asked by the school", paper=paper
    )
    return panels.record_decision(
        put,
        by=by,
        today=TODAY,
        expected_version=put.version,
        outcome="refused",
        reasons="Needs can be met at SEN support.",
        notified_on=date(2026, 11, 13),
        advice_to_setting="A daily language programme.",
    )


def test_the_subject_access_file_holds_the_panels_cases_papers_and_decisions(area, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _decided(area)
    out = io.BytesIO()
    subject_access.write(area.child, out, today=TODAY)
    archive = zipfile.ZipFile(out)
    decisions = json.loads(archive.read("panel-decisions.json"))
    assert [d["reasons"] for d in decisions] == ["Needs can be met at SEN support."]
    assert json.loads(archive.read("panel-cases.json"))[0]["summary"] == "Asked by the school"
    papers = [name for name in archive.namelist() if name.startswith("panel-papers/")]
    assert len(papers) == 1 and archive.read(papers[0]).startswith(b"%PDF")


def test_disposal_keeps_the_panels_decision_without_its_words_or_papers(area, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    decision = _decided(area)
    anonymise_child(area.child, by=acting(area.users["manager"]), today=TODAY)
    decision = PanelDecision.objects.get(pk=decision.pk)
    assert (decision.outcome, decision.reasons, decision.advice_to_setting) == ("refused", "", "")
    assert PanelCase.objects.get(pk=decision.case_id).summary == ""
    assert not Paper.objects.exists() and not list(tmp_path.rglob("*.pdf"))
