"""Error reporting through the Sentry SDK, only when TELLONCE_SENTRY_DSN is set (ADR 67).

Nothing personal is sent: `send_default_pii=False`, no local variables, and `before_send` (also
given breadcrumbs) takes out the request's body, cookies, query string and headers that identify
anyone, keeps only the user's id, and scrubs NHS numbers, UPNs, ULNs and e-mail addresses from
messages and exception values. It runs in this process before anything is sent, so it is tested
without a network."""

from typing import Any

from tellonce.operations.scrubbing import scrub

# Headers kept in a report: none of them says who is asking or carries a credential.
KEPT_HEADERS = {"accept", "accept-encoding", "accept-language", "content-length", "content-type", "host"}


def _scrub_request(request: dict[str, Any]) -> dict[str, Any]:
    kept = {key: request[key] for key in ("method", "url") if key in request}
    if "url" in kept:
        kept["url"] = scrub(str(kept["url"]).split("?", 1)[0])
    headers = request.get("headers") or {}
    kept["headers"] = {name: value for name, value in headers.items() if name.lower() in KEPT_HEADERS}
    return kept


def before_send(event: dict[str, Any], hint: dict[str, Any] | None = None) -> dict[str, Any]:
    if "request" in event:
        event["request"] = _scrub_request(event["request"])
    user = event.get("user") or {}
    event["user"] = {"id": user["id"]} if "id" in user else {}
    if isinstance(event.get("message"), str):
        event["message"] = scrub(event["message"])
    logentry = event.get("logentry")
    if isinstance(logentry, dict):
        if isinstance(logentry.get("message"), str):
            logentry["message"] = scrub(logentry["message"])
        logentry.pop("params", None)
        if isinstance(logentry.get("formatted"), str):
            logentry["formatted"] = scrub(logentry["formatted"])
    for exception in (event.get("exception") or {}).get("values", []):
        if isinstance(exception.get("value"), str):
            exception["value"] = scrub(exception["value"])
        for frame in (exception.get("stacktrace") or {}).get("frames", []):
            frame.pop("vars", None)
    crumbs = event.get("breadcrumbs")
    values = crumbs.get("values", []) if isinstance(crumbs, dict) else crumbs or []
    for crumb in values:
        before_breadcrumb(crumb)
    event.pop("extra", None)
    return event


def before_breadcrumb(crumb: dict[str, Any], hint: dict[str, Any] | None = None) -> dict[str, Any]:
    if isinstance(crumb.get("message"), str):
        crumb["message"] = scrub(crumb["message"])
    crumb.pop("data", None)  # SQL parameters, URLs with query strings, log arguments
    return crumb


def start(dsn: str, *, environment: str = "") -> None:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment or None,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        before_send=before_send,
        before_send_transaction=before_send,
        before_breadcrumb=before_breadcrumb,
        traces_sample_rate=0.0,
    )
