"""Annual reviews of EHC plans (the meeting, who came, the views and progress, the decision and any
amendment), ceasing a plan, and moves between councils. The clocks are in domain.reviews,
domain.ceasing and domain.moves; an amendment's dates come from the plan's versions when it was
written in Tellonce, and from the record itself when imported."""

from collections import defaultdict
from datetime import date

from django.conf import settings
from django.db import models

from tellonce.accounts.policy import Capability, scope
from tellonce.core.council_key import CouncilOwned
from tellonce.core.formatting import govuk_date
from tellonce.core.models import BaseModel
from tellonce.domain import ceasing as ceasing_rules
from tellonce.domain import reviews as rules
from tellonce.domain.school_years import national_curriculum_year
from tellonce.domain.sen2 import scope as sen2_scope
from tellonce.people.models import Child
from tellonce.people.querysets import by_own_key
from tellonce.plans.models import Kind, Plan, PlanVersion, Status

AMENDED_CACHE = "_amended_version"


class ReviewKind(models.TextChoices):
    ANNUAL = "annual", "Annual review"
    PHASE_TRANSFER = "phase_transfer", "Phase transfer review"
    EARLY = "early", "Early review"


class EducationStatus(models.TextChoices):
    IN_EDUCATION = "in_education", "In education or training"
    LEFT_RETURN_PLANNED = "left_return_planned", "Left education or training, with a return planned"
    LEFT_NO_RETURN = "left_no_return", "Left education or training, with no return planned"


class ReviewQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Whoever may see the plan sees its reviews (the family, the setting and professionals once
        the plan has been shared with them)."""
        return self._within(user, Capability.VIEW_REVIEW)

    def editable_by(self, user):
        return self._within(user, Capability.RUN_REVIEW)

    def _within(self, user, capability: Capability):
        reach = scope(user, capability)
        own = by_own_key(user, reach, "plan__child")
        if own is not None:
            return self.filter(own)
        return self.filter(Plan.objects.reached_through("plan", user, capability))

    def for_setting(self, user):
        """Reviews a SENCO fills in the paperwork for: their pupils' reviews."""
        return self.filter(plan__child__in=Child.objects.within_scope(user, Capability.SEND_REVIEW_REPORT))


# What the setting's review report sets on the review (the rest of the report is attendance and progress).
PAPERWORK_FIELDS = [
    "child_views",
    "family_views",
    "adulthood_discussed",
    "destination",
    "education_status",
    "left_education_on",
    "recommendations",
]


