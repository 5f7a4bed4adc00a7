"""The client's IP address, for lockouts and the sign-in audit.

Behind TELLONCE_TRUSTED_PROXIES reverse proxies (a load balancer, a gateway), REMOTE_ADDR is the
nearest proxy and the client is that many entries from the right of X-Forwarded-For; entries to
the left of it were written by the client and cannot be trusted."""

from typing import Any

from django.conf import settings


def client_address(request: Any) -> str | None:
    proxies = settings.TELLONCE_TRUSTED_PROXIES
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None
