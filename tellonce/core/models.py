"""What every editable record shares: a UUID, timestamps and a version for optimistic locking; and,
for the older records keyed by integer (accounts and organisations), the version alone."""

import uuid

from django.db import models
from django.utils import timezone

from tellonce.core.refusals import EditConflict


class BaseModel(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True

    def save_versioned(self, *, expected_version: int, fields: list[str]) -> None:
        """Write `fields` only if nobody has saved since `expected_version` was read."""
        values = {name: getattr(self, name) for name in fields}
        now = timezone.now()
        updated = (
            type(self)
            ._default_manager.filter(pk=self.pk, version=expected_version)
            .update(**values, version=expected_version + 1, updated_at=now)
        )
        if updated != 1:
            raise EditConflict(f"{self._meta.verbose_name} was changed by someone else")
        self.version = expected_version + 1
        self.updated_at = now
        # As save() would: what is kept from these rows follows them (tellonce.reviews.signals, ADR 0076)
        models.signals.post_save.send(
            sender=type(self),
            instance=self,
            created=False,
            update_fields=frozenset(fields),
            raw=False,
            using=self._state.db,
        )


class Versioned(models.Model):
    """A version for optimistic locking, for a record that is not a BaseModel (a user, a team, a
    school): an edit carries the version it read, and a save after someone else's is refused."""

    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True

    def save_versioned(self, *, expected_version: int, fields: list[str]) -> None:
        """Write `fields` only if nobody has saved since `expected_version` was read."""
        values = {name: getattr(self, name) for name in fields}
        updated = (
            type(self)
            ._default_manager.filter(pk=self.pk, version=expected_version)
            .update(**values, version=expected_version + 1)
        )
        if updated != 1:
            raise EditConflict(f"{self._meta.verbose_name} was changed by someone else")
        self.version = expected_version + 1
