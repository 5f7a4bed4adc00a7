"""Forgotten and changed passwords: the link goes by email, works once and runs out, and the pages
never say whether an address has an account."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from tellonce.accounts.sign_ins import SignInWhat
from tellonce.accounts.tests.factories import UserFactory
from tellonce.audit.models import SignInEvent

NEW = "plum orchard bicycle lantern"


@pytest.fixture
def parent(db):
    return UserFactory(role="parent", local_authority=None, email="pat@example.org")


def _link(message) -> str:
    return re.search(r"http://testserver(/accounts/password/reset/\S+/)", message.body).group(1)


def _ask(client, email):
    return client.post("/accounts/password/reset/", {"email": email}, REMOTE_ADDR="192.0.2.4")


def test_the_sign_in_page_links_to_forgotten_password(client, db):
    page = client.get("/accounts/sign-in/").content.decode()
    assert "Forgotten your password?" in page and 'href="/accounts/password/reset/"' in page


def test_a_known_and_an_unknown_address_get_the_same_answer_and_only_the_account_gets_an_email(
    client, parent
):
    known, unknown = _ask(client, "PAT@example.org"), _ask(client, "nobody@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/accounts/password/reset/sent/"
    assert (
        "If the address you entered belongs to an account" in client.get(known["Location"]).content.decode()
    )
    assert [m.to for m in mail.outbox] == [["pat@example.org"]]
    assert mail.outbox[0].subject == "Reset your Tellonce password"
    asked = SignInEvent.objects.filter(what=SignInWhat.PASSWORD_RESET_ASKED).order_by("id")
    assert [(e.username, e.user, e.address) for e in asked] == [
        ("PAT@example.org", parent, "192.0.2.4"),
        ("nobody@example.org", None, "192.0.2.4"),
    ]


def test_the_link_sets_a_new_password_once(client, parent):
    _ask(client, parent.email)
    link = _link(mail.outbox[0])
    form = client.get(link, follow=True)
    assert "Choose a new password" in form.content.decode()
    set_password_url = form.redirect_chain[-1][0]
    assert "set-password" in set_password_url  # the token leaves the address bar
    done = client.post(set_password_url, {"new_password1": NEW, "new_password2": NEW})
    assert done["Location"] == "/accounts/password/reset/done/"
    parent.refresh_from_db()
    assert parent.check_password(NEW)
    assert SignInEvent.objects.filter(what=SignInWhat.PASSWORD_RESET, user=parent).exists()
    again = client.get(link, follow=True).content.decode()
    assert "This link has stopped working" in again


def test_the_link_runs_out_after_an_hour(client, parent):
    _ask(client, parent.email)
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        page = client.get(_link(mail.outbox[0]), follow=True).content.decode()
    assert "This link has stopped working" in page


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        ("short pass", "short pass", "Password must be 12 characters or more"),
        ("password1234", "password1234", "This password is too easy to guess"),
        (NEW, NEW + "x", "Enter the same password in both boxes"),
        ("", "", "Enter a new password"),
    ],
)
def test_a_new_password_breaking_a_rule_is_refused_in_plain_english(client, parent, first, second, message):
    _ask(client, parent.email)
    url = client.get(_link(mail.outbox[0]), follow=True).redirect_chain[-1][0]
    page = client.post(url, {"new_password1": first, "new_password2": second}).content.decode()
    assert message in page and "There is a problem" in page
    assert first not in page or not first


def test_a_signed_in_user_changes_their_password_and_other_sessions_end(client, parent):
    elsewhere = type(client)()
    elsewhere.force_login(parent)
    client.force_login(parent)
    wrong = client.post(
        "/accounts/password/change/",
        {"old_password": "nope", "new_password1": NEW, "new_password2": NEW},
    ).content.decode()
    assert "Your current password is not right" in wrong
    changed = client.post(
        "/accounts/password/change/",
        {"old_password": "correct-horse-battery", "new_password1": NEW, "new_password2": NEW},
        follow=True,
    ).content.decode()
    assert "Your password has been changed" in changed
    parent.refresh_from_db()
    assert parent.check_password(NEW)
    assert client.get("/accounts/").status_code == 200
    assert elsewhere.get("/accounts/")["Location"].startswith("/accounts/sign-in/")
    assert SignInEvent.objects.filter(what=SignInWhat.PASSWORD_CHANGED, user=parent, by=parent).exists()
