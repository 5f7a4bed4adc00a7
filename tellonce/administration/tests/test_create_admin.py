"""Given a new installation, when whoever runs it creates the first administrator from the command
line, then the council is added if it is new, the administrator can sign in, and both changes are
in the council's administration log; a bad code, a weak password or a taken username is refused
with nothing made."""

import io

import pytest
from django.core.management import CommandError, call_command

from tellonce.accounts.models import User
from tellonce.audit.models import AdministrationEvent
from tellonce.organisations.models import LocalAuthority

pytestmark = pytest.mark.django_db
PASSWORD = "harbour lantern quietly 58"


def _create(monkeypatch, *extra, password=PASSWORD, council="886", name="Kent County Council"):
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    out = io.StringIO()
    call_command(
        "create-admin",
        f"--council={council}",
        f"--council-name={name}",
        "--username=sam.admin",
        "--email=sam.admin@kent.example",
        "--first-name=Sam",
        "--last-name=Admin",
        "--password-stdin",
        *extra,
        stdout=out,
    )
    return out.getvalue()


def test_the_first_administrator_of_a_new_installation_adds_the_council_and_can_sign_in(monkeypatch, client):
    said = _create(monkeypatch)
    council = LocalAuthority.objects.get(code="886")
    admin = User.objects.get(username="sam.admin")
    assert (council.name, admin.role, admin.local_authority) == (
        "Kent County Council",
        "administrator",
        council,
    )
    assert admin.check_password(PASSWORD) and "authenticator app" in said
    logged = AdministrationEvent.objects.filter(local_authority=council)
    assert sorted(logged.values_list("record_kind", flat=True)) == ["council", "user"]
    signed_in = client.post("/accounts/sign-in/", {"username": "sam.admin", "password": PASSWORD})
    assert signed_in.status_code == 302
    assert "/accounts/two-factor/set-up/" in client.get(signed_in["Location"])["Location"]


def test_an_administrator_for_a_council_already_here_needs_no_name(monkeypatch):
    LocalAuthority.objects.create(code="886", name="Kent County Council")
    _create(monkeypatch, name="")
    assert (
        LocalAuthority.objects.count() == 1
        and User.objects.get(username="sam.admin").local_authority.code == "886"
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"council": "88"}, "3 digits"),
        ({"name": ""}, "give its name"),
        ({"password": "password"}, "password"),
    ],
)
def test_a_bad_request_is_refused_and_nothing_is_made(monkeypatch, change, message):
    with pytest.raises(CommandError, match=message):
        _create(monkeypatch, **change)
    assert not LocalAuthority.objects.exists()
    assert not User.objects.filter(username="sam.admin").exists()
    assert not AdministrationEvent.objects.exists()
