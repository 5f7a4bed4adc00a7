"""The council's termly extracts (attendance, suspensions and exclusions, part-time timetables,
moves off roll, alternative provision and education otherwise than at school, children missing
education), a row per pupil each carrying the pupil's UPN, school and SEN status, matched to a child
where one has that UPN; what the SEND team did about a child; and the council's threshold for time
out of school (ADR 75, docs/inclusion-import.md)."""

from django.conf import settings
from django.db import models

from tellonce.accounts.policy import Capability, Scope, scope
from tellonce.core.council_key import CouncilOwned
from tellonce.core.models import BaseModel
from tellonce.domain import inclusion as rules
from tellonce.organisations.councils import CouncilQuerySet, council_id
from tellonce.people.models import Child

SEN_STATUS = [(s.value, label) for s, label in rules.SEN_STATUS_LABELS.items()]
EPISODE_KINDS = [(k.value, label) for k, label in rules.EPISODE_LABELS.items()]


class ExtractKind(models.TextChoices):
    ATTENDANCE = "attendance", "Attendance"
    EXCLUSIONS = "exclusions", "Suspensions and permanent exclusions"
    PART_TIME = "part_time", "Part-time timetables"
    OFF_ROLL = "off_roll", "Moves off roll at unusual times"
    ALTERNATIVE_PROVISION = "alternative_provision", "Alternative provision and EOTAS"
    MISSING_EDUCATION = "missing_education", "Children missing education"


class Extract(models.Model):
    """One imported file: a kind of extract for one term. Importing the same kind and term again
    replaces it whole."""

    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=30, choices=ExtractKind.choices)
    term = models.PositiveIntegerField(help_text="The term's code: the academic year's first year, then 0-2")
    file_name = models.CharField(max_length=200, blank=True)
    imported_at = models.DateTimeField(auto_now=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    rows = models.PositiveIntegerField(default=0)
    unmatched = models.PositiveIntegerField(default=0)

    objects = CouncilQuerySet.as_manager()

    class Meta:
        ordering = ["-term", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["local_authority", "kind", "term"], name="one_inclusion_extract_a_term"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {rules.Term.of_code(self.term).label}"

    @property
    def term_label(self) -> str:
        return rules.Term.of_code(self.term).label


class FiguresQuerySet(CouncilQuerySet):
    def figures_for(self, user, capability: Capability):
        """Rows counted in the figures a user may see: the council's, or a SENCO's school's."""
        reach = scope(user, capability)
        if reach is None:
            return self.none()
        rows = self.of_council(council_id(user))
        return rows.filter(setting_id=user.setting_id) if reach == Scope.SCHOOL else rows


class PupilRowQuerySet(FiguresQuerySet):
    def of_children_visible_to(self, user, capability: Capability):
        """Rows of the children `capability` reaches: the council's, a coordinator's caseload, a
        SENCO's own pupils (rows their school sent, or of children now on its roll)."""
        reach = scope(user, capability)
        if reach is None:
            return self.none()
        rows = self.of_council(council_id(user)).filter(child__isnull=False)
        if reach == Scope.SCHOOL:
            return rows.filter(
                models.Q(setting_id=user.setting_id) | models.Q(child__setting_id=user.setting_id)
            )
        return rows.filter(child__in=Child.objects.in_scope(user, reach))


class PupilRow(models.Model):
    extract = models.ForeignKey(Extract, on_delete=models.CASCADE, related_name="+")
    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="+"
    )
    line = models.PositiveIntegerField(help_text="The row's line in the file")
    upn = models.CharField("UPN", max_length=13, db_index=True)
    child = models.ForeignKey(Child, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    setting = models.ForeignKey("organisations.Setting", on_delete=models.PROTECT, related_name="+")
    sen_status = models.CharField("SEN status", max_length=1, choices=SEN_STATUS)
    need = models.CharField("primary need", max_length=4, blank=True)

    objects = PupilRowQuerySet.as_manager()

    class Meta:
        abstract = True


class Attendance(PupilRow):
    sessions_possible = models.PositiveSmallIntegerField()
    sessions_authorised = models.PositiveSmallIntegerField()
    sessions_unauthorised = models.PositiveSmallIntegerField()
    persistently_absent = models.BooleanField()

    class Meta:
        indexes = [models.Index(fields=["extract", "sen_status"])]

    def __str__(self) -> str:
        return (
            f"{self.upn}: {self.sessions_authorised + self.sessions_unauthorised} of {self.sessions_possible}"
        )


class AttendanceCount(models.Model):
    """The attendance extract of a term counted by school, primary need and SEN status (pupils on
    roll, persistently absent): what the measures read instead of the extract's rows (ADR 75).
    Written by `services.import_extract` in the same transaction as the rows, so it is all or
    nothing with them; `tellonce rebuild-inclusion-counts` writes it again from the rows. Counts by
    phase and locality come from the school at read time, so a school's new locality counts at
    once. Attendance has one row a pupil a term, so these counts add up across schools; episodes
    are counted distinct by pupil and are read from their rows."""

    extract = models.ForeignKey(Extract, on_delete=models.CASCADE, related_name="+")
    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="+"
    )
    setting = models.ForeignKey("organisations.Setting", on_delete=models.PROTECT, related_name="+")
    need = models.CharField("primary need", max_length=4, blank=True)
    sen_status = models.CharField("SEN status", max_length=1, choices=SEN_STATUS)
    pupils = models.PositiveIntegerField()
    persistently_absent = models.PositiveIntegerField()

    objects = FiguresQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["extract", "setting", "need", "sen_status"], name="one_attendance_count_a_group"
            )
        ]

    def __str__(self) -> str:
        return f"{self.pupils} pupils ({self.sen_status})"