class AnnualReview(CouncilOwned, BaseModel):
    council_from = "plan"
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(max_length=20, choices=ReviewKind.choices, default=ReviewKind.ANNUAL)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    meeting_on = models.DateField("date of the meeting", null=True, blank=True)
    invitations_sent_on = models.DateField(null=True, blank=True)
    advice_circulated_on = models.DateField(null=True, blank=True)
    held_on = models.DateField("the meeting was held on", null=True, blank=True)
    child_views = models.TextField("the child's or young person's views", blank=True)
    family_views = models.TextField("the family's views", blank=True)
    adulthood_discussed = models.BooleanField("preparing for adulthood was discussed", default=False)
    destination = models.CharField(
        "next step after this year",
        max_length=200,
        blank=True,
        help_text="For Year 11 and Year 13: where next",
    )
    education_status = models.CharField(
        max_length=20, choices=EducationStatus.choices, default=EducationStatus.IN_EDUCATION
    )
    left_education_on = models.DateField(null=True, blank=True)
    recommendations = models.TextField("recommended changes and any disagreements", blank=True)
    report_sent_on = models.DateField("review report sent on", null=True, blank=True)
    report_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision = models.CharField(
        max_length=10, choices=[(d.value, rules.DECISION_LABELS[d]) for d in rules.Decision], blank=True
    )
    decision_notified_on = models.DateField("the family was told the decision on", null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    amendment_version = models.ForeignKey(
        PlanVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The proposed amendments written in Tellonce",
    )
    imported_amendment_notice_on = models.DateField(null=True, blank=True)
    imported_amended_final_on = models.DateField(null=True, blank=True)
    external_ref = models.CharField(max_length=60, blank=True)
    # The next step still to do and its due date (presenters.pending_step), kept by
    # tellonce.reviews.stored so the steps under way are sorted and paged in SQL (ADR 0076).
    next_step = models.CharField(max_length=80, blank=True, default="", db_default="")
    next_step_due = models.DateField(null=True, blank=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "meeting_on"]
        indexes = [
            models.Index(fields=["plan", "decision_notified_on"]),
            models.Index(fields=["next_step_due"], name="review_next_step_due"),
            # A council's review steps under way in the order they fall due (ADR 88), with what a
            # list of them and its count read, so PostgreSQL reads them from the index alone rather
            # than every review of the council (ADR 102); the plan and the step are carried on
            # PostgreSQL only, where an index can carry columns it is not ordered by
            models.Index(
                fields=["local_authority", "next_step_due", "id"],
                include=["plan", "next_step"],
                condition=models.Q(next_step_due__isnull=False),
                name="review_council_steps",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.plan.ref}" + (
            f", {govuk_date(self.meeting_on)}" if self.meeting_on else ""
        )

    @property
    def amendment_notice_on(self) -> date | None:
        if self.amendment_version_id and self.amendment_version.status != Status.WORKING:
            return self.amendment_version.served_on
        return self.imported_amendment_notice_on

    def amended_version(self) -> PlanVersion | None:
        if not self.amendment_version_id:
            return None
        if AMENDED_CACHE in self.__dict__:
            return self.__dict__[AMENDED_CACHE]
        return PlanVersion.objects.filter(
            based_on=self.amendment_version, kind=Kind.AMENDED, status=Status.ISSUED
        ).first()

    @property
    def amended_final_on(self) -> date | None:
        amended = self.amended_version()
        return amended.issued_on if amended else self.imported_amended_final_on

    def facts(self) -> rules.ReviewFacts:
        proposed = self.amendment_version if self.amendment_version_id else None
        amended = self.amended_version()
        values = (
            self.meeting_on,
            self.held_on,
            self.decision,
            self.decision_notified_on,
            self.amendment_version_id,
            proposed.status if proposed else None,
            proposed.served_on if proposed else None,
            self.imported_amendment_notice_on,
            self.imported_amended_final_on,
        )
        return facts_from(values, {self.amendment_version_id: amended.issued_on} if amended else {})

    def clock(self, today: date) -> rules.ReviewClock:
        return rules.clock(self.facts(), today)

    @property
    def is_open(self) -> bool:
        return self.decision_notified_on is None


# A review's columns as facts_from() reads them, for counting many reviews as plain values.
FACT_COLUMNS = (
    "meeting_on",
    "held_on",
    "decision",
    "decision_notified_on",
    "amendment_version_id",
    "amendment_version__status",
    "amendment_version__served_on",
    "imported_amendment_notice_on",
    "imported_amended_final_on",
)


def facts_from(values: tuple, amended_on: dict) -> rules.ReviewFacts:
    """A review's facts from its FACT_COLUMNS: the amendment's dates come from the plan versions
    when it was written in Tellonce (`amended_on` maps a proposed amendment to the day its
    amended plan was issued, see amended_issued_on), else from the dates imported with it."""
    meeting, held, decision, notified, proposed, status, served, imported_notice, imported_final = values
    return rules.ReviewFacts(
        meeting=held or meeting,
        decision=rules.Decision(decision) if decision else None,
        decision_notified=notified,
        amendment_notice=served if proposed and status != Status.WORKING else imported_notice,
        amended_final_issued=amended_on[proposed] if proposed in amended_on else imported_final,
    )


def _amended(proposed_ids):
    """The issued amended plan of each proposed amendment, the first by number (as .first())."""
    found = {}
    for version in PlanVersion.objects.filter(
        based_on_id__in=proposed_ids, kind=Kind.AMENDED, status=Status.ISSUED
    ).order_by("-number"):
        found[version.based_on_id] = version
    return found


def amended_issued_on(proposed_ids) -> dict:
    """The day each proposed amendment's amended plan was issued; `proposed_ids` may be a subquery.
    The same versions as _amended, read as plain values."""
    found = {}
    for proposed, issued in (
        PlanVersion.objects.filter(based_on_id__in=proposed_ids, kind=Kind.AMENDED, status=Status.ISSUED)
        .order_by("-number")
        .values_list("based_on_id", "issued_on")
    ):
        found[proposed] = issued
    return found


def sen2_review_facts(reviews) -> dict:
    """Each plan's reviews among the QuerySet `reviews` as the SEN2 return reads them
    (domain.sen2.scope.ReviewFacts), in the order they were recorded, in two queries: what the
    return reports and the dashboard's review measure counts (reviews.measures has it in SQL). A
    phase-transfer review carries the child's national curriculum year at its meeting."""
    columns = ("pk", "plan_id", "kind", "plan__child__date_of_birth", "plan__child__nc_year_override")
    rows = list(reviews.order_by("created_at", "pk").values_list(*columns, *FACT_COLUMNS))
    proposed = len(columns) + FACT_COLUMNS.index("amendment_version_id")
    amended = amended_issued_on([row[proposed] for row in rows if row[proposed]])
    found: dict = defaultdict(tuple)
    for pk, plan_id, kind, born, override, *values in rows:
        facts = facts_from(tuple(values), amended)
        year = None
        if kind == ReviewKind.PHASE_TRANSFER and facts.meeting:
            year = override if override is not None else national_curriculum_year(born, facts.meeting).value
        found[plan_id] += (
            sen2_scope.ReviewFacts(
                facts.meeting,
                facts.decision,
                facts.decision_notified,
                facts.amendment_notice,
                source=str(pk),
                phase_transfer_year=year,
                amended_final=facts.amended_final_issued,
            ),
        )
    return found


def load_amended_versions(reviews) -> list[AnnualReview]:
    """`reviews` as a list, each with the amended plan its proposed amendments led to read in one
    query for all of them, so `facts()` over many reviews asks the database nothing more."""
    reviews = list(reviews)
    amended = _amended({r.amendment_version_id for r in reviews if r.amendment_version_id})
    for review in reviews:
        review.__dict__[AMENDED_CACHE] = amended.get(review.amendment_version_id)
    return reviews


class Agency(models.TextChoices):
    EDUCATION = "education", "Education"
    HEALTH = "health", "Health"
    SOCIAL_CARE = "social_care", "Social care"
    FAMILY = "family", "Family"
    CHILD = "child", "The child or young person"
    COUNCIL = "council", "SEND team"
    OTHER = "other", "Other"


class ReviewAttendance(CouncilOwned, models.Model):
    """Who was invited from each agency, whether they came, and whether they sent advice instead."""

    council_from = "review"

    review = models.ForeignKey(AnnualReview, on_delete=models.CASCADE, related_name="attendance")
    agency = models.CharField(max_length=20, choices=Agency.choices)
    name = models.CharField(max_length=120)
    role = models.CharField(max_length=120, blank=True)
    attended = models.BooleanField(default=False)
    sent_advice = models.BooleanField(default=False)

    class Meta:
        ordering = ["agency", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_agency_display()})"


