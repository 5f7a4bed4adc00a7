"""Changes to how an account signs in: its password, its second factor, its lockout. Each is kept
in the sign-in audit (accounts.sign_ins) in the same transaction as the change. And accounts
themselves: made (`create_account`), invited to choose a password by a one-time link, changed,
deactivated; the administration pages keep those in the administration log."""

import secrets
from base64 import b32encode
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from axes.utils import reset as reset_lockout
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_otp import devices_for_user, verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tellonce.accounts.actors import Actor
from tellonce.accounts.models import Invitation
from tellonce.accounts.policy import Capability, require_capability
from tellonce.accounts.roles import ActsFor, Role, acts_for
from tellonce.accounts.sign_ins import SignIn, SignInWhat, record
from tellonce.accounts.two_factor import must_use_two_factor, normalise_code
from tellonce.core.refusals import InvalidStep

RECOVERY_CODES = 10
APP = "Authenticator app"
RECOVERY = "Recovery codes"


def _recovery_code() -> str:
    """12 characters of base32 (60 random bits), shown in three groups of four."""
    return b32encode(secrets.token_bytes(10)).decode()[:12].lower()


def _record(what: SignInWhat, user: Any, *, by: Actor | None = None, detail: str = "") -> None:
    record(SignIn(what, username=user.username, user=user, detail=detail, by=by))


@transaction.atomic
def unlock(user: Any, *, by: Actor) -> int:
    """Clear the account's failed sign-ins, so it is no longer locked. Returns how many records of
    failures were cleared (none when it was not locked). Its address's failures are not touched."""
    require_capability(by.user, Capability.MANAGE_ACCOUNTS)
    cleared = reset_lockout(username=user.username)
    _record(SignInWhat.UNLOCKED, user, by=by, detail=f"{cleared} record(s) of failures cleared")
    return cleared


@transaction.atomic
def reset_two_factor(user: Any, *, by: Actor) -> None:
    """Remove the account's authenticator app and recovery codes (a lost phone). Staff are asked to
    set up a new app at their next sign-in, or on their next page if they are signed in now."""
    require_capability(by.user, Capability.MANAGE_ACCOUNTS)
    for device in devices_for_user(user, confirmed=None):
        device.delete()
    _record(SignInWhat.TWO_FACTOR_RESET, user, by=by)


def start_authenticator(user: Any) -> Any:
    """The unconfirmed authenticator app being set up for this user, made if there is none yet.
    (It is not an audited change: nothing changes how the account signs in until it is confirmed.)"""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP, confirmed=False)
    return device


