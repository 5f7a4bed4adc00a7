"""Mediation and appeals to the First-tier Tribunal (SEND): what each is about, its dates, its
outcome and, for an appeal, the Tribunal's orders with their compliance deadlines. The deadlines
come from domain.appeals; the fields are those SEN2 counts (items 2.6-2.7 and 3.3-3.6: a mediation
held, an appeal made, about the request, the issue decision or another appealable decision)."""

from datetime import date

from django.conf import settings
from django.db import models

from tellonce.accounts.policy import Capability
from tellonce.core.council_key import CouncilOwned
from tellonce.core.models import BaseModel
from tellonce.domain import appeals as rules
from tellonce.people.models import Child
from tellonce.people.querysets import records_reached


class ChildRecordQuerySet(models.QuerySet):
    """Reached through the child: whoever may see a child's appeals sees these rows."""

    def visible_to(self, user):
        return self.within_scope(user, Capability.SEE_APPEALS)

    def editable_by(self, user):
        return self.within_scope(user, Capability.RECORD_APPEALS)

    def within_scope(self, user, capability: Capability):
        """By the record's own council key for the council's own staff (ADR 97), by the child's
        scope for anyone else."""
        return records_reached(self, "child", user, capability)


class AppealQuerySet(ChildRecordQuerySet):
    def open(self):
        return self.filter(decided_on__isnull=True)

    def filter_open_or_ordered(self):
        """Not yet decided, or with an order not yet complied with."""
        ordered = TribunalOrder.objects.filter(appeal=models.OuterRef("pk"), complied_on__isnull=True)
        return self.filter(models.Q(decided_on__isnull=True) | models.Exists(ordered))


GROUND_CHOICES = [(g.value, rules.GROUND_LABELS[g]) for g in rules.Ground]


class AboutADecision(BaseModel):
    """What mediations and appeals share: the child, the decision and the record it is about."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="+")
    ground = models.CharField("what it is about", max_length=20, choices=GROUND_CHOICES)
    decision_on = models.DateField("the decision notice was sent on")
    assessment = models.ForeignKey(
        "assessments.AssessmentRequest", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    plan = models.ForeignKey("plans.Plan", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    ceasing = models.ForeignKey(
        "reviews.Ceasing", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    notes = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        abstract = True

    def ground_phrase(self) -> str:
        """What it is about, inside a sentence: "a refusal to issue an EHC plan"."""
        label = self.get_ground_display()
        return label[:1].lower() + label[1:]

    @property
    def sen2_stage(self) -> rules.Sen2Stage:
        return rules.sen2_stage(rules.Ground(self.ground))


class MediationOutcome(models.TextChoices):
    AGREED = "agreed", "Agreement on every issue"
    PARTLY = "partly", "Agreement on some issues"
    NOT_AGREED = "not_agreed", "No agreement"


class Mediation(CouncilOwned, AboutADecision):
    council_from = "child"
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="mediations")
    contacted_on = models.DateField("the family contacted the mediation adviser on", null=True, blank=True)
    certificate_kind = models.CharField(
        "the certificate says",
        max_length=10,
        blank=True,
        choices=[(k.value, rules.CERTIFICATE_LABELS[k]) for k in rules.CertificateKind],
    )
    certificate_on = models.DateField("the certificate was issued on", null=True, blank=True)
    held_on = models.DateField("mediation was held on", null=True, blank=True)
    outcome = models.CharField(max_length=12, blank=True, choices=MediationOutcome.choices)

    objects = ChildRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-decision_on"]

    def __str__(self) -> str:
        return f"Mediation about {self.ground_phrase()}"

    def facts(self) -> rules.MediationFacts:
        return rules.MediationFacts(
            decision_on=self.decision_on,
            contacted_on=self.contacted_on,
            certificate_kind=rules.CertificateKind(self.certificate_kind) if self.certificate_kind else None,
            certificate_on=self.certificate_on,
        )


class AppealOutcome(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    PARTLY = "partly", "Partly upheld"
    DISMISSED = "dismissed", "Dismissed"
    WITHDRAWN = "withdrawn", "Withdrawn by the family"
    CONCEDED = "conceded", "Conceded by the council"


# The outcomes in which the family won what they asked, in whole or part.
FOR_THE_FAMILY = (AppealOutcome.UPHELD, AppealOutcome.PARTLY, AppealOutcome.CONCEDED)


class Appeal(CouncilOwned, AboutADecision):
    council_from = "child"
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="appeals")
    sections = models.CharField(
        "the sections appealed", max_length=5, blank=True, help_text="B, F and I for an appeal about content"
    )
    mediation = models.ForeignKey(
        Mediation, on_delete=models.SET_NULL, null=True, blank=True, related_name="appeals"
    )
    tribunal_ref = models.CharField("the Tribunal's reference", max_length=40, blank=True)
    registered_on = models.DateField("the Tribunal registered the appeal on")
    response_due_on = models.DateField("the council's response is due on", null=True, blank=True)
    response_sent_on = models.DateField("the council sent its response on", null=True, blank=True)
    hearing_on = models.DateField("the hearing is on", null=True, blank=True)
    decided_on = models.DateField("decided or ended on", null=True, blank=True)
    outcome = models.CharField(max_length=10, blank=True, choices=AppealOutcome.choices)

    objects = AppealQuerySet.as_manager()

    class Meta:
        ordering = ["-registered_on"]
        indexes = [models.Index(fields=["decided_on", "response_due_on"])]

    def __str__(self) -> str:
        return f"Appeal about {self.ground_phrase()}"

    def next_deadline(self, orders, today: date) -> tuple[str, date] | None:
        """The next thing the council must do for this appeal, and by when."""
        found = []
        if self.decided_on is None and self.response_due_on and self.response_sent_on is None:
            found.append(("Send the council's response", self.response_due_on))
        found += [(o.get_kind_display(), o.due_on) for o in orders if o.complied_on is None]
        return min(found, key=lambda row: row[1]) if found else None


class OrderQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(appeal__in=Appeal.objects.visible_to(user))

    def editable_by(self, user):
        return self.filter(appeal__in=Appeal.objects.editable_by(user))


class TribunalOrder(CouncilOwned, BaseModel):
    """One thing the Tribunal ordered (or the council agreed to, unopposed), with the day it must
    be done by (reg. 44, 45)."""

    council_from = "appeal"

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="orders")
    kind = models.CharField(
        "the order", max_length=16, choices=[(k.value, rules.ORDER_LABELS[k]) for k in rules.OrderKind]
    )
    ordered_on = models.DateField("ordered on, or the day the council told the Tribunal it would not oppose")
    unopposed = models.BooleanField(default=False)
    due_on = models.DateField("must be complied with by")
    complied_on = models.DateField(null=True, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    objects = OrderQuerySet.as_manager()

    class Meta:
        ordering = ["due_on"]
        indexes = [models.Index(fields=["complied_on", "due_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.due_on}"

    def deadlines(self) -> list[rules.Deadline]:
        return rules.compliance_deadlines(
            rules.OrderKind(self.kind), self.ordered_on, unopposed=self.unopposed
        )
