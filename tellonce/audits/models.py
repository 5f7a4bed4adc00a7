"""Graded audits of EHC plans (docs/audits.md, ADR 73).

The council's audit tool is versioned: a change makes a new version and an audit keeps the one it
was graded on. A round is a sample of plans; each audit in it is one plan version, graded question
by question by an auditor of each agency, and by a moderator who grades blind. The agreed grade of
each question is what the reports count; feedback goes to the plan's coordinator with actions."""

from django.conf import settings
from django.db import models

from tellonce.accounts.policy import Capability, Scope, scope
from tellonce.core.council_key import CouncilOwned
from tellonce.core.models import BaseModel
from tellonce.organisations.councils import council_id
from tellonce.people.models import Child


class Agency(models.TextChoices):
    EDUCATION = "education", "Education"
    HEALTH = "health", "Health"
    SOCIAL_CARE = "social_care", "Social care"


class ToolQuerySet(models.QuerySet):
    def within_scope(self, user, capability: Capability):
        if scope(user, capability) is None:
            return self.none()
        return self.filter(local_authority_id=council_id(user))

    def current(self):
        return self.filter(replaced_on__isnull=True)


class AuditTool(BaseModel):
    local_authority = models.ForeignKey("organisations.LocalAuthority", on_delete=models.CASCADE)
    name = models.CharField(max_length=120)
    number = models.PositiveSmallIntegerField("version", default=1)
    # The grades best first: [{"code", "label", "descriptor", "acceptable"}]; acceptable is "good or better".
    scale = models.JSONField()
    based_on = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    replaced_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ToolQuerySet.as_manager()

    class Meta:
        ordering = ["name", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["local_authority", "name", "number"], name="one_tool_version"),
        ]

    def __str__(self) -> str:
        return f"{self.name}, version {self.number}"

    @property
    def grade_codes(self) -> list[str]:
        return [grade["code"] for grade in self.scale]

    def grade_label(self, code: str) -> str:
        return next((g["label"] for g in self.scale if g["code"] == code), code)


class Question(CouncilOwned, models.Model):
    council_from = "tool"
    tool = models.ForeignKey(AuditTool, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField()
    section = models.CharField(max_length=8, help_text="A plan section, A to K, or 'overall'")
    agency = models.CharField(max_length=12, choices=Agency.choices)
    text = models.TextField()
    descriptors = models.JSONField(default=dict, help_text="What each grade looks like, by grade code")

    class Meta:
        ordering = ["tool", "order"]
        constraints = [models.UniqueConstraint(fields=["tool", "order"], name="one_question_per_place")]

    def __str__(self) -> str:
        return f"{self.section}: {self.text[:60]}"


class RoundQuerySet(ToolQuerySet):
    pass


class AuditRound(BaseModel):
    local_authority = models.ForeignKey("organisations.LocalAuthority", on_delete=models.CASCADE)
    name = models.CharField(max_length=120)
    tool = models.ForeignKey(AuditTool, on_delete=models.PROTECT, related_name="rounds")
    drawn_on = models.DateField()
    sample = models.JSONField(default=dict, help_text="How the plans were chosen: method, value, size, seed")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["-drawn_on", "name"]

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    GRADING = "grading", "Being graded"
    RESOLVING = "resolving", "Grades to agree"
    READY = "ready", "Feedback to send"
    SENT = "sent", "Feedback sent"
    ACKNOWLEDGED = "acknowledged", "Feedback acknowledged"


class AuditQuerySet(models.QuerySet):
    def within_scope(self, user, capability: Capability):
        """The council's audits; a coordinator's feedback is only that about their own plans, once sent."""
        reach = scope(user, capability)
        audits = self.filter(child__in=Child.objects.filter(local_authority_id=council_id(user)))
        if reach == Scope.COUNCIL:
            return audits
        if reach == Scope.OWN:
            return audits.filter(coordinator=user, status__in=(Status.SENT, Status.ACKNOWLEDGED))
        return self.none()


class Audit(CouncilOwned, BaseModel):
    council_from = "child"
    round = models.ForeignKey(AuditRound, on_delete=models.CASCADE, related_name="audits")
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="audits")
    plan_version = models.ForeignKey("plans.PlanVersion", on_delete=models.CASCADE, related_name="audits")
    # Who and where the plan belonged to when it was sampled, for the reports over time.
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audits_received",
    )
    team = models.ForeignKey("organisations.Team", on_delete=models.SET_NULL, null=True, blank=True)
    setting = models.ForeignKey("organisations.Setting", on_delete=models.SET_NULL, null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.GRADING)
    deep_dive = models.BooleanField(default=False)
    family_view = models.TextField(blank=True, help_text="The family's view of the plan, for a deep dive")
    feedback = models.TextField(blank=True)
    feedback_sent_on = models.DateField(null=True, blank=True)
    acknowledged_on = models.DateField(null=True, blank=True)
    acknowledgement = models.TextField(blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["round", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["round", "plan_version"], name="one_audit_per_plan_a_round")
        ]

    def __str__(self) -> str:
        return f"Audit of {self.plan_version} in {self.round}"


