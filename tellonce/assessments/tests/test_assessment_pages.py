"""Assessment pages, steps and API against every role; the caseload's next steps and statuses."""

from datetime import date, timedelta

import pytest
import time_machine

from tellonce.assessments import services
from tellonce.assessments.models import AssessmentRequest
from tellonce.audit.models import AccessEvent, Action
from tellonce.conftest import AGGREGATE_READERS, REFUSED, ROLES, acting
from tellonce.people.tests.test_permissions import EDITS_THE_CHILD, SEES_THE_CHILD

TODAY = date(2026, 11, 22)
CASEWORKERS = {"coordinator", "other coordinator", "manager"}


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(date(2026, 11, 22), tick=False):
        yield


@pytest.fixture
def case(area):
    return services.record_request(
        area.child,
        by=acting(area.users["coordinator"]),
        received_on=date(2026, 10, 1),
        requested_by="parent",
        today=TODAY,
    )


PAGES = {
    "/assessments/{pk}/": SEES_THE_CHILD,
    "/assessments/{pk}/decision/": EDITS_THE_CHILD,
    "/assessments/{pk}/exception/": EDITS_THE_CHILD,
    "/assessments/{pk}/advice/": EDITS_THE_CHILD,
    "/assessments/{pk}/consult/": EDITS_THE_CHILD,
    "/api/v1/assessments/{pk}": SEES_THE_CHILD,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", PAGES)
def test_an_assessment_page_answers_200_in_scope_and_404_outside_it(client, area, case, role, path):
    client.force_login(area.users[role])
    response = client.get(path.format(pk=case.pk))
    assert response.status_code in ({200} if role in PAGES[path] else REFUSED)
    if path in ("/assessments/{pk}/", "/api/v1/assessments/{pk}"):
        reads = AccessEvent.objects.filter(user=area.users[role], child_id=area.child.pk, action=Action.READ)
        assert reads.count() == (1 if role in PAGES[path] else 0)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "path", ["/caseload/", "/caseload/overdue/", "/caseload/children/", "/children/{child}/assessments/new/"]
)
def test_caseload_and_new_request_pages_are_for_caseworkers(client, area, role, path):
    client.force_login(area.users[role])
    response = client.get(path.format(child=area.child.pk))
    allowed = EDITS_THE_CHILD if "{child}" in path else CASEWORKERS
    assert response.status_code in ({200} if role in allowed else REFUSED)


@pytest.mark.parametrize("path", ["/assessments/{pk}/", "/assessments/{pk}/decision/", "/caseload/"])
def test_a_signed_out_visitor_is_sent_to_sign_in(client, case, path):
    response = client.get(path.format(pk=case.pk))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/sign-in/")
    assert client.get(f"/api/v1/assessments/{case.pk}").status_code == 401


@pytest.mark.parametrize("role", ROLES)
def test_the_api_lists_only_cases_the_caller_may_see(client, area, case, role):
    client.force_login(area.users[role])
    response = client.get("/api/v1/assessments")
    if role == "board member":  # totals only: the board's role may not read a child's assessment
        assert response.status_code == 403
        return
    assert response.status_code == 200
    assert ([row["ref"] for row in response.json()] == [case.ref]) == (role in SEES_THE_CHILD)


def test_the_api_gives_each_deadline_with_its_regulation(client, area, case):
    client.force_login(area.users["parent"])
    body = client.get(f"/api/v1/assessments/{case.pk}").json()
    assert body["stage"] == "awaiting_decision" and body["status"] == "overdue"
    assert body["next_deadline"] == {
        "step": "decide_whether_to_assess",
        "due": "2026-11-12",
        "title": "Decide whether to assess and tell the family",
        "basis": "SEND Regulations 2014, reg. 5(1) (and reg. 4(1))",
    }
    assert body["decision_on_time"] is False


def _post(client, case, step, **data):
    return client.post(f"/assessments/{case.pk}/{step}/", {"version": case.version, **data})


def _day(d: date) -> dict:
    return {"-day": d.day, "-month": d.month, "-year": d.year}


def _date(name: str, d: date) -> dict:
    return {f"{name}{k}": v for k, v in _day(d).items()}


def test_a_step_that_contradicts_the_case_is_refused_with_a_reason_and_saves_nothing(client, area, case):
    client.force_login(area.users["coordinator"])
    response = _post(client, case, "decision", decision="assess", **_date("notified_on", date(2026, 9, 1)))
    assert response.status_code == 200
    assert "before the request was received" in response.content.decode()
    case.refresh_from_db()
    assert case.decision == "" and case.version == 1


