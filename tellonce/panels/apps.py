from django.apps import AppConfig


class PanelsConfig(AppConfig):
    name = "tellonce.panels"
    label = "panels"
    verbose_name = "Decision panels"
