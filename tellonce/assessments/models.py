"""Requests for an EHC needs assessment and everything on their statutory clock: the decision,
the exceptions claimed, consultation with settings, the draft and the final plan."""

from datetime import date

from django.conf import settings
from django.db import models

from tellonce.accounts.policy import Capability
from tellonce.core.council_key import CouncilOwned
from tellonce.core.formatting import govuk_date
from tellonce.core.models import BaseModel
from tellonce.domain import assessment as rules
from tellonce.domain import timescales
from tellonce.people.querysets import records_reached


class RequestSource(models.TextChoices):
    """Who asked (SEN2 item 2.2 groups parent and young person as code 1)."""

    PARENT = "parent", "Parent or carer"
    YOUNG_PERSON = "young_person", "Young person"
    SETTING = "setting", "School, college or early years setting"
    HEALTH = "health", "Health professional"
    SOCIAL_CARE = "social_care", "Social care professional"
    OTHER = "other", "Someone else"


SEN2_REQUEST_SOURCE = {
    "parent": "1",
    "young_person": "1",
    "setting": "2",
    "health": "3",
    "social_care": "4",
    "other": "5",
}


class Kind(models.TextChoices):
    INITIAL = "initial", "Needs assessment"
    REASSESSMENT = "reassessment", "Re-assessment"


# The columns a case's facts are read from (facts_from), in order.
FACT_COLUMNS = (
    "received_on",
    "kind",
    "decision",
    "decision_notified_on",
    "draft_issued_on",
    "not_to_issue_notified_on",
    "final_issued_on",
    "withdrawn_on",
)


def facts_from(values: tuple, exceptions: tuple[timescales.ClaimedException, ...] = ()) -> rules.CaseFacts:
    """A case's facts for the rules (domain.assessment) from the plain values of FACT_COLUMNS: the
    one place a request becomes CaseFacts, for a single case or thousands read as values."""
    received, kind, decision, notified, draft, not_issued, final, withdrawn = values
    return rules.CaseFacts(
        start=received,
        reassessment=kind == Kind.REASSESSMENT,
        decision=rules.Decision(decision) if decision else None,
        decision_notified=notified,
        draft_issued=draft,
        not_to_issue_notified=not_issued,
        final_issued=final,
        withdrawn=withdrawn,
        exceptions=exceptions,
    )


class AssessmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.within_scope(user, Capability.VIEW_ASSESSMENT)

    def editable_by(self, user):
        return self.within_scope(user, Capability.RUN_ASSESSMENT)

    def within_scope(self, user, capability: Capability):
        """The cases of the children `capability` reaches for this user: by the cases' own council
        key for the council's own staff (with the child's coordinator for a caseload), with no
        join to the children for the council (ADR 97); by the child's scope for anyone else."""
        return records_reached(self, "child", user, capability)

    def open(self):
        return self.filter(
            final_issued_on__isnull=True, not_to_issue_notified_on__isnull=True, withdrawn_on__isnull=True
        ).exclude(decision=rules.Decision.REFUSE)


class AssessmentRequest(CouncilOwned, BaseModel):
    council_from = "child"
    ref = models.CharField("reference", max_length=60, unique=True)
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="assessments")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.INITIAL)
    requested_by = models.CharField(max_length=12, choices=RequestSource.choices)
    brought_to_attention = models.BooleanField(
        default=False, help_text="The council became responsible for a child brought to its attention (s24)"
    )
    received_on = models.DateField(
        help_text="The day the council received the request, or became responsible"
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="assessments"
    )
    decision = models.CharField(
        max_length=6, choices=[(d.value, d.value.title()) for d in rules.Decision], blank=True
    )
    decision_notified_on = models.DateField(null=True, blank=True)
    draft_issued_on = models.DateField(null=True, blank=True)
    named_setting_requested = models.CharField(
        max_length=160, blank=True, help_text="The school or college the family asked to be named"
    )
    not_to_issue_notified_on = models.DateField(null=True, blank=True)
    final_issued_on = models.DateField(null=True, blank=True)
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawn_reason = models.CharField(max_length=200, blank=True)
    youth_accommodation = models.BooleanField(
        "in relevant youth accommodation when the request was made",
        default=False,
        help_text="SEN2 item 2.3 (RYA): a detained child or young person (CFA 2014 Part 3, chapter 2)",
    )
    exported_to = models.CharField(
        "council moved to before the assessment finished",
        max_length=3,
        blank=True,
        help_text="SEN2 item 2.8 (Exported): that council's 3-digit code",
    )
    # Kept from the dates above for the caseload pages (tellonce.assessments.stored, ADR 0077)
    stage = models.CharField(max_length=20, blank=True, default="", db_default="")
    next_step = models.CharField(max_length=120, blank=True, default="", db_default="")
    next_step_due = models.DateField(null=True, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on"]
        indexes = [
            models.Index(fields=["final_issued_on", "not_to_issue_notified_on", "withdrawn_on"]),
            models.Index(fields=["stage", "next_step_due"], name="assessment_stage_due"),
        ]

    def __str__(self) -> str:
        return f"{self.ref} ({self.get_kind_display()})"

    def save(self, *args, **kwargs) -> None:
        from tellonce.assessments import stored

        stored.keep(self)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *stored.FIELDS}
        super().save(*args, **kwargs)

    def facts(self, exceptions=None) -> rules.CaseFacts:
        claimed = self.exceptions.all() if exceptions is None else exceptions
        return facts_from(
            tuple(getattr(self, column) for column in FACT_COLUMNS),
            tuple(e.claimed() for e in claimed),
        )

    def clock(self, today: date) -> rules.CaseClock:
        return rules.clock(self.facts(), today)


class TimescaleException(CouncilOwned, models.Model):
    """A lawful exception the council relies on, with its reason and dates (reg. 5(4), 10(4), 13(3))."""

    council_from = "assessment"

    assessment = models.ForeignKey(AssessmentRequest, on_delete=models.CASCADE, related_name="exceptions")
    reason = models.CharField(
        max_length=20, choices=[(r.value, timescales.EXCEPTION_LABELS[r]) for r in timescales.ExceptionReason]
    )
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        ordering = ["starts_on"]

    def __str__(self) -> str:
        return f"{self.reason} from {govuk_date(self.starts_on)}"

    def claimed(self) -> timescales.ClaimedException:
        return timescales.ClaimedException(
            timescales.ExceptionReason(self.reason), self.starts_on, self.ends_on
        )


class SettingConsultation(CouncilOwned, models.Model):
    """The council consults a school or college before naming it in section I (CFA s39)."""

    council_from = "assessment"

    class Response(models.TextChoices):
        AGREED = "agreed", "Agreed it can meet the child's needs"
        DECLINED = "declined", "Said it cannot meet the child's needs"

    assessment = models.ForeignKey(AssessmentRequest, on_delete=models.CASCADE, related_name="consultations")
    setting = models.ForeignKey("organisations.Setting", on_delete=models.PROTECT)
    sent_on = models.DateField()
    response = models.CharField(max_length=10, choices=Response.choices, blank=True)
    response_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["sent_on"]

    def __str__(self) -> str:
        return f"Consulted {self.setting} on {govuk_date(self.sent_on)}"
