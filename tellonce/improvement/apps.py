from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class ImprovementConfig(AppConfig):
    name = "tellonce.improvement"
    label = "improvement"
    verbose_name = "Inspection findings and the improvement plan"

    def ready(self) -> None:
        from tellonce.improvement import permissions  # noqa: F401  (registers the rules)

        autodiscover_modules("plan_measures")  # each app's measures a priority can cite
