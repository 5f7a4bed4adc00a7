"""Which council a queued e-mail is sent for: the council of the person whose request queued it,
so that a dead letter is shown only to that council's administrator (several councils in one
installation, ADR 52). Work queued outside a request (the scheduled jobs) is the installation's."""

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

_requester: ContextVar[Any] = ContextVar("requester", default=None)


def council_code() -> str:
    user = _requester.get()
    if user is None or not getattr(user, "is_authenticated", False) or not user.local_authority_id:
        return ""
    return user.local_authority.code


class RememberRequester:
    """Middleware, after authentication: keeps the request's user for council_code()."""

    def __init__(self, get_response: Callable[[Any], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        token = _requester.set(getattr(request, "user", None))
        try:
            return self.get_response(request)
        finally:
            _requester.reset(token)
