from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import render

from tellonce.accounts import sign_ins, two_factor
from tellonce.accounts.addresses import client_address
from tellonce.accounts.forms import SignInForm
from tellonce.accounts.sign_ins import SignIn, SignInWhat
from tellonce.core.access import public


class SignInView(auth_views.LoginView):
    """Username and password. django-axes refuses a locked account or address before the password is
    checked, counts each failure, and shows `locked_out` once the limit is reached; every attempt
    goes in the sign-in audit. A second factor, when one is due, is asked for next (FinishSigningIn)."""

    template_name = "accounts/sign_in.jinja"
    authentication_form = SignInForm
    redirect_authenticated_user = True
    extra_context = {"title": "Sign in"}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**kwargs) | {
            "sso": settings.TELLONCE_SSO,
            "sso_name": settings.TELLONCE_SSO_NAME,
        }

    def form_valid(self, form: Any) -> Any:
        response = super().form_valid(form)
        two_factor.signed_in_by_password(self.request)
        if two_factor.has_finished_signing_in(self.request):
            user = form.get_user()
            sign_ins.record(
                SignIn(SignInWhat.SIGNED_IN, user.username, user, client_address(self.request), "password")
            )
        return response

    def form_invalid(self, form: Any) -> Any:
        request, tried = self.request, form.cleaned_data
        if "username" in tried and "password" in tried:
            if not getattr(request, "axes_locked_out", False):
                what = SignInWhat.FAILED
            elif getattr(request, "axes_failures_since_start", None) is None:
                what = SignInWhat.REFUSED_LOCKED  # already locked: the password was not checked
            else:
                what = SignInWhat.LOCKED  # this failure reached the limit
            sign_ins.record(SignIn(what, username=tried["username"], address=client_address(request)))
        return super().form_invalid(form)


def locked_out(request: Any, response: Any = None, credentials: Any = None) -> Any:
    """What django-axes shows instead of the sign-in page once an account or address is locked."""
    minutes = settings.TELLONCE_LOCKOUT_MINUTES
    return render(
        request,
        "accounts/locked.jinja",
        {
            "title": "Your account is locked",
            "minutes": minutes,
            "contact": settings.TELLONCE_ACCOUNTS_CONTACT,
        },
        status=429,
    )


class SignOutView(auth_views.LogoutView):
    def post(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        user = request.user
        if user.is_authenticated:
            sign_ins.record(SignIn(SignInWhat.SIGNED_OUT, user.username, user, client_address(request)))
        return super().post(request, *args, **kwargs)


@public
def sign_out_confirm(request: Any) -> Any:
    return render(request, "accounts/sign_out.jinja", {"title": "Sign out"})


@public
def timed_out(request: Any) -> Any:
    """Where SignOutWhenIdle sends someone it has signed out."""
    return render(
        request,
        "accounts/timed_out.jinja",
        {
            "title": "You have been signed out",
            "minutes": settings.TELLONCE_IDLE_MINUTES,
            "next": request.GET.get("next", ""),
        },
    )
