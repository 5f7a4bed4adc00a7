"""Legal holds on a child's record, the record of each disposal, and which children's records
have been anonymised."""

from django.conf import settings
from django.db import models

from tellonce.core.council_key import CouncilOwned
from tellonce.core.models import BaseModel
from tellonce.domain.retention import DEFAULT_SCHEDULE, RecordKind


class LegalHoldQuerySet(models.QuerySet):
    def current(self):
        return self.filter(released_at__isnull=True)

    def of_council(self, local_authority_id: int | None):
        return (
            self.filter(child__local_authority_id=local_authority_id) if local_authority_id else self.none()
        )


class LegalHold(CouncilOwned, BaseModel):
    """Nothing of this child's is disposed of while the hold stands: a claim, a complaint to the
    Ombudsman, an inquiry or a request from the police that needs the record kept."""

    council_from = "child"

    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="legal_holds")
    reason = models.CharField(max_length=300)
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    release_reason = models.CharField(max_length=300, blank=True)

    objects = LegalHoldQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Legal hold on {self.child_id}: {self.reason}"


class DisposalRecord(models.Model):
    """One disposal of one kind of record: when, who, how many, by which rule. It holds no
    personal data, so it can be kept for good as the evidence that disposal happened."""

    at = models.DateTimeField(auto_now_add=True)
    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(
        max_length=20, choices=[(kind.value, DEFAULT_SCHEDULE[kind].label) for kind in RecordKind]
    )
    count = models.PositiveIntegerField(help_text="How many records were disposed of")
    rule = models.CharField(max_length=300, help_text="The rule applied, in words")
    events_up_to = models.DateField(help_text="Records whose event fell on or before this date were due")
    kept = models.PositiveIntegerField(default=0, help_text="Due, but kept by a legal hold or an appeal")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    by_role = models.CharField(max_length=30, blank=True)
    via = models.CharField(max_length=200)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.count} {self.kind} disposed of at {self.at}"


class AnonymisedChild(CouncilOwned, models.Model):
    """A child's record kept for statistics only once its retention ran out: the row stays so that
    counts and timeliness measures keep it, without anything that says who the child was."""

    council_from = "child"

    child = models.OneToOneField(
        "people.Child", on_delete=models.CASCADE, primary_key=True, related_name="anonymised"
    )
    on = models.DateField()

    def __str__(self) -> str:
        return f"{self.child_id} anonymised on {self.on}"
