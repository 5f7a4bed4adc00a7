"""Pages for findings and the plan: who sees and does what (a permission table for every page),
the upload, check and save journey, the plan's changes with their version checks, and the
impact report as a page, a Word file and a tagged PDF with the same text."""

import io
from datetime import date, timedelta
from pathlib import Path

import pypdf
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from tellonce.accounts.tests.factories import UserFactory
from tellonce.conftest import AGGREGATE_READERS, REFUSED, ROLES, acting
from tellonce.core.refusals import InvalidStep
from tellonce.core.tests import files
from tellonce.improvement import services
from tellonce.improvement.importing import details_from_json, extract, rows_from_json
from tellonce.improvement.models import Action, Finding, Inspection, RagRating, Update
from tellonce.organisations.tests.factories import LocalAuthorityFactory

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = date(2026, 11, 20)
MANAGERS = {"manager", "quality lead"}
OWNER = "therapist asked to help"


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(date(2026, 11, 20), tick=False):
        yield


def _pages(plan) -> dict[str, tuple[str, set[str]]]:
    """Each page and who may open it (everyone else gets 404)."""
    priority = plan.priorities.first()
    action = priority.actions.first()
    readers = set(AGGREGATE_READERS)
    return {
        "inspections": ("/improvement/", readers),
        "inspection": (f"/improvement/inspections/{plan.inspection_id}/", readers),
        "plan": (f"/improvement/plans/{plan.pk}/", readers),
        "priority": (f"/improvement/priorities/{priority.pk}/", readers),
        "impact": (f"/improvement/plans/{plan.pk}/impact/", readers),
        "import": ("/improvement/import/", MANAGERS),
        "edit priority": (f"/improvement/priorities/{priority.pk}/edit/", MANAGERS),
        "new action": (f"/improvement/priorities/{priority.pk}/actions/new/", MANAGERS),
        "record": (f"/improvement/priorities/{priority.pk}/record/", MANAGERS),
        "rate": (f"/improvement/priorities/{priority.pk}/rate/", MANAGERS),
        "cite measure": (f"/improvement/priorities/{priority.pk}/measures/new/", MANAGERS),
        "new priority": (f"/improvement/plans/{plan.pk}/priorities/new/", MANAGERS),
        "update action": (f"/improvement/actions/{action.pk}/", MANAGERS | {OWNER}),
        "change action": (f"/improvement/actions/{action.pk}/change/", MANAGERS),
        "withdraw action": (f"/improvement/actions/{action.pk}/withdraw/", MANAGERS),
    }


PAGES = [
    "inspections",
    "inspection",
    "plan",
    "priority",
    "impact",
    "import",
    "edit priority",
    "new action",
    "record",
    "rate",
    "cite measure",
    "new priority",
    "update action",
    "change action",
    "withdraw action",
]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", ROLES)
def test_each_page_answers_only_those_in_scope(client, area, plan, page, role):
    path, allowed = _pages(plan)[page]
    client.force_login(area.users[role])
    assert client.get(path).status_code in ({200} if role in allowed else REFUSED)


@pytest.mark.parametrize("page", PAGES)
def test_a_manager_in_another_council_sees_none_of_it_and_the_signed_out_are_sent_to_sign_in(
    client, plan, page
):
    path, _ = _pages(plan)[page]
    elsewhere = LocalAuthorityFactory(code="888", name="Southmoor Council")
    client.force_login(UserFactory(role="send_manager", local_authority=elsewhere))
    assert client.get(path).status_code in ({200} if page == "inspections" or page == "import" else REFUSED)
    client.logout()
    response = client.get(path)
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]


def test_the_rules_agree_with_the_pages(area, plan):
    action = Action.objects.get()
    assert area.users["board member"].has_perm("improvement.view_improvementplan", plan)
    assert not area.users["board member"].has_perm("improvement.change_improvementplan", plan)
    assert area.users["quality lead"].has_perm("improvement.change_improvementplan", plan)
    assert area.users[OWNER].has_perm("improvement.change_action", action)
    assert not area.users["therapist not asked"].has_perm("improvement.change_action", action)


