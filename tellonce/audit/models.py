"""Who read or changed each child's record, when, and through which page or endpoint; and, apart from
that, every sign-in, failure, lockout and change to how an account signs in; and every change an
administrator makes to the council's accounts and organisations."""

from datetime import datetime

from django.conf import settings
from django.db import models

from tellonce.accounts.actors import Channel
from tellonce.accounts.roles import Role
from tellonce.accounts.sign_ins import SignInWhat
from tellonce.core.council_key import CouncilOwned


class AppendOnly(Exception):
    """The logs are kept as written: the application neither changes nor deletes an event."""


class LogQuerySet(models.QuerySet):
    """Reads and inserts only. The one deletion is `dispose_older_than`, for the retention rules."""

    def update(self, **kwargs):
        raise AppendOnly(f"{self.model.__name__} rows are never changed")

    def delete(self):
        raise AppendOnly(f"{self.model.__name__} rows are deleted only by dispose_older_than")

    def dispose_older_than(self, cutoff: datetime, *, rule: str) -> int:
        """Delete the events made before `cutoff` under a named retention rule (the records app's
        disposal): the only path by which an event leaves the log. Returns how many went."""
        if not rule:
            raise AppendOnly("Name the retention rule that disposes of these events")
        deleted, _ = models.QuerySet.delete(self.filter(at__lt=cutoff))
        return deleted


class LogEntry(models.Model):
    """An event in one of the logs: saved once, never saved again or deleted one by one."""

    objects = LogQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnly(f"{type(self).__name__} rows are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly(f"{type(self).__name__} rows are deleted only by dispose_older_than")


class Action(models.TextChoices):
    READ = "read", "Viewed"
    LISTED = "listed", "Found in a search"
    CHANGE = "change", "Changed"
    EXPORT = "export", "Downloaded or exported"


class AccessEvent(CouncilOwned, LogEntry):
    council_from = "child"
    # Every page that shows children writes one event a child, so each index here is written as
    # often as any in the service. The two in Meta serve every read of the log (a child's events,
    # a council's by time, its retention); the council's key and the time have no index of their
    # own, which would only repeat the council's (ADR 107).
    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The child may be deleted under retention rules; the log must outlive it, so no FK constraint.
    # No index of its own either: the index on (child, -at) below serves every look-up by child.
    child = models.ForeignKey(
        "people.Child", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    role = models.CharField(
        max_length=30, choices=Role.choices, blank=True, help_text="The role they acted in"
    )
    organisation = models.CharField(max_length=120, blank=True, help_text="The council, school or team")
    channel = models.CharField(max_length=10, choices=Channel.choices, blank=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    what = models.CharField(max_length=300)
    via = models.CharField(max_length=200, help_text="The page, API endpoint or command used")
    relationship = models.CharField(
        max_length=20,
        blank=True,
        help_text="Why it was allowed: the scope of the policy that let them (council, caseload, school…)",
    )

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["child", "-at"]), models.Index(fields=["local_authority", "-at"])]

    def __str__(self) -> str:
        return f"{self.user} {self.action} {self.child_id} at {self.at}"


class SignInEvent(LogEntry):
    """One event in an account's signing in (accounts.sign_ins). Kept apart from AccessEvent, which is
    about a child's record: these are about the account, and many name no account at all (a
    username that does not exist, an identity no account matches)."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    what = models.CharField(max_length=20, choices=SignInWhat.choices)
    username = models.CharField(max_length=254, blank=True, help_text="The username or email address given")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    address = models.GenericIPAddressField(null=True, blank=True, help_text="The client's IP address")
    detail = models.CharField(max_length=200, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The administrator who acted, for an unlock or a reset",
    )
    via = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["user", "-at"]), models.Index(fields=["username", "-at"])]

    def __str__(self) -> str:
        return f"{self.what} {self.username} at {self.at}"


class AdministrationAction(models.TextChoices):
    INVITED = "invited", "Invited"
    INVITATION_RESENT = "resent", "Sent the invitation again"
    INVITATION_CANCELLED = "cancelled", "Cancelled the invitation"
    INVITATION_ACCEPTED = "accepted", "Accepted the invitation"
    ADDED = "added", "Added"
    CHANGED = "changed", "Changed"
    DEACTIVATED = "deactivated", "Deactivated"
    REACTIVATED = "reactivated", "Reactivated"
    UNLOCKED = "unlocked", "Unlocked"
    TWO_FACTOR_RESET = "two_factor_reset", "Reset two-factor sign-in"
    CASELOAD_MOVED = "caseload_moved", "Moved children to another coordinator"
    IMPORTED = "imported", "Loaded a GIAS file"


class RecordKind(models.TextChoices):
    USER = "user", "User"
    TEAM = "team", "Team"
    LOCALITY = "locality", "Locality"
    HEALTH_PROVIDER = "health_provider", "Health provider"
    SETTING = "setting", "School or setting"
    COUNCIL = "council", "The council"


class AdministrationEvent(LogEntry):
    """One change to the council's accounts or organisations (ADR 53): who made it, in which role
    and for which council, what was done to which record, and what changed, in a sentence. Kept
    in the transaction that makes the change."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=30, choices=Role.choices, blank=True)
    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="+", help_text="The council"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices, blank=True)
    via = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=20, choices=AdministrationAction.choices)
    record_kind = models.CharField("kind of record", max_length=20, choices=RecordKind.choices)
    record_id = models.CharField(max_length=64)
    record_label = models.CharField(max_length=200)
    summary = models.CharField(
        max_length=500, blank=True, help_text='What changed, e.g. "role: SENCO → EHC coordinator"'
    )

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["local_authority", "-at"])]

    def __str__(self) -> str:
        return f"{self.user} {self.action} {self.record_kind} {self.record_label} at {self.at}"
