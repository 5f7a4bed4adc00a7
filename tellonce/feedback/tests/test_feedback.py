"""Family voice: surveys sent after a final plan and answered online or on paper, the feedback log
with actions and a public "You said, we did", deletion on request, and aggregates only for the board."""

from datetime import date

import pytest

from tellonce.assessments import services as case_services
from tellonce.conftest import COUNCIL_ROLES, REFUSED, ROLES, acting
from tellonce.feedback import services
from tellonce.feedback.models import FeedbackItem, Invitation, Publication, Question, Response, Survey

TODAY = date(2026, 11, 22)
STAFF = COUNCIL_ROLES


@pytest.fixture
def survey(area):
    s = Survey.objects.create(
        local_authority=area.child.local_authority,
        title="Your experience of the assessment",
        trigger="after_final_plan",
    )
    Question.objects.create(survey=s, order=1, text="I felt involved and able to give my views")
    Question.objects.create(survey=s, order=2, text="Anything else", kind="text")
    return s


@pytest.fixture
def invited(area, survey):
    by = area.users["coordinator"]
    case = case_services.record_request(
        area.child, by=acting(by), received_on=date(2026, 5, 1), requested_by="parent", today=TODAY
    )
    case_services.decide_to_assess(
        case, by=acting(by), notified_on=date(2026, 6, 1), expected_version=1, today=TODAY
    )
    case_services.issue_draft_plan(
        case, by=acting(by), served_on=date(2026, 8, 1), expected_version=2, today=TODAY
    )
    case_services.issue_final_plan(
        case, by=acting(by), issued_on=date(2026, 9, 1), expected_version=3, today=TODAY
    )
    return Invitation.objects.get(invited=area.users["parent"])


def _answers(survey, score="4", text="Thank you"):
    q1, q2 = survey.questions.order_by("order")
    return {f"q{q1.pk}": score, f"q{q2.pk}": text}


def test_a_final_plan_sends_the_survey_to_the_parent_who_answers_it_once(client, area, survey, invited):
    assert invited.child == area.child and invited.sent_on == date(2026, 9, 1)
    client.force_login(area.users["parent"])
    assert survey.title in client.get("/surveys/").content.decode()
    assert client.post(f"/surveys/invitations/{invited.pk}/", _answers(survey)).status_code == 302
    response = Response.objects.get()
    assert (response.child, response.route, response.ethnicity) == (
        area.child,
        "online",
        area.child.ethnicity,
    )
    assert client.get(f"/surveys/invitations/{invited.pk}/").status_code == 404


def test_an_anonymous_answer_keeps_no_name_but_still_counts_whose_voice(client, area, survey, invited):
    client.force_login(area.users["parent"])
    client.post(f"/surveys/invitations/{invited.pk}/", _answers(survey) | {"anonymous": "on"})
    response = Response.objects.get()
    assert response.child is None and response.respondent is None and response.sen_status == "SEN_SUPPORT"


def test_a_survey_with_no_answers_is_refused(client, area, survey, invited):
    client.force_login(area.users["parent"])
    page = client.post(
        f"/surveys/invitations/{invited.pk}/", _answers(survey, score="", text="")
    ).content.decode()
    assert "Answer at least one question" in page and not Response.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_another_family_cannot_answer_or_see_an_invitation(client, area, survey, invited, role):
    client.force_login(area.users[role])
    expected = {200} if role == "parent" else REFUSED
    assert client.get(f"/surveys/invitations/{invited.pk}/").status_code in expected


def test_staff_enter_a_paper_survey_matched_to_a_child_by_nhs_number(client, area, survey):
    area.child.nhs_number = "9434765919"
    area.child.save()
    client.force_login(area.users["coordinator"])
    page = client.post(
        f"/surveys/{survey.pk}/paper/", _answers(survey) | {"route": "paper", "reference": "0000000000"}
    )
    assert "No child you can see has that NHS number" in page.content.decode()
    assert (
        client.post(
            f"/surveys/{survey.pk}/paper/", _answers(survey) | {"route": "paper", "reference": "943 476 5919"}
        ).status_code
        == 302
    )
    response = Response.objects.get()
    assert (response.route, response.entered_by, response.ethnicity) == (
        "paper",
        area.users["coordinator"],
        "WBRI",
    )
    results = client.get(f"/surveys/{survey.pk}/results/").content.decode()
    assert "100% (1 of 1)" in results


