from django.apps import AppConfig


class EarlyYearsConfig(AppConfig):
    name = "tellonce.early_years"
    label = "early_years"
    verbose_name = "Notifications from health (early years)"
