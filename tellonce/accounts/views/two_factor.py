"""The second factor: entering a code after the password, setting up an authenticator app (with a
QR code drawn on the server, and the key as text for those who cannot scan it), recovery codes
shown once, and the signed-in user's own account page."""

from base64 import b32encode
from typing import Any
from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from tellonce.accounts import services, two_factor
from tellonce.accounts.actors import Actor
from tellonce.accounts.addresses import client_address
from tellonce.accounts.forms import CodeForm
from tellonce.accounts.views import finishes_signing_in
from tellonce.core.access import signed_in

RECOVERY_CODES = "tellonce_recovery_codes"


def _next(request: Any) -> str:
    wanted = request.POST.get("next") or request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(wanted, {request.get_host()}, require_https=request.is_secure())
    return wanted if wanted and safe else reverse("workspace:home")


def _to(name: str, request: Any) -> str:
    return f"{reverse(name)}?{urlencode({'next': _next(request)})}"


def _finish(request: Any, device: Any) -> None:
    otp_login(request, device)
    request.session.cycle_key()


@finishes_signing_in
def enter_code(request: Any) -> Any:
    if two_factor.has_finished_signing_in(request):
        return HttpResponseRedirect(_next(request))
    if not user_has_device(request.user):
        return redirect(_to("accounts:two-factor-set-up", request))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        address = client_address(request)
        device = services.check_second_factor(request.user, form.cleaned_data["code"], address=address)
        if device is not None:
            _finish(request, device)
            return HttpResponseRedirect(_next(request))
        form.add_error(
            "code",
            "The code is not right. Enter the newest code from your authenticator app, or a recovery code. "
            "After a wrong code, wait a few seconds before trying again",
        )
    return render(
        request,
        "accounts/enter_code.jinja",
        {"title": "Enter your code", "form": form, "next": _next(request)},
    )


def _key_as_text(device: Any) -> str:
    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@finishes_signing_in
def set_up(request: Any) -> Any:
    """Set up (or replace) the authenticator app. Someone who has an app already must have entered
    its code in this session first: a password alone never changes the second factor."""
    user = request.user
    if user_has_device(user) and not two_factor.has_finished_signing_in(request):
        return redirect(_to("accounts:two-factor", request))
    device = services.start_authenticator(user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        codes = services.confirm_authenticator(device, form.cleaned_data["code"], by=Actor.of(request))
        if codes is not None:
            _finish(request, TOTPDevice.objects.get(pk=device.pk))
            request.session[RECOVERY_CODES] = codes
            return redirect(_to("accounts:recovery-codes", request))
        form.add_error(
            "code",
            "The code is not right. Wait a few seconds, then enter the newest code your authenticator app shows",
        )
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "accounts/set_up.jinja",
        {
            "title": "Set up an authenticator app",
            "form": form,
            "qr": qr.svg_data_uri(scale=4, border=2),
            "key": _key_as_text(device),
            "required": two_factor.must_use_two_factor(user),
            "next": _next(request),
        },
    )


@signed_in
def recovery_codes(request: Any) -> Any:
    """The recovery codes just made, shown this once; or, on a POST, a new set."""
    if request.method == "POST":
        codes = services.new_recovery_codes(by=Actor.of(request))
    else:
        codes = request.session.pop(RECOVERY_CODES, None)
    if not codes:
        return redirect("accounts:account")
    groups = [" ".join(code[i : i + 4] for i in range(0, len(code), 4)) for code in codes]
    return render(
        request,
        "accounts/recovery_codes.jinja",
        {"title": "Your recovery codes", "codes": groups, "next": _next(request)},
    )


@signed_in
@require_POST
def turn_off(request: Any) -> Any:
    if two_factor.must_use_two_factor(request.user):
        return redirect("accounts:account")  # staff keep theirs; the page offers them no button
    services.turn_off_two_factor(by=Actor.of(request))
    messages.success(request, "Two-factor sign-in is off. You will sign in with your password only")
    return redirect("accounts:account")


@signed_in
def account(request: Any) -> Any:
    user = request.user
    return render(
        request,
        "accounts/account.jinja",
        {
            "title": "Your account",
            "has_app": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
            "required": two_factor.must_use_two_factor(user),
            "signed_in_by": two_factor.how_signed_in(request),
            "has_password": user.has_usable_password(),
        },
    )
