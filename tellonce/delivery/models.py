"""Provision delivery (ADR 72): each provision item of a plan in force as a commitment, what the
setting or provider delivered each half-term, the family's reports of provision not received, and
what the coordinator did about it. The council's half-term dates and escalation threshold."""

from django.conf import settings
from django.db import models

from tellonce.accounts.policy import Capability, Scope, scope
from tellonce.core.council_key import CouncilOwned
from tellonce.core.models import BaseModel
from tellonce.domain import delivery as rules
from tellonce.domain.plan_content import PROVISION_SECTIONS, SECTION_TITLES, Period, Section
from tellonce.organisations.councils import council_id
from tellonce.people.models import Child

SECTION_CHOICES = [(s.value, f"Section {s.value}: {SECTION_TITLES[s]}") for s in PROVISION_SECTIONS]
HEALTH_SECTIONS = (Section.G.value,)
KIND_OF_SECTION = {"F": "Education", "G": "Health", "H1": "Social care", "H2": "Social care"}
DEFAULT_ESCALATION_WEEKS = 4


class CommitmentQuerySet(models.QuerySet):
    def within_scope(self, user, capability: Capability):
        """The commitments `capability` reaches: the council's (health's sections for the
        designated clinical officer), a coordinator's caseload, what a school delivers to its own
        pupils, what a practitioner's provider delivers, a family's own child's."""
        reach = scope(user, capability)
        match reach:
            case Scope.COUNCIL:
                return self.filter(local_authority_id=council_id(user))
            case Scope.HEALTH:
                return self.filter(local_authority_id=council_id(user), section__in=HEALTH_SECTIONS)
            case Scope.CASELOAD:
                return self.filter(local_authority_id=council_id(user), child__coordinator=user)
            case Scope.SCHOOL:
                return self.filter(setting_id=user.setting_id, child__setting_id=user.setting_id)
            case Scope.PROVIDER:
                team = user.team
                if team is None or team.provider_id is None:
                    return self.none()
                return self.filter(
                    local_authority_id=team.local_authority_id, team__provider_id=team.provider_id
                )
            case Scope.FAMILY | Scope.SELF:
                return self.filter(child__in=Child.objects.in_scope(user, reach))
        return self.none()

    def current(self):
        return self.filter(ended_on__isnull=True)


