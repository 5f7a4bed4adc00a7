"""Advice from the bodies the council must consult (reg. 6): the request and its 6-week clock
(reg. 8), what the professional submits, the council's decision to accept or return it, the
documents attached, and the reminders sent."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q

from tellonce.accounts.policy import Capability, Scope, scope
from tellonce.core.council_key import CouncilOwned
from tellonce.core.formatting import govuk_date
from tellonce.core.models import BaseModel
from tellonce.domain import reviews, timescales
from tellonce.organisations.models import Service
from tellonce.people.models import Child

HEALTH_SERVICES = frozenset(
    {
        Service.SPEECH_AND_LANGUAGE_THERAPY,
        Service.OCCUPATIONAL_THERAPY,
        Service.PHYSIOTHERAPY,
        Service.PAEDIATRICS,
        Service.CAMHS,
        Service.HEALTH_VISITING,
    }
)
EDUCATION_SETTING = "education_setting"
SERVICE_CHOICES = [*Service.choices[:-1], (EDUCATION_SETTING, "The education setting"), Service.choices[-1]]


class Status(models.TextChoices):
    REQUESTED = "requested", "Waiting for advice"
    SUBMITTED = "submitted", "Advice submitted"
    RETURNED = "returned", "Returned to the adviser"
    ACCEPTED = "accepted", "Accepted"


class AdviceRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Council staff see the area's requests; a professional those sent to them or their team;
        a SENCO those sent to their setting; the family accepted advice about their own child."""
        reach = scope(user, Capability.VIEW_ADVICE)
        match reach:
            case Scope.COUNCIL:
                return self.filter(child__local_authority_id=user.local_authority_id)
            case Scope.INVOLVED:
                return self.sent_to(user)
            case Scope.SCHOOL:
                return self.filter(setting_id=user.setting_id)
            case Scope.FAMILY | Scope.SELF:
                return self.filter(child__in=Child.objects.in_scope(user, reach), status=Status.ACCEPTED)
        return self.none()

    def sent_to(self, user):
        who = Q(professional=user)
        if user.team_id:
            who |= Q(team_id=user.team_id)
        return self.filter(who)

    def answerable_by(self, user):
        """Requests this user may submit advice for."""
        match scope(user, Capability.GIVE_ADVICE):
            case Scope.INVOLVED:
                return self.sent_to(user)
            case Scope.SCHOOL:
                return self.filter(setting_id=user.setting_id)
        return self.none()

    def editable_by(self, user):
        """Requests a caseworker may accept, return or chase."""
        return self.filter(child__in=Child.objects.within_scope(user, Capability.DECIDE_ADVICE))

    def open(self):
        return self.filter(status__in=[Status.REQUESTED, Status.RETURNED, Status.SUBMITTED])