class AuditFinding(CouncilOwned, models.Model):
    """An automatic finding (domain.plan_quality) on the plan when it was sampled, kept for the
    reports of what the findings predict about the human grade."""

    council_from = "audit"

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="findings")
    code = models.CharField(max_length=40)
    section = models.CharField(max_length=2, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["audit", "code", "section"], name="one_finding_kept")]

    def __str__(self) -> str:
        return self.code


class AssignmentQuerySet(models.QuerySet):
    def within_scope(self, user, capability: Capability):
        """An auditor's own assignments in their council; the quality lead's, the council's."""
        reach = scope(user, capability)
        mine = self.filter(audit__child__local_authority_id=council_id(user))
        if reach == Scope.COUNCIL:
            return mine
        if reach == Scope.OWN:
            return mine.filter(auditor=user)
        return self.none()


class Assignment(CouncilOwned, BaseModel):
    council_from = "audit"
    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="assignments")
    auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="audit_assignments"
    )
    agency = models.CharField(max_length=12, choices=Agency.choices)
    moderation = models.BooleanField(default=False, help_text="A second, blind grading of the same questions")
    submitted_on = models.DateField(null=True, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["audit", "agency", "moderation"], name="one_auditor_per_part"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_agency_display()} {'moderation' if self.moderation else 'audit'} of {self.audit_id}"
        )


class Grade(CouncilOwned, models.Model):
    council_from = "assignment"
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="grades")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    grade = models.CharField(max_length=30)
    comment = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assignment", "question"], name="one_grade_per_question")
        ]

    def __str__(self) -> str:
        return self.grade


class AgreedGrade(CouncilOwned, models.Model):
    """The grade a question stands at: the auditor's, or after moderation the agreed one."""

    council_from = "audit"

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="agreed")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    section = models.CharField(max_length=8)
    agency = models.CharField(max_length=12, choices=Agency.choices)
    grade = models.CharField(max_length=30)
    rank = models.PositiveSmallIntegerField(help_text="1 for the best grade on the scale")
    acceptable = models.BooleanField(help_text="Good or better")
    reason = models.TextField(blank=True, help_text="Why, when the two auditors disagreed")
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    agreed_on = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["audit", "question"], name="one_agreed_grade")]

    def __str__(self) -> str:
        return self.grade


class FollowUpQuerySet(models.QuerySet):
    def within_scope(self, user, capability: Capability):
        return self.filter(audit__in=Audit.objects.within_scope(user, capability))


class FollowUp(CouncilOwned, BaseModel):
    """An action the feedback asks of the coordinator, followed up until done."""

    council_from = "audit"

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="follow_ups")
    action = models.TextField()
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "created_at"]

    def __str__(self) -> str:
        return self.action[:60]
