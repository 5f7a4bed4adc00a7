from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "tellonce.improvement"
    label = "improvement"
    verbose_name = "Inspection findings and the improvement plan"

    def ready(self) -> None:
        # The rules and the live measures a priority can cite register on import.
        from tellonce.improvement import measures, permissions  # noqa: F401
        from tellonce.improvement.views.plans import impact_report_producer
        from tellonce.jobs import prepared

        prepared.register(impact_report_producer)