class Commitment(BaseModel):
    """One provision item of a plan in force: what, who, how often, how long, who delivers it."""

    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="+"
    )
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="+")
    item_key = models.CharField(max_length=80)
    section = models.CharField(max_length=2, choices=SECTION_CHOICES)
    what = models.TextField()
    who = models.CharField("who delivers it, as the plan says", max_length=200, blank=True)
    setting = models.ForeignKey(
        "organisations.Setting", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    team = models.ForeignKey(
        "organisations.Team", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    frequency_words = models.CharField("how often, as the plan says", max_length=300, blank=True)
    times = models.PositiveSmallIntegerField(null=True, blank=True)
    per = models.CharField(max_length=10, choices=[(p.value, p.value) for p in Period], blank=True)
    minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    weeks = models.PositiveSmallIntegerField(null=True, blank=True)
    block = models.PositiveSmallIntegerField(null=True, blank=True)
    set_by_hand = models.BooleanField(default=False, help_text="The coordinator set how often")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True, help_text="The item left the plan in force")
    # Kept from the records in the transaction that saves one (ADR 72, "Kept on the commitment"):
    # the latest half-term's outcome and reason, and the first half-term of the run of half-terms
    # not delivered at all that the latest ends (none when the latest was delivered, even in part).
    latest_outcome = models.CharField(max_length=16, blank=True, db_default="", default="")
    latest_reason = models.CharField(max_length=16, blank=True, db_default="", default="")
    waiting_since = models.DateField(null=True, blank=True)
    # ...and the school year of the latest record with that year's totals, so the board's shares
    # for this school year are one aggregate over commitments rather than over records.
    counted_year = models.PositiveSmallIntegerField(null=True, blank=True)
    year_expected = models.PositiveIntegerField(db_default=0, default=0)
    year_delivered = models.PositiveIntegerField(db_default=0, default=0)
    year_records = models.PositiveIntegerField(db_default=0, default=0)
    year_in_full = models.PositiveIntegerField(db_default=0, default=0)
    # Kept when a record, a family's report or a follow-up of the commitment is written (ADR 96,
    # delivery.kept): the weeks missed in half-terms that ended since the coordinator last acted,
    # and whether the family reported provision not received since then.
    missed_weeks_since_action = models.FloatField(db_default=0.0, default=0.0)
    reported_since_action = models.BooleanField(db_default=False, default=False)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["section", "what"]
        constraints = [models.UniqueConstraint(fields=["plan", "item_key"], name="one_commitment_per_item")]
        indexes = [
            models.Index(fields=["local_authority", "section"]),
            # "Waiting longest": the council's current commitments still waiting, in one indexed sort.
            models.Index(
                fields=["local_authority", "waiting_since", "id"],
                condition=models.Q(waiting_since__isnull=False, ended_on__isnull=True),
                name="delivery_waiting_longest",
            ),
            # "Provision not delivered": the current commitments needing the coordinator, by child.
            models.Index(
                fields=["child"],
                condition=models.Q(ended_on__isnull=True)
                & (models.Q(missed_weeks_since_action__gt=0) | models.Q(reported_since_action=True)),
                name="delivery_needing_follow_up",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.what} (section {self.section})"

    @property
    def kind(self) -> str:
        return KIND_OF_SECTION.get(self.section, "")

    @property
    def rule(self) -> rules.Rule | None:
        try:
            return rules.Rule(
                times=self.times,
                per=Period(self.per) if self.per else None,
                minutes=self.minutes,
                weeks=self.weeks,
                block=self.block,
            )
        except ValueError:
            return None

    @property
    def provider_name(self) -> str:
        if self.setting_id:
            return self.setting.name
        if self.team_id:
            return self.team.name
        return "No provider named"


class MadeFrom(models.Model):
    """Which issued version of a plan its commitments were last made from, and whether the plan had
    ceased: the nightly job brings up to date only the plans whose version in force (or ceasing)
    has changed since (Plan.in_force_version against `version`)."""

    plan = models.OneToOneField("plans.Plan", on_delete=models.CASCADE, primary_key=True, related_name="+")
    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.CASCADE, related_name="+"
    )
    version = models.ForeignKey(
        "plans.PlanVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ceased_on = models.DateField(null=True, blank=True)
    made_on = models.DateField()

    def __str__(self) -> str:
        return f"Commitments made on {self.made_on}"


class ThroughCommitmentQuerySet(models.QuerySet):
    def within_scope(self, user, capability: Capability):
        """Rows of the commitments `capability` reaches for this user."""
        return self.filter(commitment__in=Commitment.objects.within_scope(user, capability))


class DeliveryRecord(CouncilOwned, BaseModel):
    """What was delivered of one commitment in one half-term, as the setting or provider says."""

    council_from = "commitment"

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="records")
    half_term_starts_on = models.DateField()
    half_term_ends_on = models.DateField()
    half_term_label = models.CharField(max_length=40)
    expected = models.PositiveSmallIntegerField(help_text="Sessions expected in the half-term")
    school_weeks = models.PositiveSmallIntegerField()
    outcome = models.CharField(
        max_length=16, choices=[(o.value, rules.OUTCOME_LABELS[o]) for o in rules.Outcome]
    )
    delivered = models.PositiveSmallIntegerField(help_text="Sessions delivered")
    reason = models.CharField(
        max_length=16, choices=[(r.value, rules.REASON_LABELS[r]) for r in rules.Reason], blank=True
    )
    reason_text = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_on = models.DateField()

    objects = ThroughCommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["commitment", "half_term_starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "half_term_starts_on"], name="one_delivery_record_per_half_term"
            ),
            models.CheckConstraint(
                condition=models.Q(delivered__lte=models.F("expected")),
                name="delivered_at_most_expected",
            ),
        ]
        indexes = [models.Index(fields=["half_term_starts_on", "outcome"])]

    def __str__(self) -> str:
        return f"{self.commitment}: {self.half_term_label} {self.outcome}"

    @property
    def missed_weeks(self):
        return rules.missed_weeks(self.expected, self.delivered, self.school_weeks)