class AdviceRequest(CouncilOwned, BaseModel):
    council_from = "child"
    ref = models.CharField(max_length=60, blank=True, db_index=True)
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="advice_requests")
    assessment = models.ForeignKey(
        "assessments.AssessmentRequest",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="advice_requests",
    )
    purpose = models.CharField(
        max_length=20,
        default="assessment",
        choices=[("assessment", "EHC needs assessment"), ("annual_review", "Annual review")],
    )
    review = models.ForeignKey(
        "reviews.AnnualReview",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="advice_requests",
        help_text="For advice asked for an annual review",
    )
    service = models.CharField(
        max_length=80, help_text="The service or team asked, e.g. educational psychology"
    )
    team = models.ForeignKey("organisations.Team", on_delete=models.SET_NULL, null=True, blank=True)
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advice_asked",
    )
    setting = models.ForeignKey(
        "organisations.Setting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text="For advice from the education setting",
    )
    requested_on = models.DateField(help_text="The day the adviser received the request")
    received_on = models.DateField(
        null=True, blank=True, help_text="The day the advice the council accepted was submitted"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    questions = models.TextField(blank=True, help_text="What the council would like the adviser to cover")

    objects = AdviceRequestQuerySet.as_manager()

    class Meta:
        ordering = ["requested_on", "service"]
        indexes = [models.Index(fields=["status", "requested_on"]), models.Index(fields=["team", "status"])]

    def __str__(self) -> str:
        return f"{self.service_label} advice requested {govuk_date(self.requested_on)}"

    @property
    def service_label(self) -> str:
        return dict(SERVICE_CHOICES).get(self.service, self.service)

    @property
    def provider_name(self) -> str:
        if self.team_id and self.team.provider_id:
            return self.team.provider.name
        return str(self.team or self.setting or "Not recorded")

    @property
    def deadline(self) -> timescales.Deadline:
        """Advice for an assessment is due in 6 weeks (reg. 8); advice for a review must be
        circulated at least 2 weeks before the meeting (reg. 20(4))."""
        if self.review_id and self.review.meeting_on:
            due = reviews.advice_circulated_due(self.review.meeting_on)
            return timescales.Deadline(
                timescales.Step.GIVE_ADVICE, "Give advice for the review", due.due, due.basis
            )
        return timescales.advice_due(self.requested_on)

    def on_time(self, today: date) -> bool | None:
        return timescales.is_on_time(self.deadline.due, self.received_on, today)


class AdviceException(CouncilOwned, models.Model):
    """A lawful reason the adviser could not meet the 6 weeks (reg. 8(2))."""

    council_from = "advice"

    advice = models.ForeignKey(AdviceRequest, on_delete=models.CASCADE, related_name="exceptions")
    reason = models.CharField(
        max_length=20,
        choices=[
            (r.value, timescales.EXCEPTION_LABELS[r])
            for r in timescales.ExceptionReason
            if timescales.Step.GIVE_ADVICE in timescales.EXCEPTION_BASIS[r]
        ],
    )
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.reason} from {govuk_date(self.starts_on)}"


class Submission(CouncilOwned, models.Model):
    """One version of the advice: what the professional wrote, and what the council decided."""

    council_from = "advice"

    advice = models.ForeignKey(AdviceRequest, on_delete=models.CASCADE, related_name="submissions")
    number = models.PositiveSmallIntegerField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_on = models.DateField()
    submitted_at = models.DateTimeField(auto_now_add=True)
    assessed_on = models.DateField("date of the assessment behind this advice", null=True, blank=True)
    needs = models.TextField()
    outcomes = models.TextField("outcomes recommended")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)
    return_reasons = models.TextField(blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["advice", "number"], name="one_number_per_submission")]

    def __str__(self) -> str:
        return f"Submission {self.number} for {self.advice}"


class RecommendedProvision(CouncilOwned, models.Model):
    council_from = "submission"
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="provision")
    what = models.CharField(max_length=300)
    who = models.CharField("who delivers it (role and qualification)", max_length=160)
    how_often = models.CharField(max_length=100)
    how_long = models.CharField("for how long", max_length=100)

    def __str__(self) -> str:
        return self.what


class DocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Documents of advice the user may see; the family only those of accepted advice."""
        visible = self.filter(submission__advice__in=AdviceRequest.objects.visible_to(user))
        if scope(user, Capability.VIEW_ADVICE) in (Scope.FAMILY, Scope.SELF):
            return visible.filter(submission__status=Status.ACCEPTED)
        return visible


class Document(CouncilOwned, models.Model):
    """A report attached to advice, stored outside the web root and served only after a permission check."""

    council_from = "submission"

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(upload_to="advice/%Y/%m/")
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    objects = DocumentQuerySet.as_manager()

    def __str__(self) -> str:
        return self.original_name


class Reminder(CouncilOwned, models.Model):
    """A chasing message sent for one request. Unique per kind, so no reminder is ever sent twice."""

    council_from = "advice"

    advice = models.ForeignKey(AdviceRequest, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20)
    sent_to = models.CharField(max_length=254)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["advice", "kind"], name="one_reminder_of_each_kind")]

    def __str__(self) -> str:
        return f"{self.kind} reminder for {self.advice_id}"
