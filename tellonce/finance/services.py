"""High-needs changes: running and keeping forecasts (file text in, a saved vintage out), the
panel's top-up band for a child, and the targets spend is recovered against."""

from typing import Any

from django.db import transaction

from tellonce.accounts.actors import Actor
from tellonce.audit.services import record_change
from tellonce.core.refusals import InvalidStep
from tellonce.core.time import uk_today
from tellonce.domain import banding
from tellonce.domain.forecasting.model import ForecastError, Mitigation, forecast, to_dict
from tellonce.domain.forecasting.series import read_population, read_series
from tellonce.finance.models import BandTable, ForecastVintage, RecoveryTarget, TopUp
from tellonce.organisations.councils import council_id
from tellonce.organisations.models import LocalAuthority
from tellonce.people.models import Child


class AssumptionNeeded(ValueError):
    """Growth far above population growth must come with the assumption behind it."""


def run(
    series_csv: str,
    *,
    population_csv: str = "",
    area: str | None = None,
    horizon: int = 3,
    mitigations: tuple[Mitigation, ...] = (),
    name: str = "All",
) -> dict[str, Any]:
    """Forecast one area of the series (the only one, or `area`); raises SeriesError/ForecastError."""
    all_series = read_series(series_csv, default_area=name)
    if area is None:
        if len(all_series) > 1:
            raise ForecastError(
                f"the series holds several areas ({', '.join(sorted(all_series))}): choose one"
            )
        area = next(iter(all_series))
    if area not in all_series:
        raise ForecastError(f"the series has no area called {area!r}")
    population = read_population(population_csv, area=area) if population_csv.strip() else None
    return to_dict(
        forecast(all_series[area], horizon=horizon, population=population, mitigations=mitigations)
    )


def keep_forecast(
    result: dict[str, Any],
    *,
    local_authority: LocalAuthority,
    series_csv: str,
    population_csv: str,
    horizon: int,
    assumption: str = "",
    by: Actor | None = None,
) -> ForecastVintage:
    if result["warning"] and not assumption.strip():
        raise AssumptionNeeded(result["warning"])
    return ForecastVintage.objects.create(
        local_authority=local_authority,
        created_by=by.user if by is not None else None,
        area=result["area"],
        base_year=result["base_year"],
        horizon=horizon,
        series_csv=series_csv,
        population_csv=population_csv,
        result=result,
        assumption=assumption,
    )


@transaction.atomic
def record_top_up(
    child: Child, *, table: BandTable, levels: dict[str, int], chosen: str, reason: str, by: Actor
) -> TopUp:
    """The panel's top-up band for a child: the band suggested from the need levels, or another
    with the panel's reason (domain.banding.panel_choice_problems); refused with InvalidStep."""
    bands = table.as_domain()
    suggestion = banding.suggest_band(bands, levels)
    problems = banding.panel_choice_problems(
        bands, suggested=suggestion, chosen=chosen, reason=reason, table_name=table.name
    )
    if problems:
        raise InvalidStep.about(problems)
    band = table.bands.get(code=chosen.strip() or suggestion.code)
    suggested = table.bands.get(code=suggestion.code)
    decision = TopUp.objects.create(
        child=child,
        band=band,
        suggested=suggested,
        levels=levels,
        reason=reason.strip(),
        decided_on=uk_today(),
        decided_by=by.user,
    )
    differs = f" (suggested {suggested.code}: {reason})" if suggested and suggested.pk != band.pk else ""
    record_change(by, child, f"Top-up band {band.code} agreed from {band.table.name}{differs}")
    return decision


def set_recovery_target(*, by: Actor, **fields: object) -> RecoveryTarget:
    """A target the council means to recover spend against (the spend page's form's fields), in
    the council of the person setting it."""
    return RecoveryTarget.objects.create(local_authority_id=council_id(by.user), **fields)
