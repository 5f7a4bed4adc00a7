"""Advice: who sees which request, giving advice with documents, accepting and returning it,
reminders that are never sent twice, and timeliness for the right people."""

import html
import io
from datetime import date

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from tellonce.accounts.tests.factories import UserFactory
from tellonce.advice import services as advice_services
from tellonce.advice.models import AdviceRequest, Document, Submission
from tellonce.assessments import services as case_services
from tellonce.audit.models import AccessEvent, Action
from tellonce.conftest import AGGREGATE_READERS, REFUSED, ROLES, acting
from tellonce.core.notify import NotifyEmailBackend
from tellonce.core.tests import files

TODAY = date(2026, 11, 22)
PDF = files.pdf()


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(date(2026, 11, 22), tick=False):
        yield


@pytest.fixture
def advice(area):
    by = area.users["coordinator"]
    case = case_services.record_request(
        area.child, by=acting(by), received_on=date(2026, 9, 1), requested_by="parent", today=TODAY
    )
    case_services.decide_to_assess(
        case, by=acting(by), notified_on=date(2026, 10, 1), expected_version=1, today=TODAY
    )
    team = area.users["therapist asked to help"].team
    return case_services.request_advice(
        case, by=acting(by), service="speech_and_language_therapy", team=team, requested_on=date(2026, 10, 5)
    )


def _give(client, advice, *, files=(), **overrides):
    data = {
        "version": advice.version,
        "needs": "Difficulty following two-step instructions",
        "outcomes": "By July 2027, to follow two-step instructions in class",
        "provision-TOTAL_FORMS": "3",
        "provision-INITIAL_FORMS": "0",
        "provision-0-what": "Small-group language sessions",
        "provision-0-who": "Teaching assistant trained by SLT",
        "provision-0-how_often": "Three times a week",
        "provision-0-how_long": "30 minutes, for two terms",
        "assessed_on-day": "20",
        "assessed_on-month": "10",
        "assessed_on-year": "2026",
    }
    data.update(overrides)
    if files:
        data["documents"] = list(files)
    return client.post(f"/advice/{advice.pk}/give/", data)


