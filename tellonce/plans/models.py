"""EHC plans: the plan, its versions (draft, final, proposed amendments, amended), each section's
content as structured JSON with its own version for optimistic locking, the family's comments
and the coordinator's answers, acknowledged findings, and which findings block issuing a plan."""

from datetime import date

from django.conf import settings
from django.db import models, transaction
from django.db.models import Exists, F, OuterRef, Q, Subquery

from tellonce.accounts.policy import Capability, Scope, scope
from tellonce.core.council_key import CouncilOwned
from tellonce.core.models import BaseModel
from tellonce.domain import codes, plan_content, plan_quality, timescales
from tellonce.domain.ceasing import CEASE_REASON_LABELS, CeaseReason
from tellonce.domain.plan_content import Section
from tellonce.people.models import Child
from tellonce.people.querysets import by_own_key, own_council

SECTION_CHOICES = [(s.value, f"Section {s.value}: {plan_content.SECTION_TITLES[s]}") for s in Section]


class Kind(models.TextChoices):
    DRAFT = "draft", "Draft plan"
    FINAL = "final", "Final plan"
    PROPOSED_AMENDMENT = "proposed_amendment", "Proposed amendments"
    AMENDED = "amended", "Amended plan"


class Status(models.TextChoices):
    WORKING = "working", "Being written"
    SERVED = "served", "Sent to the family for comments"
    ISSUED = "issued", "Issued"


SERVED_KINDS = (Kind.DRAFT, Kind.PROPOSED_AMENDMENT)
ISSUED_KINDS = (Kind.FINAL, Kind.AMENDED)
SHARED = (Status.SERVED, Status.ISSUED)
# Inside the council every version is seen; outside it, only versions sent or issued.
SEES_WORKING_VERSIONS = (Scope.COUNCIL, Scope.CASELOAD)


class PlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Whoever may see the child sees the plan; the family, the setting and professionals only once
        a version has been shared with them (`PlanVersion.objects.visible_to` says which)."""
        return self.within_scope(user, Capability.VIEW_PLAN)

    def editable_by(self, user):
        return self.within_scope(user, Capability.EDIT_PLAN)

    def within_scope(self, user, capability: Capability):
        reach = scope(user, capability)
        plans = self.filter(Child.objects.reached_through("child", user, reach), **own_council(user, reach))
        if reach not in SEES_WORKING_VERSIONS:
            shared = PlanVersion.objects.filter(plan=OuterRef("pk"), status__in=SHARED)
            plans = plans.filter(Exists(shared))
        return plans

    def within_scope_by_key(self, user, capability: Capability):
        """The same plans as `within_scope`, written for the council's own staff on the plan's own
        council key alone (with the child's coordinator for a caseload, `by_own_key`, ADR 97 and
        98). For a list that counts, sorts and pages on the plan's own columns and reads the
        children of the rows it shows only (the review schedule, the attention list, the adulthood
        lists of ADR 105): it then reads the council's plans with no join to the children. A list
        that filters or sorts on the children's columns for every row keeps `within_scope`, whose
        condition on the child's council lets PostgreSQL read that council's children rather than
        every council's by their dates of birth."""
        own = by_own_key(user, scope(user, capability), "child")
        return self.filter(own) if own is not None else self.within_scope(user, capability)

    def not_ceased_by(self, today: date):
        """The plans that have not ceased by `today` (not ceased, or ceasing on it or later)."""
        return self.filter(Q(ceased_on__isnull=True) | Q(ceased_on__gte=today))

    def reached_through(self, relation: str, user, capability: Capability) -> Q:
        """A condition on a record that points at its plan through `relation` (a review's `plan`):
        the plan is among `within_scope(user, capability)`. For the council's own staff it is
        within_scope's own conditions written through the joins to the plan and its child, so a
        list of such records is read from the council's rows, in the list's order (ADR 88); for
        anyone else, `relation IN (the plans in scope)`."""
        reach = scope(user, capability)
        if reach in SEES_WORKING_VERSIONS:
            key = {f"{relation}__{name}": value for name, value in own_council(user, reach).items()}
            return Child.objects.reached_through(f"{relation}__child", user, reach) & Q(**key)
        return Q(**{f"{relation}__in": self.within_scope(user, capability)})


