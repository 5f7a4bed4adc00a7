from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "tellonce.finance"
    label = "finance"
    verbose_name = "High needs: demand forecasts"