def test_a_manager_uploads_a_report_checks_and_corrects_a_finding_and_saves(client, area):
    manager = area.users["manager"]
    client.force_login(manager)
    upload = SimpleUploadedFile(
        "oldham.pdf", (FIXTURES / "oldham-2023-framework.pdf").read_bytes(), "application/pdf"
    )
    response = client.post("/improvement/import/", {"report": upload})
    assert response.status_code == 302 and response["Location"] == "/improvement/import/check/"
    assert Inspection.objects.count() == 0  # nothing is saved before the check
    page = client.get("/improvement/import/check/").content.decode()
    assert "Check what was found" in page and "Oldham Metropolitan Borough Council" in page
    assert "names a different local area" in page
    draft = client.session["improvement_import_draft"]["found"]
    rows = rows_from_json(draft)
    data = {
        "area": "Oldham",
        "framework": "2023",
        "kind": "full",
        "outcome": "widespread_failings",
        "written_statement_required": "",
        "letter_date-day": "25",
        "letter_date-month": "8",
        "letter_date-year": "2023",
        "inspection_start-day": "26",
        "inspection_start-month": "6",
        "inspection_start-year": "2023",
        "inspection_end-day": "30",
        "inspection_end-month": "6",
        "inspection_end-year": "2023",
        "finding-TOTAL_FORMS": str(len(rows) + 1),
        "finding-INITIAL_FORMS": str(len(rows)),
    }
    for n, row in enumerate(rows):
        for name in ("kind", "heading", "text", "responsible"):
            data[f"finding-{n}-{name}"] = row[name] or ""
    data["finding-0-responsible"] = "NHS Greater Manchester ICB"  # the correction
    data[f"finding-{len(rows) - 1}-remove"] = "on"
    data[f"finding-{len(rows)}-kind"] = "area_for_improvement"
    data[f"finding-{len(rows)}-text"] = "Leaders should improve the Local Offer."
    response = client.post("/improvement/import/check/", data)
    assert response.status_code == 302
    inspection = Inspection.objects.get()
    assert (inspection.area, inspection.outcome, inspection.letter_date) == (
        "Oldham",
        "widespread_failings",
        date(2023, 8, 25),
    )
    first = inspection.findings.filter(kind="priority_action").first()
    assert first.responsible == "NHS Greater Manchester ICB"
    assert inspection.findings.count() == len(rows)  # one removed, one added
    assert inspection.findings.filter(text="Leaders should improve the Local Offer.").exists()
    assert inspection.extracted["areas_for_priority_action"][0]["responsible"].startswith("Oldham")
    assert "improvement_import_draft" not in client.session


def test_a_bad_review_keeps_what_was_typed_and_saves_nothing(client, area):
    client.force_login(area.users["manager"])
    upload = SimpleUploadedFile("kent.txt", (FIXTURES / "kent-2019.txt").read_bytes(), "text/plain")
    client.post("/improvement/import/", {"report": upload})
    data = {
        "area": "",
        "framework": "2016",
        "kind": "initial",
        "outcome": "written_statement_required",
        "inspection_start-day": "1",
        "inspection_start-month": "2",
        "inspection_start-year": "2019",
        "inspection_end-day": "28",
        "inspection_end-month": "1",
        "inspection_end-year": "2019",
        "finding-TOTAL_FORMS": "1",
        "finding-INITIAL_FORMS": "1",
        "finding-0-kind": "significant_weakness",
        "finding-0-text": "My corrected weakness",
    }
    page = client.post("/improvement/import/check/", data).content.decode()
    assert "Enter the local area" in page and "must be on or after the first day" in page
    assert "My corrected weakness" in page and Inspection.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", b"", "The selected file is empty"),
        ("report.pdf", b"%PDF-1.5 garbage", "The selected file is not a real PDF"),
        ("report.pdf", files.html_calling_itself_a_pdf(), "The selected file is not a real PDF"),
        (
            "report.pdf",
            files.pdf(open_action_js="app.alert(1)"),
            "The selected file contains an action run when it is opened, which is not allowed",
        ),
        ("report.docx", b"PK\x03\x04", "must be a PDF or a text file"),
        ("minutes.txt", b"Minutes of the highways committee.", "does not look like"),
    ],
)
def test_an_upload_it_cannot_use_gets_a_clear_message_and_nothing_is_saved(
    client, area, name, content, message
):
    client.force_login(area.users["quality lead"])
    response = client.post("/improvement/import/", {"report": SimpleUploadedFile(name, content)})
    assert response.status_code == 200 and message in response.content.decode()
    assert Inspection.objects.count() == 0 and "improvement_import_draft" not in client.session


