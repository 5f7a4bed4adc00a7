"""How big a request may be, refused before any of its body is read (docs/security.md, "Limits on
the public pages").

A page that takes files says so with `@accepts_uploads`; its requests may be as big as
TELLONCE_MAX_REQUEST_MB (the largest file allowed, and room for the rest of the form). Every other
page takes a form's fields only, up to Django's DATA_UPLOAD_MAX_MEMORY_SIZE
(TELLONCE_MAX_FORM_KB). A body declared larger, or sent in chunks of no declared length, is answered 413
with a plain page; Django itself stops reading at the declared length."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.shortcuts import render


def accepts_uploads(view: Callable[..., Any]) -> Callable[..., Any]:
    """A page whose form takes files: requests up to TELLONCE_MAX_REQUEST_MB."""
    view.accepts_uploads = True  # type: ignore[attr-defined]
    return view


def _declared_length(request) -> int | None:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None


def too_large(request, limit: int):
    return render(
        request,
        "core/413.jinja",
        {"title": "The file or form you sent is too big", "limit": f"{limit / (1024 * 1024):g}MB"},
        status=413,
    )


class RequestSizeLimit:
    """Placed before CsrfViewMiddleware, whose process_view is the first to read a form: this one
    runs before it, once the page is known (and who is asking, for the page's menu)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        length = _declared_length(request)
        if getattr(view_func, "accepts_uploads", False):
            limit = int(settings.TELLONCE_MAX_REQUEST_MB * 1024 * 1024)
        else:
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if length is None or length > limit or "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", ""):
            return too_large(request, limit)
        return None
