"""Requests for advice from the bodies the council must consult (reg. 6), with their 6-week clock."""

from datetime import date

from django.db import models

from tellonce.core.models import BaseModel
from tellonce.domain import timescales
from tellonce.organisations.models import Service


class AdviceRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        from tellonce.people.models import Child

        return self.filter(child__in=Child.objects.visible_to(user))

    def editable_by(self, user):
        from tellonce.people.models import Child

        return self.filter(child__in=Child.objects.editable_by(user), assessment__isnull=False)


class AdviceRequest(BaseModel):
    ref = models.CharField(max_length=60, blank=True, db_index=True)
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="advice_requests")
    assessment = models.ForeignKey(
        "assessments.AssessmentRequest",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="advice_requests",
    )
    service = models.CharField(
        max_length=80, help_text="The service or team asked, e.g. educational psychology"
    )
    team = models.ForeignKey("organisations.Team", on_delete=models.SET_NULL, null=True, blank=True)
    requested_on = models.DateField(help_text="The day the adviser received the request")
    received_on = models.DateField(null=True, blank=True, help_text="The day the council received the advice")

    objects = AdviceRequestQuerySet.as_manager()

    class Meta:
        ordering = ["requested_on", "service"]

    def __str__(self) -> str:
        return f"{self.service_label} advice requested {self.requested_on}"

    @property
    def service_label(self) -> str:
        return Service(self.service).label if self.service in Service.values else self.service

    @property
    def deadline(self) -> timescales.Deadline:
        return timescales.advice_due(self.requested_on)

    def on_time(self, today: date) -> bool | None:
        return timescales.is_on_time(self.deadline.due, self.received_on, today)