def test_feedback_is_logged_acted_on_and_published_for_the_public(client, area):
    client.force_login(area.users["quality lead"])
    data = {
        "raised_on-day": "1",
        "raised_on-month": "10",
        "raised_on-year": "2026",
        "route": "meeting",
        "service": "Transport",
        "summary": "The taxi was late every day for a month",
    }
    assert client.post("/feedback/new/", data).status_code == 302
    item = FeedbackItem.objects.get()
    closing = client.post(
        f"/feedback/{item.pk}/",
        {"version": item.version, "status": "closed", "actions": "Met", "outcome": ""},
    )
    assert "Enter the outcome before closing" in closing.content.decode()
    client.post(
        f"/feedback/{item.pk}/",
        {
            "version": item.version,
            "status": "closed",
            "actions": "Met the firm",
            "outcome": "New contract terms",
        },
    )
    stale = client.post(f"/feedback/{item.pk}/", {"version": item.version, "status": "open", "outcome": "x"})
    assert "Someone else changed this feedback" in stale.content.decode()
    client.post(
        f"/feedback/{item.pk}/publish/",
        {
            "you_said": "School taxis were often late.",
            "we_did": "Taxi firms now lose the contract after three late runs.",
        },
    )
    client.logout()
    public = client.get("/you-said-we-did/")
    assert public.status_code == 200 and "three late runs" in public.content.decode()
    assert Publication.objects.get().feedback == item


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", ["/feedback/", "/voice/co-production/"])
def test_the_feedback_log_is_for_council_staff(client, area, role, path):
    client.force_login(area.users[role])
    assert client.get(path).status_code in ({200} if role in STAFF else REFUSED)


@pytest.mark.parametrize("role", ROLES)
def test_only_caseworkers_and_the_quality_lead_log_answer_and_publish_feedback(client, area, role):
    client.force_login(area.users[role])
    handlers = {"coordinator", "other coordinator", "manager", "quality lead"}
    assert client.get("/feedback/new/").status_code in ({200} if role in handlers else REFUSED)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "path", ["/feedback/report/", "/voice/whose-voice/", "/voice/whose-voice/?by=locality"]
)
def test_aggregates_are_for_council_staff_and_the_board(client, area, role, path):
    client.force_login(area.users[role])
    assert client.get(path).status_code in ({200} if role in STAFF | {"board member"} else REFUSED)


def test_a_family_deletes_its_answers_on_request(client, area, survey, invited):
    client.force_login(area.users["parent"])
    client.post(f"/surveys/invitations/{invited.pk}/", _answers(survey))
    response = Response.objects.get()
    client.force_login(area.users["parent of another child"])
    assert client.post(f"/surveys/responses/{response.pk}/delete/").status_code == 404
    client.force_login(area.users["parent"])
    assert client.post(f"/surveys/responses/{response.pk}/delete/").status_code == 302
    assert not Response.objects.exists() and Invitation.objects.get().response is None


def test_whose_voice_flags_no_group_with_too_few_voices(client, area, survey):
    services.submit_response(
        survey,
        by=acting(area.users["parent"]),
        child=area.child,
        answers={survey.questions.first().pk: 4},
        on=TODAY,
    )
    client.force_login(area.users["board member"])
    page = client.get("/voice/whose-voice/").content.decode()
    assert "Too few to judge" in page and "Under-represented" not in page
    assert area.child.given_name not in page


def test_a_parent_tells_us_something_sees_it_and_can_delete_it(client, area):
    client.force_login(area.users["parent"])
    assert client.post("/feedback/tell-us/", {"service": "Transport", "summary": ""}).status_code == 200
    assert (
        client.post(
            "/feedback/tell-us/",
            {"service": "Transport", "summary": "The bus is late", "child": str(area.child.pk)},
        ).status_code
        == 302
    )
    item = FeedbackItem.objects.get()
    assert (item.raised_by, item.route, item.child) == (area.users["parent"], "online", area.child)
    assert "about Transport" in client.get("/surveys/").content.decode()
    client.force_login(area.users["parent of another child"])
    assert "about Transport" not in client.get("/surveys/").content.decode()
    assert client.post(f"/feedback/{item.pk}/delete/").status_code == 404
    client.force_login(area.users["parent"])
    assert (
        client.post(f"/feedback/{item.pk}/delete/").status_code == 302 and not FeedbackItem.objects.exists()
    )


def test_a_forum_member_is_added_only_with_consent(client, area):
    client.force_login(area.users["quality lead"])
    page = client.post("/voice/forum/", {"name": "Sam Lee"}).content.decode()
    assert "Confirm they have agreed" in page
    assert client.post("/voice/forum/", {"name": "Sam Lee", "consent": "on"}).status_code == 302
    assert "Sam Lee" in client.get("/voice/forum/").content.decode()
    client.force_login(area.users["board member"])
    assert client.get("/voice/forum/").status_code == 403
