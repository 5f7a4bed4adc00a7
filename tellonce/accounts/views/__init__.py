"""The account pages: signing in and out, passwords, two-factor sign-in and single sign-on. The
administrator's pages for accounts (unlock, reset, invite, change) are the administration app's."""

from typing import Any

from django.contrib.auth.decorators import login_required


def finishes_signing_in(view: Any) -> Any:
    """A page for a signed-in user who may not have finished signing in (entering or setting up
    their second factor): FinishSigningIn lets them through to it."""
    guarded = login_required(view)
    guarded.capabilities = ()
    guarded.finishes_signing_in = True
    return guarded