def _new_recovery_codes(user: Any) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY, confirmed=True)
    codes = [_recovery_code() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def confirm_authenticator(device: Any, code: str, *, by: Actor) -> list[str] | None:
    """Confirm the app being set up with a code it shows. On success it replaces any earlier app,
    and the new recovery codes are returned (to be shown once); on a wrong code, None."""
    if device.user_id != by.user.pk or device.confirmed:
        raise PermissionDenied
    if not device.verify_token(normalise_code(code)):
        return None
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_recovery_codes(device.user)
    _record(SignInWhat.TWO_FACTOR_SET_UP, device.user, by=by)
    return codes


@transaction.atomic
def new_recovery_codes(*, by: Actor) -> list[str]:
    """New recovery codes for the signed-in user; the old ones stop working."""
    if not TOTPDevice.objects.filter(user=by.user, confirmed=True).exists():
        raise PermissionDenied
    codes = _new_recovery_codes(by.user)
    _record(SignInWhat.RECOVERY_CODES, by.user, by=by)
    return codes


@transaction.atomic
def turn_off_two_factor(*, by: Actor) -> None:
    """A family member or provider turns their second factor off; staff cannot."""
    if must_use_two_factor(by.user):
        raise PermissionDenied
    for device in devices_for_user(by.user, confirmed=None):
        device.delete()
    _record(SignInWhat.TWO_FACTOR_TURNED_OFF, by.user, by=by)


def check_second_factor(user: Any, code: str, *, address: str | None) -> Any:
    """The device that accepts this code (the app's, or a recovery code, which is then used up), or
    None. Either way the attempt is kept in the sign-in audit. django-otp slows down each device
    after a wrong code (1, 2, 4, 8... seconds before the next is even checked)."""
    typed = normalise_code(code)
    # Six digits are the app's; anything else a recovery code (a wrong guess slows only that device).
    kind = TOTPDevice if typed.isdigit() and len(typed) == 6 else StaticDevice
    if typed:
        for device in kind.objects.devices_for_user(user, confirmed=True):
            found = verify_token(user, device.persistent_id, typed)
            if found is not None:
                how = "recovery code" if kind is StaticDevice else "authenticator app"
                record(SignIn(SignInWhat.SIGNED_IN, user.username, user, address, f"password and {how}"))
                return found
    record(SignIn(SignInWhat.TWO_FACTOR_FAILED, user.username, user, address))
    return None


@transaction.atomic
def set_password(user: Any, password: str, *, by: Actor, reset: bool = False) -> None:
    """A new password, from the signed-in user (a change) or from whoever holds a reset link sent
    to the account's email address (a reset). Django ends the account's other sessions."""
    user.set_password(password)
    user.save(update_fields=["password"])
    _record(SignInWhat.PASSWORD_RESET if reset else SignInWhat.PASSWORD_CHANGED, user, by=by)


@transaction.atomic
def create_account(
    *,
    username: str,
    role: str,
    first_name: str,
    last_name: str,
    email: str = "",
    job_title: str = "",
    local_authority: Any = None,
    setting: Any = None,
    team: Any = None,
    password: str | None = None,
    password_hash: str | None = None,
    is_active: bool = True,
) -> Any:
    """A new account, the one way every account is made (the administration pages, invitations,
    `tellonce create-admin`, the demo). The role decides what it acts for (`roles.acts_for`): the
    council, a school, a team (whose council it then works for) or no organisation. With no
    password it cannot sign in with one until it is set (an invitation, a reset link, single
    sign-on). `password_hash` is an already-hashed password, for the demo's shared one. Whoever
    calls this records it in their own audit (the administration log)."""
    problems: dict[str, str] = {}
    User = get_user_model()
    username = username.strip()
    if not username:
        problems["username"] = "Enter a username"
    else:
        try:
            User.username_validator(username)
        except ValidationError:
            problems["username"] = "A username can only use letters, numbers and the characters @ . + - _"
        else:
            if User.objects.filter(username__iexact=username).exists():
                problems["username"] = "Someone already has that username"
    if not first_name.strip() or not last_name.strip():
        problems["name"] = "Enter the person's first and last names"
    if role not in Role.values:
        problems["role"] = "Choose a role"
    if email:
        try:
            validate_email(email)
        except ValidationError:
            problems["email"] = "Enter an email address in the right format, like name@example.org"
    if role in Role.values:
        needs = acts_for(role)
        if needs == ActsFor.SETTING and setting is None:
            problems["setting"] = "Choose the school or college a SENCO acts for"
        if needs == ActsFor.TEAM and team is None:
            problems["team"] = "Choose the team this professional works in"
        if needs == ActsFor.COUNCIL and local_authority is None and team is None:
            problems["local_authority"] = "Choose the council this person works for"
        if needs == ActsFor.ITSELF and any(x is not None for x in (local_authority, setting, team)):
            problems["role"] = "Families and Local Offer providers do not act for an organisation"
        if needs != ActsFor.SETTING and setting is not None:
            problems["setting"] = "Only a SENCO acts for a school or college"
        if team is not None and local_authority is not None and team.local_authority_id != local_authority.pk:
            problems["team"] = "Choose a team of this person's council"
    if password is not None and not problems:
        try:
            validate_password(
                password, User(username=username, first_name=first_name, last_name=last_name, email=email)
            )
        except ValidationError as error:
            problems["password"] = " ".join(error.messages)
    if problems:
        raise InvalidStep.about(problems)
    if team is not None and local_authority is None and acts_for(role) != ActsFor.ITSELF:
        local_authority = team.local_authority
    user = User(
        username=username,
        role=role,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email.strip(),
        job_title=job_title.strip(),
        local_authority=local_authority,
        setting=setting,
        team=team,
        is_active=is_active,
    )
    if password is not None:
        user.set_password(password)
    elif password_hash is not None:
        user.password = password_hash
    else:
        user.set_unusable_password()
    user.save()
    return user


# Invitations: a one-time link to choose a password (ADR 53).


def invitation_days() -> int:
    return int(getattr(settings, "TELLONCE_INVITATION_DAYS", 7))


@transaction.atomic
def send_invitation(user: Any, *, by: Actor, link_for: Callable[[str], str]) -> Any:
    """Email the account a new one-time link to choose its password (any earlier link stops
    working). `link_for(token)` is the page's full address for a token; only the token's hash is
    kept. The email goes once the transaction commits."""
    require_capability(by.user, Capability.MANAGE_ACCOUNTS)
    if not user.email:
        raise InvalidStep.about({"email": "Enter the email address to send the invitation to"})
    if user.has_usable_password():
        raise InvalidStep(["This person has already chosen a password"])
    now = timezone.now()
    Invitation.objects.filter(user=user, accepted_at=None, cancelled_at=None).update(cancelled_at=now)
    token = Invitation.new_token()
    invitation = Invitation.objects.create(
        user=user,
        token_hash=Invitation.hash(token),
        email=user.email,
        sent_at=now,
        expires_at=now + timedelta(days=invitation_days()),
        sent_by=by.user,
    )
    body = render_to_string(
        "accounts/invitation_email.txt",
        {"user": user, "link": link_for(token), "days": invitation_days(), "by": by.user},
    )
    subject = "Choose your password for Tellonce"
    transaction.on_commit(lambda: send_mail(subject, body, None, [user.email], using="default"))
    return invitation


@transaction.atomic
def cancel_invitation(user: Any, *, by: Actor) -> int:
    """Stop the account's open links working. Returns how many were cancelled."""
    require_capability(by.user, Capability.MANAGE_ACCOUNTS)
    return Invitation.objects.filter(user=user, accepted_at=None, cancelled_at=None).update(
        cancelled_at=timezone.now()
    )


def open_invitation(token: str) -> Any:
    """The invitation this token opens, if it has not been used, cancelled or expired; else None."""
    found = Invitation.objects.select_related("user").filter(token_hash=Invitation.hash(token)).first()
    if found is None or not found.is_open_at(timezone.now()) or not found.user.is_active:
        return None
    return found


@transaction.atomic
def accept_invitation(invitation: Any, password: str, *, by: Actor) -> Any:
    """The invitee's chosen password. The link is used up at once: a second use, or one after it
    expired or was cancelled, is refused (InvalidStep) and changes nothing."""
    now = timezone.now()
    used = Invitation.objects.filter(
        pk=invitation.pk, accepted_at=None, cancelled_at=None, expires_at__gt=now, user__is_active=True
    ).update(accepted_at=now)
    if used != 1:
        raise InvalidStep(["This link has been used, has expired or was cancelled. Ask for a new one"])
    user = invitation.user
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    _record(SignInWhat.INVITATION_ACCEPTED, user, by=by)
    return user


@transaction.atomic
def change_account(user: Any, *, by: Actor, expected_version: int, changes: dict[str, Any]) -> dict[str, Any]:
    """Change who the account is and what it acts for (name, email, job title, role, council,
    school or team). Returns what was there before each change. A role that needs a school or
    team without one is refused (InvalidStep); a save after someone else's, EditConflict."""
    require_capability(by.user, Capability.MANAGE_ACCOUNTS)
    merged = {name: getattr(user, name) for name in ACCOUNT_FIELDS} | changes
    if problems := _acts_for_problems(merged):
        raise InvalidStep.about(problems)
    if merged["team"] is not None and acts_for(merged["role"]) == ActsFor.TEAM:
        merged["local_authority"] = merged["team"].local_authority
    before = {name: getattr(user, name) for name in ACCOUNT_FIELDS if getattr(user, name) != merged[name]}
    for name in before:
        setattr(user, name, merged[name])
    user.save_versioned(expected_version=expected_version, fields=list(before))
    return before


ACCOUNT_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "job_title",
    "role",
    "local_authority",
    "setting",
    "team",
)


