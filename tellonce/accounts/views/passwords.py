"""Forgotten and changed passwords, on Django's own views. The reset pages never say whether an
address has an account: the same "check your email" page follows either way, and the link, which
works once and for PASSWORD_RESET_TIMEOUT, goes only to an address an account already has."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.urls import reverse_lazy

from tellonce.accounts import services, sign_ins
from tellonce.accounts.actors import Actor, Channel
from tellonce.accounts.addresses import client_address
from tellonce.accounts.forms import ChangePasswordForm, NewPasswordForm, ResetRequestForm
from tellonce.accounts.sign_ins import SignIn, SignInWhat


class ResetRequestView(auth_views.PasswordResetView):
    template_name = "accounts/reset_request.jinja"
    form_class = ResetRequestForm
    email_template_name = "accounts/reset_email.txt"
    subject_template_name = "accounts/reset_email_subject.txt"
    success_url = reverse_lazy("accounts:reset-sent")
    extra_context = {"title": "Reset your password"}

    def form_valid(self, form: Any) -> Any:
        email, address = form.cleaned_data["email"], client_address(self.request)
        users = list(form.get_users(email))
        for user in users or [None]:
            sign_ins.record(SignIn(SignInWhat.PASSWORD_RESET_ASKED, email, user, address))
        return super().form_valid(form)


class ResetSentView(auth_views.PasswordResetDoneView):
    template_name = "accounts/reset_sent.jinja"
    extra_context = {"title": "Check your email"}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**kwargs) | {"minutes": settings.PASSWORD_RESET_TIMEOUT // 60}


class ResetView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/reset_password.jinja"
    form_class = NewPasswordForm
    success_url = reverse_lazy("accounts:reset-done")
    extra_context = {"title": "Choose a new password"}

    def form_valid(self, form: Any) -> Any:
        # Whoever holds the link acts as the account: it was sent to the account's own address.
        by = Actor(user=self.user, channel=Channel.WEB, via=f"POST {self.request.path} (accounts:reset)")
        services.set_password(self.user, form.cleaned_data["new_password1"], by=by, reset=True)
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return HttpResponseRedirect(self.get_success_url())


class ResetDoneView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/reset_done.jinja"
    extra_context = {"title": "Your password has been reset"}


class ChangePasswordView(auth_views.PasswordChangeView):
    template_name = "accounts/change_password.jinja"
    form_class = ChangePasswordForm
    success_url = reverse_lazy("accounts:account")
    extra_context = {"title": "Change your password"}

    def form_valid(self, form: Any) -> Any:
        services.set_password(
            self.request.user, form.cleaned_data["new_password1"], by=Actor.of(self.request)
        )
        # The other sessions end (the password is part of their check); this one goes on.
        update_session_auth_hash(self.request, form.user)
        messages.success(self.request, "Your password has been changed")
        return HttpResponseRedirect(self.get_success_url())
