from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "tellonce.improvement"
    label = "improvement"
    verbose_name = "Inspection findings and the improvement plan"
