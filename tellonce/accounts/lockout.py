"""Locking an account, or an address, after repeated failed sign-ins (django-axes, ADR 47).

django-axes counts failures per username and per address (AXES_LOCKOUT_PARAMETERS) against one
limit. An address is often a whole office behind one router, so it has a higher limit of its
own; `get_failures` scales the address's count so that axes' single comparison applies each
limit to its own count. A sign-in with no username (single sign-on) counts against its address
only. A successful sign-in clears the account's failures, not the address's: one good password
must not wipe out the trace of guessing at other accounts from the same place."""

from datetime import timedelta
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone


def _total(attempts: Any) -> int:
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0


class AccountAndAddressHandler(AxesDatabaseHandler):
    def get_failures(self, request: Any, credentials: dict[str, Any] | None = None) -> int:
        by_account, by_address = self.get_user_attempts(request, credentials)
        account = _total(by_account) if get_client_username(request, credentials) else 0
        limit, address_limit = settings.TELLONCE_SIGN_IN_ATTEMPTS, settings.TELLONCE_SIGN_IN_ADDRESS_ATTEMPTS
        return max(account, _total(by_address) * limit // address_limit)

    def reset_user_attempts(self, request: Any, credentials: dict[str, Any] | None = None) -> int:
        username = get_client_username(request, credentials)
        return self.reset_attempts(username=username) if username else 0


def _recent(**where: Any) -> Any:
    attempts = AccessAttempt.objects.filter(**where)
    if settings.TELLONCE_LOCKOUT_MINUTES:
        since = timezone.now() - timedelta(minutes=settings.TELLONCE_LOCKOUT_MINUTES)
        attempts = attempts.filter(attempt_time__gte=since)
    return attempts


def is_locked(username: str) -> bool:
    """Whether this account is locked now (its address may be locked too; that is not its own)."""
    return _total(_recent(username=username)) >= settings.TELLONCE_SIGN_IN_ATTEMPTS


def locked_addresses() -> list[str]:
    found = _recent().values("ip_address").annotate(n=Sum("failures_since_start"))
    limit = settings.TELLONCE_SIGN_IN_ADDRESS_ATTEMPTS
    return sorted(row["ip_address"] for row in found if row["ip_address"] and row["n"] >= limit)
