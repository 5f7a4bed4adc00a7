from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "tellonce.demo"
    label = "demo"
    verbose_name = "Demo area"

    def ready(self) -> None:
        from tellonce.demo import foundation  # noqa: F401  (registers the foundation's steps)
