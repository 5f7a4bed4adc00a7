"""A request from the first page to "check your answers" and sent: each answer saved as it is
given, every error in the Design System's words with nothing typed lost, save and come back."""

import html
from datetime import date

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from tellonce.front_door.models import OnlineRequest, Status

TODAY = date(2026, 11, 20)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(date(2026, 11, 20), tick=False):
        yield


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _step(client, draft, step, data, **extra):
    draft.refresh_from_db()
    return client.post(
        f"/requests/{draft.pk}/{step}/", {"version": draft.version, "action": "continue", **data}, **extra
    )


def _start(client) -> OnlineRequest:
    response = client.post("/requests/new/")
    assert response.status_code == 302
    return OnlineRequest.objects.get(pk=response["Location"].split("/")[2])


def test_a_parent_answers_every_question_and_sends_the_request(client, area):
    parent = area.users["parent"]
    client.force_login(parent)
    draft = _start(client)
    assert draft.local_authority == area.child.local_authority
    assert _step(client, draft, "who", {"child": "someone-else"}).status_code == 302
    assert _step(client, draft, "name", {"given_name": "Noor", "family_name": "Haddad"})["Location"].endswith(
        "/date-of-birth/"
    )
    _step(
        client,
        draft,
        "date-of-birth",
        {"date_of_birth-day": "2", "date_of_birth-month": "5", "date_of_birth-year": "2017"},
    )
    _step(client, draft, "identifiers", {"nhs_number": "", "upn": ""})
    _step(client, draft, "address", {"address": "4 Mill Lane", "postcode": "nb3 4qt"})
    _step(client, draft, "setting", {"current_setting": "Riverside Primary"})
    _step(client, draft, "reason", {"reason": "She cannot follow lessons"})
    _step(client, draft, "support", {"support_tried": "Small group reading"})
    assert _step(client, draft, "evidence", {})["Location"].endswith("/views/")
    _step(client, draft, "views", {"family_views": "We want her to stay at her school"})
    _step(
        client,
        draft,
        "language",
        {"first_language": "Arabic", "interpreter_needed": "yes", "interpreter_language": "Arabic"},
    )
    assert _step(client, draft, "consent", {"consent_to_share": "on"})["Location"].endswith("/check/")
    page = _text(client.get(f"/requests/{draft.pk}/check/"))
    assert "Noor Haddad" in page and "2 May 2017" in page and "NB3 4QT" in page
    draft.refresh_from_db()
    response = client.post(f"/requests/{draft.pk}/check/", {"version": draft.version})
    assert response["Location"] == f"/requests/{draft.pk}/"
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED and draft.submitted_on == TODAY
    assert mail.outbox == []  # the family asked themselves
    detail = _text(client.get(f"/requests/{draft.pk}/"))
    assert "1 January 2027" in detail  # 6 weeks from 20 November 2026


def test_a_wrong_answer_is_shown_with_its_message_and_what_was_typed_is_kept(client, area):
    client.force_login(area.users["parent"])
    draft = _start(client)
    response = _step(
        client,
        draft,
        "date-of-birth",
        {"date_of_birth-day": "31", "date_of_birth-month": "2", "date_of_birth-year": "2017"},
    )
    page = _text(response)
    assert response.status_code == 200
    assert "There is a problem" in page and "Date of birth must be a real date" in page
    assert 'value="31"' in page
    response = _step(client, draft, "identifiers", {"nhs_number": "123 456 7890", "upn": "A12"})
    page = _text(response)
    assert "123 456 7890" in page and "A12" in page
    assert page.count("govuk-error-message") == 2
    future = _step(
        client,
        draft,
        "date-of-birth",
        {"date_of_birth-day": "1", "date_of_birth-month": "1", "date_of_birth-year": "2027"},
    )
    assert "Date of birth must be today or in the past" in _text(future)
    draft.refresh_from_db()
    assert draft.date_of_birth is None and draft.nhs_number == ""


def test_saving_to_come_back_later_keeps_the_answers_and_lists_the_draft(client, area):
    client.force_login(area.users["parent"])
    draft = _start(client)
    response = _step(client, draft, "reason", {"reason": "Needs help", "action": "save-and-return"})
    assert response["Location"] == "/requests/"
    draft.refresh_from_db()
    assert draft.reason == "Needs help"
    listing = _text(client.get("/requests/"))
    assert f"Continue {draft.ref}" in listing
    assert "Needs help" in _text(client.get(f"/requests/{draft.pk}/reason/"))


