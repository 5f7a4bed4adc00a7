from django.apps import AppConfig


class AppealsConfig(AppConfig):
    name = "tellonce.appeals"
    label = "appeals"
    verbose_name = "Mediation and appeals"

    def ready(self) -> None:
        from tellonce.appeals import permissions  # noqa: F401