SEES = {
    "coordinator",
    "other coordinator",
    "manager",
    "quality lead",
    "analyst",
    "administrator",
    "therapist asked to help",
}
ANSWERS = {"therapist asked to help"}
DECIDES = {"coordinator", "manager"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", ["/advice/{pk}/", "/advice/{pk}/give/", "/advice/{pk}/decide/"])
def test_advice_pages_answer_200_in_scope_and_404_outside_it(client, area, advice, role, path):
    client.force_login(area.users[role])
    allowed = {"/advice/{pk}/": SEES, "/advice/{pk}/give/": ANSWERS, "/advice/{pk}/decide/": DECIDES}[path]
    assert client.get(path.format(pk=advice.pk)).status_code in ({200} if role in allowed else REFUSED)


@pytest.mark.parametrize("role", ROLES)
def test_a_professional_sees_only_requests_for_their_team_in_their_inbox(client, area, advice, role):
    client.force_login(area.users[role])
    response = client.get("/advice/")
    inbox_roles = {
        "SENCO at the school",
        "SENCO elsewhere",
        "therapist asked to help",
        "therapist not asked",
        "paediatrician asked by name",
    }
    assert response.status_code in ({200} if role in inbox_roles else REFUSED)
    if response.status_code == 200:
        assert (area.child.full_name in response.content.decode()) == (role in ANSWERS)


def test_a_parent_sees_advice_about_their_child_only_once_it_is_accepted(client, area, advice):
    client.force_login(area.users["therapist asked to help"])
    assert _give(client, advice).status_code == 302
    client.force_login(area.users["parent"])
    assert client.get(f"/advice/{advice.pk}/").status_code == 404
    client.force_login(area.users["coordinator"])
    advice.refresh_from_db()
    client.post(f"/advice/{advice.pk}/decide/", {"version": advice.version, "decision": "accept"})
    client.force_login(area.users["parent"])
    page = client.get(f"/advice/{advice.pk}/")
    assert page.status_code == 200 and "Small-group language sessions" in page.content.decode()
    client.force_login(area.users["parent of another child"])
    assert client.get(f"/advice/{advice.pk}/").status_code == 404


def test_advice_returned_with_reasons_keeps_its_history_and_is_resubmitted_then_accepted(
    client, area, advice
):
    therapist, coordinator = area.users["therapist asked to help"], area.users["coordinator"]
    client.force_login(therapist)
    _give(client, advice)
    client.force_login(coordinator)
    advice.refresh_from_db()
    missing = client.post(f"/advice/{advice.pk}/decide/", {"version": advice.version, "decision": "return"})
    assert "Enter the reasons for returning the advice" in missing.content.decode()
    client.post(
        f"/advice/{advice.pk}/decide/",
        {"version": advice.version, "decision": "return", "reasons": "Provision is not quantified"},
    )
    advice.refresh_from_db()
    assert advice.status == "returned" and advice.received_on is None
    client.force_login(therapist)
    assert "Provision is not quantified" in client.get(f"/advice/{advice.pk}/give/").content.decode()
    _give(client, advice, **{"provision-0-how_often": "Three 30-minute sessions a week"})
    client.force_login(coordinator)
    advice.refresh_from_db()
    client.post(f"/advice/{advice.pk}/decide/", {"version": advice.version, "decision": "accept"})
    advice.refresh_from_db()
    assert advice.status == "accepted" and advice.received_on == TODAY and advice.on_time(TODAY) is False
    assert list(advice.submissions.values_list("number", "status", "return_reasons")) == [
        (1, "returned", "Provision is not quantified"),
        (2, "accepted", ""),
    ]
    assert (
        AccessEvent.objects.filter(
            child_id=area.child.pk, action=Action.CHANGE, what__icontains="advice"
        ).count()
        == 5
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.exe", b"MZ\x90\x00", "report.exe must be a PDF or a Word document (.pdf or .docx)"),
        ("report.pdf", b"not really a pdf", "report.pdf is not a real PDF"),
        ("report.pdf", files.html_calling_itself_a_pdf(), "report.pdf is not a real PDF"),
        (
            "report.pdf",
            files.pdf(open_action_js="app.alert(1)"),
            "report.pdf contains an action run when it is opened, which is not allowed",
        ),
        ("report.docx", b"PK\x03\x04 broken", "report.docx is not a real Word document"),
        ("notes.docx", files.docm_file(), "notes.docx contains macros, which are not allowed"),
        ("notes.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "notes.doc must be a PDF or a Word document"),
        ("big.pdf", PDF + b"0" * (10 * 1024 * 1024), "big.pdf must be smaller than 10MB"),
    ],
)
def test_a_bad_document_is_refused_and_nothing_is_saved(client, area, advice, name, content, message):
    client.force_login(area.users["therapist asked to help"])
    response = _give(client, advice, files=[SimpleUploadedFile(name, content)])
    page = response.content.decode()
    assert response.status_code == 200 and html.escape(message) in page
    assert "Difficulty following two-step instructions" in page  # what was typed is kept
    advice.refresh_from_db()
    assert advice.status == "requested" and not Submission.objects.exists() and not Document.objects.exists()


def test_a_word_document_that_inflates_to_a_gibibyte_is_refused_and_nothing_is_saved(client, area, advice):
    client.force_login(area.users["therapist asked to help"])
    response = _give(client, advice, files=[SimpleUploadedFile("notes.docx", files.docx_bomb())])
    assert "notes.docx is too big when opened: it must be smaller than 50MB" in response.content.decode()
    assert not Submission.objects.exists() and not Document.objects.exists()


def test_an_assessment_date_in_the_future_or_missing_needs_is_refused(client, area, advice):
    client.force_login(area.users["therapist asked to help"])
    response = _give(client, advice, needs="", **{"assessed_on-year": "2027"})
    page = response.content.decode()
    assert "Describe the child or young person" in page and "must be today or in the past" in page
    incomplete = _give(client, advice, **{"provision-1-what": "Speech therapy"})
    assert "Enter who delivers it" in incomplete.content.decode()
    assert not Submission.objects.exists()


def test_advice_for_a_request_not_sent_to_you_is_refused(client, area, advice):
    client.force_login(area.users["therapist not asked"])
    assert _give(client, advice).status_code == 404
    assert not Submission.objects.exists()


def test_documents_are_stored_and_served_only_to_those_who_may_see_them(client, area, advice):
    client.force_login(area.users["therapist asked to help"])
    _give(
        client,
        advice,
        files=[
            SimpleUploadedFile("report.pdf", PDF, "application/pdf"),
            SimpleUploadedFile("notes.docx", files.docx_file(), "application/msword"),
        ],
    )
    docs = list(Document.objects.order_by("original_name"))
    assert [d.original_name for d in docs] == ["notes.docx", "report.pdf"]
    response = client.get(f"/advice/documents/{docs[1].pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    # Not asked, or the advice is not yet accepted: not theirs (404); the board reads no advice (403).
    for role, refused in (("therapist not asked", 404), ("parent", 404), ("board member", 403)):
        client.force_login(area.users[role])
        assert client.get(f"/advice/documents/{docs[1].pk}/").status_code == refused


def test_the_reminder_command_sends_each_reminder_once(area, advice):
    team = advice.team
    team.email = "slt@example.org"
    team.save()
    call_command("send-advice-reminders", stdout=io.StringIO())
    call_command("send-advice-reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1  # due 16 Nov: overdue on 22 Nov
    assert mail.outbox[0].to == ["slt@example.org"] and "overdue" in mail.outbox[0].subject
    with time_machine.travel(date(2026, 12, 5), tick=False):
        call_command("send-advice-reminders", stdout=io.StringIO())
        call_command("send-advice-reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 2 and "2 weeks late" in mail.outbox[1].subject


def test_no_reminder_goes_for_advice_already_submitted(area, advice, client):
    advice.team.email = "slt@example.org"
    advice.team.save()
    client.force_login(area.users["therapist asked to help"])
    _give(client, advice)
    call_command("send-advice-reminders", stdout=io.StringIO())
    assert mail.outbox == []


def test_the_notify_backend_sends_each_recipient_through_the_notify_client(settings):
    settings.TELLONCE_NOTIFY_TEMPLATE_ID = "template-1"
    calls = []

    class FakeClient:
        def send_email_notification(self, **kwargs):
            calls.append(kwargs)

    backend = NotifyEmailBackend(client=FakeClient())
    message = mail.EmailMessage(
        "Advice is overdue", "Body text", "from@example.org", ["a@example.org", "b@example.org"]
    )
    assert backend.send_messages([message]) == 2
    assert calls[0] == {
        "email_address": "a@example.org",
        "template_id": "template-1",
        "personalisation": {"subject": "Advice is overdue", "body": "Body text"},
    }


@pytest.mark.parametrize("role", ROLES)
def test_timeliness_is_for_council_staff_the_dco_and_the_board_who_cannot_drill_down(
    client, area, advice, role
):
    client.force_login(area.users[role])
    readers = AGGREGATE_READERS
    assert client.get("/advice/timeliness/").status_code in ({200} if role in readers else REFUSED)
    drill = client.get(
        "/advice/timeliness/cases/", {"group": "service", "key": "Speech and language therapy"}
    )
    assert drill.status_code in ({200} if role in readers - {"board member"} else REFUSED)


def test_the_dco_sees_health_services_only(client, area, advice):
    by = area.users["coordinator"]
    case_services.request_advice(
        advice.assessment, by=acting(by), service="educational_psychology", requested_on=date(2026, 10, 5)
    )
    therapist = area.users["therapist asked to help"]
    advice_services.submit_advice(
        advice,
        by=acting(therapist),
        expected_version=advice.version,
        needs="Needs",
        outcomes="Outcomes",
        assessed_on=date(2026, 10, 20),
        provision=[],
        files=[],
        today=date(2026, 11, 2),
    )
    advice.refresh_from_db()
    advice_services.accept_advice(
        advice, by=acting(by), expected_version=advice.version, today=date(2026, 11, 3)
    )
    dco = UserFactory(role="dco", local_authority=area.child.local_authority)
    client.force_login(dco)
    page = client.get("/advice/timeliness/", {"group": "service"}).content.decode()
    assert "Speech and language therapy" in page and "Educational psychology" not in page
    chart = page[page.index('aria-label="Chart of the percentage') :]
    assert chart.index("<svg") < chart.index("</div>")
    cases = client.get(
        "/advice/timeliness/cases/", {"group": "service", "key": "Speech and language therapy"}
    )
    assert area.child.full_name in cases.content.decode()
    assert AdviceRequest.objects.count() == 2


def test_a_caseworker_records_a_lawful_advice_exception_and_others_cannot(client, area, advice):
    url = f"/advice/{advice.pk}/exception/"
    client.force_login(area.users["therapist asked to help"])
    assert client.get(url).status_code == 403
    client.force_login(area.users["coordinator"])
    form = client.get(url).content.decode()
    assert "missed an appointment" in form and "closed for 4 weeks" not in form  # reg 8(2) reasons only
    data = {"reason": "MISSED_APPT", "starts_on-day": "20", "starts_on-month": "10", "starts_on-year": "2026"}
    assert client.post(url, data).status_code == 302
    assert list(advice.exceptions.values_list("reason", flat=True)) == ["MISSED_APPT"]
    assert "missed an appointment" in client.get(f"/advice/{advice.pk}/").content.decode()
