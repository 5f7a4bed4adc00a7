"""The "SEN2 return" page and its download: who may open them, what they show, and the log."""

import pytest
from django.test import Client
from django.urls import reverse

from tellonce.audit.models import AccessEvent, Action
from tellonce.organisations.models import LocalAuthority
from tellonce.people.models import Child
from tellonce.returns.tests.case_file import import_cases

pytestmark = pytest.mark.django_db
PAGE = reverse("returns:sen2")
DOWNLOAD = reverse("returns:sen2-download")


@pytest.fixture
def cases(area, tmp_path):
    import_cases(tmp_path)
    return area


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("manager", 200),
        ("analyst", 200),
        ("coordinator", 403),
        ("SENCO at the school", 403),
        ("parent", 403),
        ("board member", 403),
        ("administrator", 403),
    ],
)
def test_only_the_send_manager_and_the_analyst_prepare_the_return(cases, role, status):
    assert client_for(cases.users[role]).get(PAGE + "?year=2026").status_code == status
    assert client_for(cases.users[role]).get(DOWNLOAD + "?year=2026").status_code in (
        {200} if status == 200 else {403}
    )


def test_the_page_counts_the_return_by_module_and_says_it_passes(cases):
    body = client_for(cases.users["manager"]).get(PAGE + "?year=2026").content.decode()
    assert "Census day is" in body and "15 January 2026" in body
    assert "People (module 1)" in body and "Every record passes every business rule." in body
    assert "Download the XML" in body and "anyway" not in body


def test_a_failing_record_is_listed_with_its_rule_and_a_link_to_fix_it_and_the_child_is_logged(cases):
    child = Child.objects.get(external_ref="C1")
    Child.objects.filter(pk=child.pk).update(upn="", upn_unknown="")
    response = client_for(cases.users["manager"]).get(PAGE + "?year=2026")
    body = response.content.decode()
    assert "SEN2-P01" in body and reverse("people:edit", args=[child.pk]) in body
    assert "Download the XML anyway" in body
    assert AccessEvent.objects.filter(child=child, action=Action.LISTED).exists()


def test_a_plan_without_its_cease_reason_links_to_the_plan(cases):
    from tellonce.plans.models import Plan

    plan = Plan.objects.get(ref="P4")
    Plan.objects.filter(pk=plan.pk).update(cease_reason="")
    body = client_for(cases.users["analyst"]).get(PAGE + "?year=2026").content.decode()
    assert "Record why the plan ceased" in body and reverse("plans:detail", args=[plan.pk]) in body


def test_the_download_is_the_validated_xml_and_is_logged_for_each_child(cases):
    response = client_for(cases.users["manager"]).get(DOWNLOAD + "?year=2026")
    assert response.status_code == 200 and response["Content-Type"] == "application/xml"
    body = b"".join(response.streaming_content)
    assert body.startswith(b"<?xml") and b"<LEA>886</LEA>" in body
    assert AccessEvent.objects.filter(action=Action.EXPORT, what__contains="SEN2 2026").count() == 9


def test_a_return_failing_rules_downloads_only_when_asked_anyway(cases):
    Child.objects.filter(external_ref="C1").update(upn="", upn_unknown="")
    client = client_for(cases.users["manager"])
    assert client.get(DOWNLOAD + "?year=2026").status_code == 302
    assert client.get(DOWNLOAD + "?year=2026&anyway=1").status_code == 200


def test_a_schema_invalid_return_is_never_downloaded(cases):
    LocalAuthority.objects.update(designated_medical_officer="")
    client = client_for(cases.users["manager"])
    assert client.get(DOWNLOAD + "?year=2026&anyway=1").status_code == 302
    body = client.get(PAGE + "?year=2026").content.decode()
    assert "The return breaks the schema" in body and "DMO" in body


def test_a_year_not_offered_is_not_found(cases):
    assert client_for(cases.users["manager"]).get(PAGE + "?year=1999").status_code == 404


def test_another_councils_manager_gets_their_own_return_with_none_of_these_children(cases):
    from tellonce.accounts.tests.factories import UserFactory
    from tellonce.organisations.tests.factories import LocalAuthorityFactory

    other = LocalAuthorityFactory(
        code="314",
        designated_medical_officer="Y",
        designated_clinical_officer="Y",
        designated_social_care_officer="Y",
    )
    manager = UserFactory(role="send_manager", local_authority=other)
    client = client_for(manager)
    page = client.get(PAGE + "?year=2026").content.decode()
    download = client.get(DOWNLOAD + "?year=2026")
    assert download.status_code == 200
    body = b"".join(download.streaming_content).decode()
    assert "<LEA>314</LEA>" in body and "<Person>" not in body
    names = Child.objects.values_list("family_name", flat=True)
    assert not [name for name in names if name in page or name in body]
