"""An online request for an EHC needs assessment, from the family, the young person, the school or a
health or care professional: a draft kept while it is written, then the council's to check, match
to a child and record as an assessment request (ADR 57)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from tellonce.accounts.policy import Capability, Scope, scope
from tellonce.assessments.models import RequestSource
from tellonce.core.council_key import CouncilOwned
from tellonce.core.models import BaseModel
from tellonce.people.models import Child


class Status(models.TextChoices):
    DRAFT = "draft", "Not sent yet"
    SUBMITTED = "submitted", "Received, being checked"
    ACCEPTED = "accepted", "Recorded by the council"


class FamilyConsent(models.TextChoices):
    YES = "yes", "Yes, the family agreed to the request"
    NO = "no", "No, the family did not agree"
    NOT_ASKED = "not_asked", "Not yet: the family has not been asked"


class MatchDecision(models.TextChoices):
    NONE = "", "Not checked"
    CONFIRMED = "confirmed", "Matched to a child the council knows"
    NEW = "new", "A new record was made"


class OnlineRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The requester sees their own; the family, those about their children once sent; the
        council's casework staff, every sent request to their council."""
        if scope(user, Capability.TRIAGE_REQUESTS) == Scope.COUNCIL:
            return self.triaged_by(user)
        if scope(user, Capability.MAKE_REQUEST) is None:
            return self.none()
        own = Q(requester=user)
        if scope(user, Capability.SEE_OWN_CHILDREN) is not None:
            theirs = Child.objects.within_scope(user, Capability.SEE_OWN_CHILDREN)
            own |= Q(child__in=theirs) & ~Q(status=Status.DRAFT)
        return self.filter(own)

    def editable_by(self, user):
        """Only the requester changes a draft, and only while it is a draft."""
        if scope(user, Capability.MAKE_REQUEST) is None:
            return self.none()
        return self.filter(requester=user, status=Status.DRAFT)

    def triaged_by(self, user):
        if scope(user, Capability.TRIAGE_REQUESTS) != Scope.COUNCIL or not user.local_authority_id:
            return self.none()
        return self.filter(local_authority_id=user.local_authority_id).exclude(status=Status.DRAFT)

    def waiting(self):
        return self.filter(status=Status.SUBMITTED)


class OnlineRequest(BaseModel):
    ref = models.CharField("reference", max_length=20, unique=True)
    local_authority = models.ForeignKey("organisations.LocalAuthority", on_delete=models.PROTECT)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="online_requests"
    )
    requested_by = models.CharField(max_length=12, choices=RequestSource.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    child = models.ForeignKey(
        "people.Child",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="online_requests",
        help_text="The child chosen by the requester, or matched or made by the council",
    )
    # The child's details, as typed (kept even when a known child was chosen, for the record).
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    nhs_number = models.CharField("NHS number", max_length=10, blank=True)
    upn = models.CharField("UPN", max_length=13, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    current_setting = models.CharField(max_length=160, blank=True)
    # The request.
    reason = models.TextField(blank=True)
    support_tried = models.TextField(blank=True)
    family_views = models.TextField(blank=True)
    # The family, when a school or professional asks; and their consent to the request.
    parent_name = models.CharField(max_length=200, blank=True)
    parent_email = models.EmailField(blank=True)
    family_consent = models.CharField(max_length=10, choices=FamilyConsent.choices, blank=True)
    consent_how = models.CharField("how consent was recorded", max_length=300, blank=True)
    # Language and sharing.
    first_language = models.CharField(max_length=60, blank=True)
    interpreter_needed = models.BooleanField(null=True)
    interpreter_language = models.CharField(max_length=60, blank=True)
    consent_to_share = models.BooleanField(default=False)
    # Sent, and checked by the council.
    submitted_on = models.DateField(null=True, blank=True)
    family_told_on = models.DateField(null=True, blank=True)
    match_decision = models.CharField(max_length=10, choices=MatchDecision.choices, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    checked_on = models.DateField(null=True, blank=True)
    assessment = models.OneToOneField(
        "assessments.AssessmentRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="online_request",
    )

    objects = OnlineRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_on", "-created_at"]
        indexes = [models.Index(fields=["local_authority", "status"])]

    def __str__(self) -> str:
        return f"{self.ref} ({self.child_name or 'no name yet'})"

    @property
    def child_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def from_the_family(self) -> bool:
        return self.requested_by in ("parent", "young_person")

    @property
    def from_a_school(self) -> bool:
        return self.requested_by == "setting"


class SupportCycle(CouncilOwned, models.Model):
    """One cycle of SEN support at the school (assess, plan, do, review; Code of Practice 6.44-6.56),
    with what was provided and what it cost."""

    council_from = "request"

    request = models.ForeignKey(OnlineRequest, on_delete=models.CASCADE, related_name="cycles")
    started_on = models.DateField()
    assess = models.TextField("what was assessed")
    plan = models.TextField("what was planned")
    do = models.TextField("what was done")
    review = models.TextField("what the review found")
    provision = models.TextField("provision")
    cost = models.DecimalField("cost for the cycle (£)", max_digits=9, decimal_places=2)
    recorded_cycle = models.ForeignKey(
        "sen_support.Cycle",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The SENCO's own record of the cycle this was attached from (ADR 74)",
    )

    class Meta:
        ordering = ["started_on", "pk"]

    def __str__(self) -> str:
        return f"SEN support from {self.started_on}"


class RequestDocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(request__in=OnlineRequest.objects.visible_to(user))


class RequestDocument(CouncilOwned, models.Model):
    """Evidence sent with a request, checked by content (core/uploads.py), stored outside the web
    root and served only after a permission check."""

    council_from = "request"

    request = models.ForeignKey(OnlineRequest, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(upload_to="front_door/%Y/%m/")
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    description = models.CharField(max_length=200, blank=True)

    objects = RequestDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name
