"""SEN support in schools (ADR 74): each school's termly census extract (the SEN items of the DfE's
Common Basic Data Set for each pupil, by UPN), the rows whose UPN matched no child, and the
SENCO's record of the graduated approach (assess, plan, do, review; Code of Practice 6.44-6.56)."""

from django.conf import settings
from django.db import models

from tellonce.accounts.policy import Capability, Scope, scope
from tellonce.core.council_key import CouncilOwned
from tellonce.core.models import BaseModel
from tellonce.domain.sen_support import PROVISION_LABELS, term_label
from tellonce.organisations.councils import council_id

PROVISION_CHOICES = [(p.value, label) for p, label in PROVISION_LABELS.items()]


def _reach(user, capability: Capability) -> tuple[Scope | None, int | None]:
    return scope(user, capability), council_id(user)


class CensusQuerySet(models.QuerySet):
    def within_scope(self, user, capability: Capability = Capability.SEE_SEN_SUPPORT):
        """The council's staff see every school's census; a SENCO their own school's."""
        reach, council = _reach(user, capability)
        if reach == Scope.COUNCIL:
            return self.filter(local_authority_id=council)
        if reach == Scope.SCHOOL:
            return self.filter(setting_id=user.setting_id, local_authority_id=council)
        return self.none()


class CensusImport(BaseModel):
    """One school's census extract for one census day; a second file for the same day replaces it."""

    local_authority = models.ForeignKey("organisations.LocalAuthority", on_delete=models.PROTECT)
    setting = models.ForeignKey("organisations.Setting", on_delete=models.PROTECT, related_name="censuses")
    census_date = models.DateField()
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    imported_on = models.DateField()
    file_name = models.CharField(max_length=200, blank=True)
    pupils = models.PositiveIntegerField(help_text="Every pupil in the file, matched or not")
    sen_support = models.PositiveIntegerField(help_text="Pupils with SEN provision K")
    ehc_plan = models.PositiveIntegerField(help_text="Pupils with SEN provision E")

    objects = CensusQuerySet.as_manager()

    class Meta:
        ordering = ["-census_date", "setting__name"]
        constraints = [
            models.UniqueConstraint(fields=["setting", "census_date"], name="one_census_per_school_and_day")
        ]

    def __str__(self) -> str:
        return f"{self.setting}: {self.term}"

    @property
    def term(self) -> str:
        return term_label(self.census_date)


class CensusRecordQuerySet(models.QuerySet):
    def within_scope(self, user, capability: Capability = Capability.SEE_SEN_SUPPORT):
        return self.filter(census__in=CensusImport.objects.within_scope(user, capability))


class CensusRecord(CouncilOwned, models.Model):
    """One pupil's SEN items at one census (CBDS SENprovision, SENtype ranked 1 and 2)."""

    council_from = "census"

    census = models.ForeignKey(CensusImport, on_delete=models.CASCADE, related_name="records")
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="census_records")
    upn = models.CharField("UPN", max_length=13)
    provision = models.CharField("SEN provision", max_length=1, choices=PROVISION_CHOICES)
    need_1 = models.CharField("need type, rank 1", max_length=4, blank=True)
    need_2 = models.CharField("need type, rank 2", max_length=4, blank=True)

    objects = CensusRecordQuerySet.as_manager()

    class Meta:
        ordering = ["census__census_date"]
        indexes = [models.Index(fields=["child", "census"])]
        constraints = [models.UniqueConstraint(fields=["census", "child"], name="one_census_row_per_pupil")]

    def __str__(self) -> str:
        return f"{self.upn}: {self.provision}"


class UnmatchedCensusRowQuerySet(models.QuerySet):
    def within_scope(self, user, capability: Capability = Capability.IMPORT_SCHOOL_CENSUS):
        return self.filter(census__in=CensusImport.objects.within_scope(user, capability))

    def waiting(self):
        return self.filter(resolved_child__isnull=True, dismissed_on__isnull=True)


class UnmatchedCensusRow(CouncilOwned, models.Model):
    """A census row with a valid UPN that matched no child of the council: for a person to match
    (to the child whose record lacks or has another UPN) or set aside."""

    council_from = "census"

    census = models.ForeignKey(CensusImport, on_delete=models.CASCADE, related_name="unmatched")
    line = models.PositiveIntegerField()
    upn = models.CharField("UPN", max_length=13)
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    provision = models.CharField("SEN provision", max_length=1, choices=PROVISION_CHOICES)
    need_1 = models.CharField(max_length=4, blank=True)
    need_2 = models.CharField(max_length=4, blank=True)
    resolved_child = models.ForeignKey(
        "people.Child", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dismissed_on = models.DateField(null=True, blank=True)

    objects = UnmatchedCensusRowQuerySet.as_manager()

    class Meta:
        ordering = ["census__census_date", "line"]

    def __str__(self) -> str:
        return f"{self.census}: line {self.line}"

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class CycleOutcome(models.TextChoices):
    CONTINUE = "continue", "Continue SEN support with the same plan"
    CHANGE = "change", "Continue SEN support with a changed plan"
    NEEDS_MET = "needs_met", "Needs met: no longer on SEN support"
    ASK_FOR_ASSESSMENT = "assessment", "Ask the council for an EHC needs assessment"


class CycleQuerySet(models.QuerySet):
    def within_scope(self, user, capability: Capability = Capability.SEE_SEN_SUPPORT):
        """The council's staff see every school's cycles; a SENCO their school's."""
        reach, council = _reach(user, capability)
        if reach == Scope.COUNCIL:
            return self.filter(child__local_authority_id=council)
        if reach == Scope.SCHOOL:
            return self.filter(setting_id=user.setting_id, child__local_authority_id=council)
        return self.none()

    def editable_by(self, user):
        return self.within_scope(user, Capability.RECORD_SEN_SUPPORT)


class Cycle(CouncilOwned, BaseModel):
    """One cycle of the graduated approach for a pupil on SEN support: what was assessed, the
    outcomes planned, the provision put in place and its cost, and the review with its outcome."""

    council_from = "child"

    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="support_cycles")
    setting = models.ForeignKey("organisations.Setting", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField()
    assess = models.TextField("what was assessed")
    plan = models.TextField("the outcomes planned")
    do = models.TextField("what was done")
    provision = models.TextField("provision")
    cost = models.DecimalField("cost for the cycle (£)", max_digits=9, decimal_places=2)
    review_by = models.DateField("review by")
    reviewed_on = models.DateField(null=True, blank=True)
    review = models.TextField("what the review found", blank=True)
    outcome = models.CharField(max_length=12, choices=CycleOutcome.choices, blank=True)

    objects = CycleQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-created_at"]

    def __str__(self) -> str:
        return f"SEN support from {self.started_on}"

    @property
    def is_reviewed(self) -> bool:
        return self.reviewed_on is not None
