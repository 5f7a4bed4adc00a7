"""The administrator's pages: find an account, see whether it is locked and has a second factor,
unlock it, reset its second factor."""

from typing import Any

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_otp import user_has_device

from tellonce.accounts import lockout, services
from tellonce.accounts.actors import Actor
from tellonce.accounts.forms import FindAccountForm
from tellonce.accounts.models import User
from tellonce.accounts.policy import Capability, requires
from tellonce.accounts.two_factor import must_use_two_factor

SHOWN = 50


@requires(Capability.MANAGE_ACCOUNTS)
def accounts(request: Any) -> Any:
    form = FindAccountForm(request.GET or None)
    found = User.manageable_by(request.user)
    words = form.cleaned_data["q"].strip() if form.is_valid() else ""
    if words:
        found = found.filter(
            Q(username__icontains=words)
            | Q(email__icontains=words)
            | Q(first_name__icontains=words)
            | Q(last_name__icontains=words)
        )
    return render(
        request,
        "accounts/manage_list.jinja",
        {
            "title": "Accounts",
            "form": form,
            "accounts": [(user, lockout.is_locked(user.username)) for user in found[:SHOWN]],
            "more": found.count() > SHOWN,
            "locked_addresses": lockout.locked_addresses(),
        },
    )


def _account(request: Any, pk: int) -> Any:
    return get_object_or_404(User.manageable_by(request.user), pk=pk)


@requires(Capability.MANAGE_ACCOUNTS)
def account(request: Any, pk: int) -> Any:
    user = _account(request, pk)
    return render(
        request,
        "accounts/manage_account.jinja",
        {
            "title": str(user),
            "account": user,
            "locked": lockout.is_locked(user.username),
            "has_two_factor": user_has_device(user),
            "required": must_use_two_factor(user),
            "back_link": reverse("accounts:manage"),
        },
    )


@requires(Capability.MANAGE_ACCOUNTS)
@require_POST
def unlock(request: Any, pk: int) -> Any:
    user = _account(request, pk)
    services.unlock(user, by=Actor.of(request))
    messages.success(request, f"{user} can sign in again")
    return redirect("accounts:manage-account", pk=user.pk)


@requires(Capability.MANAGE_ACCOUNTS)
@require_POST
def reset_two_factor(request: Any, pk: int) -> Any:
    user = _account(request, pk)
    services.reset_two_factor(user, by=Actor.of(request))
    if must_use_two_factor(user):
        told = "They will be asked to set up an authenticator app when they next sign in"
    else:
        told = "They will sign in with their password only until they set up an authenticator app again"
    messages.success(request, f"Two-factor sign-in for {user} has been reset. {told}")
    return redirect("accounts:manage-account", pk=user.pk)
