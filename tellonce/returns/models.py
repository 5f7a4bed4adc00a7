"""The last check of each council's SEN2 return for each collection year, kept so that its page
reads a page of findings rather than building and checking the whole return on every view (ADR 101).

A check is a snapshot: the counts by module, the schema's errors and each failing business rule,
as they were when someone with the capability checked the return. Checking again replaces it. The
download never uses it: it builds and checks the return afresh."""

from django.conf import settings
from django.db import models

from tellonce.core.council_key import CouncilOwned
from tellonce.domain.sen2 import rules

# The schema's errors a check keeps to show; the count says how many there were in all
SCHEMA_ERRORS_KEPT = 50


class ReturnCheck(models.Model):
    """One council's return for one collection year, as last checked."""

    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField()
    checked_at = models.DateTimeField()
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    counts = models.JSONField(default=dict)  # records by module (sen2.MODULES)
    failures = models.PositiveIntegerField(default=0)  # how many findings, counted once
    schema_errors = models.JSONField(default=list)  # the first SCHEMA_ERRORS_KEPT, as shown
    schema_error_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["local_authority", "year"], name="one_kept_check_a_council_and_year"
            )
        ]

    def __str__(self) -> str:
        return f"SEN2 {self.year}, checked {self.checked_at:%Y-%m-%d %H:%M}"

    @property
    def passes(self) -> bool:
        return not self.failures and not self.schema_error_count


class ReturnFinding(CouncilOwned, models.Model):
    """One failing business rule of a kept check, in the order the check found it."""

    council_from = "return_check"

    # Indexed by the constraint below, which leads with it
    return_check = models.ForeignKey(
        ReturnCheck, on_delete=models.CASCADE, related_name="findings", db_index=False
    )
    position = models.PositiveIntegerField()  # the order the check found it in, from 1
    rule_id = models.CharField(max_length=16)
    message = models.TextField()
    # The Person's position in the return; none for the header
    person = models.PositiveIntegerField(null=True)
    source = models.CharField(max_length=64, blank=True)  # the Tellonce record to open
    # The child the Person is; a child's erasure takes their findings with them
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, null=True, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["return_check", "position"], name="one_finding_a_position_of_a_check"
            )
        ]

    def __str__(self) -> str:
        return f"{self.rule_id}: {self.message}"

    @property
    def rule(self) -> rules.Rule:
        return rules.RULES[self.rule_id]
