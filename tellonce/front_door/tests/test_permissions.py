"""Who reaches which request: the requester their own, the family those about their child once
sent, the council's casework staff their own council's sent requests; everyone else nothing."""

from datetime import date

import pytest
from django.core.files.base import ContentFile

from tellonce.audit.models import AccessEvent
from tellonce.conftest import ROLES
from tellonce.front_door.models import RequestDocument, Status
from tellonce.front_door.tests.factories import OnlineRequestFactory
from tellonce.organisations.tests.factories import LocalAuthorityFactory

MAKERS = {
    "parent",
    "parent of another child",
    "young person",
    "SENCO at the school",
    "SENCO elsewhere",
    "therapist asked to help",
    "therapist not asked",
    "paediatrician asked by name",
}
TRIAGERS = {"coordinator", "other coordinator", "manager"}


@pytest.fixture
def sent(area):
    request = OnlineRequestFactory(
        local_authority=area.child.local_authority,
        requester=area.users["SENCO at the school"],
        requested_by="setting",
        status=Status.SUBMITTED,
        submitted_on=date(2026, 11, 2),
        child=area.child,
    )
    RequestDocument.objects.create(
        request=request,
        file=ContentFile(b"%PDF-1.4", name="plan.pdf"),
        original_name="plan.pdf",
        content_type="application/pdf",
        size=8,
    )
    return request


@pytest.mark.parametrize("who", ROLES)
def test_a_sent_request_is_seen_by_its_maker_the_family_and_the_councils_caseworkers(client, area, sent, who):
    user = area.users[who]
    client.force_login(user)
    if who in {"SENCO at the school", "parent"}:
        family_page = 200
    else:
        family_page = 404 if who in MAKERS else 403
    assert client.get(f"/requests/{sent.pk}/").status_code == family_page
    council_page = client.get(f"/new-requests/{sent.pk}/").status_code
    assert council_page == (200 if who in TRIAGERS else 403)
    logged = AccessEvent.objects.filter(user=user, child=area.child).exists()
    assert logged == (200 in (family_page, council_page))


def test_a_draft_is_changed_only_by_the_person_writing_it(client, area):
    draft = OnlineRequestFactory(
        local_authority=area.child.local_authority, requester=area.users["parent"], child=area.child
    )
    for who in ("parent of another child", "SENCO at the school"):
        client.force_login(area.users[who])
        assert client.get(f"/requests/{draft.pk}/reason/").status_code == 404
    client.force_login(area.users["coordinator"])
    assert client.get(f"/requests/{draft.pk}/reason/").status_code == 403
    assert client.get(f"/new-requests/{draft.pk}/").status_code == 404
    client.force_login(area.users["parent"])
    assert client.get(f"/requests/{draft.pk}/reason/").status_code == 200


def test_another_councils_caseworkers_see_nothing_of_the_request(client, area, sent):
    from tellonce.accounts.tests.factories import UserFactory

    elsewhere = UserFactory(
        role="send_manager", local_authority=LocalAuthorityFactory(name="Southbridge Council", code="998")
    )
    client.force_login(elsewhere)
    assert client.get(f"/new-requests/{sent.pk}/").status_code == 404
    assert sent.ref not in client.get("/new-requests/").content.decode()


def test_a_request_sent_by_someone_else_cannot_be_changed_by_its_maker_once_sent(client, area, sent):
    client.force_login(area.users["SENCO at the school"])
    assert client.get(f"/requests/{sent.pk}/reason/").status_code == 404


def test_evidence_is_downloaded_only_by_those_who_see_the_request(client, area, sent, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    sent.documents.all().delete()
    doc = RequestDocument.objects.create(
        request=sent,
        file=ContentFile(b"%PDF-1.4", name="plan.pdf"),
        original_name="plan.pdf",
        content_type="application/pdf",
        size=8,
    )
    url = f"/requests/{sent.pk}/documents/{doc.pk}/"
    for who, status in [
        ("coordinator", 200),
        ("parent", 200),
        ("SENCO elsewhere", 404),
        ("parent of another child", 404),
        ("analyst", 403),
    ]:
        client.force_login(area.users[who])
        assert client.get(url).status_code == status, who
