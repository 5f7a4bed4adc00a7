"""The invitee's page: the one-time link from their email, where they choose a password."""

from typing import Any

from django.contrib import messages
from django.shortcuts import redirect, render

from tellonce.accounts import services as accounts
from tellonce.accounts.actors import Actor
from tellonce.accounts.forms import NewPasswordForm
from tellonce.administration import services
from tellonce.core.access import public
from tellonce.core.refusals import InvalidStep
from tellonce.core.views import show_problems


@public
def accept(request: Any, token: str) -> Any:
    invitation = accounts.open_invitation(token)
    if invitation is None:
        return render(
            request,
            "administration/invitation_closed.jinja",
            {"title": "This link does not work"},
            status=404,
        )
    form = NewPasswordForm(invitation.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_invitation(
                invitation, form.cleaned_data["new_password1"], by=Actor.of(request)
            )
        except InvalidStep as invalid:
            show_problems(form, invalid)
        else:
            messages.success(request, f"Your password is set. Sign in with your username, {user.username}")
            return redirect("accounts:sign-in")
    return render(
        request,
        "administration/accept.jinja",
        {"title": "Choose your password", "form": form, "account": invitation.user},
    )
