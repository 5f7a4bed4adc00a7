"""The council's targets for the dashboard's measures."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from tellonce.core.models import Versioned
from tellonce.domain.partnership import MEASURES


class Target(Versioned):
    """The percentage the council aims for on one measure (met in the direction that is good)."""

    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.CASCADE, related_name="partnership_targets"
    )
    measure = models.CharField(max_length=60, choices=[(m.key, m.title) for m in MEASURES])
    percent = models.DecimalField(
        max_digits=4, decimal_places=1, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    set_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["local_authority", "measure"], name="one_target_per_measure")
        ]

    def __str__(self) -> str:
        return f"{self.get_measure_display()}: {self.percent}%"
