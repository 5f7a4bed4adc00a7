"""Family accounts: an invitation's link works once, for 14 days, and only its hash is kept; the
account is linked only by the code sent to the address on the record; five wrong codes end it;
every step is in the child's access log; the pages refuse whoever may not change the record."""

import hashlib
import re
from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from tellonce.accounts.tests.factories import UserFactory
from tellonce.audit.models import AccessEvent, Action
from tellonce.conftest import acting
from tellonce.core.refusals import InvalidStep
from tellonce.organisations.tests.factories import LocalAuthorityFactory
from tellonce.people import invitations
from tellonce.people.invitations import CodeResult
from tellonce.people.models import AccountInvitation, Child, FamilyMember, InvitationStatus
from tellonce.people.tests.factories import ChildFactory, FamilyMemberFactory

ADDRESS = "ada.okafor@example.org"
PASSWORD = "lighthouse kettle orchard"


@pytest.fixture
def mother(area):
    return FamilyMemberFactory(child=area.child, given_name="Ada", email=ADDRESS, main_contact=False)


@pytest.fixture
def sent(area, mother, django_capture_on_commit_callbacks):
    """The invitation to Ada, and the token its emailed link carries."""
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitations.invite(
            area.child,
            member=mother,
            by=acting(area.users["coordinator"]),
            link_for=lambda t: f"/invitations/{t}/",
        )
    token = re.search(r"/invitations/([^/]+)/", mail.outbox[-1].body).group(1)
    return invitation, token


def _code(outbox) -> str:
    return re.search(r"Your code is (\d{6})", outbox[-1].body).group(1)


def _parent(**extra):
    return UserFactory(role="parent", local_authority=None, **extra)


def _ask_for_code(invitation, user, capture):
    with capture(execute=True):
        invitations.accept_as(invitation, by=acting(user))
    return _code(mail.outbox)


def test_the_invitation_goes_to_the_address_on_the_record_and_keeps_only_a_hash_of_its_token(sent):
    invitation, token = sent
    assert mail.outbox[-1].to == [ADDRESS]
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(AccountInvitation.objects.filter(pk=invitation.pk).values().get())
    assert invitations.find(token) == invitation
    assert invitation.expires_at - invitation.sent_at == timedelta(days=14)


def test_sending_again_replaces_the_open_invitation_and_its_link(
    area, mother, sent, django_capture_on_commit_callbacks
):
    first, first_token = sent
    with django_capture_on_commit_callbacks(execute=True):
        invitations.invite(area.child, member=mother, by=acting(area.users["coordinator"]), link_for=str)
    assert AccountInvitation.objects.filter(family_member=mother, status=InvitationStatus.OPEN).count() == 1
    assert "newer invitation" in invitations.problem_with(invitations.find(first_token))


def test_an_invitation_stops_working_after_14_days(sent):
    invitation, _ = sent
    with time_machine.travel(timezone.now() + timedelta(days=14, seconds=1)):
        assert "expired" in invitations.problem_with(invitation)
        with pytest.raises(InvalidStep):
            invitations.accept_as(invitation, by=acting(_parent()))


def test_a_cancelled_invitation_cannot_be_accepted(area, sent):
    invitation, _ = sent
    invitations.cancel(invitation, by=acting(area.users["coordinator"]))
    with pytest.raises(InvalidStep, match="cancelled"):
        invitations.accept_as(invitation, by=acting(_parent()))


def test_only_whoever_may_change_the_record_invites(area, mother):
    other_council = UserFactory(role="ehc_coordinator", local_authority=LocalAuthorityFactory())
    for outsider in (other_council, area.users["other coordinator"], area.users["quality lead"]):
        with pytest.raises(PermissionDenied):
            invitations.invite(area.child, member=mother, by=acting(outsider), link_for=str)


def test_only_a_parent_with_parental_responsibility_and_an_email_address_can_be_invited(area):
    coordinator = acting(area.users["coordinator"])
    no_address = FamilyMemberFactory(child=area.child, email="")
    no_responsibility = FamilyMemberFactory(
        child=area.child, email="a@example.org", parental_responsibility=False
    )
    for member in (no_address, no_responsibility):
        with pytest.raises(InvalidStep):
            invitations.invite(area.child, member=member, by=coordinator, link_for=str)


def test_a_young_person_can_be_invited_from_their_16th_birthday(area):
    coordinator = acting(area.users["coordinator"])
    today = date(2026, 12, 4)
    child = ChildFactory(
        local_authority=area.child.local_authority,
        coordinator=area.users["coordinator"],
        date_of_birth=date(2010, 12, 5),
        email="jordan@example.org",
    )
    with time_machine.travel(today, tick=False):
        with pytest.raises(InvalidStep, match="16th birthday"):
            invitations.invite(child, member=None, by=coordinator, link_for=str)
    with time_machine.travel(today + timedelta(days=1), tick=False):
        invitation = invitations.invite(child, member=None, by=coordinator, link_for=str)
    assert invitation.for_young_person and invitation.email == "jordan@example.org"


