"""Two gates every request passes once a user is signed in: sign out after a time idle, and finish
signing in (the second factor) before opening anything but a public page."""

import time
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpResponseRedirect
from django.urls import reverse
from django_otp import user_has_device

from tellonce.accounts import sign_ins
from tellonce.accounts.addresses import client_address
from tellonce.accounts.two_factor import has_finished_signing_in

LAST_SEEN = "tellonce_last_seen"
# How often the time of the last request is written to the session (not on every request).
RESOLUTION_SECONDS = 60


def _with_next(name: str, request: Any) -> str:
    return f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}"


class SignOutWhenIdle:
    """After TELLONCE_IDLE_MINUTES without a request, the next one signs the user out and is sent to
    a page that says why. The session's absolute lifetime (SESSION_COOKIE_AGE) still applies."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        if request.user.is_authenticated:
            now, last = int(time.time()), request.session.get(LAST_SEEN)
            if last is not None and now - last > settings.TELLONCE_IDLE_MINUTES * 60:
                user = request.user
                sign_ins.record(
                    sign_ins.SignIn(
                        sign_ins.SignInWhat.TIMED_OUT,
                        username=user.username,
                        user=user,
                        address=client_address(request),
                        detail=f"No request for {settings.TELLONCE_IDLE_MINUTES} minutes",
                    )
                )
                logout(request)
                return HttpResponseRedirect(_with_next("accounts:timed-out", request))
            if last is None or now - last >= RESOLUTION_SECONDS:
                request.session[LAST_SEEN] = now
        return self.get_response(request)


class FinishSigningIn:
    """A signed-in user who still owes a second factor opens only public pages and the steps that
    finish signing in (views marked `finishes_signing_in`); anything else sends them to enter
    their code, or, for staff with no authenticator app yet, to set one up. The API answers 401
    (api.SessionCookie asks the same question)."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        return self.get_response(request)

    def process_view(self, request: Any, view: Any, args: Any, kwargs: Any) -> Any:
        if not request.user.is_authenticated or request.path.startswith("/api/"):
            return None
        if getattr(view, "public", False) or getattr(view, "finishes_signing_in", False):
            return None
        if has_finished_signing_in(request):
            return None
        if user_has_device(request.user):
            return HttpResponseRedirect(_with_next("accounts:two-factor", request))
        return HttpResponseRedirect(_with_next("accounts:two-factor-set-up", request))  # staff, no app yet
