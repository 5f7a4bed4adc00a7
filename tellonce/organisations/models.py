"""The organisations of a local area's SEND partnership: the council and its localities,
education settings, health providers and their teams, social care teams."""

from django.core.exceptions import ValidationError
from django.db import models

from tellonce.core.models import Versioned
from tellonce.domain.codes import OFFICER_IN_POST
from tellonce.domain.education_settings import PHASE_LABELS, SettingPhase, SettingYears, years_problems
from tellonce.domain.identifiers import la_code_problem, postcode_problem, ukprn_problem, urn_problem


def _check(problem: str | None) -> None:
    if problem:
        raise ValidationError(problem)


def validate_la_code(value: str) -> None:
    _check(la_code_problem(value))


def validate_urn(value: str) -> None:
    _check(urn_problem(value))


def validate_ukprn(value: str) -> None:
    _check(ukprn_problem(value))


def validate_postcode(value: str) -> None:
    _check(postcode_problem(value))


class LocalAuthority(Versioned, models.Model):
    """The council, with what the SEN2 return's header says of it: its DfE LA code and whether its
    designated medical, clinical and social care officers are in post (send-rules.md section 9)."""

    name = models.CharField(max_length=120)
    code = models.CharField(
        "LA code",
        max_length=3,
        unique=True,
        validators=[validate_la_code],
        help_text="3-digit DfE code, e.g. 886",
    )
    designated_medical_officer = models.CharField(
        "designated medical officer (DMO) in post",
        max_length=1,
        choices=OFFICER_IN_POST.choices(),
        blank=True,
        help_text="SEN2 header item DMO; blank until recorded",
    )
    designated_clinical_officer = models.CharField(
        "designated clinical officer (DCO) in post",
        max_length=1,
        choices=OFFICER_IN_POST.choices(),
        blank=True,
        help_text="SEN2 header item DCO; blank until recorded",
    )
    designated_social_care_officer = models.CharField(
        "designated social care officer (DSCO) in post",
        max_length=1,
        choices=OFFICER_IN_POST.choices(),
        blank=True,
        help_text="SEN2 header item DSCO; blank until recorded",
    )

    class Meta:
        verbose_name_plural = "local authorities"

    def __str__(self) -> str:
        return self.name


class Locality(Versioned, models.Model):
    local_authority = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="localities")
    name = models.CharField(max_length=120)
    postcode_districts = models.CharField(
        max_length=200, blank=True, help_text="Postcode districts in this locality, e.g. 'KT1 KT2'"
    )

    class Meta:
        verbose_name_plural = "localities"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["local_authority", "name"], name="unique_locality_name")
        ]

    def __str__(self) -> str:
        return self.name


Phase = SettingPhase


class SettingType(models.TextChoices):
    MAINSTREAM = "mainstream", "Mainstream"
    SEN_UNIT = "sen_unit", "Mainstream with SEN unit"
    RESOURCED_PROVISION = "resourced_provision", "Mainstream with resourced provision"
    MAINTAINED_SPECIAL = "maintained_special", "Maintained special school"
    ACADEMY_SPECIAL = "academy_special", "Academy or free special school"
    INDEPENDENT_SPECIAL = "independent_special", "Independent special school"
    NON_MAINTAINED_SPECIAL = "non_maintained_special", "Non-maintained special school"
    FE_COLLEGE = "fe_college", "Further education college"
    SPECIALIST_POST_16 = "specialist_post_16", "Specialist post-16 institution"
    EARLY_YEARS = "early_years", "Early years provider"
    ALTERNATIVE_PROVISION = "alternative_provision", "Pupil referral unit or alternative provision"
    INDEPENDENT = "independent", "Independent school"


class Setting(Versioned, models.Model):
    """A school, college or early years provider: a place a child is on the roll of. Its phase and
    the year groups it teaches say which transfer between phases its pupils make, and when
    (domain.phase_transfer, ADR 51); its type says how it is funded and what provision it has."""

    name = models.CharField(max_length=160)
    urn = models.CharField(
        "URN",
        max_length=6,
        blank=True,
        validators=[validate_urn],
        help_text="Unique reference number from GIAS, up to 6 digits",
    )
    ukprn = models.CharField(
        "UKPRN", max_length=8, blank=True, validators=[validate_ukprn], help_text="8 digits, starting with 1"
    )
    phase = models.CharField(max_length=30, choices=[(p.value, label) for p, label in PHASE_LABELS.items()])
    setting_type = models.CharField("type", max_length=30, choices=SettingType.choices)
    lowest_year = models.SmallIntegerField(
        "lowest year group",
        help_text="The youngest pupils' year: -1 is Nursery, 0 Reception, 1-13 Years 1-13",
    )
    highest_year = models.SmallIntegerField(
        "highest year group", help_text="The oldest pupils' year: 14 for every year after Year 13"
    )
    has_sixth_form = models.BooleanField(default=False)
    local_authority = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="settings")
    locality = models.ForeignKey(Locality, on_delete=models.SET_NULL, null=True, blank=True)
    postcode = models.CharField(max_length=8, blank=True, validators=[validate_postcode])

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["urn"], condition=~models.Q(urn=""), name="unique_setting_urn"),
            models.CheckConstraint(
                condition=models.Q(lowest_year__lte=models.F("highest_year")), name="setting_years_in_order"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def years(self) -> SettingYears:
        """What the setting teaches, as the phase-transfer rules read it."""
        return SettingYears(
            self.lowest_year, self.highest_year, self.has_sixth_form, SettingPhase(self.phase)
        )

    def clean(self) -> None:
        if self.lowest_year is not None and self.highest_year is not None and self.phase in SettingPhase:
            if problems := years_problems(self.years):
                raise ValidationError({"highest_year": problems})


class HealthProvider(Versioned, models.Model):
    """An NHS trust or other provider whose teams give health advice, as one council records it:
    two councils working with one trust each keep their own (ADR 52)."""

    name = models.CharField(max_length=160)
    ods_code = models.CharField("ODS code", max_length=10, blank=True)
    local_authority = models.ForeignKey(
        LocalAuthority, on_delete=models.PROTECT, null=True, blank=True, related_name="health_providers"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Service(models.TextChoices):
    EDUCATIONAL_PSYCHOLOGY = "educational_psychology", "Educational psychology"
    SPEECH_AND_LANGUAGE_THERAPY = "speech_and_language_therapy", "Speech and language therapy"
    OCCUPATIONAL_THERAPY = "occupational_therapy", "Occupational therapy"
    PHYSIOTHERAPY = "physiotherapy", "Physiotherapy"
    PAEDIATRICS = "paediatrics", "Community paediatrics"
    CAMHS = "camhs", "Child and adolescent mental health (CAMHS)"
    HEALTH_VISITING = "health_visiting", "Health visiting and school nursing"
    SOCIAL_CARE = "social_care", "Social care"
    SENSORY = "sensory", "Sensory support (hearing and vision)"
    DESIGNATED_OFFICERS = "designated_officers", "Designated clinical and social care officers"
    OTHER = "other", "Other"


class Team(Versioned, models.Model):
    """A health, care or council team that professionals belong to and advice is asked of."""

    name = models.CharField(max_length=160)
    service = models.CharField(max_length=40, choices=Service.choices)
    local_authority = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="teams")
    provider = models.ForeignKey(
        HealthProvider,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="teams",
        help_text="The NHS provider, for health teams",
    )
    locality = models.ForeignKey(Locality, on_delete=models.SET_NULL, null=True, blank=True)
    email = models.EmailField(blank=True, help_text="Where advice requests and reminders are sent")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