class FamilyReport(CouncilOwned, models.Model):
    """The family says provision in the plan was not received."""

    council_from = "commitment"

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="family_reports")
    half_term_label = models.CharField(max_length=40, blank=True)
    sessions_missed = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField()
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reported_on = models.DateField()
    reported_at = models.DateTimeField(auto_now_add=True)

    objects = ThroughCommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["-reported_at"]

    def __str__(self) -> str:
        return f"Reported not received on {self.reported_on}"


class FollowUp(CouncilOwned, models.Model):
    """What the coordinator did about provision not delivered."""

    council_from = "commitment"

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="follow_ups")
    action = models.CharField(
        max_length=16, choices=[(a.value, rules.ACTION_LABELS[a]) for a in rules.Action]
    )
    text = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    on = models.DateField()
    made_at = models.DateTimeField(auto_now_add=True)

    objects = ThroughCommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["-made_at"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} on {self.on}"


class DeliveryRules(models.Model):
    """A council's escalation threshold: weeks of provision missed before the coordinator is asked."""

    local_authority = models.OneToOneField(
        "organisations.LocalAuthority", on_delete=models.CASCADE, related_name="+"
    )
    escalate_after_weeks = models.PositiveSmallIntegerField(default=DEFAULT_ESCALATION_WEEKS)

    def __str__(self) -> str:
        return f"Escalate after {self.escalate_after_weeks} weeks"

    @staticmethod
    def weeks_for(local_authority_id) -> int:
        found = (
            DeliveryRules.objects.filter(local_authority_id=local_authority_id)
            .values_list("escalate_after_weeks", flat=True)
            .first()
        )
        return found or DEFAULT_ESCALATION_WEEKS


class HalfTermDate(models.Model):
    """A council's own half-term dates for a school year; without them, the England pattern."""

    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.CASCADE, related_name="+"
    )
    school_year = models.PositiveSmallIntegerField()
    number = models.PositiveSmallIntegerField(choices=[(n, str(n)) for n in range(1, 7)])
    starts_on = models.DateField()
    ends_on = models.DateField()
    version = models.PositiveIntegerField(
        default=1, help_text="The year's dates as last saved, for edit conflicts"
    )

    class Meta:
        ordering = ["starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["local_authority", "school_year", "number"], name="one_date_per_half_term"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="half_term_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school_year} half-term {self.number}"

    def as_value(self) -> rules.HalfTerm:
        return rules.HalfTerm(self.starts_on, self.ends_on, self.school_year, self.number)


def own_half_terms(local_authority_id, school_year: int) -> list[HalfTermDate]:
    """The council's own half-term dates for one school year (none, or all six)."""
    return list(HalfTermDate.objects.filter(local_authority_id=local_authority_id, school_year=school_year))


def half_terms_for(local_authority_id, school_years: range) -> tuple[rules.HalfTerm, ...]:
    """The council's half-terms for these school years: its own where set, else England's."""
    own: dict[int, list[rules.HalfTerm]] = {}
    for row in HalfTermDate.objects.filter(
        local_authority_id=local_authority_id, school_year__in=school_years
    ):
        own.setdefault(row.school_year, []).append(row.as_value())
    found: list[rules.HalfTerm] = []
    for year in school_years:
        found += own[year] if len(own.get(year, ())) == 6 else rules.england_half_terms(year)
    return tuple(sorted(found))
