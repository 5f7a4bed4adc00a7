"""Repeated failed sign-ins lock the account (5 by default) or the address (30), until the lock
runs out (30 minutes) or an administrator unlocks the account; each attempt is in the audit."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from tellonce.accounts import lockout, services
from tellonce.accounts.sign_ins import SignInWhat
from tellonce.accounts.tests.factories import UserFactory
from tellonce.audit.models import SignInEvent
from tellonce.conftest import acting
from tellonce.organisations.tests.factories import LocalAuthorityFactory
from tellonce.people.tests.factories import FamilyMemberFactory

PASSWORD = "correct-horse-battery"


def _sign_in(client, username, password, address="192.0.2.10"):
    return client.post(
        "/accounts/sign-in/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def _whats(username):
    return list(SignInEvent.objects.filter(username=username).order_by("id").values_list("what", flat=True))


@pytest.fixture
def parent(db):
    # A parent: no second factor is due, so a right password signs them straight in.
    return UserFactory(role="parent", local_authority=None)


def test_a_wrong_password_is_refused_and_kept_in_the_audit_with_the_address(client, parent):
    page = _sign_in(client, parent.username, "wrong")
    assert page.status_code == 200 and "Enter a correct username and password" in page.content.decode()
    assert PASSWORD not in page.content.decode()
    event = SignInEvent.objects.get()
    assert (event.what, event.username, event.address) == (SignInWhat.FAILED, parent.username, "192.0.2.10")


def test_the_fifth_wrong_password_locks_the_account_even_against_the_right_password(client, parent):
    for _ in range(4):
        assert _sign_in(client, parent.username, "wrong").status_code == 200
    locked = _sign_in(client, parent.username, "wrong")
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "Your account is locked" in text and "try again in 30 minutes" in text
    assert "ask your administrator or the SEND team" in text
    refused = _sign_in(client, parent.username, PASSWORD, address="198.51.100.7")  # from anywhere
    assert refused.status_code == 429 and "_auth_user_id" not in client.session
    assert _whats(parent.username) == [SignInWhat.FAILED] * 4 + [SignInWhat.LOCKED, SignInWhat.REFUSED_LOCKED]
    assert lockout.is_locked(parent.username)


def test_the_lock_runs_out_after_30_minutes(client, parent):
    for _ in range(5):
        _sign_in(client, parent.username, "wrong")
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        assert not lockout.is_locked(parent.username)
        assert _sign_in(client, parent.username, PASSWORD).status_code == 302
    assert _whats(parent.username)[-1] == SignInWhat.SIGNED_IN


def test_a_right_password_clears_the_failures_before_the_limit(client, parent):
    for _ in range(4):
        _sign_in(client, parent.username, "wrong")
    assert _sign_in(client, parent.username, PASSWORD).status_code == 302
    client.post("/accounts/sign-out/confirm/")
    for _ in range(4):
        assert _sign_in(client, parent.username, "wrong").status_code == 200


def test_thirty_failures_from_one_address_lock_the_address_for_every_account(client, db):
    others = UserFactory.create_batch(6, role="parent", local_authority=None)
    for attempt in range(30):
        _sign_in(client, others[attempt % 6].username, "wrong", address="203.0.113.9")
    bystander = UserFactory(role="parent", local_authority=None)
    assert _sign_in(client, bystander.username, PASSWORD, address="203.0.113.9").status_code == 429
    assert _sign_in(client, bystander.username, PASSWORD, address="203.0.113.10").status_code == 302
    assert lockout.locked_addresses() == ["203.0.113.9"]


def test_an_administrator_unlocks_an_account_from_its_page(client, parent, area):
    for _ in range(5):
        _sign_in(client, parent.username, "wrong")
    admin = area.users["administrator"]
    parent.email = "pat@example.org"
    parent.save()
    FamilyMemberFactory(child=area.child, account=parent)
    client.force_login(admin)
    listing = client.get("/administration/users/", {"q": "pat@example"}).content.decode()
    assert parent.username in listing and "Locked" in listing
    page = client.get(f"/administration/users/{parent.pk}/").content.decode()
    assert "Unlock the account" in page
    done = client.post(f"/administration/users/{parent.pk}/unlock/", follow=True).content.decode()
    assert "can sign in again" in done
    event = SignInEvent.objects.get(what=SignInWhat.UNLOCKED)
    assert (event.user, event.by) == (parent, admin)
    client.post("/accounts/sign-out/confirm/")
    assert _sign_in(client, parent.username, PASSWORD).status_code == 302


def test_only_an_administrator_may_unlock(parent, area):
    with pytest.raises(PermissionDenied):
        services.unlock(parent, by=acting(area.users["coordinator"]))
    assert not SignInEvent.objects.filter(what=SignInWhat.UNLOCKED).exists()


def test_an_administrator_cannot_open_an_account_outside_their_council(client, area):
    elsewhere = LocalAuthorityFactory(code="888", name="Southbridge Council")
    stranger = UserFactory(role="ehc_coordinator", local_authority=elsewhere)
    client.force_login(area.users["administrator"])
    assert client.get(f"/administration/users/{stranger.pk}/").status_code == 404
    assert client.post(f"/administration/users/{stranger.pk}/unlock/").status_code == 404