def test_the_code_goes_to_the_address_on_the_record_and_only_the_right_code_links_the_account(
    area, mother, sent, django_capture_on_commit_callbacks
):
    invitation, _ = sent
    visitor = _parent(email="someone.else@example.org")
    code = _ask_for_code(invitation, visitor, django_capture_on_commit_callbacks)
    assert mail.outbox[-1].to == [ADDRESS]
    invitation.refresh_from_db()
    assert code not in invitation.code_hash and len(invitation.code_hash) == 64
    mother.refresh_from_db()
    assert mother.account is None
    wrong = "000000" if code != "000000" else "111111"
    assert invitations.enter_code(invitation, wrong, by=acting(visitor)) == CodeResult.WRONG
    assert FamilyMember.objects.get(pk=mother.pk).account is None
    assert invitations.enter_code(invitation, code, by=acting(visitor)) == CodeResult.LINKED
    assert FamilyMember.objects.get(pk=mother.pk).account == visitor
    assert list(Child.objects.visible_to(visitor)) == [area.child]
    with pytest.raises(InvalidStep, match="already been used"):
        invitations.accept_as(invitation, by=acting(_parent()))


def test_five_wrong_codes_end_the_invitation(mother, sent, django_capture_on_commit_callbacks):
    invitation, _ = sent
    visitor = _parent()
    code = _ask_for_code(invitation, visitor, django_capture_on_commit_callbacks)
    wrong = "000000" if code != "000000" else "111111"
    results = [invitations.enter_code(invitation, wrong, by=acting(visitor)) for _ in range(5)]
    assert results == [CodeResult.WRONG] * 4 + [CodeResult.ENDED]
    assert AccountInvitation.objects.get(pk=invitation.pk).status == InvitationStatus.ENDED
    with pytest.raises(InvalidStep, match="wrongly too many times"):
        invitations.enter_code(invitation, code, by=acting(visitor))
    assert FamilyMember.objects.get(pk=mother.pk).account is None


def test_a_code_stops_working_after_30_minutes(sent, django_capture_on_commit_callbacks):
    invitation, _ = sent
    visitor = _parent()
    code = _ask_for_code(invitation, visitor, django_capture_on_commit_callbacks)
    with time_machine.travel(timezone.now() + timedelta(minutes=30, seconds=1)):
        assert invitations.enter_code(invitation, code, by=acting(visitor)) == CodeResult.EXPIRED


def test_only_the_account_that_asked_for_the_code_can_enter_it(sent, django_capture_on_commit_callbacks):
    invitation, _ = sent
    code = _ask_for_code(invitation, _parent(), django_capture_on_commit_callbacks)
    with pytest.raises(InvalidStep, match="Ask for a code"):
        invitations.enter_code(invitation, code, by=acting(_parent()))


def test_a_staff_account_or_a_young_persons_cannot_accept_a_parents_invitation(area, sent):
    invitation, _ = sent
    for user in (area.users["coordinator"], area.users["SENCO at the school"], area.users["young person"]):
        with pytest.raises(InvalidStep, match="Sign out"):
            invitations.accept_as(invitation, by=acting(user))


def test_a_new_account_takes_the_address_as_its_username_and_must_have_a_good_password(
    sent, django_capture_on_commit_callbacks
):
    invitation, _ = sent
    with pytest.raises(InvalidStep):
        invitations.accept_with_new_account(invitation, password="short", via="test")
    _parent(username=ADDRESS)
    assert invitations.username_for(invitation) == "ada.okafor2@example.org"
    with django_capture_on_commit_callbacks(execute=True):
        user = invitations.accept_with_new_account(invitation, password=PASSWORD, via="test")
    assert (user.username, user.role, user.email) == ("ada.okafor2@example.org", "parent", ADDRESS)
    assert user.check_password(PASSWORD) and user.local_authority is None
    assert mail.outbox[-1].to == [ADDRESS] and "Your code is" in mail.outbox[-1].body


def test_the_young_persons_code_links_their_own_record(area, django_capture_on_commit_callbacks):
    child = ChildFactory(
        local_authority=area.child.local_authority,
        coordinator=area.users["coordinator"],
        date_of_birth=date(2009, 1, 1),
        email="jordan@example.org",
    )
    invitation = invitations.invite(child, member=None, by=acting(area.users["coordinator"]), link_for=str)
    with django_capture_on_commit_callbacks(execute=True):
        user = invitations.accept_with_new_account(invitation, password=PASSWORD, via="test")
    assert user.role == "young_person" and mail.outbox[-1].to == ["jordan@example.org"]
    invitations.enter_code(invitation, _code(mail.outbox), by=acting(user))
    assert Child.objects.get(pk=child.pk).account == user


