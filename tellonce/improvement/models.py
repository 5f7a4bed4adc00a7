"""An inspection's findings and the improvement plan that answers them: priorities with an aim,
actions (owner, partner agency, due date, status), dated progress, impact evidence, worries and
next steps, a red-amber-green rating with its history, and links to live measures by key."""

from django.conf import settings
from django.db import models

from tellonce.accounts.policy import Capability, scope
from tellonce.core.council_key import CouncilOwned
from tellonce.core.formatting import govuk_date
from tellonce.core.models import BaseModel
from tellonce.domain import improvement as rules
from tellonce.domain.inspection import Framework, Kind, Outcome
from tellonce.organisations import councils


def _choices(enum, labels: dict) -> list[tuple[str, str]]:
    return [(member.value, labels[member.value]) for member in enum]


FRAMEWORKS = _choices(Framework, {"2016": "2016 to 2022 (joint local area SEND)", "2023": "2023 (area SEND)"})
KINDS = _choices(
    Kind,
    {
        "initial": "Initial inspection",
        "revisit": "Revisit",
        "full": "Full inspection",
        "monitoring": "Monitoring inspection",
    },
)
OUTCOMES = _choices(
    Outcome,
    {
        "written_statement_required": "Written statement of action required",
        "no_written_statement": "No written statement of action required",
        "sufficient_progress": "Sufficient progress made",
        "insufficient_progress": "Not enough progress made",
        "positive": "Typically positive experiences and outcomes",
        "inconsistent": "Inconsistent experiences and outcomes",
        "widespread_failings": "Widespread and/or systemic failings",
        "unknown": "Not found",
    },
)


class CouncilQuerySet(councils.CouncilQuerySet):
    """Inspections and improvement plans belong to a council: those who may see or manage them do
    so for their own council."""

    def visible_to(self, user):
        return self.within_scope(user, Capability.SEE_IMPROVEMENT_PLAN)

    def managed_by(self, user):
        return self.within_scope(user, Capability.MANAGE_IMPROVEMENT_PLAN)


class Inspection(BaseModel):
    local_authority = models.ForeignKey("organisations.LocalAuthority", on_delete=models.PROTECT)
    area = models.CharField("local area", max_length=200)
    framework = models.CharField(max_length=4, choices=FRAMEWORKS)
    kind = models.CharField(max_length=12, choices=KINDS)
    outcome = models.CharField(max_length=30, choices=OUTCOMES)
    written_statement_required = models.BooleanField(null=True, blank=True)
    letter_date = models.DateField(null=True, blank=True)
    inspection_start = models.DateField(null=True, blank=True)
    inspection_end = models.DateField(null=True, blank=True)
    source_name = models.CharField("file", max_length=255, blank=True)
    extracted = models.JSONField(default=dict, help_text="What the importer found, before any correction")
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = CouncilQuerySet.as_manager()

    class Meta:
        ordering = ["-letter_date", "-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.area}"


class Finding(CouncilOwned, BaseModel):
    council_from = "inspection"

    class Kind(models.TextChoices):
        SIGNIFICANT_WEAKNESS = "significant_weakness", "Significant weakness"
        AREA_FOR_PRIORITY_ACTION = "priority_action", "Area for priority action"
        AREA_FOR_IMPROVEMENT = "area_for_improvement", "Area for improvement"
        NEEDS_TO_DO_BETTER = "do_better", "What the partnership needs to do better"
        EFFECTIVE = "effective", "What the partnership does that is effective"
        AREA_FOR_DEVELOPMENT = "area_for_development", "Area for development"
        STRENGTH = "strength", "Strength"
        MAIN_FINDING = "main_finding", "Main finding"

    class Heading(models.TextChoices):
        NONE = "", "No heading"
        IDENTIFYING = "identifying", "Identifying needs"
        MEETING = "meeting", "Meeting needs"
        IMPROVING = "improving", "Improving outcomes"

    ANSWERED_BY_PLAN = (Kind.SIGNIFICANT_WEAKNESS, Kind.AREA_FOR_PRIORITY_ACTION, Kind.AREA_FOR_IMPROVEMENT)

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(max_length=24, choices=Kind.choices)
    heading = models.CharField(max_length=12, choices=Heading.choices, blank=True)
    text = models.TextField()
    responsible = models.CharField("body responsible", max_length=300, blank=True)
    sufficient_progress = models.BooleanField(null=True, blank=True, help_text="Revisits and monitoring only")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.text[:80]


class ImprovementPlan(BaseModel):
    local_authority = models.ForeignKey("organisations.LocalAuthority", on_delete=models.PROTECT)
    inspection = models.ForeignKey(
        Inspection, on_delete=models.SET_NULL, null=True, blank=True, related_name="plans"
    )
    title = models.CharField(max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = CouncilQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class PriorityQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(plan__in=ImprovementPlan.objects.visible_to(user))

    def managed_by(self, user):
        return self.filter(plan__in=ImprovementPlan.objects.managed_by(user))


class Priority(CouncilOwned, BaseModel):
    council_from = "plan"
    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="priorities")
    finding = models.ForeignKey(Finding, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    number = models.PositiveSmallIntegerField()
    title = models.TextField("area", help_text="The weakness or area for improvement it answers")
    aim = models.TextField(blank=True)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = PriorityQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "number"]
        verbose_name_plural = "priorities"

    def __str__(self) -> str:
        return f"Area {self.number}: {self.title[:60]}"

    def ratings(self) -> list[rules.Rating]:
        return [rules.Rating(r.rated_on, rules.Rag(r.rag)) for r in self.rag_history.all()]

    def rag_on(self, day) -> rules.Rag | None:
        return rules.rag_on(self.ratings(), day)


RAG_CHOICES = [("red", "Red"), ("amber", "Amber"), ("green", "Green")]


class RagRating(CouncilOwned, models.Model):
    """One rating with its date and reason; the history is never edited, only added to."""

    council_from = "priority"

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="rag_history")
    rag = models.CharField("rating", max_length=5, choices=RAG_CHOICES)
    rated_on = models.DateField()
    reason = models.TextField()
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-rated_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_rag_display()} on {govuk_date(self.rated_on)}"


class ActionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(models.Q(priority__in=Priority.objects.visible_to(user)) | models.Q(owner=user))

    def updatable_by(self, user):
        """Plan managers update any action in their plans; anyone else only the actions they own."""
        owned = models.Q(owner=user) if scope(user, Capability.UPDATE_OWN_ACTIONS) else models.Q(pk__in=[])
        return self.filter(models.Q(priority__in=Priority.objects.managed_by(user)) | owned)

    def live(self):
        """Actions not withdrawn: the ones that still count."""
        return self.filter(withdrawn_on__isnull=True)

    def open(self):
        return self.live().exclude(status=rules.ActionStatus.COMPLETE)

    def overdue_on(self, day):
        return self.open().filter(due_on__lt=day)


STATUS_CHOICES = [
    ("not_started", "Not started"),
    ("on_track", "On track"),
    ("at_risk", "At risk"),
    ("complete", "Complete"),
]

WITHDRAWAL_REASONS = [
    ("no_longer_needed", "No longer needed"),
    ("merged", "Merged into another action"),
]


class Action(CouncilOwned, BaseModel):
    council_from = "priority"
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="actions")
    text = models.TextField("action")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="improvement_actions"
    )
    partner_agency = models.CharField(max_length=200, blank=True)
    due_on = models.DateField("due")
    status = models.CharField(max_length=12, choices=STATUS_CHOICES, default="not_started")
    completed_on = models.DateField(null=True, blank=True)
    # Withdrawn with a reason: kept apart from the status, so only the withdrawal page (which asks
    # why) can withdraw an action. A withdrawn action is shown but no longer counts as to do.
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawn_reason = models.CharField(
        "why it was withdrawn",
        max_length=16,
        choices=WITHDRAWAL_REASONS,
        blank=True,
        default="",
        db_default="",
    )
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_from"
    )
    withdrawn_note = models.TextField(blank=True, default="", db_default="")
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "created_at"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_on is not None

    def is_open(self) -> bool:
        return not self.withdrawn and self.status != rules.ActionStatus.COMPLETE

    def is_overdue_on(self, day) -> bool:
        return not self.withdrawn and rules.is_overdue(self.due_on, rules.ActionStatus(self.status), day)

    def days_overdue_on(self, day) -> int:
        if self.withdrawn:
            return 0
        return rules.days_overdue(self.due_on, rules.ActionStatus(self.status), day)


class Update(CouncilOwned, models.Model):
    """A dated entry under one of the impact report's headings."""

    council_from = "priority"

    class Kind(models.TextChoices):
        PROGRESS = "progress", "Progress"
        IMPACT = "impact", "Impact"
        WORRY = "worry", "Worry or concern"
        NEXT_STEP = "next_step", "Next step"

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="updates")
    action = models.ForeignKey(
        Action, on_delete=models.SET_NULL, null=True, blank=True, related_name="updates"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.TextField()
    recorded_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["recorded_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"


class PriorityMeasure(CouncilOwned, models.Model):
    """A live measure cited as evidence, by its key in the measure registry (`registry.py`), so a
    later module's measure attaches without a change here."""

    council_from = "priority"

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="measures")
    key = models.CharField(max_length=80)
    target = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["priority", "key"], name="one_link_per_measure")]

    def __str__(self) -> str:
        return self.key


class PriorityFinding(CouncilOwned, models.Model):
    """A finding of a later (monitoring) inspection recorded against a priority the plan already
    has, instead of a new priority: the priority's history of what inspectors said about it."""

    council_from = "priority"

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="later_findings")
    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="matched_priorities")
    matched_on = models.DateField()
    matched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["matched_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["priority", "finding"], name="one_match_per_finding")]

    def __str__(self) -> str:
        return f"{self.finding} against {self.priority}"
