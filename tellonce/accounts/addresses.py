"""The client's IP address, for lockouts and the sign-in audit.

Behind TELLONCE_TRUSTED_PROXIES reverse proxies (a load balancer, a gateway), REMOTE_ADDR is the
nearest proxy and the client is that many entries from the right of X-Forwarded-For; entries to
the left of it were written by the client and cannot be trusted."""

import ipaddress
from typing import Any

from django.conf import settings


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(request: Any) -> str | None:
    """The address, or None when there is no valid one (never a string a client made up)."""
    proxies = settings.TELLONCE_TRUSTED_PROXIES
    if proxies:
        forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return _valid(forwarded[-proxies])
    return _valid(request.META.get("REMOTE_ADDR") or "")