def test_each_step_is_in_the_childs_access_log_and_the_invitation_and_link_on_its_timeline(
    area, sent, django_capture_on_commit_callbacks
):
    invitation, _ = sent
    visitor = _parent()
    invitations.enter_code(
        invitation, _ask_for_code(invitation, visitor, django_capture_on_commit_callbacks), by=acting(visitor)
    )
    changes = AccessEvent.objects.filter(child_id=area.child.pk, action=Action.CHANGE).order_by("at")
    assert [(event.user, event.what.split(" ")[0]) for event in changes] == [
        (area.users["coordinator"], "Sent"),
        (visitor, "Sent"),
        (visitor, "Linked"),
    ]
    assert {"Invitation sent", "Ada Okafor can now sign in"} <= set(
        area.child.timeline.values_list("title", flat=True)
    )


# The pages


@pytest.fixture
def coordinator(client, area):
    client.force_login(area.users["coordinator"])
    return client


def test_the_coordinator_invites_from_the_family_accounts_page(
    coordinator, area, mother, mailoutbox, django_capture_on_commit_callbacks
):
    page = coordinator.get(f"/children/{area.child.pk}/family-accounts/")
    assert page.status_code == 200 and "Send an invitation to Ada Okafor" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(
            f"/children/{area.child.pk}/family-accounts/", {"who": f"member-{mother.pk}"}
        )
    assert response.status_code == 302
    assert mailoutbox[-1].to == [ADDRESS] and "http://testserver/invitations/" in mailoutbox[-1].body


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("coordinator", 200),
        ("manager", 200),
        ("other coordinator", 404),
        ("quality lead", 403),
        ("parent", 403),
        ("another council's coordinator", 404),
    ],
)
def test_only_whoever_may_change_the_record_opens_its_family_accounts(client, area, who, status):
    user = area.users.get(who) or UserFactory(role="ehc_coordinator", local_authority=LocalAuthorityFactory())
    client.force_login(user)
    assert client.get(f"/children/{area.child.pk}/family-accounts/").status_code == status
    assert client.get(f"/children/{area.child.pk}/who-decides/").status_code == status


def test_an_invitation_of_another_child_cannot_be_cancelled_from_this_one(coordinator, area, sent):
    invitation, _ = sent
    other = ChildFactory(local_authority=area.child.local_authority, coordinator=area.users["coordinator"])
    assert (
        coordinator.post(f"/children/{other.pk}/family-accounts/{invitation.pk}/cancel/").status_code == 404
    )
    assert (
        coordinator.post(f"/children/{area.child.pk}/family-accounts/{invitation.pk}/cancel/").status_code
        == 302
    )
    assert AccountInvitation.objects.get(pk=invitation.pk).status == InvitationStatus.CANCELLED


def test_a_parent_makes_an_account_from_the_link_and_sees_their_child_once_the_code_is_entered(
    area, sent, mailoutbox, django_capture_on_commit_callbacks
):
    _, token = sent
    visitor = Client()
    page = visitor.get(f"/invitations/{token}/")
    assert page.status_code == 200 and ADDRESS in page.content.decode()
    assert area.child.given_name not in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post(f"/invitations/{token}/", {"password": PASSWORD, "password_again": PASSWORD})
    assert response.status_code == 302 and response["Location"] == f"/invitations/{token}/code/"
    assert visitor.get("/my-children/").content.decode().count("/children/") == 0
    wrong = visitor.post(f"/invitations/{token}/code/", {"code": "12345x"})
    assert "The code is not right. You can try 4 more times" in wrong.content.decode()
    done = visitor.post(f"/invitations/{token}/code/", {"code": _code(mailoutbox)}, follow=True)
    assert area.child.full_name in done.content.decode()
    assert visitor.get(f"/children/{area.child.pk}/").status_code == 200
    assert visitor.get(f"/children/{area.other_child.pk}/").status_code == 404
    assert visitor.get(f"/invitations/{token}/").status_code == 410


def test_a_link_never_sent_is_not_found_and_a_signed_in_coordinator_is_refused(coordinator, sent):
    _, token = sent
    assert coordinator.get("/invitations/not-a-token/").status_code == 404
    assert "A staff account cannot accept" in coordinator.get(f"/invitations/{token}/").content.decode()
    assert coordinator.post(f"/invitations/{token}/").status_code == 403


def test_a_parent_with_an_account_for_another_child_uses_it(
    client, area, sent, mailoutbox, django_capture_on_commit_callbacks
):
    _, token = sent
    parent = area.users["parent of another child"]
    client.force_login(parent)
    assert "You are signed in as" in client.get(f"/invitations/{token}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/invitations/{token}/").status_code == 302
    client.post(f"/invitations/{token}/code/", {"code": _code(mailoutbox)})
    assert set(Child.objects.visible_to(parent)) == {area.child, area.other_child}