class Episode(PupilRow):
    """A suspension or exclusion, part-time timetable, move off roll, placement in alternative
    provision or EOTAS, or time missing education."""

    kind = models.CharField(max_length=30, choices=EPISODE_KINDS)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    sessions = models.PositiveSmallIntegerField(null=True, blank=True)
    hours_per_week = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    reason = models.CharField(max_length=4, blank=True)
    destination = models.CharField(max_length=20, blank=True)
    provider = models.CharField(max_length=160, blank=True)

    class Meta:
        ordering = ["-started_on"]
        indexes = [models.Index(fields=["extract", "kind", "sen_status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.started_on}"

    def as_episode(self) -> rules.Episode:
        return rules.Episode(
            rules.EpisodeKind(self.kind), self.started_on, self.ended_on, self.sessions, self.destination
        )

    @property
    def reason_text(self) -> str:
        return rules.EXCLUSION_REASONS.get(self.reason, "")

    @property
    def destination_text(self) -> str:
        return rules.OFF_ROLL_DESTINATIONS.get(self.destination, "")


class ActionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(child__in=Child.objects.within_scope(user, Capability.SEE_INCLUSION_CHILDREN))


class InclusionAction(CouncilOwned, BaseModel):
    """What the SEND team did about a child with a plan who is excluded, on a part-time timetable
    or out of school, and when to look again."""

    council_from = "child"

    class What(models.TextChoices):
        CONTACTED_SCHOOL = "contacted_school", "Spoke to the school"
        CONTACTED_FAMILY = "contacted_family", "Spoke to the family"
        EARLY_REVIEW = "early_review", "Called an early review of the plan"
        ARRANGED_PROVISION = "arranged_provision", "Arranged education or alternative provision"
        RETURN_PLAN = "return_plan", "Agreed a plan to return to full-time education"
        CHALLENGED = "challenged", "Challenged the exclusion or timetable"
        OTHER = "other", "Something else"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="+")
    what = models.CharField(max_length=30, choices=What.choices)
    notes = models.TextField(blank=True)
    done_on = models.DateField()
    look_again_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["-done_on", "-created_at"]

    def __str__(self) -> str:
        return self.get_what_display()


class CouncilThreshold(BaseModel):
    """The council's choice of how long a child with a plan may be out of school before the SEND
    team is told (school days)."""

    local_authority = models.OneToOneField(
        "organisations.LocalAuthority", on_delete=models.CASCADE, related_name="+"
    )
    out_of_school_days = models.PositiveSmallIntegerField(default=15)

    objects = CouncilQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.out_of_school_days} school days"