def _acts_for_problems(values: dict[str, Any]) -> dict[str, str]:
    role, setting, team = values["role"], values["setting"], values["team"]
    problems = {}
    if not values["first_name"].strip() or not values["last_name"].strip():
        problems["name"] = "Enter the person's first and last names"
    if role not in Role.values:
        return problems | {"role": "Choose a role"}
    needs = acts_for(role)
    if needs == ActsFor.SETTING and setting is None:
        problems["setting"] = "Choose the school or college a SENCO acts for"
    if needs != ActsFor.SETTING and setting is not None:
        problems["setting"] = "Only a SENCO acts for a school or college"
    if needs == ActsFor.TEAM and team is None:
        problems["team"] = "Choose the team this professional works in"
    return problems


@transaction.atomic
def set_active(user: Any, active: bool, *, by: Actor, expected_version: int) -> None:
    """Deactivate an account (it can no longer sign in, and its open invitations stop working) or
    reactivate it. An account is never deleted: the audit keeps what it did."""
    require_capability(by.user, Capability.MANAGE_ACCOUNTS)
    if user.pk == by.user.pk and not active:
        raise InvalidStep(["You cannot deactivate your own account"])
    user.is_active = active
    user.save_versioned(expected_version=expected_version, fields=["is_active"])
    if not active:
        Invitation.objects.filter(user=user, accepted_at=None, cancelled_at=None).update(
            cancelled_at=timezone.now()
        )