def test_a_scanned_pdf_upload_is_refused(client, area, scanned_pdf):
    client.force_login(area.users["manager"])
    response = client.post("/improvement/import/", {"report": SimpleUploadedFile("scan.pdf", scanned_pdf)})
    assert "may be a scan" in response.content.decode() and Inspection.objects.count() == 0


def test_making_the_plan_gives_a_priority_for_each_weakness(client, area):
    found = extract((FIXTURES / "kent-2019.txt").read_bytes())
    inspection = services.save_inspection(
        by=acting(area.users["manager"]),
        local_authority=area.users["manager"].local_authority,
        details=details_from_json(found),
        findings=rows_from_json(found),
        extracted=found,
        source_name="kent.txt",
    )
    client.force_login(area.users["board member"])
    assert client.post(f"/improvement/inspections/{inspection.pk}/plan/").status_code == 403
    client.force_login(area.users["manager"])
    response = client.post(f"/improvement/inspections/{inspection.pk}/plan/")
    plan = inspection.plans.get()
    assert response["Location"] == f"/improvement/plans/{plan.pk}/"
    assert plan.title == "Written statement of action: Kent"
    titles = list(plan.priorities.values_list("title", flat=True))
    assert len(titles) == 9 and titles[0].startswith("The widely held concern of parents")
    assert all(p.finding.kind == Finding.Kind.SIGNIFICANT_WEAKNESS for p in plan.priorities.all())


def test_the_owner_updates_their_action_and_its_note_becomes_progress(client, area, plan):
    action = Action.objects.get()
    client.force_login(area.users[OWNER])
    assert "Agree a 6-week advice standard" in client.get("/improvement/my-actions/").content.decode()
    response = client.post(
        f"/improvement/actions/{action.pk}/", {"version": 1, "status": "complete", "note": "Agreed by all"}
    )
    assert response["Location"] == "/improvement/my-actions/"
    action.refresh_from_db()
    assert (action.status, action.completed_on, action.version) == ("complete", TODAY, 2)
    assert Update.objects.filter(action=action, kind="progress", text="Agreed by all").exists()


def test_a_stale_action_update_is_refused_with_a_409_and_overwrites_nothing(client, area, plan):
    action = Action.objects.get()
    client.force_login(area.users["manager"])
    client.post(f"/improvement/actions/{action.pk}/", {"version": 1, "status": "at_risk", "note": ""})
    response = client.post(
        f"/improvement/actions/{action.pk}/", {"version": 1, "status": "complete", "note": "late"}
    )
    assert response.status_code == 409 and "Someone else changed this" in response.content.decode()
    action.refresh_from_db()
    assert action.status == "at_risk" and not Update.objects.filter(text="late").exists()


def _change(action, **overrides) -> dict:
    due = overrides.pop("due_on", action.due_on)
    data = {
        "version": action.version,
        "text": action.text,
        "owner": action.owner_id,
        "partner_agency": action.partner_agency,
        "due_on-day": str(due.day),
        "due_on-month": str(due.month),
        "due_on-year": str(due.year),
        "reason": "",
    }
    return data | overrides


def test_a_manager_moves_an_action_and_the_slip_and_its_reason_go_into_progress(client, area, plan):
    action = Action.objects.get()
    old_due = action.due_on
    client.force_login(area.users["manager"])
    page = client.get(f"/improvement/actions/{action.pk}/").content.decode()
    assert f"/improvement/actions/{action.pk}/change/" in page
    later = date(2027, 3, 31)
    response = client.post(
        f"/improvement/actions/{action.pk}/change/",
        _change(
            action, due_on=later, owner=area.users["coordinator"].pk, reason="The ICB board meets in March"
        ),
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.due_on, action.owner, action.version) == (later, area.users["coordinator"], 2)
    (note,) = Update.objects.filter(action=action, kind="progress").values_list("text", flat=True)
    assert f"Due date moved from {old_due.day} November 2026 to 31 March 2027." in note
    assert f"Owner changed from {area.users[OWNER]} to {area.users['coordinator']}." in note
    assert note.endswith("The ICB board meets in March")
    assert "Overdue actions (0)" in client.get(f"/improvement/plans/{plan.pk}/").content.decode()


