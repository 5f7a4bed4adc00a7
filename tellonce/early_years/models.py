"""A notification from health that a child under compulsory school age probably has SEND
(Children and Families Act 2014 s23), and what the council's early-years team did about it
(ADR 74). A notification is about a child the council knows once a person has confirmed the match,
or about a new record made then; until that, it carries the child's details as health gave them."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from tellonce.accounts.policy import Capability, Scope, scope
from tellonce.core.models import BaseModel
from tellonce.organisations.councils import council_id


class Outcome(models.TextChoices):
    SETTING_SUPPORT = "setting_support", "Support through the child's early years setting"
    EARLY_YEARS_SERVICE = "early_years_service", "Help from the early years SEND service"
    ASSESSMENT_REQUESTED = "assessment_requested", "An EHC needs assessment was asked for"
    ADVICE_ONLY = "advice_only", "Information and advice only"
    DECLINED = "declined", "The family did not want support"
    MOVED = "moved", "The family moved away"


class MatchDecision(models.TextChoices):
    CONFIRMED = "confirmed", "Matched to a child the council knows"
    NEW = "new", "A new record was made"


class NotificationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The early-years team sees its council's notifications; a health professional their own."""
        if scope(user, Capability.ACT_ON_NOTIFICATIONS) is not None:
            return self.within_scope(user, Capability.ACT_ON_NOTIFICATIONS)
        return self.within_scope(user, Capability.NOTIFY_EARLY_YEARS)

    def within_scope(self, user, capability: Capability):
        match scope(user, capability):
            case Scope.COUNCIL:
                return self.filter(local_authority_id=council_id(user))
            case Scope.OWN:
                return self.filter(notified_by=user, local_authority_id=council_id(user))
        return self.none()

    def open(self):
        return self.filter(outcome="")


class Notification(BaseModel):
    ref = models.CharField("reference", max_length=20, unique=True)
    local_authority = models.ForeignKey("organisations.LocalAuthority", on_delete=models.PROTECT)
    notified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="early_years_notifications"
    )
    notified_on = models.DateField()
    child = models.ForeignKey(
        "people.Child",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="health_notifications",
        help_text="Set when a person confirms the match, or makes a new record",
    )
    match_decision = models.CharField(max_length=10, choices=MatchDecision.choices, blank=True)
    # The child as health knows them.
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    date_of_birth = models.DateField()
    nhs_number = models.CharField("NHS number", max_length=10, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    early_years_setting = models.CharField(max_length=160, blank=True)
    # What health found, and what it told the family (s23(2) and (4)).
    concerns = models.TextField("what health found")
    parent_name = models.CharField(max_length=200)
    parent_phone = models.CharField(max_length=40, blank=True)
    parent_email = models.EmailField(blank=True)
    parent_told_on = models.DateField()
    service_named = models.BooleanField(
        "the information, advice and support service was named", default=False
    )
    parent_agrees_to_contact = models.BooleanField(default=False)
    # The early-years team.
    acknowledged_on = models.DateField(null=True, blank=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="allocated_notifications",
    )
    allocated_on = models.DateField(null=True, blank=True)
    first_contact_on = models.DateField(null=True, blank=True)
    offered = models.TextField("what was offered", blank=True)
    outcome = models.CharField(max_length=24, choices=Outcome.choices, blank=True)
    outcome_on = models.DateField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-notified_on", "-created_at"]
        indexes = [models.Index(fields=["local_authority", "notified_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="") | Q(outcome_on__isnull=False), name="notification_outcome_has_a_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.ref} ({self.child_name})"

    @property
    def child_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def stage(self) -> str:
        if self.outcome:
            return "Closed"
        if self.first_contact_on:
            return "In touch with the family"
        if self.officer_id:
            return "Allocated"
        if self.acknowledged_on:
            return "Acknowledged"
        return "New"