class Plan(CouncilOwned, BaseModel):
    council_from = "child"
    ref = models.CharField("reference", max_length=40, unique=True)
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="plans")
    assessment = models.ForeignKey(
        "assessments.AssessmentRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plans",
    )
    named_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plans_named",
        help_text="The council officer the family can contact about the plan",
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plans_coordinated",
        verbose_name="EHC coordinator responsible",
    )
    ceased_on = models.DateField(null=True, blank=True)
    cease_reason = models.CharField(
        "why the plan ceased",
        max_length=1,
        choices=[(r.value, CEASE_REASON_LABELS[r]) for r in CeaseReason],
        blank=True,
        help_text="SEN2 item 4.6; kept with the cease date by the ceasing services and imports",
    )
    # What the SEN2 return says of the plan as made (items 4.2 to 4.4); written plans may leave
    # these blank and the return reads section J of the plan in force instead.
    residential = models.CharField(
        "residential placement", max_length=1, choices=codes.RESIDENTIAL.choices(), blank=True
    )
    work_based = models.CharField(
        "work-based learning", max_length=1, choices=codes.WORK_BASED.choices(), blank=True
    )
    personal_budget = models.BooleanField("a personal budget has been taken up", null=True, blank=True)
    organised_arrangements = models.BooleanField("organised arrangements are in place", null=True, blank=True)
    direct_payments = models.CharField(
        "direct payments cover", max_length=1, choices=codes.DIRECT_PAYMENT.choices(), blank=True
    )

    # What the list pages filter and sort on, kept by tellonce.reviews.stored whenever a version,
    # review, move, ceasing or the child changes (in the same transaction), and rebuilt by
    # `tellonce rebuild-plan-schedule` (ADR 0076). The domain rules stay the reference.
    in_force_version = models.ForeignKey(
        "PlanVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The latest issued version (whether or not the plan has since ceased)",
    )
    review_due = models.DateField(
        "next review due", null=True, blank=True, help_text="12 months from the plan or the last decision"
    )
    review_due_under_five = models.DateField(
        "next review due while under five",
        null=True,
        blank=True,
        help_text="The same, with the council's months for under-fives",
    )
    fifth_birthday = models.DateField(
        null=True,
        blank=True,
        help_text="The child's fifth birthday: until then the under-fives' months apply (a page reads "
        "which due date applies from the plan's own row, ADR 98)",
    )
    transfer = models.CharField("phase transfer", max_length=24, blank=True, default="", db_default="")
    transfer_before = models.DateField("phase transfer: review and amend before", null=True, blank=True)
    schedule_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The academic year (its first calendar year) the transfer is for"
    )
    review_in_progress = models.BooleanField(default=False, db_default=False)
    # What the attention and adulthood pages filter on, kept the same way (ADR 0077): the facts
    # domain.ceasing.needs_attention reads, the two dates it compares with today, and what the
    # adulthood lists read from the plan in force and the latest review.
    first_issued_on = models.DateField(null=True, blank=True)
    last_review_decided = models.DateField(null=True, blank=True)
    left_education_on = models.DateField(
        null=True, blank=True, help_text="From the latest decided review, when it records leaving education"
    )
    return_planned = models.BooleanField(default=False, db_default=False)
    moved_away_on = models.DateField(null=True, blank=True)
    age_limit = models.DateField(null=True, blank=True, help_text="The last day the plan may run for age")
    no_review_after = models.DateField(
        null=True, blank=True, help_text="After this day the plan has gone too long without a review"
    )
    social_care_needs = models.BooleanField(default=False, db_default=False)
    social_care_provision = models.BooleanField(default=False, db_default=False)
    destination = models.CharField(max_length=200, blank=True, default="", db_default="")
    has_setting = models.BooleanField(
        default=True,
        db_default=True,
        help_text="The child has a school, college or other setting recorded (the attention list reads "
        "it from the plan's own row, ADR 100)",
    )
    # What the adulthood lists filter and sort on, kept the same way (ADR 105): the child's date of
    # birth, their year group this academic year and the domain's answer, not the child's record.
    born_on = models.DateField(
        "child's date of birth",
        null=True,
        blank=True,
        help_text="The adult social care list filters and sorts on it from the plan's own row (ADR 105)",
    )
    nc_year = models.SmallIntegerField(
        "national curriculum year",
        null=True,
        blank=True,
        help_text="The child's year group in the academic year of schedule_year, for a plan in force (the "
        "transitions list reads it, ADR 105)",
    )
    adult_care_likely = models.BooleanField(
        default=False,
        db_default=False,
        help_text="Aged 14 to 17, the young person would be likely to need adult social care "
        "(domain.adulthood), from the plan in force and the child's record (ADR 105)",
    )

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["review_due"], name="plan_review_due"),
            models.Index(fields=["transfer_before", "review_due"], name="plan_transfer_before"),
            # A council's plans whose kept values are of another academic year (ADR 88)
            models.Index(fields=["local_authority", "schedule_year"], name="plan_council_schedule_year"),
            # The adulthood lists: those likely to need adult care by age, and Years 11 and 13 (ADR 105)
            models.Index(
                fields=["local_authority", "born_on"],
                name="plan_council_adult_care",
                condition=models.Q(adult_care_likely=True),
            ),
            models.Index(fields=["local_authority", "nc_year"], name="plan_council_nc_year"),
        ]
        constraints = [
            # One plan per child at a time: a plan being written or in force, until it ceases.
            models.UniqueConstraint(
                fields=["child"],
                condition=models.Q(ceased_on__isnull=True),
                name="one_plan_in_force_per_child",
                violation_error_message="This child already has an EHC plan that has not ceased.",
            )
        ]

    def __str__(self) -> str:
        return f"EHC plan {self.ref}"

    def latest_version(self) -> "PlanVersion | None":
        return self.versions.order_by("-number").first()

    def in_force(self) -> "PlanVersion | None":
        """The last issued final or amended plan."""
        return self.versions.filter(status=Status.ISSUED).order_by("-number").first()


