"""Two-factor sign-in: staff set up an authenticator app before anything else and enter its code
after the password; families and providers may; recovery codes work once; an administrator can
reset it. Codes are computed from the device's key."""

import re

import pytest
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tellonce.accounts.sign_ins import SignInWhat
from tellonce.accounts.tests.factories import UserFactory
from tellonce.accounts.tests.two_factor import app_for, code_for
from tellonce.audit.models import SignInEvent

PASSWORD = "correct-horse-battery"


def _password(client, user, next_page=""):
    data = {"username": user.username, "password": PASSWORD, "next": next_page}
    return client.post("/accounts/sign-in/", data, REMOTE_ADDR="192.0.2.5")


def _set_up(client):
    page = client.get("/accounts/two-factor/set-up/")
    device = TOTPDevice.objects.get(confirmed=False)
    return page, device


@pytest.fixture
def coordinator(db):
    return UserFactory(role="ehc_coordinator")


def test_a_staff_member_without_an_app_sets_one_up_before_any_other_page(client, coordinator):
    landed = _password(client, coordinator, next_page="/caseload/")
    assert landed["Location"] == "/caseload/"
    sent = client.get("/caseload/")
    assert sent["Location"] == "/accounts/two-factor/set-up/?next=%2Fcaseload%2F"
    assert client.get("/api/v1/children").status_code == 401
    page, device = _set_up(client)
    text = page.content.decode()
    assert 'src="data:image/svg+xml' in text and "QR code for your authenticator app" in text
    assert 'href="/caseload/"' not in text and "Sign out" in text  # no way on but the code
    key = re.search(r'<code class="tellonce-key">([A-Z2-7 ]+)</code>', text).group(1)
    assert key.replace(" ", "") == __import__("base64").b32encode(device.bin_key).decode()
    wrong = client.post("/accounts/two-factor/set-up/?next=/caseload/", {"code": "000000"})
    assert "The code is not right" in wrong.content.decode()
    device.throttle_reset()  # after a wrong code, the next is not even checked for a second
    done = client.post("/accounts/two-factor/set-up/?next=/caseload/", {"code": code_for(device)})
    assert done["Location"].startswith("/accounts/two-factor/recovery-codes/")
    codes = client.get(done["Location"]).content.decode()
    assert "This is the only time these codes are shown" in codes
    assert len(re.findall(r"<li><code>[a-z2-7]{4} [a-z2-7]{4} [a-z2-7]{4}</code></li>", codes)) == 10
    assert client.get(done["Location"])["Location"] == "/accounts/"  # shown once
    assert client.get("/caseload/").status_code == 200
    assert SignInEvent.objects.filter(what=SignInWhat.TWO_FACTOR_SET_UP, user=coordinator).exists()


def test_sign_in_asks_for_the_code_after_the_password(client, coordinator):
    device = app_for(coordinator)
    _password(client, coordinator, next_page="/caseload/")
    asked = client.get("/caseload/")
    assert asked["Location"] == "/accounts/two-factor/?next=%2Fcaseload%2F"
    assert "Enter your code" in client.get(asked["Location"]).content.decode()
    wrong = client.post("/accounts/two-factor/", {"code": "123456", "next": "/caseload/"})
    assert "The code is not right" in wrong.content.decode()
    assert client.get("/caseload/").status_code == 302
    device.throttle_reset()
    right = client.post("/accounts/two-factor/", {"code": code_for(device), "next": "/caseload/"})
    assert right["Location"] == "/caseload/"
    assert client.get("/caseload/").status_code == 200
    whats = list(SignInEvent.objects.order_by("id").values_list("what", "detail"))
    assert whats == [
        (SignInWhat.TWO_FACTOR_FAILED, ""),
        (SignInWhat.SIGNED_IN, "password and authenticator app"),
    ]


def test_a_password_alone_cannot_replace_the_app(client, coordinator):
    app_for(coordinator)
    _password(client, coordinator)
    assert client.get("/accounts/two-factor/set-up/")["Location"].startswith("/accounts/two-factor/?")
    assert not TOTPDevice.objects.filter(confirmed=False).exists()
    assert client.post("/accounts/two-factor/recovery-codes/")["Location"].startswith("/accounts/two-factor/")


def test_a_recovery_code_works_once(client, coordinator):
    device = app_for(coordinator)
    client.force_login(coordinator)
    page = client.post("/accounts/two-factor/recovery-codes/").content.decode()
    code = re.findall(r"<li><code>([a-z2-7 ]+)</code></li>", page)[0]
    assert StaticToken.objects.count() == 10
    client.post("/accounts/sign-out/confirm/")
    _password(client, coordinator)
    assert client.post("/accounts/two-factor/", {"code": code.upper()})["Location"] == "/"
    assert StaticToken.objects.count() == 9
    assert SignInEvent.objects.filter(detail="password and recovery code").count() == 1
    other = Client()
    _password(other, coordinator)
    used = other.post("/accounts/two-factor/", {"code": code}).content.decode()
    assert "The code is not right" in used
    assert device.pk  # the app itself is untouched


def test_families_are_offered_two_factor_not_made_to(client, db):
    parent = UserFactory(role="parent", local_authority=None)
    _password(client, parent)
    assert client.get("/accounts/").status_code == 200
    assert "Set up an authenticator app" in client.get("/accounts/").content.decode()
    _page, device = _set_up(client)
    client.post("/accounts/two-factor/set-up/", {"code": code_for(device)})
    client.post("/accounts/sign-out/confirm/")
    _password(client, parent)
    assert client.get("/accounts/")["Location"].startswith("/accounts/two-factor/?")
    client.post("/accounts/two-factor/", {"code": code_for(device)})
    client.post("/accounts/two-factor/turn-off/")
    assert not TOTPDevice.objects.filter(user=parent).exists()
    assert SignInEvent.objects.filter(what=SignInWhat.TWO_FACTOR_TURNED_OFF).exists()


def test_staff_cannot_turn_two_factor_off(client, coordinator):
    client.force_login(coordinator)
    client.post("/accounts/two-factor/turn-off/")
    assert TOTPDevice.objects.filter(user=coordinator, confirmed=True).exists()


def test_an_administrator_resets_a_lost_phone_and_the_next_page_asks_for_a_new_app(client, area):
    coordinator = area.users["coordinator"]
    theirs = Client()
    theirs.force_login(coordinator)
    assert theirs.get("/caseload/").status_code == 200
    admin = area.users["administrator"]
    client.force_login(admin)
    page = client.get(f"/administration/users/{coordinator.pk}/").content.decode()
    assert "Reset two-factor sign-in" in page
    client.post(f"/administration/users/{coordinator.pk}/reset-two-factor/")
    assert not TOTPDevice.objects.filter(user=coordinator).exists()
    assert theirs.get("/caseload/")["Location"].startswith("/accounts/two-factor/set-up/")
    event = SignInEvent.objects.get(what=SignInWhat.TWO_FACTOR_RESET)
    assert (event.user, event.by) == (coordinator, admin)
