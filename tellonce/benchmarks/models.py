"""The DfE's published figures for every council, region and England, and the council's own list of
statistical neighbours to compare with. A figure is kept as published: its numerator and denominator
where the file gives them, its percentage, and `x` (not available) or `z` (not applicable) as a
marker, never as nought."""

from django.db import models

from tellonce.core.models import Versioned
from tellonce.domain.partnership import Figure


class Level(models.TextChoices):
    NATIONAL = "national", "England"
    REGIONAL = "regional", "Region"
    LOCAL_AUTHORITY = "la", "Local authority"


class PublishedFigure(models.Model):
    release = models.CharField(max_length=40, help_text="The publication it came from, e.g. ehcp_2025")
    measure = models.CharField(max_length=60)
    year = models.PositiveSmallIntegerField("calendar year")
    level = models.CharField(max_length=10, choices=Level.choices)
    la_code = models.CharField("LA code", max_length=3, blank=True)
    la_name = models.CharField(max_length=120, blank=True)
    region_code = models.CharField(max_length=9, blank=True)
    region_name = models.CharField(max_length=120, blank=True)
    numerator = models.IntegerField(null=True, blank=True)
    denominator = models.IntegerField(null=True, blank=True)
    percent = models.FloatField("percentage as published", null=True, blank=True)
    marker = models.CharField(
        max_length=1, blank=True, help_text="x: not available, z: not applicable (blank when published)"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["release", "measure", "year", "level", "region_code", "la_code"],
                name="one_published_figure_per_area",
            )
        ]
        indexes = [models.Index(fields=["measure", "year", "level"])]

    def __str__(self) -> str:
        where = self.la_name or self.region_name or "England"
        return f"{self.measure} {self.year} {where}"

    @property
    def figure(self) -> Figure | None:
        if self.numerator is None or self.denominator is None:
            return None
        return Figure(self.numerator, self.denominator)


class StatisticalNeighbour(Versioned):
    """A council the council compares itself with, in the order it chose."""

    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.CASCADE, related_name="statistical_neighbours"
    )
    la_code = models.CharField("LA code", max_length=3)
    la_name = models.CharField(max_length=120)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["local_authority", "position", "la_name"]
        constraints = [
            models.UniqueConstraint(fields=["local_authority", "la_code"], name="one_neighbour_entry_each")
        ]

    def __str__(self) -> str:
        return f"{self.la_name} ({self.la_code})"
