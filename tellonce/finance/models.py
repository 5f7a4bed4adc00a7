"""Every forecast run is kept as a vintage, so later actuals can show how good it was."""

from django.conf import settings
from django.db import models

from tellonce.domain import banding
from tellonce.organisations.models import SettingType


class ForecastVintage(models.Model):
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

    name = models.CharField(max_length=120)
    setting_type = models.CharField(max_length=30, choices=SettingType.choices)
    effective_from = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.IN_USE)

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


class Band(models.Model):
    table = models.ForeignKey(BandTable, on_delete=models.CASCADE, related_name="bands")
    code = models.CharField(max_length=10)
    top_up = models.DecimalField("top-up a year (£)", max_digits=9, decimal_places=2)
    descriptor = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["top_up"]
        constraints = [models.UniqueConstraint(fields=["table", "code"], name="band_code_unique_in_table")]

    def __str__(self) -> str:
        return f"Band {self.code}: £{self.top_up:,.0f}"


class TopUp(models.Model):
    """A panel's decision on a pupil's band, with the band the descriptors suggested and, where
    the two differ, the reason."""

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
        return f"{self.band} from {self.decided_on}"