class Progress(models.TextChoices):
    ACHIEVED = "achieved", "Achieved"
    ON_TRACK = "on_track", "On track"
    SOME = "some", "Some progress"
    NONE = "none", "No progress yet"
    NO_LONGER = "no_longer", "No longer relevant"


class OutcomeProgress(CouncilOwned, models.Model):
    council_from = "review"
    review = models.ForeignKey(AnnualReview, on_delete=models.CASCADE, related_name="progress")
    outcome_key = models.CharField(max_length=40)
    outcome_text = models.TextField()
    progress = models.CharField(max_length=12, choices=Progress.choices)
    evidence = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "outcome_key"], name="one_progress_per_outcome")
        ]

    def __str__(self) -> str:
        return f"{self.outcome_text[:40]}: {self.get_progress_display()}"


class Ceasing(CouncilOwned, BaseModel):
    """A decision to stop maintaining a plan: considered with the family and the setting, then
    decided and notified with appeal rights; the plan stays in force during an appeal (s45(4))."""

    council_from = "plan"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="ceasings")
    reason = models.CharField(
        max_length=2,
        choices=[(r.value, ceasing_rules.CEASE_REASON_LABELS[r]) for r in ceasing_rules.CeaseReason],
    )
    considered_on = models.DateField("the family was told it is being considered on")
    setting_consulted_on = models.DateField(null=True, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    notice_sent_on = models.DateField(null=True, blank=True)
    ceases_on = models.DateField("the plan is to cease on", null=True, blank=True)
    appeal_lodged_on = models.DateField(null=True, blank=True)
    appeal_decided_on = models.DateField(null=True, blank=True)
    appeal_upheld = models.BooleanField(
        null=True, blank=True, help_text="The Tribunal ordered the plan to continue"
    )
    mediation_certificate_on = models.DateField(
        "the mediation certificate was issued on",
        null=True,
        blank=True,
        help_text="A later certificate gives a month from it to appeal",
    )
    withdrawn_on = models.DateField("decided not to cease on", null=True, blank=True)
    notes = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-considered_on"]

    def __str__(self) -> str:
        return f"Ceasing {self.plan.ref}: {self.get_reason_display()}"

    def facts(self) -> ceasing_rules.CeasingFacts:
        return ceasing_rules.CeasingFacts(
            notice_sent=self.notice_sent_on,
            ceases_on=self.ceases_on,
            appeal_lodged=self.appeal_lodged_on,
            appeal_decided=self.appeal_decided_on,
            appeal_upheld=self.appeal_upheld,
            mediation_certificate_on=self.mediation_certificate_on,
        )


class Direction(models.TextChoices):
    IN = "in", "Moved into the area"
    OUT = "out", "Moved out of the area"


class PlanMove(CouncilOwned, BaseModel):
    """A move between councils with the plan (reg. 15)."""

    council_from = "plan"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="moves")
    direction = models.CharField(max_length=3, choices=Direction.choices)
    other_council = models.CharField(max_length=120)
    other_code = models.CharField("the other council's code", max_length=3, blank=True)
    moves_on = models.DateField("date of the move")
    known_on = models.DateField("the council became aware of the move on")
    transferred_on = models.DateField("the plan was transferred on", null=True, blank=True)
    family_told_on = models.DateField(null=True, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-moves_on"]

    def __str__(self) -> str:
        return f"{self.get_direction_display()}: {self.other_council} on {govuk_date(self.moves_on)}"
