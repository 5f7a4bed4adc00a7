from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tellonce.core"
    label = "core"

    def ready(self):
        from tellonce.core import checks  # noqa: F401 - registers the system checks