def test_rewording_an_action_records_no_progress_and_the_owner_cannot_change_it(client, area, plan):
    action = Action.objects.get()
    client.force_login(area.users[OWNER])
    assert (
        f"/actions/{action.pk}/change/"
        not in client.get(f"/improvement/actions/{action.pk}/").content.decode()
    )
    assert (
        client.post(f"/improvement/actions/{action.pk}/change/", _change(action, text="x")).status_code == 403
    )
    client.force_login(area.users["quality lead"])
    reworded = _change(action, text="Agree and publish a 6-week advice standard")
    assert client.post(f"/improvement/actions/{action.pk}/change/", reworded).status_code == 302
    action.refresh_from_db()
    assert action.text == "Agree and publish a 6-week advice standard"
    assert not Update.objects.filter(action=action).exists()


def test_a_moved_due_date_needs_a_reason_and_a_stale_change_overwrites_nothing(client, area, plan):
    action = Action.objects.get()
    client.force_login(area.users["manager"])
    moved = _change(action, due_on=date(2027, 1, 31))
    page = client.post(f"/improvement/actions/{action.pk}/change/", moved).content.decode()
    assert "Say why the due date is moving" in page and "Agree a 6-week advice standard" in page
    no_date = _change(action) | {"due_on-day": "31", "due_on-month": "2"}
    assert client.post(f"/improvement/actions/{action.pk}/change/", no_date).status_code == 200
    action.refresh_from_db()
    assert (action.due_on, action.version) == (TODAY - timedelta(days=5), 1)
    client.post(f"/improvement/actions/{action.pk}/", {"version": 1, "status": "at_risk", "note": ""})
    stale = client.post(f"/improvement/actions/{action.pk}/change/", moved | {"reason": "Later"})
    assert stale.status_code == 409
    action.refresh_from_db()
    assert action.due_on == TODAY - timedelta(days=5) and not Update.objects.filter(action=action).exists()


def test_a_manager_sets_the_aim_rates_records_and_cites_a_measure(client, area, plan):
    priority = plan.priorities.first()
    client.force_login(area.users["quality lead"])
    edit = {
        "version": 1,
        "title": priority.title,
        "aim": "Every parent is heard",
        "lead": area.users["manager"].pk,
    }
    assert client.post(f"/improvement/priorities/{priority.pk}/edit/", edit).status_code == 302
    assert client.post(f"/improvement/priorities/{priority.pk}/edit/", edit).status_code == 409
    day = {"day": "19", "month": "11", "year": "2026"}
    rated = {"rag": "amber", "reason": "Half the actions done"} | {f"rated_on-{k}": v for k, v in day.items()}
    assert client.post(f"/improvement/priorities/{priority.pk}/rate/", rated).status_code == 302
    future = rated | {"rated_on-day": "21"}
    assert (
        "must be today or in the past"
        in client.post(f"/improvement/priorities/{priority.pk}/rate/", future).content.decode()
    )
    recorded = {"kind": "impact", "text": "Fewer complaints"} | {
        f"recorded_on-{k}": v for k, v in day.items()
    }
    assert client.post(f"/improvement/priorities/{priority.pk}/record/", recorded).status_code == 302
    cite = {"key": "advice.within_6_weeks", "target": "90"}
    assert client.post(f"/improvement/priorities/{priority.pk}/measures/new/", cite).status_code == 302
    action = {
        "text": "Survey parents",
        "owner": area.users["coordinator"].pk,
        "due_on-day": "1",
        "due_on-month": "2",
        "due_on-year": "2027",
    }
    assert client.post(f"/improvement/priorities/{priority.pk}/actions/new/", action).status_code == 302
    page = client.get(f"/improvement/priorities/{priority.pk}/").content.decode()
    assert "Every parent is heard" in page and "Fewer complaints" in page and "Survey parents" in page
    assert "Advice for EHC needs assessments returned within 6 weeks" in page and "target 90.0%" in page
    assert RagRating.objects.filter(priority=priority).count() == 2 and "Amber" in page
    assert "5 days overdue" in page


def test_the_board_sees_every_rating_the_overdue_actions_and_the_trend(client, area, plan):
    client.force_login(area.users["board member"])
    page = client.get(f"/improvement/plans/{plan.pk}/").content.decode()
    assert page.count("Not rated") >= 8 and "Red" in page
    assert "Agree a 6-week advice standard" in page and "Overdue actions (1)" in page
    assert "How many priorities were red, amber or green" in page and "30 September 2026" in page


