"""Staff single sign-on by OpenID Connect, on mozilla-django-oidc (ADR 49).

The library sends the browser to the council's identity provider with a state, a nonce and a
PKCE challenge, takes the code back, exchanges it for tokens and checks the ID token's signature
(against the provider's published keys) and nonce. This backend adds what the library leaves
out: the issuer and audience of the ID token, that the user information belongs to the same
subject, and the rule that an identity only ever signs in an existing, active staff account,
matched on one claim (TELLONCE_SSO_CLAIM against TELLONCE_SSO_ACCOUNT_FIELD). No account is
ever made. An identity that matches none is refused and kept in the sign-in audit."""

from typing import Any

import requests
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from tellonce.accounts import sign_ins
from tellonce.accounts.addresses import client_address
from tellonce.accounts.sign_ins import SignIn, SignInWhat
from tellonce.accounts.two_factor import OFFERED_ONLY


class SingleSignOnBackend(OIDCAuthenticationBackend):
    def authenticate(self, request: Any, **kwargs: Any) -> Any:
        # Only the callback passes a nonce; a password sign-in never reaches the provider.
        if not settings.TELLONCE_SSO or request is None or "nonce" not in kwargs:
            return None
        try:
            return super().authenticate(request, **kwargs)
        except (SuspiciousOperation, requests.RequestException) as refused:
            # A token that fails a check, or a provider that cannot be reached: no one is signed in.
            why = str(refused)[:200]
            sign_ins.record(SignIn(SignInWhat.SSO_REFUSED, address=client_address(request), detail=why))
            return None

    def verify_token(self, token: Any, **kwargs: Any) -> Any:
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = [audience] if isinstance(audience, str) else list(audience or [])
        client = settings.OIDC_RP_CLIENT_ID
        if payload.get("iss") != settings.TELLONCE_SSO_ISSUER:
            raise SuspiciousOperation("The ID token is not from the configured issuer")
        if client not in audiences or (len(audiences) > 1 and payload.get("azp") != client):
            raise SuspiciousOperation("The ID token is not for this service")
        return payload

    def get_userinfo(self, access_token: Any, id_token: Any, payload: Any) -> Any:
        if not self.OIDC_OP_USER_ENDPOINT:
            return payload  # the ID token's own claims
        claims = super().get_userinfo(access_token, id_token, payload)
        if claims.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("The user information is about someone else")
        return claims

    def verify_claims(self, claims: Any) -> bool:
        # An email address the provider says it has not checked names no one.
        return bool(claims.get(settings.TELLONCE_SSO_CLAIM)) and claims.get("email_verified") is not False

    def filter_users_by_claims(self, claims: Any) -> Any:
        value = claims.get(settings.TELLONCE_SSO_CLAIM, "")
        field = "email__iexact" if settings.TELLONCE_SSO_ACCOUNT_FIELD == "email" else "username"
        staff = self.UserModel.objects.filter(is_active=True).exclude(role__in=OFFERED_ONLY)
        return staff.filter(**{field: value}) if value else staff.none()

    def get_or_create_user(self, access_token: Any, id_token: Any, payload: Any) -> Any:
        claims = self.get_userinfo(access_token, id_token, payload)
        named = str(claims.get(settings.TELLONCE_SSO_CLAIM, "") or payload.get("sub", ""))
        users = list(self.filter_users_by_claims(claims)[:2]) if self.verify_claims(claims) else []
        if len(users) == 1:
            return users[0]
        why = "more than one account matches" if users else "no active staff account matches"
        sign_ins.record(
            SignIn(SignInWhat.SSO_REFUSED, named, address=client_address(self.request), detail=why)
        )
        return None
