"""After 30 minutes without a request, the next one signs the user out and says why."""

from datetime import timedelta

import time_machine
from django.utils import timezone

from tellonce.accounts.sign_ins import SignInWhat
from tellonce.accounts.tests.factories import UserFactory
from tellonce.audit.models import SignInEvent


def test_a_user_idle_for_more_than_30_minutes_is_signed_out_and_told_why(client, db):
    user = UserFactory()
    client.force_login(user)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert client.get("/caseload/").status_code == 200
    with time_machine.travel(start + timedelta(minutes=29), tick=False):
        assert client.get("/caseload/").status_code == 200  # a request keeps the session alive
    with time_machine.travel(start + timedelta(minutes=29 + 31), tick=False):
        sent = client.get("/caseload/")
    assert sent["Location"] == "/accounts/signed-out/?next=%2Fcaseload%2F"
    page = client.get(sent["Location"]).content.decode()
    assert "You have been signed out" in page and "30 minutes" in page
    assert 'href="/accounts/sign-in/?next=%2Fcaseload%2F"' in page
    assert client.get("/caseload/")["Location"].startswith("/accounts/sign-in/")
    event = SignInEvent.objects.get()
    assert (event.what, event.user) == (SignInWhat.TIMED_OUT, user)
