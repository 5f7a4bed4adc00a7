from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from tellonce.accounts.tests.factories import UserFactory
from tellonce.audit.models import AccessEvent
from tellonce.audits import services
from tellonce.audits.models import Assignment, Status
from tellonce.audits.tests.builders import TODAY, audit_round, grade_all, name
from tellonce.conftest import acting


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def moderated(area):
    """An audit graded by the quality lead, moderated by the manager who disagreed on section F."""
    _, audit = audit_round(area)
    first = name(audit, area.users["quality lead"])
    second = name(audit, area.users["manager"], moderation=True)
    grade_all(first)
    return audit, first, second


def test_the_moderator_grades_without_seeing_the_first_auditors_grades(moderated, area):
    audit, first, second = moderated
    first.grades.filter(question__section="F").update(comment="Section F says access to speech therapy")
    page = _client(area.users["manager"]).get(reverse("audits:grade", args=[second.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "cannot see the first auditor" in body
    assert "access to speech therapy" not in body
    assert AccessEvent.objects.filter(child=audit.child, what="Graded a plan audit").exists()


def test_an_auditor_opens_only_their_own_assignments(moderated, area):
    _, first, second = moderated
    assert _client(area.users["manager"]).get(reverse("audits:grade", args=[first.pk])).status_code == 404
    assert (
        _client(area.users["therapist asked to help"])
        .get(reverse("audits:grade", args=[second.pk]))
        .status_code
        == 404
    )


def test_the_moderators_grades_submitted_on_the_page_leave_a_disagreement_for_the_lead(moderated, area):
    audit, _, second = moderated
    form = {"version": second.version}
    for question in services.questions_for(second):
        form[f"q{question.pk}"] = "inadequate" if question.section == "F" else "good"
    response = _client(area.users["manager"]).post(reverse("audits:grade", args=[second.pk]), form)
    assert response.status_code == 302
    audit.refresh_from_db()
    assert audit.status == Status.RESOLVING
    page = _client(area.users["quality lead"]).get(reverse("audits:audit", args=[audit.pk])).content.decode()
    assert "Grades to agree after moderation" in page and "the moderator graded Inadequate" in page


def test_a_grade_left_out_is_asked_for_and_nothing_is_saved(moderated, area):
    _, _, second = moderated
    response = _client(area.users["manager"]).post(reverse("audits:grade", args=[second.pk]), {"version": 1})
    assert response.status_code == 200
    assert "Choose a grade for section A" in response.content.decode()
    assert Assignment.objects.get(pk=second.pk).submitted_on is None


def test_the_coordinator_reads_and_acknowledges_feedback_on_their_own_plan_only(area):
    _, audit = audit_round(area)
    grade_all(name(audit, area.users["quality lead"]))
    audit.refresh_from_db()
    services.send_feedback(
        audit,
        feedback="Quantify section F",
        actions=[("Rewrite F", TODAY + timedelta(days=28))],
        by=acting(area.users["quality lead"]),
        today=TODAY,
        expected_version=audit.version,
    )
    url = reverse("audits:received", args=[audit.pk])
    assert _client(area.users["other coordinator"]).get(url).status_code == 404
    coordinator = _client(area.users["coordinator"])
    assert "Quantify section F" in coordinator.get(url).content.decode()
    response = coordinator.post(url, {"version": audit.version, "note": "Will do"})
    assert response.status_code == 302
    audit.refresh_from_db()
    assert audit.status == Status.ACKNOWLEDGED


def test_feedback_is_not_shown_to_the_coordinator_before_it_is_sent(moderated, area):
    audit, _, _ = moderated
    assert (
        _client(area.users["coordinator"]).get(reverse("audits:received", args=[audit.pk])).status_code == 404
    )


@pytest.mark.parametrize("page", ["audits:home", "audits:tools", "audits:round-new", "audits:report"])
def test_the_quality_leads_pages_open(area, page):
    audit_round(area)
    assert _client(area.users["quality lead"]).get(reverse(page)).status_code == 200


def test_the_lead_opens_the_round_the_audit_and_the_tool(moderated, area):
    audit, _, _ = moderated
    lead = _client(area.users["quality lead"])
    for url in [
        reverse("audits:round", args=[audit.round_id]),
        reverse("audits:audit", args=[audit.pk]),
        reverse("audits:tool", args=[audit.round.tool_id]),
        reverse("audits:question", args=[audit.round.tool_id, 1]),
    ]:
        assert lead.get(url).status_code == 200, url


def test_another_councils_lead_reaches_none_of_the_audits(moderated, area):
    from tellonce.organisations.tests.factories import LocalAuthorityFactory

    audit, first, _ = moderated
    other = UserFactory(
        role="quality_lead", local_authority=LocalAuthorityFactory(code="998", name="Southbridge")
    )
    client = _client(other)
    for url in [
        reverse("audits:round", args=[audit.round_id]),
        reverse("audits:audit", args=[audit.pk]),
        reverse("audits:tool", args=[audit.round.tool_id]),
    ]:
        assert client.get(url).status_code == 404, url


def test_the_report_and_its_csv_count_the_agreed_grades(area):
    _, audit = audit_round(area)
    grade_all(name(audit, area.users["quality lead"]), overrides={"overall": "requires_improvement"})
    page = _client(area.users["board member"]).get(reverse("audits:report"))
    assert page.status_code == 200
    csv = _client(area.users["analyst"]).get(reverse("audits:report-csv", args=["coordinators"]))
    rows = b"".join(csv.streaming_content if csv.streaming else [csv.content]).decode().splitlines()
    assert rows[0].startswith("Coordinator,Round")
    assert rows[1].endswith(",1,0,0%")
    assert (
        _client(area.users["analyst"]).get(reverse("audits:report-csv", args=["nothing"])).status_code == 404
    )


def test_the_designated_clinical_officer_sees_only_healths_sections(area):
    _, audit = audit_round(area)
    grade_all(name(audit, area.users["quality lead"]))
    dco = UserFactory(role="dco", local_authority=area.child.local_authority)
    page = _client(dco).get(reverse("audits:report")).content.decode()
    assert "Health&#39;s part of plan audits" in page or "Health's part of plan audits" in page
    assert "Grades by coordinator" not in page
    assert _client(dco).get(reverse("audits:report-csv", args=["coordinators"])).status_code == 404
