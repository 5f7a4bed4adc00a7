"""How a page says who may open it, when that is not a capability of the permission policy
(accounts/policy.py `requires`): open to anyone, or to anyone signed in. Every page declares one
of the three, and a test checks every URL pattern against it."""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required


def public(view: Callable[..., Any]) -> Callable[..., Any]:
    """A page for anyone, signed in or not (the Local Offer, the accessibility statement)."""
    view.public = True  # type: ignore[attr-defined]
    return view


def signed_in(view: Callable[..., Any]) -> Callable[..., Any]:
    """A page for anyone signed in, whatever their role (the home page, signing out)."""
    guarded = login_required(view)
    guarded.capabilities = ()  # type: ignore[attr-defined]
    return guarded
