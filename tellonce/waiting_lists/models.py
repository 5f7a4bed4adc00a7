"""Referrals to health services and the waits behind them, reviews of long waits, support offered
while waiting, and provider extracts with the rows that matched no child."""

from django.conf import settings
from django.db import models

from tellonce.accounts.policy import Capability, Scope, scope
from tellonce.core.council_key import CouncilOwned
from tellonce.core.formatting import govuk_date
from tellonce.core.models import BaseModel
from tellonce.domain import waiting as rules
from tellonce.organisations.councils import CouncilQuerySet, council_id
from tellonce.organisations.models import Service
from tellonce.people.models import Child


class WaitingServiceQuerySet(CouncilQuerySet):
    def within_scope(self, user, capability: Capability):
        """The lists `capability` reaches: every list of the user's council, or, for a health
        professional, the lists their team works (their provider's, of their team's kind)."""
        match scope(user, capability):
            case Scope.COUNCIL | Scope.HEALTH:
                return self.of_council(council_id(user))
            case Scope.PROVIDER:
                team = user.team
                if team is None or team.provider_id is None:
                    return self.none()
                return self.of_council(team.local_authority_id).filter(
                    provider_id=team.provider_id, kind=team.service
                )
        return self.none()


class WaitingService(models.Model):
    """A service with a waiting list, the clock it is judged by (with its source), and when a long
    wait must be reviewed."""

    local_authority = models.ForeignKey(
        "organisations.LocalAuthority",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The council it serves",
    )
    code = models.SlugField(max_length=40)
    name = models.CharField(max_length=160)
    provider = models.ForeignKey(
        "organisations.HealthProvider", on_delete=models.PROTECT, related_name="services"
    )
    kind = models.CharField(
        "the kind of team that works this list",
        max_length=40,
        choices=Service.choices,
        blank=True,
        help_text="The provider's teams of this kind see and work its referrals; with none, only the "
        "council and the designated clinical officer see them",
    )
    clock_event = models.CharField(
        max_length=20, choices=[(e.value, e.value.replace("_", " ")) for e in rules.ClockEvent]
    )
    clock_weeks = models.PositiveSmallIntegerField()
    clock_source = models.CharField(max_length=200)
    review_after_weeks = models.PositiveSmallIntegerField(default=18)
    review_every_weeks = models.PositiveSmallIntegerField(default=12)

    objects = WaitingServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["local_authority", "code"], name="one_service_code_a_council")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def clock(self) -> rules.ServiceClock:
        return rules.ServiceClock(rules.ClockEvent(self.clock_event), self.clock_weeks, self.clock_source)


class ReferralQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Council staff and the DCO see the council's children's referrals; a health professional those to the
        lists their own team works (their provider's, of their team's kind, for their council); a family their
        own child's."""
        reach = scope(user, Capability.VIEW_REFERRAL)
        match reach:
            case Scope.COUNCIL | Scope.HEALTH:
                return self.filter(child__local_authority_id=user.local_authority_id)
            case Scope.PROVIDER:
                return self._worked_by_team_of(user)
            case Scope.FAMILY | Scope.SELF:
                return self.filter(child__in=Child.objects.in_scope(user, reach))
        return self.none()

    def managed_by(self, user):
        """Referrals a health user may review and update."""
        match scope(user, Capability.MANAGE_WAITING_LIST):
            case Scope.HEALTH:
                return self.filter(child__local_authority_id=user.local_authority_id)
            case Scope.PROVIDER:
                return self._worked_by_team_of(user)
        return self.none()

    def _worked_by_team_of(self, user):
        team = user.team
        if team is None or team.provider_id is None:
            return self.none()
        return self.filter(
            service__provider_id=team.provider_id,
            service__kind=team.service,
            service__local_authority_id=team.local_authority_id,
            child__local_authority_id=team.local_authority_id,
        )


class Referral(CouncilOwned, BaseModel):
    council_from = "child"
    service = models.ForeignKey(WaitingService, on_delete=models.PROTECT, related_name="referrals")
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="referrals")
    provider_ref = models.CharField(max_length=60)
    locality = models.ForeignKey("organisations.Locality", on_delete=models.SET_NULL, null=True, blank=True)
    referred_on = models.DateField()
    accepted = models.BooleanField(null=True)
    first_contact_on = models.DateField(null=True, blank=True)
    assessed_on = models.DateField(null=True, blank=True)
    treatment_on = models.DateField("treatment or diagnosis", null=True, blank=True)
    discharged_on = models.DateField(null=True, blank=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["referred_on"]
        constraints = [
            models.UniqueConstraint(fields=["service", "provider_ref"], name="one_referral_per_provider_ref")
        ]
        indexes = [models.Index(fields=["service", "referred_on"])]

    def __str__(self) -> str:
        return f"{self.service} referral {self.provider_ref}"

    def as_wait(self) -> rules.Wait:
        return rules.Wait(
            self.referred_on,
            self.accepted,
            self.first_contact_on,
            self.assessed_on,
            self.treatment_on,
            self.discharged_on,
            group=self.locality.name if self.locality_id else "",
        )


class WaitReview(CouncilOwned, models.Model):
    council_from = "referral"

    class Risk(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High: escalate"

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField()
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    need_rechecked = models.BooleanField("need re-checked")
    risk = models.CharField(max_length=10, choices=Risk.choices)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-reviewed_on"]

    def __str__(self) -> str:
        return f"Review on {govuk_date(self.reviewed_on)}"


class SupportOffer(CouncilOwned, models.Model):
    council_from = "referral"

    class Kind(models.TextChoices):
        ADVICE = "advice", "Advice for the family"
        GROUP = "group", "A group or workshop"
        STRATEGIES = "strategies", "Interim strategies for home or school"
        LOCAL_OFFER = "local_offer", "Signposting to the Local Offer"
        OTHER = "other", "Other support"

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="support")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    offered_on = models.DateField()
    taken_up = models.BooleanField(null=True)
    details = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-offered_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} offered {govuk_date(self.offered_on)}"


class UnmatchedRow(CouncilOwned, models.Model):
    """A row from a provider's extract whose NHS number matched no child: for someone to resolve."""

    council_from = "service"

    service = models.ForeignKey(WaitingService, on_delete=models.CASCADE, related_name="unmatched")
    nhs_number = models.CharField(max_length=10)
    provider_ref = models.CharField(max_length=60)
    row = models.JSONField()
    imported_at = models.DateTimeField(auto_now_add=True)
    resolved = models.ForeignKey(Referral, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.service}: {self.provider_ref}"
