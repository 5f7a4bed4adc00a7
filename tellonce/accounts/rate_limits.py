"""How often one address may use the public forms, the Local Offer's search and the Open Referral
UK API (docs/security.md, "Limits on the public pages"; ADR 62).

`@rate_limited("forms", setting="TELLONCE_RATE_FORMS")` counts a page's requests (only those that
send a form, with `only_posts=True`) from each client address (addresses.py, behind the trusted
proxies) in one-minute windows, in Django's cache; over the setting's number a window's requests
are answered 429 with Retry-After, as a GOV.UK page or, for the API, as JSON. Pages that share a
group share its count."""

import functools
import math
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import render

from tellonce.accounts.addresses import client_address

WINDOW_SECONDS = 60
MESSAGE = "You have sent too many requests. Wait a minute and try again."


def _over_limit(group: str, address: str, limit: int) -> int | None:
    """Seconds until the window ends if this request is over the limit, else None."""
    now = time.time()
    window = int(now // WINDOW_SECONDS)
    key = f"rate:{group}:{address}:{window}"
    cache.add(key, 0, timeout=WINDOW_SECONDS + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=WINDOW_SECONDS + 5)
        count = 1
    if count <= limit:
        return None
    return max(1, math.ceil((window + 1) * WINDOW_SECONDS - now))


def _refusal(request, retry_after: int, as_json: bool):
    if as_json:
        response = JsonResponse({"error": MESSAGE}, status=429)
    else:
        response = render(request, "core/429.jinja", {"title": "You have sent too many requests"}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def rate_limited(
    group: str, *, setting: str, only_posts: bool = False, as_json: bool = False
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def limited(request: Any, *args: Any, **kwargs: Any) -> Any:
            if not only_posts or request.method == "POST":
                limit = getattr(settings, setting)
                retry_after = _over_limit(group, client_address(request) or "unknown", limit)
                if retry_after is not None:
                    return _refusal(request, retry_after, as_json)
            return view(request, *args, **kwargs)

        return limited

    return decorate
