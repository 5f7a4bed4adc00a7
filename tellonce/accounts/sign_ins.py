"""What happened when someone signed in, failed to, was locked out or changed how they sign in.

Accounts says what happened; the audit app keeps it (`audit.SignInEvent`). Accounts sits below the
audit in the layers, so it cannot import it: the audit app gives `keep_with` its recorder when it
starts, and every call of `record` writes a row through it, in the caller's transaction, before
the page answers. With no recorder, `record` refuses rather than lose the event."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import models

from tellonce.accounts.actors import Actor


class SignInWhat(models.TextChoices):
    SIGNED_IN = "signed_in", "Signed in"
    FAILED = "failed", "Wrong username or password"
    LOCKED = "locked", "Locked after repeated failures"
    REFUSED_LOCKED = "refused_locked", "Refused: locked"
    UNLOCKED = "unlocked", "Unlocked by an administrator"
    TWO_FACTOR_FAILED = "two_factor_failed", "Wrong two-factor code"
    TWO_FACTOR_SET_UP = "two_factor_set_up", "Set up an authenticator app"
    RECOVERY_CODES = "recovery_codes", "New recovery codes"
    TWO_FACTOR_TURNED_OFF = "two_factor_off", "Turned off two-factor sign-in"
    TWO_FACTOR_RESET = "two_factor_reset", "Two-factor reset by an administrator"
    PASSWORD_RESET_ASKED = "reset_asked", "Asked for a password reset link"
    PASSWORD_RESET = "password_reset", "Reset the password from an email link"
    PASSWORD_CHANGED = "password_changed", "Changed the password"
    INVITATION_ACCEPTED = "invite_accepted", "Chose a password from an invitation"
    SSO_REFUSED = "sso_refused", "Single sign-on refused"
    SIGNED_OUT = "signed_out", "Signed out"
    TIMED_OUT = "timed_out", "Signed out after being idle"


@dataclass(frozen=True, slots=True)
class SignIn:
    what: SignInWhat
    username: str = ""  # the username or email address typed, or the identity provider's claim
    user: Any = None  # accounts.User, when known
    address: str | None = None  # the client's IP address
    detail: str = ""  # how ("password and authenticator app"), or why it was refused
    by: Actor | None = None  # the administrator, for an unlock or a reset


Recorder = Callable[[SignIn], object]
_recorders: list[Recorder] = []


def keep_with(recorder: Recorder) -> None:
    """Called once by the audit app as it starts."""
    if recorder not in _recorders:
        _recorders.append(recorder)


def record(event: SignIn) -> None:
    if not _recorders:
        raise ImproperlyConfigured("Sign-in events need the audit app installed to keep them")
    for recorder in _recorders:
        recorder(event)