def test_an_unfinished_request_cannot_be_sent_and_says_what_is_missing(client, area):
    client.force_login(area.users["parent"])
    draft = _start(client)
    draft.refresh_from_db()
    response = client.post(f"/requests/{draft.pk}/check/", {"version": draft.version})
    page = _text(response)
    assert response.status_code == 200
    assert "Enter the child or young person's name" in page
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_choosing_their_own_child_fills_in_the_childs_details(client, area):
    client.force_login(area.users["parent"])
    draft = _start(client)
    _step(client, draft, "who", {"child": str(area.child.pk)})
    draft.refresh_from_db()
    assert draft.child == area.child
    assert draft.given_name == area.child.given_name and draft.date_of_birth == area.child.date_of_birth


def test_a_parent_cannot_choose_a_child_that_is_not_theirs(client, area):
    client.force_login(area.users["parent"])
    draft = _start(client)
    response = _step(client, draft, "who", {"child": str(area.other_child.pk)})
    assert response.status_code == 200
    assert "Select the child or young person, or someone else" in _text(response)
    draft.refresh_from_db()
    assert draft.child is None


def test_a_senco_adds_sen_support_cycles_and_evidence_and_the_family_is_told(
    client, area, django_capture_on_commit_callbacks
):
    senco = area.users["SENCO at the school"]
    client.force_login(senco)
    draft = _start(client)
    assert draft.requested_by == "setting" and draft.current_setting == area.child.setting.name
    _step(client, draft, "who", {"child": str(area.child.pk)})
    cycle = {
        "action": "add",
        "started_on-day": "8",
        "started_on-month": "9",
        "started_on-year": "2025",
        "assess": "Reading age 2 years behind",
        "plan": "Daily phonics",
        "do": "Teaching assistant, 20 minutes a day",
        "review": "Little progress",
        "provision": "1:1 phonics daily",
        "cost": "1250.50",
    }
    assert _step(client, draft, "cycles", cycle)["Location"].endswith("/cycles/")
    bad = _step(client, draft, "cycles", {**cycle, "cost": "lots"})
    assert "The cost must be an amount of money" in _text(bad)
    assert "Reading age 2 years behind" in _text(bad)
    upload = SimpleUploadedFile("plan.pdf", b"not a pdf", content_type="application/pdf")
    refused = _step(client, draft, "evidence", {"action": "upload", "file": upload})
    assert "The selected file" in _text(refused)
    assert draft.cycles.count() == 1 and draft.documents.count() == 0
    _step(client, draft, "address", {"address": "4 Mill Lane", "postcode": "NB3 4QT"})
    _step(client, draft, "reason", {"reason": "Not making progress"})
    _step(client, draft, "support", {"support_tried": ""})
    _step(client, draft, "views", {"family_views": "Mum wants more help"})
    _step(client, draft, "family", {"parent_name": "Grace Okafor", "parent_email": "grace@example.org"})
    missing_how = _step(client, draft, "family-consent", {"family_consent": "yes", "consent_how": ""})
    assert "Enter how the family's agreement was recorded" in _text(missing_how)
    _step(client, draft, "family-consent", {"family_consent": "yes", "consent_how": "Signed at a meeting"})
    _step(client, draft, "language", {"first_language": "English", "interpreter_needed": "no"})
    _step(client, draft, "consent", {"consent_to_share": "on"})
    draft.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/requests/{draft.pk}/check/", {"version": draft.version})
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED and draft.family_told_on == TODAY
    assert mail.outbox[-1].to == ["grace@example.org"]
    assert draft.ref in mail.outbox[-1].body


def test_only_the_evidence_page_takes_requests_as_big_as_a_file(client, area, settings, tmp_path):
    from tellonce.core.tests.files import pdf

    settings.MEDIA_ROOT = tmp_path
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client.force_login(area.users["parent"])
    draft = _start(client)
    big = {"reason": "x" * 2000}
    assert _step(client, draft, "reason", big).status_code == 413
    upload = SimpleUploadedFile("report.pdf", pdf() + b"\n" * 2000, content_type="application/pdf")
    response = _step(client, draft, "evidence", {"action": "upload", "file": upload})
    assert response.status_code == 302
    assert draft.documents.get().original_name == "report.pdf"
