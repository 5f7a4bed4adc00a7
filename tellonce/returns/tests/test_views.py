"""The "SEN2 return" page, its kept check and its download: who may open them, what they show,
and the log."""

import pytest
from django.test import Client
from django.urls import reverse

from tellonce.audit.models import AccessEvent, Action
from tellonce.organisations.models import LocalAuthority
from tellonce.people.models import Child
from tellonce.returns.models import ReturnCheck, ReturnFinding
from tellonce.returns.tests.case_file import import_cases

pytestmark = pytest.mark.django_db
PAGE = reverse("returns:sen2")
CHECK = reverse("returns:sen2-check")
DOWNLOAD = reverse("returns:sen2-download")


@pytest.fixture
def cases(area, tmp_path):
    import_cases(tmp_path)
    return area


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def checked(client: Client, year: int = 2026) -> str:
    """The page after checking the return: the button's redirect followed."""
    response = client.post(CHECK, {"year": year}, follow=True)
    assert response.redirect_chain == [(f"{PAGE}?year={year}", 302)]
    return response.content.decode()


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
    assert client_for(cases.users[role]).post(CHECK, {"year": 2026}).status_code == (
        302 if status == 200 else 403
    )
    assert client_for(cases.users[role]).get(DOWNLOAD + "?year=2026").status_code in (
        {200} if status == 200 else {403}
    )


def test_the_page_counts_the_return_by_module_and_says_it_passes(cases):
    body = checked(client_for(cases.users["manager"]))
    assert "Census day is" in body and "15 January 2026" in body
    assert "The return was checked. Every record passes every business rule and the schema." in body
    assert "People (module 1)" in body and "Every record passes every business rule." in body
    assert "Download the XML" in body and "anyway" not in body
    assert f"by {cases.users['manager']}" in body


def test_until_it_is_checked_the_page_says_so_and_builds_nothing(cases):
    body = client_for(cases.users["manager"]).get(PAGE + "?year=2026").content.decode()
    assert "Not checked yet" in body and "Check the return" in body
    assert "People (module 1)" not in body and "Download the XML" not in body
    assert not AccessEvent.objects.filter(action=Action.LISTED).exists()
    assert not ReturnCheck.objects.exists()


def test_the_page_shows_the_kept_check_until_the_return_is_checked_again(cases):
    client = client_for(cases.users["manager"])
    child = Child.objects.get(external_ref="C1")
    Child.objects.filter(pk=child.pk).update(upn="", upn_unknown="")
    assert "SEN2-P01" in checked(client)
    Child.objects.filter(pk=child.pk).update(upn="A123456789012")
    assert "SEN2-P01" in client.get(PAGE + "?year=2026").content.decode()  # as last checked
    body = checked(client)
    assert "SEN2-P01" not in body and "Every record passes every business rule." in body
    assert ReturnCheck.objects.count() == 1 and not ReturnFinding.objects.exists()


def test_each_collection_year_keeps_its_own_check(cases):
    client = client_for(cases.users["manager"])
    checked(client, 2026)
    assert "Not checked yet" in client.get(PAGE + "?year=2025").content.decode()
    checked(client, 2025)
    assert sorted(ReturnCheck.objects.values_list("year", flat=True)) == [2025, 2026]


def test_checking_is_a_post_of_a_year_offered(cases):
    client = client_for(cases.users["manager"])
    assert client.get(CHECK + "?year=2026").status_code == 405
    assert client.post(CHECK, {"year": 1999}).status_code == 404
    assert client.post(CHECK, {"year": "next"}).status_code == 404
    assert client.post(CHECK, {}).status_code == 404
    assert not ReturnCheck.objects.exists()


def test_each_finding_names_its_child_and_goes_with_the_child(cases):
    Child.objects.filter(external_ref="C1").update(upn="", upn_unknown="")
    checked(client_for(cases.users["manager"]))
    finding = ReturnFinding.objects.get(rule_id="SEN2-P01")
    child = Child.objects.get(external_ref="C1")
    assert finding.child_id == child.pk and finding.local_authority_id == child.local_authority_id
    assert ReturnCheck.objects.get().failures == ReturnFinding.objects.count()
    child.delete()
    assert not ReturnFinding.objects.filter(rule_id="SEN2-P01").exists()


def test_a_failing_record_is_listed_with_its_rule_and_a_link_to_fix_it_and_the_child_is_logged(cases):
    child = Child.objects.get(external_ref="C1")
    Child.objects.filter(pk=child.pk).update(upn="", upn_unknown="")
    client = client_for(cases.users["manager"])
    checked(client)
    body = client.get(PAGE + "?year=2026").content.decode()
    assert "SEN2-P01" in body and reverse("people:edit", args=[child.pk]) in body
    assert "Download the XML anyway" in body
    assert AccessEvent.objects.filter(child=child, action=Action.LISTED).exists()


def test_a_plan_without_its_cease_reason_links_to_the_plan(cases):
    from tellonce.plans.models import Plan

    plan = Plan.objects.get(ref="P4")
    Plan.objects.filter(pk=plan.pk).update(cease_reason="")
    body = checked(client_for(cases.users["analyst"]))
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
    body = checked(client)
    assert "The return breaks the schema" in body and "DMO" in body
    assert "error breaks the schema" in body or "errors break the schema" in body
    assert "Download the XML" not in body


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
    checked(client_for(cases.users["manager"]))
    client = client_for(manager)
    page = checked(client)
    download = client.get(DOWNLOAD + "?year=2026")
    assert download.status_code == 200
    body = b"".join(download.streaming_content).decode()
    assert "<LEA>314</LEA>" in body and "<Person>" not in body
    names = Child.objects.values_list("family_name", flat=True)
    assert not [name for name in names if name in page or name in body]
    theirs = ReturnCheck.objects.get(local_authority=other)
    assert theirs.counts["persons"] == 0 and not theirs.findings.exists()
    assert ReturnCheck.objects.count() == 2


def test_the_kept_check_is_shared_only_by_roles_that_see_the_whole_council():
    """One check a council and year serves everyone who may prepare the return: so every role
    with the capability must reach the whole council's children. A narrower scope would need the
    findings read through the user's scope."""
    from tellonce.accounts.policy import POLICY, Capability, Scope

    scopes = POLICY[Capability.PREPARE_STATUTORY_RETURNS]
    assert scopes and set(scopes.values()) == {Scope.COUNCIL}
