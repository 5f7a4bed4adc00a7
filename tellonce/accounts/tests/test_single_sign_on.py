"""Staff single sign-on, end to end: the test client follows the redirects to a real OpenID Connect
provider on loopback and back; the library exchanges the code, fetches the provider's keys and
checks the ID token's signature and nonce. No account is ever made from an identity."""

from urllib.parse import parse_qs, urlparse

import pytest
import requests
from django.test import override_settings

from tellonce.accounts.models import User
from tellonce.accounts.sign_ins import SignInWhat
from tellonce.accounts.tests.factories import UserFactory
from tellonce.accounts.tests.oidc_provider import CLIENT_ID, Provider
from tellonce.audit.models import SignInEvent


@pytest.fixture
def provider(db):
    with Provider() as running, override_settings(**running.settings()):
        yield running


def _sign_in_through(client, provider, person, next_page="/accounts/"):
    provider.person = person
    started = client.get("/accounts/sso/", {"next": next_page})
    assert started.status_code == 302 and started["Location"].startswith(f"{provider.issuer}/authorize?")
    asked = {k: v[0] for k, v in parse_qs(urlparse(started["Location"]).query).items()}
    assert asked["client_id"] == CLIENT_ID and asked["state"] and asked["nonce"]
    assert asked["code_challenge_method"] == "S256"
    at_provider = requests.get(started["Location"], allow_redirects=False, timeout=5)
    assert at_provider.status_code == 302
    back = urlparse(at_provider.headers["Location"])
    assert back.path == "/accounts/sso/callback/"
    return client.get(back.path, parse_qs(back.query))


def test_a_staff_member_known_to_the_provider_signs_in_without_a_code_from_tellonce(client, provider):
    coordinator = UserFactory(role="ehc_coordinator", email="Sam.Jones@council.example")
    landed = _sign_in_through(client, provider, {"sub": "abc-123", "email": "sam.jones@council.example"})
    assert landed.status_code == 302 and landed["Location"] == "/accounts/"
    page = client.get("/accounts/")
    assert page.status_code == 200 and "single sign-on" in page.content.decode()
    assert client.session["tellonce_signed_in_by"] == "sso"
    assert provider.requests[-3:] == ["POST /token", "GET /jwks", "GET /userinfo"]
    event = SignInEvent.objects.get(what=SignInWhat.SIGNED_IN)
    assert (event.user, event.detail) == (coordinator, "single sign-on")
    assert client.get("/caseload/").status_code == 200  # no second factor asked: the provider asked


def test_an_identity_with_no_account_is_refused_and_no_account_is_made(client, provider):
    before = User.objects.count()
    landed = _sign_in_through(client, provider, {"sub": "zzz", "email": "stranger@council.example"})
    assert landed["Location"] == "/accounts/sso/refused/"
    page = client.get(landed["Location"]).content.decode()
    assert "not linked to a Tellonce account" in page
    assert User.objects.count() == before
    assert "_auth_user_id" not in client.session
    event = SignInEvent.objects.get()
    assert (event.what, event.username, event.user) == (
        SignInWhat.SSO_REFUSED,
        "stranger@council.example",
        None,
    )


@pytest.mark.parametrize(
    "account",
    [
        {"role": "parent"},  # a family's account never signs in this way
        {"role": "ehc_coordinator", "is_active": False},
    ],
)
def test_only_an_active_staff_account_can_be_signed_in_by_the_provider(client, provider, account):
    UserFactory(email="pat@council.example", local_authority=None, **account)
    landed = _sign_in_through(client, provider, {"sub": "p", "email": "pat@council.example"})
    assert landed["Location"] == "/accounts/sso/refused/"
    assert SignInEvent.objects.get().what == SignInWhat.SSO_REFUSED


def test_an_id_token_for_another_service_is_refused(client, provider):
    UserFactory(email="sam@council.example")
    issue = provider.id_token
    provider.id_token = lambda claims, nonce: issue(claims, nonce, audience="another-service")
    landed = _sign_in_through(client, provider, {"sub": "s", "email": "sam@council.example"})
    assert landed["Location"] == "/accounts/sso/refused/"
    assert "_auth_user_id" not in client.session


def test_a_callback_with_a_state_tellonce_did_not_send_signs_no_one_in(client, provider):
    UserFactory(email="sam@council.example")
    client.get("/accounts/sso/")
    provider.person = {"sub": "s", "email": "sam@council.example"}
    code = provider.authorize(
        {
            "response_type": "code",
            "client_id": CLIENT_ID,
            "scope": "openid email",
            "redirect_uri": "http://testserver/accounts/sso/callback/",
            "state": "forged",
            "nonce": "forged",
            "code_challenge": "x",
        }
    )[1]["Location"]
    query = parse_qs(urlparse(code).query)
    assert client.get("/accounts/sso/callback/", query).status_code == 400
    assert "_auth_user_id" not in client.session


def test_single_sign_on_is_not_offered_or_reachable_when_it_is_off(client, db):
    assert "Sign in with" not in client.get("/accounts/sign-in/").content.decode()
    assert client.get("/accounts/sso/").status_code == 404
    assert client.get("/accounts/sso/callback/", {"code": "x", "state": "y"}).status_code == 404
