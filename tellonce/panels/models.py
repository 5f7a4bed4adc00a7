"""The council's decision panels: who sits on them, their meetings, the cases put to each meeting
with their papers, who came, and each decision with its reasons, its letter and, after a refusal,
the advice to the setting and the date to look again (docs/panels.md, ADR 58).

A panel belongs to a council; a case reaches its council through its child."""

from django.conf import settings
from django.db import models

from tellonce.accounts.policy import Capability
from tellonce.core.council_key import CouncilOwned
from tellonce.core.models import BaseModel
from tellonce.domain import panels as rules
from tellonce.organisations.councils import CouncilQuerySet
from tellonce.people.querysets import records_reached


class DecisionKind(models.TextChoices):
    ASSESS = "assess", "Whether to carry out an EHC needs assessment"
    ISSUE = "issue", "Whether to issue an EHC plan"
    PLACEMENT = "placement", "The school, college or other setting"
    TOP_UP = "top_up", "The top-up band"


SHORT_KIND = {
    DecisionKind.ASSESS: "Assess or not",
    DecisionKind.ISSUE: "Issue a plan or not",
    DecisionKind.PLACEMENT: "Placement",
    DecisionKind.TOP_UP: "Top-up band",
}


class Agency(models.TextChoices):
    CHAIR = "chair", "Chair"
    EDUCATION = rules.EDUCATION, "Education"
    HEALTH = rules.HEALTH, "Health"
    SOCIAL_CARE = rules.SOCIAL_CARE, "Social care"
    OTHER = "other", "Other"


class Panel(BaseModel):
    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.CASCADE, related_name="panels"
    )
    name = models.CharField(max_length=120)
    decides = models.JSONField(default=list, help_text="The kinds of decision it makes (DecisionKind)")

    objects = CouncilQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["local_authority", "name"], name="one_panel_of_a_name_a_council")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def decides_labels(self) -> list[str]:
        return [SHORT_KIND[DecisionKind(kind)] for kind in self.decides if kind in DecisionKind.values]


class PanelMember(CouncilOwned, BaseModel):
    council_from = "panel"
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(max_length=120)
    agency = models.CharField(max_length=12, choices=Agency.choices)
    role = models.CharField("job title", max_length=120, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["agency", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_agency_display()})"


class MeetingQuerySet(models.QuerySet):
    def within_scope(self, user, capability: Capability):
        return self.filter(panel__in=Panel.objects.within_scope(user, capability))


class PanelMeeting(CouncilOwned, BaseModel):
    council_from = "panel"
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField()
    place = models.CharField(max_length=160, blank=True)
    attendance_recorded_on = models.DateField(null=True, blank=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.panel} on {self.held_on}"


class Attendance(CouncilOwned, models.Model):
    """Whether a member came to a meeting or sent apologies; their agency counts towards the quorum."""

    council_from = "meeting"

    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        APOLOGIES = "apologies", "Sent apologies"
        ABSENT = "absent", "Absent"

    meeting = models.ForeignKey(PanelMeeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(max_length=10, choices=Status.choices)

    class Meta:
        ordering = ["member__agency", "member__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="one_attendance_a_member_a_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_status_display()}"


class CaseQuerySet(models.QuerySet):
    def within_scope(self, user, capability: Capability):
        return records_reached(self, "child", user, capability)


class PanelCase(CouncilOwned, BaseModel):
    """A case put to a meeting: the child, the request it is about, what is to be decided."""

    council_from = "child"

    meeting = models.ForeignKey(PanelMeeting, on_delete=models.CASCADE, related_name="cases")
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="panel_cases")
    assessment = models.ForeignKey(
        "assessments.AssessmentRequest", on_delete=models.CASCADE, related_name="panel_cases"
    )
    kind = models.CharField("to be decided", max_length=10, choices=DecisionKind.choices)
    summary = models.TextField("what the panel is asked", blank=True)
    presented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.assessment_id})"


class PaperQuerySet(models.QuerySet):
    def within_scope(self, user, capability: Capability):
        return records_reached(self, "case__child", user, capability)


class Paper(CouncilOwned, models.Model):
    """A paper for the panel uploaded with the case, checked by core.uploads, stored outside the web root."""

    council_from = "case"

    case = models.ForeignKey(PanelCase, on_delete=models.CASCADE, related_name="papers")
    file = models.FileField(upload_to="panels/%Y/%m/")
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_on = models.DateField()

    objects = PaperQuerySet.as_manager()

    def __str__(self) -> str:
        return self.original_name


class Outcome(models.TextChoices):
    AGREED = "agreed", "Agreed"
    REFUSED = "refused", "Not agreed"
    DEFERRED = "deferred", "Deferred for more information"


class DecisionQuerySet(models.QuerySet):
    def within_scope(self, user, capability: Capability):
        return records_reached(self, "case__child", user, capability)


class PanelDecision(CouncilOwned, BaseModel):
    council_from = "case"
    case = models.OneToOneField(PanelCase, on_delete=models.CASCADE, related_name="decision")
    kind = models.CharField(max_length=10, choices=DecisionKind.choices)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    reasons = models.TextField()
    decided_on = models.DateField()
    notified_on = models.DateField(null=True, blank=True, help_text="The day the family was told")
    placement = models.CharField(max_length=160, blank=True)
    band = models.CharField(max_length=10, blank=True)
    top_up = models.ForeignKey(
        "finance.TopUp", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    advice_to_setting = models.TextField(blank=True)
    look_again_on = models.DateField(null=True, blank=True)
    letter_sent_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.get_outcome_display()}"

    @property
    def is_refusal(self) -> bool:
        return self.outcome == Outcome.REFUSED
