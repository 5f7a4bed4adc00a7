"""Every forecast run is kept as a vintage, so later actuals can show how good it was."""

from django.conf import settings
from django.db import models

from tellonce.core.council_key import CouncilOwned
from tellonce.core.formatting import govuk_date
from tellonce.domain import banding
from tellonce.organisations.councils import CouncilQuerySet
from tellonce.organisations.models import SettingType


class ForecastVintage(models.Model):
    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    area = models.CharField(max_length=120)
    base_year = models.PositiveSmallIntegerField()
    horizon = models.PositiveSmallIntegerField()
    series_csv = models.TextField()
    population_csv = models.TextField(blank=True)
    result = models.JSONField()
    assumption = models.TextField(
        blank=True, help_text="Why the rate of plans is expected to change as forecast"
    )

    objects = CouncilQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.area} forecast from {self.base_year}, made {self.created_at:%d %B %Y}"


class BandTable(models.Model):
    """The element 3 top-up bands for one type of setting, from a date. Proposed tables are simulated
    across the caseload before they are adopted."""

    class Status(models.TextChoices):
        IN_USE = "in_use", "In use"
        PROPOSED = "proposed", "Proposed"

    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(max_length=120)
    setting_type = models.CharField(max_length=30, choices=SettingType.choices)
    effective_from = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.IN_USE)

    objects = CouncilQuerySet.as_manager()

    class Meta:
        ordering = ["setting_type", "-effective_from"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_setting_type_display()}, from {self.effective_from:%d %B %Y})"

    def as_domain(self) -> banding.BandTable:
        return banding.BandTable(
            self.setting_type,
            self.effective_from,
            tuple(banding.Band(b.code, float(b.top_up)) for b in self.bands.all()),
        )


class Band(CouncilOwned, models.Model):
    council_from = "table"
    table = models.ForeignKey(BandTable, on_delete=models.CASCADE, related_name="bands")
    code = models.CharField(max_length=10)
    top_up = models.DecimalField("top-up a year (£)", max_digits=9, decimal_places=2)
    descriptor = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["top_up"]
        constraints = [models.UniqueConstraint(fields=["table", "code"], name="band_code_unique_in_table")]

    def __str__(self) -> str:
        return f"Band {self.code}: £{self.top_up:,.0f}"


class TopUp(CouncilOwned, models.Model):
    """A panel's decision on a pupil's band, with the band the descriptors suggested and, where
    the two differ, the reason."""

    council_from = "child"

    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="top_ups")
    band = models.ForeignKey(Band, on_delete=models.PROTECT, related_name="decisions")
    suggested = models.ForeignKey(Band, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    levels = models.JSONField(default=dict, help_text="Need descriptor levels 0-4 by area")
    reason = models.TextField(blank=True)
    decided_on = models.DateField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        ordering = ["-decided_on"]

    def __str__(self) -> str:
        return f"{self.band} from {govuk_date(self.decided_on)}"


class Placement(models.TextChoices):
    """Placement groups used for high-needs spend (DfE high needs benchmarking groups)."""

    MAINSTREAM = "mainstream", "Mainstream, SEN units and resourced provision"
    SPECIAL = "special", "Maintained and academy special schools"
    INDEPENDENT = "independent", "Independent and non-maintained special schools"
    POST_16 = "post_16", "Further education and specialist post-16"
    OTHER = "other", "Other arrangements"


PLACEMENT_OF_SETTING = {
    "mainstream": Placement.MAINSTREAM,
    "sen_unit": Placement.MAINSTREAM,
    "resourced_provision": Placement.MAINSTREAM,
    "early_years": Placement.OTHER,
    "maintained_special": Placement.SPECIAL,
    "academy_special": Placement.SPECIAL,
    "independent_special": Placement.INDEPENDENT,
    "non_maintained_special": Placement.INDEPENDENT,
    "fe_college": Placement.POST_16,
    "specialist_post_16": Placement.POST_16,
    "independent": Placement.INDEPENDENT,
    "alternative_provision": Placement.OTHER,
}


class UnitCost(models.Model):
    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="+"
    )
    placement = models.CharField(max_length=12, choices=Placement.choices)
    financial_year = models.PositiveSmallIntegerField(
        help_text="The year the financial year starts, e.g. 2026"
    )
    amount = models.DecimalField("average cost a plan a year (£)", max_digits=10, decimal_places=2)

    objects = CouncilQuerySet.as_manager()

    class Meta:
        ordering = ["-financial_year", "placement"]
        constraints = [
            models.UniqueConstraint(
                fields=["local_authority", "placement", "financial_year"],
                name="one_unit_cost_a_year_a_council",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_placement_display()} {self.financial_year}: £{self.amount:,.0f}"


class SpendMonth(models.Model):
    """Budgeted and actual plans and monthly cost per plan, by placement group and month."""

    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="+"
    )
    month = models.DateField(help_text="The first day of the month")
    placement = models.CharField(max_length=12, choices=Placement.choices)
    budget_plans = models.DecimalField(max_digits=9, decimal_places=1)
    budget_unit_cost = models.DecimalField(
        max_digits=10, decimal_places=2, help_text="Per plan per month (£)"
    )
    actual_plans = models.DecimalField(max_digits=9, decimal_places=1, null=True, blank=True)
    actual_unit_cost = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)

    objects = CouncilQuerySet.as_manager()

    class Meta:
        ordering = ["month", "placement"]
        constraints = [
            models.UniqueConstraint(
                fields=["local_authority", "month", "placement"], name="one_spend_row_a_month_a_council"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%B %Y} {self.placement}"


class RecoveryTarget(models.Model):
    """A target in the deficit recovery (DSG management) plan, and what happened."""

    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(max_length=200)
    year = models.PositiveSmallIntegerField()
    target = models.DecimalField(max_digits=14, decimal_places=2)
    actual = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    lower_is_better = models.BooleanField(default=True)

    objects = CouncilQuerySet.as_manager()

    class Meta:
        ordering = ["year", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"
