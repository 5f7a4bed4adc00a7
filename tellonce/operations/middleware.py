"""`Observed`, first in the middleware: a request id, one log line and the metrics for each request.

The id is the proxy's X-Request-ID when it looks like one (letters, digits, `.`, `_`, `-`, up to
128), else a new one; it is in every log line written while the request is answered and in the
response's X-Request-ID header, so a complaint, the proxy's log and ours can be matched. The log
line has the user's id (never their name), the method, the path without its query string (which
could hold a search for a child's name), the status and the duration in milliseconds."""

import logging
import re
import time
import uuid

from django.db import connections

from tellonce.operations import metrics
from tellonce.operations.logs import request_id

log = logging.getLogger("tellonce.requests")
_GIVEN_ID = re.compile(r"[A-Za-z0-9._-]{1,128}")


class _QueryCounter:
    def __init__(self) -> None:
        self.count = 0
        self.errors = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        except Exception:
            self.errors += 1
            raise
        finally:
            metrics.DB_TIME.observe(time.perf_counter() - started)


class Observed:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        rid = given if _GIVEN_ID.fullmatch(given) else uuid.uuid4().hex
        request.request_id = rid
        token = request_id.set(rid)
        counter = _QueryCounter()
        started = time.perf_counter()
        status = 500
        try:
            with connections["default"].execute_wrapper(counter):
                response = self.get_response(request)
            status = response.status_code
            response["X-Request-ID"] = rid
            return response
        except Exception:
            metrics.EXCEPTIONS.labels(metrics.view_label(request)).inc()
            raise
        finally:
            duration = time.perf_counter() - started
            view = metrics.view_label(request)
            metrics.REQUESTS.labels(view, request.method, str(status)).inc()
            metrics.LATENCY.labels(view, request.method).observe(duration)
            if counter.count:
                metrics.DB_QUERIES.labels(view).inc(counter.count)
            if counter.errors:
                metrics.DB_ERRORS.labels(view).inc(counter.errors)
            user = getattr(request, "user", None)
            log.info(
                "%s %s %s",
                request.method,
                request.path,
                status,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "view": view,
                    "status": status,
                    "duration_ms": round(duration * 1000, 1),
                    "user_id": str(user.pk) if user is not None and user.is_authenticated else None,
                    "db_queries": counter.count,
                },
            )
            request_id.reset(token)