class PlacementQuerySet(models.QuerySet):
    def named(self):
        return self.filter(named=True)

    def attended(self):
        return self.filter(named=False)

    def during(self, first: date, last: date):
        """Attended placements overlapping the days from `first` to `last`."""
        return self.attended().filter(
            models.Q(entry_on__lte=last) | models.Q(entry_on__isnull=True),
            models.Q(leaving_on__gte=first) | models.Q(leaving_on__isnull=True),
        )


class Placement(CouncilOwned, BaseModel):
    """A setting named in section I of the plan (`named`), or one the child or young person has
    actually attended while the plan was in force, with its dates: SEN2 items 4.7 and 5.7.
    Exactly one of a URN, a UKPRN or an SEN2 setting code says where."""

    council_from = "plan"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="placements")
    named = models.BooleanField(help_text="Named in the plan, rather than attended")
    setting = models.ForeignKey(
        "organisations.Setting", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    urn = models.CharField("URN", max_length=6, blank=True)
    ukprn = models.CharField("UKPRN", max_length=8, blank=True)
    sen_setting = models.CharField(
        "type of setting (no URN or UKPRN)", max_length=4, choices=codes.SEN_SETTING.choices(), blank=True
    )
    sen_setting_other = models.CharField("the other setting, in words", max_length=200, blank=True)
    rank = models.CharField(
        "placement rank", max_length=1, choices=codes.PLACEMENT_RANK.choices(), default="1"
    )
    entry_on = models.DateField("started on", null=True, blank=True)
    leaving_on = models.DateField("left on", null=True, blank=True)
    sen_unit = models.BooleanField("in an SEN unit", default=False)
    resourced_provision = models.BooleanField("in resourced provision", default=False)
    residential = models.CharField(
        "residential placement", max_length=1, choices=codes.RESIDENTIAL.choices(), blank=True
    )
    work_based = models.CharField(
        "work-based learning", max_length=1, choices=codes.WORK_BASED.choices(), blank=True
    )

    objects = PlacementQuerySet.as_manager()

    class Meta:
        ordering = ["-named", "rank", "entry_on"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(urn="", ukprn="", sen_setting__gt="")
                    | models.Q(urn="", ukprn__gt="", sen_setting="")
                    | models.Q(urn__gt="", ukprn="", sen_setting="")
                ),
                name="placement_says_where_once",
                violation_error_message="Give exactly one of a URN, a UKPRN or a type of setting.",
            ),
            models.CheckConstraint(
                condition=models.Q(leaving_on__isnull=True)
                | models.Q(entry_on__isnull=True)
                | models.Q(leaving_on__gte=models.F("entry_on")),
                name="placement_leaves_after_entry",
                violation_error_message="The day they left must be on or after the day they started.",
            ),
        ]

    def __str__(self) -> str:
        where = self.urn and f"URN {self.urn}" or self.ukprn and f"UKPRN {self.ukprn}" or self.sen_setting
        return f"{'Named' if self.named else 'Attended'} placement {where} ({self.plan.ref})"


class PlanVersionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Council staff see every version; the family, the child's setting and the professionals
        working with the child see versions once they are sent or issued, never one being written."""
        return self.within_scope(user, Capability.VIEW_PLAN)

    def editable_by(self, user):
        return self.within_scope(user, Capability.EDIT_PLAN)

    def within_scope(self, user, capability: Capability):
        """For the council's own staff (who see every version, working ones too) the version's own
        council key, with the child's coordinator for a caseload (`by_own_key`, ADR 97); for anyone
        else the versions of the plans they reach that have been shared."""
        reach = scope(user, capability)
        own = by_own_key(user, reach, "plan__child")
        if own is not None:
            return self.filter(own)
        return self.filter(plan__in=Plan.objects.within_scope(user, capability), status__in=SHARED)

    def in_force_within_scope(self, user, capability: Capability, today: date):
        """The version each plan within `Plan.within_scope(user, capability)` keeps in force, unless
        the plan has ceased by `today`: the same versions as `within_scope(...).in_force(today)`
        (a version in force is issued, so shared, and carries its plan's council), read as one
        subquery over the plans. PostgreSQL then reads the council's plans once and each version by
        its key; with the scope on both the versions and their plans it underestimated one
        council's rows among many councils' and looked up every version of the council's plans
        (55 ms at 640,000 children, 19 ms at 20,000). For the council's own staff the versions are
        also read by their own council key (ADR 80's narrowing, `own_council`), so PostgreSQL reads
        the council's versions rather than every council's by their keys one at a time (ADR 94);
        and their plans by the plans' own key alone, with no join to the children (`by_own_key`,
        ADR 97)."""
        reach = scope(user, capability)
        own = by_own_key(user, reach, "child")
        plans = Plan.objects.filter(own) if own is not None else Plan.objects.within_scope(user, capability)
        return self.filter(
            pk__in=plans.not_ceased_by(today).values("in_force_version_id"), **own_council(user, reach)
        )

    def in_force(self, today: date | None = None):
        """The latest issued version of each plan that has not ceased (by `today`, if given): the
        version each plan keeps as in force (Plan.in_force_version), a join rather than a
        correlated subquery."""
        not_ceased = Q(plan__ceased_on__isnull=True)
        if today is not None:
            not_ceased |= Q(plan__ceased_on__gte=today)
        return self.filter(not_ceased, pk=F("plan__in_force_version_id"))

    def latest_issued(self):
        """The latest issued version of each plan, worked out afresh (what in_force_version keeps)."""
        latest = (
            PlanVersion.objects.filter(plan=OuterRef("plan"), status=Status.ISSUED)
            .order_by("-number")
            .values("number")[:1]
        )
        return self.filter(status=Status.ISSUED, number=Subquery(latest))


class PlanVersion(CouncilOwned, BaseModel):
    council_from = "plan"
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WORKING)
    based_on = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    served_on = models.DateField("sent to the family on", null=True, blank=True)
    issued_on = models.DateField(null=True, blank=True)
    family_finished_on = models.DateField(
        null=True, blank=True, help_text="The day the family said they had no more comments"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source = models.CharField(
        max_length=12,
        choices=[
            ("tellonce", "Written in Tellonce"),
            ("imported", "Imported from another system"),
            ("transferred", "Transferred from another council"),
        ],
        default="tellonce",
        help_text="Versions from elsewhere hold only their dates, so the checks do not read them",
    )
    finding_codes = models.JSONField(
        default=list, blank=True, help_text="The codes the checks last found, for the area's quality overview"
    )
    findings_checked_on = models.DateField(null=True, blank=True)

    objects = PlanVersionQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="one_number_per_plan_version"),
            models.UniqueConstraint(
                fields=["plan"], condition=Q(status="working"), name="one_version_being_written"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan.ref} version {self.number} ({self.get_kind_display().lower()})"

    @property
    def label(self) -> str:
        return f"Version {self.number}: {self.get_kind_display().lower()}"

    @property
    def is_final(self) -> bool:
        return self.kind in ISSUED_KINDS

    @property
    def dated(self) -> date | None:
        return self.issued_on or self.served_on

    def comments_until(self) -> date | None:
        """The last day the family can comment: 15 days, the day it was sent being day 1
        (reg. 13(1)(a) for a draft; reg. 22(2)(c) for proposed amendments)."""
        if self.served_on is None:
            return None
        return timescales.draft_response_ends(self.served_on).due

    def accepts_comments_on(self, today: date) -> bool:
        until = self.comments_until()
        return (
            self.status == Status.SERVED
            and until is not None
            and self.served_on <= today <= until
            and self.family_finished_on is None
        )

    def section_data(self) -> dict[str, dict]:
        return {s.code: s.data for s in self.sections.all()}

    def content(self) -> plan_content.PlanContent:
        return plan_content.from_data(self.section_data())

    def context(self, today: date) -> plan_quality.PlanContext:
        child = self.plan.child
        on = self.dated or today
        nc_year = child.nc_year_on(on).value
        return plan_quality.PlanContext(
            on=on,
            nc_year=nc_year,
            age=child.age_on(on),
            final=self.kind != Kind.DRAFT,
            first_language=child.first_language,
            looked_after=child.looked_after,
            child_in_need=child.child_in_need,
            child_protection=child.child_protection,
            has_named_officer=self.plan.named_officer_id is not None,
            transfer_year=child.transfer_after(nc_year) is not None,
            max_advice_age_months=settings.TELLONCE_ADVICE_MAX_AGE_MONTHS,
        )

    def findings(
        self, today: date, content: plan_content.PlanContent | None = None
    ) -> list[plan_quality.Finding]:
        return plan_quality.check(content or self.content(), self.context(today))

    def note_findings(self, today: date, content: plan_content.PlanContent | None = None) -> None:
        """Set the codes found today (unsaved), for the area's quality overview. A version that came
        from elsewhere with only its dates is not checked."""
        if self.source != "tellonce":
            return
        self.finding_codes = sorted({f.code.value for f in self.findings(today, content)})
        self.findings_checked_on = today

    def record_findings(self, today: date, content: plan_content.PlanContent | None = None) -> None:
        """Keep the codes found today on the row, and one `VersionFinding` row a code, so the
        quality overview need not read every plan. Both in one transaction (the service's own)."""
        self.note_findings(today, content)
        with transaction.atomic(savepoint=False):
            PlanVersion.objects.filter(pk=self.pk).update(
                finding_codes=self.finding_codes, findings_checked_on=today
            )
            VersionFinding.objects.keep([self])


class VersionFindingQuerySet(models.QuerySet):
    def keep(self, versions, *, new: bool = False) -> int:
        """Make the rows of each of `versions` its `finding_codes` (as held on the objects given):
        the old rows deleted (unless the versions are `new`, so have none), one query for 900
        versions, and one row a code written, 900 rows an insert. Returns the rows written."""
        versions = list(versions)
        written = 0
        for start in range(0, len(versions), KEEP_CHUNK):
            chunk = versions[start : start + KEEP_CHUNK]
            if not new:
                self.filter(plan_version_id__in=[v.pk for v in chunk]).delete()
            rows = [
                VersionFinding(plan_version_id=v.pk, local_authority_id=v.local_authority_id, code=code)
                for v in chunk
                for code in sorted(set(v.finding_codes or ()))
            ]
            written += len(self.bulk_create(rows, batch_size=KEEP_CHUNK))
        return written

    def differing(self, versions) -> list:
        """Those of `versions` whose rows are not their `finding_codes`, in one query a thousand."""
        versions = list(versions)
        wrong = []
        for start in range(0, len(versions), KEEP_CHUNK):
            chunk = versions[start : start + KEEP_CHUNK]
            held: dict = {v.pk: set() for v in chunk}
            for version_id, code in self.filter(plan_version_id__in=list(held)).values_list(
                "plan_version_id", "code"
            ):
                held[version_id].add(code)
            wrong += [v for v in chunk if held[v.pk] != set(v.finding_codes or ())]
        return wrong


KEEP_CHUNK = 900  # under SQLite's limit on a statement's parameters


class VersionFinding(CouncilOwned, models.Model):
    """One code the checks last found on a version: `PlanVersion.finding_codes` as rows the
    database can count and join (ADR 83), written with the list by `record_findings`, the nightly
    `check-plans` and the demo's batch writers, all through `VersionFinding.objects.keep`."""

    council_from = "plan_version"

    # Its own index would repeat the unique constraint's, which leads with it.
    plan_version = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="found", db_index=False
    )
    code = models.CharField(max_length=40)

    objects = VersionFindingQuerySet.as_manager()

    class Meta:
        ordering = ["plan_version", "code"]
        indexes = [models.Index(fields=["local_authority", "code"])]
        constraints = [
            models.UniqueConstraint(fields=["plan_version", "code"], name="one_row_per_version_finding"),
        ]

    def __str__(self) -> str:
        return f"{self.code} on {self.plan_version_id}"


class PlanSection(CouncilOwned, BaseModel):
    """One section of one version. Each has its own `version`, so two people editing different
    sections never conflict, and two editing the same one never overwrite each other."""

    council_from = "plan_version"

    plan_version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="sections")
    code = models.CharField(max_length=2, choices=SECTION_CHOICES)
    data = models.JSONField(default=dict)

    class Meta:
        ordering = ["plan_version", "code"]
        indexes = [models.Index(fields=["local_authority", "code"])]
        constraints = [
            models.UniqueConstraint(fields=["plan_version", "code"], name="one_row_per_section"),
        ]

    def __str__(self) -> str:
        return f"Section {self.code} of {self.plan_version}"