def _report_text(plan, client, on: str) -> str:
    return client.get(f"/improvement/plans/{plan.pk}/impact/?on={on}").content.decode()


def test_the_impact_report_shows_the_plan_as_it_stood_on_the_chosen_date(client, area, plan):
    client.force_login(area.users["analyst"])
    now = _report_text(plan, client, "2026-11-20")
    assert "Area 1" in now and "Tracking started" in now and "Rating:</strong> Red" in now
    before = _report_text(plan, client, "2026-09-01")
    assert "Tracking started" not in before and "Rating:</strong> Not rated" in before
    assert client.get(f"/improvement/plans/{plan.pk}/impact/?on=yesterday").status_code == 404


def _prepared(client, path):
    """Asks for the report (the worker prepares it; in tests the task runs at once) and downloads it."""
    asked = client.post(path)
    assert asked.status_code == 302 and "/files/" in asked["Location"]
    assert "Your file is ready" in client.get(asked["Location"]).content.decode()
    return client.get(asked["Location"] + "download/")


@pytest.mark.parametrize("role", ROLES)
def test_only_those_who_see_the_plan_can_ask_for_its_report_as_a_file(client, area, plan, role):
    path = f"/improvement/plans/{plan.pk}/impact.docx"
    client.force_login(area.users[role])
    assert client.get(path).status_code in REFUSED | {405}
    answer = client.post(path).status_code
    assert answer == 302 if role in AGGREGATE_READERS else answer in REFUSED
    elsewhere = LocalAuthorityFactory(code="887", name="Eastmoor Council")
    client.force_login(UserFactory(role="send_manager", local_authority=elsewhere))
    assert client.post(path).status_code == 404


def test_the_word_impact_report_has_each_area_with_its_aim_progress_impact_and_worries(client, area, plan):
    client.force_login(area.users["manager"])
    response = _prepared(client, f"/improvement/plans/{plan.pk}/impact.docx?on=2026-11-20")
    assert response["Content-Disposition"] == 'attachment; filename="impact-report-2026-11-20.docx"'
    doc = Document(io.BytesIO(b"".join(response.streaming_content)))
    text = [p.text for p in doc.paragraphs]
    assert "Area 1" in text and "Progress" in text and "Impact" in text
    assert "Worries, concerns and next steps" in text and "Tracking started" in text
    assert sum(t.startswith("Aim: ") for t in text) == 9


def test_the_pdf_impact_report_is_tagged_and_says_what_the_page_says(client, area, plan):
    client.force_login(area.users["manager"])
    response = _prepared(client, f"/improvement/plans/{plan.pk}/impact.pdf?on=2026-11-20")
    assert response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"] and root["/Lang"] == "en-GB"
    assert reader.metadata.title.endswith("impact report")
    pdf_text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    from tellonce.improvement.presenters import impact_report

    report = impact_report(plan, TODAY)
    for area_ in report.areas:
        assert f"Area {area_.number}" in pdf_text
        assert " ".join(area_.title.split())[:60] in pdf_text
    assert "Tracking started" in pdf_text and "Worries, concerns and next steps" in pdf_text
    assert client.post(f"/improvement/plans/{plan.pk}/impact.exe").status_code == 404


def _second_action(area, plan, *, priority_number: int = 2) -> Action:
    return services.add_action(
        plan.priorities.get(number=priority_number),
        by=acting(area.users["manager"]),
        text="One advice standard for every health service",
        owner=area.users[OWNER],
        partner_agency="",
        due_on=TODAY + timedelta(days=30),
    )


def test_the_update_form_offers_no_way_to_withdraw_an_action(client, area, plan):
    action = Action.objects.get()
    client.force_login(area.users[OWNER])
    page = client.get(f"/improvement/actions/{action.pk}/").content.decode()
    assert "withdraw" not in page.lower()
    response = client.post(f"/improvement/actions/{action.pk}/", {"version": 1, "status": "withdrawn"})
    action.refresh_from_db()
    assert response.status_code == 200 and action.withdrawn_on is None


