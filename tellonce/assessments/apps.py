from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "tellonce.assessments"
    label = "assessments"
    verbose_name = "EHC needs assessments"

    def ready(self) -> None:
        from tellonce.assessments import signals  # noqa: F401  (connects the receivers)