class CommentKind(models.TextChoices):
    COMMENT = "comment", "Comment"
    NAMED_SETTING = "named_setting", "Asked for a school or college to be named"
    MEETING = "meeting", "Asked for a meeting"


class Channel(models.TextChoices):
    """How the family's comment reached the council."""

    ONLINE = "online", "Online, in Tellonce"
    PHONE = "phone", "By phone"
    LETTER = "letter", "By letter"
    EMAIL = "email", "By email"
    MEETING = "meeting", "At a meeting"


class PlanCommentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The family's comments are between the family and the council."""
        return self.filter(
            plan_version__in=PlanVersion.objects.within_scope(user, Capability.READ_PLAN_COMMENTS)
        )


class PlanComment(CouncilOwned, models.Model):
    """What the family said about a version sent to them, section by section, and the answer."""

    council_from = "plan_version"

    plan_version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="comments")
    section = models.CharField(max_length=2, choices=SECTION_CHOICES, blank=True)
    kind = models.CharField(max_length=20, choices=CommentKind.choices, default=CommentKind.COMMENT)
    text = models.TextField()
    setting_name = models.CharField(max_length=160, blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    made_on = models.DateField()
    made_at = models.DateTimeField(auto_now_add=True)
    channel = models.CharField(
        max_length=10,
        choices=Channel.choices,
        default=Channel.ONLINE,
        help_text="Online, or recorded by the council from a call, letter, email or meeting",
    )
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_on = models.DateField(null=True, blank=True)

    objects = PlanCommentQuerySet.as_manager()

    class Meta:
        ordering = ["made_at"]
        indexes = [
            # The comments still to answer, a few among every council's (a coordinator's "My work")
            models.Index(
                fields=["plan_version"], name="plan_comment_unanswered", condition=Q(answered_on__isnull=True)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.plan_version}"


class FindingAcknowledgement(CouncilOwned, models.Model):
    """A coordinator's reason for leaving a finding as it is. It follows the finding's key into
    later versions, so it need not be given twice."""

    council_from = "plan_version"

    plan_version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="acknowledgements")
    key = models.CharField(max_length=120)
    code = models.CharField(max_length=40)
    reason = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    on = models.DateField()

    class Meta:
        ordering = ["on"]
        constraints = [
            models.UniqueConstraint(fields=["plan_version", "key"], name="one_acknowledgement_per_finding")
        ]

    def __str__(self) -> str:
        return f"{self.code} acknowledged on {self.on}"


class BlockingRule(models.Model):
    """A council's choice of whether a check stops a final plan being issued (the default is every
    check that must be put right)."""

    local_authority = models.ForeignKey("organisations.LocalAuthority", on_delete=models.CASCADE)
    code = models.CharField(
        max_length=40, choices=[(c.value, i.title) for c, i in plan_quality.CHECKS.items()]
    )
    blocks_issue = models.BooleanField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["local_authority", "code"], name="one_rule_per_check")]

    def __str__(self) -> str:
        return f"{self.code}: {'blocks' if self.blocks_issue else 'does not block'}"

    @staticmethod
    def codes_for(local_authority_id) -> frozenset[str]:
        chosen = dict(
            BlockingRule.objects.filter(local_authority_id=local_authority_id).values_list(
                "code", "blocks_issue"
            )
        )
        return frozenset(
            code for code in plan_quality.CHECKS if chosen.get(code, code in plan_quality.DEFAULT_BLOCKING)
        )