def test_a_manager_merges_an_overdue_action_into_another_and_it_stops_counting(client, area, plan):
    action = Action.objects.get()
    target = _second_action(area, plan)
    client.force_login(area.users["manager"])
    board = client.get(f"/improvement/plans/{plan.pk}/").content.decode()
    assert "Overdue actions (1)" in board
    response = client.post(
        f"/improvement/actions/{action.pk}/withdraw/",
        {"version": 1, "reason": "merged", "merged_into": target.pk, "note": "One standard, not two"},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.withdrawn_on, action.withdrawn_reason, action.merged_into) == (TODAY, "merged", target)
    assert action.withdrawn_by == area.users["manager"] and action.version == 2
    board = client.get(f"/improvement/plans/{plan.pk}/").content.decode()
    assert "Overdue actions (0)" in board
    assert list(Action.objects.filter(priority__plan=plan).open()) == [target]
    priority_page = client.get(f"/improvement/priorities/{action.priority_id}/").content.decode()
    assert "Withdrawn on 20 November 2026: merged into" in priority_page
    (note,) = Update.objects.filter(action=action).values_list("text", flat=True)
    assert "withdrawn, merged into" in note and note.endswith("One standard, not two")


def test_the_owner_no_longer_has_a_withdrawn_action_to_do_and_cannot_update_it(client, area, plan):
    action = Action.objects.get()
    services.withdraw_action(
        action, by=acting(area.users["manager"]), today=TODAY, expected_version=1, reason="no_longer_needed"
    )
    client.force_login(area.users[OWNER])
    assert action.text not in client.get("/improvement/my-actions/").content.decode()
    page = client.get(f"/improvement/actions/{action.pk}/").content.decode()
    assert "Withdrawn on 20 November 2026: no longer needed" in page
    client.post(f"/improvement/actions/{action.pk}/", {"version": 2, "status": "complete", "note": ""})
    action.refresh_from_db()
    assert action.status == "not_started" and action.completed_on is None


def test_merging_needs_another_live_action_of_the_same_plan_and_keeps_what_was_typed(client, area, plan):
    action = Action.objects.get()
    client.force_login(area.users["manager"])
    url = f"/improvement/actions/{action.pk}/withdraw/"
    page = client.post(url, {"version": 1, "reason": "merged", "note": "Kept note"}).content.decode()
    assert "Choose the action it has been merged into" in page and "Kept note" in page
    page = client.post(url, {"version": 1, "note": "Kept note"}).content.decode()
    assert "Choose why the action is being withdrawn" in page
    # itself, and an action of another plan, are not offered, and are refused if sent
    other_plan = services.create_plan(plan.inspection, by=acting(area.users["manager"]))
    elsewhere = _second_action(area, other_plan, priority_number=1)
    for wrong in (action, elsewhere):
        response = client.post(url, {"version": 1, "reason": "merged", "merged_into": wrong.pk})
        assert response.status_code == 200
    action.refresh_from_db()
    assert action.withdrawn_on is None and action.version == 1


def test_the_service_refuses_a_merge_into_itself_a_withdrawn_action_or_another_plans(area, plan):
    manager = acting(area.users["manager"])
    action = Action.objects.get()
    gone = _second_action(area, plan)
    services.withdraw_action(gone, by=manager, today=TODAY, expected_version=1, reason="no_longer_needed")
    other_plan = services.create_plan(plan.inspection, by=manager)
    elsewhere = _second_action(area, other_plan, priority_number=1)
    for wrong, said in [
        (action, "An action cannot be merged into itself"),
        (gone, "Choose an action of this plan that has not been withdrawn"),
        (elsewhere, "Choose an action of this plan that has not been withdrawn"),
        (None, "Choose the action it has been merged into"),
    ]:
        with pytest.raises(InvalidStep) as refused:
            services.withdraw_action(
                action, by=manager, today=TODAY, expected_version=1, reason="merged", merged_into=wrong
            )
        assert refused.value.fields == {"merged_into": said}
    with pytest.raises(InvalidStep):
        services.withdraw_action(gone, by=manager, today=TODAY, expected_version=2, reason="no_longer_needed")


def test_a_stale_withdrawal_is_refused_with_a_409_and_withdraws_nothing(client, area, plan):
    action = Action.objects.get()
    client.force_login(area.users["manager"])
    client.post(f"/improvement/actions/{action.pk}/", {"version": 1, "status": "at_risk", "note": ""})
    response = client.post(
        f"/improvement/actions/{action.pk}/withdraw/", {"version": 1, "reason": "no_longer_needed"}
    )
    action.refresh_from_db()
    assert response.status_code == 409 and action.withdrawn_on is None
