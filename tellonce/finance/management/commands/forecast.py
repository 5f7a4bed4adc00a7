import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tellonce.accounts.actors import Actor
from tellonce.accounts.models import User
from tellonce.domain.forecasting.backtest import report
from tellonce.domain.forecasting.model import ForecastError, parse_mitigation
from tellonce.domain.forecasting.series import SeriesError, read_series
from tellonce.finance import services
from tellonce.organisations.councils import UnknownCouncil, council_named


def _read(path: Path | None) -> str:
    if path is None:
        return ""
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CommandError(f"{path}: no such file") from None


class Command(BaseCommand):
    help = "Forecast EHC plans (run) or test the model on past years (backtest). See docs/forecasting.md."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser("run", help="Forecast an area's plans")
        run.add_argument("--series", type=Path, required=True)
        run.add_argument("--population", type=Path, help="Population 0-25 by year (year, population[, area])")
        run.add_argument("--area", help="Which area of a many-area series")
        run.add_argument("--horizon", type=int, default=3)
        run.add_argument(
            "--mitigation",
            action="append",
            default=[],
            help="NAME:growth=-2:special_school=-3:mainstream_school=3 (repeatable)",
        )
        run.add_argument("--json", action="store_true")
        run.add_argument("--save", action="store_true", help="Keep this forecast as a vintage")
        run.add_argument(
            "--council", help="The council whose forecast it is (its DfE code), if there are several"
        )
        run.add_argument("--assumption", default="", help="Why the rate of plans changes as forecast")
        back = sub.add_parser("backtest", help="Re-run the model from each past year and score it")
        back.add_argument("--series", type=Path, required=True)
        back.add_argument("--json", action="store_true")

    def handle(self, *args, action, **options):
        try:
            if action == "backtest":
                return self._backtest(options)
            return self._run(options)
        except (SeriesError, ForecastError, services.AssumptionNeeded) as problem:
            raise CommandError(str(problem)) from None

    def _backtest(self, options):
        result = report(read_series(_read(options["series"]), default_area=options["series"].stem))
        if options["json"]:
            self.stdout.write(json.dumps(result, indent=2))
            return
        for name, block in [*result["areas"].items(), ("All areas", result["overall"])]:
            self.stdout.write(f"{name}")
            for h in ("1", "2", "3"):
                m, b = block["model"][h], block["baseline"][h]
                self.stdout.write(
                    f"  {h} year(s) ahead: model MAPE {m['mape']}% (bias {m['bias']:+}), "
                    f"last year's growth continues {b['mape']}% (bias {b['bias']:+}), n={m['n']}"
                    if m["n"]
                    else f"  {h} year(s) ahead: not enough years"
                )
        verdict = result["model_beats_baseline"]["3"]
        self.stdout.write(
            "At 3 years ahead the model "
            + ("beats" if verdict else "does NOT beat")
            + " the baseline over these series."
        )

    def _run(self, options):
        mitigations = tuple(parse_mitigation(text) for text in options["mitigation"])
        series_csv, population_csv = _read(options["series"]), _read(options["population"])
        result = services.run(
            series_csv,
            population_csv=population_csv,
            area=options["area"],
            horizon=options["horizon"],
            mitigations=mitigations,
            name=options["series"].stem,
        )
        if options["save"]:
            try:
                council = council_named(options["council"])
            except UnknownCouncil as unknown:
                raise CommandError(f"{unknown}. Nothing was saved.") from None
            vintage = services.keep_forecast(
                result,
                local_authority=council,
                by=Actor.command(User.system_account(), "forecast run --save"),
                series_csv=series_csv,
                population_csv=population_csv,
                horizon=options["horizon"],
                assumption=options["assumption"],
            )
            self.stderr.write(f"Saved as forecast vintage {vintage.pk}.")
        if options["json"]:
            self.stdout.write(json.dumps(result, indent=2))
            return
        self.stdout.write(
            f"{result['area']}: {result['base_total']:,.0f} plans in January {result['base_year']}, "
            f"growing {result['growth_per_year_percent']}% a year"
        )
        for year in result["unmitigated"]:
            self.stdout.write(
                f"  {year['year']}: {year['total']:,.0f} (range {year['low']:,.0f} to {year['high']:,.0f})"
            )
        for year in result["mitigated"] or []:
            self.stdout.write(f"  {year['year']} mitigated: {year['total']:,.0f}")
        if result["warning"]:
            self.stdout.write(f"Warning: {result['warning']}")