def test_two_coordinators_recording_the_same_step_cannot_both_save(client, area, case):
    client.force_login(area.users["manager"])
    assert (
        _post(
            client, case, "decision", decision="assess", **_date("notified_on", date(2026, 11, 2))
        ).status_code
        == 302
    )
    client.force_login(area.users["coordinator"])
    second = _post(client, case, "decision", decision="refuse", **_date("notified_on", date(2026, 11, 3)))
    assert second.status_code == 409
    case.refresh_from_db()
    assert case.decision == "assess"


def test_the_caseload_shows_each_open_case_with_its_next_step_due_date_and_status(client, area, case):
    other = services.record_request(
        area.other_child,
        by=acting(area.users["other coordinator"]),
        received_on=TODAY - timedelta(days=3),
        requested_by="setting",
        today=TODAY,
    )
    client.force_login(area.users["coordinator"])
    page = client.get("/caseload/").content.decode()
    assert case.ref in page and other.ref not in page
    assert "Decide whether to assess and tell the family" in page and "12 November 2026" in page
    assert "10 days overdue" in page and "Overdue" in page
    client.force_login(area.users["manager"])
    team = client.get("/caseload/").content.decode()
    assert case.ref in team and other.ref in team and "39 days" in team
    assert other.ref not in client.get("/caseload/overdue/").content.decode()
    only = client.get("/caseload/", {"coordinator": area.users["coordinator"].pk}).content.decode()
    assert case.ref in only and other.ref not in only
    assert case.ref not in client.get("/caseload/", {"status": "on_track"}).content.decode()
    assert case.ref not in client.get("/caseload/", {"stage": "assessing"}).content.decode()


def test_a_case_leaves_the_caseload_when_the_final_plan_is_issued(area, case):
    by = area.users["coordinator"]
    services.decide_to_assess(
        case, by=acting(by), notified_on=date(2026, 10, 20), expected_version=1, today=TODAY
    )
    services.issue_draft_plan(
        case, by=acting(by), served_on=date(2026, 11, 2), expected_version=2, today=TODAY
    )
    services.issue_final_plan(
        case, by=acting(by), issued_on=date(2026, 11, 20), expected_version=3, today=TODAY
    )
    assert not AssessmentRequest.objects.open().exists()
    titles = list(area.child.timeline.filter(kind="assessment").values_list("title", flat=True))
    assert "Final EHC plan issued" in titles and "Draft EHC plan sent to the family" in titles
    assert AccessEvent.objects.filter(action=Action.CHANGE, child_id=area.child.pk).count() == 4


def test_the_family_sees_the_stage_and_its_dates_in_plain_english(client, area, case):
    client.force_login(area.users["parent"])
    page = client.get(f"/children/{area.child.pk}/").content.decode()
    assert "We received the request for an EHC needs assessment on 1 October 2026." in page
    assert "We will tell you by 12 November 2026 whether we will carry out an assessment." in page
    assert "We are late with this step" in page
    assert f"/assessments/{case.pk}/decision/" not in page


@pytest.mark.parametrize("role", ROLES)
def test_timeliness_figures_are_for_council_staff_and_the_board(client, area, role):
    client.force_login(area.users[role])
    readers = AGGREGATE_READERS
    assert client.get("/assessments/timeliness/").status_code in ({200} if role in readers else REFUSED)


def test_timeliness_counts_plans_within_20_weeks_with_and_without_exceptions(client, area, case):
    by = area.users["coordinator"]
    late = services.record_request(
        area.other_child, by=acting(by), received_on=date(2026, 1, 5), requested_by="parent", today=TODAY
    )
    for c, final in ((case, None), (late, date(2026, 7, 1))):
        if final:
            services.decide_to_assess(
                c, by=acting(by), notified_on=date(2026, 2, 1), expected_version=1, today=TODAY
            )
            services.issue_draft_plan(
                c, by=acting(by), served_on=date(2026, 5, 1), expected_version=2, today=TODAY
            )
            services.issue_final_plan(c, by=acting(by), issued_on=final, expected_version=3, today=TODAY)
    services.claim_exception(
        late, by=acting(by), reason="ABSENT_4WK", starts_on=date(2026, 3, 1), ends_on=date(2026, 4, 1)
    )
    client.force_login(area.users["board member"])
    page = client.get("/assessments/timeliness/").content.decode()
    row = page[page.index(">2026<") : page.index(">2025<")]
    cells = [c.split(">")[-1] for c in row.split("</td>")[:-1]]
    assert cells == ["1", "100.0%", "1", "0.0%", "0", "No cases"]
    assert area.child.given_name not in page
