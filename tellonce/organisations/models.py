"""The organisations of a local area's SEND partnership: the council and its localities,
education settings, health providers and their teams, social care teams."""

from django.db import models


class LocalAuthority(models.Model):
    name = models.CharField(max_length=120)
    code = models.CharField("LA code", max_length=3, unique=True, help_text="3-digit DfE code, e.g. 886")

    class Meta:
        verbose_name_plural = "local authorities"

    def __str__(self) -> str:
        return self.name


class Locality(models.Model):
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


class Phase(models.TextChoices):
    EARLY_YEARS = "early_years", "Early years"
    PRIMARY = "primary", "Primary"
    SECONDARY = "secondary", "Secondary"
    ALL_THROUGH = "all_through", "All-through"
    POST_16 = "post_16", "Post-16"


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


class Setting(models.Model):
    """A school, college or early years provider: a place a child is on the roll of."""

    name = models.CharField(max_length=160)
    urn = models.CharField("URN", max_length=6, blank=True, help_text="Unique reference number from GIAS")
    ukprn = models.CharField("UKPRN", max_length=8, blank=True)
    phase = models.CharField(max_length=20, choices=Phase.choices)
    setting_type = models.CharField("type", max_length=30, choices=SettingType.choices)
    local_authority = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="settings")
    locality = models.ForeignKey(Locality, on_delete=models.SET_NULL, null=True, blank=True)
    postcode = models.CharField(max_length=8, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["urn"], condition=~models.Q(urn=""), name="unique_setting_urn")
        ]

    def __str__(self) -> str:
        return self.name


class HealthProvider(models.Model):
    name = models.CharField(max_length=160)
    ods_code = models.CharField("ODS code", max_length=10, blank=True)

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


class Team(models.Model):
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
