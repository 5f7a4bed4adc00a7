"""Who read or changed each child's record, when, and through which page or endpoint."""

from django.conf import settings
from django.db import models

from tellonce.accounts.actors import Channel
from tellonce.accounts.roles import Role


class Action(models.TextChoices):
    READ = "read", "Viewed"
    LISTED = "listed", "Found in a search"
    CHANGE = "change", "Changed"


class AccessEvent(models.Model):
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The child may be deleted under retention rules; the log must outlive it, so no FK constraint.
    child = models.ForeignKey(
        "people.Child", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    role = models.CharField(
        max_length=30, choices=Role.choices, blank=True, help_text="The role they acted in"
    )
    organisation = models.CharField(max_length=120, blank=True, help_text="The council, school or team")
    channel = models.CharField(max_length=10, choices=Channel.choices, blank=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    what = models.CharField(max_length=300)
    via = models.CharField(max_length=200, help_text="The page, API endpoint or command used")

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["child", "-at"])]

    def __str__(self) -> str:
        return f"{self.user} {self.action} {self.child_id} at {self.at}"
