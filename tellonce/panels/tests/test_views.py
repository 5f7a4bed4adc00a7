"""The panel's pages against every role, the forms' errors, the letter and its files, and the
access log of the children the pages show."""

from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from tellonce.assessments.models import AssessmentRequest
from tellonce.audit.models import AccessEvent, Action
from tellonce.conftest import REFUSED, ROLES, acting
from tellonce.core.tests import files
from tellonce.panels import services
from tellonce.panels.models import PanelCase, PanelDecision, Paper
from tellonce.panels.tests.builders import panel_for, request_for

TODAY = date(2026, 11, 20)
MET = date(2026, 11, 12)
CASEWORKERS = {"coordinator", "manager"}
PANEL_READERS = {"coordinator", "other coordinator", "manager", "quality lead"}


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def put(area):
    panel, members, meeting = panel_for(area, held_on=MET, today=TODAY)
    case = request_for(area, received_on=date(2026, 10, 1), today=TODAY)
    return services.put_case(meeting, case, by=acting(area.users["coordinator"]), today=TODAY, kind="assess")


def _decided(area, put, outcome="refused"):
    return services.record_decision(
        put,
        by=acting(area.users["coordinator"]),
        today=TODAY,
        expected_version=put.version,
        outcome=outcome,
        reasons="Needs can be met from the school's resources.",
        notified_on=date(2026, 11, 13),
        advice_to_setting="Use the speech and language programme daily.",
    )


@pytest.mark.parametrize("role", ROLES)
def test_the_panel_pages_are_for_council_caseworkers_and_panel_readers(client, area, put, role):
    client.force_login(area.users[role])
    readers = PANEL_READERS
    for path in (
        "/panels/",
        f"/panels/{put.meeting.panel_id}/",
        f"/panels/meetings/{put.meeting_id}/",
        f"/panels/cases/{put.pk}/",
        f"/panels/assessments/{put.assessment_id}/",
    ):
        assert client.get(path).status_code in ({200} if role in readers else REFUSED), path


@pytest.mark.parametrize("role", ROLES)
def test_only_the_childs_caseworkers_record_the_decision(client, area, put, role):
    client.force_login(area.users[role])
    for path in (f"/panels/cases/{put.pk}/decision/", f"/panels/assessments/{put.assessment_id}/new/"):
        assert client.get(path).status_code in ({200} if role in CASEWORKERS else REFUSED), path


@pytest.mark.parametrize("role", ROLES)
def test_only_the_manager_sets_up_panels_members_and_meetings(client, area, put, role):
    client.force_login(area.users[role])
    panel = put.meeting.panel_id
    for path in ("/panels/new/", f"/panels/{panel}/members/new/", f"/panels/{panel}/meetings/new/"):
        assert client.get(path).status_code in ({200} if role == "manager" else REFUSED), path


def test_a_manager_adds_a_panel_a_member_and_a_meeting(client, area):
    client.force_login(area.users["manager"])
    response = client.post(
        "/panels/new/", {"name": "Placement and resources panel", "decides": ["placement"]}
    )
    assert response.status_code == 302
    from tellonce.panels.models import Panel

    panel = Panel.objects.get(name="Placement and resources panel")
    client.post(f"/panels/{panel.pk}/members/new/", {"name": "Jo Bell", "agency": "health", "role": "DCO"})
    client.post(
        f"/panels/{panel.pk}/meetings/new/",
        {"held_on-day": "7", "held_on-month": "1", "held_on-year": "2027"},
    )
    assert panel.members.get().name == "Jo Bell"
    assert panel.meetings.get().held_on == date(2027, 1, 7)
    page = client.get(f"/panels/{panel.pk}/").content.decode()
    assert "Jo Bell" in page and "7 January 2027" in page


