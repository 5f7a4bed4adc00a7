from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "tellonce.finance"
    label = "finance"
    verbose_name = "High needs: demand forecasts"

    def ready(self) -> None:
        from tellonce.finance import demo  # noqa: F401  (registers the demo step)
