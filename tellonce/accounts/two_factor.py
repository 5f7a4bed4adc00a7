"""Who must sign in with a second factor, and whether this session has finished signing in (ADR 48).

Staff (every role but parents and carers, young people and Local Offer providers) must use an
authenticator app unless they signed in through the council's identity provider, which asks for
its own second factor. Families and providers are offered it: once they set one up, they are
asked for its code like staff. Until a session has finished signing in, the only pages it can
open are the public ones and the steps that finish it (FinishSigningIn, accounts/middleware.py).
"""

from typing import Any

from django_otp import DEVICE_ID_SESSION_KEY, user_has_device

from tellonce.accounts.roles import Role

OFFERED_ONLY = frozenset({Role.PARENT, Role.YOUNG_PERSON, Role.PROVIDER})
# How this session signed in: "password", or "sso" (the identity provider asked for a second factor).
SIGNED_IN_BY = "tellonce_signed_in_by"
SSO = "sso"
PASSWORD = "password"


def must_use_two_factor(user: Any) -> bool:
    return user.role not in OFFERED_ONLY


def has_finished_signing_in(request: Any) -> bool:
    user = request.user
    if not user.is_authenticated:
        return False
    if request.session.get(SIGNED_IN_BY) == SSO or _verified(user):
        return True
    return not must_use_two_factor(user) and not user_has_device(user)


def _verified(user: Any) -> bool:
    # OTPMiddleware gives request.user is_verified(); a user just signed in on this request has not had it.
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def signed_in_by_password(request: Any) -> None:
    """A new password sign-in: any earlier second factor or single sign-on no longer counts."""
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
    request.session[SIGNED_IN_BY] = PASSWORD


def signed_in_by_sso(request: Any) -> None:
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
    request.session[SIGNED_IN_BY] = SSO


def how_signed_in(request: Any) -> str:
    if request.session.get(SIGNED_IN_BY) == SSO:
        return "single sign-on"
    device = getattr(request.user, "otp_device", None)
    return "password" if device is None else "password and a second factor"


def normalise_code(code: str) -> str:
    """A code as typed: spaces and dashes dropped, lower case (recovery codes are shown in groups)."""
    return "".join(code.split()).replace("-", "").lower()
