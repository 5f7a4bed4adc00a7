from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "tellonce.plans"
    label = "plans"
    verbose_name = "EHC plans"

    def ready(self) -> None:
        from tellonce.plans import permissions  # noqa: F401
