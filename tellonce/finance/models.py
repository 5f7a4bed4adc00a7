"""Every forecast run is kept as a vintage, so later actuals can show how good it was."""

from django.conf import settings
from django.db import models


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
