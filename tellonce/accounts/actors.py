"""Who is acting: the person, the role and organisation they act in, and the channel the change came
through. Built once at the edge (a page, an API endpoint, a command, an import) and passed to
every service as `by=`, so services never see an HTTP request and the audit can still say where a
change came from."""

from dataclasses import dataclass
from typing import Any

from django.db import models


class Channel(models.TextChoices):
    WEB = "web", "A page"
    API = "api", "The API"
    COMMAND = "command", "A command"
    IMPORT = "import", "An import"


@dataclass(frozen=True, slots=True)
class Actor:
    user: Any  # accounts.User
    channel: Channel
    via: str  # the page or endpoint ("POST /plans/…/issue/ (plans:issue)"), or the command
    # Why they may: the scope of the policy that let the request through ("caseload", "school"…),
    # set by `@requires` and `@api_requires`; the audit falls back to how far they see children.
    relationship: str = ""

    @property
    def role(self) -> str:
        return self.user.role

    @property
    def organisation(self) -> str:
        """The council, school or team the user acts for, as the audit records it."""
        user = self.user
        for found in (user.setting, user.team, user.local_authority):
            if found is not None:
                return str(found)[:120]
        return ""

    @classmethod
    def of(cls, request: Any) -> "Actor":
        """The signed-in user of a page or API request (the API's caller is `request.auth`)."""
        match = getattr(request, "resolver_match", None)
        name = match.view_name if match else ""
        via = f"{request.method} {request.path}" + (f" ({name})" if name else "")
        api = name.startswith("api-v1:") or request.path.startswith("/api/")
        user = getattr(request, "auth", None) if api else None
        return cls(
            user=user or request.user,
            channel=Channel.API if api else Channel.WEB,
            via=via[:200],
            relationship=getattr(request, "access_relationship", ""),
        )

    @classmethod
    def command(
        cls, user: Any, name: str, *, channel: Channel = Channel.COMMAND, relationship: str = ""
    ) -> "Actor":
        """A management command or an import acting as `user` (often the system account)."""
        return cls(user=user, channel=channel, via=name[:200], relationship=relationship)
