"""The two steps of single sign-on: off to the identity provider, and back (accounts/sso.py)."""

from typing import Any

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from tellonce.accounts import sign_ins, two_factor
from tellonce.accounts.addresses import client_address
from tellonce.accounts.sign_ins import SignIn, SignInWhat
from tellonce.core.access import public


class _OnlyWhenOn:
    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if not settings.TELLONCE_SSO:
            raise Http404
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class SsoStart(_OnlyWhenOn, OIDCAuthenticationRequestView):
    pass


class SsoCallback(_OnlyWhenOn, OIDCAuthenticationCallbackView):
    def login_success(self) -> Any:
        request = self.request
        response = super().login_success()
        two_factor.signed_in_by_sso(request)
        user = self.user
        sign_ins.record(
            SignIn(SignInWhat.SIGNED_IN, user.username, user, client_address(request), "single sign-on")
        )
        return response


@public
def refused(request: Any) -> Any:
    return render(
        request,
        "accounts/sso_refused.jinja",
        {
            "title": "You cannot sign in with this account",
            "sso_name": settings.TELLONCE_SSO_NAME,
            "contact": settings.TELLONCE_ACCOUNTS_CONTACT,
        },
    )
