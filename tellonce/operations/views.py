"""/healthz, /readyz and /metrics: for the load balancer, the orchestrator and Prometheus.

None shows personal data. /healthz and /readyz are public and cheap (readiness is worked out at
most once every few seconds a process); /metrics answers a bearer token (TELLONCE_METRICS_TOKEN)
or, with no token set, only a request made on this machine and not through the proxy."""

import hmac
import ipaddress
import time

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_safe

from tellonce.core.access import public
from tellonce.operations import health, metrics

READY_CACHE_SECONDS = 5.0
_ready: dict[str, object] = {}


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


@public
@require_safe
def healthz(request):
    """The process is up and answering; nothing else is asked (no database)."""
    return _no_store(JsonResponse({"status": "ok"}))


@public
@require_safe
def readyz(request):
    now = time.monotonic()
    if not _ready or now - float(_ready["at"]) > READY_CACHE_SECONDS:  # type: ignore[arg-type]
        ok, checks = health.run()
        _ready.update(at=now, ok=ok, checks=checks)
    ok = bool(_ready["ok"])
    body = {"status": "ok" if ok else "failing", "checks": _ready["checks"]}
    return _no_store(JsonResponse(body, status=200 if ok else 503))


def _may_read_metrics(request) -> bool:
    token = settings.TELLONCE_METRICS_TOKEN
    if token:
        given = request.headers.get("Authorization", "")
        return hmac.compare_digest(given.encode(), f"Bearer {token}".encode())
    if "X-Forwarded-For" in request.headers:
        return False
    try:
        return ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")).is_loopback
    except ValueError:
        return False


@public
@require_safe
def prometheus(request):
    if not _may_read_metrics(request):
        return _no_store(HttpResponse("Not found", status=404, content_type="text/plain"))
    return _no_store(
        HttpResponse(metrics.exposition(), content_type="text/plain; version=0.0.4; charset=utf-8")
    )