def test_a_coordinator_puts_a_case_with_a_paper_to_a_coming_meeting(client, area, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    panel, members, meeting = panel_for(area, held_on=date(2026, 12, 3), today=TODAY)
    case = request_for(area, received_on=date(2026, 10, 1), today=TODAY)
    client.force_login(area.users["coordinator"])
    paper = SimpleUploadedFile("school-evidence.pdf", files.pdf(), content_type="application/pdf")
    response = client.post(
        f"/panels/assessments/{case.pk}/new/",
        {"meeting": str(meeting.pk), "kind": "assess", "summary": "Decide whether to assess", "paper": paper},
    )
    assert response.status_code == 302
    put = PanelCase.objects.get(assessment=case)
    assert put.papers.get().original_name == "school-evidence.pdf"
    download = client.get(f"/panels/papers/{put.papers.get().pk}/")
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    assert AccessEvent.objects.filter(user=area.users["coordinator"], action=Action.EXPORT).exists()


def test_a_paper_that_is_not_a_pdf_or_word_document_is_refused_and_nothing_is_put(client, area):
    panel, members, meeting = panel_for(area, held_on=date(2026, 12, 3), today=TODAY)
    case = request_for(area, received_on=date(2026, 10, 1), today=TODAY)
    client.force_login(area.users["coordinator"])
    fake = SimpleUploadedFile("evidence.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client.post(
        f"/panels/assessments/{case.pk}/new/", {"meeting": str(meeting.pk), "kind": "assess", "paper": fake}
    )
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    assert not PanelCase.objects.exists() and not Paper.objects.exists()


def test_the_decision_form_says_what_is_missing_and_keeps_what_was_typed(client, area, put):
    client.force_login(area.users["coordinator"])
    response = client.post(
        f"/panels/cases/{put.pk}/decision/",
        {"version": put.version, "outcome": "agreed", "reasons": "Complex needs"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter the date the family was told the decision" in page and "Complex needs" in page
    assert not PanelDecision.objects.exists()


def test_a_decision_recorded_on_the_page_shows_on_the_case_and_on_the_assessment(client, area, put):
    client.force_login(area.users["coordinator"])
    response = client.post(
        f"/panels/cases/{put.pk}/decision/",
        {
            "version": put.version,
            "outcome": "agreed",
            "reasons": "Complex needs",
            "notified_on-day": "13",
            "notified_on-month": "11",
            "notified_on-year": "2026",
        },
    )
    assert response.status_code == 302
    assert AssessmentRequest.objects.get(pk=put.assessment_id).decision == "assess"
    assert "Complex needs" in client.get(f"/panels/cases/{put.pk}/").content.decode()
    assert "Agreed" in client.get(f"/panels/assessments/{put.assessment_id}/").content.decode()


def test_the_letter_gives_the_reasons_rights_appeal_date_and_the_advice_service(client, area, put):
    _decided(area, put)
    client.force_login(area.users["coordinator"])
    page = client.get(f"/panels/cases/{put.pk}/letter/").content.decode()
    assert "not to carry out an education, health and care (EHC) needs assessment" in page
    assert "Needs can be met from the school" in page
    assert "mediation adviser by 13 January 2027" in page
    assert "last day to appeal is 13 January 2027" in page
    assert "SENDIASS" in page and "speech and language programme daily" in page


def test_the_letter_downloads_as_pdf_and_word_and_each_download_is_logged(client, area, put):
    _decided(area, put)
    client.force_login(area.users["coordinator"])
    for extension, start in (("pdf", b"%PDF"), ("docx", b"PK")):
        response = client.get(f"/panels/cases/{put.pk}/letter.{extension}")
        assert response.status_code == 200 and response.content.startswith(start)
    exports = AccessEvent.objects.filter(
        user=area.users["coordinator"], child_id=area.child.pk, action=Action.EXPORT
    )
    assert exports.count() == 2


def test_the_letter_is_recorded_as_sent_and_shows_on_the_case(client, area, put):
    decision = _decided(area, put)
    client.force_login(area.users["coordinator"])
    response = client.post(
        f"/panels/cases/{put.pk}/letter/sent/",
        {"version": decision.version, "sent_on-day": "14", "sent_on-month": "11", "sent_on-year": "2026"},
    )
    assert response.status_code == 302
    page = client.get(f"/panels/cases/{put.pk}/").content.decode()
    assert "Sent on 14 November 2026" in page and "Look again by" in page and "12 May 2027" in page


def test_the_meeting_warns_when_it_was_not_quorate(client, area):
    panel, members, meeting = panel_for(area, held_on=MET, today=TODAY, quorate=False)
    client.force_login(area.users["coordinator"])
    data = {"version": meeting.version} | {f"member_{m.pk}": "present" for m in members}
    assert client.post(f"/panels/meetings/{meeting.pk}/attendance/", data).status_code == 302
    page = client.get(f"/panels/meetings/{meeting.pk}/").content.decode()
    assert "not quorate: nobody from social care was present" in page


def test_the_agenda_lists_its_children_in_the_access_log(client, area, put):
    user = area.users["quality lead"]
    client.force_login(user)
    page = client.get(f"/panels/meetings/{put.meeting_id}/").content.decode()
    assert area.child.full_name in page
    assert AccessEvent.objects.filter(user=user, child_id=area.child.pk, action=Action.LISTED).exists()
